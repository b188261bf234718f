"""Programmes as iCalendar, read back by icalendar and expanded, independently, by vobject."""

from __future__ import annotations

import datetime as dt

import icalendar
import vobject
from hypothesis import given, settings

from tests.meetings.strategies import programmes, ranges
from urbangov.meetings import Programme, occurrences, programme_uid, render_ics
from urbangov.plan import Plan

MONTHLY = Programme(
    "thang",
    "hcmc/people_committee",
    "Giao ban tháng",
    "monthly",
    dt.date(2021, 1, 12),
    until=dt.date(2021, 12, 31),
    time=dt.time(14, 30),
    place="Trụ sở UBND Thành phố",
)
WEEKLY = Programme(
    "tuan", "hcmc/ubnd", "Giao ban tuần", "FREQ=WEEKLY;BYDAY=MO,TU,WE", dt.date(2021, 1, 4)
)
PLAN = Plan("p", "Kế hoạch", dt.date(2021, 1, 4), meetings=[MONTHLY, WEEKLY])
YEAR = (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def oracle(data: bytes, uid: str, start: dt.date, end: dt.date) -> set[dt.datetime]:
    """The meetings vobject sees from ``start`` to ``end``: its expansion of the series,
    minus EXDATEs, with each RECURRENCE-ID replaced by its exception's DTSTART."""
    calendar = vobject.readOne(data.decode("utf-8"))
    events = [e for e in calendar.vevent_list if e.uid.value == uid]
    (master,) = [e for e in events if not hasattr(e, "recurrence_id")]
    moved = {e.recurrence_id.value: e.dtstart.value for e in events if e is not master}
    tz = master.dtstart.value.tzinfo
    lo = dt.datetime.combine(start - dt.timedelta(days=60), dt.time(), tzinfo=tz)
    hi = dt.datetime.combine(end + dt.timedelta(days=60), dt.time(), tzinfo=tz)
    nominal = master.getrruleset(addRDate=True).between(lo, hi, inc=True)
    held = (moved.get(day, day) for day in nominal)
    return {d.astimezone(dt.UTC) for d in held if start <= d.date() <= end}


def ours(programme: Programme, plan: Plan, start: dt.date, end: dt.date) -> set[dt.datetime]:
    found = occurrences(programme, plan.calendar, start, end)
    return {o.start.astimezone(dt.UTC) for o in found}


def test_one_series_per_programme_with_moved_meetings_as_exceptions() -> None:
    data = render_ics(PLAN, *YEAR)
    calendar = icalendar.Calendar.from_ical(data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    events = calendar.walk("VEVENT")
    uid = programme_uid(PLAN, "thang")
    assert uid == "meeting-thang@p.urbangov"
    series = [e for e in events if e["UID"] == uid]
    master = series[0]
    assert "RECURRENCE-ID" not in master
    assert master["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20211231T073000Z"
    assert master.decoded("DTSTART") == dt.datetime(
        2021, 1, 12, 14, 30, tzinfo=master.decoded("DTSTART").tzinfo
    )
    assert master["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert master.decoded("DTEND") - master.decoded("DTSTART") == dt.timedelta(hours=2)
    assert str(master["LOCATION"]) == "Trụ sở UBND Thành phố"
    moved = {e.decoded("RECURRENCE-ID").date(): e.decoded("DTSTART").date() for e in series[1:]}
    assert moved == {
        dt.date(2021, 2, 12): dt.date(2021, 2, 17),
        dt.date(2021, 6, 12): dt.date(2021, 6, 14),
        dt.date(2021, 9, 12): dt.date(2021, 9, 13),
        dt.date(2021, 12, 12): dt.date(2021, 12, 13),
    }
    assert "Dời từ ngày 2021-02-12" in str(series[1]["DESCRIPTION"])


def test_meetings_merged_by_a_move_are_exdates() -> None:
    data = render_ics(PLAN, dt.date(2021, 2, 1), dt.date(2021, 2, 28))
    calendar = icalendar.Calendar.from_ical(data)
    (master,) = [
        e
        for e in calendar.walk("VEVENT")
        if e["UID"] == programme_uid(PLAN, "tuan") and "RECURRENCE-ID" not in e
    ]
    assert isinstance(master, icalendar.Event)
    days = sorted(d.date() for d in master.exdates if isinstance(d, dt.datetime))
    assert days == [dt.date(2021, 2, 10), dt.date(2021, 2, 15), dt.date(2021, 2, 16)]


def test_the_same_bytes_every_time_and_vobject_agrees() -> None:
    assert render_ics(PLAN, *YEAR) == render_ics(PLAN, *YEAR)
    data = render_ics(PLAN, *YEAR, lang="en")
    assert b"Moved from 2021-02-12" in data
    for programme in PLAN.meetings:
        uid = programme_uid(PLAN, programme.id)
        assert oracle(data, uid, *YEAR) == ours(programme, PLAN, *YEAR)


def test_no_programmes_no_events() -> None:
    calendar = icalendar.Calendar.from_ical(render_ics(Plan("e", "E", dt.date(2021, 1, 4)), *YEAR))
    assert calendar.walk("VEVENT") == []


@settings(max_examples=60)
@given(programmes(), ranges())
def test_vobject_expands_the_file_to_our_meetings(
    programme: Programme, span: tuple[dt.date, dt.date]
) -> None:
    plan = Plan("p", "P", dt.date(2021, 1, 4), meetings=[programme])
    data = render_ics(plan, *span)
    assert oracle(data, programme_uid(plan, "p"), *span) == ours(programme, plan, *span)
