"""``[[meetings]]`` in plan files: one structure in TOML, JSON and YAML; located errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from urbangov.errors import PlanFileError
from urbangov.io import loads_plan
from urbangov.meetings import Cadence, OnHoliday

HEADER = '[plan]\nid = "p"\ntitle = "P"\nstart = 2021-04-07\n'
MEETING = '[[meetings]]\nid = "q"\norgan = "hcmc/people_committee"\ntitle = "Họp quý"\n'

TOML = (
    HEADER + '[[meetings]]\nid = "m"\norgan = "hcmc/people_committee"\ntitle = "Giao ban"\n'
    'cadence = "monthly"\nstart = 2021-05-25\nuntil = 2021-12-31\n'
    + MEETING
    + 'rrule = "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20"\nstart = 2021-06-01\ncount = 3\n'
    'on_holiday = "previous"\ntime = 14:30:00\nduration_minutes = 90\nplace = "Hội trường"\n'
)
DATA = {
    "plan": {"id": "p", "title": "P", "start": "2021-04-07"},
    "meetings": [
        {
            "id": "m",
            "organ": "hcmc/people_committee",
            "title": "Giao ban",
            "cadence": "monthly",
            "start": "2021-05-25",
            "until": "2021-12-31",
        },
        {
            "id": "q",
            "organ": "hcmc/people_committee",
            "title": "Họp quý",
            "rrule": "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20",
            "start": "2021-06-01",
            "count": 3,
            "on_holiday": "previous",
            "time": "14:30",
            "duration_minutes": 90,
            "place": "Hội trường",
        },
    ],
}
YAML = """
plan: {id: p, title: P, start: 2021-04-07}
meetings:
  - {id: m, organ: hcmc/people_committee, title: Giao ban, cadence: monthly,
     start: 2021-05-25, until: 2021-12-31}
  - id: q
    organ: hcmc/people_committee
    title: Họp quý
    rrule: FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20
    start: 2021-06-01
    count: 3
    on_holiday: previous
    time: "14:30"
    duration_minutes: 90
    place: Hội trường
"""


def test_one_structure_in_three_formats() -> None:
    plans = [
        loads_plan(TOML, "toml"),
        loads_plan(json.dumps(DATA, ensure_ascii=False), "json"),
        loads_plan(YAML, "yaml"),
    ]
    assert plans[0] == plans[1] == plans[2]
    monthly, quarterly = plans[0].meetings
    assert (monthly.cadence, monthly.until, monthly.time) == (
        Cadence.MONTHLY,
        dt.date(2021, 12, 31),
        dt.time(8),
    )
    assert quarterly.rule == "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20"
    assert (quarterly.count, quarterly.on_holiday, quarterly.time) == (
        3,
        OnHoliday.PREVIOUS,
        dt.time(14, 30),
    )
    assert (quarterly.duration, quarterly.place) == (dt.timedelta(minutes=90), "Hội trường")


def test_a_plan_without_meetings_has_none() -> None:
    assert loads_plan(HEADER, "toml").meetings == ()


def error(text: str, fmt: str = "toml") -> str:
    with pytest.raises(PlanFileError) as caught:
        loads_plan(text, fmt, source=f"plan.{fmt}")
    return str(caught.value)


START = "start = 2021-01-12\n"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            'rrule = "FREQ=HOURLY"\n' + START,
            "plan.toml: meetings[0] (id 'q').rrule: not a usable recurrence rule: "
            "FREQ must be one of DAILY WEEKLY MONTHLY YEARLY, not HOURLY",
        ),
        (
            'rrule = "FREQ=MONTHLY;BYDAY=1XX"\n' + START,
            "plan.toml: meetings[0] (id 'q').rrule: not a usable recurrence rule: "
            "invalid 'BYDAY': 1XX",
        ),
        (
            'rrule = "FREQ=MONTHLY;BYDAY=99MO"\n' + START,
            "plan.toml: meetings[0] (id 'q').rrule: not a usable recurrence rule: "
            "a value is out of range",
        ),
        (
            'rrule = "FREQ=MONTHLY;INTERVAL=0"\n' + START,
            "plan.toml: meetings[0] (id 'q').rrule: not a usable recurrence rule: "
            "INTERVAL must be a whole number of at least 1, not 0",
        ),
        (
            'rrule = "FREQ=MONTHLY;INTERVAL=-1"\n' + START,
            "plan.toml: meetings[0] (id 'q').rrule: not a usable recurrence rule: "
            "INTERVAL must be a whole number of at least 1, not -1",
        ),
        (
            'rrule = "FREQ=MONTHLY;BYDAY"\n' + START,
            "plan.toml: meetings[0] (id 'q').rrule: not a usable recurrence rule: "
            "each part of the rule is NAME=VALUE, not 'BYDAY'",
        ),
        (
            'rrule = "FREQ=MONTHLY;COUNT=3"\n' + START,
            "plan.toml: meetings[0] (id 'q').rrule: not a usable recurrence rule: "
            "COUNT is not allowed: give count in the programme, not COUNT in the rule",
        ),
        (
            'cadence = "weekly"\n' + START,
            "plan.toml: meetings[0] (id 'q').cadence: expected one of monthly quarterly, "
            "got 'weekly'",
        ),
        (
            START,
            "plan.toml: meetings[0] (id 'q'): give cadence (monthly, quarterly) or rrule, "
            "one of them (neither given)",
        ),
        (
            'cadence = "monthly"\nrrule = "FREQ=DAILY"\n' + START,
            "plan.toml: meetings[0] (id 'q'): give cadence (monthly, quarterly) or rrule, "
            "one of them (both given)",
        ),
        ('cadence = "monthly"\n', "plan.toml: meetings[0] (id 'q').start: required key missing"),
        (
            'cadence = "monthly"\n' + START + "until = 2020-12-31\n",
            "plan.toml: meetings[0] (id 'q').until: until 2020-12-31 is before start 2021-01-12",
        ),
        (
            'cadence = "monthly"\n' + START + "until = 2021-12-31\ncount = 3\n",
            "plan.toml: meetings[0] (id 'q').count: give until or count, not both",
        ),
        (
            'cadence = "monthly"\n' + START + "count = 2.5\n",
            "plan.toml: meetings[0] (id 'q').count: expected a whole number, got 2.5",
        ),
        (
            'cadence = "monthly"\n' + START + 'time = "8h"\n',
            "plan.toml: meetings[0] (id 'q').time: expected a time \"HH:MM\", got '8h'",
        ),
        (
            'cadence = "monthly"\n' + START + 'time = "24:00"\n',
            "plan.toml: meetings[0] (id 'q').time: no such time: '24:00'",
        ),
        (
            'cadence = "monthly"\n' + START + "duration_minutes = 0\n",
            "plan.toml: meetings[0] (id 'q').duration_minutes: expected 1 to 1440 minutes, got 0",
        ),
        (
            'cadence = "monthly"\n' + START + 'on_holiday = "skip"\n',
            "plan.toml: meetings[0] (id 'q').on_holiday: expected one of next previous keep, "
            "got 'skip'",
        ),
        (
            'cadence = "monthly"\n' + START + 'room = "A"\n',
            "plan.toml: meetings[0] (id 'q'): unknown key 'room'",
        ),
        (
            'cadence = "monthly"\n' + START + MEETING + 'cadence = "monthly"\n' + START,
            "plan.toml: meetings[1] (id 'q'): duplicate programme id",
        ),
    ],
)
def test_errors_name_the_file_the_meeting_and_the_key(lines: str, message: str) -> None:
    assert error(HEADER + MEETING + lines) == message


def test_an_unquoted_yaml_time_is_explained() -> None:
    text = (
        "plan: {id: p, title: P, start: 2021-04-07}\n"
        "meetings:\n  - {id: q, organ: o, title: Q, cadence: monthly, start: 2021-01-12,"
        " time: 10:30}\n"
    )
    assert error(text, "yaml") == (
        "plan.yaml: meetings[0] (id 'q').time: expected a time \"HH:MM\", got 630 "
        "(YAML reads an unquoted 10:30 as 630)"
    )
