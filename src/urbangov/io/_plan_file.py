"""Plan files (TOML, JSON, YAML: one structure) with errors that say where.

The file is decoded by the standard parser of its format, then structured by cattrs
into private attrs classes that mirror the file, with strict hooks (no silent
``int("5")`` or ``int(2.7)``), then turned into the public :class:`~urbangov.plan.Plan`.
Every problem names the file, the key path and, inside a task, the task id.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs
import cattrs

from urbangov.calendar import WorkCalendar, calendar_named
from urbangov.errors import CalendarError, PlanError, PlanFileError, UrbangovError
from urbangov.plan import ConstraintType, Dependency, DependencyType, Language, Plan, Task

__all__ = ["FORMATS", "load_plan", "loads_plan", "plan_from_dict"]

FORMATS: Final = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}

T = TypeVar("T")


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


def _strict(kind: type[T], label: str) -> Callable[[object, type[T]], T]:
    def hook(value: object, _: type[T]) -> T:
        if isinstance(value, bool) or not isinstance(value, kind):
            raise ValueError(f"expected {label}, got {_show(value)}")
        return value

    return hook


def _date(value: object, _: type[dt.date]) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date (YYYY-MM-DD), got the date-time {value.isoformat()}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"no such date: {value!r}") from None
    raise ValueError(f"expected a date (YYYY-MM-DD), got {_show(value)}")


def _choice(kind: type[Any]) -> Callable[[object, type[Any]], Any]:
    def hook(value: object, _: type[Any]) -> Any:
        try:
            return kind(value)
        except ValueError:
            choices = " ".join(member.value for member in kind)
            raise ValueError(f"expected one of {choices}, got {_show(value)}") from None

    return hook


def _link(value: object, _: object) -> str | _Link:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return _CONVERTER.structure(value, _Link)
    raise ValueError(f"expected a task id or a table {{task, type, lag}}, got {_show(value)}")


def _show(value: object) -> str:
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


_CONVERTER: Final = cattrs.Converter(forbid_extra_keys=True)
_CONVERTER.register_structure_hook(str, _strict(str, "a string"))
_CONVERTER.register_structure_hook(int, _strict(int, "a whole number"))
_CONVERTER.register_structure_hook(dt.date, _date)
_CONVERTER.register_structure_hook(DependencyType, _choice(DependencyType))
_CONVERTER.register_structure_hook(ConstraintType, _choice(ConstraintType))
_CONVERTER.register_structure_hook(Language, _choice(Language))
_CONVERTER.register_structure_hook(str | _Link, _link)


def _problems(exc: BaseException, data: object) -> list[tuple[str, str]]:
    """(location, message) for every problem cattrs found, the task id in the location."""
    out = []
    for line in cattrs.transform_error(exc, format_exception=_message):
        message, _, path = line.rpartition(" @ ")
        out.append((_location(path, data), message))
    return out


def _message(exc: BaseException, type_: object) -> str:
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        keys = ", ".join(repr(k) for k in sorted(exc.extra_fields))
        return f"unknown key {keys}" if len(exc.extra_fields) == 1 else f"unknown keys {keys}"
    if isinstance(exc, ValueError) and exc.args:
        return str(exc.args[0])
    if isinstance(exc, AttributeError | TypeError):
        return f"expected a table, got {type(exc).__name__}"
    return str(exc)


def _location(path: str, data: object) -> str:
    """``$.tasks[2].lag`` -> ``tasks[2] (id 't3').lag``."""
    path = path.removeprefix("$").removeprefix(".")
    match = re.match(r"tasks\[(\d+)\]", path)
    if match and isinstance(data, Mapping):
        tasks = data.get("tasks")
        i = int(match.group(1))
        if isinstance(tasks, list) and i < len(tasks) and isinstance(tasks[i], Mapping):
            task_id = tasks[i].get("id")
            if isinstance(task_id, str):
                path = f"{match.group(0)} (id {task_id!r}){path[match.end() :]}"
    return path or "(top level)"


# -- building the plan ---------------------------------------------------------------


def plan_from_dict(data: object, *, source: str | None = None) -> Plan:
    """A :class:`Plan` from decoded file content (dicts and lists)."""
    if not isinstance(data, Mapping):
        raise PlanFileError("a plan file holds a table at the top level", path=source)
    try:
        shape = _CONVERTER.structure(data, _PlanFile)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        problems = _problems(exc, data)
        location, message = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        error = PlanFileError(message + more, path=source, location=location)
        error.problems = problems
        raise error from None
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
    return plan_from_dict(_decode(text, format, source), source=source)


def load_plan(path: str | Path) -> Plan:
    """Read a plan file; the format follows the suffix (.toml, .json, .yaml, .yml)."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(FORMATS)
        raise PlanFileError(f"unknown plan file type (use {known})", path=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanFileError("no such file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFileError(f"cannot read: {exc}", path=str(path)) from None
    return loads_plan(text, fmt, source=str(path))


def _decode(text: str, format: str, source: str | None) -> object:
    if format == "toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise PlanFileError(f"invalid TOML: {exc}", path=source) from None
    if format == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno}, column {exc.colno}"
            raise PlanFileError(f"invalid JSON: {exc.msg}", path=source, location=where) from None
    if format == "yaml":
        import yaml  # only for YAML files

        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            spot = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
            problem = getattr(exc, "problem", None) or str(exc)
            raise PlanFileError(f"invalid YAML: {problem}", path=source, location=spot) from None
    raise PlanFileError(f"unknown plan format {format!r}", path=source)
