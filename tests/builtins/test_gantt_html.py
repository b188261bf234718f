"""The ``gantt-html`` reporter: the SVG's structure, escaping, options, tracking data,
speed, a browser."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import os
import re
import shutil
import struct
import subprocess
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

import urbangov.builtins.gantt_html as gantt_plugin
from tests.examples import HCMC_PLAN
from tests.plans import random_plan
from urbangov.builtins.gantt_html import ROW, render_gantt_html, task_bar
from urbangov.errors import ReportError
from urbangov.io import load_plan
from urbangov.plan import Dependency, Group, Plan, Task
from urbangov.plugins import Plugins
from urbangov.reporting import GroupBy, ReportOptions, group_key
from urbangov.scheduling import Schedule, schedule
from urbangov.tracking import (
    Baseline,
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    StatusReport,
    TrackingLog,
    Withdrawal,
    status_report,
)

ROOT = Path(__file__).resolve().parents[2]
HCMC = HCMC_PLAN
SVG = "{http://www.w3.org/2000/svg}"
CHROMIUM = os.environ.get("URBANGOV_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
HAS_CHROMIUM = os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)
if not HAS_CHROMIUM and os.environ.get("URBANGOV_REQUIRE_TOOLS"):
    raise RuntimeError(f"URBANGOV_REQUIRE_TOOLS is set but there is no Chromium at {CHROMIUM}")


# -- helpers ----------------------------------------------------------------------------


def svg_part(page: str, svg_id: str = "chart") -> ET.Element:
    """The ``<svg id=...>`` element of the page, parsed as XML (so it must be well-formed)."""
    start = page.index(f'<svg id="{svg_id}"')
    end = page.index("</svg>", start) + len("</svg>")
    return ET.fromstring(page[start:end])


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def having(root: ET.Element, *wanted: str, tag: str | None = None) -> list[ET.Element]:
    """The elements under ``root`` whose class list holds every name in ``wanted``."""
    return [
        e for e in root.iter() if set(wanted) <= classes(e) and (tag is None or e.tag == SVG + tag)
    ]


def title_of(element: ET.Element) -> str:
    found = element.find(SVG + "title")
    assert found is not None
    assert found.text is not None
    return found.text


def render(sched: Schedule, **options: object) -> str:
    return render_gantt_html(sched, ReportOptions(**options))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def hcmc() -> Schedule:
    return schedule(load_plan(HCMC))


def small_plan(**changes: object) -> Plan:
    """Every link type, a milestone, one deadline met and one missed, on a plain week."""
    tasks = [
        Task("a", "Soạn thảo", 3),
        Task("b", "Góp ý", 4, depends=["a"], deadline=dt.date(2021, 1, 8)),
        Task("c", "Thẩm định", 2, depends=[Dependency("a", "SS", 1)], deadline=dt.date(2021, 2, 1)),
        Task("d", "Hoàn thiện", 2, depends=[Dependency("b", "FF")]),
        Task("e", "Trình ký", 1, depends=[Dependency("c", "SF", 4)]),
        Task("m", "Ban hành", 0, depends=["d"]),
    ]
    fields: dict[str, object] = {
        "id": "small",
        "title": "Kế hoạch nhỏ",
        "start": dt.date(2021, 1, 4),
        "tasks": tasks,
        "calendar": "mon-fri",
    }
    fields.update(changes)
    return Plan(**fields)  # type: ignore[arg-type]


# -- the reporter -------------------------------------------------------------------------


def test_the_plugin_registers_the_format(hcmc: Schedule) -> None:
    plugins = Plugins(builtins=False, entry_points=False, extra=[gantt_plugin])
    reporter = plugins.reporter("gantt-html")
    assert (reporter.suffix, reporter.media_type) == (".html", "text/html")
    page = reporter.render(hcmc, ReportOptions())
    assert isinstance(page, str)
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")


def test_the_page_is_self_contained(hcmc: Schedule) -> None:
    page = render(hcmc, group_by="lead", as_of=dt.date(2021, 5, 14))
    # The only URL is the SVG namespace, which is a name, not something fetched.
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls == {"http://www.w3.org/2000/svg"}
    for attribute in ("src=", "href=", "@import", "url(http", "<link"):
        assert attribute not in page
    assert page.count("<script>") == 1
    assert page.count("<style>") == 1


def test_one_bar_per_task_and_a_diamond_per_milestone(hcmc: Schedule) -> None:
    chart = svg_part(render(hcmc))
    rows = having(chart, "row", "task", tag="g")
    order = [int(row.get("data-i", "-1")) for row in rows]
    assert sorted(order) == list(range(len(hcmc)))  # every task once (a cascade grouped)
    milestones = [t for t in hcmc if t.milestone]
    assert len(having(chart, "bar", tag="rect")) == len(hcmc) - len(milestones)
    assert len(having(chart, "milestone", tag="path")) == len(milestones) == 3
    for row, task in zip(rows, [hcmc[i] for i in order], strict=True):
        shapes = having(row, "milestone") if task.milestone else having(row, "bar")
        assert len(shapes) == 1
        assert ("critical" in classes(shapes[0])) == task.critical
        assert float(row.get("transform", "")[len("translate(0,") : -1]) % ROW == 0


def test_critical_tasks_carry_the_class(hcmc: Schedule) -> None:
    chart = svg_part(render(hcmc))
    critical = having(chart, "critical", tag="rect") + having(chart, "milestone", "critical")
    assert len(critical) == sum(t.critical for t in hcmc) == len(hcmc.critical_path)


def test_a_bar_spans_start_to_finish_inclusive() -> None:
    sched = schedule(small_plan())
    chart = svg_part(render(sched))
    bars = {
        int(row.get("data-i", "")): having(row, "bar", tag="rect")
        for row in having(chart, "row", "task")
    }
    a, b = bars[0][0], bars[1][0]  # a: 4-6 Jan, b: 7-12 Jan (a weekend inside)
    day = float(a.get("width", "")) / 3
    assert float(a.get("x", "")) + float(a.get("width", "")) == pytest.approx(
        float(b.get("x", "")), abs=0.15
    )
    assert float(b.get("width", "")) == pytest.approx(day * 6, abs=0.15)  # coordinates: 0.1 px


def link_data(page: str) -> list[list[float]]:
    """The links as the page lists them for its script (see the module's docstring)."""
    found = re.search(r'<script type="application/json" id="gantt-links">(.*?)</script>', page)
    assert found is not None
    data: list[list[float]] = json.loads(found.group(1))
    return data


def subpaths(d: str) -> list[str]:
    return ["M" + part for part in d.split("M")[1:] if part != "0 0"]


def test_one_arrow_per_link_from_the_right_ends(hcmc: Schedule) -> None:
    for sched in (hcmc, schedule(small_plan())):
        page = render(sched)
        chart = svg_part(page)
        edges = {}
        mid = {}
        for row in having(chart, "row", "task"):
            index = int(row.get("data-i", ""))
            mid[index] = float(row.get("transform", "")[len("translate(0,") : -1]) + ROW / 2
            shape = (having(row, "bar") + having(row, "milestone"))[0]
            if shape.tag == SVG + "rect":
                left = float(shape.get("x", ""))
                edges[index] = (left, left + float(shape.get("width", "")))
            else:  # a diamond: "M{cx} {top}l7 7-7 7-7-7z"
                cx = float(shape.get("d", "")[1:].split()[0])
                edges[index] = (cx - 7, cx + 7)
        expected = [
            (sched.plan.position(dep.task), i, dep.type.value)
            for i, task in enumerate(sched.plan.tasks)
            for dep in task.depends
        ]
        links = link_data(page)
        assert len(links) == len(expected) == sum(len(task.depends) for task in sched.plan.tasks)
        # Every arrow is one subpath of the plain or the critical path, in link order.
        drawn: dict[bool, list[str]] = {False: [], True: []}
        heads: dict[bool, list[str]] = {False: [], True: []}
        for path in having(chart, "link", tag="path"):
            drawn["critical" in classes(path)] += subpaths(path.get("d", ""))
        for path in having(chart, "arrowhead", tag="path"):
            heads["critical" in classes(path)] += subpaths(path.get("d", ""))
        for link, (pred, succ, kind) in zip(links, expected, strict=True):
            a, b, x1, x2, from_finish, to_finish, critical = link
            assert (a, b) == (pred, succ)
            assert (from_finish, to_finish) == {
                "FS": (1, 0),
                "SS": (0, 0),
                "FF": (1, 1),
                "SF": (0, 1),
            }[kind]
            assert x1 == pytest.approx(edges[pred][int(from_finish)], abs=0.051)
            assert x2 == pytest.approx(edges[succ][int(to_finish)], abs=0.051)
            assert bool(critical) == (sched[pred].critical and sched[succ].critical)
            d = drawn[bool(critical)].pop(0)
            assert d.startswith(f"M{x1:g} {mid[pred]:g}H")
            assert d.endswith(f"H{x2:g}")
            head = heads[bool(critical)].pop(0)  # its tip where the arrow ends
            assert head.startswith(f"M{x2:g} {mid[succ]:g}l{6 if to_finish else -6} ")
        assert drawn == heads == {False: [], True: []}


def test_titles_are_escaped_and_kept_in_nfc() -> None:
    nasty = '<script>alert("x")</script> & Thu' + unicodedata.normalize("NFD", " Đức ầ")
    plan = small_plan(
        title="Kế hoạch <b>đậm</b> & nhạt",
        tasks=[Task("a&b", nasty, 2, lead="<lead>&"), Task("m", "Mốc", 0, depends=["a&b"])],
    )
    page = render(schedule(plan), group_by="lead")
    assert "<script>alert" not in page
    assert "<b>" not in page
    assert "<lead>" not in page
    assert page.count("<script>") == 1  # the chart's own
    expected = unicodedata.normalize("NFC", nasty)
    assert html.escape(expected) in page
    assert unicodedata.normalize("NFD", " Đức") not in page
    chart = svg_part(page)
    rows = having(chart, "row", "task")
    assert title_of(rows[0]).startswith(f"a&b: {expected}\n")
    groups = having(chart, "row", "group")
    assert "<lead>&" in title_of(groups[0])
    assert "Kế hoạch &lt;b&gt;đậm&lt;/b&gt; &amp; nhạt" in page


def test_the_status_date_line_only_with_as_of(hcmc: Schedule) -> None:
    assert 'class="status-date"' not in render(hcmc)
    page = render(hcmc, as_of=dt.date(2021, 5, 14))
    lines = having(svg_part(page), "status-date", tag="line")
    assert len(lines) == 1
    assert having(svg_part(page, "axis"), "status-date", tag="line")
    assert "Ngày báo cáo: 14/05/2021" in page
    # 14 May is a Friday: the line sits at its end, between two days' columns.
    assert having(svg_part(page), "status-date")[0].get("x1") is not None


def test_a_status_date_far_away_is_named_not_drawn(hcmc: Schedule) -> None:
    page = render(hcmc, as_of=dt.date(2030, 1, 1), lang="en")
    assert not having(svg_part(page), "status-date")
    assert "Status date: 1 Jan 2030 (outside the chart" in page


def test_groups_by_lead_with_a_header_per_group(hcmc: Schedule) -> None:
    page = render(hcmc, group_by="lead")
    leads = list(dict.fromkeys(t.lead for t in hcmc.plan.tasks if t.lead is not None))
    chart = svg_part(page)
    groups = having(chart, "row", "group", tag="g")
    assert len(groups) == len(leads) + 1  # one task has no lead: its group comes last
    assert [title_of(g).split("\n")[0] for g in groups] == [
        *(f"Cơ quan chủ trì: {lead}" for lead in leads),
        "(chưa giao cơ quan chủ trì)",
    ]
    # Every task still has its bar, under its group's header.
    rows = having(chart, "row")
    assert len(rows) == len(hcmc) + len(groups)
    group = None
    for row in rows:
        if "group" in classes(row):
            group = row.get("data-g")
        else:
            assert row.get("data-g") == group
    # The table has the same lines, in groups that fold; folding needs the script.
    assert page.count('<section class="group"') == len(groups)
    assert page.count('class="toggle" aria-expanded="true" hidden') == len(groups)
    assert "Collapse all" not in page
    assert "Thu gọn tất cả" in page


def test_groups_by_unit_use_the_unit_or_the_leads_unit(hcmc: Schedule) -> None:
    chart = svg_part(render(hcmc, group_by="unit", lang="en"))
    names = [title_of(g).split("\n")[0] for g in having(chart, "row", "group")]
    # The City's own tasks, Thủ Đức's (by its lead), the districts and wards of the
    # cascaded t09 (by their unit), and the one task without a lead last.
    assert names[:3] == ["Unit: hcmc", "Unit: hcmc/thu-duc", "Unit: hcmc/quan-1"]
    assert "Unit: hcmc/thu-duc/thao-dien" in names
    assert names[-1] == "(no unit)"
    assert len(names) == 1 + 17 + 249 + 1  # Thủ Đức is one of the 17 districts


def test_no_groups_without_group_by() -> None:
    page = render(schedule(small_plan()))
    assert not having(svg_part(page), "group")
    assert "<section" not in page


def test_a_cascade_is_one_folded_row_that_opens_to_its_units(hcmc: Schedule) -> None:
    """249 wards' copies of one task are one summary row (their span, how many are
    late), named after the task; opened, each row is named by its unit and indented
    under its district."""
    page = render(hcmc)
    sections = re.findall(r'<section class="group"[^>]*>', page)
    assert len(sections) == 2  # the plan's own tasks, and t09's cascade
    assert "data-folded" not in sections[0]
    assert "data-folded" in sections[1]
    assert "t09-bo-tri-cong-chuc Rà soát, bố trí đội ngũ công chức" in page
    assert ": giao cho 266 đơn vị</span>" in page
    ward = re.search(
        r'title="t09-bo-tri-cong-chuc/hcmc/quan-1/ben-nghe: Phường Bến Nghé">.*?'
        r'<span class="t" style="padding-left:2em">Phường Bến Nghé</span>',
        page,
    )
    assert ward is not None
    assert '<span class="t" style="padding-left:1em">Quận 1</span>' in page
    chart = svg_part(page)
    assert len(having(chart, "group")) == 2  # a summary bar for each


def grouped_plan() -> Plan:
    """Tasks under nested groups, one task under none, an empty group."""
    return Plan(
        "g",
        "Nhóm",
        dt.date(2021, 1, 4),
        tasks=[
            Task("c", "Chung", 2),
            Task("a", "Đề án", 5, part_of="I"),
            Task("b", "Thành lập", 3, depends=["a"], part_of="I.1"),
            Task("d", "Kiện toàn", 2, depends=["b"], part_of="I"),
        ],
        groups=[
            Group("I", "Tổ chức bộ máy"),
            Group("I.1", "Thủ Đức", part_of="I"),
            Group("II", "Trống"),
        ],
    )


def test_a_plans_groups_are_sections_nested_as_its_outline() -> None:
    """Tasks under no group first, then each group with its own tasks, then the groups
    under it (indented, folding with it); a group counts and spans all it holds."""
    page = render(schedule(grouped_plan()), lang="en")
    sections = re.findall(r'<section class="group"([^>]*)>.*?<span class="name"[^>]*>([^<]*)', page)
    assert [name for _, name in sections] == ["The plan&#x27;s tasks", "Tổ chức bộ máy", "Thủ Đức"]
    assert 'data-up="1"' in sections[2][0]
    assert 'data-level="1"' in sections[2][0]
    rows = having(svg_part(page), "row")
    order = [r.get("data-i") or f"g{r.get('data-g')}" for r in rows]
    assert order == ["g0", "0", "g1", "1", "3", "g2", "2"]
    head = next(r for r in rows if r.get("data-g") == "1" and r.get("data-i") is None)
    assert title_of(head).split("\n")[1:] == [  # all it holds, at any depth
        "Tasks: 3",
        "Start: 4 Jan 2021",
        "Finish: 15 Jan 2021",
    ]
    assert "Trống" not in page  # nothing under it: nothing to draw


def test_deadlines_are_marked_and_missed_ones_in_red() -> None:
    sched = schedule(small_plan())
    chart = svg_part(render(sched, lang="en"))
    deadlines = having(chart, "deadline", tag="g")
    assert len(deadlines) == 2
    missed = having(chart, "deadline", "missed", tag="g")
    assert len(missed) == 1  # b finishes on 12 Jan, its deadline is 8 Jan
    assert title_of(missed[0]) == "Deadline: 8 Jan 2021, missed (finishes 12 Jan 2021)"
    met = next(d for d in deadlines if d not in missed)
    assert title_of(met) == "Deadline: 1 Feb 2021, met"


def test_hcmc_deadlines_are_all_met(hcmc: Schedule) -> None:
    chart = svg_part(render(hcmc))
    assert len(having(chart, "deadline")) == sum(t.deadline is not None for t in hcmc.plan.tasks)
    assert not having(chart, "missed")


def test_days_off_are_shaded_once_per_run_with_holiday_names(hcmc: Schedule) -> None:
    for lang, name in (("vi", "Giỗ Tổ Hùng Vương"), ("en", "Hung Kings")):
        chart = svg_part(render(hcmc, lang=lang))
        off = having(chart, "off", tag="rect")
        holidays = having(chart, "off", "holiday")
        assert any(name in title_of(rect) for rect in holidays)
        assert all(rect.get("height") == "100%" for rect in off)
        # Consecutive days of one kind make one rectangle: no two of a kind touch.
        spans = sorted(
            (float(r.get("x", "")), float(r.get("x", "")) + float(r.get("width", "")), r)
            for r in off
        )
        for (_, end, left), (start, _, right) in itertools.pairwise(spans):
            if end == pytest.approx(start):
                assert classes(left) != classes(right)
    # 30/4 (Fri) and 1/5 (Sat) are holidays, 2/5 a Sunday, 3/5 the day in lieu.
    chart = svg_part(render(hcmc))
    titles = [title_of(r) for r in having(chart, "off", "holiday")]
    assert "30/04/2021: Ngày Chiến thắng\n01/05/2021: Ngày Quốc tế Lao động" in titles
    assert "Nghỉ cuối tuần: 02/05/2021" in [title_of(r) for r in having(chart, "weekend")]
    # Far fewer rectangles than days: no per-day, per-line shading.
    assert len(having(chart, "off")) < 100


def test_a_plan_s_own_days_off_are_shaded() -> None:
    plan = small_plan(calendar="mon-fri")
    plan = Plan(
        plan.id,
        plan.title,
        plan.start,
        tasks=plan.tasks,
        calendar=plan.calendar.adjusted(holidays=[dt.date(2021, 1, 6)]),
    )
    chart = svg_part(render(schedule(plan)))
    titles = [title_of(r) for r in having(chart, "off", "holiday")]
    assert titles == ["06/01/2021: Ngày nghỉ theo kế hoạch"]


def test_labels_follow_the_language(hcmc: Schedule) -> None:
    vi, en = render(hcmc), render(hcmc, lang="en")
    assert '<html lang="vi">' in vi
    assert '<html lang="en">' in en
    vi_axis = [e.text for e in svg_part(vi, "axis").iter(SVG + "text")]
    en_axis = [e.text for e in svg_part(en, "axis").iter(SVG + "text")]
    assert "Tháng 4/2021" in vi_axis
    assert "Tháng 12/2021" in vi_axis
    assert "Apr 2021" in en_axis
    assert "Dec 2021" in en_axis
    assert "Đường găng" in vi
    assert "Critical path" in en
    assert ">Nhiệm vụ<" in vi
    assert ">Task<" in en
    assert "07/04/2021" in vi
    assert "7 Apr 2021" in en


def test_the_output_is_deterministic(hcmc: Schedule) -> None:
    options = {"group_by": "lead", "as_of": dt.date(2021, 6, 1)}
    first = render(hcmc, **options)
    assert render(schedule(load_plan(HCMC)), **options) == first


def test_an_empty_plan_renders() -> None:
    page = render(schedule(small_plan(tasks=[])), as_of=dt.date(2021, 1, 5), group_by="lead")
    chart = svg_part(page)
    assert not having(chart, "row")
    assert chart.get("height") == "0"


def test_the_bar_takes_progress_and_a_baseline_when_tracking_provides_them() -> None:
    plain = ET.fromstring(f'<g xmlns="http://www.w3.org/2000/svg">{task_bar(10, 50, "bar")}</g>')
    assert [classes(e) for e in plain] == [{"bar"}]
    tracked = ET.fromstring(
        '<g xmlns="http://www.w3.org/2000/svg">'
        f"{task_bar(10, 50, 'bar', progress=0.25, baseline=(5, 40))}</g>"
    )
    assert [sorted(classes(e)) for e in tracked] == [["baseline"], ["bar"], ["progress"]]
    assert tracked[2].get("width") == "10"


def test_four_thousand_tasks_render_in_under_two_seconds() -> None:
    sched = schedule(random_plan(7, size=4000))
    started = time.perf_counter()
    page = render(sched, as_of=sched.start + dt.timedelta(days=30))
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"{elapsed:.2f} s"
    chart = svg_part(page)
    assert len(having(chart, "row", "task")) == 4000
    # Lean: a column per run of days off, not a rectangle per day and line.
    assert len(having(chart, "off")) < 200


# -- in a browser ---------------------------------------------------------------------------


def chromium(url: str, *args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    profile = tmp / f"profile-{len(list(tmp.iterdir()))}"
    profile.mkdir()
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1600,1000",
            *args,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def console_messages(stderr: str) -> Iterator[str]:
    """What the page wrote to the JavaScript console (errors included)."""
    return (line for line in stderr.splitlines() if ":CONSOLE" in line)


@pytest.mark.skipif(not HAS_CHROMIUM, reason=f"no Chromium at {CHROMIUM} (URBANGOV_CHROMIUM)")
def test_the_page_loads_in_chromium_without_console_errors(hcmc: Schedule, tmp_path: Path) -> None:
    page = tmp_path / "gantt.html"
    page.write_text(render(hcmc, group_by="lead", as_of=dt.date(2021, 5, 14)), encoding="utf-8")
    url = page.as_uri()

    shot = tmp_path / "gantt.png"
    done = chromium(url, f"--screenshot={shot}", tmp=tmp_path)
    assert shot.exists(), done.stderr[-2000:]
    assert not list(console_messages(done.stderr))
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1600, 1000)
    assert shot.stat().st_size > 20_000  # not a blank page

    done = chromium(url, "--dump-dom", tmp=tmp_path)
    assert not list(console_messages(done.stderr))
    assert 'data-ready="1"' in done.stdout  # the script ran to its end
    toggles = re.findall(r'<button [^>]*class="toggle"[^>]*>', done.stdout)
    assert toggles  # the script showed the buttons that fold groups
    assert not [t for t in toggles if "hidden" in t]

    # Folded (the script folds every group when the address ends in #collapsed): only
    # the group headers are left, and the arrows of hidden tasks are hidden too.
    done = chromium(url + "#collapsed", "--dump-dom", tmp=tmp_path)
    assert not list(console_messages(done.stderr))
    groups = len({t.lead for t in hcmc.plan.tasks})
    chart = re.search(r'<svg id="chart"[^>]*>', done.stdout)
    assert chart is not None
    assert f'height="{groups * ROW}"' in chart.group(0)
    assert done.stdout.count('class="group closed"') == groups


def test_a_task_part_of_a_task_is_indented_under_it() -> None:
    plan = Plan(
        "p",
        "Parts",
        dt.date(2021, 1, 4),
        tasks=[
            Task("t01", "Ban Chỉ đạo", 5),
            Task("t01b", "Quy chế", 2, part_of="t01"),
            Task("t01c", "Phân công", 1, part_of="t01b"),
            Task("t02", "Khác", 3),
        ],
    )
    page = render(schedule(plan))
    assert "<section" not in page  # no groups: the tasks as they are
    assert '<span class="t">Ban Chỉ đạo</span>' in page
    assert '<span class="t" style="padding-left:1em">Quy chế</span>' in page
    assert '<span class="t" style="padding-left:2em">Phân công</span>' in page
    assert '<span class="t">Khác</span>' in page


@pytest.mark.skipif(not HAS_CHROMIUM, reason=f"no Chromium at {CHROMIUM} (URBANGOV_CHROMIUM)")
def test_a_group_folds_the_groups_under_it_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "grouped.html"
    page.write_text(render(schedule(grouped_plan())), encoding="utf-8")
    # #collapsed=1: the group one level down is folded, its header still shown.
    done = chromium(page.as_uri() + "#collapsed=1", "--dump-dom", tmp=tmp_path)
    assert not list(console_messages(done.stderr))
    chart = re.search(r'<svg id="chart"[^>]*>', done.stdout)
    assert chart is not None
    assert f'height="{6 * ROW}"' in chart.group(0)  # all but the task of "Thủ Đức"
    # #collapsed: every group folded, and "Thủ Đức" goes with the group it is under.
    done = chromium(page.as_uri() + "#collapsed", "--dump-dom", tmp=tmp_path)
    chart = re.search(r'<svg id="chart"[^>]*>', done.stdout)
    assert chart is not None
    assert f'height="{2 * ROW}"' in chart.group(0)
    nested = re.search(r'<section class="group closed"[^>]*data-up="1"[^>]*>', done.stdout)
    assert nested is not None
    assert 'style="display: none;"' in nested.group(0)


def test_link_tooltips_name_the_type_and_the_lag(hcmc: Schedule) -> None:
    # Each link is told in its successor's tooltip, one line per link.
    chart = svg_part(render(hcmc))
    rows = having(chart, "row", "task")
    tips = [line for row in rows for line in title_of(row).split("\n") if " → " in line]
    assert len(tips) == sum(len(task.depends) for task in hcmc.plan.tasks)
    overlap = "t03a-ra-soat-van-ban → t03b-huong-dan: kết thúc → bắt đầu, gối đầu 5 ngày làm việc"
    assert overlap in tips
    assert "t00-ke-hoach → t01-ban-chi-dao: bắt đầu → bắt đầu, độ trễ 2 ngày làm việc" in tips
    en_rows = having(svg_part(render(hcmc, lang="en")), "row", "task")
    en = [line for row in en_rows for line in title_of(row).split("\n")]
    assert "m12-van-hanh → t02b-tuyen-truyen: finish → finish, lag 5 working days" in en


# -- with tracking data ---------------------------------------------------------------------

STATUS_DAY = dt.date(2021, 1, 15)


def tracked_plan() -> Plan:
    """One task per state on 15 January 2021 (see :func:`tracked_log`), on a plain week."""
    day = dt.date
    return Plan(
        "tracked",
        "Theo dõi",
        day(2021, 1, 4),
        calendar="mon-fri",
        tasks=[
            Task("ok", "Đúng hạn", 3, deadline=day(2021, 1, 8), lead="hcmc/a"),
            Task("late", "Xong trễ", 3, deadline=day(2021, 1, 6), lead="hcmc/a"),
            Task("over", "Quá hạn", 4, deadline=day(2021, 1, 12), lead="hcmc/b", depends=["ok"]),
            Task("risk", "Nguy cơ", 10, deadline=day(2021, 1, 20), lead="hcmc/b"),
            Task("fine", "Trong hạn", 10, deadline=day(2021, 2, 26), lead="hcmc/b"),
            Task("gone", "Rút", 5, lead="hcmc/c"),
            Task("ext", "Gia hạn", 5, deadline=day(2021, 1, 8), lead="hcmc/c"),
            Task("m", "Mốc", 0, deadline=day(2021, 2, 1), depends=["fine"]),
        ],
    )


def tracked_log() -> TrackingLog:
    day = dt.date
    return TrackingLog(
        [
            ProgressUpdate("ok", day(2021, 1, 6), actual_start=day(2021, 1, 4),
                           actual_finish=day(2021, 1, 6)),
            ProgressUpdate("late", day(2021, 1, 8), actual_start=day(2021, 1, 4),
                           actual_finish=day(2021, 1, 8)),
            ProgressUpdate("over", STATUS_DAY, actual_start=day(2021, 1, 7),
                           percent_complete=60, remaining_duration=2),
            ProgressUpdate("risk", STATUS_DAY, actual_start=day(2021, 1, 4),
                           percent_complete=10, remaining_duration=9),
            ProgressUpdate("fine", STATUS_DAY, actual_start=day(2021, 1, 4), percent_complete=50),
            ProgressUpdate("ext", STATUS_DAY, actual_start=day(2021, 1, 4), percent_complete=40),
        ],
        [ExtensionRequest("x1", "ext", day(2021, 1, 6), day(2021, 1, 29))],
        [ExtensionDecision("x1", day(2021, 1, 7), True)],
        [Withdrawal("gone", day(2021, 1, 11))],
    )  # fmt: skip


EXPECTED_STATES = {
    "ok": "done",
    "late": "done-late",
    "over": "overdue",
    "risk": "at-risk",
    "fine": "in-time",
    "gone": "withdrawn",
    "ext": "in-time",
    "m": "in-time",
}


@pytest.fixture(scope="module")
def tracked() -> tuple[Schedule, StatusReport, Baseline]:
    plan = tracked_plan()
    planned = schedule(plan)
    status = status_report(plan, tracked_log(), STATUS_DAY)
    return planned, status, Baseline.of(planned, "approved", plan.start)


def tracked_page(
    data: tuple[Schedule, StatusReport, Baseline], *, baseline: bool = True, **options: object
) -> str:
    planned, status, kept = data
    chosen = ReportOptions(
        status=status,
        baseline=kept if baseline else None,
        **options,  # type: ignore[arg-type]
    )
    return render_gantt_html(planned, chosen)


def shapes_by_task(chart: ET.Element) -> dict[int, ET.Element]:
    return {
        int(row.get("data-i", "")): (having(row, "bar") + having(row, "milestone"))[0]
        for row in having(chart, "row", "task")
    }


def test_tracked_bars_are_classed_by_status(
    tracked: tuple[Schedule, StatusReport, Baseline],
) -> None:
    chart = svg_part(tracked_page(tracked))
    shapes = shapes_by_task(chart)
    plan = tracked[0].plan
    for index, task in enumerate(plan.tasks):
        states = classes(shapes[index]) & {
            "done", "done-late", "in-time", "at-risk", "overdue", "withdrawn"
        }  # fmt: skip
        assert states == {EXPECTED_STATES[task.id]}, task.id
    forecast = tracked[1].forecast
    assert any(row.critical for row in forecast)
    for index, row in enumerate(forecast):  # critical stays marked (an outline)
        assert ("critical" in classes(shapes[index])) == row.critical, row.id


def test_tracked_chart_draws_the_forecast(
    tracked: tuple[Schedule, StatusReport, Baseline],
) -> None:
    planned, status, _ = tracked
    page = tracked_page(tracked, baseline=False)
    assert page == render_gantt_html(status.forecast, ReportOptions(status=status))
    # "risk" was planned to end on 15 January; its forecast is 28 January.
    risk = status.forecast[planned.plan.position("risk")]
    assert planned[planned.plan.position("risk")].finish == dt.date(2021, 1, 15)
    assert risk.finish == dt.date(2021, 1, 28)
    assert "28/01/2021" in page
    # The status date is the report's when as_of is not given.
    assert "Ngày báo cáo: 15/01/2021" in page
    assert having(svg_part(page), "status-date", tag="line")


def test_progress_fills_the_done_part_of_each_started_bar(
    tracked: tuple[Schedule, StatusReport, Baseline],
) -> None:
    _, status, _ = tracked
    chart = svg_part(tracked_page(tracked))
    for row in having(chart, "row", "task"):
        task = status.tasks[int(row.get("data-i", ""))]
        fills = having(row, "progress", tag="rect")
        bars = having(row, "bar", tag="rect")
        if not bars or task.progress == 0:  # milestones and work not begun: no fill
            assert not fills, task.task
            continue
        (fill,) = fills
        (bar,) = bars
        assert fill.get("x") == bar.get("x")
        expected = float(bar.get("width", "")) * task.progress / 100
        assert float(fill.get("width", "")) == pytest.approx(expected, abs=0.051), task.task
    assert {t.task: t.progress for t in status}["fine"] == 50


def test_baseline_bars_sit_under_their_tasks_at_the_baseline_dates(
    tracked: tuple[Schedule, StatusReport, Baseline],
) -> None:
    planned, _, kept = tracked
    chart = svg_part(tracked_page(tracked))
    rows = {int(row.get("data-i", "")): row for row in having(chart, "row", "task")}
    day = float(having(rows[0], "bar")[0].get("width", "")) / 3  # "ok" took 3 days
    origin = float(having(rows[0], "bar")[0].get("x", ""))
    for index, task in enumerate(planned.plan.tasks):
        span = kept.tasks[task.id]
        if task.duration == 0:
            assert len(having(rows[index], "baseline-milestone", tag="path")) == 1
            continue
        (bar,) = having(rows[index], "baseline", tag="rect")
        start = origin + (span.start - planned.start).days * day
        width = ((span.finish - span.start).days + 1) * day
        assert float(bar.get("x", "")) == pytest.approx(start, abs=0.2), task.id
        assert float(bar.get("width", "")) == pytest.approx(width, abs=0.2), task.id
        # Drawn first, so that the task's bar is over it.
        children = [classes(e) for e in rows[index] if e.tag == SVG + "rect"]
        assert children.index({"baseline"}) < next(i for i, c in enumerate(children) if "bar" in c)
    no_baseline = svg_part(tracked_page(tracked, baseline=False))
    assert not having(no_baseline, "baseline") + having(no_baseline, "baseline-milestone")


def test_a_baseline_alone_is_drawn_under_the_schedule(
    tracked: tuple[Schedule, StatusReport, Baseline],
) -> None:
    planned, _, kept = tracked
    page = render_gantt_html(planned, ReportOptions(baseline=kept, lang="en"))
    chart = svg_part(page)
    assert len(having(chart, "baseline", tag="rect")) == len(planned) - 1
    assert not having(chart, "progress")
    assert "Baseline: “approved”, saved 4 Jan 2021" in page
    tip = title_of(having(chart, "row", "task")[0])
    assert "Baseline: 4 Jan 2021 \u2013 6 Jan 2021, finish variance +0 working days" in tip


def test_the_legend_names_every_state_progress_and_the_baseline(
    tracked: tuple[Schedule, StatusReport, Baseline],
) -> None:
    for lang, words in (
        (
            "vi",
            [
                "Hoàn thành đúng hạn",
                "Hoàn thành quá hạn",
                "Chưa hoàn thành, còn trong hạn",
                "Có nguy cơ trễ hạn",
                "Chưa hoàn thành, quá hạn",
                "Đã rút",
                "Phần đã làm",
                "Kế hoạch gốc",
                "Đường găng (viền đậm)",
            ],
        ),
        (
            "en",
            [
                "Completed on time",
                "Completed late",
                "Not completed, within the deadline",
                "At risk of missing the deadline",
                "Not completed, overdue",
                "Withdrawn",
                "Work done",
                "Baseline",
                "Critical path (thick outline)",
            ],
        ),
    ):
        page = tracked_page(tracked, lang=lang)
        legend = page[page.index('<ul class="legend">') : page.index("</ul>")]
        items = re.findall(r"</svg>([^<]+)</li>", legend)
        assert set(words) <= set(items), lang
        for state in ("done", "done-late", "in-time", "at-risk", "overdue", "withdrawn"):
            assert f'class="bar {state}"' in legend
    plain = render_gantt_html(tracked[0], ReportOptions())
    assert "Phần đã làm" not in plain
    assert "--overdue" not in plain


def test_state_colours_are_distinct_and_colour_blind_safe(
    tracked: tuple[Schedule, StatusReport, Baseline],
) -> None:
    page = tracked_page(tracked)
    style = page[page.index("<style>") : page.index("</style>")]
    okabe_ito = {"#009e73", "#cc79a7", "#0072b2", "#e69f00", "#d55e00"}
    colours = {
        state: re.search(rf"--{state}:(#[0-9a-f]{{6}})", style)
        for state in ("done", "done-late", "in-time", "at-risk", "overdue")
    }
    found = {state: match.group(1) for state, match in colours.items() if match}
    assert set(found.values()) == okabe_ito  # five states, five colours of the palette
    assert "stroke-dasharray" in style[style.index(".bar.at-risk") :]  # not colour alone
    assert 'id="withdrawn"' in page  # the hatching


def test_tooltips_tell_the_status_in_both_languages(
    tracked: tuple[Schedule, StatusReport, Baseline],
) -> None:
    def tips(lang: str) -> dict[str, str]:
        chart = svg_part(tracked_page(tracked, lang=lang))
        plan = tracked[0].plan
        return {
            plan.tasks[int(row.get("data-i", ""))].id: title_of(row)
            for row in having(chart, "row", "task")
        }

    vi, en = tips("vi"), tips("en")
    assert "Tình trạng: Hoàn thành đúng hạn" in vi["ok"]
    assert "Hoàn thành thực tế: 06/01/2021" in vi["ok"]
    assert "Tình trạng: Hoàn thành quá hạn, trễ 2 ngày làm việc" in vi["late"]
    assert "Tình trạng: Chưa hoàn thành, quá hạn, trễ 3 ngày làm việc" in vi["over"]
    assert "Tiến độ: 60%" in vi["over"]
    assert "Có nguy cơ trễ hạn: dự kiến hoàn thành 28/01/2021" in vi["risk"]
    assert "Tình trạng: Đã rút" in vi["gone"]
    assert "Được gia hạn đến 29/01/2021 (hạn ban đầu 08/01/2021)" in vi["ext"]
    assert "Kế hoạch gốc: 04/01/2021 \u2013 15/01/2021, lệch +9 ngày làm việc" in vi["risk"]
    assert "Status: Completed on time" in en["ok"]
    assert "Status: Not completed, overdue, 3 working days late" in en["over"]
    assert "At risk: forecast to finish 28 Jan 2021" in en["risk"]
    assert "Progress: 50%" in en["fine"]
    assert "Deadline extended to 29 Jan 2021 (originally 8 Jan 2021)" in en["ext"]
    assert "Status: Withdrawn" in en["gone"]


def test_an_extended_deadline_is_the_one_drawn(
    tracked: tuple[Schedule, StatusReport, Baseline],
) -> None:
    chart = svg_part(tracked_page(tracked, lang="en"))
    row = having(chart, "row", "task")[tracked[0].plan.position("ext")]
    (mark,) = having(row, "deadline", tag="g")
    assert title_of(mark) == "Deadline: 29 Jan 2021, met"


def test_groups_count_what_needs_a_look(
    tracked: tuple[Schedule, StatusReport, Baseline],
) -> None:
    page = tracked_page(tracked, group_by="lead", lang="en")
    chart = svg_part(page)
    groups = having(chart, "row", "group")
    summaries = [having(g, "summary")[0] for g in groups if having(g, "summary")]
    assert classes(summaries[0]) == {"summary", "done-late"}  # hcmc/a: ok and late
    assert classes(summaries[1]) == {"summary", "overdue"}  # hcmc/b: over, risk, fine
    assert "Not completed, overdue: 1" in title_of(groups[1])
    heads = re.findall(r'<div class="group-head">(.*?)</div>', page)
    assert '<span class="flag overdue" title="Not completed, overdue">1</span>' in heads[1]
    assert '<span class="flag at-risk"' in heads[1]
    assert re.search(r'<span class="pct">\d+%</span>', heads[1])
    assert 'data-level="' not in page  # levels come with a hierarchy, by unit


def test_groups_by_unit_are_named_rolled_up_and_fold_by_level(tmp_path: Path) -> None:
    from urbangov.io import hierarchy_of

    plan = load_plan(HCMC)
    status = status_report(plan, TrackingLog(), dt.date(2021, 6, 14))
    options = ReportOptions(
        group_by="unit", status=status, hierarchy=hierarchy_of(plan), depth=1, lang="en"
    )
    page = render_gantt_html(schedule(plan), options)
    names = [title_of(g).split("\n")[0] for g in having(svg_part(page), "row", "group")]
    # The City, Thủ Đức and the districts, each with its wards' tasks; no ward groups.
    assert names[0] == "Unit: Thành phố Hồ Chí Minh (hcmc)"
    assert "Unit: Thành phố Thủ Đức (hcmc/thu-duc)" in names
    assert len(names) == 1 + 17 + 1
    assert page.count('data-level="0"') == 1
    assert page.count('data-level="1"') == 17
    assert "#collapsed=" in page  # the script folds by level


def test_a_status_report_of_another_plan_is_refused(
    tracked: tuple[Schedule, StatusReport, Baseline], hcmc: Schedule
) -> None:
    with pytest.raises(ReportError, match="status report is of plan 'tracked'"):
        render_gantt_html(hcmc, ReportOptions(status=tracked[1]))


def test_tracked_pages_are_deterministic_and_self_contained(
    tracked: tuple[Schedule, StatusReport, Baseline],
) -> None:
    page = tracked_page(tracked, group_by="lead")
    assert page == tracked_page(tracked, group_by="lead")
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls == {"http://www.w3.org/2000/svg"}
    assert page.count("<script>") == 1


@pytest.mark.skipif(not HAS_CHROMIUM, reason=f"no Chromium at {CHROMIUM} (URBANGOV_CHROMIUM)")
def test_the_tracked_hcmc_page_loads_in_chromium_and_folds_by_level(tmp_path: Path) -> None:
    from urbangov.io import hierarchy_of, load_progress

    plan = load_plan(HCMC)
    log = TrackingLog()
    for name in ("progress-2021-06-14.csv", "extensions-2021.toml"):
        found = load_progress(HCMC.parent / name, plan)
        log = log.extended(found.updates, found.requests, found.decisions, found.withdrawals)
    planned = schedule(plan)
    options = ReportOptions(
        group_by="unit",
        status=status_report(plan, log, dt.date(2021, 6, 14)),
        hierarchy=hierarchy_of(plan),
        depth=1,
        baseline=Baseline.of(planned, "approved", plan.start),
    )
    page = tmp_path / "tracked.html"
    page.write_text(render_gantt_html(planned, options), encoding="utf-8")

    shot = tmp_path / "tracked.png"
    done = chromium(page.as_uri() + "#collapsed=1", f"--screenshot={shot}", tmp=tmp_path)
    assert shot.exists(), done.stderr[-2000:]
    assert not list(console_messages(done.stderr))
    assert shot.stat().st_size > 20_000

    done = chromium(page.as_uri() + "#collapsed=1", "--dump-dom", tmp=tmp_path)
    assert not list(console_messages(done.stderr))
    assert 'data-ready="1"' in done.stdout
    # The City's group stays open; the 17 district groups (wards inside) are folded.
    assert done.stdout.count('class="group closed"') == 17
    city = sum(group_key(t, GroupBy.UNIT) == "hcmc" for t in plan.tasks)
    chart = re.search(r'<svg id="chart"[^>]*>', done.stdout)
    assert chart is not None
    groups = 1 + 17 + 1  # and the task without a unit, open
    assert f'height="{(groups + city + 1) * ROW}"' in chart.group(0)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    from urbangov.cli._main import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_report_draws_a_stored_baseline_and_names_the_saved_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "hcmc.sqlite"
    june = ("--progress", HCMC.parent / "progress-2021-06-14.csv", "--as-of", "2021-06-14")
    code, _, err = run_cli(capsys, "baseline", HCMC, "save", "--name", "approved",
                           "--store", store, "--as-of", "2021-04-07")  # fmt: skip
    assert code == 0, err
    code, out, err = run_cli(capsys, "report", HCMC, "-f", "gantt-html", "--lang", "en",
                             "--store", store, "--baseline", "approved", *june)  # fmt: skip
    assert code == 0, err
    chart = svg_part(out)
    assert len(having(chart, "baseline", tag="rect")) == sum(
        t.duration > 0 for t in load_plan(HCMC).tasks
    )
    assert "Baseline: “approved”, saved 7 Apr 2021" in out
    assert having(chart, "bar", "done")  # and the status colours, from the progress file
    code, out, err = run_cli(capsys, "report", HCMC, "-f", "gantt-html", "--store", store,
                             "--baseline", "draft", *june)  # fmt: skip
    assert (code, out) == (2, "")
    assert err == (
        "error: plan 'hcmc-2021-chinh-quyen-do-thi' has no baseline 'draft' (saved: approved)\n"
    )


@pytest.mark.skipif(not HAS_CHROMIUM, reason=f"no Chromium at {CHROMIUM} (URBANGOV_CHROMIUM)")
def test_the_cascade_opens_folded_in_chromium(hcmc: Schedule, tmp_path: Path) -> None:
    page = tmp_path / "gantt.html"
    page.write_text(render(hcmc), encoding="utf-8")
    done = chromium(page.as_uri(), "--dump-dom", tmp=tmp_path)
    assert not list(console_messages(done.stderr))
    own = len(hcmc) - 266  # the plan's own 22 tasks
    chart = re.search(r'<svg id="chart"[^>]*>', done.stdout)
    assert chart is not None
    # Two group headers, the plan's tasks, and the 266 tasks of the cascade folded away.
    assert f'height="{(own + 2) * ROW}"' in chart.group(0)
    assert done.stdout.count('class="group closed"') == 1
