"""Agendas with tracking: overdue, at-risk and extension-requested tasks as of each meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from urbangov.meetings import (
    Agenda,
    Programme,
    Section,
    agendas,
    render_markdown,
    status_items,
    tracking_items,
)
from urbangov.plan import Plan, Task
from urbangov.scheduling import schedule
from urbangov.tracking import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    TrackingLog,
    status_report,
)

# Every Monday from 12 April 2021 (Mon-Fri calendar).
WEEKLY = Programme("tuan", "hcmc/people_committee", "Giao ban tuần", "FREQ=WEEKLY;BYDAY=MO",
                   dt.date(2021, 4, 12))  # fmt: skip
PLAN = Plan(
    "p",
    "Kế hoạch",
    dt.date(2021, 4, 5),
    calendar="mon-fri",
    meetings=[WEEKLY],
    tasks=[
        Task("draft", "Soạn thảo", 5, deadline=dt.date(2021, 4, 9), lead="hcmc/so-noi-vu"),
        Task("review", "Thẩm định", 10, depends=["draft"], deadline=dt.date(2021, 4, 23),
             lead="hcmc/so-tu-phap"),
    ],
)  # fmt: skip
LOG = TrackingLog(
    [
        # draft is late: still at 80 % on Monday 12 April, done on Wednesday 14 April.
        ProgressUpdate("draft", dt.date(2021, 4, 12), actual_start=dt.date(2021, 4, 5),
                       percent_complete=80),
        ProgressUpdate("draft", dt.date(2021, 4, 14), actual_finish=dt.date(2021, 4, 14)),
        ProgressUpdate("review", dt.date(2021, 4, 19), actual_start=dt.date(2021, 4, 15),
                       percent_complete=20),
    ],
    requests=[ExtensionRequest("x1", "review", dt.date(2021, 4, 16), dt.date(2021, 4, 30),
                               reason="Chờ ý kiến Sở Tư pháp")],
    decisions=[ExtensionDecision("x1", dt.date(2021, 4, 20), approved=True)],
)  # fmt: skip


@pytest.fixture(scope="module")
def held() -> list[Agenda]:
    return agendas(
        schedule(PLAN), dt.date(2021, 4, 12), dt.date(2021, 4, 26), extra=tracking_items(PLAN, LOG)
    )


def ids(agenda: Agenda, section: Section) -> list[str]:
    return [item.task_id for item in agenda.section(section)]


def test_each_meeting_sees_the_records_up_to_its_day(held: list[Agenda]) -> None:
    assert [a.occurrence.date.isoformat() for a in held] == [
        "2021-04-12",
        "2021-04-19",
        "2021-04-26",
    ]
    first, second, third = held
    # 12 April: draft is overdue (deadline 9 April), review at risk because of it.
    assert ids(first, Section.OVERDUE) == ["draft"]
    assert ids(first, Section.AT_RISK) == ["review"]
    assert ids(first, Section.EXTENSION_REQUESTED) == []
    # 19 April: draft was done (late); review's request is pending.
    assert ids(second, Section.OVERDUE) == []
    assert ids(second, Section.EXTENSION_REQUESTED) == ["review"]
    # 26 April: the extension was approved on the 20th; nothing pending.
    assert ids(third, Section.EXTENSION_REQUESTED) == []


def test_the_items_carry_the_status(held: list[Agenda]) -> None:
    overdue = held[0].section(Section.OVERDUE)[0]
    report = status_report(PLAN, LOG, dt.date(2021, 4, 12))
    assert overdue.deadline == dt.date(2021, 4, 9)
    assert overdue.finish == report["draft"].forecast_finish
    assert overdue.note == "quá hạn 1 ngày làm việc; đã thực hiện 80%"
    asked = held[1].section(Section.EXTENSION_REQUESTED)[0]
    assert asked.note == "xin gia hạn đến 2021-04-30 (Chờ ý kiến Sở Tư pháp)"
    assert asked.deadline == dt.date(2021, 4, 23)


def test_notes_in_english() -> None:
    report = status_report(PLAN, LOG, dt.date(2021, 4, 19))
    items = list(status_items(report, LOG, lang="en"))
    assert [(i.section.value, i.note) for i in items] == [
        ("at-risk", "20% done"),
        ("extension-requested", "asks for a deadline of 2021-04-30 (Chờ ý kiến Sở Tư pháp)"),
    ]
    # Without the log, the request is still on the agenda, without the date asked for.
    assert [i.note for i in status_items(report)][-1] == ""


def test_the_markdown_shows_the_tracking_sections(held: list[Agenda]) -> None:
    text = render_markdown(PLAN, held, dt.date(2021, 4, 12), dt.date(2021, 4, 26), lang="en")
    first = text.split("\n## ")[1]
    assert first.index("### Overdue") < first.index("### At risk")
    assert "- **draft** Soạn thảo (hcmc/so-noi-vu): deadline 2021-04-09;" in first


def test_one_status_per_meeting_day(monkeypatch: pytest.MonkeyPatch) -> None:
    import urbangov.tracking

    calls: list[dt.date] = []
    real = urbangov.tracking.status_report

    def counting(plan: Plan, log: TrackingLog, as_of: dt.date, **kw: object) -> object:
        calls.append(as_of)
        return real(plan, log, as_of, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(urbangov.tracking, "status_report", counting)
    twice = Programme("hai", "hcmc/so-noi-vu", "Giao ban Sở", "FREQ=WEEKLY;BYDAY=MO",
                      dt.date(2021, 4, 12))  # fmt: skip
    extra = tracking_items(PLAN, LOG)
    found = agendas(schedule(PLAN), dt.date(2021, 4, 12), dt.date(2021, 4, 12),
                    programmes=[WEEKLY, twice], extra=extra)  # fmt: skip
    assert len(found) == 2
    assert calls == [dt.date(2021, 4, 12)]
