"""The workbook, built with openpyxl: a table sheet and a bar-chart sheet.

Both sheets are laid out for print first (A4 landscape, fit to the page width, the
header repeated on every page, Times New Roman as administrative documents use),
because the workbook is most often printed and signed, then filed.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import Outline, PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from urbangov.plan import Group, Plan, Task
from urbangov.reporting import GroupBy, ReportOptions, starts_like_a_formula
from urbangov.scheduling import Schedule, TaskSchedule, WarningKind
from urbangov_xlsx._status import Tracking, status_font

__all__ = ["HEADERS", "LABELS", "by_top_group", "saved", "workbook_bytes"]

#: The table's column headers, by language.
HEADERS: Final = {
    "vi": (
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
    ),
    "en": (
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
    ),
}

#: Every other label, by language.
LABELS: Final = {
    "vi": {
        "table": "Tiến độ",
        "chart": "Biểu đồ",
        "lead": "Đơn vị chủ trì: {key}",
        "no_lead": "Chưa giao đơn vị chủ trì",
        "unit": "Đơn vị: {key}",
        "no_unit": "Chưa giao đơn vị",
        "key": (
            "Chú thích: công việc găng (dự trữ ≤ 0 ngày) tô nền đỏ nhạt; "
            "công việc trễ hạn ghi chữ đỏ; ◆ là mốc."
        ),
        "period": "Thời gian thực hiện: từ ngày {start} đến ngày {finish}.",
        "weeks": "Mỗi cột là một tuần, ghi ngày thứ Hai đầu tuần.",
        "critical": "Công việc găng",
        "other": "Công việc khác",
        "milestone": "Mốc",
        "as_of": "Tuần có ngày báo cáo {date}",
        "tracked": (
            "Tình trạng, tiến độ và ngày bắt đầu, kết thúc dự kiến theo số liệu đến ngày {date}."
        ),
        "page": "Trang &P/&N",
    },
    "en": {
        "table": "Schedule",
        "chart": "Chart",
        "lead": "Lead: {key}",
        "no_lead": "No lead",
        "unit": "Unit: {key}",
        "no_unit": "No unit",
        "key": (
            "Key: critical tasks (slack ≤ 0 days) have a light red fill; "
            "tasks that miss their deadline are in red; ◆ marks a milestone."
        ),
        "period": "Period: {start} to {finish}.",
        "weeks": "One column per week, headed by its Monday.",
        "critical": "Critical task",
        "other": "Other task",
        "milestone": "Milestone",
        "as_of": "Week of the status date {date}",
        "tracked": "Status, progress and the forecast start and finish as of {date}.",
        "page": "Page &P of &N",
    },
}

DATE_FORMAT: Final = "dd/mm/yyyy"
#: Negative slack (a deadline that cannot be met) in red, as Excel users expect.
SLACK_FORMAT: Final = "0;[Red]-0;0"
FONT: Final = "Times New Roman"

_TEXT = Font(name=FONT, size=12)
_BOLD = Font(name=FONT, size=12, bold=True)
_LATE = Font(name=FONT, size=12, color="C00000")
_LATE_BOLD = Font(name=FONT, size=12, bold=True, color="C00000")
_TITLE = Font(name=FONT, size=14, bold=True)
_NOTE = Font(name=FONT, size=11, italic=True)
_SMALL = Font(name=FONT, size=9)
_MARK_CRITICAL = Font(name=FONT, size=12, bold=True, color="C0504D")
_MARK_OTHER = Font(name=FONT, size=12, bold=True, color="1F4E79")

_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_GROUP_FILL = PatternFill("solid", fgColor="EDEDED")
#: Excel's own "Bad" fill: a reader knows it means trouble.
CRITICAL_FILL: Final = PatternFill("solid", fgColor="FFC7CE")
BAR_CRITICAL: Final = PatternFill("solid", fgColor="C0504D")
BAR_OTHER: Final = PatternFill("solid", fgColor="4F81BD")
_AS_OF_FILL = PatternFill("solid", fgColor="FFEB9C")

_LINE = Side(style="thin", color="808080")
_BOX = Border(left=_LINE, right=_LINE, top=_LINE, bottom=_LINE)
_HAIR = Side(style="hair", color="BFBFBF")
_GRID = Border(left=_HAIR, right=_HAIR, top=_HAIR, bottom=_HAIR)

_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(horizontal="left", vertical="center", wrap_text=True)
_ROTATED = Alignment(horizontal="center", vertical="center", text_rotation=90)

#: The table's column widths (in Excel's character units); B and D follow the data.
_WIDTHS: Final = (5.0, 0.0, 50.0, 0.0, 11.0, 11.5, 11.5, 11.5, 8.0, 7.0)
_WEEK_WIDTH: Final = 3.3
_CHART_TASK_WIDTH: Final = 60.0
#: How many week columns to print on one page width before using another page.
_WEEKS_PER_PAGE: Final = 60
MILESTONE: Final = "◆"
_DAY: Final = dt.timedelta(days=1)
_WEEK: Final = dt.timedelta(weeks=1)


class _TaskLine(NamedTuple):
    number: int
    row: TaskSchedule
    task: Task
    late: bool


class _GroupLine(NamedTuple):
    number: int
    label: str


_Line = _TaskLine | _GroupLine
CellValue = str | int | float | dt.date | None


def workbook_bytes(schedule: Schedule, options: ReportOptions) -> bytes:
    """The whole workbook, saved to memory; with tracking data, the forecast as of the
    status day, with each task's status and progress (and a baseline's dates)."""
    lang = "en" if options.lang == "en" else "vi"
    text = LABELS[lang]
    if options.status is not None:
        schedule = options.status.forecast
    tracking = Tracking(schedule, options, lang)
    lines = _lines(schedule, options.group_by, text)
    book = Workbook()
    book.properties.title = _clean(schedule.plan.title)
    book.properties.creator = "urbangov-xlsx"
    book.properties.language = "en" if lang == "en" else "vi-VN"
    table = book.active
    assert isinstance(table, Worksheet)  # a new workbook always has one sheet
    _table_sheet(table, schedule, lines, text, tracking)
    _chart_sheet(book.create_sheet(), schedule, lines, lang, options.as_of)
    return saved(book)


def saved(book: Workbook) -> bytes:
    """The workbook's bytes, saved to memory."""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _lines(schedule: Schedule, group_by: GroupBy | None, text: dict[str, str]) -> list[_Line]:
    """The rows to show: tasks in plan order (under the plan's top-level groups, when
    it has some: the tasks under none first), or under one header per lead (or unit)
    in order of first appearance, tasks without one last; numbered as Vietnamese
    plans number them (I, II … for groups, 1, 2 … within each)."""
    late_ids = {w.task_id for w in schedule.warnings if w.kind is WarningKind.DEADLINE_MISSED}
    found = [
        (row, task, row.id in late_ids or _after(row.finish, task.deadline))
        for row, task in zip(schedule, schedule.plan.tasks, strict=True)
    ]
    plan = schedule.plan
    if group_by is None and plan.groups:
        return _plan_group_lines(plan, found)
    if group_by is None:
        return [_TaskLine(number, *entry) for number, entry in enumerate(found, 1)]
    groups: dict[str | None, list[tuple[TaskSchedule, Task, bool]]] = {}
    for entry in found:
        key = entry[1].lead or None
        if key is not None and group_by is GroupBy.UNIT:
            key = key.split("/", 1)[0]
        groups.setdefault(key, []).append(entry)
    if None in groups:
        groups[None] = groups.pop(None)
    kind = "unit" if group_by is GroupBy.UNIT else "lead"
    lines: list[_Line] = []
    for number, (key, members) in enumerate(groups.items(), 1):
        label = text[f"no_{kind}"] if key is None else text[kind].format(key=key)
        lines.append(_GroupLine(number, label))
        lines.extend(_TaskLine(n, *entry) for n, entry in enumerate(members, 1))
    return lines


def _plan_group_lines(plan: Plan, found: list[tuple[TaskSchedule, Task, bool]]) -> list[_Line]:
    """The tasks under no group, then a header per top-level group of the plan (its
    title) with every task under it, at any depth, in plan order."""
    lines: list[_Line] = []
    for number, (group, rows) in enumerate(by_top_group(plan, range(len(found)))):
        if group is not None:
            lines.append(_GroupLine(number, group.title))
        lines.extend(_TaskLine(n, *found[row]) for n, row in enumerate(rows, 1))
    return lines


def by_top_group(plan: Plan, rows: Iterable[int]) -> list[tuple[Group | None, list[int]]]:
    """The task ``rows`` under no group (``None``, first), then each top-level group
    of the plan with the rows under it at any depth: the one level of groups a
    table of tasks has."""
    under: dict[str | None, list[int]] = {}
    for row in rows:
        above = plan.groups_above(plan.ids[row])
        under.setdefault(above[-1] if above else None, []).append(row)
    tops = [group for group in plan.groups if group.part_of is None]
    return [(None, under.get(None, [])), *((g, under.get(g.id, [])) for g in tops)]


# -- the table --------------------------------------------------------------------------


def _table_sheet(
    ws: Worksheet,
    schedule: Schedule,
    lines: Sequence[_Line],
    text: dict[str, str],
    tracking: Tracking,
) -> None:
    """Sheet 1: title, header, one row per task (and group), then the key."""
    ws.title = text["table"]
    headers = HEADERS[tracking.lang] + tracking.headers
    columns = len(headers)
    last_column = get_column_letter(columns)
    tasks = schedule.plan.tasks
    widths = list(_WIDTHS) + tracking.widths
    widths[1] = _fit((task.id for task in tasks), low=8, high=22)
    widths[3] = _fit((task.lead or "" for task in tasks), low=14, high=26)
    for column, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(column)].width = width

    _put(ws, 1, 1, schedule.plan.title, font=_TITLE, align=_CENTER)
    ws.merge_cells(f"A1:{last_column}1")
    ws.row_dimensions[1].height = _height([(schedule.plan.title, sum(widths))], _TITLE)
    for column, header in enumerate(headers, 1):
        _put(ws, 2, column, header, font=_BOLD, fill=_HEADER_FILL, align=_CENTER, border=_BOX)
    ws.row_dimensions[2].height = _height(zip(headers, widths, strict=True), _BOLD)

    grouped = any(isinstance(line, _GroupLine) for line in lines)
    r = 3
    for line in lines:
        if isinstance(line, _GroupLine):
            _put(ws, r, 1, _roman(line.number), font=_BOLD, fill=_GROUP_FILL, align=_CENTER)
            _put(ws, r, 2, line.label, font=_BOLD, fill=_GROUP_FILL, align=_WRAP)
            for column in range(1, columns + 1):
                ws.cell(r, column).border = _BOX
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=columns)
            ws.row_dimensions[r].height = _height([(line.label, sum(widths[1:]))], _BOLD)
        else:
            _task_row(ws, r, line, widths, tracking)
            if grouped:
                ws.row_dimensions[r].outline_level = 1
        r += 1
    last = r - 1
    if grouped:  # group headers sit above their tasks: collapse from the header
        ws.sheet_properties.outlinePr = Outline(summaryBelow=False)

    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{last_column}{last}"
    _put(ws, last + 2, 1, text["key"], font=_NOTE)
    period = text["period"].format(
        start=schedule.start.strftime("%d/%m/%Y"), finish=schedule.finish.strftime("%d/%m/%Y")
    )
    _put(ws, last + 3, 1, period, font=_NOTE)
    notes = last + 3
    if tracking.status is not None:
        notes += 1
        day = tracking.status.as_of.strftime("%d/%m/%Y")
        _put(ws, notes, 1, text["tracked"].format(date=day), font=_NOTE)
    ws.print_area = f"A1:{last_column}{notes}"
    _print_setup(ws, schedule, text, rows="2:2", pages_wide=1)


def _task_row(
    ws: Worksheet, r: int, line: _TaskLine, widths: Sequence[float], tracking: Tracking
) -> None:
    row, task = line.row, line.task
    title = f"{MILESTONE} {task.title}" if row.milestone else task.title
    values: tuple[CellValue, ...] = (
        line.number,
        row.id,
        title,
        task.lead or None,
        task.duration,
        row.start,
        row.finish,
        task.deadline,
        row.total_slack,
        "x" if row.critical else None,
    )
    fill = CRITICAL_FILL if row.critical else None
    for column, value in enumerate(values, 1):
        font = _LATE if line.late else _TEXT
        if line.late and column == 8:
            font = _LATE_BOLD
        cell = _put(
            ws,
            r,
            column,
            value,
            font=font,
            fill=fill,
            align=_WRAP if column in (2, 3, 4) else _CENTER,
            border=_BOX,
        )
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        elif column == 9:
            cell.number_format = SLACK_FORMAT
    wrapped = [(row.id, widths[1]), (title, widths[2]), (task.lead or "", widths[3])]
    for column, extra in enumerate(tracking.cells(row), len(values) + 1):
        font = status_font(_LATE if line.late else _TEXT, extra.white)
        cell = _put(ws, r, column, extra.value, font=font, fill=extra.fill or fill, border=_BOX)
        cell.alignment = _WRAP if isinstance(extra.value, str) else _CENTER
        if isinstance(extra.value, dt.date):
            cell.number_format = DATE_FORMAT
        elif extra.number_format is not None:
            cell.number_format = extra.number_format
        if isinstance(extra.value, str):
            wrapped.append((extra.value, widths[column - 1]))
    ws.row_dimensions[r].height = _height(wrapped, _TEXT)


# -- the chart --------------------------------------------------------------------------


def _chart_sheet(
    ws: Worksheet,
    schedule: Schedule,
    lines: Sequence[_Line],
    lang: str,
    as_of: dt.date | None,
) -> None:
    """Sheet 2: a bar per task, one column per week, filled in weeks the task works.

    Weeks, not days: a plan of a year fits a page this way, and a civil servant
    reports progress by week or month anyway.
    """
    text = LABELS[lang]
    ws.title = text["chart"]
    first = _monday(schedule.start)
    weeks = [first + dt.timedelta(weeks=w) for w in range((schedule.finish - first).days // 7 + 1)]
    columns = 2 + len(weeks)
    last_column = get_column_letter(columns)
    status = _monday(as_of) if as_of is not None and first <= as_of < weeks[-1] + _WEEK else None
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = _CHART_TASK_WIDTH
    for column in range(3, columns + 1):
        ws.column_dimensions[get_column_letter(column)].width = _WEEK_WIDTH

    _put(ws, 1, 1, schedule.plan.title, font=_TITLE, align=_CENTER)
    ws.merge_cells(f"A1:{last_column}1")
    width = 5 + _CHART_TASK_WIDTH + _WEEK_WIDTH * len(weeks)
    ws.row_dimensions[1].height = _height([(schedule.plan.title, width)], _TITLE)
    headers = HEADERS[lang][0], HEADERS[lang][2]  # number, task
    for column, header in enumerate(headers, 1):
        _put(ws, 2, column, header, font=_BOLD, fill=_HEADER_FILL, align=_CENTER, border=_BOX)
        ws.cell(3, column).border = _BOX
        ws.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    month_start = 0
    for index, monday in enumerate(weeks):
        column = 3 + index
        shade = _AS_OF_FILL if monday == status else _HEADER_FILL
        cell = _put(ws, 3, column, monday, font=_SMALL, fill=shade, align=_ROTATED, border=_BOX)
        cell.number_format = "dd/mm"
        if index + 1 == len(weeks) or weeks[index + 1].month != monday.month:
            span = index - month_start + 1
            label = f"{monday.month}/{monday.year}" if span > 1 else str(monday.month)
            start_column = 3 + month_start
            _put(ws, 2, start_column, label, font=_BOLD, fill=_HEADER_FILL, align=_CENTER)
            for c in range(start_column, column + 1):
                ws.cell(2, c).border = _BOX
            if span > 1:
                ws.merge_cells(start_row=2, start_column=start_column, end_row=2, end_column=column)
            month_start = index + 1
    ws.row_dimensions[3].height = 36

    working = _working_days(schedule)
    r = 4
    for line in lines:
        if isinstance(line, _GroupLine):
            number = _roman(line.number)
            _put(ws, r, 1, number, font=_BOLD, fill=_GROUP_FILL, align=_CENTER, border=_BOX)
            _put(ws, r, 2, line.label, font=_BOLD, fill=_GROUP_FILL, align=_WRAP, border=_BOX)
            for column in range(3, columns + 1):
                _put(ws, r, column, None, fill=_GROUP_FILL, border=_GRID)
            ws.row_dimensions[r].height = _height([(line.label, _CHART_TASK_WIDTH)], _BOLD)
        else:
            _bar_row(ws, r, line, weeks, working, status)
        r += 1
    last = r - 1

    legend = last + 2
    _put(ws, legend, 2, text["weeks"], font=_NOTE)
    keys: list[tuple[PatternFill | None, str, str]] = [
        (BAR_CRITICAL, "", text["critical"]),
        (BAR_OTHER, "", text["other"]),
        (None, MILESTONE, text["milestone"]),
    ]
    if status is not None and as_of is not None:
        keys.append((_AS_OF_FILL, "", text["as_of"].format(date=as_of.strftime("%d/%m/%Y"))))
    for offset, (fill, mark, label) in enumerate(keys):
        _put(ws, legend + offset, 3, mark or None, font=_BOLD, fill=fill, align=_CENTER)
        _put(ws, legend + offset, 4, label, font=_NOTE)

    ws.freeze_panes = "C4"
    ws.print_area = f"A1:{last_column}{legend + len(keys) - 1}"
    pages = max(1, math.ceil(len(weeks) / _WEEKS_PER_PAGE))
    _print_setup(ws, schedule, text, rows="2:3", columns="A:B", pages_wide=pages)


def _bar_row(
    ws: Worksheet,
    r: int,
    line: _TaskLine,
    weeks: Sequence[dt.date],
    working: frozenset[dt.date],
    status: dt.date | None,
) -> None:
    row, task = line.row, line.task
    title = f"{MILESTONE} {task.title}" if row.milestone else task.title
    _put(ws, r, 1, line.number, font=_TEXT, align=_CENTER, border=_BOX)
    _put(ws, r, 2, title, font=_LATE if line.late else _TEXT, align=_WRAP, border=_BOX)
    ws.row_dimensions[r].height = _height([(title, _CHART_TASK_WIDTH)], _TEXT)
    bar = BAR_CRITICAL if row.critical else BAR_OTHER
    mark_font = _MARK_CRITICAL if row.critical else _MARK_OTHER
    for index, monday in enumerate(weeks):
        sunday = monday + _WEEK - _DAY
        mark = None
        fill = _AS_OF_FILL if monday == status else None
        if row.milestone:
            if monday <= row.start <= sunday:
                mark = MILESTONE
        elif _works(max(row.start, monday), min(row.finish, sunday), working):
            fill = bar
        _put(ws, r, 3 + index, mark, font=mark_font, fill=fill, align=_CENTER, border=_GRID)


def _works(first: dt.date, last: dt.date, working: frozenset[dt.date]) -> bool:
    """Whether a working day lies in ``first``…``last``: a week of Tết stays blank."""
    day = first
    while day <= last:
        if day in working:
            return True
        day += _DAY
    return False


def _working_days(schedule: Schedule) -> frozenset[dt.date]:
    calendar = schedule.plan.calendar
    first, last = schedule.start, schedule.finish
    days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return frozenset(day for day in days if calendar.is_working_day(day))


# -- helpers ----------------------------------------------------------------------------


def _print_setup(
    ws: Worksheet,
    schedule: Schedule,
    text: dict[str, str],
    *,
    rows: str,
    pages_wide: int,
    columns: str | None = None,
) -> None:
    """A4 landscape, as wide as ``pages_wide`` pages, ``rows`` repeated on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0  # as many pages down as the tasks need
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = rows
    if columns is not None:
        ws.print_title_cols = columns
    ws.print_options.horizontalCentered = True
    # Inches: 2 cm left, top and bottom, 1.5 cm right.
    ws.page_margins = PageMargins(left=0.79, right=0.59, top=0.79, bottom=0.79)
    footer = ws.oddFooter
    assert footer is not None  # every new sheet has one, empty
    footer.left.text = _clean(schedule.plan.id).replace("&", "&&")  # & starts a field
    footer.right.text = text["page"]
    for part in (footer.left, footer.right):
        part.font = FONT
        part.size = 9


def _put(
    ws: Worksheet,
    row: int,
    column: int,
    value: CellValue,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    align: Alignment | None = None,
    border: Border | None = None,
) -> Cell:
    """Write one cell; text is always text, never a formula, whatever it starts with."""
    cell = ws.cell(row, column)
    assert isinstance(cell, Cell)  # never written inside a merged range
    if isinstance(value, str):
        value = _clean(value)
    cell.value = value
    if isinstance(value, str) and starts_like_a_formula(value):
        cell.data_type = "s"  # text, not a formula
        cell.quotePrefix = True  # and shown as text when edited (OWASP: CSV injection)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if align is not None:
        cell.alignment = align
    if border is not None:
        cell.border = border
    return cell


def _clean(text: str) -> str:
    """``text`` without the control characters an xlsx file cannot hold."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def _fit(values: Iterable[str], *, low: float, high: float) -> float:
    """A column width for ``values``, kept between ``low`` and ``high``."""
    longest = max((len(value) for value in values), default=0)
    return max(low, min(high, longest + 2))


def _height(cells: Iterable[tuple[str, float]], font: Font) -> float:
    """The height (points) of a row whose ``(text, column width)`` cells wrap.

    Set by hand because neither Excel nor LibreOffice fits a row to wrapped text when
    they open a file: the long Vietnamese titles would be cut off on paper.
    """
    size = float(font.size or 11)
    # Measured: a width unit holds 1.15 characters of 12-point Times New Roman (a bit
    # less here, to err on the roomy side); bold is wider. Excel gives a line of
    # 12-point text 15.75 points.
    scale = 13.2 / size * (0.92 if font.bold else 1.0)
    lines = max((_wrapped_lines(text, width * scale) for text, width in cells), default=1)
    return round(lines * size * 1.3125 + 2, 2)


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes, wrapped at spaces into ``width`` characters."""
    room = max(1, int(width) - 1)  # the cell's padding
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, 0
        extra, rest = divmod(len(word), room)  # a word longer than the line breaks
        if rest == 0 and extra:
            extra, rest = extra - 1, room
        lines += extra
        used = used + 1 + rest if used else rest
    return lines


def _after(day: dt.date, deadline: dt.date | None) -> bool:
    """Whether ``day`` is past ``deadline``: the scheduler warns from the early
    finish, an ALAP task can still finish late."""
    return deadline is not None and day > deadline


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _roman(number: int) -> str:
    out = []
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)
