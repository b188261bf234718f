"""Statistics of a status report: counts per lead agency, per unit or per group of
the plan, for a period.

Government reports count assigned tasks per agency ("16,051 tasks due and
completed, 14,068 on time, 1,983 late"). Per unit, a unit's row also counts the
units under it on the report's day, so a district's row includes its wards; per
group (an appendix's "I. Hoàn thiện thể chế"), a group's row counts every task under
it, at any depth.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any, final

import attrs

from urbangov.calendar import ReportingPeriod
from urbangov.errors import UrbangovError
from urbangov.hierarchy import Hierarchy, UnitKind
from urbangov.plan import Plan
from urbangov.tracking._status import StatusReport, TaskStatus

__all__ = ["GroupKey", "Statistics", "StatisticsRow", "in_period", "statistics"]


class GroupKey(StrEnum):
    """What the rows of the statistics are."""

    LEAD = "lead"
    UNIT = "unit"
    #: The plan's groups (:class:`~urbangov.plan.Group`).
    GROUP = "group"


@final
@attrs.frozen
class StatisticsRow:
    """The counts of one lead agency or unit (``key`` ``None``: tasks without one)."""

    key: str | None
    name: str | None
    done_on_time: int = 0
    done_late: int = 0
    in_time: int = 0
    overdue: int = 0
    withdrawn: int = 0
    at_risk: int = 0
    extended: int = 0

    @property
    def total(self) -> int:
        """Tasks counted, withdrawn ones apart."""
        return self.done_on_time + self.done_late + self.in_time + self.overdue

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def on_time_rate(self) -> float | None:
        """The share of completed tasks completed on time (None before any is done)."""
        return None if not self.done else self.done_on_time / self.done

    def plus(self, task: TaskStatus) -> StatisticsRow:
        changes = {task.status.value: getattr(self, task.status.value) + 1}
        return attrs.evolve(
            self,
            at_risk=self.at_risk + task.at_risk,
            extended=self.extended + task.extended,
            **changes,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = attrs.asdict(self)
        rate = self.on_time_rate
        out.update(
            total=self.total, done=self.done, on_time_rate=None if rate is None else round(rate, 4)
        )
        return out


@final
@attrs.frozen
class Statistics:
    """Rows per lead agency or per unit, and the whole plan's row."""

    as_of: dt.date
    by: GroupKey
    period: ReportingPeriod | None
    rows: tuple[StatisticsRow, ...]
    overall: StatisticsRow
    #: The day whose units the rows follow (by unit; ``None``: the report's day).
    units_on: dt.date | None = None

    def __iter__(self) -> Iterator[StatisticsRow]:
        return iter(self.rows)

    def to_dict(self) -> dict[str, Any]:
        period = self.period
        return {
            "as_of": self.as_of.isoformat(),
            "by": self.by.value,
            "period": None
            if period is None
            else {
                "label": period.label,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
            },
            "units_on": None if self.units_on is None else self.units_on.isoformat(),
            "overall": self.overall.to_dict(),
            "rows": [row.to_dict() for row in self.rows],
        }


def in_period(task: TaskStatus, period: ReportingPeriod) -> bool:
    """Whether a task belongs in ``period``'s statistics.

    It does when it was due in the period, finished in it, still open from before
    it (overdue or started), and not when it was finished before the period began.
    """
    if task.actual_finish is not None:
        return task.actual_finish >= period.start and (
            task.actual_finish <= period.end or task.deadline <= period.end
        )
    if task.deadline <= period.end:
        return True  # due in the period, or overdue from before it
    return task.actual_start is not None and task.actual_start <= period.end


def statistics(
    report: StatusReport,
    *,
    by: GroupKey | str = GroupKey.LEAD,
    period: ReportingPeriod | None = None,
    hierarchy: Hierarchy | None = None,
    depth: int | None = None,
    units_on: dt.date | None = None,
) -> Statistics:
    """Count ``report``'s tasks per lead agency, per unit or per group of the plan
    (optionally only those of ``period``); by group, a task counts in every group it is
    under. With ``hierarchy`` and ``by="unit"``, a task without a ``unit`` counts
    for its lead organ's unit, each unit's row also counts the units under it on
    ``units_on`` (default: the report's day), rows are named as of that day, and
    ``depth`` keeps only the rows of units at most that many levels below the province
    (1: the city and its districts; a national hierarchy's country is not a level).

    The same records counted on two maps: ``units_on`` the plan's start for the units
    the plan was made for; a plan :func:`~urbangov.assignment.rehome`-d to a later day,
    with ``units_on`` that day, for the units after a reform."""
    by = GroupKey(by)
    day = report.as_of if units_on is None else units_on
    tasks = [t for t in report.tasks if period is None or in_period(t, period)]
    counts: dict[str | None, Counter[str]] = defaultdict(Counter)
    overall: Counter[str] = Counter()
    above: dict[str, list[str]] = {}  # a unit's ancestors, looked up once per unit
    for task in tasks:
        kinds = [task.status.value]
        if task.at_risk:
            kinds.append("at_risk")
        if task.extended:
            kinds.append("extended")
        overall.update(kinds)
        for key in _keys(task, by, report.plan, hierarchy, day, above):
            counts[key].update(kinds)
    rows = {
        key: StatisticsRow(key, _name(key, by, report.plan, hierarchy, day), **found)
        for key, found in counts.items()
    }
    if depth is not None and by is GroupKey.UNIT and hierarchy is not None:
        rows = {
            key: row
            for key, row in rows.items()
            if key is None or key not in hierarchy or _level(hierarchy, key, day) <= depth
        }
    if by is GroupKey.GROUP:  # in the plan's order of groups
        order = {group.id: k for k, group in enumerate(report.plan.groups)}
        ordered = sorted(rows.values(), key=lambda r: order.get(r.key or "", len(order)))
    else:
        ordered = sorted(rows.values(), key=lambda r: (r.key is None, r.key or ""))
    whole = StatisticsRow(None, report.plan.title, **overall)
    return Statistics(report.as_of, by, period, tuple(ordered), whole, units_on)


def _level(hierarchy: Hierarchy, unit_id: str, day: dt.date) -> int:
    """How far below a province a unit is (a province 0, its districts 1): the country
    above the provinces of a national hierarchy is not a level of local government."""
    above = hierarchy.ancestors(unit_id, day)
    return sum(1 for unit in above if unit.kind_on(day) is not UnitKind.COUNTRY)


def _keys(
    task: TaskStatus,
    by: GroupKey,
    plan: Plan,
    hierarchy: Hierarchy | None,
    day: dt.date,
    above: dict[str, list[str]],
) -> Iterable[str | None]:
    """The rows a task counts in: its lead; its unit and the units above it; or
    every group it is under (none: the row ``None``)."""
    if by is GroupKey.GROUP:
        groups = plan.groups_above(task.task)
        yield from groups if groups else [None]
        return
    key = task.lead if by is GroupKey.LEAD else _unit_of(task, hierarchy)
    yield key
    if by is GroupKey.UNIT and hierarchy is not None and key is not None and key in hierarchy:
        if key not in above:
            above[key] = [unit.id for unit in hierarchy.ancestors(key, day)]
        yield from above[key]


def _unit_of(task: TaskStatus, hierarchy: Hierarchy | None) -> str | None:
    """The task's unit, or its lead organ's (an organ id is ``<unit id>/<organ>``)."""
    if task.unit is not None or task.lead is None or hierarchy is None:
        return task.unit
    unit = task.lead.rpartition("/")[0]
    return unit if unit in hierarchy else None


def _name(
    key: str | None, by: GroupKey, plan: Plan, hierarchy: Hierarchy | None, day: dt.date
) -> str | None:
    if key is not None and by is GroupKey.GROUP:
        return plan.group(key).title
    if key is None or hierarchy is None or key not in hierarchy:
        return None
    try:
        return hierarchy.unit(key).name_on(day)
    except UrbangovError:
        return None
