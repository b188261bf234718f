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


def test_a_ranked_agenda_shows_each_chance_and_what_it_left_out() -> None:
    plan = attrs.evolve(
        PLAN,
        tasks=[Task(f"w{i}", f"Phường {i}", 2, deadline=dt.date(2021, 2, 26)) for i in range(4)],
    )
    found = agendas(schedule(plan), *FEBRUARY, chances={"w2": 0.125, "w0": 0.5}, most=2)
    text = render_markdown(plan, found, *FEBRUARY)
    assert "- **w2** Phường 2: hạn 2021-02-26; khả năng đúng hạn 12,5%\n" in text
    assert "- **w0** Phường 0: hạn 2021-02-26; khả năng đúng hạn 50,0%\n" in text
    assert "- … và 2 nhiệm vụ khác\n" in text
    english = render_markdown(plan, found, *FEBRUARY, lang="en")
    assert "on time 12.5%" in english
    assert "- … and 2 more\n" in english


def test_the_command_line_ranks_by_risk() -> None:
    import json
    import subprocess
    import sys

    from tests.examples import HCMC_PLAN

    window = ["--from", "2021-06-01", "--to", "2021-06-30"]
    ranking = ["--range", "0.9,1.6", "--iterations", "200", "--most", "3"]
    args = ["meetings", str(HCMC_PLAN), *window, *ranking, "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-m", "urbangov", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    meeting = json.loads(done.stdout)["meetings"][0]
    agenda = meeting["agenda"]
    due = [item for item in agenda["items"] if item["section"] == "due"]
    assert len(due) == 3
    chances = [item["on_time"] for item in due]
    assert chances == sorted(chances)
    assert agenda["omitted"]["due"] > 0
