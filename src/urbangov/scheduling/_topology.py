"""The order of a network: topological levels, and links sorted for the passes.

Everything here is computed once per link structure and reused by every pass and
every what-if on it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast, final

import numpy as np

from urbangov.scheduling._network import (
    ALAP,
    FF,
    NOT_FLEXIBLE,
    SF,
    SS,
    Bools,
    CycleFoundError,
    Ints,
    Network,
    Passes,
    Progress,
)
from urbangov.scheduling._time import as_start

Arr = TypeVar("Arr", Ints, Bools)

__all__ = [
    "Links",
    "Moves",
    "Sweep",
    "Topology",
    "grouping",
    "levels",
    "links_of",
    "replicate",
    "segments_of",
]


def levels(n: int, src: Ints, dst: Ints) -> tuple[Ints, Ints]:
    """Topological levels: ``(level of each row, rows sorted by level)``.

    A row's level is one more than its deepest predecessor's (Kahn's algorithm, one
    whole frontier at a time). Raises :class:`CycleFoundError` when some rows cannot
    be ordered.
    """
    successors = dst[grouping(src)]
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
        targets = successors[ranges(lo, out_start[frontier + 1] - lo)]
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


def grouping(keys: Ints) -> Ints:
    """A stable order that sorts ``keys`` (whole numbers below 2**32).

    Two 16-bit radix passes: numpy sorts 16-bit keys by radix, about twice as fast
    as a comparison sort of the 64-bit keys.
    """
    order = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    if keys.size and int(keys.max()) >> 16:
        order = order[np.argsort((keys[order] >> 16).astype(np.uint16), kind="stable")]
    return _narrow(order)


def _narrow(index: Ints) -> Ints:
    """Positions in half the memory: an index array of a network's tasks or links is
    stored as 32-bit integers (a million tasks have three million links). Typed as
    :data:`Ints` all the same: indexing does not care, and arithmetic with it is
    promoted to 64 bits."""
    if index.size >= 2**31:
        return index
    return cast(Ints, index.astype(np.int32))


def ranges(lo: Ints, counts: Ints) -> Ints:
    """``lo[0]..lo[0]+counts[0]-1``, then the next range, and so on, as one array."""
    total = int(counts.sum())
    return np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(total)


def segments_of(keys: Ints) -> tuple[Ints, Ints]:
    """For sorted ``keys``: the first index of each run and the run's key."""
    if not keys.size:
        return np.zeros(0, dtype=np.int64), keys
    change = np.empty(keys.size, dtype=bool)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    starts = _narrow(np.flatnonzero(change))
    return starts, keys[starts]


def level_slices(level_of_key: Ints, depth: int) -> Ints:
    """Boundaries of each level in an array sorted by level."""
    return np.searchsorted(level_of_key, np.arange(depth + 2))


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
        "_copy_of",
        "_into",
        "_links",
        "_out_of",
        "bounds",
        "copies",
        "depth",
        "incoming",
        "level",
        "network",
        "order",
        "outgoing",
        "position",
    )

    def __init__(self, net: Network, *, copies: int = 1) -> None:
        n = net.size
        #: How many independent copies of one network ``net`` holds side by side
        #: (see :meth:`of_copies`).
        self.copies = copies
        self._copy_of: Ints | None = None
        level, order = levels(n, net.src, net.dst)
        self.order = order = _narrow(order)  # position -> row
        position = np.empty(n, dtype=np.int64)
        position[order] = np.arange(n)
        self.position = _narrow(position)  # row -> position
        self.level = _narrow(level[order])
        self.depth = depth = int(self.level[-1]) if n else 0
        self.bounds = level_slices(self.level, depth).tolist()
        self._links = (self.position[net.src], self.position[net.dst])
        #: ``net`` in position order, as it was when this topology was built.
        self.network = inner = self.permute(net)
        many = copies > 1  # scheduled again and again: keep what the links need
        self.incoming = Sweep(inner, self.level, depth, by=inner.dst, keep=many)
        self.outgoing = Sweep(inner, self.level, depth, by=inner.src, keep=many)
        self._into: tuple[Ints, Ints, Ints] | None = None
        self._out_of: tuple[Ints, Ints, Ints] | None = None
        # Constraints are rare: each level keeps the few tasks that have one.
        dated = np.flatnonzero(NOT_FLEXIBLE[inner.constraint])
        cuts = np.searchsorted(self.level[dated], np.arange(depth + 2)).tolist()
        self._constrained = [dated[cuts[d] : cuts[d + 1]] for d in range(depth + 1)]

    @classmethod
    def of_copies(cls, net: Network, copies: int) -> Topology:
        """The topology of ``copies`` independent copies of ``net`` side by side
        (copy ``k``'s task ``i`` is row ``k * net.size + i``): the passes then do
        all of them at once, each copy against its own project finish. A Monte
        Carlo simulation runs its iterations this way: one pass over the levels
        for many iterations instead of one per iteration."""
        return cls(replicate(net, copies), copies=copies)

    def project_finish(self, early_finish: Ints) -> int | Ints:
        """The latest of ``early_finish`` (positions): one instant, or with copies
        the latest of each task's copy, per task."""
        if self.copies == 1:
            return int(early_finish.max()) if early_finish.size else 0
        per_copy = early_finish[self.position].reshape(self.copies, -1).max(axis=1)
        if self._copy_of is None:
            self._copy_of = _narrow(self.order // (self.order.size // self.copies))
        return cast(Ints, per_copy[self._copy_of])

    @property
    def into(self) -> tuple[Ints, Ints, Ints]:
        """The links into each task (for :func:`links_of`), built on first use: only
        what-if updates need it, and at a million tasks it is 16 MB."""
        if self._into is None:
            self._into = self.incoming.by_task(self.position.size)
        return self._into

    @property
    def out_of(self) -> tuple[Ints, Ints, Ints]:
        """The links out of each task (for :func:`links_of`), built on first use."""
        if self._out_of is None:
            self._out_of = self.outgoing.by_task(self.position.size)
        return self._out_of

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
            progress=None if net.progress is None else net.progress.permuted(order),
        )

    def restore(self, passes: Passes) -> Passes:
        """``passes`` computed on positions, back in the network's task order.

        The arrays are reordered in place, one at a time, so ``passes`` is used up:
        a second copy of every result would be the engine's peak. An array that
        stands for two results (the start is the early start when no task is
        ALAP) is reordered once and stays shared.
        """
        back = self.position
        done: set[int] = set()

        def put(a: Arr) -> Arr:
            if id(a) not in done:
                done.add(id(a))
                a[...] = a[back]
            return a

        return Passes(
            early_start=put(passes.early_start),
            early_finish=put(passes.early_finish),
            late_start=put(passes.late_start),
            late_finish=put(passes.late_finish),
            start=put(passes.start),
            finish=put(passes.finish),
            total_slack=put(passes.total_slack),
            free_slack=put(passes.free_slack),
            critical=put(passes.critical),
            project_finish=passes.project_finish,
            topology=self,
            first_early_start=put(passes.first_early_start),
            first_early_finish=put(passes.first_early_finish),
        )


def replicate(net: Network, copies: int) -> Network:
    """``copies`` copies of ``net``, unlinked to each other: copy ``k``'s task ``i``
    is row ``k * net.size + i``."""
    shift = np.repeat(np.arange(copies, dtype=np.int64) * net.size, net.src.size)
    progress = net.progress
    return Network(
        duration=np.tile(net.duration, copies),
        constraint=np.tile(net.constraint, copies),
        constraint_at=np.tile(net.constraint_at, copies),
        deadline_at=np.tile(net.deadline_at, copies),
        src=np.tile(net.src, copies) + shift,
        dst=np.tile(net.dst, copies) + shift,
        kind=np.tile(net.kind, copies),
        lag=np.tile(net.lag, copies),
        progress=None
        if progress is None
        else Progress(
            np.tile(progress.actual_start, copies),
            np.tile(progress.actual_finish, copies),
            np.tile(progress.remaining, copies),
            np.tile(progress.complete, copies),
        ),
    )


@final
class Links:
    """Some links as parallel arrays, grouped by the task a pass updates through them."""

    __slots__ = ("_kept", "_moves", "_net", "keys", "kind", "order", "segments")

    def __init__(self, net: Network, e: Ints, by: Ints, *, keep: bool = False) -> None:
        """Links ``e``, which must be grouped by ``by[e]`` (successor or predecessor).
        With ``keep``, the ends and lags are gathered once and kept (read-only)."""
        self._net, self.order, self.kind = net, e, net.kind[e]
        self.segments, self.keys = segments_of(by[e])
        self._kept: dict[str, Ints] | None = {} if keep else None
        #: Kept moves, and the links among them that depend on durations.
        self._moves: dict[str, tuple[Moves, Ints]] = {}

    # The ends, lags and the flags of the link kind are read from the network when
    # needed, not kept: at a million tasks each would hold 3 to 12 MB per sweep for
    # the whole schedule's life. Copies scheduled many times over (a simulation's
    # batches) keep them instead: they are small, and gathered again for every
    # batch they would cost a sixth of its time.
    def _gathered(self, name: str, gather: Callable[[], Ints]) -> Ints:
        if self._kept is None:
            return gather()
        found = self._kept.get(name)
        if found is None:
            found = self._kept[name] = gather()
            found.setflags(write=False)
        return found

    @property
    def from_finish(self) -> Bools:
        """The predecessor's finish drives (FS, FF)."""
        return (self.kind & 1).astype(bool)

    @property
    def onto_finish(self) -> Bools:
        """The successor's finish is driven (FF, SF)."""
        return (self.kind & 2).astype(bool)

    @property
    def ss(self) -> Bools:
        return cast(Bools, self.kind == SS)

    @property
    def src(self) -> Ints:
        return self._gathered("src", lambda: self._net.src[self.order])

    @property
    def dst(self) -> Ints:
        return self._gathered("dst", lambda: self._net.dst[self.order])

    @property
    def lag(self) -> Ints:
        return self._gathered("lag", self._lag)

    def _lag(self) -> Ints:
        lag = self._net.lag
        if lag.dtype == np.int32 or self.order.size >= 2**31:
            return lag[self.order]
        # Gathered into 32 bits a slice at a time: no 64-bit copy of every lag.
        out = np.empty(self.order.size, dtype=np.int32)
        step = 1 << 18
        for lo in range(0, out.size, step):
            out[lo : lo + step] = lag[self.order[lo : lo + step]]
        return cast(Ints, out)

    @property
    def size(self) -> int:
        return int(self.order.size)

    def part(self, lo: int, hi: int) -> tuple[Ints, Ints, Ints]:
        """``(src, dst, lag)`` of links ``lo:hi``."""
        e = self.order[lo:hi]
        return self._net.src[e], self._net.dst[e], self._net.lag[e]

    def _kept_moves(
        self,
        name: str,
        build: Callable[[], Moves],
        depends: Callable[[], Bools],
        parts: Callable[[Ints, Ints], tuple[Ints, Ints]],
        net: Network,
    ) -> Moves:
        """Moves built once and kept: on later calls only the links whose moves
        depend on durations (``depends``) are worked out again, from ``parts``
        (their two amounts of work, given the durations and the links). The kept
        moves are updated in place: a caller holds them for one pass only."""
        found = self._moves.get(name)
        if found is None:
            moves = build()
            self._moves[name] = (moves, np.flatnonzero(depends()))
            return moves
        moves, varying = found
        if varying.size:
            moves.update(varying, *parts(_days(net), varying))
        return moves

    def forward_moves(self, net: Network, *, late: bool = False) -> Moves:
        """How a successor's start follows from its predecessor's driving date:
        FF and SF step back the successor's duration, then every link adds its lag;
        only FF is held at the project start. With ``late``, a link from an ALAP task
        to one that is not reads the ALAP task's late date (``pick`` then indexes
        ``[early starts, early finishes, late starts, late finishes]``)."""
        if self._kept is None:
            return self._forward_moves(net, late=late)
        return self._kept_moves(
            "late" if late else "forward",
            lambda: self._forward_moves(net, late=late),
            lambda: self.onto_finish,
            lambda days, links: (-days[self.dst[links]], self.lag[links]),
            net,
        )

    def _forward_moves(self, net: Network, *, late: bool) -> Moves:
        # One link-sized array at a time besides ``pick``: at a million tasks each
        # is 12 MB, and this runs beside everything the passes hold.
        src = self.src
        use_late = net.constraint[src] == ALAP if late else None
        pick = _shifted(src, net.size, where=self.from_finish, top=4 * net.size)
        del src
        dst = self.dst
        if use_late is not None:
            use_late &= net.constraint[dst] != ALAP
            np.add(pick, 2 * net.size, out=pick, where=use_late)
        back = _days(net)[dst]
        del dst
        np.negative(back, out=back)
        back[~self.onto_finish] = 0
        held = self.kind == FF  # not before the project start
        return Moves(pick, back, self.lag, snap=None, floor=held)

    def backward_moves(self, net: Network, project_finish: int | None = None) -> Moves:
        """How a predecessor's late finish follows from its successor's driven date:
        SF adds the predecessor's duration before removing the lag, SS starts at the
        next 08:00 and adds it after; every link is capped at the project finish
        (when given)."""
        if self._kept is None or project_finish is not None:
            return self._backward_moves(net, project_finish)

        def parts(days: Ints, links: Ints) -> tuple[Ints, Ints]:
            dur, back = days[self.src[links]], -self.lag[links]
            return np.where(self.kind[links] == SF, dur, back), np.where(
                self.kind[links] == SS, dur, back
            )

        return self._kept_moves(
            "backward",
            lambda: self._backward_moves(net, None),
            lambda: (self.kind == SF) | self.ss,
            parts,
            net,
        )

    def _backward_moves(self, net: Network, project_finish: int | None) -> Moves:
        dur = _days(net)[self.src]
        sf, ss = self.kind == SF, self.ss
        back = -self.lag
        first = np.where(sf, dur, np.where(ss, back, 0))
        second = np.where(ss, dur, back)
        del dur, back
        pick = _shifted(self.dst, net.size, where=self.onto_finish, top=2 * net.size)
        return Moves(pick, first, second, snap=ss, cap=project_finish)


def _days(net: Network) -> Ints:
    """The durations as 32-bit integers (whole days), so that per-link arrays built
    from them take half the memory."""
    return cast(Ints, net.duration.astype(np.int32))


def _shifted(index: Ints, by: int, *, where: Bools, top: int) -> Ints:
    """``index`` plus ``by`` where ``where`` holds, for indexes below ``top``: in 32
    bits when they fit. ``index`` is used up (shifted in place when it can be)."""
    wide = top >= 2**31 or index.dtype == np.int64
    out = index.astype(np.int64 if wide else np.int32, copy=not index.flags.writeable)
    np.add(out, by, out=out, where=where)
    return cast(Ints, out)


def _shift(first: Ints, second: Ints, *, out: Ints) -> tuple[Bools, Ints]:
    """Two amounts of work done one after the other as ``(still, offset)``: whether
    the date does not move at all, and the shift from the next 08:00 (in
    quarter-steps, ending at 17:00 when the last non-zero move adds work).
    ``out`` may be ``first``: whole days of work, four steps each, are far inside
    32 bits, so the caller's 32-bit array can hold the offset."""
    ends_at_finish = np.where(second != 0, second > 0, first > 0)
    still = (first == 0) & (second == 0)
    offset = np.add(first, second, out=out)
    offset *= 4
    np.subtract(offset, 3, out=offset, where=ends_at_finish)
    return still, offset


@final
class Moves:
    """Per link: read one date, move it by two amounts of work, then bound it.

    ``pick`` indexes the stacked ``[starts, finishes]`` array; the two moves are
    applied as MS Project's calendar applies them one after the other, which comes
    down to one shift and the form (08:00 or 17:00) of the last non-zero move: from
    the next 08:00 (``4 * work_before(t)``), add ``offset``. ``still`` links do not
    move the date at all. Forward, the ``floor`` links are held at the project start
    (instant 0); backward, every link is capped at ``cap``.
    """

    __slots__ = ("cap", "floor", "offset", "pick", "snap", "still")

    def __init__(
        self,
        pick: Ints,
        first: Ints,
        second: Ints,
        *,
        snap: Bools | None,
        floor: Bools | None = None,
        cap: int | None = None,
    ) -> None:
        self.pick = pick
        # ``first`` (a 32-bit array of the caller's own) becomes the offset.
        self.still, self.offset = _shift(first, second, out=first)
        self.snap = snap if snap is not None and snap.any() else None
        self.floor = floor
        self.cap = cap

    def update(self, links: Ints, first: Ints, second: Ints) -> None:
        """New amounts of work for some ``links`` (their durations changed)."""
        self.still[links], self.offset[links] = _shift(first, second, out=first)

    def apply(self, stacked: Ints, lo: int, hi: int) -> Ints:
        """The bounded candidates of links ``lo:hi``."""
        t = stacked[self.pick[lo:hi]]
        next_start = as_start(t)
        if self.snap is not None:
            t = np.where(self.snap[lo:hi], next_start, t)
        at = np.where(self.still[lo:hi], t, next_start + self.offset[lo:hi])
        if self.floor is not None:
            np.maximum(at, 0, out=at, where=self.floor[lo:hi])
        if self.cap is not None:
            np.minimum(at, self.cap, out=at)
        return at


@final
class Sweep:
    """All links in the order one pass visits them: by level, then by task."""

    __slots__ = ("keys", "levels", "links", "order", "segments")

    def __init__(
        self, net: Network, level: Ints, depth: int, by: Ints, *, keep: bool = False
    ) -> None:
        # Positions ascend with level, so sorting by task sorts by level too; the
        # order inside one task's group does not matter.
        self.order = grouping(by)
        self.links = Links(net, self.order, by, keep=keep)
        self.segments, self.keys = self.links.segments, self.links.keys
        bounds = level_slices(level[by[self.order]], depth).tolist()
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
    return order[ranges(lo, end[rows] - lo)]
