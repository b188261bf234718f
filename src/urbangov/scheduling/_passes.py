"""The forward and backward passes, slack and criticality, as MS Project computes them.

The rules follow MPXJ's ``MicrosoftScheduler`` (MS Project re-implemented) at day
granularity. The passes are vectorised level by level: each level's link candidates
are computed for all its links at once and reduced with ``maximum.reduceat`` /
``minimum.reduceat``. The Python loop runs once per level (about 1.5·√n levels for
realistic plans), never once per task, and the tasks are renumbered in level order so
that a level is a slice of every array.

Small plans are scheduled by the same rules task by task in :mod:`._small`: a rule
changed here changes there too (``tests/scheduling/test_small.py`` holds them equal).
"""

from __future__ import annotations

from typing import Any, final

import numpy as np

from urbangov.scheduling._actuals import Actuals
from urbangov.scheduling._network import (
    ALAP,
    FNET,
    FNLT,
    MFO,
    MSO,
    NO_DATE,
    NO_FLOOR,
    NOT_FLEXIBLE,
    SNET,
    SNLT,
    Bools,
    Ints,
    Network,
    Passes,
)
from urbangov.scheduling._time import add_work, as_end, as_start, on_rest_day, work_before
from urbangov.scheduling._topology import Topology, column, reduce_links

__all__ = [
    "Constraints",
    "compute",
    "finish_passes",
    "free_slack",
    "settle_backward",
    "settle_forward",
    "slack",
]


def compute(net: Network) -> Passes:
    """Forward pass, backward pass, slack and criticality, as MS Project computes them.

    The rules follow MPXJ's ``MicrosoftScheduler`` (MS Project re-implemented) at day
    granularity; each step below names the rule it mirrors. The passes run with the
    tasks renumbered in level order, so that a level is a slice of every array.
    """
    topology = Topology(net)
    return topology.restore(finish_passes(topology.network, topology))


@final
class Scratch:
    """Arrays kept from one batch of iterations to the next. A fresh array of a few
    megabytes costs its page faults each time it is first written (measured: a
    quarter of a simulation batch's time); the same array again costs nothing.
    What the passes return may live in these arrays: read it before the next batch."""

    __slots__ = ("_arrays",)

    def __init__(self) -> None:
        self._arrays: dict[str, Ints] = {}

    def array(self, name: str, shape: tuple[int, ...], dtype: type[np.signedinteger[Any]]) -> Ints:
        """An array of this ``shape`` and ``dtype`` (its values left over)."""
        found = self._arrays.get(name)
        if found is None or found.shape != shape or found.dtype != dtype:
            found = self._arrays[name] = np.empty(shape, dtype=dtype)
        return found

    def zeros(self, name: str, shape: tuple[int, ...]) -> Ints:
        """A read-only array of zeros of this ``shape``."""
        found = self._arrays.get(name)
        if found is None or found.shape != shape:
            found = self._arrays[name] = np.zeros(shape, dtype=np.int64)
            found.setflags(write=False)
        return found


def finish_passes(
    net: Network, plan: Topology, *, free: bool = True, scratch: Scratch | None = None
) -> Passes:
    """:func:`compute` on a network already in level order (without ``free``, the
    free slack is left at 0: it takes a pass over every link that the critical path
    does not need).

    A network whose durations (and work left) have a second axis is a batch of
    iterations, one column each, scheduled side by side, each against its own
    project finish: one pass over the levels does all of them (a simulation's
    iterations; the topology should ``keep`` what its links need, and ``scratch``
    keeps the largest arrays for the next batch)."""
    n, batch = net.size, net.duration.shape[1:]
    # A batch's instants in 32 bits: half the memory to move, and room for a plan
    # of 500 million working days.
    dtype = np.int32 if batch else np.int64

    def buffer(name: str, rows: int) -> Ints:
        shape = (rows, *batch)
        if scratch is None:
            return np.empty(shape, dtype=dtype)
        return scratch.array(name, shape, dtype)

    actuals = None if net.progress is None else Actuals(net, plan)
    rules = Constraints(net, forward=True)
    es1, ef1 = es, ef = forward(
        net, plan, rules=rules, actuals=actuals, buffer=buffer("early", 2 * n)
    )
    project_finish = plan.project_finish(ef)
    follows_alap = net.dst[net.constraint[net.src] == ALAP]
    # With ALAP tasks the second forward pass reads the late dates: the backward
    # pass writes them straight into the second half of its buffer.
    both = buffer("both", 4 * n) if follows_alap.size else None
    late_part = buffer("late", 2 * n) if both is None else both[2 * n :]
    ls, lf = backward(net, plan, project_finish, actuals=actuals, out=late_part)
    if both is not None:
        # Successors of ALAP tasks follow their late dates: a second forward pass,
        # from the first level such a successor is on (nothing before it moves).
        # Its moves are built again rather than kept through the backward pass,
        # whose own moves would otherwise sit beside them.
        es, ef = forward(
            net,
            plan,
            late=(ls, lf),
            early=(es, ef),
            from_level=int(plan.level[follows_alap].min()),
            rules=rules,
            actuals=actuals,
            buffer=both,
        )
    return slack(
        net,
        plan,
        (es, ef, ls, lf),
        (es1, ef1),
        project_finish,
        actuals=actuals,
        free=None
        if free
        else (np.zeros_like(es) if scratch is None else scratch.zeros("free", es.shape)),
    )


def slack(
    net: Network,
    plan: Topology,
    dates: tuple[Ints, Ints, Ints, Ints],
    first_pass: tuple[Ints, Ints],
    project_finish: int | Ints,
    *,
    free: Ints | None = None,
    actuals: Actuals | None = None,
) -> Passes:
    """Slack and criticality from the four dates (``free``: free slack, if known)."""
    es, ef, ls, lf = dates
    alap = net.constraint == ALAP
    # An ALAP task is shown at its late dates; without any, the early dates are
    # shared rather than copied (a million tasks: 16 MB).
    any_alap = bool(alap.any())
    start = np.where(column(alap, es), ls, es) if any_alap else es
    finish = np.where(column(alap, es), lf, ef) if any_alap else ef
    # The slack on each end, worked out in place: these are the engine's largest
    # temporaries after the links.
    total = work_before(ls)
    total -= work_before(es)
    finish_slack = work_before(lf)
    finish_slack -= work_before(ef)
    np.minimum(total, finish_slack, out=total)
    critical_ok: Bools | bool = True
    if actuals is not None:
        # Once started, only the finish counts; what happened is shown as it was.
        progressed, finished = column(actuals.progressed, es), column(actuals.finished, es)
        total = np.where(progressed, finish_slack, total)
        start = np.where(progressed, column(actuals.actual_start, es), start)
        finish = np.where(finished, column(actuals.actual_finish, es), finish)
        critical_ok = column(~actuals.finished & ~actuals.complete, es)
    del finish_slack
    total[alap] = 0
    if free is None:
        ignored = None if actuals is None else actuals.ignored_successors(plan.outgoing.links)
        free = free_slack(net, plan, start, finish, total, ignored=ignored)
        if actuals is not None:
            free[actuals.finished] = 0
    return Passes(
        early_start=es,
        early_finish=ef,
        late_start=ls,
        late_finish=lf,
        start=start,
        finish=finish,
        total_slack=total,
        free_slack=free,
        critical=(total <= 0) & critical_ok,
        project_finish=int(np.max(project_finish, initial=0)),
        topology=plan,
        first_early_start=first_pass[0],
        first_early_finish=first_pass[1],
    )


def forward(
    net: Network,
    plan: Topology,
    *,
    late: tuple[Ints, Ints] | None = None,
    early: tuple[Ints, Ints] | None = None,
    from_level: int = 0,
    rules: Constraints | None = None,
    actuals: Actuals | None = None,
    buffer: Ints | None = None,
) -> tuple[Ints, Ints]:
    """Early dates, level by level from ``from_level`` (levels before it are taken
    from ``early``). With ``late``, links out of ALAP tasks read the ALAP task's late
    dates (MS Project's second forward pass). The dates are written to ``buffer``
    when given (``[early starts, early finishes, late starts, late finishes]``, the
    late half possibly already there) and returned as views of it."""
    n, batch = net.size, net.duration.shape[1:]
    moves = plan.incoming.links.forward_moves(net, late=late is not None)
    stacked = buffer
    if stacked is None:
        stacked = np.zeros(((2 if late is None else 4) * n, *batch), dtype=np.int64)
    if early is not None:
        stacked[:n], stacked[n : 2 * n] = early
    if late is not None:
        for part, dates in ((stacked[2 * n : 3 * n], late[0]), (stacked[3 * n :], late[1])):
            if not np.shares_memory(part, dates):
                part[...] = dates
    es, ef = stacked[:n], stacked[n : 2 * n]
    sweep = plan.incoming
    if rules is None:
        rules = Constraints(net, forward=True)
    pick, still, offset, floor = moves.pick, moves.still, moves.offset, moves.floor
    assert floor is not None
    work = net.duration > 0
    span = 4 * net.duration - 3 * work  # early finish - early start, for work at 08:00
    bounds, levels_, constrained = plan.bounds, sweep.levels, plan.constrained
    maximum, copyto = np.maximum, np.copyto
    # The hot loop: one round of whole-level array operations per level, in place
    # where it can be (a fresh array costs more than the arithmetic on it).
    for d in range(from_level, plan.depth + 1):
        a, b = bounds[d], bounds[d + 1]
        links = levels_[d]
        start = es[a:b]
        if links is None:  # the first level: nothing before it
            start[...] = 0
        else:
            lo, hi, keys, segments = links
            t = stacked[pick[lo:hi]]
            at = as_start(t)
            at += offset[lo:hi]
            copyto(at, t, where=still[lo:hi])
            maximum(at, 0, out=at, where=floor[lo:hi])  # FF: not before the start
            es[keys] = reduce_links(maximum, at, segments)
        # Work starts at 08:00; a milestone stays at 08:00 or 17:00, not on a rest day.
        copyto(start, as_start(start), where=work[a:b] | on_rest_day(start))
        np.add(start, span[a:b], out=ef[a:b])
        dated = constrained(d)
        if dated.size:
            constrain_forward(net, dated, es, ef, rules, first_level=links is None)
        if actuals is not None:
            actuals.fix_forward(d, es, ef)
    if late is None or buffer is not None:  # the views are all the buffer holds
        return es, ef
    del moves, pick, still, offset, floor  # before the copies, not beside them
    return es.copy(), ef.copy()


@final
class Constraints:
    """What each task's constraint does to its dates, worked out once per pass.

    A task has one constraint, so MS Project's chain of cases comes down to a lower
    and an upper bound on the start (SNET, FNET / SNLT, FNLT), or a fixed start
    (MSO, MFO); backwards, a cap on the late finish or a fixed late finish.
    """

    __slots__ = (
        "at",
        "fixed",
        "high",
        "is_fixed",
        "low",
        "no_links_start",
        "own_finish",
        "rows",
    )

    def __init__(self, net: Network, *, forward: bool) -> None:
        # Kept for the dated tasks only (``rows``, ascending): most tasks have none.
        self.rows = np.flatnonzero(NOT_FLEXIBLE[net.constraint])
        dur = net.duration[self.rows]
        # In a batch of iterations (durations with a second axis) these are columns.
        kind = column(net.constraint[self.rows], dur)
        at = column(net.constraint_at[self.rows], dur)
        self.at = at
        never_low, never_high = np.int64(NO_FLOOR), np.int64(-NO_FLOOR)
        self.is_fixed = (kind == MSO) | (kind == MFO)
        if forward:
            for_finish = add_work(at, -dur)  # where a task ending at `at` starts
            self.low = np.where(kind == SNET, at, np.where(kind == FNET, for_finish, never_low))
            self.high = np.where(kind == SNLT, at, np.where(kind == FNLT, for_finish, never_high))
            self.fixed = np.where(kind == MSO, at, for_finish)
            # Without predecessors a SNET or FNET date replaces the project start,
            # and an FNET task keeps its date as its finish.
            self.no_links_start = np.where(kind == SNET, at, np.where(kind == FNET, for_finish, 0))
            self.own_finish = (kind == MFO) | (kind == FNET)
        else:
            for_start = add_work(at, dur)  # where a task starting at `at` ends
            self.low = np.full(kind.shape, never_low)
            self.high = np.where(kind == SNLT, for_start, np.where(kind == FNLT, at, never_high))
            self.fixed = np.where(kind == MSO, for_start, at)
            self.no_links_start = self.low
            self.own_finish = self.is_fixed

    def slots(self, rows: Ints) -> Ints:
        """Where the dated ``rows`` are kept in this object's arrays."""
        return np.searchsorted(self.rows, rows)

    def bound(self, rows: Ints, dates: Ints) -> Ints:
        """``dates`` of the dated ``rows`` as the constraints leave them."""
        k = self.slots(rows)
        bounded = np.minimum(np.maximum(dates, self.low[k]), self.high[k])
        return np.where(self.is_fixed[k], self.fixed[k], bounded)


def settle_forward(
    net: Network,
    rows: slice | Ints,
    constrained: Ints,
    es: Ints,
    ef: Ints,
    rules: Constraints,
    *,
    first_level: bool,
) -> None:
    """Early dates of ``rows`` from their link-driven starts (the project start on the
    first level): work starts at 08:00, a milestone may also sit at 17:00 but not on
    a rest day; then the constraints of the ``constrained`` among them."""
    dur = net.duration[rows]
    start = np.zeros_like(dur) if first_level else es[rows]
    es[rows] = snap(start, dur)
    ef[rows] = es[rows] + 4 * dur - 3 * (dur > 0)
    if constrained.size:
        constrain_forward(net, constrained, es, ef, rules, first_level=first_level)


def constrain_forward(
    net: Network, rows: Ints, es: Ints, ef: Ints, rules: Constraints, *, first_level: bool
) -> None:
    """Early dates of the constrained ``rows``, from their settled link-driven ones."""
    dur = net.duration[rows]
    k = rules.slots(rows)
    start = es[rows]
    if first_level:
        start = snap(rules.no_links_start[k], dur)
    start = rules.bound(rows, start)
    own = rules.own_finish[k]
    if not first_level:  # an FNET task keeps its date as its finish only without links
        own = own & column(net.constraint[rows] != FNET, own)
    es[rows] = start
    ef[rows] = np.where(own, rules.at[k], add_work(start, dur))


def snap(start: Ints, dur: Ints) -> Ints:
    """Work starts at 08:00; a milestone stays at 08:00 or 17:00, but not on a rest day."""
    return np.where((dur > 0) | on_rest_day(start), as_start(start), start)


def backward(
    net: Network,
    plan: Topology,
    project_finish: int | Ints,
    *,
    actuals: Actuals | None = None,
    out: Ints | None = None,
) -> tuple[Ints, Ints]:
    """Late dates, from the project finish back through links, constraints,
    deadlines; written to ``out`` (``[late starts, late finishes]``) when given,
    and returned as views of it. ``project_finish`` is one instant, or for a batch
    of iterations one per iteration."""
    n = net.size
    stacked = np.empty((2 * n, *net.duration.shape[1:]), dtype=np.int64) if out is None else out
    ls, lf = stacked[:n], stacked[n:]
    ls[:] = 0
    lf[:] = project_finish
    sweep = plan.outgoing
    moves = sweep.links.backward_moves(net)  # capped below, per task
    rules = Constraints(net, forward=False)
    pick, still, offset, snap = moves.pick, moves.still, moves.offset, moves.snap
    span = 4 * net.duration - 3 * (net.duration > 0)  # late finish - late start
    deadline = column(net.deadline_at, net.duration)
    overrides = None
    if actuals is not None:
        overrides = actuals.link_overrides(net, sweep.links, project_finish)
        overrides = None if overrides is None else sweep.links.in_pass_order(overrides)
    bounds, levels_, constrained = plan.bounds, sweep.levels, plan.constrained
    minimum, copyto = np.minimum, np.copyto
    for d in range(plan.depth, -1, -1):
        a, b = bounds[d], bounds[d + 1]
        links = levels_[d]
        if links is not None:
            lo, hi, keys, segments = links
            t = stacked[pick[lo:hi]]
            at = as_start(t)
            if snap is not None:  # SS: from the successor's next 08:00
                copyto(t, at, where=snap[lo:hi])
            at += offset[lo:hi]
            copyto(at, t, where=still[lo:hi])
            if overrides is not None:
                special = overrides[lo:hi]
                copyto(at, special, where=special != NO_DATE)
            # Capped at the project finish after the reduction: one value per task
            # rather than per link (each iteration of a batch has its own).
            lf[keys] = minimum(reduce_links(minimum, at, segments), project_finish)
        if actuals is not None:
            actuals.milestone_late_finish(d, lf)
        dated = constrained(d)
        if dated.size:
            lf[dated] = rules.bound(dated, lf[dated])
        finish = lf[a:b]
        minimum(finish, deadline[a:b], out=finish)
        finish[...] = as_end(finish)  # a late finish shows at 17:00
        np.subtract(finish, span[a:b], out=ls[a:b])
        if actuals is not None:
            actuals.fix_backward(d, ls, lf)
    if actuals is not None:  # a progressed task's late start is shown as its actual start
        progressed = actuals.progressed
        ls[progressed] = column(actuals.actual_start[progressed], ls)
    return ls, lf


def settle_backward(
    net: Network,
    rows: slice | Ints,
    constrained: Ints,
    ls: Ints,
    lf: Ints,
    rules: Constraints,
) -> None:
    """Late dates of ``rows`` from their link-driven finishes: the constraints of the
    ``constrained`` among them, then deadlines; a late finish shows at 17:00."""
    if constrained.size:
        lf[constrained] = rules.bound(constrained, lf[constrained])
    finish = np.minimum(lf[rows], net.deadline_at[rows])
    finish = as_end(finish)
    dur = net.duration[rows]
    lf[rows] = finish
    ls[rows] = finish - 4 * dur + 3 * (dur > 0)


def free_slack(
    net: Network,
    plan: Topology,
    start: Ints,
    finish: Ints,
    total: Ints,
    *,
    ignored: Bools | None = None,
) -> Ints:
    """Working days a task can slip before it moves a successor (MS Project's rule):
    the least gap over its links, less the lag (``ignored`` links, into finished
    tasks, do not count). A task without successors has its total slack as free
    slack; never negative."""
    free = total.copy()
    links = plan.outgoing.links  # sorted by predecessor
    # A few hundred thousand links at a time: the gaps of all three million links of
    # a million-task plan would be the largest thing the engine holds.
    segments, keys = links.segments, links.keys
    step = 1 << 16
    for first in range(0, segments.size, step):
        lo = int(segments[first])
        cut = segments[first : first + step + 1]
        hi = int(cut[-1]) if cut.size > step else links.size
        src, dst, lag = links.part(lo, hi)
        kind = column(links.kind[lo:hi], start)
        driver = np.where(kind & 1, finish[src], start[src])  # from the finish: FS, FF
        driven = np.where(kind & 2, finish[dst], start[dst])  # onto the finish: FF, SF
        gap = work_before(driven) - work_before(driver) - column(lag, start)
        if ignored is not None:
            gap[ignored[lo:hi]] = NO_DATE
        least = np.minimum.reduceat(gap, cut[:step] - lo)
        rows = keys[first : first + step]
        free[rows] = np.where(least == NO_DATE, total[rows], least)
    return np.maximum(free, 0, out=free)
