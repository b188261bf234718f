"""Every error urbangov raises on purpose.

All of them derive from :class:`UrbangovError`, so ``except UrbangovError`` catches
anything the library reports about its input. Each specific error also derives from
the builtin a caller would naturally catch (``ValueError``, ``KeyError`` …), and
carries *where* the problem is: the file, the key path inside it, and the task id.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "CalendarError",
    "ConstraintError",
    "CycleError",
    "DuplicateTaskError",
    "HierarchyError",
    "HierarchyFileError",
    "OutputError",
    "PlanError",
    "PlanFileError",
    "PluginError",
    "UnknownFormatError",
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


class PluginError(UrbangovError, RuntimeError):
    """A plugin is broken or clashes with another; ``plugin`` names it when known."""

    def __init__(self, message: str, *, plugin: str | None = None) -> None:
        self.plugin = plugin
        super().__init__(message)


class UnknownFormatError(UrbangovError, ValueError):
    """No installed plugin provides the report format asked for."""


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
