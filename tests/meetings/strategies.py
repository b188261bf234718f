"""Programmes and ranges for property tests: Vietnam's calendar, 2020-2024."""

from __future__ import annotations

import datetime as dt

from hypothesis import reject
from hypothesis import strategies as st

from urbangov.errors import MeetingError
from urbangov.meetings import OnHoliday, Programme

RULES = [
    "monthly",
    "quarterly",
    "FREQ=WEEKLY;BYDAY=MO,TU,WE",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYMONTHDAY=29,30,31",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=DAILY",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=10,11,12",
    "FREQ=YEARLY;BYYEARDAY=1,100,200",
]

days = st.dates(min_value=dt.date(2020, 6, 1), max_value=dt.date(2023, 6, 30))


@st.composite
def programmes(draw: st.DrawFn) -> Programme:
    start = draw(days)
    ending = draw(st.sampled_from(["open", "until", "count"]))
    try:
        return _programme(draw, start, ending)
    except MeetingError:  # an until before the rule's first date: no series at all
        reject()


def _programme(draw: st.DrawFn, start: dt.date, ending: str) -> Programme:
    return Programme(
        "p",
        "hcmc/people_committee",
        "Họp",
        draw(st.sampled_from(RULES)),
        start,
        until=start + dt.timedelta(days=draw(st.integers(60, 900))) if ending == "until" else None,
        count=draw(st.integers(1, 40)) if ending == "count" else None,
        on_holiday=draw(st.sampled_from(list(OnHoliday))),
        time=dt.time(draw(st.integers(6, 20)), draw(st.sampled_from([0, 15, 30, 45]))),
        duration=dt.timedelta(minutes=draw(st.integers(15, 240))),
    )


@st.composite
def ranges(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    start = draw(days)
    return start, start + dt.timedelta(days=draw(st.integers(0, 400)))
