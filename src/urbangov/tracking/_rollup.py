"""Progress rolled up a plan's ``part_of`` tree, weighted by duration."""

from __future__ import annotations

from collections.abc import Mapping

from urbangov.errors import PlanError
from urbangov.plan import Plan
from urbangov.tracking._log import TaskProgress

__all__ = ["parts_order", "rolled_up_progress"]


def parts_order(plan: Plan) -> list[int]:
    """Task rows, every task after all of its parts (children before parents).

    Raises:
        PlanError: ``part_of`` links form a loop (the error names it).
    """
    parent = [-1] * len(plan.tasks)
    for row, task in enumerate(plan.tasks):
        if task.part_of is not None:
            parent[row] = plan.position(task.part_of)
    depth = [-1] * len(plan.tasks)
    for row in range(len(plan.tasks)):
        path: list[int] = []
        current = row
        while current != -1 and depth[current] == -1:
            if current in path:
                loop = [plan.tasks[r].id for r in path[path.index(current) :]]
                raise PlanError(f"part_of loop: {' -> '.join([*loop, loop[0]])}", task_id=loop[0])
            path.append(current)
            current = parent[current]
        base = -1 if current == -1 else depth[current]
        for step, r in enumerate(reversed(path), start=1):
            depth[r] = base + step
    return sorted(range(len(plan.tasks)), key=lambda r: -depth[r])


def rolled_up_progress(plan: Plan, progress: Mapping[str, TaskProgress]) -> dict[str, int]:
    """Percent complete per task; a task with parts shows the duration-weighted
    progress of itself and everything under it (milestones count only when all of a
    subtree is milestones: then the share of them done)."""
    n = len(plan.tasks)
    work = [0.0] * n  # duration x percent done, summed over the subtree
    weight = [0] * n  # duration, summed over the subtree
    done = [0] * n  # milestones done / milestones, for all-milestone subtrees
    count = [0] * n
    for row, task in enumerate(plan.tasks):
        own = progress.get(task.id)
        pct = 0 if own is None else (100 if own.done else own.percent_complete)
        work[row] = task.duration * pct
        weight[row] = task.duration
        done[row] = int(pct == 100)
        count[row] = 1
    out: dict[str, int] = {}
    for row in parts_order(plan):
        task = plan.tasks[row]
        if weight[row]:
            out[task.id] = round(work[row] / weight[row])
        else:
            out[task.id] = round(100 * done[row] / count[row])
        if task.part_of is not None:
            up = plan.position(task.part_of)
            work[up] += work[row]
            weight[up] += weight[row]
            done[up] += done[row]
            count[up] += count[row]
    return out
