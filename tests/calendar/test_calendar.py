"""Working calendars: Vietnam's holidays, adjustments, working-day arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from urbangov.calendar import WorkCalendar, calendar_named
from urbangov.errors import CalendarError, UrbangovError

D = dt.date
VN = WorkCalendar.vietnam()
MON_FRI = WorkCalendar.mon_fri()


@pytest.mark.parametrize(
    "day",
    [
        D(2021, 1, 1),  # New Year
        *(D(2021, 2, d) for d in range(10, 17)),  # Tết 2021 (weekdays among 10-16 Feb)
        D(2021, 4, 21),  # Hùng Kings
        D(2021, 4, 30),
        D(2021, 5, 3),  # 1 May fell on a Saturday: compensatory Monday
        D(2021, 9, 2),
        D(2021, 9, 3),
        D(2025, 5, 2),  # swapped with Saturday 26 April 2025
    ],
)
def test_vietnamese_public_holidays_are_not_working_days(day: dt.date) -> None:
    assert not VN.is_working_day(day)
    assert MON_FRI.is_working_day(day) == (day.weekday() < 5)


def test_make_up_saturdays_are_working_days() -> None:
    assert VN.is_working_day(D(2025, 4, 26))
    assert VN.is_working_day(D(2024, 5, 4))
    assert not MON_FRI.is_working_day(D(2025, 4, 26))


def test_2021_has_250_working_days_in_vietnam() -> None:
    assert VN.working_days_between(D(2021, 1, 1), D(2022, 1, 1)) == 250


def test_adding_working_days_skips_tet() -> None:
    assert VN.add_working_days(D(2021, 2, 9), 1) == D(2021, 2, 17)
    assert VN.add_working_days(D(2021, 2, 17), -1) == D(2021, 2, 9)


def test_add_zero_rolls_a_rest_day_forward() -> None:
    assert VN.add_working_days(D(2021, 2, 13), 0) == D(2021, 2, 17)
    assert VN.roll_forward(D(2021, 2, 13)) == D(2021, 2, 17)


def test_next_and_previous_working_day() -> None:
    assert VN.next_working_day(D(2021, 4, 29)) == D(2021, 5, 4)
    assert VN.previous_working_day(D(2021, 5, 4)) == D(2021, 4, 29)


def test_adjustments_win_over_public_holidays() -> None:
    cal = VN.adjusted(holidays=[D(2021, 4, 22)], working_days=[D(2021, 4, 21), D(2021, 5, 8)])
    assert not cal.is_working_day(D(2021, 4, 22))
    assert cal.is_working_day(D(2021, 4, 21))
    assert cal.is_working_day(D(2021, 5, 8))
    assert VN.is_working_day(D(2021, 4, 22))  # the original is untouched


def test_a_day_cannot_be_both_holiday_and_working_day() -> None:
    with pytest.raises(CalendarError, match="2021-04-22"):
        WorkCalendar(holidays=[D(2021, 4, 22)], working_days=[D(2021, 4, 22)])


def test_iter_working_days() -> None:
    days = list(VN.iter_working_days(D(2021, 4, 28), D(2021, 5, 6)))
    assert days == [D(2021, 4, 28), D(2021, 4, 29), D(2021, 5, 4), D(2021, 5, 5)]


def test_public_holiday_names_in_vietnamese() -> None:
    names = VN.public_holidays_in(2021, language="vi")
    assert names[D(2021, 1, 1)] == "Tết Dương lịch"
    assert MON_FRI.public_holidays_in(2021) == {}


def test_calendar_names() -> None:
    assert calendar_named("vn") == VN
    with pytest.raises(CalendarError, match="unknown calendar 'xx'"):
        calendar_named("xx")


def test_calendar_errors_are_urbangov_and_value_errors() -> None:
    with pytest.raises(UrbangovError):
        WorkCalendar(weekend={0, 1, 2, 3, 4, 5, 6})
    with pytest.raises(ValueError, match="weekday numbers"):
        WorkCalendar(weekend={7})


def test_far_dates_grow_the_table_and_the_range_has_an_end() -> None:
    far = VN.add_working_days(D(2021, 1, 4), 50_000)
    assert far.year > 2200
    assert VN.add_working_days(far, -50_000) == D(2021, 1, 4)
    with pytest.raises(CalendarError, match="supported range"):
        VN.add_working_days(D(2021, 1, 4), 10_000_000)


def test_live_years_agree_with_the_holidays_package() -> None:
    """Years after the shipped snapshot come from `holidays` directly."""
    import holidays

    table = holidays.country_holidays("VN", years=2030)
    for day in table:
        assert not VN.is_working_day(day), day


days = st.dates(min_value=D(1995, 1, 1), max_value=D(2035, 12, 31))
steps = st.integers(min_value=-3000, max_value=3000)


@given(days, steps)
def test_adding_then_subtracting_returns_to_the_rolled_day(day: dt.date, n: int) -> None:
    assert VN.add_working_days(VN.add_working_days(day, n), -n) == VN.roll_forward(day)


@given(days, steps)
def test_count_between_inverts_adding(day: dt.date, n: int) -> None:
    start = VN.roll_forward(day)
    assert VN.working_days_between(start, VN.add_working_days(start, n)) == n


@given(days, st.integers(min_value=0, max_value=400))
def test_results_are_working_days_and_match_a_day_by_day_walk(day: dt.date, n: int) -> None:
    result = MON_FRI.add_working_days(day, n)
    assert MON_FRI.is_working_day(result)
    walk, left = day, n
    while walk.weekday() >= 5:
        walk += dt.timedelta(days=1)
    while left:
        walk += dt.timedelta(days=1)
        if walk.weekday() < 5:
            left -= 1
    assert result == walk


def test_the_day_after_the_table_grows_it() -> None:
    """A first look-up builds a few years; the day just past them must still work."""
    cal = WorkCalendar.mon_fri().adjusted(holidays=[D(2020, 6, 2)])
    assert cal.is_working_day(D(2020, 6, 1))
    for year in range(2020, 2040):
        assert cal.is_working_day(D(year, 1, 1)) == (D(year, 1, 1).weekday() < 5), year
        assert cal.is_working_day(D(year, 12, 31)) == (D(year, 12, 31).weekday() < 5), year


def test_announced_2026_new_year_swap_is_applied() -> None:
    """Letter 12729/VPCP-KGVX: Friday 2/1/2026 off, Saturday 10/1/2026 worked instead."""
    assert not VN.is_working_day(D(2026, 1, 2))
    assert VN.is_working_day(D(2026, 1, 10))
    assert VN.next_working_day(D(2026, 1, 1)) == D(2026, 1, 5)
    names = VN.public_holidays_in(2026, language="vi")
    assert "10/01/2026" in names[D(2026, 1, 2)]
    assert D(2026, 1, 10) not in names
    assert "swapped" in VN.public_holidays_in(2026)[D(2026, 1, 2)]


def test_announcements_yield_to_the_plans_own_adjustments() -> None:
    adjusted = VN.adjusted(working_days=[D(2026, 1, 2)], holidays=[D(2026, 1, 10)])
    assert adjusted.is_working_day(D(2026, 1, 2))
    assert not adjusted.is_working_day(D(2026, 1, 10))


@pytest.mark.parametrize("year", [1995, 2021, 2025, 2026, 2030, 2055])
def test_the_holiday_dates_are_the_named_holidays_days(year: int) -> None:
    """Without the names, and without importing `holidays` where the snapshot holds."""
    assert VN.public_holiday_dates(year) == frozenset(VN.public_holidays_in(year))
    swapped = VN.adjusted(working_days=[min(VN.public_holiday_dates(year))])
    assert swapped.public_holiday_dates(year) == frozenset(swapped.public_holidays_in(year))
    assert MON_FRI.public_holiday_dates(year) == frozenset()
