"""The critical-path scheduler."""

from urbangov.schedule._schedule import (
    Schedule,
    ScheduleWarning,
    TaskSchedule,
    WarningKind,
    schedule,
)
from urbangov.schedule._whatif import what_if

__all__ = ["Schedule", "ScheduleWarning", "TaskSchedule", "WarningKind", "schedule", "what_if"]
