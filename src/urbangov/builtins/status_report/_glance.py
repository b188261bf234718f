"""What a reader takes in at a glance: committees rolled up the hierarchy, each
district's on-time rate and overdue count, and the plan's progress over time.

A cascaded plan has one lead per ward committee: 249 rows of "by lead agency" say
less than 22 rows that each count a district's committee with its wards'. The same
numbers feed two charts the HTML page draws (and the Markdown lists).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Final, final

import attrs

from urbangov.tracking import Statistics, StatisticsRow, statistics

if TYPE_CHECKING:
    from urbangov.hierarchy import Hierarchy
    from urbangov.scheduling import Schedule
    from urbangov.tracking import StatusReport, TrackingLog

__all__ = ["DistrictBar", "ProgressPoint", "district_bars", "progress_curve", "rolled_leads"]

_COUNTS: Final = (
    "done_on_time",
    "done_late",
    "in_time",
    "overdue",
    "withdrawn",
    "at_risk",
    "extended",
)
#: The most points a progress curve has (one a week, or sparser for a long plan).
_MAX_POINTS: Final = 60


def _unit_of_lead(lead: str, hierarchy: Hierarchy) -> str | None:
    unit = lead.rpartition("/")[0]
    return unit if unit in hierarchy else None


def _district_of(unit: str, hierarchy: Hierarchy, day: dt.date) -> str | None:
    """The unit one level below the top that ``unit`` is in (itself, if it is one);
    ``None`` for the top unit."""
    chain = [u.id for u in reversed(hierarchy.ancestors(unit, day))] + [unit]
    return chain[1] if len(chain) > 1 else None


def rolled_leads(table: Statistics, hierarchy: Hierarchy, day: dt.date) -> Statistics:
    """``table`` (counts per lead) with every organ below the top unit counted in one
    row for its district (a district's committee and its wards' committees together);
    the top unit's organs (the city's departments) keep a row each."""
    kept: list[StatisticsRow] = []
    merged: dict[str, Counter[str]] = {}
    members: Counter[str] = Counter()
    for row in table.rows:
        unit = None if row.key is None else _unit_of_lead(row.key, hierarchy)
        district = None if unit is None else _district_of(unit, hierarchy, day)
        if district is None:
            kept.append(row)
            continue
        counts = merged.setdefault(district, Counter())
        counts.update({name: getattr(row, name) for name in _COUNTS})
        members[district] += 1
    for district, counts in merged.items():
        name = hierarchy.unit(district).name_on(day) or district
        kept.append(StatisticsRow(district, name, **{k: counts[k] for k in _COUNTS}))
    kept.sort(key=lambda r: (r.key is None, r.key in merged, r.key or ""))
    return attrs.evolve(table, rows=tuple(kept))


@final
@attrs.frozen
class DistrictBar:
    """One district (a unit one level below the top) in the chart."""

    unit: str
    name: str
    on_time_rate: float | None
    overdue: int
    total: int


def district_bars(report: StatusReport, hierarchy: Hierarchy) -> tuple[DistrictBar, ...]:
    """Each district's on-time rate and overdue count, its units' tasks included."""
    table = statistics(report, by="unit", hierarchy=hierarchy, depth=1)
    out = []
    for row in table.rows:
        if row.key is None or row.key not in hierarchy:
            continue
        if len(hierarchy.ancestors(row.key, report.as_of)) != 1:
            continue
        out.append(
            DistrictBar(row.key, row.name or row.key, row.on_time_rate, row.overdue, row.total)
        )
    return tuple(out)


@final
@attrs.frozen
class ProgressPoint:
    """The plan's progress on a day: planned (by the approved schedule) and reported,
    both as the share of all working days of work, 0 to 1."""

    day: dt.date
    planned: float
    actual: float


def progress_curve(
    planned: Schedule, log: TrackingLog, as_of: dt.date
) -> tuple[ProgressPoint, ...]:
    """The plan's planned and reported progress from its start to ``as_of``, about
    weekly: the work of each task weighted by its duration (a milestone by one day)."""
    plan = planned.plan
    start = plan.start
    if as_of <= start:
        return ()
    calendar = plan.calendar
    weights = [max(task.duration, 1) for task in plan.tasks]
    whole = sum(weights) or 1
    starts, finishes = planned.column("start"), planned.column("finish")
    days = (as_of - start).days
    step = max(7, -(-days // _MAX_POINTS))
    points = []
    for offset in [*range(0, days, step), days]:
        day = start + dt.timedelta(days=offset)
        due = 0.0
        for weight, first, last in zip(weights, starts, finishes, strict=True):
            if last <= day:
                due += weight
            elif first <= day:
                done = calendar.working_days_between(first, day) + 1
                due += weight * min(done / weight, 1.0)
        reported = log.progress_on(day)
        got = 0.0
        for weight, task in zip(weights, plan.tasks, strict=True):
            found = reported.get(task.id)
            if found is not None:
                got += weight * (1.0 if found.done else found.percent_complete / 100)
        points.append(ProgressPoint(day, due / whole, got / whole))
    return tuple(points)
