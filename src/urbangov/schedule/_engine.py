"""The critical-path engine: integer arrays in, integer arrays out.

Tasks are rows ``0..n-1`` and links are parallel edge arrays. Times are half-steps
(see :mod:`urbangov.schedule._time`). The passes are vectorised level by level:
tasks are grouped into topological levels once, then each level's link candidates
are computed for all its incoming (forward) or outgoing (backward) links at once and
reduced with ``maximum.reduceat`` / ``minimum.reduceat``. The Python loop runs once
per level (about 1.5·√n levels for realistic plans), never once per task.
"""

from __future__ import annotations

from typing import Final, final

import attrs
import numpy as np
import numpy.typing as npt

from urbangov.schedule._time import add_work, as_end, as_start, work_before

__all__ = [
    "ALAP",
    "ASAP",
    "FF",
    "FNET",
    "FNLT",
    "FS",
    "MFO",
    "MSO",
    "NO_DATE",
    "SF",
    "SNET",
    "SNLT",
    "SS",
    "CycleFound",
    "Network",
    "Passes",
    "compute",
    "levels",
]

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

# Link kinds: bit 0 = the predecessor's end that drives (1: finish), bit 1 = the
# successor's end that is driven (1: finish).
SS: Final = 0
FS: Final = 1
SF: Final = 2
FF: Final = 3

ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO, MFO = range(8)
NO_DATE: Final = np.iinfo(np.int64).max // 4


class CycleFound(Exception):
    """Raised with the rows that could not be ordered (they contain a cycle)."""

    def __init__(self, rows: Ints) -> None:
        self.rows = rows
        super().__init__(f"{rows.size} tasks are on or behind a dependency cycle")


@final
@attrs.frozen(eq=False)
class Network:
    """A plan compiled to arrays. Times are half-steps from the project start."""

    duration: Ints
    constraint: npt.NDArray[np.int8]
    constraint_at: Ints
    deadline_at: Ints
    src: Ints
    dst: Ints
    kind: npt.NDArray[np.int8]
    lag: Ints

    @property
    def size(self) -> int:
        return int(self.duration.size)


@final
@attrs.frozen(eq=False)
class Passes:
    """What the forward and backward passes found, one entry per task."""

    early_start: Ints
    early_finish: Ints
    late_start: Ints
    late_finish: Ints
    start: Ints
    finish: Ints
    total_slack: Ints
    free_slack: Ints
    critical: Bools
    project_finish: int
    order: Ints


def levels(n: int, src: Ints, dst: Ints) -> tuple[Ints, Ints]:
    """Topological levels: ``(level of each row, rows sorted by level)``.

    A row's level is one more than its deepest predecessor's. Raises
    :class:`CycleFound` when some rows cannot be ordered.
    """
    level = np.zeros(n, dtype=np.int64)
    indegree = np.bincount(dst, minlength=n)
    by_src = np.argsort(src, kind="stable")
    out_start = np.searchsorted(src[by_src], np.arange(n + 1))
    out_dst = dst[by_src]
    frontier = np.flatnonzero(indegree == 0)
    done = 0
    depth = 0
    while frontier.size:
        level[frontier] = depth
        done += frontier.size
        lo, hi = out_start[frontier], out_start[frontier + 1]
        counts = hi - lo
        total = int(counts.sum())
        if not total:
            break
        # Indices of every out-edge of the frontier, without a Python loop.
        offsets = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(total)
        targets = out_dst[offsets]
        np.subtract.at(indegree, targets, 1)
        targets = np.unique(targets)
        frontier = targets[indegree[targets] == 0]
        depth += 1
    if done < n:
        raise CycleFound(np.flatnonzero(indegree > 0))
    order = np.argsort(level, kind="stable")
    return level, order


def _segments(keys: Ints) -> tuple[Ints, Ints]:
    """For sorted ``keys``: the first index of each run and the run's key."""
    if not keys.size:
        return np.zeros(0, dtype=np.int64), keys
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return starts, keys[starts]


def _level_slices(level_of_key: Ints, depth: int) -> Ints:
    """Boundaries of each level in an array sorted by level."""
    return np.searchsorted(level_of_key, np.arange(depth + 2))


def compute(net: Network) -> Passes:
    """Forward pass, backward pass, slack and criticality, MS Project style."""
    n = net.size
    level, order = levels(n, net.src, net.dst)
    depth = int(level.max()) if n else 0
    dur = net.duration
    has_work = dur > 0

    es, ef = _forward(net, level, order, depth)
    project_finish = int(ef.max()) if n else 0
    ls, lf = _backward(net, level, order, depth, project_finish)

    alap = net.constraint == ALAP
    start = np.where(alap, ls, es)
    finish = np.where(alap, lf, ef)
    start_slack = work_before(ls) - work_before(es)
    finish_slack = work_before(lf) - work_before(ef)
    total = np.minimum(start_slack, finish_slack)
    total[alap] = 0
    free = _free_slack(net, start, finish, project_finish, has_work)
    critical = total <= 0
    return Passes(
        early_start=es,
        early_finish=ef,
        late_start=ls,
        late_finish=lf,
        start=start,
        finish=finish,
        total_slack=total,
        free_slack=free,
        critical=critical,
        project_finish=project_finish,
        order=order,
    )


def _forward(net: Network, level: Ints, order: Ints, depth: int) -> tuple[Ints, Ints]:
    n = net.size
    dur = net.duration
    es = np.zeros(n, dtype=np.int64)
    ef = np.zeros(n, dtype=np.int64)
    # Incoming links grouped by the successor's level, then by successor.
    by_dst = np.lexsort((net.dst, level[net.dst]))
    e_src, e_dst = net.src[by_dst], net.dst[by_dst]
    e_kind, e_lag = net.kind[by_dst], net.lag[by_dst]
    e_bounds = _level_slices(level[e_dst], depth)
    t_bounds = _level_slices(level[order], depth)
    for d in range(depth + 1):
        rows = order[t_bounds[d] : t_bounds[d + 1]]
        lo, hi = e_bounds[d], e_bounds[d + 1]
        start = np.zeros(rows.size, dtype=np.int64)
        if hi > lo:
            src, dst = e_src[lo:hi], e_dst[lo:hi]
            kind, lag = e_kind[lo:hi], e_lag[lo:hi]
            driver = np.where(kind & 1, ef[src], es[src])
            at = add_work(driver, lag)
            # A link into the successor's finish gives a start `duration` earlier.
            onto_finish = (kind & 2).astype(bool)
            at = np.where(onto_finish & (dur[dst] > 0), add_work(as_end(at), -dur[dst]), at)
            seg, targets = _segments(dst)
            es[targets] = np.maximum.reduceat(at, seg)
            start = np.maximum(es[rows], 0)
        _place_forward(net, rows, start, es, ef)
    return es, ef


def _place_forward(net: Network, rows: Ints, start: Ints, es: Ints, ef: Ints) -> None:
    """Apply constraints to link-driven starts and set early start and finish."""
    dur = net.duration[rows]
    kind = net.constraint[rows]
    at = net.constraint_at[rows]
    work = dur > 0
    start = np.where(work, as_start(start), start)
    latest_start = add_work(at, -dur)  # a finish constraint seen as a start
    start = np.where(kind == SNET, np.maximum(start, at), start)
    start = np.where(kind == FNET, np.maximum(start, latest_start), start)
    start = np.where(kind == SNLT, np.minimum(start, at), start)
    start = np.where(kind == FNLT, np.minimum(start, latest_start), start)
    start = np.where(kind == MSO, at, start)
    start = np.where(kind == MFO, latest_start, start)
    start = np.where(work, as_start(start), start)
    es[rows] = start
    ef[rows] = np.where(work, add_work(start, dur), start)


def _backward(
    net: Network, level: Ints, order: Ints, depth: int, project_finish: int
) -> tuple[Ints, Ints]:
    n = net.size
    dur = net.duration
    ls = np.zeros(n, dtype=np.int64)
    lf = np.full(n, project_finish, dtype=np.int64)
    by_src = np.lexsort((net.src, level[net.src]))
    e_src, e_dst = net.src[by_src], net.dst[by_src]
    e_kind, e_lag = net.kind[by_src], net.lag[by_src]
    e_bounds = _level_slices(level[e_src], depth)
    t_bounds = _level_slices(level[order], depth)
    for d in range(depth, -1, -1):
        rows = order[t_bounds[d] : t_bounds[d + 1]]
        lo, hi = e_bounds[d], e_bounds[d + 1]
        finish = np.full(rows.size, project_finish, dtype=np.int64)
        if hi > lo:
            src, dst = e_src[lo:hi], e_dst[lo:hi]
            kind, lag = e_kind[lo:hi], e_lag[lo:hi]
            driven = np.where(kind & 2, lf[dst], ls[dst])
            at = add_work(driven, -lag)
            # A link from the predecessor's start gives a finish `duration` later.
            from_start = ~(kind & 1).astype(bool)
            at = np.where(from_start & (dur[src] > 0), add_work(as_start(at), dur[src]), at)
            seg, sources = _segments(src)
            lf[sources] = np.minimum.reduceat(at, seg)
            finish = np.minimum(lf[rows], project_finish)
        _place_backward(net, rows, finish, ls, lf)
    return ls, lf


def _place_backward(net: Network, rows: Ints, finish: Ints, ls: Ints, lf: Ints) -> None:
    """Apply constraints and deadlines to link-driven finishes; set late dates."""
    dur = net.duration[rows]
    kind = net.constraint[rows]
    at = net.constraint_at[rows]
    work = dur > 0
    finish = np.where(work, as_end(finish), finish)
    earliest_finish = add_work(at, dur)  # a start constraint seen as a finish
    finish = np.where(kind == SNLT, np.minimum(finish, earliest_finish), finish)
    finish = np.where(kind == FNLT, np.minimum(finish, at), finish)
    finish = np.where(kind == MSO, earliest_finish, finish)
    finish = np.where(kind == MFO, at, finish)
    finish = np.minimum(finish, net.deadline_at[rows])
    finish = np.where(work, as_end(finish), finish)
    lf[rows] = finish
    ls[rows] = np.where(work, add_work(finish, -dur), finish)


def _free_slack(
    net: Network, start: Ints, finish: Ints, project_finish: int, has_work: Bools
) -> Ints:
    """Working days each task can slip before it moves any successor."""
    n = net.size
    free = work_before(np.full(n, project_finish, dtype=np.int64)) - work_before(finish)
    if net.src.size:
        src, dst, kind, lag = net.src, net.dst, net.kind, net.lag
        driver = np.where(kind & 1, finish[src], start[src])
        driven = np.where(kind & 2, finish[dst], start[dst])
        gap = work_before(driven) - work_before(driver) - lag
        np.minimum.at(free, src, gap)
    return np.maximum(free, 0)
