"""The critical-path scheduler."""

from urbangov.schedule._schedule import (
    Schedule,
    ScheduleWarning,
    TaskSchedule,
    WarningKind,
    schedule,
)

__all__ = ["Schedule", "ScheduleWarning", "TaskSchedule", "WarningKind", "schedule"]
