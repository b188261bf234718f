"""Plain-text tables for a person at a terminal: as wide as the terminal, no wider."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from urbangov._words import day
from urbangov.cli._words import WORDS

if TYPE_CHECKING:
    from urbangov.plan import Language
    from urbangov.scheduling import GroupSchedule, Schedule, ScheduleWarning

__all__ = ["clip", "folded_label", "render_table", "schedule_table", "table_width", "warning_text"]

#: The narrowest a clipped column (a title) gets before the table may overflow.
_MIN_FLEX = 12


def table_width(output: Path | None) -> int | None:
    """How wide a table may be: the terminal's width (or ``$COLUMNS``) when printing to
    a terminal; ``None`` (every character) for a file or a pipe, which a program reads."""
    if output is None and sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def render_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: set[int],
    *,
    width: int | None = None,
    flex: Sequence[int] = (),
) -> str:
    """Columns padded to their widest cell; columns in ``right`` align right. With a
    ``width``, the ``flex`` columns (a title, then others) are clipped, in turn, so
    that the table fits."""
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    if width is not None:
        for column in flex:
            over = sum(widths) + 2 * (len(widths) - 1) - width
            if over <= 0:
                break
            widths[column] = max(min(_MIN_FLEX, widths[column]), widths[column] - over)
    lines = []
    for row in [header, *rows]:
        cells = [
            clip(cell, w).rjust(w) if i in right else clip(cell, w).ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def folded_label(count: int) -> str:
    """The id cell of a row that stands for ``count`` rows of a cascade."""
    return f"  ↳ {count}"


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def warning_text(warning: ScheduleWarning, lang: Language) -> str:
    """A scheduler warning in ``lang``."""
    values = dict(warning.values)
    key = f"warning.{warning.kind.value}"
    if "cause" in values:
        key += "." + values.pop("cause")
    if not WORDS.has(key):  # a warning this face does not know yet: as the engine says it
        return warning.message
    for name in ("deadline", "start", "date"):
        if name in values:
            values[name] = day(dt.date.fromisoformat(values[name]), lang)
    return WORDS(key, lang, **values)


def schedule_table(
    result: Schedule, lang: Language, *, width: int | None = None, expand: bool = False
) -> str:
    """The schedule as a table, then the finish, the critical path and warnings. The
    tasks a cascade made for its units are one row under their task unless
    ``expand``; the plan's groups are rows with their span, what is under them
    indented beneath (in outline order)."""
    from urbangov.plan import cascaded_rows, outline

    plan = result.plan
    header = [
        WORDS(f"col.{name}", lang)
        for name in ("id", "title", "duration", "start", "finish", "slack", "free", "critical")
    ]
    folded = {} if expand else cascaded_rows(plan)
    hidden = {row for rows in folded.values() for row in rows}
    rows: list[list[str]] = []
    n = len(plan.tasks)
    for position, level in outline(plan):
        indent = "  " * (level - 1)
        if position >= n:
            rows.append(_group_row(result.groups[position - n], indent, lang))
            continue
        if position in hidden:
            continue
        t, task = result[position], plan.tasks[position]
        rows.append(
            [
                t.id,
                indent + task.title,
                WORDS("milestone", lang) if t.milestone else str(task.duration),
                day(t.start, lang),
                day(t.finish, lang),
                str(t.total_slack),
                str(t.free_slack),
                "*" if t.critical else "",
            ]
        )
        if task.id in folded:
            rows.append(_cascade_row(result, folded[task.id], lang))
    out = [
        f"{plan.title} ({plan.id})\n",
        WORDS(
            "schedule.span", lang, start=day(result.start, lang), finish=day(result.finish, lang)
        ),
        "\n\n",
        render_table(header, rows, right={2, 5, 6}, width=width, flex=(1,)),
        "\n",
        WORDS(
            "schedule.critical_path",
            lang,
            path=" → ".join(result.critical_path) or WORDS("schedule.none", lang),
        ),
        "\n",
    ]
    out.extend(
        WORDS("schedule.warning", lang, message=warning_text(w, lang)) + "\n"
        for w in result.warnings
    )
    return "".join(out)


def _group_row(group: GroupSchedule, indent: str, lang: Language) -> list[str]:
    """A group's row: its title in brackets, the span of what is under it."""
    span = [day(d, lang) if d else "" for d in (group.start, group.finish)]
    return [group.id, f"{indent}[{group.title}]", "", *span, "", "", ""]


def _cascade_row(result: Schedule, positions: Sequence[int], lang: Language) -> list[str]:
    """One row for the tasks a cascade made: how many, for how many units, their span,
    their smallest slack."""
    rows = [result[p] for p in positions]
    units = {result.plan.tasks[p].unit for p in positions}
    return [
        folded_label(len(rows)),
        WORDS("schedule.cascade", lang, units=len(units)),
        "",
        day(min(r.start for r in rows), lang),
        day(max(r.finish for r in rows), lang),
        str(min(r.total_slack for r in rows)),
        "",
        "*" if any(r.critical for r in rows) else "",
    ]
