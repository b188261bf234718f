"""Synthetic plans for the benchmarks, layered the way real programme plans are.

The shape follows /work/shared/reference/cpm-performance.md ("Plans"): the tasks sit in
about 1.5·√n layers whose widths ramp up and then down; each task depends on 0-5
earlier tasks (mean about 3), 70 % from the previous layer, 20 % from 2-3 layers back
and 10 % from any earlier layer, each picked near the task's own "lane". Durations are
1-20 working days, skewed short, with about 1 % milestones. Task ids are randomly
permuted (the worst case for memory locality).

On top of that the links are typed (85 % FS, 8 % SS, 5 % FF, 2 % SF), lags are 0
(70 %), +1..+5 (20 %) or -1..-3 (10 %), about 4 % of the tasks carry a constraint
(SNET, SNLT, FNET, FNLT, MSO, MFO, ALAP) and about 2 % a deadline. Constraint and
deadline dates are placed near where the task would fall without them, so most of them
bind a little or not at all, as in a real plan.

The result is held as plain Python lists, the way task objects would hold the data;
:func:`build_network` turns them into the engine's arrays and :func:`build_plan` into
the public :class:`~urbangov.plan.Plan` of :class:`~urbangov.plan.Task` objects.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import Final

import numpy as np
import numpy.typing as npt

from benchmarks._api import engine
from urbangov.calendar import WorkCalendar
from urbangov.plan import ConstraintType, Dependency, DependencyType, Plan, Task, TaskTable

__all__ = [
    "PLAN_START",
    "PlanLists",
    "build_network",
    "build_plan",
    "finish_to_start",
    "generate",
]

Ints = npt.NDArray[np.int64]

#: The first day of every synthetic plan (a Monday, a working day in Vietnam).
PLAN_START: Final = dt.date(2026, 1, 5)

# P(k predecessors) for k = 0..5: mean 3.3 drawn, about 3.0 after duplicates are dropped.
_PREDECESSORS: Final = (0.02, 0.07, 0.15, 0.28, 0.28, 0.20)
_KINDS: Final = (engine.FS, engine.SS, engine.FF, engine.SF)
_KIND_SHARE: Final = (0.85, 0.08, 0.05, 0.02)
#: Constraint codes of the engine, with the share of tasks that carry each.
_CONSTRAINT_SHARE: Final = (
    (engine.SNET, 0.012),
    (engine.SNLT, 0.003),
    (engine.FNET, 0.005),
    (engine.FNLT, 0.008),
    (engine.MSO, 0.002),
    (engine.MFO, 0.002),
    (engine.ALAP, 0.008),
)
_DEADLINE_SHARE: Final = 0.02
_MILESTONE_SHARE: Final = 0.01
_START_KINDS: Final = frozenset({engine.SNET, engine.SNLT, engine.MSO})
_DEP_TYPE: Final = {
    engine.FS: DependencyType.FS,
    engine.SS: DependencyType.SS,
    engine.FF: DependencyType.FF,
    engine.SF: DependencyType.SF,
}
_CONSTRAINT_TYPE: Final = dict(enumerate(ConstraintType))  # the engine's codes


@dataclass(frozen=True, slots=True)
class PlanLists:
    """A plan as plain lists: one entry per task (rows) or per link.

    ``constraint_at`` and ``deadline_at`` are engine instants (quarter-steps from the
    project start, see ``urbangov.schedule._time``); ``constraint_day`` and
    ``deadline_day`` say the same in working days from the start (-1: none), which
    is what :func:`build_plan` turns into calendar dates.
    """

    dur: list[int]
    constraint: list[int]
    constraint_at: list[int]
    constraint_day: list[int]
    deadline_at: list[int]
    deadline_day: list[int]
    src: list[int]
    dst: list[int]
    kind: list[int]
    lag: list[int]
    layers: int

    @property
    def tasks(self) -> int:
        return len(self.dur)

    @property
    def links(self) -> int:
        return len(self.src)


def _widths(n: int, layers: int) -> Ints:
    """Layer widths that ramp up then down and add up to ``n`` (each at least 1)."""
    shape = 0.25 + np.sin(np.pi * (np.arange(layers) + 0.5) / layers)
    widths: Ints = np.maximum(1, np.floor(shape / shape.sum() * n)).astype(np.int64)
    widths[int(np.argmax(widths))] += n - int(widths.sum())
    return widths


def _links(rng: np.random.Generator, n: int, widths: Ints) -> tuple[Ints, Ints]:
    """Predecessor links ``(src, dst)`` in generation order, sorted by dst then src."""
    layers = widths.size
    first = np.concatenate(([0], np.cumsum(widths)[:-1]))
    layer = np.repeat(np.arange(layers), widths)
    lane = (np.arange(n) - first[layer] + 0.5) / widths[layer]  # position in [0, 1)
    count = rng.choice(len(_PREDECESSORS), size=n, p=_PREDECESSORS)
    count[layer == 0] = 0
    dst = np.repeat(np.arange(n), count)
    dst_layer = layer[dst]
    pick = rng.random(dst.size)
    back = np.where(
        pick < 0.7,
        1,
        np.where(pick < 0.9, rng.integers(2, 4, dst.size), 0),
    )
    anywhere = rng.integers(0, np.maximum(dst_layer, 1))
    src_layer = np.where(back > 0, np.maximum(dst_layer - back, 0), anywhere)
    width = widths[src_layer]
    offset = np.rint(lane[dst] * width - 0.5 + rng.normal(0.0, 2.0, dst.size))
    pos = np.clip(offset, 0, width - 1).astype(np.int64)
    src = first[src_layer] + pos
    key = np.unique(dst * n + src)  # drops duplicate links, sorts by dst then src
    return key % n, key // n


def _layer_pass(
    rng: np.random.Generator,
    dur: Ints,
    links: tuple[Ints, Ints, Ints, Ints],
    widths: Ints,
    constraint: Ints,
) -> tuple[Ints, Ints]:
    """Early finish (working days) and constraint day of every task.

    A layer-by-layer forward pass over the links that places each constraint date
    near the task's early dates *including* the constraints upstream of it, so
    that constraint and deadline dates stay plausible deep into a large plan.
    """
    src, dst, kind, lag = links
    n = dur.size
    es = np.zeros(n, dtype=np.int64)
    ef = dur.copy()
    day = np.full(n, -1, dtype=np.int64)
    slip = rng.integers(0, 16, n)
    later = rng.integers(5, 41, n)
    first = np.concatenate(([0], np.cumsum(widths)))
    bounds = np.searchsorted(dst, first)  # links are sorted by dst: layer by layer
    for layer in range(widths.size):
        lo, hi = bounds[layer], bounds[layer + 1]
        if hi > lo:
            s, d, k, g = src[lo:hi], dst[lo:hi], kind[lo:hi], lag[lo:hi]
            driver = np.where(k & 1, ef[s], es[s]) + g
            np.maximum.at(es, d, np.where(k & 2, driver - dur[d], driver))
        rows = slice(first[layer], first[layer + 1])
        c, start = constraint[rows], es[rows]
        finish = start + dur[rows]
        at = np.full(c.size, -1, dtype=np.int64)
        at = np.where(c == engine.SNET, start + slip[rows], at)
        at = np.where(c == engine.SNLT, start + later[rows], at)
        at = np.where(c == engine.MSO, start + slip[rows] // 2, at)
        at = np.where(c == engine.FNET, np.maximum(finish + slip[rows], 1), at)
        at = np.where(c == engine.FNLT, finish + later[rows], at)
        at = np.where(c == engine.MFO, np.maximum(finish + slip[rows] // 2, 1), at)
        start = np.where((c == engine.SNET) | (c == engine.MSO), at, start)
        start = np.where((c == engine.FNET) | (c == engine.MFO), at - dur[rows], start)
        es[rows] = np.maximum(start, 0)
        ef[rows] = es[rows] + dur[rows]
        day[rows] = at
    return ef, day


def generate(n: int, seed: int = 20261126) -> PlanLists:
    """A layered plan of ``n`` tasks and about ``3 n`` typed links (deterministic)."""
    rng = np.random.default_rng(seed + n)
    layers = max(1, round(1.5 * math.sqrt(n)))
    widths = _widths(n, layers)
    src_g, dst_g = _links(rng, n, widths)
    m = src_g.size

    dur = np.minimum(19, np.floor(rng.exponential(4.5, n))).astype(np.int64) + 1
    dur[rng.random(n) < _MILESTONE_SHARE] = 0
    kind = rng.choice(np.array(_KINDS, dtype=np.int64), size=m, p=_KIND_SHARE)
    pick = rng.random(m)
    lag = np.where(
        pick < 0.7,
        0,
        np.where(pick < 0.9, rng.integers(1, 6, m), -rng.integers(1, 4, m)),
    ).astype(np.int64)

    constraint = np.full(n, engine.ASAP, dtype=np.int64)
    pick = rng.random(n)
    edge = 0.0
    for code, share in _CONSTRAINT_SHARE:
        constraint[(pick >= edge) & (pick < edge + share)] = code
        edge += share
    ef, day = _layer_pass(rng, dur, (src_g, dst_g, kind, lag), widths, constraint)
    # Start dates are 08:00 of working day `day`; finish dates 17:00 of working day
    # `day - 1` (a finish `day` counts the working days before it, so it is >= 1).
    is_start = np.isin(constraint, list(_START_KINDS))
    at = np.where(day < 0, 0, np.where(is_start, 4 * day, 4 * day - 3))

    has_deadline = rng.random(n) < _DEADLINE_SHARE
    deadline_day = np.where(has_deadline, np.maximum(ef, 1) + rng.integers(0, 61, n), -1)
    deadline_at = np.where(has_deadline, 4 * deadline_day - 3, engine.NO_DATE)

    # Random ids: row r of the plan is the task generated at position inverse[r].
    perm = rng.permutation(n)
    inverse = np.argsort(perm)
    src, dst = perm[src_g], perm[dst_g]
    by_dst = np.lexsort((src, dst))
    return PlanLists(
        dur=dur[inverse].tolist(),
        constraint=constraint[inverse].tolist(),
        constraint_at=at[inverse].tolist(),
        constraint_day=day[inverse].tolist(),
        deadline_at=deadline_at[inverse].tolist(),
        deadline_day=deadline_day[inverse].tolist(),
        src=src[by_dst].tolist(),
        dst=dst[by_dst].tolist(),
        kind=kind[by_dst].tolist(),
        lag=lag[by_dst].tolist(),
        layers=layers,
    )


def finish_to_start(p: PlanLists) -> PlanLists:
    """``p`` as the simplest tools can express it: finish-to-start links without lags,
    no constraints, no deadlines."""
    n, m = p.tasks, len(p.src)
    return replace(
        p,
        constraint=[engine.ASAP] * n,
        constraint_at=[0] * n,
        constraint_day=[-1] * n,
        deadline_at=[int(engine.NO_DATE)] * n,
        deadline_day=[-1] * n,
        kind=[engine.FS] * m,
        lag=[0] * m,
    )


def build_network(p: PlanLists) -> engine.Network:
    """The engine's arrays from the plain lists (what a caller of the engine pays)."""
    return engine.Network(
        duration=np.array(p.dur, dtype=np.int64),
        constraint=np.array(p.constraint, dtype=np.int8),
        constraint_at=np.array(p.constraint_at, dtype=np.int64),
        deadline_at=np.array(p.deadline_at, dtype=np.int64),
        src=np.array(p.src, dtype=np.int64),
        dst=np.array(p.dst, dtype=np.int64),
        kind=np.array(p.kind, dtype=np.int8),
        lag=np.array(p.lag, dtype=np.int64),
    )


def task_id(row: int) -> str:
    return f"t{row}"


def build_plan(p: PlanLists, calendar: WorkCalendar | None = None) -> Plan:
    """The same plan as :class:`Task` objects on the Vietnamese calendar."""
    calendar = calendar or WorkCalendar.vietnam()
    index = calendar.index
    origin = index.number(PLAN_START.toordinal())

    def date_of(workday: int) -> dt.date:
        return dt.date.fromordinal(index.ordinal(origin + workday))

    depends: list[list[Dependency]] = [[] for _ in range(p.tasks)]
    for s, d, k, g in zip(p.src, p.dst, p.kind, p.lag, strict=True):
        depends[d].append(Dependency(task_id(s), _DEP_TYPE[k], g))
    tasks = []
    for row, duration in enumerate(p.dur):
        code = p.constraint[row]
        day = p.constraint_day[row]
        constraint_date = None
        if day >= 0:
            constraint_date = date_of(day if code in _START_KINDS else day - 1)
        deadline = date_of(p.deadline_day[row] - 1) if p.deadline_day[row] >= 0 else None
        tasks.append(
            Task(
                task_id(row),
                f"Synthetic task {row}",
                duration,
                depends=depends[row],
                constraint=_CONSTRAINT_TYPE[code],
                constraint_date=constraint_date,
                deadline=deadline,
            )
        )
    return Plan(
        f"synthetic-{p.tasks}",
        f"Synthetic plan of {p.tasks} tasks",
        PLAN_START,
        tasks=tasks,
        calendar=calendar,
    )


def build_table_plan(p: PlanLists, calendar: WorkCalendar | None = None) -> Plan:
    """The same plan built from columns (:class:`~urbangov.plan.TaskTable`): what a
    program that generates or imports many tasks calls, lists in, no Task objects."""
    calendar = calendar or WorkCalendar.vietnam()
    index = calendar.index
    origin = index.number(PLAN_START.toordinal())

    def date_of(workday: int) -> dt.date:
        return dt.date.fromordinal(index.ordinal(origin + workday))

    constraint_dates: list[dt.date | None] = [
        None if day < 0 else date_of(day if code in _START_KINDS else day - 1)
        for code, day in zip(p.constraint, p.constraint_day, strict=True)
    ]
    deadlines: list[dt.date | None] = [
        None if day < 0 else date_of(day - 1) for day in p.deadline_day
    ]
    table = TaskTable.of(
        ids=[task_id(row) for row in range(p.tasks)],
        titles=[f"Synthetic task {row}" for row in range(p.tasks)],
        durations=p.dur,
        link_from=p.src,
        link_to=p.dst,
        link_type=[_DEP_TYPE[k] for k in p.kind],
        link_lag=p.lag,
        constraints=[_CONSTRAINT_TYPE[code] for code in p.constraint],
        constraint_dates=constraint_dates,
        deadlines=deadlines,
    )
    return Plan(
        f"synthetic-{p.tasks}",
        f"Synthetic plan of {p.tasks} tasks",
        PLAN_START,
        tasks=table,
        calendar=calendar,
    )
