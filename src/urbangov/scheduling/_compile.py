"""Plan (frozen objects, dates) to Network (arrays, half-steps), and back to dates."""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import operator
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import repeat
from typing import Final

import numpy as np

from urbangov.calendar import CalendarIndex
from urbangov.errors import CalendarError, CycleError, PlanError
from urbangov.plan import ConstraintType, DependencyType, Plan, TaskTable
from urbangov.scheduling import _engine as engine
from urbangov.scheduling._time import day_of, end_form, rest_end, rest_start, start_form

__all__ = ["check_range", "compile_plan", "cycle_error", "day_numbers"]

_LINK: Final = {
    DependencyType.FS: engine.FS,
    DependencyType.SS: engine.SS,
    DependencyType.FF: engine.FF,
    DependencyType.SF: engine.SF,
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


def compile_plan(plan: Plan) -> tuple[engine.Network, int]:
    """The plan's arrays and the working-day number of its start (the origin)."""
    index = plan.calendar.index
    try:
        origin = index.number(plan.start.toordinal())
    except CalendarError as exc:
        raise PlanError(f"plan start {plan.start}: {exc}") from None
    table = plan.tasks if isinstance(plan.tasks, TaskTable) else None
    if table is not None:
        return _compile_table(table, index, origin), origin
    n = len(plan.tasks)
    duration = np.empty(n, dtype=np.int64)
    constraint = np.empty(n, dtype=np.int8)
    constraint_at = np.zeros(n, dtype=np.int64)
    deadline_at = np.full(n, engine.NO_DATE, dtype=np.int64)
    src: list[int] = []
    dst: list[int] = []
    kind: list[int] = []
    lag: list[int] = []
    position = plan.position
    with _gc_paused():
        for row, task in enumerate(plan.tasks):
            duration[row] = task.duration
            constraint[row] = _CONSTRAINT[task.constraint]
            try:
                if task.constraint_date is not None:
                    at = start_at if task.constraint in _START_KINDS else finish_at
                    constraint_at[row] = at(index, origin, task.constraint_date)
                if task.deadline is not None:
                    deadline_at[row] = finish_at(index, origin, task.deadline)
            except CalendarError as exc:
                raise PlanError(f"task {task.id!r}: {exc}", task_id=task.id) from None
            for dep in task.depends:
                src.append(position(dep.task))
                dst.append(row)
                kind.append(_LINK[dep.type])
                lag.append(dep.lag)
    network = engine.Network(
        duration=duration,
        constraint=constraint,
        constraint_at=constraint_at,
        deadline_at=deadline_at,
        src=np.array(src, dtype=np.int64),
        dst=np.array(dst, dtype=np.int64),
        kind=np.array(kind, dtype=np.int8),
        lag=np.array(lag, dtype=np.int64),
    )
    return network, origin


def _compile_table(table: TaskTable, index: CalendarIndex, origin: int) -> engine.Network:
    """The arrays of a plan built from columns: read column by column, no objects."""
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


def cycle_error(plan: Plan, rows: np.ndarray) -> CycleError:
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


def check_range(plan: Plan, passes: engine.Passes, origin: int) -> None:
    """Refuse a schedule whose dates the calendar cannot name, naming the task."""
    index = plan.calendar.index
    fields = ("early_start", "late_start", "early_finish", "late_finish")
    for pick in (np.argmin, np.argmax):
        for name in fields:
            times = getattr(passes, name)
            if not times.size:
                return
            row = int(pick(times))
            try:
                index.ordinal(origin + day_of(int(times[row])))
            except CalendarError as exc:
                task = plan.tasks[row]
                raise PlanError(f"task {task.id!r}: {exc}", task_id=task.id) from None
