"""Working days, Vietnam's public holidays, legal time limits and reporting periods.

Legal time limits and reporting periods load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from urbangov._lazy import lazy_names
from urbangov.calendar._calendar import BASE_CALENDARS, WorkCalendar, calendar_named
from urbangov.calendar._index import MAX_YEAR, MIN_YEAR, CalendarIndex

if TYPE_CHECKING:
    from urbangov.calendar._legal import PeriodUnit, legal_time_limit
    from urbangov.calendar._periods import PeriodKind, ReportingPeriod, parse_period

__all__ = [
    "BASE_CALENDARS",
    "MAX_YEAR",
    "MIN_YEAR",
    "CalendarIndex",
    "PeriodKind",
    "PeriodUnit",
    "ReportingPeriod",
    "WorkCalendar",
    "calendar_named",
    "legal_time_limit",
    "parse_period",
]

_HOMES = {
    "PeriodUnit": "_legal",
    "legal_time_limit": "_legal",
    "PeriodKind": "_periods",
    "ReportingPeriod": "_periods",
    "parse_period": "_periods",
}

__getattr__, __dir__ = lazy_names(__name__, _HOMES, __all__, relative=True)
