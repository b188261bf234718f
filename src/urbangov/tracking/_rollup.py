"""Progress rolled up a plan's ``part_of`` tree, weighted by duration."""

from __future__ import annotations

from collections.abc import Mapping

from urbangov.plan import Plan, outline_parents, parts_first
from urbangov.tracking._log import TaskProgress

__all__ = ["rolled_up_progress"]


def rolled_up_progress(plan: Plan, progress: Mapping[str, TaskProgress]) -> dict[str, int]:
    """Percent complete per task and per group; a task with parts and a group show the
    duration-weighted progress of everything under them (and a task, its own):
    milestones count only when all of a subtree is milestones: then the share of them
    done. A group with no task under it is not in the result."""
    n = len(plan.tasks)
    slots = n + len(plan.groups)
    work = [0.0] * slots  # duration x percent done, summed over the subtree
    weight = [0] * slots  # duration, summed over the subtree
    done = [0] * slots  # milestones done / milestones, for all-milestone subtrees
    count = [0] * slots
    for row, task in enumerate(plan.tasks):
        own = progress.get(task.id)
        pct = 0 if own is None else (100 if own.done else own.percent_complete)
        work[row] = task.duration * pct
        weight[row] = task.duration
        done[row] = int(pct == 100)
        count[row] = 1
    parent = outline_parents(plan)
    ids = [*plan.ids, *(group.id for group in plan.groups)]
    out: dict[str, int] = {}
    for slot in parts_first(plan, parent):
        if weight[slot]:
            out[ids[slot]] = round(work[slot] / weight[slot])
        elif count[slot]:
            out[ids[slot]] = round(100 * done[slot] / count[slot])
        up = parent[slot]
        if up != -1:
            work[up] += work[slot]
            weight[up] += weight[slot]
            done[up] += done[slot]
            count[up] += count[slot]
    return out
