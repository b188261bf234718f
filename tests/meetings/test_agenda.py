"""Agendas: what each meeting reviews, from the schedule, plus items from elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest

from urbangov.meetings import (
    Agenda,
    AgendaItem,
    Occurrence,
    Programme,
    Section,
    agendas,
    build_agenda,
    occurrences,
    ranked_by_risk,
)
from urbangov.plan import Plan, Task
from urbangov.scheduling import Schedule, schedule

MONTHLY = Programme("thang", "hcmc/ubnd", "Giao ban tháng", "monthly", dt.date(2021, 4, 12))
QUARTERLY = Programme(
    "quy", "hcmc/ubnd", "Sơ kết quý", "quarterly", dt.date(2021, 6, 21), time=dt.time(14)
)


@pytest.fixture(scope="module")
def sched() -> Schedule:
    # From Monday 5 April 2021 (30 April - 3 May off): draft 10 days, review 5 (late for
    # its 20 April deadline), issue; guidance runs alongside with slack.
    return schedule(
        Plan(
            "p",
            "Kế hoạch",
            dt.date(2021, 4, 5),
            tasks=[
                Task("draft", "Soạn thảo", 10, lead="so-noi-vu"),
                Task("review", "Thẩm định", 5, depends=["draft"], deadline=dt.date(2021, 4, 20)),
                Task("issue", "Ban hành", 0, depends=["review"], deadline=dt.date(2021, 6, 30)),
                Task("guide", "Hướng dẫn", 3),
            ],
            meetings=[MONTHLY, QUARTERLY],
        )
    )


def first_meeting(sched: Schedule) -> tuple[Occurrence, dt.date]:
    april, may = occurrences(
        MONTHLY, sched.plan.calendar, dt.date(2021, 4, 1), dt.date(2021, 5, 31)
    )
    return april, may.date


def ids(agenda: Agenda, section: Section) -> list[str]:
    return [item.task_id for item in agenda.section(section)]


def test_sections_from_the_schedule(sched: Schedule) -> None:
    assert sched["review"].finish == dt.date(2021, 4, 26)
    april, may = first_meeting(sched)
    agenda = build_agenda(sched, april, may)
    assert agenda.until == dt.date(2021, 5, 12)
    assert ids(agenda, Section.DEADLINE_MISSED) == ["review"]
    # Due from 12 April to 11 May: draft finishes 16 April; review's deadline is 20 April.
    assert ids(agenda, Section.DUE) == ["draft", "review"]
    assert set(ids(agenda, Section.CRITICAL)) >= {"draft", "review"}
    assert [s for s, _ in agenda.sections] == [
        Section.DEADLINE_MISSED,
        Section.DUE,
        Section.CRITICAL,
    ]
    # guide finished on 7 April, before the meeting: nothing to review.
    assert "guide" not in {item.task_id for item in agenda.items}


def test_the_last_meeting_reviews_everything_left(sched: Schedule) -> None:
    april, _ = first_meeting(sched)
    agenda = build_agenda(sched, april, None)
    assert ids(agenda, Section.DUE) == ["draft", "review", "issue"]


def test_extra_items_join_their_sections_in_agenda_order(sched: Schedule) -> None:
    april, may = first_meeting(sched)
    extra = [
        AgendaItem("extension-requested", "issue", "Ban hành", note="xin gia hạn đến 15/7"),
        AgendaItem(Section.OVERDUE, "guide", "Hướng dẫn", deadline=dt.date(2021, 4, 9)),
        AgendaItem(Section.AT_RISK, "not-in-plan", "Elsewhere"),
    ]
    agenda = build_agenda(sched, april, may, extra=extra)
    assert [s.value for s, _ in agenda.sections] == [
        "overdue",
        "deadline-missed",
        "at-risk",
        "extension-requested",
        "due",
        "critical",
    ]
    assert agenda.section("extension-requested")[0].note == "xin gia hạn đến 15/7"
    with pytest.raises(TypeError, match="AgendaItem objects"):
        build_agenda(sched, april, may, extra=["guide"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="not a valid Section"):
        AgendaItem("late", "x", "X")


def test_agendas_of_every_programme_in_time_order(sched: Schedule) -> None:
    found = agendas(sched, dt.date(2021, 4, 1), dt.date(2021, 7, 31))
    assert [(a.occurrence.programme, a.occurrence.date.isoformat()) for a in found] == [
        ("thang", "2021-04-12"),
        ("thang", "2021-05-12"),
        ("thang", "2021-06-14"),  # Saturday 12 June moves to Monday
        ("quy", "2021-06-21"),
        ("thang", "2021-07-12"),
    ]
    # Each window runs to that programme's next meeting, even past the range.
    assert [a.until for a in found][-2:] == [dt.date(2021, 9, 21), dt.date(2021, 8, 12)]
    only = agendas(sched, dt.date(2021, 4, 1), dt.date(2021, 7, 31), programmes=[QUARTERLY])
    assert [a.occurrence.programme for a in only] == ["quy"]


def test_extra_items_per_meeting(sched: Schedule) -> None:
    seen: list[tuple[dt.date, dt.date | None]] = []

    def tracking(meeting: Occurrence, until: dt.date | None) -> list[AgendaItem]:
        seen.append((meeting.date, until))
        return [AgendaItem(Section.AT_RISK, "guide", "Hướng dẫn", note=f"as of {meeting.date}")]

    found = agendas(sched, dt.date(2021, 4, 1), dt.date(2021, 5, 31), extra=tracking)
    assert seen == [
        (dt.date(2021, 4, 12), dt.date(2021, 5, 12)),
        (dt.date(2021, 5, 12), dt.date(2021, 6, 14)),
    ]
    assert found[1].section(Section.AT_RISK)[0].note == "as of 2021-05-12"


def test_to_dict(sched: Schedule) -> None:
    april, may = first_meeting(sched)
    data = build_agenda(sched, april, may).to_dict()
    assert data["until"] == "2021-05-12"
    assert data["items"][0] == {
        "section": "deadline-missed",
        "task": "review",
        "title": "Thẩm định",
        "lead": None,
        "start": "2021-04-19",
        "finish": "2021-04-26",
        "deadline": "2021-04-20",
        "note": "",
        "on_time": None,
    }
    assert data["omitted"] == {}


def _many_due() -> tuple[Schedule, Occurrence, dt.date]:
    wards = [Task(f"w{i}", f"Phường {i}", 3, deadline=dt.date(2021, 4, 30)) for i in range(6)]
    sched = schedule(Plan("p", "Kế hoạch", dt.date(2021, 4, 5), tasks=wards, meetings=[MONTHLY]))
    april, may = occurrences(
        MONTHLY, sched.plan.calendar, dt.date(2021, 4, 1), dt.date(2021, 5, 31)
    )
    return sched, april, may.date


def test_ranked_by_risk_the_least_likely_first_and_cut_to_a_readable_length() -> None:
    sched, april, may = _many_due()
    agenda = build_agenda(sched, april, may)
    assert ids(agenda, Section.DUE) == [f"w{i}" for i in range(6)]
    chances = {"w3": 0.2, "w1": 0.9, "w5": 0.05, "w0": 0.5}
    ranked = ranked_by_risk(agenda, chances, most=3)
    assert ids(ranked, Section.DUE) == ["w5", "w3", "w0"]
    assert [item.on_time for item in ranked.section(Section.DUE)] == [0.05, 0.2, 0.5]
    assert ranked.omitted == {Section.DUE: 3}
    everything = ranked_by_risk(agenda, chances)
    # Without a chance (w2, w4) after the rest, in their agenda order.
    assert ids(everything, Section.DUE) == ["w5", "w3", "w0", "w1", "w2", "w4"]
    assert everything.omitted == {}
    with pytest.raises(ValueError, match="most must be at least 1"):
        ranked_by_risk(agenda, chances, most=0)


def test_agendas_rank_every_meeting_when_given_chances() -> None:
    sched, _, _ = _many_due()
    found = agendas(sched, dt.date(2021, 4, 1), dt.date(2021, 4, 30), chances={"w4": 0.1}, most=2)
    assert ids(found[0], Section.DUE) == ["w4", "w0"]
    assert found[0].to_dict()["omitted"] == {"due": 4}
