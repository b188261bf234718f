"""Occurrences: the rule's dates moved off non-working days, never onto a holiday."""

from __future__ import annotations

import datetime as dt

from hypothesis import given

from tests.meetings.strategies import programmes, ranges
from urbangov.calendar import WorkCalendar
from urbangov.meetings import OnHoliday, Programme, next_occurrence, occurrences

VN = WorkCalendar.vietnam()
YEAR_2021 = (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def dates(programme: Programme, start: dt.date, end: dt.date) -> list[str]:
    return [o.date.isoformat() for o in occurrences(programme, VN, start, end)]


def monthly(start: dt.date, rule: str = "monthly", **more: object) -> Programme:
    return Programme("m", "hcmc/ubnd", "Giao ban", rule, start, **more)  # type: ignore[arg-type]


def test_tet_moves_the_february_meeting_to_the_first_working_day_after_it() -> None:
    # Tết Tân Sửu: 10-16 February 2021 off; 12 February is the third day of Tết.
    found = occurrences(monthly(dt.date(2021, 1, 12)), VN, *YEAR_2021)
    february = next(o for o in found if o.nominal.month == 2)
    assert (february.nominal, february.date, february.moved) == (
        dt.date(2021, 2, 12),
        dt.date(2021, 2, 17),
        True,
    )
    assert february.start == dt.datetime(2021, 2, 17, 8, tzinfo=february.start.tzinfo)
    assert str(february.start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert february.end - february.start == dt.timedelta(hours=2)
    # The rest of 2021's 12ths that are not working days: Sat 12 June, Sun 12 Sept, Sun 12 Dec.
    assert [o.date.isoformat() for o in found if o.moved] == [
        "2021-02-17",
        "2021-06-14",
        "2021-09-13",
        "2021-12-13",
    ]


def test_previous_moves_back_before_tet_and_keep_stays() -> None:
    before = monthly(dt.date(2021, 1, 12), on_holiday=OnHoliday.PREVIOUS)
    assert dates(before, dt.date(2021, 2, 1), dt.date(2021, 2, 28)) == ["2021-02-09"]
    keep = monthly(dt.date(2021, 1, 12), on_holiday="keep")
    (tet,) = occurrences(keep, VN, dt.date(2021, 2, 1), dt.date(2021, 2, 28))
    assert (tet.date, tet.moved) == (dt.date(2021, 2, 12), False)


def test_monthly_on_the_31st_skips_months_without_one_as_rfc_5545_says() -> None:
    on_31st = monthly(dt.date(2021, 1, 31), on_holiday="keep")
    assert [o.nominal.month for o in occurrences(on_31st, VN, *YEAR_2021)] == [
        1,
        3,
        5,
        7,
        8,
        10,
        12,
    ]
    last_day = monthly(dt.date(2021, 1, 31), "FREQ=MONTHLY;BYMONTHDAY=-1", on_holiday="keep")
    nominal = [o.nominal for o in occurrences(last_day, VN, *YEAR_2021)]
    assert len(nominal) == 12
    assert nominal[1] == dt.date(2021, 2, 28)
    on_29th = monthly(dt.date(2021, 1, 29), on_holiday="keep")
    assert 2 not in [o.nominal.month for o in occurrences(on_29th, VN, *YEAR_2021)]
    assert dt.date(2024, 2, 29) in [
        o.nominal for o in occurrences(on_29th, VN, dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    ]


def test_meetings_moved_onto_one_day_are_held_once() -> None:
    weekly = monthly(dt.date(2021, 2, 1), "FREQ=WEEKLY;BYDAY=MO,TU,WE")
    found = occurrences(weekly, VN, dt.date(2021, 2, 8), dt.date(2021, 2, 22))
    assert [o.date.isoformat() for o in found] == [
        "2021-02-08",
        "2021-02-09",
        "2021-02-17",
        "2021-02-22",
    ]
    # Wednesday 17 February was itself a meeting day: it keeps its own, the others merge.
    tet = found[2]
    assert (tet.nominal, tet.moved) == (dt.date(2021, 2, 17), False)
    assert tet.merged == (dt.date(2021, 2, 10), dt.date(2021, 2, 15), dt.date(2021, 2, 16))


def test_a_meeting_moved_into_the_range_is_in_it_and_one_moved_out_is_not() -> None:
    # Nominal Sunday 2021-01-31 (monthly on the last day) moves to Monday 1 February.
    last_day = monthly(dt.date(2021, 1, 1), "FREQ=MONTHLY;BYMONTHDAY=-1")
    assert dates(last_day, dt.date(2021, 2, 1), dt.date(2021, 2, 5)) == ["2021-02-01"]
    assert dates(last_day, dt.date(2021, 1, 25), dt.date(2021, 1, 31)) == []


def test_until_and_count_end_the_series() -> None:
    ended = monthly(dt.date(2021, 1, 12), until=dt.date(2021, 3, 12))
    assert dates(ended, *YEAR_2021) == ["2021-01-12", "2021-02-17", "2021-03-12"]
    assert next_occurrence(ended, VN, dt.date(2021, 3, 13)) is None
    counted = monthly(dt.date(2021, 1, 12), count=2)
    assert dates(counted, *YEAR_2021) == ["2021-01-12", "2021-02-17"]


def test_next_occurrence_counts_today_and_sees_moves() -> None:
    p = monthly(dt.date(2021, 1, 12))
    assert next_occurrence(p, VN, dt.date(2021, 1, 12)).date == dt.date(2021, 1, 12)  # type: ignore[union-attr]
    found = next_occurrence(p, VN, dt.date(2021, 2, 13))
    assert found is not None
    assert (found.nominal, found.date) == (dt.date(2021, 2, 12), dt.date(2021, 2, 17))


def test_an_empty_or_reversed_range_has_no_meeting() -> None:
    assert (
        occurrences(monthly(dt.date(2021, 1, 12)), VN, dt.date(2021, 3, 1), dt.date(2021, 2, 1))
        == []
    )


def test_to_dict_is_iso() -> None:
    (o,) = occurrences(monthly(dt.date(2021, 1, 12)), VN, dt.date(2021, 2, 1), dt.date(2021, 2, 28))
    assert o.to_dict() == {
        "programme": "m",
        "nominal": "2021-02-12",
        "date": "2021-02-17",
        "moved": True,
        "start": "2021-02-17T08:00:00+07:00",
        "end": "2021-02-17T10:00:00+07:00",
        "merged": [],
    }


# -- properties ---------------------------------------------------------------------


@given(programmes(), ranges())
def test_meetings_are_on_working_days_in_order_and_near_their_date(
    programme: Programme, span: tuple[dt.date, dt.date]
) -> None:
    found = occurrences(programme, VN, *span)
    held = [o.date for o in found]
    assert held == sorted(set(held)), "strictly increasing"
    for o in found:
        assert span[0] <= o.date <= span[1]
        assert o.start.date() == o.date
        assert o.end - o.start == programme.duration
        if programme.on_holiday is OnHoliday.KEEP:
            assert not o.moved
            assert not o.merged
            continue
        assert VN.is_working_day(o.date)
        # Only non-working days lie between the rule's date and the meeting: it moved to
        # the nearest working day, across one run of days off (Tết is the longest, 9).
        for nominal in (o.nominal, *o.merged):
            low, high = sorted((nominal, o.date))
            assert (high - low).days <= 9
            between = VN.iter_working_days(low + dt.timedelta(days=1), high)
            assert list(between) == []
            if programme.on_holiday is OnHoliday.NEXT:
                assert nominal <= o.date
            else:
                assert nominal >= o.date


@given(programmes(), ranges())
def test_a_range_is_a_window_on_one_series(
    programme: Programme, span: tuple[dt.date, dt.date]
) -> None:
    wide = occurrences(
        programme, VN, span[0] - dt.timedelta(days=40), span[1] + dt.timedelta(days=40)
    )
    assert occurrences(programme, VN, *span) == [o for o in wide if span[0] <= o.date <= span[1]]
    after = [o for o in wide if o.date >= span[0]]
    if after:
        assert next_occurrence(programme, VN, span[0]) == after[0]
