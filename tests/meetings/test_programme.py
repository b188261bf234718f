"""Programmes are checked when built: the rule, the dates, the time and the duration."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from urbangov.errors import MeetingError, UrbangovError
from urbangov.meetings import Cadence, OnHoliday, Programme
from urbangov.plan import Plan


def programme(**changes: Any) -> Programme:
    fields: dict[str, Any] = {
        "id": "q",
        "organ": "hcmc/people_committee",
        "title": "Họp",
        "cadence": "monthly",
        "start": dt.date(2021, 1, 12),
    }
    return Programme(**{**fields, **changes})


def test_shorthands_stand_for_rfc_5545_rules() -> None:
    assert programme().cadence is Cadence.MONTHLY
    assert programme().rule == "FREQ=MONTHLY"
    assert programme(cadence="Quarterly").rule == "FREQ=MONTHLY;INTERVAL=3"
    assert programme(cadence="rrule:freq=weekly;byday=mo").rule == "FREQ=WEEKLY;BYDAY=MO"


def test_defaults_and_normal_form() -> None:
    p = programme(title="Ho\u0323p")  # decomposed "ọ"
    assert p.title == "Họp"
    assert p.on_holiday is OnHoliday.NEXT
    assert (p.time, p.duration, p.place) == (dt.time(8), dt.timedelta(hours=2), None)


def test_first_is_the_first_date_of_the_rule_not_start() -> None:
    assert programme(cadence="FREQ=MONTHLY;BYDAY=-1FR").first == dt.date(2021, 1, 29)
    assert programme().first == dt.date(2021, 1, 12)


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"cadence": "weekly"}, "cadence", "expected monthly, quarterly or an RRULE value"),
        ({"cadence": ""}, "cadence", "expected monthly, quarterly or an RRULE value"),
        ({"cadence": "FREQ=HOURLY"}, "cadence", "FREQ must be one of DAILY"),
        ({"cadence": "FREQ=MONTHLY;COUNT=3"}, "cadence", "COUNT is not allowed"),
        ({"cadence": "FREQ=MONTHLY;UNTIL=20211231"}, "cadence", "UNTIL is not allowed"),
        ({"cadence": "FREQ=DAILY;BYHOUR=9"}, "cadence", "BYHOUR is not allowed"),
        ({"cadence": "FREQ=MONTHLY;BYDAY=XX"}, "cadence", "not a usable recurrence rule"),
        ({"cadence": "DTSTART:20210101\nRRULE:FREQ=DAILY"}, "cadence", "one RRULE value"),
        ({"cadence": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, "cadence", "gives no meeting"),
        ({"until": dt.date(2020, 1, 1)}, "until", "is before start"),
        ({"count": 0}, "count", "expected a whole number ≥ 1"),
        ({"count": 2, "until": dt.date(2022, 1, 1)}, "count", "not both"),
        ({"time": dt.time(8, tzinfo=dt.UTC)}, "time", "expected a local time"),
        ({"duration": dt.timedelta(0)}, "duration", "expected more than 0"),
        ({"start": dt.datetime(2021, 1, 12, 8)}, "start", "expected a calendar date"),
        ({"organ": " "}, "organ", "needs the organ"),
        ({"on_holiday": "later"}, None, ""),
    ],
)
def test_bad_programmes_say_which_field(
    changes: dict[str, Any], field: str | None, reason: str
) -> None:
    with pytest.raises(ValueError) as caught:  # noqa: PT011 (the test inspects it)
        programme(**changes)
    if field is None:  # the enum converter's own ValueError
        return
    error = caught.value
    assert isinstance(error, MeetingError)
    assert isinstance(error, UrbangovError)
    assert error.field == field
    assert reason in error.reason
    assert str(error).startswith(f"programme 'q': {field}: " if error.programme_id else "cadence")


def test_until_is_inclusive_and_count_counts() -> None:
    rule = programme(until=dt.date(2021, 3, 12)).rrule()
    assert [d.date() for d in rule] == [dt.date(2021, m, 12) for m in (1, 2, 3)]
    assert len(list(programme(count=4).rrule())) == 4


def test_a_plan_carries_programmes_with_distinct_ids() -> None:
    plan = Plan("p", "P", dt.date(2021, 1, 4), meetings=[programme()])
    assert plan.meetings == (programme(),)
    with pytest.raises(MeetingError, match="programme 'q': duplicate programme id"):
        Plan("p", "P", dt.date(2021, 1, 4), meetings=[programme(), programme(title="B")])
    with pytest.raises(MeetingError, match="expected Programme objects"):
        Plan("p", "P", dt.date(2021, 1, 4), meetings=["q"])  # type: ignore[list-item]
