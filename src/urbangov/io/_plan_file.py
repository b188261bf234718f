"""Plan files (TOML, JSON, YAML: one structure) with errors that say where.

The file is decoded by the standard parser of its format, then structured by cattrs
into private attrs classes that mirror the file, with strict hooks (no silent
``int("5")`` or ``int(2.7)``), then turned into the public :class:`~urbangov.plan.Plan`.
Every problem names the file, the key path and, inside a task, the task id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from urbangov.calendar import WorkCalendar, calendar_named
from urbangov.errors import CalendarError, PlanError, PlanFileError, UrbangovError
from urbangov.io._fast_tasks import fast_task_table
from urbangov.io._meetings_file import MeetingTable, programmes_from, register_meeting_hooks
from urbangov.io._readers import BUILTIN_SUFFIXES, reader_for
from urbangov.io._structure import converter, decode, read, show, structure
from urbangov.plan import (
    Cascade,
    ConstraintType,
    Dependency,
    DependencyType,
    Group,
    Language,
    Plan,
    Task,
    TaskTable,
)

if TYPE_CHECKING:  # the hierarchy and cascades load only for a plan that uses them
    from urbangov.hierarchy import Hierarchy, Organisation

__all__ = ["hierarchy_of", "load_plan", "loads_plan", "organisation_of", "plan_from_dict"]


# -- the file's shape ----------------------------------------------------------------


@attrs.frozen
class _Header:
    id: str
    title: str
    start: dt.date
    calendar: str = "vn"
    lang: Language = Language.VI
    #: The hierarchy cascades are handed down: a shipped name or a file path.
    hierarchy: str | None = None
    #: The organisation file the leads refer to (a path from the plan's folder).
    organisation: str | None = None
    #: The day the plan's status is judged as of by default.
    as_of: dt.date | None = None
    #: The organ that issues the plan (and assigns its top-level tasks).
    issued_by: str | None = None


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
class _CascadeTable:
    under: str
    kinds: str | list[str]
    on: dt.date | None = None
    organ: str = "people_committee"
    report_days: int | dict[str, int] = 0


@attrs.frozen
class _TaskTable:
    id: str
    title: str
    duration: int
    lead: str | None = None
    supporting: list[str] = attrs.Factory(list)
    accountable: str | None = None
    unit: str | None = None
    cascade: _CascadeTable | None = None
    part_of: str | None = None
    notes: str | None = None
    deadline: dt.date | None = None
    constraint: ConstraintType = ConstraintType.ASAP
    constraint_date: dt.date | None = None
    depends: list[str | _Link] = attrs.Factory(list)


@attrs.frozen
class _GroupTable:
    id: str
    title: str
    part_of: str | None = None
    lead: str | None = None


@attrs.frozen
class _PlanFile:
    plan: _Header
    calendar: _CalendarTable = attrs.Factory(_CalendarTable)
    groups: list[_GroupTable] = attrs.Factory(list)
    tasks: list[_TaskTable] = attrs.Factory(list)
    meetings: list[MeetingTable] = attrs.Factory(list)


# -- strict structuring --------------------------------------------------------------


def _link(value: object, _: object) -> str | _Link:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return _CONVERTER.structure(value, _Link)
    raise ValueError(f"expected a task id or a table {{task, type, lag}}, got {show(value)}")


def _one_or_many(value: object, _: object) -> str | list[str]:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return _CONVERTER.structure(value, list[str])
    raise ValueError(f"expected a unit kind or a list of them, got {show(value)}")


def _days_by_level(value: object, _: object) -> int | dict[str, int]:
    if isinstance(value, Mapping):
        return _CONVERTER.structure(value, dict[str, int])
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(f"expected working days or a table {{commune, district}}, got {show(value)}")


_CONVERTER: Final = converter(DependencyType, ConstraintType, Language)
register_meeting_hooks(_CONVERTER)
_CONVERTER.register_structure_hook(str | _Link, _link)
_CONVERTER.register_structure_hook(str | list[str], _one_or_many)
_CONVERTER.register_structure_hook(int | dict[str, int], _days_by_level)


# -- building the plan ---------------------------------------------------------------


def plan_from_dict(
    data: object, *, source: str | None = None, hierarchy: Hierarchy | None = None
) -> Plan:
    """A :class:`Plan` from decoded file content (dicts and lists).

    Cascaded tasks are handed down ``hierarchy``, or the one the file's
    ``plan.hierarchy`` names (see :func:`urbangov.assignment.expand_cascades`).
    """
    plan = _plain_plan(data, source)
    if plan is not None:
        return plan
    shape = structure(_CONVERTER, data, _PlanFile, source=source, error=PlanFileError, what="plan")
    plan = _build(shape, source)
    if not any(task.cascade for task in plan.tasks):
        return plan
    from urbangov.assignment import expand_cascades

    if hierarchy is None:
        hierarchy = _hierarchy_named(shape.plan.hierarchy, plan, source)
    try:
        return expand_cascades(plan, hierarchy)
    except PlanError as exc:
        i = plan.position(exc.task_id) if exc.task_id is not None and exc.task_id in plan else None
        where = None if i is None else f"tasks[{i}] (id {exc.task_id!r}).cascade"
        raise PlanFileError(str(exc), path=source, location=where, task_id=exc.task_id) from None


def _plain_plan(data: object, source: str | None) -> Plan | None:
    """A large plan of plain tasks, read into columns (see :mod:`._fast_tasks`);
    ``None`` when the careful reader must read it."""
    if not isinstance(data, Mapping):
        return None
    table = fast_task_table(data.get("tasks"), _group_ids(data.get("groups")))
    if table is None:
        return None
    header = {key: value for key, value in data.items() if key != "tasks"}
    shape = structure(
        _CONVERTER, header, _PlanFile, source=source, error=PlanFileError, what="plan"
    )
    try:
        return _build(shape, source, table)
    except PlanFileError:
        return None  # said the careful way, with every problem's key path


def _group_ids(groups: object) -> list[str]:
    """The ids of a file's groups, as far as they are plain (the careful reader checks
    the rest)."""
    if not isinstance(groups, list):
        return []
    return [g["id"] for g in groups if isinstance(g, Mapping) and isinstance(g.get("id"), str)]


def _hierarchy_path(name: str | None, source: str | None) -> str | None:
    """A file's path from the plan's folder; a name (shipped, or a plugin's) as it is."""
    if name is None or source is None:
        return name
    from urbangov.io._hierarchy_file import SHIPPED

    if name in SHIPPED:
        return name
    beside = Path(source).parent / name
    return str(beside) if beside.exists() else name


def _beside(name: str | None, source: str | None) -> str | None:
    return name if name is None or source is None else str(Path(source).parent / name)


def organisation_of(plan: Plan, hierarchy: Hierarchy | None = None) -> Organisation | None:
    """The organisation ``plan`` names (``plan.organisation``), loaded against its
    hierarchy (or ``hierarchy``); ``None`` if it names none."""
    if plan.organisation is None:
        return None
    hierarchy = hierarchy or hierarchy_of(plan)
    if hierarchy is None:
        raise PlanFileError(
            "the plan names an organisation file but no hierarchy for it (plan.hierarchy)",
            location="plan.organisation",
        )
    from urbangov.io._organisation_file import load_organisation

    return load_organisation(plan.organisation, hierarchy)


def hierarchy_of(plan: Plan) -> Hierarchy | None:
    """The hierarchy ``plan`` names (``plan.hierarchy``), loaded; ``None`` if none."""
    from urbangov.io._hierarchy_file import hierarchy_named

    return None if plan.hierarchy is None else hierarchy_named(plan.hierarchy)


def _hierarchy_named(name: str | None, plan: Plan, source: str | None) -> Hierarchy:
    """The hierarchy the plan header names: shipped, or a file beside the plan."""
    if name is None:
        task = next(t for t in plan.tasks if t.cascade)
        raise PlanFileError(
            f"task {task.id!r} is cascaded, but the plan names no hierarchy to hand it down "
            '(add hierarchy = "hcmc" or a hierarchy file under [plan])',
            path=source,
            location="plan.hierarchy",
            task_id=task.id,
        )
    try:
        found = hierarchy_of(plan)
        assert found is not None
        return found
    except UrbangovError as exc:
        raise PlanFileError(str(exc), path=source, location="plan.hierarchy") from None


def _build(shape: _PlanFile, source: str | None, table: TaskTable | None = None) -> Plan:
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
    tasks: Sequence[Task] = [] if table is None else table
    for i, entry in enumerate(shape.tasks):
        try:
            tasks.append(_task(entry))  # type: ignore[attr-defined]  # a list here
        except PlanError as exc:
            at = f"tasks[{i}] (id {entry.id!r})"
            raise PlanFileError(str(exc), path=source, location=at, task_id=entry.id) from None
    meetings = programmes_from(shape.meetings, source)
    groups = []
    for i, group in enumerate(shape.groups):
        try:
            groups.append(Group(group.id, group.title, group.part_of, group.lead))
        except PlanError as exc:
            raise PlanFileError(str(exc), path=source, location=f"groups[{i}]") from None
    try:
        return Plan(
            shape.plan.id,
            shape.plan.title,
            shape.plan.start,
            tasks=tasks,
            calendar=calendar,
            lang=shape.plan.lang,
            meetings=meetings,
            hierarchy=_hierarchy_path(shape.plan.hierarchy, source),
            organisation=_beside(shape.plan.organisation, source),
            as_of=shape.plan.as_of,
            issued_by=shape.plan.issued_by,
            groups=groups,
        )
    except PlanError as exc:
        where: str | None = None
        if exc.task_id is not None:
            # The last one with that id (for a duplicate, the second one is at fault);
            # a group's id shared with a task is the group's fault.
            found = [k for k, g in enumerate(groups) if g.id == exc.task_id]
            key = "groups"
            if not found:
                found, key = [i for i, t in enumerate(tasks) if t.id == exc.task_id], "tasks"
            where = f"{key}[{found[-1]}] (id {exc.task_id!r})" if found else None
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
        supporting=entry.supporting,
        accountable=entry.accountable,
        unit=entry.unit,
        cascade=None if entry.cascade is None else _cascade(entry.cascade),
        part_of=entry.part_of,
        notes=entry.notes,
    )


def _cascade(table: _CascadeTable) -> Cascade:
    try:
        return Cascade(
            table.under, table.kinds, table.on, organ=table.organ, report_days=table.report_days
        )
    except PlanError as exc:
        raise PlanError(f"cascade: {exc}") from None


# -- reading files -------------------------------------------------------------------


def loads_plan(
    text: str, format: str, *, source: str | None = None, hierarchy: Hierarchy | None = None
) -> Plan:
    """A plan from the text of a file in ``format`` (``toml``, ``json`` or ``yaml``)."""
    data = decode(text, format, source=source, error=PlanFileError)
    return plan_from_dict(data, source=source, hierarchy=hierarchy)


def load_plan(
    path: str | Path,
    *,
    hierarchy: Hierarchy | None = None,
    calendar: str | WorkCalendar | None = None,
    **options: object,
) -> Plan:
    """Read a plan file in any registered format: TOML, JSON and YAML (by suffix:
    .toml, .json, .yaml, .yml), MS Project XML, or one a plugin adds (see
    :class:`~urbangov.io.PlanReader`).

    Cascaded tasks are handed down ``hierarchy`` or the one the file names.
    ``calendar`` (a calendar or its name, built-in or a plugin's) replaces the
    calendar the file gives: an MS Project file whose calendar is Vietnam's can be
    scheduled on ``"vn"``. ``options`` go to the format's reader, which refuses the
    ones it does not take (MS Project XML takes ``round_durations``).
    """
    path = Path(path)
    if path.suffix.lower() in BUILTIN_SUFFIXES and not options:  # no plugins needed
        plan = load_plan_file(path, hierarchy=hierarchy)
    else:
        from urbangov.plugins import default_plugins

        reader = reader_for(path, list(default_plugins().plan_readers().values()))
        plan = reader.read(path, hierarchy, **options)
    if calendar is None:
        return plan
    try:
        chosen = _calendar(calendar) if isinstance(calendar, str) else calendar
    except CalendarError as exc:
        raise PlanFileError(f"calendar: {exc}", path=str(path)) from None
    return attrs.evolve(plan, calendar=chosen)


def load_plan_file(path: str | Path, *, hierarchy: Hierarchy | None = None) -> Plan:
    """Read a TOML, JSON or YAML plan file (the format by its suffix)."""
    text, fmt = read(Path(path), error=PlanFileError, what="plan")
    return loads_plan(text, fmt, source=str(path), hierarchy=hierarchy)
