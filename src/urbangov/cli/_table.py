"""Plain-text tables for a person at a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from urbangov.scheduling import Schedule

_TITLE_WIDTH = 48


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """Columns padded to their widest cell; columns in ``right`` align right."""
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def schedule_table(result: Schedule) -> str:
    """The schedule as a table, then the finish, the critical path and warnings."""
    plan = result.plan
    header = ["id", "title", "dur", "start", "finish", "slack", "free", "crit"]
    rows = [
        [
            t.id,
            clip(task.title, _TITLE_WIDTH),
            "◆" if t.milestone else str(task.duration),
            t.start.isoformat(),
            t.finish.isoformat(),
            str(t.total_slack),
            str(t.free_slack),
            "*" if t.critical else "",
        ]
        for t, task in zip(result, plan.tasks, strict=True)
    ]
    out = [f"{plan.title} ({plan.id})\n", f"{result.start} → {result.finish}\n\n"]
    out.append(render_table(header, rows, right={2, 5, 6}))
    out.append(f"\ncritical path: {' → '.join(result.critical_path) or '(none)'}\n")
    out.extend(f"warning: {w.message}\n" for w in result.warnings)
    return "".join(out)
