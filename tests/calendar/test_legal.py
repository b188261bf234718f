"""Civil Code 2015 Arts. 144-148: the worked examples of the reference notes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from urbangov.calendar import PeriodUnit, WorkCalendar, legal_time_limit
from urbangov.errors import CalendarError

D = dt.date
VN = WorkCalendar.vietnam()


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        # 10 days after Thu 2026-02-05 -> Sun 15 Feb; Tết 16-20 Feb -> Mon 23 Feb.
        (D(2026, 2, 5), 10, "days", D(2026, 2, 23)),
        # 1 month from Sun 31 Jan 2021: no 31 Feb -> Sun 28 Feb -> Mon 1 Mar.
        (D(2021, 1, 31), 1, "months", D(2021, 3, 1)),
        # 1 week from Fri 23 Apr 2021 -> Fri 30 Apr (holiday), 1-3 May off -> Tue 4 May.
        (D(2021, 4, 23), 1, "weeks", D(2021, 5, 4)),
        # Years: the same day and month; 29 Feb falls back to the month's last day.
        (D(2024, 2, 29), 1, "years", D(2025, 2, 28)),
        # A working-day limit counts only working days, from the day after.
        (D(2021, 2, 9), 1, PeriodUnit.WORKING_DAYS, D(2021, 2, 17)),
        (D(2021, 4, 28), 3, "working_days", D(2021, 5, 5)),
        (D(2021, 4, 28), 0, "days", D(2021, 4, 28)),
    ],
)
def test_worked_examples(start: dt.date, amount: int, unit: str, expected: dt.date) -> None:
    assert legal_time_limit(start, amount, unit, VN) == expected


def test_bad_units_and_amounts_are_clear_errors() -> None:
    with pytest.raises(CalendarError, match="unknown period unit 'fortnights'"):
        legal_time_limit(D(2021, 1, 1), 1, "fortnights", VN)
    with pytest.raises(CalendarError, match="cannot be negative"):
        legal_time_limit(D(2021, 1, 1), -1, "days", VN)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 1, 1)), st.integers(0, 400))
def test_a_limit_in_days_ends_on_a_working_day_no_earlier_than_nominal(
    start: dt.date, n: int
) -> None:
    end = legal_time_limit(start, n, "days", VN)
    nominal = start + dt.timedelta(days=n)
    assert end >= nominal
    assert VN.is_working_day(end)
    # Every day between the nominal end and the result is a rest day.
    assert all(
        not VN.is_working_day(nominal + dt.timedelta(days=k)) for k in range((end - nominal).days)
    )
