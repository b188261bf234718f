"""Agenda items from tracking: the overdue, at-risk and extension-requested tasks, as
of each meeting.

This package depends on :mod:`urbangov.tracking`, never the reverse: tracking says
where tasks stand, and an agenda is one of the places that shows it (status reports
and notifications are others), so tracking knows nothing of meetings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from urbangov.meetings._agenda import AgendaItem, ExtraItems, Section
from urbangov.plan import Language

if TYPE_CHECKING:
    from urbangov.meetings._occurrences import Occurrence
    from urbangov.plan import Plan
    from urbangov.tracking import Baseline, StatusReport, TaskStatus, TrackingLog

__all__ = ["status_items", "tracking_items"]

_NOTES: Final = {
    Language.VI: {
        "overdue": "quá hạn {days} ngày làm việc; đã thực hiện {progress}%",
        "at_risk": "đã thực hiện {progress}%",
        "asked": "xin gia hạn đến {day}",
    },
    Language.EN: {
        "overdue": "{days} working day(s) overdue; {progress}% done",
        "at_risk": "{progress}% done",
        "asked": "asks for a deadline of {day}",
    },
}


def tracking_items(
    plan: Plan,
    log: TrackingLog,
    *,
    baseline: Baseline | None = None,
    lang: Language | str | None = None,
) -> ExtraItems:
    """The :data:`~urbangov.meetings.ExtraItems` that :func:`~urbangov.meetings.agendas`
    takes: each meeting's overdue, at-risk and extension-requested tasks, from the
    records dated up to the meeting's day (as that meeting would have seen them).

    Notes are in ``lang`` (default: the plan's). One status report is computed per
    meeting day, however many programmes meet that day.
    """
    from urbangov.tracking import status_report

    reports: dict[dt.date, StatusReport] = {}

    def items(occurrence: Occurrence, until: dt.date | None) -> list[AgendaItem]:
        day = occurrence.date
        if day not in reports:
            reports[day] = status_report(plan, log, day, baseline=baseline)
        return list(status_items(reports[day], log, lang=lang))

    return items


def status_items(
    report: StatusReport, log: TrackingLog | None = None, *, lang: Language | str | None = None
) -> Iterator[AgendaItem]:
    """One status report's tasks that need a meeting's attention, as agenda items; with
    ``log``, a requested extension's note gives the date asked for and the reason."""
    from urbangov.tracking import Status

    notes = _NOTES[Language(lang or report.plan.lang)]
    plan = report.plan
    for status in report:
        start = report.forecast[status.task].start
        if status.status is Status.OVERDUE:
            note = notes["overdue"].format(days=status.days_late, progress=status.progress)
            yield _item(Section.OVERDUE, plan, status, start, note)
        if status.at_risk:
            note = notes["at_risk"].format(progress=status.progress)
            yield _item(Section.AT_RISK, plan, status, start, note)
    requests = log.pending_requests_on(report.as_of) if log is not None else ()
    for task_id in report.pending_extensions:
        task, status = plan.task(task_id), report[task_id]
        note = "; ".join(
            notes["asked"].format(day=r.new_deadline) + (f" ({r.reason})" if r.reason else "")
            for r in requests
            if r.task == task_id
        )
        yield AgendaItem(
            Section.EXTENSION_REQUESTED,
            task_id,
            task.title,
            task.lead,
            deadline=status.deadline,
            note=note,
        )


def _item(
    section: Section, plan: Plan, status: TaskStatus, start: dt.date, note: str
) -> AgendaItem:
    """A task on the agenda with its forecast dates and its approved deadline."""
    task = plan.task(status.task)
    return AgendaItem(
        section,
        task.id,
        task.title,
        task.lead,
        start,
        status.forecast_finish,
        status.deadline,
        note=note,
    )
