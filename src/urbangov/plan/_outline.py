"""A plan's outline: the tree that ``part_of`` makes of its tasks and groups."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple, final

from urbangov.errors import PlanError

if TYPE_CHECKING:
    from urbangov.plan._model import Group, Plan, Task

__all__ = ["OutlineLine", "outline", "outline_parents", "parts_first"]


def parts_first(plan: Plan, parent: list[int]) -> list[int]:
    """The slots of ``parent`` (see :func:`outline_parents`), every one after all of its parts
    (children before parents).

    Raises:
        PlanError: ``part_of`` links form a loop (the error names it).
    """
    depth = [-1] * len(parent)
    for slot in range(len(parent)):
        path: list[int] = []
        current = slot
        while current != -1 and depth[current] == -1:
            if current in path:
                loop = [plan.tasks[r].id for r in path[path.index(current) :]]
                raise PlanError(f"part_of loop: {' -> '.join([*loop, loop[0]])}", task_id=loop[0])
            path.append(current)
            current = parent[current]
        base = -1 if current == -1 else depth[current]
        for step, r in enumerate(reversed(path), start=1):
            depth[r] = base + step
    return sorted(range(len(parent)), key=lambda r: -depth[r])


def outline_parents(plan: Plan) -> list[int]:
    """The slot each task row (``0..n-1``) and each group (``n + k``, in plan order) is
    part of; -1 at the top. Groups never loop (the plan checks); tasks may."""
    n = len(plan.tasks)
    group_slot = {group.id: n + k for k, group in enumerate(plan.groups)}
    parent = [-1] * (n + len(plan.groups))
    items: list[Task | Group] = [*plan.tasks, *plan.groups]
    for slot, item in enumerate(items):
        up = item.part_of
        if up is not None:
            found = group_slot.get(up)
            parent[slot] = plan.position(up) if found is None else found
    return parent


@final
class OutlineLine(NamedTuple):
    """A line of :func:`outline`."""

    #: A task's row, or ``len(plan.tasks) + k`` for the plan's group ``k``.
    slot: int
    #: 1 at the top, 2 under a group, ...
    level: int


def outline(plan: Plan) -> Iterator[OutlineLine]:
    """Tasks and groups in outline order, as MS Project lists them: each group
    followed by what is under it (a task under a task counts as under that task's
    group), the items at each level in the order of the first task they hold (a task:
    its own row; an empty group last). Without groups: the tasks in plan order."""
    n = len(plan.tasks)
    if not plan.groups:
        yield from (OutlineLine(row, 1) for row in range(n))
        return
    slot = {group.id: n + k for k, group in enumerate(plan.groups)}

    def group_of(item_id: str) -> int:
        found = plan.groups_above(item_id)
        return slot[found[0]] if found else -1

    above = [group_of(item_id) for item_id in (*plan.ids, *slot)]
    children: dict[int, list[int]] = {}
    for item, parent in enumerate(above):
        children.setdefault(parent, []).append(item)
    first = list(range(n)) + [n + len(plan.groups)] * len(plan.groups)
    for row in range(n):
        up = above[row]
        while up != -1 and first[up] > row:
            first[up] = row
            up = above[up]
    for under in children.values():
        under.sort(key=lambda item: (first[item], item))

    def lines(parent: int, level: int) -> Iterator[OutlineLine]:
        for item in children.get(parent, []):
            yield OutlineLine(item, level)
            yield from lines(item, level + 1)

    yield from lines(-1, 1)
