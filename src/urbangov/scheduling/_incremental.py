"""What-if updates: recompute only the tasks a change of durations reaches."""

from __future__ import annotations

import numpy as np

from urbangov.scheduling._network import ALAP, NOT_FLEXIBLE, Ints, Network, Passes
from urbangov.scheduling._passes import (
    Constraints,
    finish_passes,
    settle_backward,
    settle_forward,
    slack,
)
from urbangov.scheduling._time import work_before
from urbangov.scheduling._topology import Links, Topology, links_of, segments_of

__all__ = ["update"]


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
    if net.progress is not None:  # actual dates change the rules: full passes
        return topology.restore(finish_passes(inner, topology))
    return topology.restore(_update(inner, topology, old, topology.position[changed]))


def _update(net: Network, topology: Topology, old: Passes, changed: Ints) -> Passes:
    n = net.size
    limit = max(64, n // 4)
    order = topology.order
    # 1. The first forward pass, which fixes the project finish.
    first = np.concatenate([old.first_early_start[order], old.first_early_finish[order]])
    moved = _propagate(net, topology, changed, first, limit=limit)
    if moved is None:
        return finish_passes(net, topology)
    project_finish = int(first[n:].max()) if n else 0
    if project_finish != old.project_finish:
        return finish_passes(net, topology)  # every late date moves
    # 2. The backward pass.
    dates = np.concatenate([old.early_start, old.early_finish, old.late_start, old.late_finish])
    dates = dates.reshape(4, n)[:, order].reshape(-1)  # [es, ef, ls, lf] in positions
    late = dates[2 * n :]
    moved_late = _propagate(
        net, topology, changed, late, project_finish=project_finish, limit=limit
    )
    if moved_late is None:
        return finish_passes(net, topology)
    # 3. The early dates as they end up: with ALAP tasks, their successors follow
    #    their late dates, so late dates that moved move those successors too.
    alap = net.constraint == ALAP
    if alap.any():
        from_alap = links_of(topology.out_of, moved_late[alap[moved_late]])
        seeds = np.union1d(changed, net.dst[from_alap])
        moved_early = _propagate(net, topology, seeds, dates, limit=limit, late=True)
        if moved_early is None:
            return finish_passes(net, topology)
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
    return slack(net, topology, (es, ef, ls, lf), (first[:n], first[n:]), project_finish, free=free)


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
        segments, keys = segments_of(src)
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
    constrained = NOT_FLEXIBLE[net.constraint]
    rules = Constraints(net, forward=forward)
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
                found = Links(net, links, net.dst)
                at = found.forward_moves(net, late=late).apply(stacked, 0, links.size)
                starts[found.keys] = np.maximum.reduceat(at, found.segments)
            settle_forward(
                net, rows, rows[constrained[rows]], starts, finishes, rules, first_level=d == 0
            )
        else:
            assert project_finish is not None
            finishes[rows] = project_finish
            links = links_of(topology.out_of, rows)
            if links.size:
                found = Links(net, links, net.src)
                at = found.backward_moves(net, project_finish).apply(stacked, 0, links.size)
                finishes[found.keys] = np.minimum.reduceat(at, found.segments)
            settle_backward(net, rows, rows[constrained[rows]], starts, finishes, rules)
        moved = np.unique(np.concatenate([rows, rows])[before != stacked[both]])
        all_moved.append(moved)
        index, ends = (topology.out_of, net.dst) if forward else (topology.into, net.src)
        for row in ends[links_of(index, moved)].tolist():
            pending.setdefault(int(level[row]), set()).add(row)
    return np.unique(np.concatenate(all_moved)) if all_moved else seeds[:0]
