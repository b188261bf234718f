"""Working days, Vietnam's public holidays and legal time limits."""

from urbangov.calendar._calendar import BASE_CALENDARS, WorkCalendar, calendar_named
from urbangov.calendar._index import MAX_YEAR, MIN_YEAR, CalendarIndex
from urbangov.calendar._legal import PeriodUnit, legal_time_limit

__all__ = [
    "BASE_CALENDARS",
    "MAX_YEAR",
    "MIN_YEAR",
    "CalendarIndex",
    "PeriodUnit",
    "WorkCalendar",
    "calendar_named",
    "legal_time_limit",
]
