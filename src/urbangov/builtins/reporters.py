"""The built-in report formats for machines: the schedule as JSON and as CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter, ReportOptions, spreadsheet_text

if TYPE_CHECKING:
    from urbangov.scheduling import Schedule

_CSV_FIELDS = (
    "id",
    "title",
    "duration",
    "lead",
    "start",
    "finish",
    "early_start",
    "early_finish",
    "late_start",
    "late_finish",
    "total_slack",
    "free_slack",
    "critical",
    "milestone",
    "deadline",
)


def render_json(schedule: Schedule, options: ReportOptions) -> str:
    """The machine contract of ``urbangov schedule --format json``."""
    return json.dumps(schedule.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(schedule: Schedule, options: ReportOptions) -> str:
    """One row per task, dates as ISO days; opens in any spreadsheet, where text
    from the plan is never run as a formula."""
    out = io.StringIO()
    # RFC 4180 line ends: the writer then also quotes a field with a carriage return.
    writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row, task in zip(schedule, schedule.plan.tasks, strict=True):
        record = row.to_dict()
        record.update(
            id=spreadsheet_text(task.id),
            title=spreadsheet_text(task.title),
            duration=task.duration,
            lead=spreadsheet_text(task.lead or ""),
            deadline=task.deadline.isoformat() if task.deadline else "",
        )
        writer.writerow(record)
    return out.getvalue()


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    register(
        Reporter("json", "The schedule as JSON", ".json", "application/json", render_json, uses=())
    )
    register(
        Reporter(
            "csv", "The schedule as CSV, one row per task", ".csv", "text/csv", render_csv, uses=()
        )
    )
