"""The ``status-md`` and ``status-html`` reports: content, both languages, structure."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest

from tests.builtins.test_gantt_html import CHROMIUM, HAS_CHROMIUM, chromium, console_messages
from urbangov.builtins.status_report._glance import rolled_leads
from urbangov.calendar import ReportingPeriod
from urbangov.errors import ReportError, UrbangovError
from urbangov.hierarchy import Hierarchy
from urbangov.io import shipped_hierarchy
from urbangov.plan import Plan, Task
from urbangov.reporting import Reporter, ReportOptions
from urbangov.scheduling import Schedule
from urbangov.testing import plugins_with, render
from urbangov.tracking import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    StatusReport,
    TrackingLog,
    Withdrawal,
    statistics,
    status_report,
)

AS_OF = dt.date(2021, 4, 21)
FORMATS = ("status-md", "status-html")
VI_STATUSES = (
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Chưa hoàn thành, còn trong hạn",
    "Chưa hoàn thành, quá hạn",
    "Đã rút",
    "Có nguy cơ trễ hạn",
)
EN_STATUSES = (
    "Completed on time",
    "Completed late",
    "Not completed, within the deadline",
    "Not completed, overdue",
    "Withdrawn",
    "At risk of missing the deadline",
)


def _plan() -> Plan:
    """Every status at once as of 21 April 2021 (Mon-Fri): draft done on time, review
    done a day late, ward extended and at risk, train overdue, extra withdrawn, guide
    in time with an extension asked for and not yet decided."""
    return Plan(
        "demo",
        "Kế hoạch thử",
        dt.date(2021, 4, 5),
        calendar="mon-fri",
        tasks=[
            Task("draft", "Soạn thảo", 5, deadline=dt.date(2021, 4, 9),
                 lead="hcmc/so-noi-vu", unit="hcmc"),
            Task("review", "Thẩm định", 5, depends=["draft"], deadline=dt.date(2021, 4, 16),
                 lead="hcmc/so-tu-phap", unit="hcmc/thu-duc"),
            Task("ward", "Triển khai tại phường An Khánh", 10, depends=["review"],
                 deadline=dt.date(2021, 4, 30), unit="hcmc/thu-duc/an-khanh",
                 lead="hcmc/thu-duc/an-khanh/people_committee", accountable="Chủ tịch phường"),
            Task("train", "Tập huấn", 5, deadline=dt.date(2021, 4, 14), lead="hcmc/so-noi-vu",
                 unit="hcmc/quan-1"),
            Task("extra", "Việc bị thu hồi", 3, lead="hcmc/so-tu-phap"),
            Task("guide", "Hướng dẫn *mới* | bản 2", 3, depends=["draft"],
                 deadline=dt.date(2021, 4, 23), lead="hcmc/so-noi-vu"),
        ],
    )  # fmt: skip


def _log() -> TrackingLog:
    return TrackingLog(
        [
            ProgressUpdate("draft", dt.date(2021, 4, 9), actual_start=dt.date(2021, 4, 5),
                           actual_finish=dt.date(2021, 4, 9)),
            ProgressUpdate("review", dt.date(2021, 4, 19), actual_start=dt.date(2021, 4, 12),
                           actual_finish=dt.date(2021, 4, 19)),
            ProgressUpdate("ward", dt.date(2021, 4, 21), actual_start=dt.date(2021, 4, 20),
                           percent_complete=10, remaining_duration=15),
            ProgressUpdate("guide", dt.date(2021, 4, 21), actual_start=dt.date(2021, 4, 19),
                           percent_complete=60),
        ],
        requests=[
            ExtensionRequest("x-ward", "ward", dt.date(2021, 4, 12), dt.date(2021, 5, 7)),
            ExtensionRequest("x-guide", "guide", dt.date(2021, 4, 20), dt.date(2021, 5, 14),
                             reason="Chờ ý kiến Bộ"),
        ],
        decisions=[ExtensionDecision("x-ward", dt.date(2021, 4, 14), approved=True)],
        withdrawals=[Withdrawal("extra", dt.date(2021, 4, 15), reason="Giao cho quận")],
    )  # fmt: skip


@pytest.fixture(scope="module")
def hcmc() -> Hierarchy:
    return shipped_hierarchy("hcmc")


@pytest.fixture(scope="module")
def report() -> StatusReport:
    return status_report(_plan(), _log(), AS_OF)


@pytest.fixture(scope="module")
def options(report: StatusReport, hcmc: Hierarchy) -> ReportOptions:
    return ReportOptions(as_of=AS_OF, status=report, log=_log(), hierarchy=hcmc)


def _render(fmt: str, report: StatusReport, options: ReportOptions, **changes: Any) -> str:
    out = render(fmt, report.forecast, attrs.evolve(options, **changes))
    assert isinstance(out, str)
    return out


def test_the_fixture_has_every_status(report: StatusReport) -> None:
    got = {t.task: (t.status.value, t.at_risk, t.extended) for t in report}
    assert got == {
        "draft": ("done_on_time", False, False),
        "review": ("done_late", False, False),
        "ward": ("in_time", True, True),
        "train": ("overdue", False, False),
        "extra": ("withdrawn", False, False),
        "guide": ("in_time", False, False),
    }
    assert report.pending_extensions == ("guide",)


# -- what the report says ----------------------------------------------------------------


def _md_table(text: str, heading: str) -> list[list[str]]:
    """The rows (cells stripped of bold) of the first table after ``heading``."""
    lines = text[text.index(heading) :].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = [c.strip().strip("*") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows.append(cells)
    return [rows[0], *rows[2:]]  # without the alignment row


def test_markdown_counts_equal_the_statistics(
    report: StatusReport, options: ReportOptions, hcmc: Hierarchy
) -> None:
    text = _render("status-md", report, options, lang="en")
    overall = statistics(report).overall
    summary = {row[0]: row[1] for row in _md_table(text, "## Summary")[1:]}
    assert summary["Completed on time"] == str(overall.done_on_time) == "1"
    assert summary["Completed late"] == str(overall.done_late) == "1"
    assert summary["Not completed, within the deadline"] == str(overall.in_time) == "2"
    assert summary["Not completed, overdue"] == str(overall.overdue) == "1"
    assert summary["Withdrawn"] == str(overall.withdrawn) == "1"
    assert summary["At risk of missing the deadline"] == str(overall.at_risk) == "1"
    assert summary["Deadline extended"] == str(overall.extended) == "1"
    assert summary["Total tasks (withdrawn ones apart)"] == str(overall.total) == "5"

    by_lead = _md_table(text, "## By lead agency")
    # With the hierarchy, each district's and ward's organs count in their district's row.
    expected = rolled_leads(statistics(report, by="lead"), hcmc, report.as_of)
    assert len(by_lead) == 1 + len(expected.rows) + 1  # header, rows, the whole plan
    for cells, row in zip(by_lead[1:], expected.rows, strict=False):
        shown = row.key if row.name is None else f"{row.name} ({row.key})"
        assert cells[0] == (shown or "(no lead agency)")
        assert cells[1:9] == [str(row.total), *(str(n) for n in _counts(row))]

    assert "Thành phố Thủ Đức (hcmc/thu-duc)" in [c[0] for c in by_lead]
    assert "Each district counts its own organs and those of its communes" in text
    by_unit = _md_table(text, "## By administrative unit")
    units = statistics(report, by="unit", hierarchy=hcmc)
    assert [c[1] for c in by_unit[1:-1]] == [str(r.total) for r in units.rows]
    assert by_unit[1][0] == "Thành phố Hồ Chí Minh (hcmc)"  # named, and rolled up:
    assert by_unit[1][1] == "5"  # every task: guide is in its lead's unit


def _counts(row: object) -> Iterator[int]:
    names = ("done_on_time", "done_late", "in_time", "overdue", "withdrawn", "at_risk", "extended")
    for name in names:
        yield getattr(row, name)


def test_the_lists_name_lead_days_late_and_extensions(
    report: StatusReport, options: ReportOptions
) -> None:
    text = _render("status-md", report, options, lang="en")
    overdue = _md_table(text, "## Overdue tasks")
    assert overdue[1][1] == "Tập huấn (train)"
    assert overdue[1][2] == "hcmc/so-noi-vu"
    assert overdue[1][5] == str(report["train"].days_late) == "5"
    at_risk = _md_table(text, "## Tasks at risk")
    assert at_risk[1][1].endswith("(ward)")
    assert at_risk[1][3] == "Chủ tịch phường"  # the task's accountable, without organisation
    assert at_risk[1][4] == "2021-05-07"  # judged by the extended deadline
    assert at_risk[1][7] == report["ward"].forecast_finish.isoformat()
    granted = _md_table(text, "### Extensions granted")
    assert granted[1][3:6] == ["2021-04-30", "2021-05-07", "1"]
    pending = _md_table(text, "### Extension requests not yet decided")
    assert pending[1][3:7] == ["2021-04-23", "2021-05-14", "2021-04-20", "Chờ ý kiến Bộ"]
    assert "- **Forecast finish of the plan:** " + report.forecast.finish.isoformat() in text


def test_late_and_at_risk_tasks_name_what_set_their_forecast(
    report: StatusReport, options: ReportOptions
) -> None:
    """The head of each one's driving path (``urbangov explain`` says the rest)."""
    english = _render("status-md", report, options, lang="en")
    overdue = _md_table(english, "## Overdue tasks")
    assert overdue[0][-1] == "Cause (head of the driving path)"
    assert overdue[1][-1] == "train not started by the status date 2021-04-21"
    at_risk = _md_table(english, "## Tasks at risk")
    assert at_risk[1][-1] == "ward actually started on 2021-04-20"
    vietnamese = _render("status-md", report, options, lang="vi")
    at_risk = _md_table(vietnamese, "## Nhiệm vụ có nguy cơ trễ hạn")
    assert at_risk[1][-1] == "ward bắt đầu thực tế ngày 20/04/2021"
    upcoming = _md_table(english, "## Deadlines in the next 10 working days")
    assert "Cause (head of the driving path)" not in upcoming[0]


def test_titles_are_escaped_in_markdown(report: StatusReport, options: ReportOptions) -> None:
    text = _render("status-md", report, options)
    assert r"Hướng dẫn \*mới\* \| bản 2 (guide)" in text


def test_without_the_log_a_pending_request_is_listed_without_its_dates(
    report: StatusReport, options: ReportOptions
) -> None:
    text = _render("status-md", report, options, lang="en", log=None)
    pending = _md_table(text, "### Extension requests not yet decided")
    assert pending[1][3:7] == ["2021-04-23", "", "", ""]


def test_group_by_and_depth_choose_the_tables(report: StatusReport, options: ReportOptions) -> None:
    only_units = _render("status-md", report, options, lang="en", group_by="unit", depth=1)
    assert "## By lead agency" not in only_units
    table = _md_table(only_units, "## By administrative unit")
    assert [row[0] for row in table[1:]] == [
        "Thành phố Hồ Chí Minh (hcmc)",
        "Quận 1 (hcmc/quan-1)",
        "Thành phố Thủ Đức (hcmc/thu-duc)",  # An Khánh is two levels down: rolled up here
        "Whole plan",
    ]
    assert "down to 1 level(s) below the top" in only_units
    only_leads = _render("status-md", report, options, lang="en", group_by="lead")
    assert "## By administrative unit" not in only_leads


def test_a_plan_with_groups_is_counted_per_group_too(options: ReportOptions) -> None:
    from urbangov.plan import Group

    plain = _plan()
    tasks = [
        attrs.evolve(t, part_of="I") if t.id in ("draft", "review") else t for t in plain.tasks
    ]
    grouped = attrs.evolve(plain, tasks=tasks, groups=[Group("I", "Hoàn thiện thể chế")])
    report = status_report(grouped, _log(), AS_OF)
    both = attrs.evolve(options, status=report, lang="en")
    text = _render("status-md", report, both)
    table = _md_table(text, "## By group of tasks")
    assert [row[:4] for row in table[1:]] == [
        ["Hoàn thiện thể chế (I)", "2", "1", "1"],  # done on time, done late
        ["(in no group)", "3", "0", "0"],  # the withdrawn task is not counted
        ["Whole plan", "5", "1", "1"],
    ]
    assert "## By group of tasks" not in _render("status-md", report, both, group_by="lead")
    assert "## By group of tasks" not in _render("status-md", *_plain_options(options))
    page = _render("status-html", report, both)
    assert 'id="by-group"' in page


def _plain_options(options: ReportOptions) -> tuple[StatusReport, ReportOptions]:
    report = status_report(_plan(), _log(), AS_OF)
    return report, attrs.evolve(options, status=report, lang="en")


def test_a_period_counts_only_its_tasks_and_says_which(
    report: StatusReport, options: ReportOptions
) -> None:
    week = ReportingPeriod.custom(dt.date(2021, 4, 12), dt.date(2021, 4, 18))
    text = _render("status-md", report, options, lang="en", period=week)
    summary = {row[0]: row[1] for row in _md_table(text, "## Summary")[1:]}
    expected = statistics(report, period=week).overall
    assert summary["Total tasks (withdrawn ones apart)"] == str(expected.total)
    assert expected.total < statistics(report).overall.total
    assert "2021-04-12 to 2021-04-18" in text
    assert "tasks outside the reporting period included" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_labels_follow_the_language(fmt: str, report: StatusReport, options: ReportOptions) -> None:
    vi = _render(fmt, report, options, lang="vi")
    en = _render(fmt, report, options, lang="en")
    for label in VI_STATUSES:
        assert label in vi
        assert label not in en
    for label in EN_STATUSES:
        assert label in en
    assert "21/04/2021" in vi  # dates as Vietnamese readers write them
    assert "2021-04-21" in en
    assert "Báo cáo tình hình thực hiện nhiệm vụ: Kế hoạch thử" in vi
    assert "Status report: Kế hoạch thử" in en


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_tracking_data_a_clear_error(fmt: str, report: StatusReport) -> None:
    with pytest.raises(ReportError, match=f"report format '{fmt}' needs tracking data") as info:
        render(fmt, report.forecast, ReportOptions())
    assert isinstance(info.value, UrbangovError)
    assert "\n" not in str(info.value)


def test_the_formats_say_they_need_tracking_data() -> None:
    reporters = plugins_with().reporters()
    assert all(reporters[name].needs_tracking for name in FORMATS)
    assert not any(reporters[name].needs_tracking for name in ("json", "csv", "gantt-html"))
    assert reporters["status-md"].suffix == ".md"
    assert reporters["status-html"].media_type == "text/html"


def test_reporters_and_options_made_as_before_still_work() -> None:
    # A plugin written for 0.1 builds both positionally; the new fields have defaults.
    old = Reporter("x", "X", ".txt", "text/plain", lambda s, o: "x")
    assert old.needs_tracking is False
    options = ReportOptions(AS_OF, "en", "lead")
    assert (options.status, options.period, options.depth, options.log) == (None,) * 4
    with pytest.raises(ValueError, match="depth"):
        ReportOptions(depth=-1)


# -- the HTML page -------------------------------------------------------------------------

_VOID = {"meta", "br", "img", "input", "link", "hr", "col", "wbr"}


@attrs.define
class _Page(HTMLParser):
    """Checks that tags nest and collects what the tests look at."""

    stack: list[str] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)
    tags: list[tuple[str, dict[str, str | None]]] = attrs.field(factory=list)
    tables: list[dict[str, list[list[str]]]] = attrs.field(factory=list)
    _cell: list[str] | None = None
    _part: str = "tbody"

    def __attrs_post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attributes)))
        if tag not in _VOID:
            self.stack.append(tag)
        if tag == "table":
            self.tables.append({"caption": [[]], "thead": [], "tbody": [], "tfoot": []})
        elif tag in ("thead", "tbody", "tfoot"):
            self._part = tag
        elif tag == "tr":
            self.tables[-1][self._part].append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag in ("th", "td") and self._cell is not None:
            self.tables[-1][self._part][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self.stack and self.stack[-1] == "caption":
            self.tables[-1]["caption"][0].append(data)


def _parsed(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_is_self_contained_and_accessible(
    lang: str, report: StatusReport, options: ReportOptions
) -> None:
    page = _render("status-html", report, options, lang=lang)
    assert page.startswith("<!DOCTYPE html>\n")
    parsed = _parsed(page)
    html_tag = [a for t, a in parsed.tags if t == "html"]
    assert html_tag == [{"lang": lang}]
    names = [t for t, _ in parsed.tags]
    assert "script" not in names
    assert "link" not in names
    assert "img" not in names
    assert not re.findall(r"(?:src|href)=|url\(|@import", page)  # nothing fetched
    assert names.count("h1") == 1
    assert "main" in names
    assert "title" in names
    # Real tables: each has a caption, column headers and a header cell per row.
    assert parsed.tables
    assert len(parsed.tables) == names.count("caption")
    for tag, attributes in parsed.tags:
        if tag == "th":
            assert attributes.get("scope") in ("col", "row")
    for table in parsed.tables:
        assert table["thead"]
        assert all(table["thead"][0])
        assert all(len(row) == len(table["thead"][0]) for row in table["tbody"] + table["tfoot"])
    assert "@media print" in page
    assert "@page" in page


def test_the_page_says_what_the_markdown_says(report: StatusReport, options: ReportOptions) -> None:
    page = _parsed(_render("status-html", report, options, lang="en"))
    text = _render("status-md", report, options, lang="en")
    by_caption = {"".join(t["caption"][0]): t for t in page.tables}
    summary = by_caption["Summary"]
    assert [row[:2] for row in summary["tbody"]] == [
        row[:2] for row in _md_table(text, "## Summary")[1:]
    ]
    lead = by_caption["By lead agency"]
    md_lead = _md_table(text, "## By lead agency")
    assert lead["tbody"] + lead["tfoot"] == md_lead[1:]
    overdue = by_caption["Overdue tasks"]
    assert overdue["tbody"] == _md_table(text, "## Overdue tasks")[1:]
    # Overdue and at-risk rows of the summary are marked for colour (the words say it too).
    assert 'class="overdue"' in _render("status-html", report, options)


def test_an_empty_list_says_so(report: StatusReport, options: ReportOptions) -> None:
    nothing = TrackingLog()
    early = status_report(report.plan, nothing, report.plan.start)
    text = _render("status-md", report, options, lang="en", status=early, log=nothing)
    assert "## Overdue tasks\n\nNone.\n" in text
    assert "### Extensions granted\n\nNone.\n" in text


def test_the_sample_schedule_is_not_a_status(report: StatusReport) -> None:
    """The schedule argument is not what the report shows: the status is."""
    assert isinstance(report.forecast, Schedule)


def test_upcoming_deadlines_and_critical_tasks_are_listed() -> None:
    from urbangov.testing import sample_status

    status = sample_status()  # as of 9 February 2021, the eve of Tết
    text = render("status-md", status.forecast, ReportOptions(status=status, lang="en"))
    assert isinstance(text, str)
    upcoming = text.split("## Deadlines in the next 10 working days")[1].split("\n## ")[0]
    # t4 and t2 are due on the 17th and the 19th: Tết leaves 1 and 3 working days.
    rows = [line for line in upcoming.splitlines() if line.startswith(("| 1 ", "| 2 "))]
    assert "(t4)" in rows[0]
    assert "| 1 |" in rows[0]
    assert "(t2)" in rows[1]
    assert "| 3 |" in rows[1]
    assert "(t1)" not in upcoming  # overdue already, listed there
    critical = text.split("## Critical tasks")[1].split("\n## ")[0]
    assert [re.search(r"\((t\d|m\d)\)", line)[1] for line in critical.splitlines()  # type: ignore[index]
            if line.startswith("| ") and line[2].isdigit()] == ["t4", "t1", "m1", "t2"]  # fmt: skip
    assert "(t3)" not in critical  # done tasks are not listed


# -- at a glance: charts drawn in the page, checked in a real browser -------------------


@pytest.fixture(scope="module")
def hcmc_page() -> str:
    """The HCMC example's status page as of 14 June 2021, with its progress."""
    from tests.examples import HCMC_DIR
    from urbangov.io import hierarchy_of, load_plan, load_progress

    plan = load_plan(HCMC_DIR / "plan.toml")
    log = load_progress(HCMC_DIR / "progress-2021-06-14.csv", plan)
    day = dt.date(2021, 6, 14)
    status = status_report(plan, log, day)
    options = ReportOptions(
        as_of=day, status=status, log=log, hierarchy=hierarchy_of(plan), lang="en"
    )
    page = render("status-html", status.forecast.planned(), options)
    assert isinstance(page, str)
    return page


def test_the_page_draws_districts_and_progress(hcmc_page: str) -> None:
    charts = re.findall(r'<svg class="chart"[^>]*aria-label="([^"]+)"', hcmc_page)
    assert charts == [
        "On-time rate and overdue tasks per district",
        "The plan&#x27;s progress: planned and reported",
    ]
    districts = re.search(r'aria-label="On-time rate[^"]*".*?</svg>', hcmc_page, re.S)
    assert districts is not None
    assert (
        districts.group(0).count("<title>Quận")
        + districts.group(0).count("<title>Thành phố Thủ Đức")
        >= 17
    )  # every district with tasks has a bar
    progress = re.search(r'aria-label="The plan[^"]*".*?</svg>', hcmc_page, re.S)
    assert progress is not None
    assert progress.group(0).count("<path") == 2  # planned and reported
    assert "<summary>The numbers</summary>" in hcmc_page  # the same numbers, as tables
    # Nothing is fetched: no script, no external resource.
    assert "<script" not in hcmc_page
    assert not re.search(r'(src|href)="https?:', hcmc_page)
    # The committees of 249 wards are rolled into their districts.
    lead_rows = re.search(r'id="by-lead".*?</table>', hcmc_page, re.S)
    assert lead_rows is not None
    assert lead_rows.group(0).count("<tr") < 40


@pytest.mark.skipif(not HAS_CHROMIUM, reason=f"no Chromium at {CHROMIUM} (URBANGOV_CHROMIUM)")
def test_the_charts_render_in_chromium(hcmc_page: str, tmp_path: Path) -> None:
    page = tmp_path / "status.html"
    page.write_text(hcmc_page, encoding="utf-8")
    shot = tmp_path / "status.png"
    done = chromium(page.as_uri(), f"--screenshot={shot}", tmp=tmp_path)
    assert shot.exists(), done.stderr[-2000:]
    assert not list(console_messages(done.stderr))
    assert shot.stat().st_size > 20_000
    dom = chromium(page.as_uri(), "--dump-dom", tmp=tmp_path).stdout
    assert dom.count('<svg class="chart"') == 2
    assert dom.count("<rect") >= 17  # the district bars, laid out by the browser
