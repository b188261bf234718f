"""Legal time limits counted as Vietnam's Civil Code 2015 (Arts. 144-148) counts them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from urbangov.calendar._calendar import WorkCalendar
from urbangov.errors import CalendarError

__all__ = ["PeriodUnit", "legal_time_limit"]


class PeriodUnit(StrEnum):
    """The unit a time limit is stated in."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"
    #: "ngày làm việc": only working days count (Art. 145(1): other laws may say so).
    WORKING_DAYS = "working_days"


def legal_time_limit(
    start: dt.date, amount: int, unit: PeriodUnit | str, calendar: WorkCalendar
) -> dt.date:
    """The last day of a time limit of ``amount`` ``unit`` counted from ``start``.

    The limit ends at 24:00 of the returned day (Art. 148(6)).

    * The day of ``start`` (the stated day, or the day of the event) is not counted:
      counting begins the next day (Art. 147(2), 147(3)).
    * Days end on the last day; weeks on the same weekday of the last week; months
      on the same day of the last month, or that month's last day when it has no
      such day; years on the same day and month (Art. 148(1)-(4)).
    * A last day that is a weekend or a public holiday moves to the next working
      day after the whole run of rest days (Art. 148(5)).
    * ``working_days`` counts only working days, so no roll is needed.

    >>> vn = WorkCalendar.vietnam()
    >>> legal_time_limit(dt.date(2021, 1, 31), 1, "months", vn)  # 28 Feb is a Sunday
    datetime.date(2021, 3, 1)
    """
    try:
        unit = PeriodUnit(unit)
    except ValueError:
        units = ", ".join(u.value for u in PeriodUnit)
        raise CalendarError(f"unknown period unit {unit!r} (use one of: {units})") from None
    if amount < 0:
        raise CalendarError(f"a time limit cannot be negative ({amount} {unit.value})")
    if unit is PeriodUnit.WORKING_DAYS:
        if amount == 0:
            return start
        # The n-th working day strictly after the start day.
        return calendar.add_working_days(start + dt.timedelta(days=1), amount - 1)
    last = start + _span(amount, unit)
    return calendar.roll_forward(last)


def _span(amount: int, unit: PeriodUnit) -> relativedelta:
    # relativedelta clamps 31 Jan + 1 month to 28/29 Feb: exactly Art. 148(3).
    match unit:
        case PeriodUnit.DAYS:
            return relativedelta(days=amount)
        case PeriodUnit.WEEKS:
            return relativedelta(weeks=amount)
        case PeriodUnit.MONTHS:
            return relativedelta(months=amount)
        case _:
            return relativedelta(years=amount)
