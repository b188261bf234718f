"""The schedule as a Mermaid gantt chart (``.mmd``), which GitHub and GitLab render.

Every task gets explicit dates: Mermaid's ``excludes`` cannot express Vietnam's
holidays and make-up working days, so letting Mermaid count durations would move
the bars. Mermaid's lexer has no quoting, so text is rewritten until it cannot be
mistaken for syntax (see :func:`mermaid_text`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl
from urbangov.reporting import GroupBy, Language, Reporter, ReportOptions

if TYPE_CHECKING:
    from urbangov.plan import Task
    from urbangov.scheduling import Schedule, TaskSchedule

__all__ = ["mermaid_id", "mermaid_text", "render_mermaid"]

_LABELS = {
    Language.VI: {"tasks": "Công việc", "no_lead": "(chưa có cơ quan chủ trì)"},
    Language.EN: {"tasks": "Tasks", "no_lead": "(no lead)"},
}

# ":" ends a task's text, "#…;" is an entity code, ";" ends a statement and "%"
# starts a comment: each becomes its full-width twin, which NFC leaves alone and
# which reads the same in a chart.
_LOOK_ALIKES = str.maketrans(
    {
        ":": "\N{FULLWIDTH COLON}",
        ";": "\N{FULLWIDTH SEMICOLON}",
        "#": "\N{FULLWIDTH NUMBER SIGN}",
        "%": "\N{FULLWIDTH PERCENT SIGN}",
    }
)

# The keywords of Mermaid's gantt lexer (11.x), which are tried before task text and
# match case-insensitively at the start of a line: a task called "Gantt chart" or
# "Section 5 review" would otherwise be read as one. JavaScript's \b is ASCII-only.
_KEYWORD_START = re.compile(
    r"(?:gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes"
    r"|excludes|todaymarker|weekday|weekend|title|accdescription|acctitle|accdescr"
    r"|section|click)(?![A-Za-z0-9_])|\d{4}-\d\d-\d\d(?![A-Za-z0-9_])",
    re.IGNORECASE,
)
_ZERO_WIDTH_SPACE = "\u200b"

# Words Mermaid reads as tags when they stand where a task id is expected.
_TAGS = frozenset({"active", "crit", "done", "milestone", "vert"})


def mermaid_text(text: str, *, task: bool = False) -> str:
    """``text`` on one line, NFC, with nothing Mermaid would take for syntax.

    A task's text (``task=True``) that starts like a keyword gets a zero-width
    space in front, so the lexer sees plain text; the chart looks the same.
    """
    text = " ".join(unicodedata.normalize("NFC", text).translate(_LOOK_ALIKES).split())
    if task and _KEYWORD_START.match(text):
        text = _ZERO_WIDTH_SPACE + text
    return text


def mermaid_id(task_id: str) -> str:
    """``task_id`` as a Mermaid id (letters, digits, ``_``): ``t01-bản`` → ``t01_ban``."""
    ascii_id = unicodedata.normalize("NFKD", task_id.replace("đ", "d").replace("Đ", "D"))
    ascii_id = ascii_id.encode("ascii", "ignore").decode()
    ascii_id = re.sub(r"[^A-Za-z0-9_]", "_", ascii_id)
    return ascii_id if ascii_id and ascii_id.lower() not in _TAGS else f"task_{ascii_id}"


def render_mermaid(schedule: Schedule, options: ReportOptions) -> str:
    """A ``gantt`` chart: one line per task, in plan order, grouped by section (a
    section per lead with ``group_by`` lead; else per group of the plan, if any)."""
    labels = _LABELS[options.lang]
    plan = schedule.plan
    lines = [
        "gantt",
        f"    title {mermaid_text(plan.title) or mermaid_text(plan.id)}",
        "    dateFormat YYYY-MM-DD",
    ]
    ids = _unique_ids(task.id for task in plan.tasks)
    for section, rows in _sections(schedule, options, labels).items():
        lines += ["", f"    section {section}"]
        for row, task in rows:
            lines.append(f"    {_task_line(row, task, ids[task.id], options.as_of)}")
    return "\n".join(lines) + "\n"


def _sections(
    schedule: Schedule, options: ReportOptions, labels: dict[str, str]
) -> dict[str, list[tuple[TaskSchedule, Task]]]:
    """Sections in order of first appearance; tasks without a lead last."""
    pairs = list(zip(schedule, schedule.plan.tasks, strict=True))
    if options.group_by is not GroupBy.LEAD and schedule.plan.groups:
        return _group_sections(schedule, pairs, labels)
    if options.group_by is not GroupBy.LEAD:
        return {labels["tasks"]: pairs} if pairs else {}
    by_lead: dict[str | None, list[tuple[TaskSchedule, Task]]] = {}
    for row, task in pairs:
        by_lead.setdefault(task.lead or None, []).append((row, task))
    if None in by_lead:
        by_lead[None] = by_lead.pop(None)  # to the end
    return {
        mermaid_text(lead) if lead else labels["no_lead"]: rows for lead, rows in by_lead.items()
    }


def _group_sections(
    schedule: Schedule, pairs: list[tuple[TaskSchedule, Task]], labels: dict[str, str]
) -> dict[str, list[tuple[TaskSchedule, Task]]]:
    """A section per group of the plan, named by its path ("I / I.1"), the tasks under
    it (or under a task under it) in the plan's outline order; tasks under no group in
    a section of their own."""
    from urbangov.plan import outline

    plan = schedule.plan
    n = len(plan.tasks)
    path: list[str] = []
    out: dict[str, list[tuple[TaskSchedule, Task]]] = {}
    for slot, level in outline(plan):
        del path[level - 1 :]
        if slot >= n:
            path.append(mermaid_text(plan.groups[slot - n].title) or plan.groups[slot - n].id)
        else:
            out.setdefault(" / ".join(path) or labels["tasks"], []).append(pairs[slot])
    return out


def _task_line(row: TaskSchedule, task: Task, task_id: str, as_of: dt.date | None) -> str:
    tags = []
    if row.milestone:
        tags.append("milestone")
    if row.critical:
        tags.append("crit")
    if as_of is not None:
        if row.finish < as_of:
            tags.append("done")
        elif row.start <= as_of:
            tags.append("active")
    if row.milestone:
        when = f"{row.start.isoformat()}, 0d"
    else:  # Mermaid's end date is exclusive: the bar stops at the start of that day
        when = f"{row.start.isoformat()}, {(row.finish + dt.timedelta(days=1)).isoformat()}"
    text = mermaid_text(task.title, task=True) or mermaid_text(task.id, task=True)
    return f"{text} :{', '.join([*tags, task_id, when])}"


def _unique_ids(task_ids: Iterator[str]) -> dict[str, str]:
    """Mermaid ids by task id; two ids that map to one get ``_2``, ``_3``…"""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for task_id in task_ids:
        base = candidate = mermaid_id(task_id)
        n = 1
        while candidate in taken:
            n += 1
            candidate = f"{base}_{n}"
        taken.add(candidate)
        out[task_id] = candidate
    return out


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    register(
        Reporter(
            "mermaid",
            "The schedule as a Mermaid gantt chart",
            ".mmd",
            "text/vnd.mermaid",
            render_mermaid,
            uses=("as_of", "lang", "group_by"),
        )
    )
