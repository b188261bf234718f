"""The ``status-md`` and ``status-html`` reports: a plan's status as of a day, as a city
report prints it.

Both show the plan, the day and the reporting period, the counts in the official
taxonomy (Decision 42/2014/QĐ-TTg), a table per lead agency and per unit (rolled up
the hierarchy, to ``depth``), the overdue and at-risk tasks with their lead, who
answers for them and how late they are, the extensions granted and pending, and the
forecast finish. They need tracking data (:attr:`ReportOptions.status
<urbangov.reporting.ReportOptions.status>`); ``urbangov report`` computes it from the
store and ``--progress`` files. Labels follow ``options.lang``.

The code: ``_content`` (what the report says, from the status and the statistics),
``_document`` (that content as headings and tables in one language, ``_labels``), and
the writers ``_markdown`` and ``_html``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter, ReportOptions

if TYPE_CHECKING:
    from urbangov.builtins.status_report._document import Document
    from urbangov.scheduling import Schedule

__all__ = ["render_status_html", "render_status_markdown", "urbangov_register_reporters"]


def render_status_markdown(schedule: Schedule, options: ReportOptions) -> str:
    """The status report as Markdown."""
    from urbangov.builtins.status_report._markdown import write_markdown

    return write_markdown(_laid_out(schedule, options, "status-md"))


def render_status_html(schedule: Schedule, options: ReportOptions) -> str:
    """The status report as one self-contained HTML page."""
    from urbangov.builtins.status_report._html import write_html

    return write_html(_laid_out(schedule, options, "status-html"))


def _laid_out(schedule: Schedule, options: ReportOptions, name: str) -> Document:
    # Imported here: tracking loads the scheduler, which `urbangov --help` must not.
    from urbangov.builtins.status_report._content import status_content
    from urbangov.builtins.status_report._document import document

    return document(status_content(schedule, options, name), options.lang)


_USES = ("as_of", "lang", "group_by", "status", "period", "depth", "baseline")


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    register(
        Reporter(
            "status-md",
            "The status report (official taxonomy, per agency and unit) as Markdown",
            ".md",
            "text/markdown",
            render_status_markdown,
            needs_tracking=True,
            uses=_USES,
        )
    )
    register(
        Reporter(
            "status-html",
            "The status report as one self-contained, printable HTML page",
            ".html",
            "text/html",
            render_status_html,
            needs_tracking=True,
            uses=_USES,
        )
    )
