"""The xlsx report format for urbangov: the schedule as an Excel workbook to print.

The workbook has a table sheet (one row per task, real dates, critical tasks and
missed deadlines coloured, ready for A4 landscape) and a week-by-week bar chart.

openpyxl takes half a second to import, and urbangov loads every plugin on each run,
so it is imported only when a workbook is rendered (in :mod:`urbangov_xlsx._workbook`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from urbangov.errors import OutputError
from urbangov.io import PlanReader
from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter, ReportOptions
from urbangov_xlsx._deadlines import Deadline, parse_deadline

if TYPE_CHECKING:
    import click

    from urbangov.hierarchy import Hierarchy
    from urbangov.plan import Plan
    from urbangov.scheduling import Schedule

__all__ = [
    "MEDIA_TYPE",
    "Deadline",
    "appendix_template",
    "load_appendix",
    "parse_deadline",
    "render",
    "render_appendix",
    "urbangov_register_commands",
    "urbangov_register_plan_readers",
    "urbangov_register_reporters",
]

MEDIA_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render(schedule: Schedule, options: ReportOptions) -> bytes:
    """The workbook's bytes: labels in ``options.lang``, grouped by ``options.group_by``,
    the week of ``options.as_of`` marked on the chart."""
    from urbangov_xlsx._workbook import workbook_bytes

    return workbook_bytes(schedule, options)


def render_appendix(schedule: Schedule, options: ReportOptions) -> bytes:
    """The plan written as its appendix table (Phụ lục), which ``urbangov schedule``
    reads back with every task, agency, deadline and duration."""
    from urbangov_xlsx._appendix_out import appendix_bytes

    return appendix_bytes(schedule, options)


def appendix_template(lang: str = "vi") -> bytes:
    """A blank appendix workbook for a planner to fill in (headers in ``lang``)."""
    from urbangov_xlsx._appendix_out import template_bytes

    return template_bytes(lang)


def load_appendix(path: str | Path, hierarchy: Hierarchy | None = None) -> Plan:
    """The plan in an appendix workbook (what ``urbangov schedule phu-luc.xlsx`` reads):
    its header found by its labels, groups, merged cells, every sheet, deadlines as
    officials write them; a warning states the defaults it assumed."""
    from urbangov_xlsx._appendix import load_appendix as load

    return load(path, hierarchy)


def _load_appendix(path: Path, hierarchy: Hierarchy | None) -> Plan:
    return load_appendix(path, hierarchy)


@hookimpl
def urbangov_register_plan_readers(register: Callable[[PlanReader], None]) -> None:
    """A plan's appendix table (Phụ lục) in Excel: ``urbangov schedule plan.xlsx``."""
    title = "A plan's appendix table (Phụ lục: STT, Nội dung, Cơ quan chủ trì, …) in Excel"
    register(PlanReader("xlsx-appendix", title, (".xlsx",), _load_appendix))


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    title = "The schedule as an Excel workbook: a table to print and a chart by week"
    uses = ("as_of", "lang", "group_by", "status", "baseline")
    register(Reporter("xlsx", title, ".xlsx", MEDIA_TYPE, render, uses=uses))
    title = "The plan as its appendix table (Phụ lục), as Vietnamese plans carry it"
    register(Reporter("xlsx-appendix", title, ".xlsx", MEDIA_TYPE, render_appendix, uses=("lang",)))


@hookimpl
def urbangov_register_commands(cli: click.Group) -> None:
    """``urbangov appendix-template -o FILE``: a blank appendix to fill in."""
    import click

    @cli.command("appendix-template")
    @click.option(
        "-o",
        "--output",
        required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="The workbook to write.",
    )
    @click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
    def appendix_template_command(output: Path, lang: str) -> None:
        """Write a blank appendix table (Phụ lục) that `urbangov schedule` reads."""
        try:
            output.write_bytes(appendix_template(lang))
        except OSError as exc:  # a user error: one line, exit status 2
            raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from None
