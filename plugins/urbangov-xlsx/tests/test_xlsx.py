"""The xlsx workbook, read back with openpyxl: what a civil servant opens and prints."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import urbangov_xlsx
from openpyxl.cell.cell import Cell
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from urbangov.calendar import WorkCalendar
from urbangov.plan import Plan, Task
from urbangov.reporting import ReportOptions
from urbangov.scheduling import Schedule, schedule
from urbangov.testing import plugins_with, render, sample_schedule, sample_status
from urbangov.tracking import Baseline

VI_HEADERS = [
    "STT",
    "Mã",
    "Công việc",
    "Đơn vị chủ trì",
    "Thời gian (ngày làm việc)",
    "Bắt đầu",
    "Kết thúc",
    "Hạn",
    "Dự trữ",
    "Găng",
]
EN_HEADERS = [
    "No.",
    "Id",
    "Task",
    "Lead",
    "Duration (working days)",
    "Start",
    "Finish",
    "Deadline",
    "Slack",
    "Critical",
]
FIRST = 3  # the first task row of the table: title, then header
LIGHT_RED = "FFC7CE"


def _book(options: ReportOptions | None = None, scheduled: Schedule | None = None) -> Workbook:
    data = render("xlsx", scheduled, options, plugins=plugins_with(urbangov_xlsx))
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data))


def _table(options: ReportOptions | None = None) -> Worksheet:
    return _book(options).worksheets[0]


def _cell(ws: Worksheet, row: int, column: int) -> Cell:
    cell = ws.cell(row, column)
    assert isinstance(cell, Cell)
    return cell


def _row(ws: Worksheet, row: int) -> list[object]:
    return [ws.cell(row, column).value for column in range(1, 11)]


def _rgb(cell: Cell) -> str:
    return str(cell.fill.fgColor.rgb)[-6:] if cell.fill.fill_type == "solid" else ""


def test_the_format_is_registered() -> None:
    plugins = plugins_with(urbangov_xlsx)
    assert plugins.owner("reporter", "xlsx") == "urbangov_xlsx"
    reporter = plugins.reporter("xlsx")
    assert reporter.suffix == ".xlsx"
    assert reporter.media_type == urbangov_xlsx.MEDIA_TYPE


def test_vietnamese_labels_by_default() -> None:
    book = _book()
    assert book.sheetnames == ["Tiến độ", "Biểu đồ"]
    ws = book.worksheets[0]
    assert ws["A1"].value == "Kế hoạch mẫu"
    assert _row(ws, 2) == VI_HEADERS
    assert _cell(ws, FIRST, 10).value == "x"  # t1 is critical
    notes = [ws.cell(row, 1).value for row in range(ws.max_row - 1, ws.max_row + 1)]
    assert str(notes[0]).startswith("Chú thích:")
    assert notes[1] == "Thời gian thực hiện: từ ngày 25/01/2021 đến ngày 19/02/2021."


def test_english_labels_when_asked() -> None:
    book = _book(ReportOptions(lang="en"))
    assert book.sheetnames == ["Schedule", "Chart"]
    assert _row(book.worksheets[0], 2) == EN_HEADERS
    assert book.worksheets[1]["B2"].value == "Task"


def test_one_row_per_task_in_plan_order() -> None:
    scheduled = sample_schedule()
    ws = _book(scheduled=scheduled).worksheets[0]
    rows = [_row(ws, FIRST + n) for n in range(len(scheduled))]
    assert [row[0] for row in rows] == list(range(1, len(scheduled) + 1))
    assert [row[1] for row in rows] == [task.id for task in scheduled]
    assert [row[4] for row in rows] == [task.duration for task in scheduled.plan.tasks]
    assert [row[8] for row in rows] == [task.total_slack for task in scheduled]
    assert ws.cell(FIRST + len(scheduled), 1).value is None  # then a blank line, the key
    assert ws.auto_filter.ref == f"A2:J{FIRST + len(scheduled) - 1}"


def test_dates_are_real_dates_shown_day_first() -> None:
    scheduled = sample_schedule()
    ws = _book(scheduled=scheduled).worksheets[0]
    for column, day in ((6, scheduled[0].start), (7, scheduled[0].finish)):
        cell = _cell(ws, FIRST, column)
        assert cell.is_date
        assert isinstance(cell.value, dt.datetime)
        assert cell.value.date() == day
        assert cell.number_format == "dd/mm/yyyy"
    deadline = _cell(ws, FIRST + 5, 8)  # m1
    assert isinstance(deadline.value, dt.datetime)
    assert deadline.value.date() == dt.date(2021, 2, 17)
    assert deadline.number_format == "dd/mm/yyyy"


def test_critical_tasks_are_light_red_and_missed_deadlines_red_text() -> None:
    scheduled = sample_schedule()
    ws = _book(scheduled=scheduled).worksheets[0]
    for n, task in enumerate(scheduled):
        cells = [_cell(ws, FIRST + n, column) for column in range(1, 11)]
        assert {_rgb(cell) for cell in cells} == {LIGHT_RED if task.critical else ""}, task.id
        red = [str(cell.font.color.rgb).endswith("C00000") for cell in cells if cell.font.color]
        assert (red == [True] * 10) if task.id == "m1" else not any(red), task.id
    assert str(ws.cell(FIRST + 5, 3).value).startswith("◆ ")  # m1 is a milestone
    assert not str(ws.cell(FIRST, 3).value).startswith("◆")


def test_frozen_header_widths_and_print_setup() -> None:
    ws = _table()
    assert ws.freeze_panes == "A3"
    assert ws.column_dimensions["C"].width == 50
    assert all(ws.column_dimensions[c].width for c in "ABCDEFGHIJ")
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize or 0) == 9  # A4
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    setup = ws.sheet_properties.pageSetUpPr
    assert setup is not None
    assert setup.fitToPage
    assert ws.print_title_rows == "$2:$2"


def test_tasks_grouped_by_lead_under_bold_headers() -> None:
    ws = _table(ReportOptions(group_by="lead"))
    column_a = [ws.cell(row, 1).value for row in range(FIRST, FIRST + 9)]
    column_b = [ws.cell(row, 2).value for row in range(FIRST, FIRST + 9)]
    assert column_a == ["I", 1, "II", 1, "III", 1, 2, 3, 4]
    assert column_b == [
        "Đơn vị chủ trì: hcmc/so-noi-vu",
        "t1",
        "Đơn vị chủ trì: hcmc/so-tu-phap",
        "t2",
        "Chưa giao đơn vị chủ trì",  # tasks without a lead come last
        "t3",
        "t4",
        "t5",
        "m1",
    ]
    assert _cell(ws, FIRST, 2).font.bold
    assert f"B{FIRST}:J{FIRST}" in {str(merged) for merged in ws.merged_cells.ranges}
    assert ws.row_dimensions[FIRST + 1].outline_level == 1
    chart = _book(ReportOptions(group_by="lead", lang="en")).worksheets[1]
    assert chart["B4"].value == "Lead: hcmc/so-noi-vu"


def test_a_plans_groups_are_headers_with_every_task_under_them() -> None:
    from urbangov.plan import Group

    plan = Plan(
        "g",
        "Nhóm",
        dt.date(2021, 1, 4),
        tasks=[
            Task("a", "Đề án", 5, part_of="I.1"),
            Task("c", "Chung", 2),
            Task("b", "Thành lập", 3, depends=["a"], part_of="I"),
            Task("d", "Khác", 1, part_of="II"),
        ],
        groups=[
            Group("I", "Tổ chức bộ máy"),
            Group("I.1", "Thủ Đức", part_of="I"),
            Group("II", "Hai"),
        ],
    )
    ws = _book(ReportOptions(), schedule(plan)).worksheets[0]
    rows = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(FIRST, FIRST + 6)]
    assert rows == [
        (1, "c"),  # under no group: first
        ("I", "Tổ chức bộ máy"),
        (1, "a"),  # under I.1, so under I
        (2, "b"),
        ("II", "Hai"),
        (1, "d"),
    ]
    assert _cell(ws, FIRST + 1, 2).font.bold


def test_chart_fills_the_weeks_a_task_works() -> None:
    scheduled = sample_schedule()
    chart = _book(scheduled=scheduled).worksheets[1]
    header = [chart.cell(3, column).value for column in range(3, chart.max_column + 1)]
    mondays = [value for value in header if isinstance(value, dt.datetime)]
    assert mondays[0].date() == dt.date(2021, 1, 25)
    assert mondays[-1].date() == dt.date(2021, 2, 15)
    assert _cell(chart, 3, 3).number_format == "dd/mm"
    bars = {
        task.id: [_rgb(_cell(chart, 4 + n, 3 + w)) for w in range(len(mondays))]
        for n, task in enumerate(scheduled)
    }
    critical, other = "C0504D", "4F81BD"
    assert bars["t1"] == [critical, critical, "", ""]  # 25/01 to 05/02
    assert bars["t3"] == [other, "", "", ""]
    assert bars["m1"] == ["", "", "", ""]
    assert chart.cell(4 + 5, 3 + 3).value == "◆"  # m1 on 19/02
    assert chart.freeze_panes == "C4"
    assert chart.print_title_rows == "$2:$3"
    assert chart.page_setup.orientation == "landscape"


def test_a_week_without_working_days_stays_blank() -> None:
    holidays = [dt.date(2024, 1, 8) + dt.timedelta(days=n) for n in range(5)]
    plan = Plan(
        "p",
        "Nghỉ cả tuần",
        dt.date(2024, 1, 1),
        tasks=[Task("a", "Việc", 10)],
        calendar=WorkCalendar.mon_fri().adjusted(holidays=holidays),
    )
    chart = _book(scheduled=schedule(plan)).worksheets[1]
    assert [_rgb(_cell(chart, 4, column)) != "" for column in (3, 4, 5)] == [True, False, True]


def test_the_status_week_is_marked() -> None:
    chart = _book(ReportOptions(as_of=dt.date(2021, 2, 3))).worksheets[1]
    headers = {chart.cell(3, column).value: _rgb(_cell(chart, 3, column)) for column in (3, 4)}
    assert headers == {dt.datetime(2021, 1, 25): "D9D9D9", dt.datetime(2021, 2, 1): "FFEB9C"}


@pytest.mark.parametrize(
    "title",
    ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "tab\x01bell"],
)
def test_titles_are_text_never_formulas(title: str) -> None:
    """OWASP's CSV injection: a cell that starts with = + - @ TAB or CR is text, and
    shown as text (a quote prefix) when an official edits it."""
    plan = Plan("p", title, dt.date(2024, 1, 1), tasks=[Task("a", title, 1)])
    ws = _book(scheduled=schedule(plan)).worksheets[0]
    cell = _cell(ws, FIRST, 3)
    assert cell.data_type == "s"
    # Control characters go; a carriage return is kept (openpyxl with lxml, which
    # urbangov depends on) or read back as a newline (openpyxl's stdlib XML writer).
    kept = title.replace("\x01", "")
    assert cell.value in {kept, kept.replace("\r", "\n")}
    assert cell.quotePrefix == (title[0] in "=+-@\t\r")


def test_an_empty_plan_still_renders() -> None:
    plan = Plan("p", "Trống", dt.date(2024, 1, 1))
    book = _book(scheduled=schedule(plan))
    assert _row(book.worksheets[0], 2) == VI_HEADERS


# -- tracking data ----------------------------------------------------------------------

FILLS = {
    "t1": "D55E00",  # overdue
    "t2": "E69F00",  # at risk
    "t3": "009E73",  # done on time
    "t4": "",  # within the deadline: no fill
    "t5": "CC79A7",  # done late
    "m1": "",
}


def _tracked(**options: object) -> Workbook:
    chosen = ReportOptions(status=sample_status(), **options)  # type: ignore[arg-type]
    return _book(chosen)


def test_status_and_progress_columns_with_tracking_data() -> None:
    ws = _tracked().worksheets[0]
    assert [ws.cell(2, c).value for c in (11, 12)] == ["Tình trạng", "Tiến độ"]
    status = sample_status()
    rows = {_cell(ws, FIRST + n, 2).value: FIRST + n for n in range(len(status))}
    labels = {task: _cell(ws, row, 11).value for task, row in rows.items()}
    assert labels == {
        "t1": "Chưa hoàn thành, quá hạn",
        "t2": "Còn trong hạn, có nguy cơ trễ hạn",
        "t3": "Hoàn thành đúng hạn",
        "t4": "Chưa hoàn thành, còn trong hạn",
        "t5": "Hoàn thành quá hạn",
        "m1": "Chưa hoàn thành, còn trong hạn",
    }
    for task in status:
        progress = _cell(ws, rows[task.task], 12)
        assert progress.value == task.progress / 100
        assert progress.number_format == "0%"
    assert ws.auto_filter.ref == f"A2:L{FIRST + len(status) - 1}"
    notes = [str(ws.cell(r, 1).value) for r in range(ws.max_row - 2, ws.max_row + 1)]
    assert notes[-1] == (
        "Tình trạng, tiến độ và ngày bắt đầu, kết thúc dự kiến theo số liệu đến ngày 09/02/2021."
    )


def test_status_cells_are_filled_by_status() -> None:
    ws = _tracked().worksheets[0]
    for n in range(6):
        task = str(_cell(ws, FIRST + n, 2).value)
        cell = _cell(ws, FIRST + n, 11)
        expected = FILLS[task]
        if not expected:  # no status fill: the row's own (light red when critical)
            assert _rgb(cell) in {"", LIGHT_RED}, task
            continue
        assert _rgb(cell) == expected, task
        white = str(cell.font.color.rgb).endswith("FFFFFF") if cell.font.color else False
        assert white == (task in {"t1", "t3"}), task  # white on the dark fills


def test_tracked_dates_are_the_forecast() -> None:
    status = sample_status()
    ws = _tracked(lang="en").worksheets[0]
    assert [ws.cell(2, c).value for c in (11, 12)] == ["Status", "Progress"]
    for n, row in enumerate(status.forecast):
        finish = _cell(ws, FIRST + n, 7).value
        assert isinstance(finish, dt.datetime)
        assert finish.date() == row.finish, row.id
    assert _cell(ws, FIRST + 1, 11).value == "Within the deadline, at risk"  # t2


def test_baseline_columns_when_a_baseline_is_given() -> None:
    planned = sample_schedule()
    kept = Baseline.of(planned, "approved", dt.date(2021, 1, 25))
    ws = _tracked(baseline=kept).worksheets[0]
    assert [ws.cell(2, c).value for c in range(11, 16)] == [
        "Tình trạng",
        "Tiến độ",
        "Bắt đầu (kế hoạch gốc)",
        "Kết thúc (kế hoạch gốc)",
        "Chênh lệch (ngày làm việc)",
    ]
    status = sample_status()
    between = planned.plan.calendar.working_days_between
    for n, (row, forecast) in enumerate(zip(planned, status.forecast, strict=True)):
        start, finish, moved = (_cell(ws, FIRST + n, c) for c in (13, 14, 15))
        assert isinstance(start.value, dt.datetime)
        assert start.value.date() == row.start
        assert isinstance(finish.value, dt.datetime)
        assert finish.value.date() == row.finish
        assert finish.number_format == "dd/mm/yyyy"
        assert moved.value == between(row.finish, forecast.finish), row.id
    assert any(_cell(ws, FIRST + n, 15).value for n in range(6))  # something moved
    # A baseline without tracking data: only its three columns.
    alone = _book(ReportOptions(baseline=kept, lang="en")).worksheets[0]
    assert [alone.cell(2, c).value for c in range(11, 14)] == [
        "Baseline start",
        "Baseline finish",
        "Finish variance (working days)",
    ]
    assert alone.cell(2, 14).value is None


def test_no_tracking_columns_without_tracking_data() -> None:
    ws = _table()
    assert ws.cell(2, 11).value is None
