"""The tasks of a unit and the units under it: what a district's status reads."""

from __future__ import annotations

import datetime as dt

from urbangov.hierarchy import Hierarchy
from urbangov.plan import Plan

__all__ = ["tasks_under"]


def tasks_under(plan: Plan, hierarchy: Hierarchy, unit_id: str, on: dt.date) -> list[str]:
    """The ids of ``plan``'s tasks whose unit is ``unit_id`` or one below it on ``on``
    (a cascade's copies carry their unit; a task without a unit is under none), in
    plan order: pass them to a store's ``log(plan_id, tasks=...)`` to read a
    district's or a ward's records only.

    Raises:
        UnknownUnitError: ``unit_id`` is not in the hierarchy.
    """
    hierarchy.unit(unit_id)
    inside = {unit_id} | {unit.id for unit in hierarchy.descendants(unit_id, on)}
    return [task.id for task in plan.tasks if task.unit in inside]
