"""Meetings as Markdown, in the plan's language."""

from __future__ import annotations

import datetime as dt

import attrs

from urbangov.meetings import AgendaItem, Programme, Section, agendas, render_markdown
from urbangov.meetings._markdown import md
from urbangov.plan import Language, Plan, Task
from urbangov.scheduling import schedule

MONTHLY = Programme(
    "thang",
    "hcmc/people_committee",
    "Giao ban *tháng*",
    "monthly",
    dt.date(2021, 1, 12),
    place="Trụ sở UBND Thành phố",
)
PLAN = Plan(
    "p",
    "Kế hoạch",
    dt.date(2021, 2, 1),
    tasks=[Task("t1", "Soạn thảo [dự thảo]", 8, lead="so-noi-vu", deadline=dt.date(2021, 2, 5))],
    meetings=[MONTHLY],
)
FEBRUARY = (dt.date(2021, 2, 1), dt.date(2021, 2, 28))


def test_vietnamese_by_default() -> None:
    sched = schedule(PLAN)
    text = render_markdown(PLAN, agendas(sched, *FEBRUARY), *FEBRUARY)
    assert text.startswith(
        "# Chương trình họp: Kế hoạch\n\n## 2021-02-17 (Thứ Tư) 08:00\N{EN DASH}10:00: "
    )
    assert "Giao ban \\*tháng\\*" in text
    assert "- Cơ quan họp: hcmc/people_committee\n" in text
    assert "- Địa điểm: Trụ sở UBND Thành phố\n" in text
    assert "- Dời từ ngày 2021-02-12 (ngày nghỉ)\n" in text
    assert "- Xem xét công việc đến trước phiên họp ngày 2021-03-12\n" in text
    assert (
        "### Dự kiến trễ hạn\n\n- **t1** Soạn thảo \\[dự thảo\\] (so-noi-vu): hạn 2021-02-05; "
        "dự kiến hoàn thành 2021-02-17\n" in text
    )


def test_english_when_asked_or_when_the_plan_says_so() -> None:
    sched = schedule(PLAN)
    text = render_markdown(PLAN, agendas(sched, *FEBRUARY), *FEBRUARY, lang="en")
    assert "## 2021-02-17 (Wednesday) 08:00\N{EN DASH}10:00" in text
    assert "- Moved from 2021-02-12 (a non-working day)\n" in text
    assert "### Deadline missed by the schedule\n" in text
    english = attrs.evolve(PLAN, lang=Language.EN)
    assert (
        render_markdown(english, [], *FEBRUARY)
        == "# Meetings: Kế hoạch\n\nNo meeting from 2021-02-01 to 2021-02-28.\n"
    )


def test_an_agenda_without_items_says_so_and_notes_show() -> None:
    plan = attrs.evolve(PLAN, tasks=[])
    sched = schedule(plan)
    note = [AgendaItem(Section.EXTENSION_REQUESTED, "t9", "Việc khác", note="đến 15/3")]
    found = agendas(sched, *FEBRUARY)
    text = render_markdown(plan, found, *FEBRUARY)
    assert "Không có công việc cần xem xét.\n" in text
    extended = agendas(sched, *FEBRUARY, extra=lambda *_: note)
    assert "### Đề nghị gia hạn\n\n- **t9** Việc khác: đến 15/3\n" in render_markdown(
        plan, extended, *FEBRUARY
    )


def test_markdown_escaping_keeps_words_readable() -> None:
    assert md("people_committee") == "people_committee"
    assert md("_x_ *y* [z](u) <b> a|b #1 `c`") == (
        "\\_x\\_ \\*y\\* \\[z\\](u) \\<b\\> a\\|b \\#1 \\`c\\`"
    )
    assert md("two\nlines") == "two lines"


def test_programmes_outside_the_plan() -> None:
    plan = attrs.evolve(PLAN, meetings=[])
    found = agendas(schedule(plan), *FEBRUARY, programmes=[MONTHLY])
    text = render_markdown(plan, found, *FEBRUARY, programmes=[MONTHLY])
    assert "## 2021-02-17 (Thứ Tư)" in text
