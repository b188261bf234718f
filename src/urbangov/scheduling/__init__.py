"""The critical-path scheduler."""

from urbangov.scheduling._progressed import Actual
from urbangov.scheduling._schedule import (
    Schedule,
    ScheduleWarning,
    TaskSchedule,
    WarningKind,
    schedule,
)
from urbangov.scheduling._whatif import what_if

__all__ = [
    "Actual",
    "Schedule",
    "ScheduleWarning",
    "TaskSchedule",
    "WarningKind",
    "schedule",
    "what_if",
]
