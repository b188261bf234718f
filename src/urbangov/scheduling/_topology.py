"""The order of a network: topological levels, and links sorted for the passes.

Everything here is computed once per link structure and reused by every pass and
every what-if on it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Final, TypeVar, cast, final

import numpy as np
import numpy.typing as npt

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
)
from urbangov.scheduling._time import as_start

Arr = TypeVar("Arr", Ints, Bools)
AnyArray = TypeVar("AnyArray", bound=npt.NDArray[Any])

__all__ = [
    "Links",
    "Moves",
    "Rounds",
    "Sweep",
    "Topology",
    "column",
    "grouping",
    "levels",
    "links_of",
    "reduce_links",
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
        "_into",
        "_links",
        "_out_of",
        "bounds",
        "depth",
        "incoming",
        "level",
        "network",
        "order",
        "outgoing",
        "position",
    )

    def __init__(self, net: Network, *, keep: bool = False) -> None:
        """With ``keep``, the network is to be scheduled again and again with other
        durations (a simulation's batches, see ``finish_passes``): what the links
        need is gathered once and kept, and laid out for batches."""
        n = net.size
        level, order = levels(n, net.src, net.dst)
        if keep:
            # Within a level, the tasks with the most links in first: the forward
            # rounds then fill the level's dates in order (see :class:`Rounds`).
            links_in = np.bincount(net.dst, minlength=n)[order]
            order = order[np.lexsort((-links_in, level[order]))]
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
        self.incoming = Sweep(inner, self.level, depth, by=inner.dst, keep=keep)
        self.outgoing = Sweep(inner, self.level, depth, by=inner.src, keep=keep)
        self._into: tuple[Ints, Ints, Ints] | None = None
        self._out_of: tuple[Ints, Ints, Ints] | None = None
        # Constraints are rare: each level keeps the few tasks that have one.
        dated = np.flatnonzero(NOT_FLEXIBLE[inner.constraint])
        cuts = np.searchsorted(self.level[dated], np.arange(depth + 2)).tolist()
        self._constrained = [dated[cuts[d] : cuts[d + 1]] for d in range(depth + 1)]

    def project_finish(self, early_finish: Ints) -> int | Ints:
        """The latest of ``early_finish``: one instant, or for a batch of iterations
        (a second axis) one per iteration."""
        if early_finish.ndim == 1:
            return int(early_finish.max()) if early_finish.size else 0
        return cast(Ints, early_finish.max(axis=0))

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


def column(a: AnyArray, dates: npt.NDArray[Any]) -> AnyArray:
    """A per-task (or per-link) array shaped to meet ``dates``: as it is, or for a
    batch of iterations (``dates`` with a second axis, one column per iteration) as
    a column, so that every iteration reads the same value."""
    return a if dates.ndim == a.ndim else cast(AnyArray, a[:, None])


@final
class Links:
    """Some links as parallel arrays, grouped by the task a pass updates through them."""

    __slots__ = ("_kept", "_layout", "_moves", "_net", "keys", "kind", "order", "segments")

    def __init__(self, net: Network, e: Ints, by: Ints, *, keep: bool = False) -> None:
        """Links ``e``, which must be grouped by ``by[e]`` (successor or predecessor).
        With ``keep``, the ends and lags are gathered once and kept (read-only)."""
        self._net, self.order, self.kind = net, e, net.kind[e]
        self.segments, self.keys = segments_of(by[e])
        self._kept: dict[str, Ints] | None = {} if keep else None
        #: Kept moves, the links among them that depend on durations, and where
        #: those sit in the moves (see :meth:`lay_out`).
        self._moves: dict[str, tuple[Moves, Ints, Ints]] = {}
        self._layout: Ints | None = None

    def lay_out(self, layout: Ints) -> None:
        """Keep moves with the links in this order (a permutation of the links),
        as a kept sweep reduces them (see :class:`Rounds`); the links themselves
        stay grouped by task."""
        self._layout = layout

    def in_pass_order(self, values: Ints) -> Ints:
        """Per-link ``values`` in the order the kept moves have them."""
        return values if self._layout is None else values[self._layout]

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
        build: Callable[[Network], Moves],
        depends: Callable[[], Bools],
        parts: Callable[[Ints, Ints], tuple[Ints, Ints]],
        net: Network,
    ) -> Moves:
        """Moves built once and kept: on later calls only the links whose moves
        depend on durations (``depends``) are worked out again, from ``parts``
        (their two amounts of work, given the durations, of any integer type, and
        the links). They are built on the network the links come from and widened
        to a batch of iterations (see :meth:`Moves.widened`). The kept moves are
        updated in place: a caller holds them for one pass only."""
        found = self._moves.get(name)
        if found is None:
            moves, varying = build(self._net), np.flatnonzero(depends())
            slots = varying
            if self._layout is not None:
                moves = moves.permuted(self._layout)
                slots = np.argsort(self._layout)[varying]
            found = (moves, varying, slots)
        moves, varying, slots = found
        moves = moves.widened(net.duration.shape[1:])
        self._moves[name] = (moves, varying, slots)
        if varying.size:
            moves.update(slots, *parts(net.duration, varying))
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
            lambda base: self._forward_moves(base, late=late),
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
            dur = days[self.src[links]]
            back, kind = column(-self.lag[links], dur), column(self.kind[links], dur)
            return np.where(kind == SF, dur, back), np.where(kind == SS, dur, back)

        return self._kept_moves(
            "backward",
            lambda base: self._backward_moves(base, None),
            lambda: (self.kind == SF) | self.ss,
            parts,
            net,
        )

    def _backward_moves(self, net: Network, project_finish: int | None) -> Moves:
        dur = _days(net)[self.src]
        sf, ss = column(self.kind == SF, dur), column(self.ss, dur)
        back = column(-self.lag, dur)
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
    second = column(second, first)  # the same for every iteration of a batch
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
        self.snap = column(snap, first) if snap is not None and snap.any() else None
        self.floor = None if floor is None else column(floor, first)
        self.cap = cap

    def permuted(self, order: Ints) -> Moves:
        """These moves with the links in ``order``."""
        out = copy.copy(self)
        out.pick, out.still, out.offset = self.pick[order], self.still[order], self.offset[order]
        out.snap = None if self.snap is None else self.snap[order]
        out.floor = None if self.floor is None else self.floor[order]
        return out

    def widened(self, batch: tuple[int, ...]) -> Moves:
        """These moves for a batch of ``batch[0]`` iterations side by side (``()``:
        one), every iteration with the same amounts until :meth:`update` changes
        those of some links; ``self`` when it already is."""
        if self.offset.shape[1:] == batch:
            return self
        one_still, one_offset = self.still, self.offset
        if one_still.ndim > 1:  # the moves that do not vary are the same in every column
            one_still, one_offset = one_still[:, 0], one_offset[:, 0]
        out = copy.copy(self)
        if batch:
            out.still = np.repeat(one_still[:, None], batch[0], axis=1)
            out.offset = np.repeat(one_offset[:, None], batch[0], axis=1)
        else:
            out.still, out.offset = one_still.copy(), one_offset.copy()
        out.snap = None if self.snap is None else column(self.snap.reshape(-1), out.offset)
        out.floor = None if self.floor is None else column(self.floor.reshape(-1), out.offset)
        return out

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


#: In a kept sweep, a task's links past this many are reduced by ``reduceat``.
MOST_ROUNDS: Final = 8


@final
class Rounds:
    """How a level's link candidates come down to one value per task when many
    iterations sit side by side.

    ``reduceat`` down the rows of a 2-D array runs its inner loop along each column
    of each segment (measured: ten times the cost per element of a plain
    ``maximum``). A kept sweep lays each level's links out rank by rank instead:
    every task's first link, then the second link of the tasks that have two, and
    so on, the tasks in falling order of their number of links. Each round is then
    one ufunc over two contiguous slices. Links past :data:`MOST_ROUNDS` (a city
    task waiting for 249 wards) are grouped by task and reduced with ``reduceat``.
    """

    __slots__ = ("counts", "tail", "tail_tasks")

    def __init__(self, counts: list[int], tail: Ints | None, tail_tasks: int) -> None:
        #: How many tasks take part in each round (falling).
        self.counts = counts
        #: Where each of the first ``tail_tasks`` tasks' further links begin.
        self.tail, self.tail_tasks = tail, tail_tasks

    @classmethod
    def of_level(cls, segments: Ints, keys: Ints, size: int) -> tuple[Ints, Ints, Rounds]:
        """For one level's ``size`` links grouped by task (``segments``, ``keys``):
        the order to lay them out in (indexes relative to the level), the tasks in
        the order the rounds give their values, and the rounds."""
        count = np.diff(segments, append=size)
        order = np.argsort(-count, kind="stable")
        count, first = count[order], segments[order]
        # Per round j, the tasks with more than j links: summed from the most links down.
        rounds = min(int(count[0]), MOST_ROUNDS)
        tasks_with = np.bincount(np.minimum(count, rounds), minlength=rounds + 1)
        counts: list[int] = np.cumsum(tasks_with[::-1])[::-1][1:].tolist()
        parts = [first[:c] + j for j, c in enumerate(counts)]
        tail, tail_tasks = None, int(np.count_nonzero(count > MOST_ROUNDS))
        if tail_tasks:
            extra = count[:tail_tasks] - MOST_ROUNDS
            parts.append(ranges(first[:tail_tasks] + MOST_ROUNDS, extra))
            tail = np.cumsum(extra) - extra
        return np.concatenate(parts), keys[order], cls(counts, tail, tail_tasks)

    def reduce(self, ufunc: np.ufunc, at: Ints) -> Ints:
        """One value per task from the candidates ``at`` (in this layout); ``at``
        is used up."""
        counts = self.counts
        out, lo = at[: counts[0]], counts[0]
        for c in counts[1:]:
            ufunc(out[:c], at[lo : lo + c], out=out[:c])
            lo += c
        if self.tail is not None:
            head = out[: self.tail_tasks]
            ufunc(head, ufunc.reduceat(at[lo:], self.tail), out=head)
        return out


def _as_slice(keys: Ints) -> Ints | slice:
    """``keys`` as a slice when they are consecutive (writing to a slice is a copy,
    to an index array a scatter)."""
    first = int(keys[0])
    if int(keys[-1]) - first + 1 == keys.size and bool((np.diff(keys) == 1).all()):
        return slice(first, first + keys.size)
    return keys


def reduce_links(ufunc: np.ufunc, at: Ints, by: Ints | Rounds) -> Ints:
    """Each task's value from its links' candidates ``at``, for a level laid out by
    task (``by``: where each task's links begin) or in :class:`Rounds`."""
    return ufunc.reduceat(at, by) if isinstance(by, np.ndarray) else by.reduce(ufunc, at)


@final
class Sweep:
    """All links in the order one pass visits them: by level, then by task (in a
    kept sweep, rank by rank within each level: see :class:`Rounds`)."""

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
        #: task's links begin (relative to ``lo``), ready for ``reduceat``; or, kept,
        #: the tasks in the order of the level's :class:`Rounds`.
        self.levels: list[tuple[int, int, Ints | slice, Ints | Rounds] | None] = []
        layout = []
        for lo, hi, s_lo, s_hi in zip(bounds, bounds[1:], cuts, cuts[1:], strict=False):
            if hi == lo:
                self.levels.append(None)
                continue
            keys, segments = self.keys[s_lo:s_hi], self.segments[s_lo:s_hi] - lo
            if not keep:
                self.levels.append((lo, hi, keys, segments))
                continue
            within, keys, rounds = Rounds.of_level(segments, keys, hi - lo)
            layout.append(within + lo)
            self.levels.append((lo, hi, _as_slice(keys), rounds))
        if layout:
            self.links.lay_out(np.concatenate(layout))

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
