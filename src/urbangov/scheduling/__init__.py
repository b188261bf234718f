"""The critical-path scheduler (``what_if`` loads on first use)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from urbangov._lazy import lazy_names
from urbangov.scheduling._progressed import Actual
from urbangov.scheduling._schedule import (
    GroupSchedule,
    Schedule,
    ScheduleWarning,
    TaskSchedule,
    Tracking,
    WarningKind,
    WorkDone,
    schedule,
)

if TYPE_CHECKING:
    from urbangov.scheduling._driving import (
        Cause,
        CauseKind,
        Explanation,
        Step,
        explain,
        explain_all,
    )
    from urbangov.scheduling._whatif import what_if

__all__ = [
    "Actual",
    "Cause",
    "CauseKind",
    "Explanation",
    "GroupSchedule",
    "Schedule",
    "ScheduleWarning",
    "Step",
    "TaskSchedule",
    "Tracking",
    "WarningKind",
    "WorkDone",
    "explain",
    "explain_all",
    "schedule",
    "what_if",
]

_LAZY = {
    "what_if": "_whatif",
    **dict.fromkeys(
        ["Cause", "CauseKind", "Explanation", "Step", "explain", "explain_all"], "_driving"
    ),
}
__getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__, relative=True)
