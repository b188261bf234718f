"""The critical-path engine: integer arrays in, integer arrays out.

Tasks are rows ``0..n-1`` and links are parallel edge arrays. Times are quarter-steps
(see :mod:`urbangov.scheduling._time`). The passes are vectorised level by level: tasks
are grouped into topological levels once, then each level's link candidates are
computed for all its incoming (forward) or outgoing (backward) links at once and
reduced with ``maximum.reduceat`` / ``minimum.reduceat``. The Python loop runs once
per level (about 1.5·√n levels for realistic plans), never once per task.
"""

from __future__ import annotations

import copy
from typing import Final, final

import attrs
import numpy as np
import numpy.typing as npt

from urbangov.scheduling._time import add_work, work_before

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
    "CycleFoundError",
    "Network",
    "Passes",
    "compute",
    "levels",
    "update",
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
_NOT_FLEXIBLE: Final = np.array([kind not in (ASAP, ALAP) for kind in range(8)])


class CycleFoundError(Exception):
    """Raised with the rows that could not be ordered (they contain a cycle)."""

    def __init__(self, rows: Ints) -> None:
        self.rows = rows
        super().__init__(f"{rows.size} tasks are on or behind a dependency cycle")


@final
@attrs.frozen(eq=False)
class Network:
    """A plan compiled to arrays. Times are quarter-steps from the project start."""

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
    topology: Topology
    #: Early dates before ALAP tasks' successors follow their late dates (MS Project
    #: takes the project finish from these); the same as the early dates without ALAP.
    first_early_start: Ints
    first_early_finish: Ints


def levels(n: int, src: Ints, dst: Ints) -> tuple[Ints, Ints]:
    """Topological levels: ``(level of each row, rows sorted by level)``.

    A row's level is one more than its deepest predecessor's (Kahn's algorithm, one
    whole frontier at a time). Raises :class:`CycleFoundError` when some rows cannot
    be ordered.
    """
    successors = dst[_grouping(src)]
    out_start = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=out_start[1:])
    level = np.zeros(n, dtype=np.int64)
    indegree = np.bincount(dst, minlength=n)
    frontier = np.flatnonzero(indegree == 0)
    owner = np.zeros(n, dtype=np.int64)  # scratch: drops repeats without sorting
    depth = 0
    while frontier.size:
        level[frontier] = depth
        lo = out_start[frontier]
        targets = successors[_ranges(lo, out_start[frontier + 1] - lo)]
        np.subtract.at(indegree, targets, 1)
        ready = targets[indegree[targets] == 0]
        slots = np.arange(ready.size)
        owner[ready] = slots
        frontier = ready[owner[ready] == slots]  # a task reached twice is taken once
        depth += 1
    if (indegree > 0).any():
        raise CycleFoundError(np.flatnonzero(indegree > 0))
    # Small integers sort by radix: ten times faster than a merge sort.
    key = level.astype(np.int16) if depth < np.iinfo(np.int16).max else level
    return level, np.argsort(key, kind="stable")


def _grouping(keys: Ints) -> Ints:
    """A stable order that sorts ``keys`` (whole numbers below 2**32).

    Two 16-bit radix passes: numpy sorts 16-bit keys by radix, about twice as fast
    as a comparison sort of the 64-bit keys.
    """
    order = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    if keys.size and int(keys.max()) >> 16:
        order = order[np.argsort((keys[order] >> 16).astype(np.uint16), kind="stable")]
    return order


def _ranges(lo: Ints, counts: Ints) -> Ints:
    """``lo[0]..lo[0]+counts[0]-1``, then the next range, and so on, as one array."""
    total = int(counts.sum())
    return np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(total)


def _segments(keys: Ints) -> tuple[Ints, Ints]:
    """For sorted ``keys``: the first index of each run and the run's key."""
    if not keys.size:
        return np.zeros(0, dtype=np.int64), keys
    change = np.empty(keys.size, dtype=bool)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    return starts, keys[starts]


def _level_slices(level_of_key: Ints, depth: int) -> Ints:
    """Boundaries of each level in an array sorted by level."""
    return np.searchsorted(level_of_key, np.arange(depth + 2))


def compute(net: Network) -> Passes:
    """Forward pass, backward pass, slack and criticality, as MS Project computes them.

    The rules follow MPXJ's ``MicrosoftScheduler`` (MS Project re-implemented) at day
    granularity; each step below names the rule it mirrors. The passes run with the
    tasks renumbered in level order, so that a level is a slice of every array.
    """
    topology = Topology(net)
    return topology.restore(_finish_passes(topology.permute(net), topology))


def _finish_passes(net: Network, plan: Topology) -> Passes:
    n = net.size
    moves = plan.incoming.links.forward_moves(net)
    rules = _Constraints(net, forward=True)
    es1, ef1 = es, ef = _forward(net, plan, moves=moves, rules=rules)
    project_finish = int(ef.max()) if n else 0
    ls, lf = _backward(net, plan, project_finish)
    follows_alap = net.dst[net.constraint[net.src] == ALAP]
    if follows_alap.size:
        # Successors of ALAP tasks follow their late dates: a second forward pass,
        # from the first level such a successor is on (nothing before it moves).
        first = int(plan.level[follows_alap].min())
        es, ef = _forward(net, plan, late=(ls, lf), early=(es, ef), from_level=first)
    return _slack(net, plan, (es, ef, ls, lf), (es1, ef1), project_finish)


def _slack(
    net: Network,
    plan: Topology,
    dates: tuple[Ints, Ints, Ints, Ints],
    first_pass: tuple[Ints, Ints],
    project_finish: int,
    *,
    free: Ints | None = None,
) -> Passes:
    """Slack and criticality from the four dates (``free``: free slack, if known)."""
    es, ef, ls, lf = dates
    alap = net.constraint == ALAP
    start = np.where(alap, ls, es)
    finish = np.where(alap, lf, ef)
    start_slack = work_before(ls) - work_before(es)
    finish_slack = work_before(lf) - work_before(ef)
    total = np.where(alap, 0, np.minimum(start_slack, finish_slack))
    if free is None:
        free = _free_slack(net, plan, start, finish, total)
    return Passes(
        early_start=es,
        early_finish=ef,
        late_start=ls,
        late_finish=lf,
        start=start,
        finish=finish,
        total_slack=total,
        free_slack=free,
        critical=total <= 0,
        project_finish=project_finish,
        topology=plan,
        first_early_start=first_pass[0],
        first_early_finish=first_pass[1],
    )


@final
class Topology:
    """The order of a network's tasks and links, computed once per link structure.

    Tasks are renumbered by topological level ("positions"): the passes work on
    arrays in that order, where each level is a contiguous slice. Links are sorted
    by level for the passes and indexed by task for incremental updates. Everything
    but :attr:`order` and :attr:`position` speaks positions.
    """

    __slots__ = (
        "_constrained",
        "_links",
        "bounds",
        "depth",
        "incoming",
        "into",
        "level",
        "order",
        "out_of",
        "outgoing",
        "position",
    )

    def __init__(self, net: Network) -> None:
        n = net.size
        level, order = levels(n, net.src, net.dst)
        self.order = order  # position -> row
        self.position = np.empty(n, dtype=np.int64)  # row -> position
        self.position[order] = np.arange(n)
        self.level = level[order]
        self.depth = depth = int(self.level[-1]) if n else 0
        self.bounds = _level_slices(self.level, depth).tolist()
        self._links = (self.position[net.src], self.position[net.dst])
        inner = self.permute(net)
        self.incoming = _Sweep(inner, self.level, depth, by=inner.dst)
        self.outgoing = _Sweep(inner, self.level, depth, by=inner.src)
        self.into = self.incoming.by_task(n)
        self.out_of = self.outgoing.by_task(n)
        # Constraints are rare: each level keeps the few tasks that have one.
        dated = np.flatnonzero(_NOT_FLEXIBLE[inner.constraint])
        cuts = np.searchsorted(self.level[dated], np.arange(depth + 2)).tolist()
        self._constrained = [dated[cuts[d] : cuts[d + 1]] for d in range(depth + 1)]

    def rows(self, d: int) -> slice:
        """The positions of the tasks on level ``d``."""
        return slice(self.bounds[d], self.bounds[d + 1])

    def constrained(self, d: int) -> Ints:
        """The positions of the tasks on level ``d`` with a dated constraint."""
        return self._constrained[d]

    def permute(self, net: Network) -> Network:
        """``net`` (same links, any durations) with its tasks in position order."""
        order = self.order
        src, dst = self._links
        return Network(
            duration=net.duration[order],
            constraint=net.constraint[order],
            constraint_at=net.constraint_at[order],
            deadline_at=net.deadline_at[order],
            src=src,
            dst=dst,
            kind=net.kind,
            lag=net.lag,
        )

    def restore(self, passes: Passes) -> Passes:
        """``passes`` computed on positions, back in the network's task order."""
        back = self.position
        return Passes(
            early_start=passes.early_start[back],
            early_finish=passes.early_finish[back],
            late_start=passes.late_start[back],
            late_finish=passes.late_finish[back],
            start=passes.start[back],
            finish=passes.finish[back],
            total_slack=passes.total_slack[back],
            free_slack=passes.free_slack[back],
            critical=passes.critical[back],
            project_finish=passes.project_finish,
            topology=self,
            first_early_start=passes.first_early_start[back],
            first_early_finish=passes.first_early_finish[back],
        )


@final
class _Links:
    """Some links as parallel arrays, grouped by the task a pass updates through them."""

    __slots__ = ("dst", "from_finish", "keys", "lag", "onto_finish", "segments", "src", "ss")

    def __init__(self, net: Network, e: Ints, by: Ints) -> None:
        """Links ``e``, which must be grouped by ``by[e]`` (successor or predecessor)."""
        kind = net.kind[e]
        self.src, self.dst, self.lag = net.src[e], net.dst[e], net.lag[e]
        self.from_finish = (kind & 1).astype(bool)
        self.onto_finish = (kind & 2).astype(bool)
        self.ss = kind == SS
        self.segments, self.keys = _segments(by[e])

    def forward_moves(
        self, net: Network, *, late: bool = False, like: _Moves | None = None
    ) -> _Moves:
        """How a successor's start follows from its predecessor's driving date:
        FF and SF step back the successor's duration, then every link adds its lag;
        only FF is held at the project start. With ``late``, a link from an ALAP task
        to one that is not reads the ALAP task's late date (``pick`` then indexes
        ``[early starts, early finishes, late starts, late finishes]``)."""
        if like is None:
            back = np.where(self.onto_finish, -net.duration[self.dst], 0)
            floor = np.where(self.onto_finish & self.from_finish, 0, _NO_FLOOR)
            pick = self.src + net.size * self.from_finish
            like = _Moves(pick, back, self.lag, snap=None, cap=floor)
        if not late:
            return like
        kind = net.constraint
        use_late = (kind[self.src] == ALAP) & (kind[self.dst] != ALAP)
        moved = copy.copy(like)
        moved.pick = np.where(use_late, like.pick + 2 * net.size, like.pick)
        return moved

    def backward_moves(self, net: Network, project_finish: int) -> _Moves:
        """How a predecessor's late finish follows from its successor's driven date:
        SF adds the predecessor's duration before removing the lag, SS starts at the
        next 08:00 and adds it after; every link is capped at the project finish."""
        dur = net.duration[self.src]
        sf = self.onto_finish & ~self.from_finish
        first = np.where(sf, dur, np.where(self.ss, -self.lag, 0))
        second = np.where(self.ss, dur, np.where(sf, -self.lag, -self.lag))
        pick = self.dst + net.size * self.onto_finish
        return _Moves(pick, first, second, snap=self.ss, cap=project_finish)


_NO_FLOOR: Final = np.iinfo(np.int64).min // 4


@final
class _Moves:
    """Per link: read one date, move it by two amounts of work, then bound it.

    ``pick`` indexes the stacked ``[starts, finishes]`` array; the two moves are
    applied as MS Project's calendar applies them one after the other, which comes
    down to one shift and the form (08:00 or 17:00) of the last non-zero move: from
    the next 08:00 (``4 * work_before(t)``), add ``offset``. ``still`` links do not
    move the date at all.
    """

    __slots__ = ("cap", "offset", "pick", "snap", "still")

    def __init__(
        self, pick: Ints, first: Ints, second: Ints, *, snap: Bools | None, cap: Ints | int
    ) -> None:
        self.pick = pick
        last = np.where(second != 0, second, first)
        self.offset = 4 * (first + second) - 3 * (last > 0)
        self.still = (first == 0) & (second == 0)
        self.snap = snap if snap is not None and snap.any() else None
        self.cap = cap

    def apply(self, stacked: Ints, lo: int, hi: int) -> Ints:
        """The bounded candidates of links ``lo:hi``."""
        t = stacked[self.pick[lo:hi]]
        next_start = ((t + 3) >> 2) << 2
        if self.snap is not None:
            t = np.where(self.snap[lo:hi], next_start, t)
        at = np.where(self.still[lo:hi], t, next_start + self.offset[lo:hi])
        if isinstance(self.cap, np.ndarray):
            return np.maximum(at, self.cap[lo:hi], out=at)
        return np.minimum(at, self.cap, out=at)


@final
class _Sweep:
    """All links in the order one pass visits them: by level, then by task."""

    __slots__ = ("keys", "levels", "links", "order", "segments")

    def __init__(self, net: Network, level: Ints, depth: int, by: Ints) -> None:
        # Positions ascend with level, so sorting by task sorts by level too; the
        # order inside one task's group does not matter.
        self.order = _grouping(by)
        self.links = _Links(net, self.order, by)
        self.segments, self.keys = self.links.segments, self.links.keys
        bounds = _level_slices(level[by[self.order]], depth).tolist()
        cuts = np.searchsorted(self.segments, bounds).tolist()
        #: Per level: its links ``lo:hi``, the tasks they update and where each
        #: task's links begin (relative to ``lo``), ready for ``reduceat``.
        self.levels: list[tuple[int, int, Ints, Ints] | None] = [
            (lo, hi, self.keys[s_lo:s_hi], self.segments[s_lo:s_hi] - lo) if hi > lo else None
            for lo, hi, s_lo, s_hi in zip(bounds, bounds[1:], cuts, cuts[1:], strict=False)
        ]

    def by_task(self, n: int) -> tuple[Ints, Ints, Ints]:
        """An index of the links by task: ``(links, first, end)``, for :func:`links_of`."""
        first = np.zeros(n, dtype=np.int64)
        end = np.zeros(n, dtype=np.int64)
        first[self.keys] = self.segments
        end[self.keys] = np.append(self.segments[1:], self.order.size)
        return self.order, first, end


def links_of(index: tuple[Ints, Ints, Ints], rows: Ints) -> Ints:
    """The links of all ``rows``, grouped by row, from an index ``(links, first, end)``."""
    order, first, end = index
    lo = first[rows]
    return order[_ranges(lo, end[rows] - lo)]


def _forward(
    net: Network,
    plan: Topology,
    *,
    late: tuple[Ints, Ints] | None = None,
    early: tuple[Ints, Ints] | None = None,
    from_level: int = 0,
    moves: _Moves | None = None,
    rules: _Constraints | None = None,
) -> tuple[Ints, Ints]:
    """Early dates, level by level from ``from_level`` (levels before it are taken
    from ``early``). With ``late``, links out of ALAP tasks read the ALAP task's late
    dates (MS Project's second forward pass)."""
    n = net.size
    stacked = np.zeros(2 * n, dtype=np.int64)  # [early starts, early finishes]
    if early is not None:
        stacked[:n], stacked[n:] = early
    es, ef = stacked[:n], stacked[n:]
    sweep = plan.incoming
    if moves is None:
        moves = sweep.links.forward_moves(net, late=late is not None)
    if late is not None:
        stacked = np.concatenate([stacked, late[0], late[1]])
        es, ef = stacked[:n], stacked[n : 2 * n]
    if rules is None:
        rules = _Constraints(net, forward=True)
    pick, still, offset, floor = moves.pick, moves.still, moves.offset, moves.cap
    assert isinstance(floor, np.ndarray)
    work = net.duration > 0
    span = 4 * net.duration - 3 * work  # early finish - early start, for work at 08:00
    bounds, levels_, constrained = plan.bounds, sweep.levels, plan.constrained
    maximum, where = np.maximum, np.where
    # The hot loop: one round of whole-level array operations per level.
    for d in range(from_level, plan.depth + 1):
        a, b = bounds[d], bounds[d + 1]
        links = levels_[d]
        if links is None:  # the first level: nothing before it
            start = np.zeros(b - a, dtype=np.int64)
        else:
            lo, hi, keys, segments = links
            t = stacked[pick[lo:hi]]
            next_start = ((t + 3) >> 2) << 2
            at = where(still[lo:hi], t, next_start + offset[lo:hi])
            maximum(at, floor[lo:hi], out=at)
            es[keys] = maximum.reduceat(at, segments)
            start = es[a:b]
        # Work starts at 08:00; a milestone stays at 08:00 or 17:00, not on a rest day.
        start = where(work[a:b] | ((start & 3) >= 2), ((start + 3) >> 2) << 2, start)
        es[a:b] = start
        ef[a:b] = start + span[a:b]
        dated = constrained(d)
        if dated.size:
            _constrain_forward(net, dated, es, ef, rules, first_level=links is None)
    return stacked[:n].copy(), stacked[n : 2 * n].copy()


@final
class _Constraints:
    """What each task's constraint does to its dates, worked out once per pass.

    A task has one constraint, so MS Project's chain of cases comes down to a lower
    and an upper bound on the start (SNET, FNET / SNLT, FNLT), or a fixed start
    (MSO, MFO); backwards, a cap on the late finish or a fixed late finish.
    """

    __slots__ = ("at", "fixed", "high", "is_fixed", "low", "no_links_start", "own_finish")

    def __init__(self, net: Network, *, forward: bool) -> None:
        kind, at, dur = net.constraint, net.constraint_at, net.duration
        self.at = at
        never_low, never_high = np.int64(_NO_FLOOR), np.int64(-_NO_FLOOR)
        self.is_fixed = (kind == MSO) | (kind == MFO)
        if forward:
            for_finish = add_work(at, -dur)  # where a task ending at `at` starts
            self.low = np.where(kind == SNET, at, np.where(kind == FNET, for_finish, never_low))
            self.high = np.where(kind == SNLT, at, np.where(kind == FNLT, for_finish, never_high))
            self.fixed = np.where(kind == MSO, at, for_finish)
            # Without predecessors a SNET or FNET date replaces the project start,
            # and an FNET task keeps its date as its finish.
            self.no_links_start = np.where(kind == SNET, at, np.where(kind == FNET, for_finish, 0))
            self.own_finish = kind == MFO
        else:
            for_start = add_work(at, dur)  # where a task starting at `at` ends
            self.low = np.full(net.size, never_low)
            self.high = np.where(kind == SNLT, for_start, np.where(kind == FNLT, at, never_high))
            self.fixed = np.where(kind == MSO, for_start, at)
            self.no_links_start = self.low
            self.own_finish = self.is_fixed

    def bound(self, rows: Ints, dates: Ints) -> Ints:
        """``dates`` of ``rows`` as the constraints leave them."""
        bounded = np.minimum(np.maximum(dates, self.low[rows]), self.high[rows])
        return np.where(self.is_fixed[rows], self.fixed[rows], bounded)


def _settle_forward(
    net: Network,
    rows: slice | Ints,
    constrained: Ints,
    es: Ints,
    ef: Ints,
    rules: _Constraints,
    *,
    first_level: bool,
) -> None:
    """Early dates of ``rows`` from their link-driven starts (the project start on the
    first level): work starts at 08:00, a milestone may also sit at 17:00 but not on
    a rest day; then the constraints of the ``constrained`` among them."""
    dur = net.duration[rows]
    start = np.zeros_like(dur) if first_level else es[rows]
    es[rows] = _snap(start, dur)
    ef[rows] = es[rows] + 4 * dur - 3 * (dur > 0)
    if constrained.size:
        _constrain_forward(net, constrained, es, ef, rules, first_level=first_level)


def _constrain_forward(
    net: Network, rows: Ints, es: Ints, ef: Ints, rules: _Constraints, *, first_level: bool
) -> None:
    """Early dates of the constrained ``rows``, from their settled link-driven ones."""
    dur = net.duration[rows]
    start = es[rows]
    if first_level:
        start = _snap(rules.no_links_start[rows], dur)
    start = rules.bound(rows, start)
    own = rules.own_finish[rows]
    if first_level:
        own = own | (net.constraint[rows] == FNET)
    es[rows] = start
    ef[rows] = np.where(own, rules.at[rows], add_work(start, dur))


def _snap(start: Ints, dur: Ints) -> Ints:
    """Work starts at 08:00; a milestone stays at 08:00 or 17:00, but not on a rest day."""
    snap = (dur > 0) | ((start & 3) >= 2)
    return np.where(snap, 4 * ((start + 3) // 4), start)


def _backward(net: Network, plan: Topology, project_finish: int) -> tuple[Ints, Ints]:
    """Late dates, from the project finish back through links, constraints, deadlines."""
    n = net.size
    stacked = np.zeros(2 * n, dtype=np.int64)  # [late starts, late finishes]
    ls, lf = stacked[:n], stacked[n:]
    lf[:] = project_finish
    sweep = plan.outgoing
    moves = sweep.links.backward_moves(net, project_finish)
    rules = _Constraints(net, forward=False)
    pick, still, offset, snap = moves.pick, moves.still, moves.offset, moves.snap
    span = 4 * net.duration - 3 * (net.duration > 0)  # late finish - late start
    deadline = net.deadline_at
    bounds, levels_, constrained = plan.bounds, sweep.levels, plan.constrained
    minimum, where = np.minimum, np.where
    for d in range(plan.depth, -1, -1):
        a, b = bounds[d], bounds[d + 1]
        links = levels_[d]
        if links is not None:
            lo, hi, keys, segments = links
            t = stacked[pick[lo:hi]]
            next_start = ((t + 3) >> 2) << 2
            if snap is not None:  # SS: from the successor's next 08:00
                t = where(snap[lo:hi], next_start, t)
            at = where(still[lo:hi], t, next_start + offset[lo:hi])
            minimum(at, project_finish, out=at)
            lf[keys] = minimum.reduceat(at, segments)
        dated = constrained(d)
        if dated.size:
            lf[dated] = rules.bound(dated, lf[dated])
        finish = minimum(lf[a:b], deadline[a:b])
        finish = (((finish + 3) >> 2) << 2) - 3  # a late finish shows at 17:00
        lf[a:b] = finish
        ls[a:b] = finish - span[a:b]
    return ls.copy(), lf.copy()


def _settle_backward(
    net: Network,
    rows: slice | Ints,
    constrained: Ints,
    ls: Ints,
    lf: Ints,
    rules: _Constraints,
) -> None:
    """Late dates of ``rows`` from their link-driven finishes: the constraints of the
    ``constrained`` among them, then deadlines; a late finish shows at 17:00."""
    if constrained.size:
        lf[constrained] = rules.bound(constrained, lf[constrained])
    finish = np.minimum(lf[rows], net.deadline_at[rows])
    finish = 4 * ((finish + 3) // 4) - 3
    dur = net.duration[rows]
    lf[rows] = finish
    ls[rows] = finish - 4 * dur + 3 * (dur > 0)


def _free_slack(net: Network, plan: Topology, start: Ints, finish: Ints, total: Ints) -> Ints:
    """Working days a task can slip before it moves a successor (MS Project's rule):
    the least gap over its links, less the lag. A task without successors has its
    total slack as free slack; never negative."""
    free = total.copy()
    links = plan.outgoing.links  # sorted by predecessor
    if links.src.size:
        driver = np.where(links.from_finish, finish[links.src], start[links.src])
        driven = np.where(links.onto_finish, finish[links.dst], start[links.dst])
        gap = work_before(driven) - work_before(driver) - links.lag
        free[links.keys] = np.minimum.reduceat(gap, links.segments)
    return np.maximum(free, 0)


def update(net: Network, old: Passes, changed: Ints) -> Passes:
    """The passes after the durations of rows ``changed`` moved; links unchanged.

    Only tasks whose dates can move are recomputed: descendants of the changed tasks
    in the forward pass and their ancestors in the backward pass, level by level,
    stopping wherever a value comes out unchanged. A moved project finish shifts every
    late date, and ALAP tasks couple the passes, so those cases fall back to full
    passes (as does a change that reaches too much of the plan).
    """
    topology = old.topology
    inner = topology.permute(net)
    return topology.restore(_update(inner, topology, old, topology.position[changed]))


def _update(net: Network, topology: Topology, old: Passes, changed: Ints) -> Passes:
    n = net.size
    limit = max(64, n // 4)
    order = topology.order
    # 1. The first forward pass, which fixes the project finish.
    first = np.concatenate([old.first_early_start[order], old.first_early_finish[order]])
    moved = _propagate(net, topology, changed, first, limit=limit)
    if moved is None:
        return _finish_passes(net, topology)
    project_finish = int(first[n:].max()) if n else 0
    if project_finish != old.project_finish:
        return _finish_passes(net, topology)  # every late date moves
    # 2. The backward pass.
    dates = np.concatenate([old.early_start, old.early_finish, old.late_start, old.late_finish])
    dates = dates.reshape(4, n)[:, order].reshape(-1)  # [es, ef, ls, lf] in positions
    late = dates[2 * n :]
    moved_late = _propagate(
        net, topology, changed, late, project_finish=project_finish, limit=limit
    )
    if moved_late is None:
        return _finish_passes(net, topology)
    # 3. The early dates as they end up: with ALAP tasks, their successors follow
    #    their late dates, so late dates that moved move those successors too.
    alap = net.constraint == ALAP
    if alap.any():
        from_alap = links_of(topology.out_of, moved_late[alap[moved_late]])
        seeds = np.union1d(changed, net.dst[from_alap])
        moved_early = _propagate(net, topology, seeds, dates, limit=limit, late=True)
        if moved_early is None:
            return _finish_passes(net, topology)
    else:
        dates[: 2 * n] = first
        moved_early = moved
    es, ef, ls, lf = dates[:n], dates[n : 2 * n], dates[2 * n : 3 * n], dates[3 * n :]
    # 4. Free slack only where a task or one of its successors moved.
    touched = np.union1d(moved_early, moved_late)
    touched = np.union1d(touched, net.src[links_of(topology.into, touched)])
    start, finish = np.where(alap, ls, es), np.where(alap, lf, ef)
    free = old.free_slack[order]
    total = np.where(
        alap, 0, np.minimum(work_before(ls) - work_before(es), work_before(lf) - work_before(ef))
    )
    free[touched] = _free_slack_of(net, topology, touched, start, finish, total)
    return _slack(
        net, topology, (es, ef, ls, lf), (first[:n], first[n:]), project_finish, free=free
    )


def _free_slack_of(
    net: Network, topology: Topology, rows: Ints, start: Ints, finish: Ints, total: Ints
) -> Ints:
    """:func:`_free_slack` for the sorted ``rows`` only."""
    free = total[rows]
    links = links_of(topology.out_of, rows)  # grouped by predecessor, in `rows` order
    if links.size:
        src, dst, kind = net.src[links], net.dst[links], net.kind[links]
        driver = np.where(kind & 1, finish[src], start[src])
        driven = np.where(kind & 2, finish[dst], start[dst])
        gap = work_before(driven) - work_before(driver) - net.lag[links]
        segments, keys = _segments(src)
        where = np.searchsorted(rows, keys)
        free[where] = np.minimum.reduceat(gap, segments)
    return np.maximum(free, 0)


def _propagate(
    net: Network,
    topology: Topology,
    seeds: Ints,
    stacked: Ints,
    *,
    limit: int,
    project_finish: int | None = None,
    late: bool = False,
) -> Ints | None:
    """Recompute ``seeds`` and every task their changes reach, one level at a time.

    ``stacked`` starts ``[starts, finishes]``: early ones (forward; with ``late`` it
    goes on with the late ones, which links out of ALAP tasks read) or, given the
    project finish, late ones (backward). Returns the tasks whose dates moved, or
    None once more than ``limit`` were recomputed: a full pass is cheaper then.
    """
    n = net.size
    forward = project_finish is None
    starts, finishes = stacked[:n], stacked[n : 2 * n]
    level = topology.level
    constrained = _NOT_FLEXIBLE[net.constraint]
    rules = _Constraints(net, forward=forward)
    pending: dict[int, set[int]] = {}
    for row in seeds.tolist():
        pending.setdefault(int(level[row]), set()).add(row)
    done = 0
    all_moved = []
    while pending:
        d = min(pending) if forward else max(pending)
        rows = np.fromiter(sorted(pending.pop(d)), dtype=np.int64)
        done += rows.size
        if done > limit:
            return None
        both = np.concatenate([rows, rows + n])
        before = stacked[both]
        if forward:
            links = links_of(topology.into, rows)
            if links.size:  # grouped by successor already: `rows` is sorted
                found = _Links(net, links, net.dst)
                at = found.forward_moves(net, late=late).apply(stacked, 0, links.size)
                starts[found.keys] = np.maximum.reduceat(at, found.segments)
            _settle_forward(
                net, rows, rows[constrained[rows]], starts, finishes, rules, first_level=d == 0
            )
        else:
            assert project_finish is not None
            finishes[rows] = project_finish
            links = links_of(topology.out_of, rows)
            if links.size:
                found = _Links(net, links, net.src)
                at = found.backward_moves(net, project_finish).apply(stacked, 0, links.size)
                finishes[found.keys] = np.minimum.reduceat(at, found.segments)
            _settle_backward(net, rows, rows[constrained[rows]], starts, finishes, rules)
        moved = np.unique(np.concatenate([rows, rows])[before != stacked[both]])
        all_moved.append(moved)
        index, ends = (topology.out_of, net.dst) if forward else (topology.into, net.src)
        for row in ends[links_of(index, moved)].tolist():
            pending.setdefault(int(level[row]), set()).add(row)
    return np.unique(np.concatenate(all_moved)) if all_moved else seeds[:0]
