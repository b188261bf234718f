"""A task handed down to every unit of a kind: what the plan file declares.

The declaration is a value; turning it into one task per unit needs the hierarchy
and happens in :func:`urbangov.assignment.expand_cascades`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final, final

import attrs

from urbangov.errors import PlanError

if TYPE_CHECKING:
    from urbangov.plan._model import Plan

__all__ = ["LEVELS", "Cascade", "cascaded_rows"]

#: The levels of Vietnamese government a cascade reports through, lowest first.
LEVELS: Final = ("commune", "district")


def _kinds(values: Iterable[str] | str) -> tuple[str, ...]:
    kinds = (values,) if isinstance(values, str) else tuple(values)
    if not kinds or not all(isinstance(k, str) and k for k in kinds):
        raise PlanError(f"kinds must be unit kinds, not {values!r}")
    return kinds


def _report_days(value: int | Mapping[str, int]) -> Mapping[str, int]:
    days = dict.fromkeys(LEVELS, value) if isinstance(value, int) else dict(value)
    for level, n in days.items():
        if level not in LEVELS:
            raise PlanError(f"report_days: unknown level {level!r} (levels: {', '.join(LEVELS)})")
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise PlanError(f"report_days.{level} must be working days >= 0, not {n!r}")
    return {level: days.get(level, 0) for level in LEVELS}


@final
@attrs.frozen
class Cascade:
    """Hand a task down to every unit of ``kinds`` under ``under``, as of ``on``.

    Each unit gets its own copy, led by its ``organ``. Each level gives the level
    above ``report_days`` working days to compile before the level above's deadline
    (``commune``: ward/commune/township to its district; ``district``: district to
    the province), so a ward's deadline is earlier than its district's, which is
    earlier than the city's.

    >>> Cascade("hcmc", ["ward"], report_days={"commune": 5, "district": 3}).report_days
    {'commune': 5, 'district': 3}
    """

    under: str
    kinds: tuple[str, ...] = attrs.field(converter=_kinds)
    #: The date the units are taken on (default: the plan start).
    on: dt.date | None = None
    #: The organ of each unit that leads its copy.
    organ: str = "people_committee"
    report_days: Mapping[str, int] = attrs.field(default=0, converter=_report_days)


def cascaded_rows(plan: Plan) -> dict[str, list[int]]:
    """The generated tasks of each cascade: the cascaded task's id -> the positions (in
    ``plan.tasks``) of the tasks made for its units, in plan order.

    What tables and charts fold into one row: 249 wards' copies of one task are one
    line until someone asks for them.
    """
    top: dict[str, str] = {}

    def root(task_id: str) -> str:
        found = top.get(task_id)
        if found is None:
            parent = plan.task(task_id).part_of
            found = task_id if parent is None or plan.is_group(parent) else root(parent)
            top[task_id] = found
        return found

    out: dict[str, list[int]] = {}
    for position, task in enumerate(plan.tasks):
        if task.part_of is None or "/" not in task.id:
            continue
        head = root(task.id)
        if task.id.startswith(head + "/"):
            out.setdefault(head, []).append(position)
    return out
