"""Plan files (TOML, JSON, YAML: one structure) with errors that say where.

The file is decoded by the standard parser of its format, then structured by cattrs
into private attrs classes that mirror the file, with strict hooks (no silent
``int("5")`` or ``int(2.7)``), then turned into the public :class:`~urbangov.plan.Plan`.
Every problem names the file, the key path and, inside a task, the task id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import attrs

from urbangov.calendar import WorkCalendar, calendar_named
from urbangov.errors import CalendarError, PlanError, PlanFileError, UrbangovError
from urbangov.io._structure import converter, decode, read, show, structure
from urbangov.plan import ConstraintType, Dependency, DependencyType, Language, Plan, Task

__all__ = ["load_plan", "loads_plan", "plan_from_dict"]


# -- the file's shape ----------------------------------------------------------------


@attrs.frozen
class _Header:
    id: str
    title: str
    start: dt.date
    calendar: str = "vn"
    lang: Language = Language.VI


@attrs.frozen
class _CalendarTable:
    holidays: list[dt.date] = attrs.Factory(list)
    working_days: list[dt.date] = attrs.Factory(list)


@attrs.frozen
class _Link:
    task: str
    type: DependencyType = DependencyType.FS
    lag: int = 0


@attrs.frozen
class _TaskTable:
    id: str
    title: str
    duration: int
    lead: str | None = None
    deadline: dt.date | None = None
    constraint: ConstraintType = ConstraintType.ASAP
    constraint_date: dt.date | None = None
    depends: list[str | _Link] = attrs.Factory(list)


@attrs.frozen
class _PlanFile:
    plan: _Header
    calendar: _CalendarTable = attrs.Factory(_CalendarTable)
    tasks: list[_TaskTable] = attrs.Factory(list)


# -- strict structuring --------------------------------------------------------------


def _link(value: object, _: object) -> str | _Link:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return _CONVERTER.structure(value, _Link)
    raise ValueError(f"expected a task id or a table {{task, type, lag}}, got {show(value)}")


_CONVERTER: Final = converter(DependencyType, ConstraintType, Language)
_CONVERTER.register_structure_hook(str | _Link, _link)


# -- building the plan ---------------------------------------------------------------


def plan_from_dict(data: object, *, source: str | None = None) -> Plan:
    """A :class:`Plan` from decoded file content (dicts and lists)."""
    shape = structure(_CONVERTER, data, _PlanFile, source=source, error=PlanFileError, what="plan")
    return _build(shape, source)


def _build(shape: _PlanFile, source: str | None) -> Plan:
    try:
        calendar = _calendar(shape.plan.calendar)
    except UrbangovError as exc:
        raise PlanFileError(str(exc), path=source, location="plan.calendar") from None
    try:
        calendar = calendar.adjusted(
            holidays=shape.calendar.holidays, working_days=shape.calendar.working_days
        )
    except UrbangovError as exc:
        raise PlanFileError(str(exc), path=source, location="calendar") from None
    tasks = []
    for i, entry in enumerate(shape.tasks):
        try:
            tasks.append(_task(entry))
        except PlanError as exc:
            at = f"tasks[{i}] (id {entry.id!r})"
            raise PlanFileError(str(exc), path=source, location=at, task_id=entry.id) from None
    try:
        return Plan(
            shape.plan.id,
            shape.plan.title,
            shape.plan.start,
            tasks=tasks,
            calendar=calendar,
            lang=shape.plan.lang,
        )
    except PlanError as exc:
        where: str | None = None
        if exc.task_id is not None:
            # The last task with that id: for a duplicate, the second one is at fault.
            i = max(i for i, t in enumerate(tasks) if t.id == exc.task_id)
            where = f"tasks[{i}] (id {exc.task_id!r})"
        raise PlanFileError(str(exc), path=source, location=where, task_id=exc.task_id) from None


def _calendar(name: str) -> WorkCalendar:
    """A built-in calendar, or one a plugin registers (plugins load only if needed)."""
    try:
        return calendar_named(name)
    except CalendarError:
        from urbangov.plugins import default_plugins

        found = default_plugins().calendars()
        if name not in found:
            known = ", ".join(sorted(found))
            raise CalendarError(f"unknown calendar {name!r} (known: {known})") from None
        return found[name]


def _task(entry: _TaskTable) -> Task:
    depends = [
        Dependency(link) if isinstance(link, str) else Dependency(link.task, link.type, link.lag)
        for link in entry.depends
    ]
    return Task(
        entry.id,
        entry.title,
        entry.duration,
        depends=depends,
        constraint=entry.constraint,
        constraint_date=entry.constraint_date,
        deadline=entry.deadline,
        lead=entry.lead,
    )


# -- reading files -------------------------------------------------------------------


def loads_plan(text: str, format: str, *, source: str | None = None) -> Plan:
    """A plan from the text of a file in ``format`` (``toml``, ``json`` or ``yaml``)."""
    return plan_from_dict(decode(text, format, source=source, error=PlanFileError), source=source)


def load_plan(path: str | Path) -> Plan:
    """Read a plan file; the format follows the suffix (.toml, .json, .yaml, .yml)."""
    text, fmt = read(Path(path), error=PlanFileError, what="plan")
    return loads_plan(text, fmt, source=str(path))
