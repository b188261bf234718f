"""Working days, Vietnam's public holidays, legal time limits and reporting periods."""

from urbangov.calendar._calendar import BASE_CALENDARS, WorkCalendar, calendar_named
from urbangov.calendar._index import MAX_YEAR, MIN_YEAR, CalendarIndex
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
