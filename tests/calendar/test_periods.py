"""Decree 09/2019/NĐ-CP Art. 12 reporting periods: data run from the 15th to the 14th."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from urbangov.calendar import PeriodKind, ReportingPeriod, parse_period
from urbangov.errors import CalendarError

D = dt.date
GRID_KINDS = [PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR, PeriodKind.YEAR]


@pytest.mark.parametrize(
    ("period", "label", "start", "end"),
    [
        # The worked examples of the reference notes (§5.2).
        (ReportingPeriod.month(2021, 4), "2021-04", D(2021, 3, 15), D(2021, 4, 14)),
        (ReportingPeriod.quarter(2021, 1), "2021-Q1", D(2020, 12, 15), D(2021, 3, 14)),
        (ReportingPeriod.half_year(2021, 1), "2021-H1", D(2020, 12, 15), D(2021, 6, 14)),
        (ReportingPeriod.year(2021), "2021", D(2020, 12, 15), D(2021, 12, 14)),
        # H2: 15 Jun - 14 Dec; January's data start in the previous December.
        (ReportingPeriod.half_year(2021, 2), "2021-H2", D(2021, 6, 15), D(2021, 12, 14)),
        (ReportingPeriod.month(2021, 1), "2021-01", D(2020, 12, 15), D(2021, 1, 14)),
        (ReportingPeriod.month(2021, 3), "2021-03", D(2021, 2, 15), D(2021, 3, 14)),
        (ReportingPeriod.quarter(2021, 2), "2021-Q2", D(2021, 3, 15), D(2021, 6, 14)),
        (ReportingPeriod.quarter(2021, 4), "2021-Q4", D(2021, 9, 15), D(2021, 12, 14)),
    ],
)
def test_decree_09_windows(period: ReportingPeriod, label: str, start: D, end: D) -> None:
    assert (period.label, period.start, period.end) == (label, start, end)


def test_kinds_are_recorded() -> None:
    assert ReportingPeriod.month(2021, 4).kind is PeriodKind.MONTH
    assert ReportingPeriod.quarter(2021, 2).kind is PeriodKind.QUARTER
    assert ReportingPeriod.half_year(2021, 1).kind is PeriodKind.HALF_YEAR
    assert ReportingPeriod.year(2021).kind is PeriodKind.YEAR
    assert ReportingPeriod.custom(D(2021, 3, 1), D(2021, 3, 31)).kind is PeriodKind.CUSTOM


def test_both_ends_are_in_the_period() -> None:
    april = ReportingPeriod.month(2021, 4)
    assert D(2021, 3, 15) in april
    assert D(2021, 4, 14) in april
    assert D(2021, 3, 14) not in april
    assert D(2021, 4, 15) not in april
    assert "2021-04-01" not in april  # only dates are days of a period


@pytest.mark.parametrize(
    ("kind", "day", "label"),
    [
        # The 14th closes a month's data, the 15th opens the next month's.
        ("month", D(2021, 4, 14), "2021-04"),
        ("month", D(2021, 4, 15), "2021-05"),
        ("month", D(2021, 3, 15), "2021-04"),
        ("month", D(2021, 1, 31), "2021-02"),
        # Across the year end: 15-31 December belong to next year's January.
        ("month", D(2021, 12, 14), "2021-12"),
        ("month", D(2021, 12, 15), "2022-01"),
        ("month", D(2021, 12, 31), "2022-01"),
        ("month", D(2022, 1, 1), "2022-01"),
        ("quarter", D(2021, 3, 14), "2021-Q1"),
        ("quarter", D(2021, 3, 15), "2021-Q2"),
        ("quarter", D(2021, 6, 14), "2021-Q2"),
        ("quarter", D(2021, 6, 15), "2021-Q3"),
        ("quarter", D(2020, 12, 15), "2021-Q1"),
        ("quarter", D(2020, 12, 14), "2020-Q4"),
        ("half_year", D(2021, 6, 14), "2021-H1"),
        ("half_year", D(2021, 6, 15), "2021-H2"),
        ("half_year", D(2021, 12, 15), "2022-H1"),
        ("year", D(2021, 12, 14), "2021"),
        ("year", D(2021, 12, 15), "2022"),
        ("year", D(2021, 1, 1), "2021"),
        (PeriodKind.YEAR, D(2020, 12, 31), "2021"),
    ],
)
def test_containing_cuts_at_the_15th(kind: str, day: D, label: str) -> None:
    period = ReportingPeriod.containing(kind, day)
    assert period.label == label
    assert day in period


def test_containing_refuses_custom_and_unknown_kinds() -> None:
    with pytest.raises(CalendarError, match="custom period"):
        ReportingPeriod.containing("custom", D(2021, 4, 1))
    with pytest.raises(ValueError, match="fortnight"):
        ReportingPeriod.containing("fortnight", D(2021, 4, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-04", ReportingPeriod.month(2021, 4)),
        ("2021-12", ReportingPeriod.month(2021, 12)),
        ("2021-Q2", ReportingPeriod.quarter(2021, 2)),
        ("2021-q3", ReportingPeriod.quarter(2021, 3)),
        ("2021-H1", ReportingPeriod.half_year(2021, 1)),
        ("2021-h2", ReportingPeriod.half_year(2021, 2)),
        ("2021", ReportingPeriod.year(2021)),
        ("  2021-Q1 ", ReportingPeriod.quarter(2021, 1)),
        ("2021-03-01..2021-03-31", ReportingPeriod.custom(D(2021, 3, 1), D(2021, 3, 31))),
        ("2021-03-01 .. 2021-03-31", ReportingPeriod.custom(D(2021, 3, 1), D(2021, 3, 31))),
        ("2021-03-05..2021-03-05", ReportingPeriod.custom(D(2021, 3, 5), D(2021, 3, 5))),
    ],
)
def test_parse_period_forms(text: str, expected: ReportingPeriod) -> None:
    assert parse_period(text) == expected


def test_a_custom_period_is_labelled_by_its_ends() -> None:
    period = parse_period("2021-03-01..2021-03-31")
    assert period.label == "2021-03-01..2021-03-31"
    assert (period.start, period.end) == (D(2021, 3, 1), D(2021, 3, 31))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-13", "month must be between 1 and 12, not 13"),
        ("2021-00", "month must be between 1 and 12, not 0"),
        ("2021-Q5", "expected YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY or START..END"),
        ("2021-H3", "expected YYYY-MM"),
        ("21-04", "expected YYYY-MM"),
        ("2021-4", "expected YYYY-MM"),
        ("April 2021", "expected YYYY-MM"),
        ("", "expected YYYY-MM"),
        ("2021-02-30..2021-03-31", "period '2021-02-30..2021-03-31'"),
        ("2021-03-01..", "period '2021-03-01..'"),
        ("2021-04-14..2021-03-01", "ends 2021-03-01 before it starts 2021-04-14"),
        # Years a date cannot hold are a clear error, not a crash.
        ("0000", "outside the years"),
        ("0001-01", "outside the years"),
    ],
)
def test_parse_period_errors(text: str, message: str) -> None:
    with pytest.raises(CalendarError, match=re.escape(message)):
        parse_period(text)


def test_the_error_names_the_period_once() -> None:
    with pytest.raises(CalendarError) as info:
        parse_period("2021-04-14..2021-03-01")
    assert str(info.value).count("2021-04-14..2021-03-01") == 1


def test_constructors_check_their_numbers() -> None:
    with pytest.raises(CalendarError, match="quarter must be between 1 and 4, not 5"):
        ReportingPeriod.quarter(2021, 5)
    with pytest.raises(CalendarError, match="half must be between 1 and 2, not 0"):
        ReportingPeriod.half_year(2021, 0)
    with pytest.raises(CalendarError, match="month must be between 1 and 12, not 13"):
        ReportingPeriod.month(2021, 13)
    with pytest.raises(CalendarError, match="before it starts"):
        ReportingPeriod.custom(D(2021, 3, 2), D(2021, 3, 1))


DAYS = st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31))


@given(kind=st.sampled_from(GRID_KINDS), day=DAYS)
def test_containing_contains_the_day(kind: PeriodKind, day: D) -> None:
    period = ReportingPeriod.containing(kind, day)
    assert period.kind is kind
    assert period.start <= day <= period.end
    assert day in period
    # Every period of the grid ends on a 14th and starts on a 15th.
    assert (period.start.day, period.end.day) == (15, 14)
    # The period is what its label parses to.
    assert parse_period(period.label) == period


@given(kind=st.sampled_from(GRID_KINDS), day=DAYS)
def test_consecutive_periods_tile_the_time_line(kind: PeriodKind, day: D) -> None:
    period = ReportingPeriod.containing(kind, day)
    after = ReportingPeriod.containing(kind, period.end + dt.timedelta(days=1))
    before = ReportingPeriod.containing(kind, period.start - dt.timedelta(days=1))
    assert after.start == period.end + dt.timedelta(days=1)
    assert before.end == period.start - dt.timedelta(days=1)
    assert after != period != before
    # Every day between the ends falls in the same period.
    assert ReportingPeriod.containing(kind, period.start) == period
    assert ReportingPeriod.containing(kind, period.end) == period
