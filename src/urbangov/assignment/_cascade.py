"""Hand cascaded tasks down the hierarchy: one task per unit, deadlines per level.

A task declared with a :class:`~urbangov.plan.Cascade` becomes a tree of tasks:

- one *leaf* per unit of the cascade's kinds under its root, doing the task's work
  (its duration, its predecessors, its start constraints), led by that unit's organ;
- one *compile* task per unit in between (a district between the city and its
  wards), which waits for its units and takes the level's ``report_days``;
- the task itself, now the city's compile step: it waits for the level below and
  keeps the task's deadline, finish constraints and successors.

Each level's deadline is the level above's minus its ``report_days`` working days,
so that every level has time to compile before it reports upwards. When a
successor is cascaded over the same units, each unit's copy follows the same
unit's copy of the predecessor instead of waiting for the whole city.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from urbangov.calendar import WorkCalendar
from urbangov.errors import PlanError, UrbangovError
from urbangov.hierarchy import AdministrativeUnit, Hierarchy, UnitKind
from urbangov.plan import Cascade, ConstraintType, Dependency, Plan, Task

__all__ = ["LEVEL_OF_KIND", "expand_cascades"]

#: Which level of government a kind of unit reports at.
LEVEL_OF_KIND: Final[Mapping[UnitKind, str]] = {
    UnitKind.WARD: "commune",
    UnitKind.COMMUNE: "commune",
    UnitKind.TOWNSHIP: "commune",
    UnitKind.SPECIAL_ZONE: "commune",
    UnitKind.URBAN_DISTRICT: "district",
    UnitKind.RURAL_DISTRICT: "district",
    UnitKind.TOWN: "district",
    UnitKind.MUNICIPAL_CITY: "district",
    UnitKind.PROVINCIAL_CITY: "district",
}
_START_CONSTRAINTS: Final = frozenset(
    {ConstraintType.SNET, ConstraintType.SNLT, ConstraintType.MSO}
)


def expand_cascades(plan: Plan, hierarchy: Hierarchy) -> Plan:
    """``plan`` with every cascaded task handed down to its units (see the module).

    A plan without cascades comes back unchanged. Generated ids are
    ``<task id>/<unit id>``; every generated task names its ``unit`` and is
    ``part_of`` the task one level up, so progress rolls up the tree.

    Raises:
        PlanError: a cascade's root, kinds or date do not resolve, or it reaches no unit
            (the error names the task).
    """
    shapes: dict[tuple[str, frozenset[str], dt.date], _Shape] = {}
    trees = {
        task.id: _Tree.grow(task, task.cascade, plan, hierarchy, shapes)
        for task in plan.tasks
        if task.cascade is not None
    }
    if not trees:
        return plan
    tasks: list[Task] = []
    for task in plan.tasks:
        tree = trees.get(task.id)
        if tree is None:
            tasks.append(task)
        else:
            tasks.extend(tree.tasks(plan.calendar, trees))
    return attrs.evolve(plan, tasks=tasks)


@attrs.frozen
class _Node:
    """A unit in a cascade tree: a leaf does the work, any other node compiles.
    ``parent`` is the unit above it in the tree (``None``: the cascade's root)."""

    unit: AdministrativeUnit
    name: str
    level: str | None
    parent: str | None
    children: list[str] = attrs.Factory(list)  # unit ids


@attrs.frozen
class _Shape:
    """The units a cascade reaches, the same for every task cascaded alike: worked out
    once per root, kinds and day (a dozen tasks cascaded to 10,000 communes walk the
    country once, not a dozen times)."""

    root: AdministrativeUnit
    nodes: dict[str, _Node]  # by unit id, parents before children
    leaves: frozenset[str]

    @classmethod
    def of(cls, task: Task, cascade: Cascade, on: dt.date, hierarchy: Hierarchy) -> _Shape:
        try:
            kinds = {UnitKind(kind) for kind in cascade.kinds}
        except ValueError:
            known = ", ".join(k.value for k in UnitKind)
            raise PlanError(
                f"task {task.id!r}: cascade kinds {list(cascade.kinds)} are not all unit kinds "
                f"(known: {known})",
                task_id=task.id,
            ) from None
        try:
            root = hierarchy.find(cascade.under, on)
        except UrbangovError as exc:
            raise PlanError(f"task {task.id!r}: cascade under: {exc}", task_id=task.id) from None
        found = [u for u in hierarchy.descendants(root.id, on) if u.kind_on(on) in kinds]
        if not found:
            raise PlanError(
                f"task {task.id!r}: no unit of kind {', '.join(sorted(kinds))} under "
                f"{root.name_on(on)!r} on {on}",
                task_id=task.id,
            )
        nodes: dict[str, _Node] = {}
        for leaf in found:
            chain = [leaf]  # the leaf and the units between it and the root
            for above in hierarchy.ancestors(leaf.id, on):
                if above.id == root.id:
                    break
                chain.append(above)
            for unit in reversed(chain):
                if unit.id in nodes:
                    continue
                up = unit.parent_on(on)
                kind = unit.kind_on(on)
                nodes[unit.id] = _Node(
                    unit,
                    unit.name_on(on) or unit.id,
                    None if kind is None else LEVEL_OF_KIND.get(kind),
                    None if up == root.id else up,
                )
                if up in nodes:
                    nodes[up].children.append(unit.id)
        return cls(root, nodes, frozenset(u.id for u in found))


@attrs.frozen
class _Tree:
    task: Task
    cascade: Cascade
    shape: _Shape

    @classmethod
    def grow(
        cls,
        task: Task,
        cascade: Cascade,
        plan: Plan,
        hierarchy: Hierarchy,
        shapes: dict[tuple[str, frozenset[str], dt.date], _Shape],
    ) -> _Tree:
        on = cascade.on or plan.start
        key = (cascade.under, frozenset(cascade.kinds), on)
        shape = shapes.get(key)
        if shape is None:
            shape = shapes[key] = _Shape.of(task, cascade, on, hierarchy)
        return cls(task, cascade, shape)

    def _parent(self, node: _Node) -> str:
        """The task id of the node above: the task itself, or the unit above's copy."""
        return self.task.id if node.parent is None else f"{self.task.id}/{node.parent}"

    def leaf_id(self, unit_id: str) -> str | None:
        return f"{self.task.id}/{unit_id}" if unit_id in self.shape.leaves else None

    def tasks(self, calendar: WorkCalendar, trees: Mapping[str, _Tree]) -> Iterable[Task]:
        """The generated tasks, parents before children, then the task itself."""
        task, days = self.task, self.cascade.report_days
        deadline: dict[str, dt.date | None] = {task.id: task.deadline}
        top: list[str] = []
        out: list[Task] = []
        for unit_id, node in self.shape.nodes.items():
            own_id = f"{task.id}/{unit_id}"
            parent = self._parent(node)
            above = deadline[parent]
            gap = days.get(node.level, 0) if node.level else 0
            deadline[own_id] = None if above is None else _working_days_before(calendar, above, gap)
            if node.parent is None:
                top.append(own_id)
            leaf = unit_id in self.shape.leaves
            start_kind = self._start_constraint()
            out.append(
                Task(
                    own_id,
                    f"{task.title} ({node.name})",
                    task.duration if leaf else self._compile_days(node.children),
                    depends=(
                        [self._follow(dep, unit_id, trees) for dep in task.depends]
                        if leaf
                        else [f"{task.id}/{child}" for child in node.children]
                    ),
                    constraint=start_kind if leaf else ConstraintType.ASAP,
                    constraint_date=task.constraint_date if leaf and start_kind.dated else None,
                    deadline=deadline[own_id],
                    lead=f"{unit_id}/{self.cascade.organ}",
                    unit=unit_id,
                    part_of=parent,
                )
            )
        finish_kind = task.constraint not in _START_CONSTRAINTS
        out.append(
            attrs.evolve(
                task,
                duration=self._compile_days(self._top_units()),
                depends=top,
                constraint=task.constraint if finish_kind else ConstraintType.ASAP,
                constraint_date=task.constraint_date if finish_kind else None,
                unit=task.unit or self.shape.root.id,
                cascade=None,
            )
        )
        return out

    def _top_units(self) -> list[str]:
        return [u for u, node in self.shape.nodes.items() if node.parent is None]

    def _compile_days(self, children: list[str]) -> int:
        """A compiling unit takes the report days its units leave it."""
        levels = {self.shape.nodes[c].level for c in children} - {None}
        return max((self.cascade.report_days[level] for level in levels if level), default=0)

    def _start_constraint(self) -> ConstraintType:
        kind = self.task.constraint
        return kind if kind in _START_CONSTRAINTS else ConstraintType.ASAP

    def _follow(self, dep: Dependency, unit_id: str, trees: Mapping[str, _Tree]) -> Dependency:
        """The same unit's copy of a cascaded predecessor, or the predecessor itself."""
        other = trees.get(dep.task)
        same = None if other is None else other.leaf_id(unit_id)
        return dep if same is None else attrs.evolve(dep, task=same)


def _working_days_before(calendar: WorkCalendar, day: dt.date, n: int) -> dt.date:
    """``n`` working days before the end of ``day`` (a rest day counts as the working
    day before it)."""
    last = day if calendar.is_working_day(day) else calendar.previous_working_day(day)
    return calendar.add_working_days(last, -n)
