"""Deciding what is due as of a day: a pure function of the plan, its status and rules.

Every step of a rule falls on a working day, counted in working-day numbers of the
plan's calendar index (so a run is arithmetic, not date walking). A run on a day off
acts as on the last working day before it. For each task and rule only the latest step
due by then is decided, with that step's day as its ``due`` day: the idempotency key
is then the same on every run until the next step, and the ledger sends it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final

from urbangov.notify._model import Kind, Notification
from urbangov.notify._recipients import Recipients
from urbangov.notify._rules import Rules
from urbangov.tracking import DeadlineSource, Status

if TYPE_CHECKING:
    from urbangov.calendar import WorkCalendar
    from urbangov.hierarchy import Organisation
    from urbangov.meetings import Programme
    from urbangov.plan import Plan, Task
    from urbangov.tracking import StatusReport, TaskStatus

__all__ = ["plan_notifications"]

_ORDER: Final = {kind: i for i, kind in enumerate(Kind)}


class _Days:
    """Dates and working-day numbers of one calendar, around one run's date."""

    def __init__(self, calendar: WorkCalendar, as_of: dt.date) -> None:
        self.index = calendar.index
        self.as_of = as_of
        #: The last working day on or before the run's date.
        self.today = self.last_on_or_before(as_of)

    def last_on_or_before(self, day: dt.date) -> int:
        return int(self.index.number(day.toordinal() + 1)) - 1

    def date(self, number: int) -> dt.date:
        return dt.date.fromordinal(int(self.index.ordinal(number)))


def plan_notifications(
    plan: Plan,
    status: StatusReport,
    organisation: Organisation | None = None,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    *,
    meetings: Sequence[Programme] | None = None,
) -> tuple[Notification, ...]:
    """Every notification due as of ``as_of`` (default: the report's date), sorted by
    recipient, kind, due day and subject.

    Recipients come from ``organisation``: the holder of the post that answers for a
    task (the task's ``accountable``, else the head of its lead organ, else the chair
    of its unit), or the post when nobody is known to hold it; escalations go up
    :meth:`~urbangov.hierarchy.Organisation.escalation`. Without an organisation, the
    lead organ is the recipient. Meeting reminders go to the posts of the meeting's
    organ, for ``meetings`` (default: the plan's programmes).
    """
    rules = rules or Rules()
    day = as_of or status.as_of
    days = _Days(plan.calendar, day)
    people = Recipients(organisation, day)
    found: list[Notification] = []
    for task, row in zip(plan.tasks, status.tasks, strict=True):
        if rules.deadlines_only and row.deadline_source is DeadlineSource.PLANNED_FINISH:
            continue
        found.extend(_for_task(task, row, rules, days, people))
    programmes = plan.meetings if meetings is None else meetings
    for programme in programmes:
        found.extend(_for_meeting(programme, plan.calendar, rules, days, people))
    found.sort(key=lambda n: (n.recipient.key, _ORDER[n.kind], n.due, n.subject))
    return tuple(found)


def _for_task(
    task: Task, row: TaskStatus, rules: Rules, days: _Days, people: Recipients
) -> Iterator[Notification]:
    if row.status is Status.IN_TIME:
        yield from _before(task, row, rules, days, people)
    elif row.status is Status.OVERDUE:
        yield from _overdue(task, row, rules, days, people)


def _label(task: Task) -> str:
    title = task.title if len(task.title) <= 80 else task.title[:79] + "…"
    return f"{task.id} {title}"


def _before(
    task: Task, row: TaskStatus, rules: Rules, days: _Days, people: Recipients
) -> Iterator[Notification]:
    """The latest reminder step due (N days before, the day itself), and at-risk."""
    last = days.last_on_or_before(row.deadline)  # a Sunday deadline is met by Friday
    steps = [(last - n, Kind.REMINDER) for n in rules.before]
    if rules.on_deadline:
        steps.append((last, Kind.DEADLINE))
    due = [(number, kind) for number, kind in steps if number <= days.today]
    who = people.chain(task)[0]
    if due:
        number, kind = max(due)
        left = last - days.today
        text = (
            f"{_label(task)}: due today ({row.deadline}), {row.progress}% done"
            if kind is Kind.DEADLINE or left <= 0
            else f"{_label(task)}: due {row.deadline}, {left} working day(s) left, "
            f"{row.progress}% done"
        )
        yield Notification(kind, task.id, who, days.date(number), text, row.deadline, task=task.id)
    if row.at_risk and rules.at_risk_every:
        number = days.today - days.today % rules.at_risk_every
        text = (
            f"{_label(task)}: forecast to finish {row.forecast_finish}, "
            f"after its deadline {row.deadline}"
        )
        yield Notification(
            Kind.AT_RISK, task.id, who, days.date(number), text, row.deadline, task=task.id
        )


def _overdue(
    task: Task, row: TaskStatus, rules: Rules, days: _Days, people: Recipients
) -> Iterator[Notification]:
    """A reminder every ``overdue_every`` days; one escalation per level reached."""
    first = days.last_on_or_before(row.deadline) + 1  # the first working day late
    if days.today < first:
        return  # late since a day off: nobody is at work to be told yet
    late = days.today - first + 1
    chain = people.chain(task)
    repeat = first + (days.today - first) // rules.overdue_every * rules.overdue_every
    what = f"{_label(task)}: {late} working day(s) overdue (deadline {row.deadline})"
    yield Notification(
        Kind.OVERDUE,
        task.id,
        chain[0],
        days.date(repeat),
        f"{what}, {row.progress}% done",
        row.deadline,
        task=task.id,
    )
    if not rules.escalate_after or len(chain) < 2:
        return
    level = min((late - 1) // rules.escalate_after, len(chain) - 1)
    if level:
        reached = first + level * rules.escalate_after
        text = f"{what}; answered for by {chain[0].name}"
        yield Notification(
            Kind.ESCALATION,
            task.id,
            chain[level],
            days.date(reached),
            text,
            row.deadline,
            level,
            task.id,
        )


def _for_meeting(
    programme: Programme, calendar: WorkCalendar, rules: Rules, days: _Days, people: Recipients
) -> Iterator[Notification]:
    """The latest reminder step due before the programme's next meeting."""
    from urbangov.meetings import next_occurrence

    meeting = next_occurrence(programme, calendar, days.as_of)
    if meeting is None:
        return
    held = days.last_on_or_before(meeting.date)
    due = [held - n for n in rules.meetings_before if held - n <= days.today]
    if not due:
        return
    place = f", {programme.place}" if programme.place else ""
    text = (
        f"{programme.title}: {meeting.date} {meeting.start:%H:%M}\u2013{meeting.end:%H:%M}{place}"
    )
    subject = f"{programme.id}@{meeting.date}"
    for who in people.members(programme.organ):
        yield Notification(Kind.MEETING, subject, who, days.date(max(due)), text, meeting.date)
