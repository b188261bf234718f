"""What a status report says, apart from how it is written: both formats print this.

Built once from the schedule and the report options, so that the Markdown and the HTML
page cannot disagree, and so that the counts are exactly :func:`~urbangov.tracking.statistics`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, final

import attrs

from urbangov.builtins.status_report._glance import (
    DistrictBar,
    ProgressPoint,
    district_bars,
    progress_curve,
    rolled_leads,
)
from urbangov.reporting import ReportOptions
from urbangov.scheduling import explain_all
from urbangov.tracking import (
    GroupKey,
    Statistics,
    StatisticsRow,
    Status,
    StatusReport,
    statistics,
)

if TYPE_CHECKING:
    from urbangov.calendar import ReportingPeriod
    from urbangov.hierarchy import Organisation
    from urbangov.plan import Plan, Task
    from urbangov.scheduling import Cause, Schedule
    from urbangov.tracking import TaskStatus

__all__ = ["UPCOMING_DAYS", "PendingLine", "StatusContent", "TaskLine", "status_content"]

#: How far ahead "upcoming deadlines" look, in working days (two working weeks).
UPCOMING_DAYS = 10


@final
@attrs.frozen
class TaskLine:
    """One task in a list of the report (overdue, at risk, extended)."""

    task: str
    title: str
    lead: str | None
    #: Who answers for it: the accountable person (or post), when organisation data has it.
    accountable: str | None
    deadline: dt.date
    original_deadline: dt.date | None
    extensions: int
    progress: int
    forecast_finish: dt.date
    #: Working days late: past the deadline (overdue), or forecast past it (at risk).
    days_late: int
    #: What set the forecast (the head of its driving path), for the lists of late
    #: and at-risk tasks.
    cause: Cause | None = None


@final
@attrs.frozen
class PendingLine:
    """A request for more time not yet decided on the report's day."""

    task: str
    title: str
    lead: str | None
    deadline: dt.date
    requested_on: dt.date | None = None
    new_deadline: dt.date | None = None
    reason: str | None = None


@final
@attrs.frozen
class StatusContent:
    """A city report: the plan, its day and period, the counts, the tables and lists."""

    title: str
    plan_id: str
    as_of: dt.date
    period: ReportingPeriod | None
    #: Per unit, only units this many levels below the top (None: all).
    depth: int | None
    forecast_finish: dt.date
    #: The whole plan's counts in the official taxonomy (for the period, if any).
    overall: StatisticsRow
    #: Per lead agency and/or per unit, as ``group_by`` asks (None: both, and per
    #: group of the plan when it has groups).
    tables: tuple[Statistics, ...]
    #: Display names of leads and units (their ids when nothing names them).
    names: dict[str, str]
    overdue: tuple[TaskLine, ...]
    at_risk: tuple[TaskLine, ...]
    #: Open tasks due within :data:`UPCOMING_DAYS` working days (``days_late``: days left).
    upcoming: tuple[TaskLine, ...]
    #: Open tasks on the forecast's critical path (``days_late``: total slack).
    critical: tuple[TaskLine, ...]
    extended: tuple[TaskLine, ...]
    pending: tuple[PendingLine, ...]
    #: Each district's on-time rate and overdue count (with a hierarchy).
    districts: tuple[DistrictBar, ...] = ()
    #: The plan's planned and reported progress over time (with the tracking log).
    progress: tuple[ProgressPoint, ...] = ()
    #: The lead table counts each district's committees in one row.
    rolled: bool = False

    def name(self, key: str | None) -> str | None:
        """A lead's or unit's display name (its id when nothing names it)."""
        return None if key is None else self.names.get(key, key)


def status_content(schedule: Schedule, options: ReportOptions, format_name: str) -> StatusContent:
    """The content of the status report ``options.status`` describes."""
    report = options.require_status(format_name)
    wanted: tuple[GroupKey, ...] = (GroupKey.LEAD, GroupKey.UNIT)
    if options.group_by is not None:
        wanted = (GroupKey(options.group_by.value),)
    elif report.plan.groups:  # and per group of the plan, when it has some
        wanted += (GroupKey.GROUP,)
    tables = tuple(_table(report, by, options) for by in wanted)
    hierarchy = options.hierarchy
    rolled = hierarchy is not None and GroupKey.LEAD in wanted
    if hierarchy is not None:
        tables = tuple(
            rolled_leads(table, hierarchy, report.as_of) if table.by.value == "lead" else table
            for table in tables
        )
    lines = _Lines(report, options.organisation)
    return StatusContent(
        title=report.plan.title or report.plan.id,
        plan_id=report.plan.id,
        as_of=report.as_of,
        period=options.period,
        depth=options.depth,
        forecast_finish=report.forecast.finish,
        overall=tables[0].overall,
        tables=tables,
        names=_names(tables, report, options.organisation),
        overdue=lines.of(t for t in report if t.status is Status.OVERDUE),
        at_risk=lines.of(t for t in report if t.at_risk),
        upcoming=lines.upcoming(),
        critical=lines.critical(),
        extended=lines.of(t for t in report if t.extended),
        pending=_pending(report, options),
        districts=() if hierarchy is None else district_bars(report, hierarchy),
        progress=()
        if options.log is None
        else progress_curve(report.forecast.planned(), options.log, report.as_of),
        rolled=rolled,
    )


def _table(report: StatusReport, by: GroupKey, options: ReportOptions) -> Statistics:
    return statistics(
        report,
        by=by.value,
        period=options.period,
        hierarchy=options.hierarchy,
        depth=options.depth,
    )


@final
class _Lines:
    """Turns task statuses into report lines, most late first."""

    def __init__(self, report: StatusReport, organisation: Organisation | None) -> None:
        self.report = report
        self.plan: Plan = report.plan
        self.organisation = organisation

    def of(self, found: Iterable[TaskStatus]) -> tuple[TaskLine, ...]:
        """The lines of late or at-risk tasks, each with the cause of its forecast."""
        statuses = list(found)
        why = explain_all(self.report.forecast, [t.task for t in statuses])
        lines = [attrs.evolve(self._line(t), cause=why[t.task].cause) for t in statuses]
        order = {line.task: i for i, line in enumerate(lines)}
        return tuple(sorted(lines, key=lambda line: (-line.days_late, order[line.task])))

    def upcoming(self) -> tuple[TaskLine, ...]:
        """Open tasks due in the next :data:`UPCOMING_DAYS` working days, soonest first."""
        calendar = self.plan.calendar
        horizon = calendar.add_working_days(self.report.as_of, UPCOMING_DAYS)
        found = [
            attrs.evolve(
                self._line(t),
                days_late=calendar.working_days_between(self.report.as_of, t.deadline),
            )
            for t in self.report
            if t.status is Status.IN_TIME and self.report.as_of < t.deadline <= horizon
        ]
        return tuple(sorted(found, key=lambda line: line.deadline))

    def critical(self) -> tuple[TaskLine, ...]:
        """Open tasks critical in the forecast, by forecast finish (``days_late``: slack)."""
        forecast = self.report.forecast
        flags, slack = forecast.column("critical"), forecast.column("total_slack")
        found = [
            attrs.evolve(self._line(t), days_late=slack[row])
            for row, t in enumerate(self.report)
            if flags[row] and t.status in (Status.IN_TIME, Status.OVERDUE)
        ]
        return tuple(sorted(found, key=lambda line: (line.forecast_finish, line.task)))

    def _line(self, status: TaskStatus) -> TaskLine:
        task = self.plan.task(status.task)
        late = status.days_late
        if status.status is Status.IN_TIME and status.forecast_finish > status.deadline:
            between = self.plan.calendar.working_days_between
            late = max(between(status.deadline, status.forecast_finish), 1)
        return TaskLine(
            task=task.id,
            title=task.title,
            lead=task.lead,
            accountable=self._accountable(task),
            deadline=status.deadline,
            original_deadline=status.original_deadline,
            extensions=status.extensions,
            progress=status.progress,
            forecast_finish=status.forecast_finish,
            days_late=late,
        )

    def _accountable(self, task: Task) -> str | None:
        if self.organisation is None:
            return task.accountable
        from urbangov.assignment import accountable_for

        found = accountable_for(task, self.organisation, self.report.as_of)
        if found is None:
            return task.accountable
        post, person = found
        return f"{person.name} ({post.title})" if person is not None else post.title


def _pending(report: StatusReport, options: ReportOptions) -> tuple[PendingLine, ...]:
    """The undecided requests: with their dates and reasons when the log is given."""
    plan = report.plan
    requests = options.log.pending_requests_on(report.as_of) if options.log else ()
    out = []
    for task_id in report.pending_extensions:
        task, status = plan.task(task_id), report[task_id]
        asked = [r for r in requests if r.task == task_id]
        last = max(asked, key=lambda r: r.requested_on) if asked else None
        out.append(
            PendingLine(
                task_id,
                task.title,
                task.lead,
                status.deadline,
                last.requested_on if last else None,
                last.new_deadline if last else None,
                last.reason if last else None,
            )
        )
    return tuple(out)


def _names(
    tables: tuple[Statistics, ...], report: StatusReport, organisation: Organisation | None
) -> dict[str, str]:
    """A name for every lead and unit in the tables; the id when nothing names it."""
    out: dict[str, str] = {}
    for table in tables:
        for row in table.rows:
            if row.key is not None:
                out[row.key] = row.name or _organ_name(row.key, organisation, report.as_of)
    for task in report:
        if task.lead is not None and task.lead not in out:
            out[task.lead] = _organ_name(task.lead, organisation, report.as_of)
    return out


def _organ_name(organ_id: str, organisation: Organisation | None, day: dt.date) -> str:
    if organisation is None:
        return organ_id
    from urbangov.errors import UrbangovError

    try:
        return organisation.organ(organ_id, day).name
    except UrbangovError:
        try:
            return organisation.organ(organ_id).name
        except UrbangovError:
            return organ_id
