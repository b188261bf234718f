"""The table's tracking columns: each task's status (with its fill) and progress, and
the baseline's start, finish and finish variance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, NamedTuple

from openpyxl.styles import Font, PatternFill

from urbangov.reporting import ReportOptions
from urbangov.scheduling import Schedule, TaskSchedule

if TYPE_CHECKING:
    from urbangov.tracking import Baseline, TaskStatus

__all__ = ["BASELINE_HEADERS", "STATUS_FILLS", "STATUS_HEADERS", "STATUS_LABELS", "Tracking"]

#: The status columns' headers (with tracking data), by language.
STATUS_HEADERS: Final = {"vi": ("Tình trạng", "Tiến độ"), "en": ("Status", "Progress")}
#: The baseline columns' headers (with a baseline), by language.
BASELINE_HEADERS: Final = {
    "vi": ("Bắt đầu (kế hoạch gốc)", "Kết thúc (kế hoạch gốc)", "Chênh lệch (ngày làm việc)"),
    "en": ("Baseline start", "Baseline finish", "Finish variance (working days)"),
}
#: The official status (Decision 42/2014/QĐ-TTg) and at risk, by language.
STATUS_LABELS: Final = {
    "vi": {
        "done_on_time": "Hoàn thành đúng hạn",
        "done_late": "Hoàn thành quá hạn",
        "in_time": "Chưa hoàn thành, còn trong hạn",
        "at_risk": "Còn trong hạn, có nguy cơ trễ hạn",
        "overdue": "Chưa hoàn thành, quá hạn",
        "withdrawn": "Đã rút",
    },
    "en": {
        "done_on_time": "Completed on time",
        "done_late": "Completed late",
        "in_time": "Not completed, within the deadline",
        "at_risk": "Within the deadline, at risk",
        "overdue": "Not completed, overdue",
        "withdrawn": "Withdrawn",
    },
}
#: The status cell's fill: the colour-blind-safe colours of the gantt-html chart.
STATUS_FILLS: Final = {
    "overdue": PatternFill("solid", fgColor="D55E00"),
    "at_risk": PatternFill("solid", fgColor="E69F00"),
    "done_late": PatternFill("solid", fgColor="CC79A7"),
    "done_on_time": PatternFill("solid", fgColor="009E73"),
    "withdrawn": PatternFill("solid", fgColor="D9D9D9"),
}
#: White text where the fill is dark.
_ON_DARK: Final = frozenset({"overdue", "done_on_time"})
_WIDTH_STATUS, _WIDTH_PROGRESS, _WIDTH_DATE, _WIDTH_VARIANCE = 24.0, 9.0, 12.5, 12.0

CellValue = str | int | float | dt.date | None


class Cell(NamedTuple):
    """One tracking cell of a task's row."""

    value: CellValue
    number_format: str | None = None
    fill: PatternFill | None = None
    white: bool = False


class Tracking:
    """The tracking columns of the table, from the report's options."""

    def __init__(self, schedule: Schedule, options: ReportOptions, lang: str) -> None:
        self.lang = lang
        self.status = options.status
        self.baseline: Baseline | None = options.baseline
        self._between = schedule.plan.calendar.working_days_between

    @property
    def headers(self) -> tuple[str, ...]:
        out: tuple[str, ...] = ()
        if self.status is not None:
            out += STATUS_HEADERS[self.lang]
        if self.baseline is not None:
            out += BASELINE_HEADERS[self.lang]
        return out

    @property
    def widths(self) -> list[float]:
        out = []
        if self.status is not None:
            out += [_WIDTH_STATUS, _WIDTH_PROGRESS]
        if self.baseline is not None:
            out += [_WIDTH_DATE, _WIDTH_DATE, _WIDTH_VARIANCE]
        return out

    def cells(self, row: TaskSchedule) -> Sequence[Cell]:
        """A task's tracking cells, in the order of :attr:`headers`."""
        out: list[Cell] = []
        if self.status is not None:
            out += _status_cells(self.status[row.id], self.lang)
        if self.baseline is not None:
            kept = self.baseline.tasks.get(row.id)
            if kept is None:
                out += [Cell(None), Cell(None), Cell(None)]
            else:
                moved = self._between(kept.finish, row.finish)
                out += [Cell(kept.start), Cell(kept.finish), Cell(moved, "+0;-0;0")]
        return out


def _status_cells(task: TaskStatus, lang: str) -> list[Cell]:
    state = "at_risk" if task.at_risk else task.status.value
    label = STATUS_LABELS[lang][state]
    return [
        Cell(label, fill=STATUS_FILLS.get(state), white=state in _ON_DARK),
        Cell(task.progress / 100, "0%"),
    ]


def status_font(font: Font, white: bool) -> Font:
    """``font``, in white on a dark fill."""
    if not white:
        return font
    return Font(name=font.name, size=font.size, bold=font.bold, color="FFFFFF")
