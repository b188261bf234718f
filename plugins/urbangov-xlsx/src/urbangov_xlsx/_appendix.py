"""A plan's appendix table (Phụ lục), read from Excel: the way Vietnamese plans carry
their tasks.

The header row is found by its labels, in Vietnamese or English, not by its position:
STT, Nội dung (nhiệm vụ), Cơ quan chủ trì, Cơ quan phối hợp, Thời gian hoàn thành,
Sản phẩm (and, when there is one, Số ngày: the duration). Below it:

- a row numbered with a Roman numeral (I, II, …), or in bold without a deadline, is a
  :class:`~urbangov.plan.Group`: the tasks under it are ``part_of`` it, and a deadline
  on its row is the deadline of each of them that gives none of its own;
- any other row with content is a task; cells merged down several rows (one lead for
  five tasks) count for each of them; every sheet with such a header is read;
- deadlines are phrases (see :mod:`urbangov_xlsx._deadlines`); one that is not
  understood is an error naming the sheet and cell and quoting it;
- a task's Sản phẩm (output) is kept as its ``notes``.

What an appendix does not carry gets a documented default, and a warning says so: each
task lasts :data:`DEFAULT_DAYS` working days, has no links, and the plan starts on the
first day of the year of its earliest deadline.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from urbangov.errors import PlanFileError
from urbangov.plan import Group, Plan, Task
from urbangov_xlsx._deadlines import _plain, parse_deadline

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from urbangov.hierarchy import Hierarchy

__all__ = ["DEFAULT_DAYS", "load_appendix"]

#: A task's duration when the appendix gives none, in working days.
DEFAULT_DAYS: Final = 5

_LABELS: Final = {
    "number": ("stt", "tt", "so tt", "no", "no."),
    "title": (
        "noi dung",
        "noi dung nhiem vu",
        "nhiem vu",
        "noi dung cong viec",
        "ten nhiem vu",
        "task",
        "tasks",
        "content",
    ),
    "lead": (
        "co quan chu tri",
        "don vi chu tri",
        "chu tri",
        "co quan thuc hien",
        "lead",
        "lead agency",
    ),
    "supporting": ("co quan phoi hop", "don vi phoi hop", "phoi hop", "supporting"),
    "deadline": (
        "thoi gian hoan thanh",
        "thoi han",
        "thoi han hoan thanh",
        "thoi gian",
        "thoi gian thuc hien",
        "deadline",
    ),
    "output": ("san pham", "ket qua", "san pham dau ra", "output"),
    "duration": ("so ngay", "so ngay lam viec", "thoi luong", "duration"),
}
_ROMAN: Final = re.compile(r"(?=[ivxlc])(x{0,3})(ix|iv|v?i{0,3})\.?")
_HEADER_ROWS: Final = 30


def load_appendix(path: str | Path, hierarchy: Hierarchy | None = None) -> Plan:
    """The plan in an appendix workbook (see the module)."""
    from openpyxl import load_workbook

    path = Path(path)
    try:
        book = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise PlanFileError("no such file", path=str(path)) from None
    except Exception as exc:  # openpyxl says "not a zip file", "unsupported format", …
        raise PlanFileError(f"cannot read the workbook: {exc}", path=str(path)) from None
    tasks: list[Task] = []
    groups: list[Group] = []
    continuing: list[str] = []
    title = None
    tables = sum(1 for sheet in book.worksheets if _header(sheet) is not None)
    several = tables > 1
    for number, sheet in enumerate(book.worksheets, 1):
        found = _header(sheet)
        if found is None:
            continue
        row, columns = found
        title = title or _title_above(sheet, row)
        prefix = f"S{number}." if several else ""
        tasks += _tasks(sheet, row, columns, prefix, str(path), continuing, groups)
    if not tasks and tables:
        raise PlanFileError("the appendix table has no task rows yet", path=str(path))
    if not tasks:
        raise PlanFileError(
            "no appendix table: no sheet has a header row with STT, Nội dung and "
            "Thời gian hoàn thành (or No., Task and Deadline)",
            path=str(path),
        )
    deadlines = [t.deadline for t in tasks if t.deadline is not None]
    start = dt.date(min(deadlines).year, 1, 1) if deadlines else dt.date.today()
    notes = [
        f"each task lasts {DEFAULT_DAYS} working days unless a Số ngày column says",
        "tasks have no links",
        f"the plan starts on {start}",
    ]
    if continuing:
        notes.append("continuing tasks (no deadline): " + ", ".join(continuing))
    warnings.warn(
        f"{path}: an appendix does not say everything; assumed: " + "; ".join(notes),
        UserWarning,
        stacklevel=2,
    )
    return Plan(path.stem, title or path.stem, start, tasks=tasks, calendar="vn", groups=groups)


def _header(sheet: Worksheet) -> tuple[int, dict[str, int]] | None:
    """The header row and the column of each field it labels, if the sheet has one."""
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=_HEADER_ROWS), 1):
        columns: dict[str, int] = {}
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            label = _plain(cell.value).rstrip(":. ")
            label = re.sub(r"\s*\(.*\)$", "", label)  # "Nội dung (nhiệm vụ)"
            for field, names in _LABELS.items():
                if label in names and field not in columns:
                    columns[field] = cell.column
        if "title" in columns and "deadline" in columns:
            return number, columns
    return None


def _title_above(sheet: Worksheet, header: int) -> str | None:
    for row in sheet.iter_rows(min_row=1, max_row=header - 1):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip():
                return cell.value.strip()
    return None


def _merged(sheet: Worksheet) -> dict[tuple[int, int], Any]:
    """Every cell of a merged range, with the value of the range's first cell."""
    out: dict[tuple[int, int], Any] = {}
    for cells in sheet.merged_cells.ranges:
        value = sheet.cell(cells.min_row, cells.min_col).value
        for r in range(cells.min_row, cells.max_row + 1):
            for c in range(cells.min_col, cells.max_col + 1):
                out[r, c] = value
    return out


def _tasks(
    sheet: Worksheet,
    header: int,
    columns: dict[str, int],
    prefix: str,
    source: str,
    continuing: list[str],
    groups: list[Group],
) -> Iterator[Task]:
    """The sheet's tasks; its group rows go to ``groups``."""
    merged = _merged(sheet)

    def value(r: int, field: str) -> Any:
        column = columns.get(field)
        if column is None:
            return None
        return merged.get((r, column), sheet.cell(r, column).value)

    def text(r: int, field: str) -> str:
        found = value(r, field)
        return "" if found is None else str(found).strip()

    group: Group | None = None
    group_due: dt.date | None = None
    seen: set[str] = set()
    for r in range(header + 1, sheet.max_row + 1):
        title = text(r, "title")
        number = text(r, "number")
        if not title or re.fullmatch(r"\(?\d+\)?", title):  # empty, or "(2)" under "(1)"
            continue
        raw = value(r, "deadline")
        where = f"sheet {sheet.title!r}, cell {sheet.cell(r, columns['deadline']).coordinate}"
        bold = bool(sheet.cell(r, columns["title"]).font.b)
        if _ROMAN.fullmatch(_plain(number)) or (bold and raw in (None, "")):
            group_due = _deadline(raw, where, source)
            lead = text(r, "lead") or None
            group = Group(prefix + (number.rstrip(".") or f"r{r}"), title, lead=lead)
            groups.append(group)
            continue
        task_id = (f"{group.id}." if group else prefix) + (number.rstrip(".") or f"r{r}")
        if task_id in seen:
            task_id = f"{task_id}-r{r}"
        seen.add(task_id)
        deadline = _deadline(raw, where, source)
        if deadline is None and raw not in (None, ""):
            continuing.append(task_id)
        elif raw in (None, ""):  # none of its own: its group's
            deadline = group_due if group is not None else None
        named = text(r, "supporting")  # one per line, or separated by commas or semicolons
        parts = named.splitlines() if "\n" in named else re.split(r"[,;]", named)
        supporting = [s.strip() for s in parts if s.strip()]
        task = Task(
            task_id,
            title,
            _days(value(r, "duration"), f"sheet {sheet.title!r}, row {r}", source),
            deadline=deadline,
            lead=text(r, "lead") or None,
            supporting=supporting,
            part_of=group.id if group else None,
            notes=text(r, "output") or None,  # Sản phẩm: what the task delivers
        )
        yield task


def _deadline(raw: object, where: str, source: str) -> dt.date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return parse_deadline(str(raw)).day
    except ValueError as exc:
        raise PlanFileError(str(exc), path=source, location=where) from None


def _days(raw: object, where: str, source: str) -> int:
    if raw is None or raw == "":
        return DEFAULT_DAYS
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return raw
    if isinstance(raw, float) and raw.is_integer() and raw >= 0:
        return int(raw)
    raise PlanFileError(
        f"a duration is a whole number of working days, not {raw!r}", path=source, location=where
    )
