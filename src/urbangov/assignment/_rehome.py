"""Carry a plan across a reform: tasks of units that ended move to their successors.

A task names units in four places: its ``unit``, and the organs or posts of its
``lead``, ``supporting`` and ``accountable`` (``<unit id>/people_committee``). Each one
that names a unit gone on the day moves to the unit that carries that unit's work then
(:meth:`urbangov.hierarchy.Hierarchy.succession`). The task keeps its id, so its
progress records, extensions, baselines and deadline stay its own: nothing is dropped,
and a ward's tasks that a merger brings together stay separate tasks of the new ward.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from typing import Any, Final, final

import attrs

from urbangov.assignment._cascade import expand_cascades
from urbangov.hierarchy import (
    VIETNAM_ORGAN_RULES,
    Hierarchy,
    OrganKind,
    OrganRule,
    Succession,
    SuccessionKind,
    organs_on,
)
from urbangov.plan import Plan, Task, nfc

__all__ = ["DecisionReason", "Rehoming", "TaskMove", "rehome"]

#: The task fields that name a unit (or an organ or post of one), in report order.
UNIT_FIELDS: Final = ("unit", "lead", "supporting", "accountable")
_RULED = frozenset({OrganKind.PEOPLE_COUNCIL, OrganKind.PEOPLE_COMMITTEE})


class DecisionReason(StrEnum):
    """Why a move needs a person."""

    DIVIDED = "divided"  # the unit was divided and the data do not say which part leads
    NO_SUCCESSOR = "no_successor"  # no event says what became of the unit
    UNKNOWN_UNIT = "unknown_unit"  # the task's unit is not in the hierarchy at all
    NOT_YET = "not_yet"  # the unit begins after the day: the plan is older than its units?
    NO_ORGAN = "no_organ"  # the successor has no such organ on the day
    AGENCY = "agency"  # an agency of the old unit: which of the successor's takes it over
    PERSON = "person"  # a post moved: who holds it in the new unit is a person's call


@final
@attrs.frozen
class TaskMove:
    """One reference of one task, from the unit that ended to its successor.

    ``new`` is ``None`` when no unit carries on (the reference stays as it was);
    ``decision`` says why a person must confirm the move, ``None`` when the rule
    settles it.
    """

    task: str
    field: str
    old: str
    new: str | None
    succession: Succession
    decision: DecisionReason | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "decision": None if self.decision is None else self.decision.value,
            "succession": self.succession.to_dict(),
        }


@final
class Rehoming:
    """A plan carried to the units of ``on``: the new plan and every move made.

    The moves are kept as (task, field, reference) and made into :class:`TaskMove`
    objects when they are read: a national plan makes a quarter of a million.
    """

    def __init__(self, plan: Plan, on: dt.date, log: _Log) -> None:
        self.plan, self.on = plan, on
        self._log = log
        self._moves: tuple[TaskMove, ...] | None = None

    def __repr__(self) -> str:
        return f"<Rehoming of {self.plan.id!r} to {self.on}: {len(self._log.tasks)} moves>"

    @property
    def moves(self) -> tuple[TaskMove, ...]:
        """Every reference moved (or left, with no unit to move it to), in plan order."""
        if self._moves is None:
            self._moves = tuple(self._log.moves())
        return self._moves

    @property
    def decisions(self) -> tuple[TaskMove, ...]:
        """The moves a person must confirm or make."""
        return tuple(self._log.moves(lambda moved: moved[2] is not None))

    @property
    def orphans(self) -> tuple[str, ...]:
        """Tasks that still name a unit no unit carries on ``on``."""
        found = self._log.moves(lambda moved: moved[0] is None)
        return tuple(dict.fromkeys(move.task for move in found))

    @property
    def moved_tasks(self) -> int:
        """How many tasks name at least one unit they did not before."""
        log = self._log
        return len(
            {
                task
                for task, field, old in zip(log.tasks, log.fields, log.olds, strict=True)
                if log.outcome(field, old)[0] is not None
            }
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan.id,
            "on": self.on.isoformat(),
            "tasks": len(self.plan.tasks),
            "moved_tasks": self.moved_tasks,
            "decisions": len(self.decisions),
            "orphans": list(self.orphans),
            "moves": [move.to_dict() for move in self.moves],
        }


def rehome(
    plan: Plan,
    hierarchy: Hierarchy,
    on: dt.date,
    *,
    rules: Sequence[OrganRule] = VIETNAM_ORGAN_RULES,
) -> Rehoming:
    """``plan`` with every task's units carried to the units of ``on``.

    Cascades still declared are handed down first (as of their own day), so that each
    unit's copy is what moves. ``rules`` say which councils and committees a successor
    has: a lead the successor lacks (a People's Council where none sits) is a decision.
    """
    plan = expand_cascades(plan, hierarchy)
    mover = _Mover(hierarchy, on, rules)
    tasks = [mover.task(task) for task in plan.tasks]
    changed = any(new is not old for new, old in zip(tasks, plan.tasks, strict=True))
    new_plan = attrs.evolve(plan, tasks=tasks) if changed else plan
    return Rehoming(new_plan, on, mover.log)


#: What one reference becomes: (the new reference or None, the succession, the decision).
_Moved = tuple[str | None, Succession, DecisionReason | None]


class _Log:
    """Every reference that moved, as three columns (task, field, old reference), and
    what each distinct reference became: no object per move until one is asked for."""

    def __init__(self) -> None:
        self.tasks: list[str] = []
        self.fields: list[str] = []
        self.olds: list[str] = []
        self.outcomes: dict[str, dict[str, _Moved | None]] = {f: {} for f in UNIT_FIELDS}

    def outcome(self, field: str, old: str) -> _Moved:
        found = self.outcomes[field][old]
        assert found is not None  # only moved references are logged
        return found

    def moves(self, keep: Callable[[_Moved], bool] | None = None) -> Iterator[TaskMove]:
        for task, field, old in zip(self.tasks, self.fields, self.olds, strict=True):
            moved = self.outcome(field, old)
            if keep is None or keep(moved):
                yield TaskMove(task, field, old, *moved)


class _Mover:
    """Moves references, working out each distinct reference once (a plan cascaded to
    10,000 communes names each commune's committee in a dozen tasks)."""

    def __init__(self, hierarchy: Hierarchy, on: dt.date, rules: Sequence[OrganRule]) -> None:
        self.hierarchy, self.on, self.rules = hierarchy, on, rules
        self.log = _Log()
        self._successions: dict[str, Succession] = {}
        self._organs_of: dict[str, frozenset[str]] = {}

    def task(self, task: Task) -> Task:
        changes: dict[str, Any] = {}
        for field in UNIT_FIELDS:
            value = getattr(task, field)
            if not value:  # None, or no supporting organs
                continue
            if isinstance(value, str):
                new = self._ref(task.id, field, value)
                if new is not value:
                    changes[field] = new
                continue
            refs = tuple(self._ref(task.id, field, ref) for ref in value)
            if refs != value:
                changes[field] = refs
        return _with(task, changes) if changes else task

    def _ref(self, task_id: str, field: str, ref: str) -> str:
        """The reference that replaces ``ref`` (``ref`` itself if none does)."""
        log = self.log
        outcomes = log.outcomes[field]
        if ref in outcomes:
            moved = outcomes[ref]
        else:
            moved = outcomes[ref] = self._work_out(field, ref)
        if moved is None:
            return ref
        log.tasks.append(task_id)
        log.fields.append(field)
        log.olds.append(ref)
        return ref if moved[0] is None else moved[0]

    def _work_out(self, field: str, ref: str) -> _Moved | None:
        split = self._split(ref)
        if split is None and field == "unit":  # another hierarchy's unit? say so
            nowhere = Succession(ref, self.on, None, SuccessionKind.UNKNOWN)
            return None, nowhere, DecisionReason.UNKNOWN_UNIT
        if split is None:
            return None
        unit_id, rest = split
        found = self._succession(unit_id)
        if not found.moved and found.to is not None:
            return None
        new = None if found.to is None else nfc(found.to + rest)
        return new, found, self._decision(found, field, rest)

    def _split(self, ref: str) -> tuple[str, str] | None:
        """``ref`` as (unit id, the rest): ``hcmc/q1/ben-nghe/people_committee`` ->
        (``hcmc/q1/ben-nghe``, ``/people_committee``); ``None`` if it names no unit."""
        head, rest = ref, ""
        while head and head not in self.hierarchy:
            head, _, tail = head.rpartition("/")
            rest = f"/{tail}{rest}"
        return (head, rest) if head else None

    def _succession(self, unit_id: str) -> Succession:
        found = self._successions.get(unit_id)
        if found is None:
            found = self._successions[unit_id] = self.hierarchy.succession(unit_id, self.on)
        return found

    def _decision(self, found: Succession, field: str, rest: str) -> DecisionReason | None:
        if found.to is None:
            not_yet = found.kind is SuccessionKind.NOT_YET
            return DecisionReason.NOT_YET if not_yet else DecisionReason.NO_SUCCESSOR
        if not found.settled:
            return DecisionReason.DIVIDED
        if not rest:
            return None
        organ, _, post = rest.removeprefix("/").partition("/")
        if organ in _RULED and organ not in self._organs(found.to):
            return DecisionReason.NO_ORGAN
        if post or field == "accountable":
            return DecisionReason.PERSON
        if organ not in _RULED:
            return DecisionReason.AGENCY
        return None

    def _organs(self, unit_id: str) -> frozenset[str]:
        found = self._organs_of.get(unit_id)
        if found is None:
            organs = organs_on(self.hierarchy, unit_id, self.on, self.rules)
            found = self._organs_of[unit_id] = frozenset(o.value for o in organs)
        return found


#: A task's fields, for copies that change only unit references.
_TASK_FIELDS: Final = tuple(a.name for a in attrs.fields(Task))


def _with(task: Task, changes: dict[str, Any]) -> Task:
    """``task`` with other unit references. The task was checked when it was made and
    the new references are ids of units the hierarchy checked, so nothing is checked
    again: ``attrs.evolve`` would re-run every converter and check of 129,000 tasks of
    a national plan (most of the time ``rehome`` takes)."""
    copy = object.__new__(Task)
    for name in _TASK_FIELDS:
        object.__setattr__(copy, name, changes[name] if name in changes else getattr(task, name))
    return copy
