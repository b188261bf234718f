"""The xlsx report format for urbangov: the schedule as an Excel workbook to print.

The workbook has a table sheet (one row per task, real dates, critical tasks and
missed deadlines coloured, ready for A4 landscape) and a week-by-week bar chart.

openpyxl takes half a second to import, and urbangov loads every plugin on each run,
so it is imported only when a workbook is rendered (in :mod:`urbangov_xlsx._workbook`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter, ReportOptions

if TYPE_CHECKING:
    from urbangov.scheduling import Schedule

__all__ = ["MEDIA_TYPE", "render", "urbangov_register_reporters"]

MEDIA_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render(schedule: Schedule, options: ReportOptions) -> bytes:
    """The workbook's bytes: labels in ``options.lang``, grouped by ``options.group_by``,
    the week of ``options.as_of`` marked on the chart."""
    from urbangov_xlsx._workbook import workbook_bytes

    return workbook_bytes(schedule, options)


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    title = "The schedule as an Excel workbook: a table to print and a chart by week"
    uses = ("as_of", "lang", "group_by", "status", "baseline")
    register(Reporter("xlsx", title, ".xlsx", MEDIA_TYPE, render, uses=uses))
