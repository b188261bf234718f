"""Every error urbangov raises on purpose.

All of them derive from :class:`UrbangovError`, so ``except UrbangovError`` catches
anything the library reports about its input. Each specific error also derives from
the builtin a caller would naturally catch (``ValueError``, ``KeyError`` …), and
carries *where* the problem is: the file, the key path inside it, and the task id.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AuthorityError",
    "CalendarError",
    "ChannelError",
    "ConfigError",
    "ConstraintError",
    "CycleError",
    "DuplicateTaskError",
    "HierarchyError",
    "HierarchyFileError",
    "LedgerError",
    "MeetingError",
    "NotifyError",
    "OrganisationError",
    "OrganisationFileError",
    "OutputError",
    "PlanError",
    "PlanFileError",
    "PluginError",
    "ProgressFileError",
    "ReportError",
    "StoreError",
    "TrackingError",
    "UnknownFormatError",
    "UnknownOrganError",
    "UnknownPersonError",
    "UnknownPostError",
    "UnknownTaskError",
    "UnknownUnitError",
    "UrbangovError",
]


class UrbangovError(Exception):
    """The root of every error urbangov raises about its input."""


class CalendarError(UrbangovError, ValueError):
    """A calendar cannot answer: an unknown calendar name, a date outside its range."""


class OutputError(UrbangovError, OSError):
    """A result cannot be written where it was asked to go."""


class PlanError(UrbangovError, ValueError):
    """A plan is inconsistent. ``task_id`` names the task at fault when there is one."""

    def __init__(self, message: str, *, task_id: str | None = None) -> None:
        self.task_id = task_id
        super().__init__(message)


class DuplicateTaskError(PlanError):
    """Two tasks share one id."""


class UnknownTaskError(PlanError, KeyError):
    """A dependency names a task the plan does not have."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class ConstraintError(PlanError):
    """A constraint is malformed: a dated constraint without a date, or the reverse."""


class CycleError(PlanError):
    """The dependencies form a loop; ``cycle`` lists the task ids around it."""

    def __init__(self, cycle: Sequence[str]) -> None:
        self.cycle = tuple(cycle)
        loop = " -> ".join([*self.cycle, self.cycle[0]]) if self.cycle else "?"
        super().__init__(f"dependency cycle: {loop}", task_id=self.cycle[0] if cycle else None)


class _InFile:
    """Where in a file a problem is: ``path``, ``location`` (a key path or a line),
    ``reason`` (the message without them) and every ``problems`` found."""

    path: str | None
    location: str | None
    reason: str
    #: Every problem found, as ``(location, message)``; the first one is in the message.
    problems: list[tuple[str, str]]

    def _locate(self, message: str, path: str | None, location: str | None) -> str:
        self.path, self.location, self.reason = path, location, message
        self.problems = [(location or "", message)]
        where = ": ".join(part for part in (path, location) if part)
        return f"{where}: {message}" if where else message


class PlanFileError(_InFile, PlanError):
    """A plan file cannot be read. ``path`` and ``location`` (a key path) say where."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        location: str | None = None,
        task_id: str | None = None,
    ) -> None:
        super().__init__(self._locate(message, path, location), task_id=task_id)


class MeetingError(UrbangovError, ValueError):
    """A meeting programme is malformed. ``programme_id`` names it, ``field`` the
    attribute at fault (``cadence``, ``until`` …) and ``reason`` says what is wrong
    without them, so that a file reader can point at the key instead."""

    def __init__(
        self, reason: str, *, programme_id: str | None = None, field: str | None = None
    ) -> None:
        self.programme_id, self.field, self.reason = programme_id, field, reason
        name = f"programme {programme_id!r}" if programme_id is not None else None
        where = ": ".join(part for part in (name, field) if part)
        super().__init__(f"{where}: {reason}" if where else reason)


class PluginError(UrbangovError, RuntimeError):
    """A plugin is broken or clashes with another; ``plugin`` names it when known."""

    def __init__(self, message: str, *, plugin: str | None = None) -> None:
        self.plugin = plugin
        super().__init__(message)


class ConfigError(_InFile, UrbangovError, ValueError):
    """The configuration file is wrong, or a value it takes from the environment is
    missing. ``path`` is the file and ``location`` the key path
    (``plugins.smtp.password``); a secret's value is never part of the message."""

    def __init__(
        self, message: str, *, path: str | None = None, location: str | None = None
    ) -> None:
        super().__init__(self._locate(message, path, location))


class NotifyError(UrbangovError, ValueError):
    """Notification rules that cannot be used, or a channel no plugin provides."""


class ChannelError(UrbangovError, OSError):
    """A channel could not deliver a message (a server refused it, or is unreachable);
    ``channel`` names it. The message never holds a secret."""

    def __init__(self, message: str, *, channel: str | None = None) -> None:
        self.channel = channel
        super().__init__(message)


class LedgerError(UrbangovError, OSError):
    """The delivery ledger cannot be opened, read or written."""


class UnknownFormatError(UrbangovError, ValueError):
    """No installed plugin provides the report format asked for."""


class ReportError(UrbangovError, ValueError):
    """A report cannot be made from what it was given, e.g. a status report without
    tracking data."""


class HierarchyError(UrbangovError, ValueError):
    """Administrative units that do not fit together; ``unit_id`` names the unit."""

    def __init__(self, message: str, *, unit_id: str | None = None) -> None:
        self.unit_id = unit_id
        super().__init__(message)


class UnknownUnitError(HierarchyError, KeyError):
    """No unit has that id, code or name (on that date)."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class HierarchyFileError(_InFile, HierarchyError):
    """A hierarchy file cannot be read. ``path`` and ``location`` (a key path) say where."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        location: str | None = None,
        unit_id: str | None = None,
    ) -> None:
        super().__init__(self._locate(message, path, location), unit_id=unit_id)


class TrackingError(UrbangovError, ValueError):
    """Progress, an extension or a baseline that does not fit the plan; ``task_id``
    names the task at fault."""

    def __init__(self, message: str, *, task_id: str | None = None) -> None:
        self.task_id = task_id
        super().__init__(message)


class ProgressFileError(_InFile, TrackingError):
    """A progress file cannot be imported. ``location`` is ``line N`` (CSV) or a key
    path (TOML); nothing of the file is applied."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        location: str | None = None,
        task_id: str | None = None,
    ) -> None:
        super().__init__(self._locate(message, path, location), task_id=task_id)


class AuthorityError(TrackingError, PermissionError):
    """An account may not write these records (a ward reporting on another ward's
    task, a lead deciding its own extension); ``refusals`` lists each one and why.
    Nothing of the submission is written."""

    def __init__(self, message: str, *, refusals: Sequence[object] = ()) -> None:
        self.refusals = tuple(refusals)
        first = getattr(self.refusals[0], "task", None) if self.refusals else None
        super().__init__(message, task_id=first)


class StoreError(UrbangovError, OSError):
    """The tracking store cannot be opened, read or written."""


class OrganisationError(HierarchyError):
    """Organs, posts, people, appointments or delegations that do not fit together.

    ``section`` (``"posts"``, ``"delegations"`` …) and ``index`` say which entry is at
    fault, so that a file reader can point at it; ``item_id`` names it when it has an id.
    """

    def __init__(
        self,
        message: str,
        *,
        section: str | None = None,
        index: int | None = None,
        item_id: str | None = None,
        unit_id: str | None = None,
    ) -> None:
        self.section, self.index, self.item_id = section, index, item_id
        super().__init__(message, unit_id=unit_id)


class UnknownOrganError(OrganisationError, KeyError):
    """No organ (or post, where either may stand) has that id on that date."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class UnknownPostError(OrganisationError, KeyError):
    """No post has that id or title."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class UnknownPersonError(OrganisationError, KeyError):
    """No person has that id or name."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class OrganisationFileError(_InFile, OrganisationError):
    """An organisation file cannot be read. ``path`` and ``location`` say where."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        location: str | None = None,
        item_id: str | None = None,
    ) -> None:
        super().__init__(self._locate(message, path, location), item_id=item_id)
