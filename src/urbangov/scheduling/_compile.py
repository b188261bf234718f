"""Plan (frozen objects, dates) to Network (arrays, quarter-steps), and back to dates.

A plan of task objects is first read into :class:`Columns` (lists), which the
small-plan path (:mod:`._small`) schedules as they are; numpy is imported only to
make arrays of them.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import operator
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import repeat
from typing import TYPE_CHECKING, Final, NamedTuple

from urbangov.calendar import CalendarIndex
from urbangov.errors import CalendarError, CycleError, PlanError
from urbangov.plan import ConstraintType, DependencyType, Plan, TaskTable
from urbangov.scheduling import _codes as codes
from urbangov.scheduling._time import day_of, end_form, rest_end, rest_start, start_form

if TYPE_CHECKING:
    from collections.abc import Iterable

    import numpy as np

    from urbangov.scheduling import _engine as engine
    from urbangov.scheduling._small import Rows

__all__ = [
    "Columns",
    "check_range",
    "compile_plan",
    "cycle_error",
    "day_numbers",
    "origin_of",
    "plan_columns",
]

_LINK: Final = {
    DependencyType.FS: codes.FS,
    DependencyType.SS: codes.SS,
    DependencyType.FF: codes.FF,
    DependencyType.SF: codes.SF,
}
_CONSTRAINT: Final = {kind: code for code, kind in enumerate(ConstraintType)}
_START_KINDS: Final = frozenset({ConstraintType.SNET, ConstraintType.SNLT, ConstraintType.MSO})


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building many small objects triggers needless collections; pause them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def start_at(index: CalendarIndex, origin: int, day: dt.date) -> int:
    """08:00 of ``day``, the way a start constraint means it."""
    x = index.number(day.toordinal()) - origin
    return start_form(x) if index.is_working(day.toordinal()) else rest_start(x)


def finish_at(index: CalendarIndex, origin: int, day: dt.date) -> int:
    """17:00 of ``day``, the way a finish constraint or a deadline means it."""
    if index.is_working(day.toordinal()):
        return end_form(index.number(day.toordinal()) + 1 - origin)
    return rest_end(index.number(day.toordinal()) - origin)


class Columns(NamedTuple):
    """A plan of task objects as lists, one entry per task (per link for the last
    four): what :class:`~._network.Network` holds as arrays."""

    duration: list[int]
    constraint: list[int]
    constraint_at: list[int]
    deadline_at: list[int]
    src: list[int]
    dst: list[int]
    kind: list[int]
    lag: list[int]


def origin_of(plan: Plan) -> int:
    """The working-day number of the plan's start (instant 0)."""
    try:
        return plan.calendar.index.number(plan.start.toordinal())
    except CalendarError as exc:
        raise PlanError(f"plan start {plan.start}: {exc}") from None


def plan_columns(plan: Plan, origin: int) -> Columns:
    """The plan's tasks (objects, not a :class:`TaskTable`) as :class:`Columns`."""
    index = plan.calendar.index
    columns = Columns([], [], [], [], [], [], [], [])
    duration, constraint, constraint_at, deadline_at, src, dst, kind, lag = columns
    position = plan.position
    no_date = codes.NO_DATE
    with _gc_paused():
        for row, task in enumerate(plan.tasks):
            duration.append(task.duration)
            constraint.append(_CONSTRAINT[task.constraint])
            at, due = 0, no_date
            try:
                if task.constraint_date is not None:
                    instant = start_at if task.constraint in _START_KINDS else finish_at
                    at = instant(index, origin, task.constraint_date)
                if task.deadline is not None:
                    due = finish_at(index, origin, task.deadline)
            except CalendarError as exc:
                raise PlanError(f"task {task.id!r}: {exc}", task_id=task.id) from None
            constraint_at.append(at)
            deadline_at.append(due)
            for dep in task.depends:
                src.append(position(dep.task))
                dst.append(row)
                kind.append(_LINK[dep.type])
                lag.append(dep.lag)
    return columns


def compile_plan(plan: Plan) -> tuple[engine.Network, int]:
    """The plan's arrays and the working-day number of its start (the origin)."""
    import numpy as np

    from urbangov.scheduling import _engine as engine

    origin = origin_of(plan)
    if isinstance(plan.tasks, TaskTable):
        return _compile_table(plan.tasks, plan.calendar.index, origin), origin
    columns = plan_columns(plan, origin)
    network = engine.Network(
        duration=np.array(columns.duration, dtype=np.int64),
        constraint=np.array(columns.constraint, dtype=np.int8),
        constraint_at=np.array(columns.constraint_at, dtype=np.int64),
        deadline_at=np.array(columns.deadline_at, dtype=np.int64),
        src=np.array(columns.src, dtype=np.int64),
        dst=np.array(columns.dst, dtype=np.int64),
        kind=np.array(columns.kind, dtype=np.int8),
        lag=np.array(columns.lag, dtype=np.int64),
    )
    return network, origin


def _compile_table(table: TaskTable, index: CalendarIndex, origin: int) -> engine.Network:
    """The arrays of a plan built from columns: read column by column, no objects."""
    import numpy as np

    from urbangov.scheduling import _engine as engine

    n = len(table)
    constraint = np.zeros(n, dtype=np.int8)
    constraint_at = np.zeros(n, dtype=np.int64)
    deadline_at = np.full(n, engine.NO_DATE, dtype=np.int64)
    if table.constraints is not None:
        constraint[:] = list(map(_CONSTRAINT.__getitem__, table.constraints))
    row = 0
    try:
        if table.constraint_dates is not None:
            for row, day in _dated_rows(table.constraint_dates):
                kind = table.constraints[row] if table.constraints else ConstraintType.ASAP
                at = start_at if kind in _START_KINDS else finish_at
                constraint_at[row] = at(index, origin, day)
        if table.deadlines is not None:
            for row, day in _dated_rows(table.deadlines):
                deadline_at[row] = finish_at(index, origin, day)
    except CalendarError as exc:
        task_id = table.ids[row]
        raise PlanError(f"task {task_id!r}: {exc}", task_id=task_id) from None
    kind_codes = np.array([_LINK[kind] for kind in DependencyType], dtype=np.int8)
    type_rows = np.array(list(map(_TYPE_ROW.__getitem__, table.link_type)), dtype=np.int8)
    return engine.Network(
        duration=np.array(table.durations, dtype=np.int64),
        constraint=constraint,
        constraint_at=constraint_at,
        deadline_at=deadline_at,
        src=np.array(table.link_from, dtype=np.int64),
        dst=np.array(table.link_to, dtype=np.int64),
        kind=kind_codes[type_rows] if len(type_rows) else np.zeros(0, dtype=np.int8),
        lag=np.array(table.link_lag, dtype=np.int64),
    )


_TYPE_ROW: Final = {kind: i for i, kind in enumerate(DependencyType)}


def _dated_rows(days: list[dt.date | None]) -> Iterator[tuple[int, dt.date]]:
    """The rows that have a date and their dates (a few in a column of mostly
    ``None``), found in C."""
    given = list(map(operator.is_not, days, repeat(None)))
    rows = itertools.compress(range(len(days)), given)
    return zip(rows, itertools.compress(days, given), strict=True)  # type: ignore[arg-type]


def day_numbers(times: np.ndarray, origin: int) -> np.ndarray:
    """Working-day numbers of the days instants are shown on."""
    return origin + day_of(times)


def cycle_error(plan: Plan, rows: Iterable[int]) -> CycleError:
    """Name one cycle among ``rows``, the tasks a topological sort could not place."""
    import networkx as nx  # only on this error path

    stuck = {int(r) for r in rows}
    graph = nx.DiGraph()
    for row in stuck:
        task = plan.tasks[row]
        for dep in task.depends:
            if plan.position(dep.task) in stuck:
                graph.add_edge(dep.task, task.id)
    cycle = nx.find_cycle(graph)
    return CycleError([edge[0] for edge in cycle])


def check_range(plan: Plan, results: engine.Passes | Rows, origin: int) -> None:
    """Refuse a schedule whose dates the calendar cannot name, naming the task.

    ``results`` are the engine's passes or a small plan's rows (the same fields):
    the earliest and the latest of each date are the ones that can fall outside."""
    if not len(plan.tasks):
        return
    index = plan.calendar.index
    for lowest in (True, False):
        for name in ("early_start", "late_start", "early_finish", "late_finish"):
            times = getattr(results, name)
            row = _extreme_row(times, lowest=lowest)
            try:
                index.ordinal(origin + day_of(int(times[row])))
            except CalendarError as exc:
                task = plan.tasks[row]
                raise PlanError(f"task {task.id!r}: {exc}", task_id=task.id) from None


def _extreme_row(times: list[int] | np.ndarray, *, lowest: bool) -> int:
    """The first row holding the least (or greatest) of ``times``."""
    if isinstance(times, list):
        return times.index(min(times) if lowest else max(times))
    return int(times.argmin() if lowest else times.argmax())
