"""The Mermaid gantt reporter: explicit dates, tags, sections and text Mermaid can parse.

The output was checked with Mermaid's own parser (mermaid 11.17.2, task dates read back
from its database); these tests pin the structure without needing node.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import attrs
import pytest

import urbangov.builtins.mermaid as mermaid_plugin
from tests.examples import HCMC_PLAN
from urbangov.builtins.mermaid import mermaid_id, mermaid_text, render_mermaid
from urbangov.io import load_plan
from urbangov.plan import Plan, Task
from urbangov.plugins import Plugins
from urbangov.reporting import ReportOptions
from urbangov.scheduling import Schedule, schedule

ROOT = Path(__file__).resolve().parents[2]
HCMC = HCMC_PLAN
ONE_DAY = dt.timedelta(days=1)
TAGS = {"active", "crit", "done", "milestone"}
ZWSP = "\N{ZERO WIDTH SPACE}"


def fw(text: str) -> str:
    """``text`` with the characters Mermaid would read as syntax in full width."""
    return text.translate(
        {ord(c): ord(c) - 0x21 + 0xFF01 for c in ":;#%"}  # ASCII ! .. ~ → U+FF01 .. U+FF5E
    )


@attrs.frozen
class Line:
    section: str | None
    text: str
    tags: tuple[str, ...]
    id: str
    start: str
    end: str


def parse(text: str) -> tuple[list[str], list[Line]]:
    """The header lines and the task lines of a chart, the way Mermaid splits them."""
    header: list[str] = []
    lines: list[Line] = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("section "):
            section = line.removeprefix("section ")
        elif " :" in line and section is not None:
            title, data = line.rsplit(" :", 1)
            items = data.split(", ")
            tags = tuple(item for item in items[:-3] if item in TAGS)
            assert len(tags) == len(items) - 3, line
            lines.append(Line(section, title, tags, *items[-3:]))
        elif line:
            header.append(line)
    return header, lines


@pytest.fixture(scope="module")
def hcmc() -> Schedule:
    return schedule(load_plan(HCMC))


def _plan(*tasks: Task, title: str = "Plan", start: dt.date = dt.date(2021, 4, 5)) -> Schedule:
    return schedule(Plan("p", title, start, tasks=tasks))


def test_every_hcmc_task_appears_once_with_its_dates_and_tags(hcmc: Schedule) -> None:
    text = render_mermaid(hcmc, ReportOptions())
    header, lines = parse(text)
    assert text.startswith("gantt\n")
    assert header == ["gantt", f"title {hcmc.plan.title}", "dateFormat YYYY-MM-DD"]
    assert "excludes" not in text  # explicit dates carry the Vietnamese calendar
    by_id = {line.id: line for line in lines}
    assert len(by_id) == len(lines) == len(hcmc)
    for row, task in zip(hcmc, hcmc.plan.tasks, strict=True):
        line = by_id[mermaid_id(task.id)]
        assert line.text == mermaid_text(task.title)
        assert line.start == row.start.isoformat()
        if row.milestone:
            assert line.end == "0d"
            assert line.tags[0] == "milestone"
        else:
            assert line.end == (row.finish + ONE_DAY).isoformat()  # exclusive end
            assert "milestone" not in line.tags
        assert ("crit" in line.tags) == row.critical
        assert not {"done", "active"} & set(line.tags)  # no status date, no status
    assert {line.id for line in lines if "crit" in line.tags} == {
        mermaid_id(task_id) for task_id in hcmc.critical_path
    }


def test_vietnamese_titles_keep_their_diacritics_and_lose_only_syntax(hcmc: Schedule) -> None:
    text = render_mermaid(hcmc, ReportOptions())
    assert unicodedata.is_normalized("NFC", text)
    _, lines = parse(text)
    titles = {line.id: line.text for line in lines}
    assert titles["m12_van_hanh"] == "Mô hình chính quyền đô thị chính thức vận hành"
    # The one HCMC title with a colon: the full-width colon keeps it readable.
    assert titles["t10_xay_dung_doi_ngu"].startswith(
        fw("Xây dựng đội ngũ cán bộ, công chức chính quyền đô thị chuyên nghiệp, hiện đại: rà soát")
    )
    assert not any(re.search(r"[:#;%]", line.text) for line in lines)


def test_a_milestone_line_and_a_task_line_read_as_mermaid_expects() -> None:
    sched = _plan(Task("a", "Draft", 3), Task("m", "Adopted", 0, depends=["a"]))
    lines = render_mermaid(sched, ReportOptions(lang="en")).splitlines()
    # Monday 5 to Wednesday 7 April: the bar ends at the start of Thursday 8.
    assert "    Draft :crit, a, 2021-04-05, 2021-04-08" in lines
    assert "    Adopted :milestone, crit, m, 2021-04-07, 0d" in lines


def test_a_task_across_tet_gets_its_calendar_span() -> None:
    # 5 working days from Monday 8 February 2021: Tết closes the 10th to the 16th.
    sched = _plan(Task("tet", "Chuẩn bị Tết", 5), start=dt.date(2021, 2, 8))
    _, [line] = parse(render_mermaid(sched, ReportOptions()))
    assert (line.start, line.end) == ("2021-02-08", "2021-02-20")


def test_syntax_characters_become_their_full_width_twins() -> None:
    assert mermaid_text("a:b;c#d%e") == "a\uff1ab\uff1bc\uff03d\uff05e"
    assert fw(":;#%") == "\uff1a\uff1b\uff03\uff05"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Deploy: staging", fw("Deploy: staging")),
        ("Issue #12; fix", fw("Issue #12; fix")),
        ("#58; entity", fw("#58; entity")),
        ("50% done", fw("50% done")),
        ("%% not a comment", fw("%% not a comment")),
        ("two\nlines\r\n  and\ttabs", "two lines and tabs"),
        ("Gantt chart", ZWSP + "Gantt chart"),
        ("Section 5 review", ZWSP + "Section 5 review"),
        ("title deeds", ZWSP + "title deeds"),
        ("2021-05-23 polling", ZWSP + "2021-05-23 polling"),
        ("Click here", ZWSP + "Click here"),
        ("Gantt-like", ZWSP + "Gantt-like"),
        ("Ganttđ", ZWSP + "Ganttđ"),  # Mermaid's \b is ASCII: đ ends the keyword
        ("Gantts", "Gantts"),
        ("Sơ đồ Gantt", "Sơ đồ Gantt"),
        (unicodedata.normalize("NFD", "Thủ Đức"), "Thủ Đức"),
    ],
)
def test_task_text_is_rewritten_until_mermaid_cannot_misread_it(title: str, expected: str) -> None:
    assert mermaid_text(title, task=True) == expected


def test_titles_sections_and_plan_title_are_escaped_in_the_chart() -> None:
    sched = _plan(
        Task("a", "Phase 1: scope; #1 (50%)", 2, lead="Sở: A; #1"),
        Task("b", "", 1, lead="Sở: A; #1"),
        title="Plan: 2021; #1",
    )
    text = render_mermaid(sched, ReportOptions(group_by="lead"))
    header, lines = parse(text)
    assert header[1] == fw("title Plan: 2021; #1")
    assert [line.text for line in lines] == [fw("Phase 1: scope; #1 (50%)"), "b"]  # b: no title
    assert {line.section for line in lines} == {fw("Sở: A; #1")}


def test_ids_become_mermaid_ids_and_stay_unique() -> None:
    assert mermaid_id("t01-bản-đồ") == "t01_ban_do"
    assert mermaid_id("done") == "task_done"
    assert mermaid_id("中文") == "task_"
    sched = _plan(Task("a-b", "One", 1), Task("a_b", "Two", 1), Task("crit", "Three", 1))
    _, lines = parse(render_mermaid(sched, ReportOptions()))
    assert [line.id for line in lines] == ["a_b", "a_b_2", "task_crit"]


def test_group_by_lead_makes_sections_in_plan_order_with_no_lead_last(hcmc: Schedule) -> None:
    for lang, no_lead in (("vi", "(chưa có cơ quan chủ trì)"), ("en", "(no lead)")):
        _, lines = parse(render_mermaid(hcmc, ReportOptions(group_by="lead", lang=lang)))
        sections = list(dict.fromkeys(line.section for line in lines))
        leads = list(dict.fromkeys(task.lead for task in hcmc.plan.tasks if task.lead))
        assert sections == [*leads, no_lead]
        assert len(lines) == len(hcmc)
        for line in lines:
            task = next(t for t in hcmc.plan.tasks if mermaid_id(t.id) == line.id)
            assert line.section == (task.lead or no_lead)


@pytest.mark.parametrize(("lang", "label"), [("vi", "Công việc"), ("en", "Tasks")])
def test_without_grouping_there_is_one_section(hcmc: Schedule, lang: str, label: str) -> None:
    for group_by in (None, "unit"):
        text = render_mermaid(hcmc, ReportOptions(lang=lang, group_by=group_by))
        assert text.count("\n    section ") == 1
        assert {line.section for line in parse(text)[1]} == {label}


def test_as_of_marks_tasks_done_and_active(hcmc: Schedule) -> None:
    as_of = dt.date(2021, 5, 21)
    _, lines = parse(render_mermaid(hcmc, ReportOptions(as_of=as_of)))
    by_id = {line.id: line for line in lines}
    for row in hcmc:
        tags = by_id[mermaid_id(row.id)].tags
        assert ("done" in tags) == (row.finish < as_of)
        assert ("active" in tags) == (row.start <= as_of <= row.finish)
    assert "done" in by_id["t11_bau_cu"].tags  # finished on the 19th
    assert "active" in by_id["m11_ngay_bau_cu"].tags  # a milestone on the day itself
    assert "active" in by_id["t09_bo_tri_cong_chuc_hcmc_thu_duc_thao_dien"].tags  # a ward
    assert not {"done", "active"} & set(by_id["m12_van_hanh"].tags)


def test_a_task_is_active_on_its_first_and_last_day_and_done_the_day_after() -> None:
    sched = _plan(Task("a", "A", 3))  # Monday 5 to Wednesday 7 April 2021
    for as_of, tag in ((4, None), (5, "active"), (7, "active"), (8, "done")):
        _, [line] = parse(render_mermaid(sched, ReportOptions(as_of=dt.date(2021, 4, as_of))))
        assert set(line.tags) - {"crit"} == ({tag} if tag else set())


def test_an_empty_plan_is_a_chart_without_sections() -> None:
    assert render_mermaid(_plan(title=""), ReportOptions()) == (
        "gantt\n    title p\n    dateFormat YYYY-MM-DD\n"
    )


def test_the_plugin_registers_the_mermaid_format(hcmc: Schedule) -> None:
    plugins = Plugins(builtins=False, entry_points=False, extra=[mermaid_plugin])
    reporter = plugins.reporter("mermaid")
    assert (reporter.suffix, reporter.media_type) == (".mmd", "text/vnd.mermaid")
    assert reporter.render(hcmc, ReportOptions()) == render_mermaid(hcmc, ReportOptions())


def test_a_plans_groups_are_sections_named_by_their_path() -> None:
    from urbangov.plan import Group

    plan = Plan(
        "g",
        "Nhóm",
        dt.date(2021, 1, 4),
        tasks=[
            Task("c", "Chung", 2),
            Task("a", "Đề án", 5, part_of="I"),
            Task("b", "Thành lập", 3, depends=["a"], part_of="I.1"),
            Task("d", "Kiện toàn", 2, depends=["b"], part_of="I"),
        ],
        groups=[Group("I", "Tổ chức bộ máy"), Group("I.1", "Thủ Đức", part_of="I")],
    )
    text = render_mermaid(schedule(plan), ReportOptions(lang="en"))
    sections = re.findall(r"^    section (.*)$", text, flags=re.MULTILINE)
    assert sections == ["Tasks", "Tổ chức bộ máy", "Tổ chức bộ máy / Thủ Đức"]
    body = text.split("section Tổ chức bộ máy\n")[1].split("section")[0]
    assert [line.split(" :")[0].strip() for line in body.strip().splitlines()] == [
        "Đề án",
        "Kiện toàn",
    ]
