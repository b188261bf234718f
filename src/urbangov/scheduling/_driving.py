"""Why a task is where it is: the chain of driving predecessors, back to its cause.

MS Project's *Task Path* highlights a task's driving predecessors: the links that set
its early start. Followed back, the chain ends at what set the first date: the plan's
start, a constraint, an actual start, or the status date. urbangov finds the driving
links with the scheduler's own forward moves (:meth:`Links.forward_moves`, or for a
small plan ``Rows.drivers`` in :mod:`._small`), so a link is driving exactly when the
scheduler's candidate start through it is the task's start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, final

import attrs

from urbangov.plan import DependencyType
from urbangov.scheduling import _codes as codes

if TYPE_CHECKING:
    from urbangov.scheduling._schedule import Schedule

__all__ = ["Cause", "CauseKind", "Explanation", "Step", "explain", "explain_all"]

_TYPES: Final = {
    codes.FS: DependencyType.FS,
    codes.SS: DependencyType.SS,
    codes.FF: DependencyType.FF,
    codes.SF: DependencyType.SF,
}


class CauseKind(StrEnum):
    """What set the first date of a driving chain."""

    #: The task starts with the plan.
    PLAN_START = "plan-start"
    #: Its constraint holds it (the constraint and its date are given).
    CONSTRAINT = "constraint"
    #: It started when it did (an actual start).
    ACTUAL_START = "actual-start"
    #: It had not started by the status date: forecast from the next working day.
    STATUS_DATE = "status-date"


@final
@attrs.frozen
class Step:
    """One task on the chain, and the link from the task before it (``None`` for
    the first task of the chain)."""

    task: str
    start: dt.date
    finish: dt.date
    total_slack: int
    link: DependencyType | None = None
    lag: int = 0
    #: Public holidays between the driving date and this task's start: what a
    #: link waits over (Tết makes a week of them). Their names are the calendar's
    #: (``WorkCalendar.public_holidays_in``), in the language a face asks for.
    holidays: tuple[dt.date, ...] = ()


@final
@attrs.frozen
class Cause:
    """What set the date at the head of the chain."""

    kind: CauseKind
    task: str
    day: dt.date
    #: The constraint type (``"SNET"``…), for :attr:`CauseKind.CONSTRAINT`.
    constraint: str | None = None


@final
@attrs.frozen
class Explanation:
    """A task, the chain of driving predecessors behind it (its head first), and
    the cause at the head."""

    task: str
    #: From the cause's task to the explained one.
    chain: tuple[Step, ...]
    cause: Cause
    #: Working days past the task's deadline (its negative total slack), or 0.
    days_late: int

    def to_dict(self) -> dict[str, Any]:
        def step(s: Step) -> dict[str, Any]:
            return {
                "task": s.task,
                "start": s.start.isoformat(),
                "finish": s.finish.isoformat(),
                "total_slack": s.total_slack,
                "link": None if s.link is None else s.link.value,
                "lag": s.lag,
                "holidays": [d.isoformat() for d in s.holidays],
            }

        return {
            "task": self.task,
            "days_late": self.days_late,
            "cause": {
                "kind": self.cause.kind.value,
                "task": self.cause.task,
                "day": self.cause.day.isoformat(),
                "constraint": self.cause.constraint,
            },
            "chain": [step(s) for s in self.chain],
        }


def explain(schedule: Schedule, task_id: str) -> Explanation:
    """Why ``task_id`` starts when it does: its driving predecessors back to the cause.

    Where several links drive a task, the chain follows the one from the task that
    finishes last (then the first in the plan).

    Raises:
        UnknownTaskError: no such task in the plan.
    """
    return _explain(schedule, task_id, _drivers(schedule))


def explain_all(schedule: Schedule, task_ids: Iterable[str]) -> dict[str, Explanation]:
    """:func:`explain` for several tasks, finding the driving links once."""
    drivers = _drivers(schedule)
    return {task_id: _explain(schedule, task_id, drivers) for task_id in task_ids}


def _explain(schedule: Schedule, task_id: str, drivers: dict[int, tuple[int, int]]) -> Explanation:
    plan = schedule.plan
    row = plan.position(task_id)
    rows = [row]
    links: list[int | None] = []
    seen = {row}
    while True:
        found = drivers.get(rows[-1])
        if found is None:
            break
        link, before = found
        if before in seen:  # cannot happen in an acyclic plan; a guard all the same
            break
        links.append(link)
        rows.append(before)
        seen.add(before)
    links.append(None)
    rows.reverse()
    links.reverse()
    chain = tuple(_step(schedule, r, link) for r, link in zip(rows, links, strict=True))
    head = rows[0]
    late = min(schedule[plan.ids[row]].total_slack, 0)
    return Explanation(plan.ids[row], chain, _cause(schedule, head), -late)


def _drivers(schedule: Schedule) -> dict[int, tuple[int, int]]:
    """``task row -> (link, predecessor row)`` for every task a link drives."""
    if schedule._rows is not None:
        return schedule._rows.drivers()
    import numpy as np

    from urbangov.scheduling._passes import snap

    net = schedule._network
    passes = schedule._passes
    if not net.src.size:
        return {}
    topology = passes.topology
    inner = topology.permute(net)
    order = topology.order
    es, ef = passes.early_start[order], passes.early_finish[order]
    has_alap = bool((net.constraint == codes.ALAP).any())
    parts = [es, ef]
    if has_alap:
        parts += [passes.late_start[order], passes.late_finish[order]]
    stacked = np.concatenate(parts)
    links = topology.incoming.links
    moves = links.forward_moves(inner, late=has_alap)
    dst_position = inner.dst[links.order]
    # As the forward pass settles it: work starts at 08:00 (a milestone may not).
    candidate = snap(moves.apply(stacked, 0, links.size), inner.duration[dst_position])
    driving = np.flatnonzero(candidate == es[dst_position])
    if net.progress is not None:  # a started task's start is its actual start
        started = net.progress.progressed[order]
        driving = driving[~started[dst_position[driving]]]
    best: dict[int, tuple[int, int, int]] = {}
    for i in driving.tolist():
        link = int(links.order[i])
        to, before = int(net.dst[link]), int(net.src[link])
        key = (-int(ef[topology.position[before]]), before, link)
        if to not in best or key < best[to]:
            best[to] = key
    return {to: (link, before) for to, (_, before, link) in best.items()}


def _step(schedule: Schedule, row: int, link: int | None) -> Step:
    plan = schedule.plan
    task_id = plan.ids[row]
    placed = schedule[task_id]
    if link is None:
        return Step(task_id, placed.start, placed.finish, placed.total_slack)
    # The links as the small-plan path or the engine holds them (same order).
    net = schedule._network if schedule._rows is None else schedule._rows.columns
    before = schedule[plan.ids[int(net.src[link])]]
    kind = _TYPES[int(net.kind[link])]
    driver = before.finish if kind in (DependencyType.FS, DependencyType.FF) else before.start
    holidays = _holidays_between(schedule, driver, placed.start)
    return Step(
        task_id,
        placed.start,
        placed.finish,
        placed.total_slack,
        kind,
        int(net.lag[link]),
        holidays,
    )


def _holidays_between(schedule: Schedule, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    calendar = schedule.plan.calendar
    found = []
    for year in range(first.year, last.year + 1):
        for day in sorted(calendar.public_holiday_dates(year)):
            if first < day < last and not calendar.is_working_day(day):
                found.append(day)
    return tuple(found)


def _cause(schedule: Schedule, row: int) -> Cause:
    plan = schedule.plan
    task = plan.tasks[row]
    placed = schedule[task.id]
    tracking = schedule.tracking
    if tracking is not None:
        work = tracking.work.get(task.id)
        if work is not None:
            return Cause(CauseKind.ACTUAL_START, task.id, work.actual_start)
        if task.id in tracking.floors and tracking.status_date is not None:
            return Cause(CauseKind.STATUS_DATE, task.id, tracking.status_date)
    if task.constraint.dated and task.constraint_date is not None:
        return Cause(CauseKind.CONSTRAINT, task.id, task.constraint_date, task.constraint.value)
    return Cause(CauseKind.PLAN_START, task.id, placed.start)
