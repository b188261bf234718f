"""The tasks of a large plan file, read straight into columns.

Structuring 100,000 task tables through cattrs and then making 100,000 :class:`Task`
objects costs seconds. A plan file's tasks are mostly plain (an id, a title, a
duration, links, a date or two), so they are read here into a
:class:`~urbangov.plan.TaskTable` with exact type tests in one pass. Anything this
reader does not expect (an unknown key, a wrong type, a cascade, an impossible date,
a duplicate id) makes it give up, and the file is read the careful way, which reports
every problem with its key path: the same plan comes out either way, and so does the
same error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, Final

from urbangov.errors import UrbangovError
from urbangov.plan import ConstraintType, DependencyType, TaskTable

__all__ = ["FAST_MIN_TASKS", "fast_task_table"]

#: Below this many tasks the careful reader is fast enough: no second path to take.
FAST_MIN_TASKS: Final = 500

_KEYS: Final = frozenset(
    {
        "id",
        "title",
        "duration",
        "depends",
        "constraint",
        "constraint_date",
        "deadline",
        "lead",
        "unit",
        "part_of",
        "notes",
    }
)
_LINK_KEYS: Final = frozenset({"task", "type", "lag"})
_TYPES: Final = {kind.value: kind for kind in DependencyType}
_KINDS: Final = {kind.value: kind for kind in ConstraintType}
_ISO_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


class _NotPlainError(Exception):
    """Something only the careful reader should judge."""


def fast_task_table(tasks: object, groups: Sequence[str] = ()) -> TaskTable | None:
    """The tasks as a table, or ``None`` when the careful reader must read them
    (``groups``: the ids of the plan's groups, which ``part_of`` may name)."""
    if not isinstance(tasks, list) or len(tasks) < FAST_MIN_TASKS:
        return None
    try:
        return _read(tasks, groups)
    except (_NotPlainError, UrbangovError, ValueError, TypeError, KeyError):
        return None


def _read(tasks: list[Any], groups: Sequence[str]) -> TaskTable:
    n = len(tasks)
    ids: list[str] = [""] * n
    titles: list[str] = [""] * n
    durations: list[int] = [0] * n
    constraints: list[ConstraintType] | None = None
    constraint_dates: list[dt.date | None] | None = None
    deadlines: list[dt.date | None] | None = None
    leads: list[str | None] | None = None
    units: list[str | None] | None = None
    part_of: list[str | None] | None = None
    notes: list[str | None] | None = None
    link_from: list[str] = []
    link_to: list[str] = []
    link_type: list[DependencyType] = []
    link_lag: list[int] = []
    keys = _KEYS
    for row, task in enumerate(tasks):
        if type(task) is not dict or not keys.issuperset(task):
            raise _NotPlainError
        task_id = ids[row] = _text(task["id"])
        titles[row] = _text(task["title"])
        duration = task["duration"]
        if type(duration) is not int:
            raise _NotPlainError
        durations[row] = duration
        if len(task) == 3:
            continue
        depends = task.get("depends")
        if depends is not None:
            _links(depends, task_id, link_from, link_to, link_type, link_lag)
        value = task.get("constraint")
        if value is not None:
            constraints = constraints or [ConstraintType.ASAP] * n
            constraints[row] = _KINDS[value] if type(value) is str else _fail()
        value = task.get("constraint_date")
        if value is not None:
            constraint_dates = constraint_dates or [None] * n
            constraint_dates[row] = _day(value)
        value = task.get("deadline")
        if value is not None:
            deadlines = deadlines or [None] * n
            deadlines[row] = _day(value)
        for name in ("lead", "unit", "part_of", "notes"):
            value = task.get(name)
            if value is not None:
                if name == "lead":
                    leads = leads or [None] * n
                    leads[row] = _text(value)
                elif name == "unit":
                    units = units or [None] * n
                    units[row] = _text(value)
                elif name == "part_of":
                    part_of = part_of or [None] * n
                    part_of[row] = _text(value)
                else:
                    notes = notes or [None] * n
                    notes[row] = _text(value)
    _encodable(ids, titles, leads, units, part_of, notes)
    return TaskTable.of(
        ids=ids,
        titles=titles,
        durations=durations,
        link_from=link_from,
        link_to=link_to,
        link_type=link_type,
        link_lag=link_lag,
        constraints=constraints,
        constraint_dates=constraint_dates,
        deadlines=deadlines,
        leads=leads,
        units=units,
        part_of=part_of,
        groups=groups,
        notes=notes,
    )


def _fail() -> Any:
    raise _NotPlainError


def _text(value: object) -> str:
    if type(value) is not str:
        raise _NotPlainError
    return value


def _links(
    depends: object,
    task_id: str,
    link_from: list[str],
    link_to: list[str],
    link_type: list[DependencyType],
    link_lag: list[int],
) -> None:
    if type(depends) is not list:
        raise _NotPlainError
    for link in depends:
        if type(link) is str:
            link_from.append(link)
            kind, lag = DependencyType.FS, 0
        elif type(link) is dict and _LINK_KEYS.issuperset(link):
            link_from.append(_text(link["task"]))
            kind = _TYPES[link.get("type", "FS")]
            lag = link.get("lag", 0)
            if type(lag) is not int:
                raise _NotPlainError
        else:
            raise _NotPlainError
        link_to.append(task_id)
        link_type.append(kind)
        link_lag.append(lag)


def _day(value: object) -> dt.date:
    """A TOML date, or an ISO day written as text (JSON, YAML); never a date-time."""
    if type(value) is dt.date:
        return value
    if type(value) is str and _ISO_DAY.fullmatch(value):
        return dt.date.fromisoformat(value)  # ValueError for 2021-02-30: the careful way
    raise _NotPlainError


def _encodable(*columns: Sequence[str | None] | None) -> None:
    """Text the careful reader would refuse (a lone surrogate) sends the file there."""
    for column in columns:
        if column is not None:
            text = "".join(value for value in column if value is not None)
            if not text.isascii():
                text.encode("utf-8")  # UnicodeEncodeError is a ValueError
