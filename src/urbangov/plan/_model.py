"""The plan: tasks, the links between them, constraints and deadlines (frozen values)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, final

import attrs

from urbangov.calendar import WorkCalendar, calendar_named
from urbangov.errors import ConstraintError, DuplicateTaskError, PlanError, UnknownTaskError
from urbangov.plan._cascade import Cascade
from urbangov.plan._programme import Programme, programmes

if TYPE_CHECKING:
    from urbangov.plan._table import TaskTable

__all__ = [
    "MAX_DAYS",
    "ConstraintType",
    "Dependency",
    "DependencyType",
    "Group",
    "Language",
    "Plan",
    "Task",
    "nfc",
]

#: The longest duration, lag or lead in working days (about 380 years): longer ones
#: cannot be dated by any calendar, and would overflow the engine's arithmetic.
MAX_DAYS: Final = 100_000


class DependencyType(StrEnum):
    """How a successor hangs on its predecessor (MS Project's four link types)."""

    #: Finish-to-start, the successor starts after the predecessor finishes.
    FS = "FS"
    #: Start-to-start.
    SS = "SS"
    #: Finish-to-finish.
    FF = "FF"
    #: Start-to-finish.
    SF = "SF"


class Language(StrEnum):
    """The language of a plan's reports and labels."""

    VI = "vi"
    EN = "en"


class ConstraintType(StrEnum):
    """MS Project's eight constraint types."""

    #: As soon as possible (the default).
    ASAP = "ASAP"
    #: As late as possible.
    ALAP = "ALAP"
    #: Start no earlier than.
    SNET = "SNET"
    #: Start no later than.
    SNLT = "SNLT"
    #: Finish no earlier than.
    FNET = "FNET"
    #: Finish no later than.
    FNLT = "FNLT"
    #: Must start on.
    MSO = "MSO"
    #: Must finish on.
    MFO = "MFO"

    @property
    def dated(self) -> bool:
        """Whether the constraint needs a date."""
        return self not in (ConstraintType.ASAP, ConstraintType.ALAP)


def nfc(text: str) -> str:
    """``text`` in Unicode NFC, so that "Thủ Đức" typed either way is one string."""
    if text.isascii():  # the common case for ids, and already normal
        return text
    return unicodedata.normalize("NFC", text)


def _link_type(value: DependencyType | str) -> DependencyType:
    return value if type(value) is DependencyType else DependencyType(value)


def _constraint_type(value: ConstraintType | str) -> ConstraintType:
    return value if type(value) is ConstraintType else ConstraintType(value)


def _nonempty_id(_: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise PlanError(f"{attribute.name} must be a non-empty string, not {value!r}")


def _calendar_date(value: object, what: str, task_id: str | None = None) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise PlanError(f"{what} must be a calendar date, not {value!r}", task_id=task_id)


@final
@attrs.frozen
class Dependency:
    """A link from predecessor ``task`` to the task that lists it.

    ``lag`` is in working days; a negative lag is a lead (the successor may overlap).
    """

    task: str = attrs.field(converter=nfc, validator=_nonempty_id)
    type: DependencyType = attrs.field(default=DependencyType.FS, converter=_link_type)
    lag: int = 0

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.lag, int) or isinstance(self.lag, bool):
            raise PlanError(f"lag must be a whole number of working days, not {self.lag!r}")
        if not -MAX_DAYS <= self.lag <= MAX_DAYS:
            raise PlanError(
                f"lag {self.lag} on the link from {self.task!r} is out of range "
                f"(at most {MAX_DAYS} working days either way)"
            )


def _references(values: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    return tuple(nfc(v) for v in values)


def _dependencies(values: Iterable[Dependency | str]) -> tuple[Dependency, ...]:
    if isinstance(values, str):
        values = [values]
    return tuple(v if isinstance(v, Dependency) else Dependency(v) for v in values)


@final
@attrs.frozen
class Task:
    """One piece of work: ``duration`` working days (0 makes it a milestone).

    >>> Task("t2", "Legal review", 5, depends=["t1"])
    Task(id='t2', title='Legal review', duration=5, ...)
    """

    id: str = attrs.field(converter=nfc, validator=_nonempty_id)
    title: str = attrs.field(converter=nfc)
    duration: int = 0
    depends: tuple[Dependency, ...] = attrs.field(default=(), converter=_dependencies)
    constraint: ConstraintType = attrs.field(default=ConstraintType.ASAP, converter=ConstraintType)
    constraint_date: dt.date | None = None
    deadline: dt.date | None = None
    #: The organ or post that chairs the work (cơ quan chủ trì), e.g. ``hcmc/so-noi-vu``.
    lead: str | None = attrs.field(default=None, converter=attrs.converters.optional(nfc))
    #: Organs that support the lead (cơ quan phối hợp).
    supporting: tuple[str, ...] = attrs.field(default=(), converter=_references)
    #: The post (or person) who answers for the task.
    accountable: str | None = attrs.field(default=None, converter=attrs.converters.optional(nfc))
    #: The administrative unit the task is carried out in (a hierarchy unit id).
    unit: str | None = attrs.field(default=None, converter=attrs.converters.optional(nfc))
    #: Hand the task down to every unit of a kind (see :class:`Cascade`).
    cascade: Cascade | None = None
    #: The task or :class:`Group` this one is a part of: its progress rolls up there,
    #: and that task is not done before this one is.
    part_of: str | None = attrs.field(default=None, converter=attrs.converters.optional(nfc))
    #: Free text about the task (MS Project's task notes), kept as written.
    notes: str | None = attrs.field(default=None, converter=attrs.converters.optional(nfc))

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.duration, int) or isinstance(self.duration, bool):
            raise PlanError(
                f"task {self.id!r}: duration must be a whole number of working days, "
                f"not {self.duration!r}",
                task_id=self.id,
            )
        if self.duration < 0:
            raise PlanError(
                f"task {self.id!r}: duration cannot be negative ({self.duration})",
                task_id=self.id,
            )
        if self.duration > MAX_DAYS:
            raise PlanError(
                f"task {self.id!r}: duration {self.duration} is out of range "
                f"(at most {MAX_DAYS} working days)",
                task_id=self.id,
            )
        if self.constraint.dated and self.constraint_date is None:
            raise ConstraintError(
                f"task {self.id!r}: constraint {self.constraint} needs a constraint_date",
                task_id=self.id,
            )
        if not self.constraint.dated and self.constraint_date is not None:
            raise ConstraintError(
                f"task {self.id!r}: constraint {self.constraint} takes no date "
                f"(got {self.constraint_date})",
                task_id=self.id,
            )
        for name in ("constraint_date", "deadline"):
            value = getattr(self, name)
            if value is not None:
                _calendar_date(value, f"task {self.id!r}: {name}", self.id)
        for dep in self.depends:
            if dep.task == self.id:
                raise PlanError(f"task {self.id!r} depends on itself", task_id=self.id)

    @property
    def milestone(self) -> bool:
        """A task without duration marks a point in time."""
        return self.duration == 0


@final
@attrs.frozen
class Group:
    """A heading that tasks are ``part_of``: an MS Project summary task, an appendix's
    "I." row. It is not scheduled itself; its dates are those of the tasks under it
    (:attr:`urbangov.scheduling.Schedule.groups`), and its progress theirs.

    >>> Group("I", "Organising the urban government", lead="hcmc/so-noi-vu")
    Group(id='I', title='Organising the urban government', part_of=None, lead='hcmc/so-noi-vu')
    """

    id: str = attrs.field(converter=nfc, validator=_nonempty_id)
    title: str = attrs.field(converter=nfc)
    #: The group this one is under (outline level 2 under level 1).
    part_of: str | None = attrs.field(default=None, converter=attrs.converters.optional(nfc))
    #: The organ that chairs the group's work (and assigns the tasks under it).
    lead: str | None = attrs.field(default=None, converter=attrs.converters.optional(nfc))


def _groups(values: Iterable[Group]) -> tuple[Group, ...]:
    out = tuple(values)
    for value in out:
        if not isinstance(value, Group):
            raise PlanError(f"plan groups must be Group objects, not {type(value).__name__}")
    return out


def _calendar(value: WorkCalendar | str) -> WorkCalendar:
    return calendar_named(value) if isinstance(value, str) else value


def _tasks(values: Iterable[Task]) -> Sequence[Task]:
    from urbangov.plan._table import TaskTable

    return values if isinstance(values, TaskTable) else tuple(values)


@final
@attrs.frozen
class Plan:
    """Tasks scheduled from ``start`` on a working calendar.

    Task ids are unique and every dependency names a task of the plan; cycles are
    found when the plan is scheduled. A task is ``part_of`` a task or a group.
    """

    id: str = attrs.field(converter=nfc, validator=_nonempty_id)
    title: str = attrs.field(converter=nfc)
    start: dt.date
    #: The tasks: a tuple of :class:`Task`, or a :class:`~urbangov.plan.TaskTable` for a
    #: plan built from columns (many generated or imported tasks).
    tasks: Sequence[Task] = attrs.field(default=(), converter=_tasks)
    calendar: WorkCalendar = attrs.field(factory=WorkCalendar.vietnam, converter=_calendar)
    #: The language of the plan's reports unless a report asks for another.
    lang: Language = attrs.field(default=Language.VI, converter=Language)
    #: The standing meetings that review the plan (see :mod:`urbangov.meetings`).
    meetings: tuple[Programme, ...] = attrs.field(default=(), converter=programmes)
    #: The hierarchy the plan's units and cascades refer to: a shipped hierarchy's
    #: name (``hcmc``) or a hierarchy file's path.
    hierarchy: str | None = None
    #: The organisation data (organs, posts, people) its leads refer to: a file's path.
    organisation: str | None = None
    #: The organ that issues the plan and so assigns its top-level tasks (it decides
    #: their extensions and withdrawals): ``hcmc/people_committee``.
    issued_by: str | None = attrs.field(default=None, converter=attrs.converters.optional(nfc))
    #: The day the plan's status is judged as of when nobody asks for another (see
    #: :func:`urbangov.tracking.as_of_day`): an example made for June 2021 says so.
    as_of: dt.date | None = None
    #: The headings tasks are grouped under (not scheduled; see :class:`Group`).
    groups: tuple[Group, ...] = attrs.field(default=(), converter=_groups)
    _by_id: Mapping[str, int] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _group_by_id: Mapping[str, Group] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _ids: Sequence[str] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        _calendar_date(self.start, "plan start")
        if self.as_of is not None:
            _calendar_date(self.as_of, "plan as_of")
        table = self._table
        if table is not None:  # checked as a whole when it was made
            object.__setattr__(self, "_by_id", table.positions)
            object.__setattr__(self, "_ids", table.ids)
            self._check_groups(table.positions)
            missing = table.groups_named - self._group_by_id.keys()
            if missing:
                assert table.part_of is not None  # groups are named in it
                row = next(r for r, up in enumerate(table.part_of) if up in missing)
                raise UnknownTaskError(
                    f"task {table.ids[row]!r} is part of {table.part_of[row]!r}, which is "
                    "not a group of the plan",
                    task_id=table.ids[row],
                )
            return
        by_id: dict[str, int] = {}
        for position, task in enumerate(self.tasks):
            if not isinstance(task, Task):
                raise PlanError(f"plan tasks must be Task objects, not {type(task).__name__}")
            if by_id.setdefault(task.id, position) != position:
                raise DuplicateTaskError(f"duplicate task id {task.id!r}", task_id=task.id)
        for task in self.tasks:
            for dep in task.depends:
                if dep.task not in by_id:
                    raise UnknownTaskError(
                        f"task {task.id!r} depends on unknown task {dep.task!r}",
                        task_id=task.id,
                    )
        self._check_groups(by_id)
        groups = self._group_by_id
        for task in self.tasks:
            up = task.part_of
            if up is not None and up not in by_id and up not in groups:
                raise UnknownTaskError(
                    f"task {task.id!r} is part of unknown task {up!r}", task_id=task.id
                )
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_ids", tuple(by_id))

    def _check_groups(self, tasks: Mapping[str, int]) -> None:
        """Group ids unique and apart from task ids; each group under a group; no loop."""
        by_id: dict[str, Group] = {}
        for group in self.groups:
            if group.id in tasks or by_id.setdefault(group.id, group) is not group:
                raise DuplicateTaskError(
                    f"duplicate id {group.id!r} (a group's id must differ from every task's "
                    "and group's)",
                    task_id=group.id,
                )
        for group in self.groups:
            if group.part_of is None:
                continue
            if group.part_of not in by_id:
                raise UnknownTaskError(
                    f"group {group.id!r} is part of {group.part_of!r}, which is not a group",
                    task_id=group.id,
                )
            path, up = [group.id], group.part_of
            while up is not None:
                if up in path:
                    loop = [*path[path.index(up) :], up]
                    raise PlanError(f"part_of loop: {' -> '.join(loop)}", task_id=group.id)
                path.append(up)
                up = by_id[up].part_of  # type: ignore[assignment]  # None ends the loop
        object.__setattr__(self, "_group_by_id", by_id)

    def __len__(self) -> int:
        return len(self.tasks)

    @property
    def _table(self) -> TaskTable | None:
        from urbangov.plan._table import TaskTable

        return self.tasks if isinstance(self.tasks, TaskTable) else None

    @property
    def ids(self) -> Sequence[str]:
        """The task ids, in plan order (without making a :class:`Task` per row of a
        :class:`~urbangov.plan.TaskTable`)."""
        return self._ids

    def __contains__(self, task_id: object) -> bool:
        return task_id in self._by_id

    def task(self, task_id: str) -> Task:
        """The task called ``task_id``."""
        try:
            return self.tasks[self._by_id[nfc(task_id)]]
        except KeyError:
            if nfc(task_id) in self._group_by_id:
                raise UnknownTaskError(
                    f"{task_id!r} is a group of plan {self.id!r}, not a task"
                ) from None
            raise UnknownTaskError(f"no task {task_id!r} in plan {self.id!r}") from None

    def group(self, group_id: str) -> Group:
        """The group called ``group_id``."""
        try:
            return self._group_by_id[nfc(group_id)]
        except KeyError:
            raise UnknownTaskError(f"no group {group_id!r} in plan {self.id!r}") from None

    def is_group(self, some_id: str) -> bool:
        """Whether ``some_id`` names one of the plan's groups (not a task)."""
        return nfc(some_id) in self._group_by_id

    def groups_above(self, some_id: str) -> list[str]:
        """The groups a task (or group) is under, nearest first, through the tasks it
        is part of: ``["I.1", "I"]`` for a ward's copy of a task under group I.1.

        Raises:
            PlanError: ``part_of`` links between tasks form a loop (named).
        """
        found: list[str] = []
        item: Task | Group = self.group(some_id) if self.is_group(some_id) else self.task(some_id)
        path = [item.id]
        while item.part_of is not None:
            up = item.part_of
            if up in path:
                loop = [*path[path.index(up) :], up]
                raise PlanError(f"part_of loop: {' -> '.join(loop)}", task_id=up)
            path.append(up)
            if up in self._group_by_id:
                found.append(up)
                item = self._group_by_id[up]
            else:
                item = self.task(up)
        return found

    def position(self, task_id: str) -> int:
        """Where ``task_id`` stands in :attr:`tasks`."""
        try:
            return self._by_id[nfc(task_id)]
        except KeyError:
            raise UnknownTaskError(f"no task {task_id!r} in plan {self.id!r}") from None

    def replace_task(self, task: Task) -> Plan:
        """A copy of the plan with the task of the same id replaced by ``task``."""
        tasks = list(self.tasks)
        tasks[self.position(task.id)] = task
        return attrs.evolve(self, tasks=tasks)
