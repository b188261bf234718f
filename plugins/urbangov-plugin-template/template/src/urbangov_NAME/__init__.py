"""The {{name}} report format for urbangov: the schedule as a Markdown table.

Replace ``render`` with your own format; keep the hook, which is how urbangov finds it.
"""

from __future__ import annotations

from collections.abc import Callable

from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter, ReportOptions
from urbangov.scheduling import Schedule

HEADERS = {
    "vi": ("Mã", "Công việc", "Bắt đầu", "Kết thúc", "Dự trữ"),
    "en": ("Id", "Task", "Start", "Finish", "Slack"),
}


def render(schedule: Schedule, options: ReportOptions) -> str:
    """One Markdown table row per task; critical tasks in bold."""
    head = HEADERS[options.lang.value]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for row, task in zip(schedule, schedule.plan.tasks, strict=True):
        title = task.title.replace("|", "\\|")
        if row.critical:
            title = f"**{title}**"
        lines.append(f"| {row.id} | {title} | {row.start} | {row.finish} | {row.total_slack} |")
    return "\n".join(lines) + "\n"


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    title = "{{title}}: the schedule as a Markdown table"
    register(Reporter("{{name}}", title, ".md", "text/markdown", render))
