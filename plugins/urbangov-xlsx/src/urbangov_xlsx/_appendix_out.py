"""A plan written back as the appendix table (Phụ lục) Vietnamese plans carry, and a
blank one for a planner to fill in.

The layout is the one :func:`urbangov_xlsx._appendix.load_appendix` reads, so a plan
written here and read back keeps every task, agency, deadline, duration and note (in
the Sản phẩm column):

- the plan's title above the table;
- the header STT · Nội dung nhiệm vụ · Cơ quan chủ trì · Cơ quan phối hợp · Thời gian
  hoàn thành · Sản phẩm · Số ngày (in English with ``lang = "en"``);
- first the tasks that belong to no group, numbered 1, 2, …; then each group as a bold
  row numbered I, II, …, its tasks under it: the plan's groups (with its lead), or,
  in a plan without any, the tasks other tasks are ``part_of``. An appendix has one
  level of groups: a task deeper down is listed under its top-level group;
- a cascade's generated copies are not rows: the cascaded task is one row, as the
  plan states it.

An appendix has no column for links or constraints; those stay in the plan file.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from urbangov.plan import Group, Plan, Task, cascaded_rows
from urbangov_xlsx._workbook import (
    _BOLD,
    _BOX,
    _CENTER,
    _TEXT,
    _TITLE,
    _WRAP,
    DATE_FORMAT,
    _clean,
    _put,
    _roman,
    by_top_group,
    saved,
)

if TYPE_CHECKING:
    from urbangov.reporting import ReportOptions
    from urbangov.scheduling import Schedule

__all__ = ["APPENDIX_HEADERS", "appendix_bytes", "template_bytes"]

#: The appendix's column headers, by language; the reader knows every one of them.
APPENDIX_HEADERS: Final = {
    "vi": (
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
        "Sản phẩm",
        "Số ngày",
    ),
    "en": ("No.", "Task", "Lead agency", "Supporting", "Deadline", "Output", "Duration"),
}
_TITLE_OF_TEMPLATE: Final = {
    "vi": "PHỤ LỤC: NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH",
    "en": "APPENDIX: TASKS OF THE PLAN",
}
_WIDTHS: Final = (6.0, 55.0, 24.0, 24.0, 14.0, 20.0, 9.0)
_BLANK_ROWS: Final = 20

_HEADER_ROW: Final = 3


def appendix_bytes(schedule: Schedule, options: ReportOptions) -> bytes:
    """The plan of ``schedule`` as an appendix workbook, headers in ``options.lang``."""
    lang = "en" if options.lang == "en" else "vi"
    plan = schedule.plan
    ws, book = _sheet(lang, plan.title)
    r = _HEADER_ROW + 1
    rows = _group_rows(plan) if plan.groups else _rows(plan)
    for number, item, is_group in rows:
        if isinstance(item, Group):
            _group_row(ws, r, number, item)
        else:
            _row(ws, r, number, item, is_group)
        r += 1
    return saved(book)


def template_bytes(lang: str = "vi") -> bytes:
    """A blank appendix: the header, one group row to show the numbering, and empty
    bordered rows a planner fills in and ``urbangov schedule`` then reads."""
    lang = "en" if lang == "en" else "vi"
    ws, book = _sheet(lang, _TITLE_OF_TEMPLATE[lang])
    for r in range(_HEADER_ROW + 1, _HEADER_ROW + 1 + _BLANK_ROWS):
        for column in range(1, len(_WIDTHS) + 1):
            _put(ws, r, column, None, font=_TEXT, align=_WRAP, border=_BOX)
            if column == 5:
                ws.cell(r, column).number_format = DATE_FORMAT
    return saved(book)


def _sheet(lang: str, title: str) -> tuple[Worksheet, Workbook]:
    book = Workbook()
    ws = book.active
    assert isinstance(ws, Worksheet)  # a new workbook always has one sheet
    ws.title = "Phụ lục" if lang == "vi" else "Appendix"
    book.properties.title = _clean(title)
    book.properties.creator = "urbangov-xlsx"
    book.properties.language = "en" if lang == "en" else "vi-VN"
    last = len(_WIDTHS)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    _put(ws, 1, 1, title, font=_TITLE, align=_CENTER)
    ws.row_dimensions[1].height = 36
    for column, (label, width) in enumerate(zip(APPENDIX_HEADERS[lang], _WIDTHS, strict=True), 1):
        _put(ws, _HEADER_ROW, column, label, font=_BOLD, align=_CENTER, border=_BOX)
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = f"A{_HEADER_ROW + 1}"
    ws.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    return ws, book


def _rows(plan: Plan) -> list[tuple[str, Task | Group, bool]]:
    """(STT, task, is a group) for each row of a plan without groups: ungrouped tasks,
    then each task that has parts as a group row, its parts under it."""
    generated = {p for positions in cascaded_rows(plan).values() for p in positions}
    tasks = [t for p, t in enumerate(plan.tasks) if p not in generated]
    written = {t.id for t in tasks}
    parent = {t.id: t.part_of for t in tasks if t.part_of is not None and t.part_of in written}

    def top(task_id: str) -> str:
        seen = {task_id}
        while task_id in parent:
            task_id = parent[task_id]
            if task_id in seen:  # part_of never loops in a valid plan; stop if it did
                break
            seen.add(task_id)
        return task_id

    groups: dict[str, list[Task]] = {}
    for task in tasks:
        if task.id in parent:
            groups.setdefault(top(task.id), []).append(task)
    alone = [t for t in tasks if t.id not in parent and t.id not in groups]
    out: list[tuple[str, Task | Group, bool]] = [(f"{n}", t, False) for n, t in enumerate(alone, 1)]
    by_id = {t.id: t for t in tasks}
    for g, (group_id, members) in enumerate(groups.items(), 1):
        out.append((_roman(g), by_id[group_id], True))
        out += [(f"{n}", t, False) for n, t in enumerate(members, 1)]
    return out


def _group_rows(plan: Plan) -> list[tuple[str, Task | Group, bool]]:
    """(STT, task or group, is a group) for each row of a plan with groups: the tasks
    under none, then each top-level group and every task under it at any depth."""
    generated = {p for positions in cascaded_rows(plan).values() for p in positions}
    own = (p for p in range(len(plan.tasks)) if p not in generated)
    out: list[tuple[str, Task | Group, bool]] = []
    for number, (group, rows) in enumerate(by_top_group(plan, own)):
        if group is not None:
            out.append((_roman(number), group, True))
        out += [(f"{n}", plan.tasks[p], False) for n, p in enumerate(rows, 1)]
    return out


def _group_row(ws: Worksheet, r: int, number: str, group: Group) -> None:
    """A group's bold row: its number, title and lead; its tasks carry the deadlines."""
    _put(ws, r, 1, number, font=_BOLD, align=_CENTER, border=_BOX)
    _put(ws, r, 2, group.title, font=_BOLD, align=_WRAP, border=_BOX)
    _put(ws, r, 3, group.lead, font=_TEXT, align=_WRAP, border=_BOX)
    for column in range(4, len(_WIDTHS) + 1):
        cell = _put(ws, r, column, None, font=_TEXT, align=_CENTER, border=_BOX)
        if column == 5:
            cell.number_format = DATE_FORMAT


def _row(ws: Worksheet, r: int, number: str, task: Task, is_group: bool) -> None:
    font = _BOLD if is_group else _TEXT
    _put(ws, r, 1, number, font=font, align=_CENTER, border=_BOX)
    _put(ws, r, 2, task.title, font=font, align=_WRAP, border=_BOX)
    _put(ws, r, 3, None if is_group else task.lead, font=_TEXT, align=_WRAP, border=_BOX)
    supporting = None if is_group else "\n".join(task.supporting) or None
    _put(ws, r, 4, supporting, font=_TEXT, align=_WRAP, border=_BOX)
    deadline: dt.date | None = task.deadline
    cell = _put(ws, r, 5, deadline, font=font, align=_CENTER, border=_BOX)
    cell.number_format = DATE_FORMAT
    _put(ws, r, 6, None if is_group else task.notes, font=_TEXT, align=_WRAP, border=_BOX)
    _put(ws, r, 7, None if is_group else task.duration, font=_TEXT, align=_CENTER, border=_BOX)
