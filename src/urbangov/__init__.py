"""urbangov: plan, schedule and track how a government carries out its decisions.

The names below are the public API. They are loaded on first use, so that
``import urbangov`` (and the command line's start-up) stays fast.

>>> import datetime as dt, urbangov
>>> plan = urbangov.Plan("p", "Plan", dt.date(2021, 1, 4), tasks=[urbangov.Task("a", "A", 3)])
>>> urbangov.schedule(plan)["a"].finish
datetime.date(2021, 1, 6)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from urbangov._lazy import lazy_names
from urbangov.errors import (
    CalendarError,
    ConstraintError,
    CycleError,
    DuplicateTaskError,
    MeetingError,
    OutputError,
    PlanError,
    PlanFileError,
    UnknownTaskError,
    UrbangovError,
)

if TYPE_CHECKING:
    from urbangov.calendar import PeriodUnit, WorkCalendar, calendar_named, legal_time_limit
    from urbangov.io import load_plan, loads_plan, plan_from_dict
    from urbangov.meetings import Programme, next_occurrence, occurrences
    from urbangov.plan import ConstraintType, Dependency, DependencyType, Plan, Task, TaskTable
    from urbangov.scheduling import (
        Schedule,
        ScheduleWarning,
        TaskSchedule,
        WarningKind,
        schedule,
        what_if,
    )

__all__ = [
    "CalendarError",
    "ConstraintError",
    "ConstraintType",
    "CycleError",
    "Dependency",
    "DependencyType",
    "DuplicateTaskError",
    "MeetingError",
    "OutputError",
    "PeriodUnit",
    "Plan",
    "PlanError",
    "PlanFileError",
    "Programme",
    "Schedule",
    "ScheduleWarning",
    "Task",
    "TaskSchedule",
    "TaskTable",
    "UnknownTaskError",
    "UrbangovError",
    "WarningKind",
    "WorkCalendar",
    "calendar_named",
    "legal_time_limit",
    "load_plan",
    "loads_plan",
    "next_occurrence",
    "occurrences",
    "plan_from_dict",
    "schedule",
    "what_if",
]

_LAZY = {
    "urbangov.calendar": ("PeriodUnit", "WorkCalendar", "calendar_named", "legal_time_limit"),
    "urbangov.io": ("load_plan", "loads_plan", "plan_from_dict"),
    "urbangov.meetings": ("Programme", "next_occurrence", "occurrences"),
    "urbangov.plan": (
        "ConstraintType",
        "Dependency",
        "DependencyType",
        "Plan",
        "Task",
        "TaskTable",
    ),
    "urbangov.scheduling": (
        "Schedule",
        "ScheduleWarning",
        "TaskSchedule",
        "WarningKind",
        "schedule",
        "what_if",
    ),
}
_HOME = {name: module for module, names in _LAZY.items() for name in names}


__getattr__, __dir__ = lazy_names(__name__, _HOME, __all__)
