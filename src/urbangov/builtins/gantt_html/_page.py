"""The page around the chart: header, legend, the task table, styles and script."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from urbangov.builtins.gantt_html._assets import _CSS, _JS
from urbangov.builtins.gantt_html._layout import (
    _STUB,
    ROW,
    _days_off,
    _Group,
    _Line,
    _lines,
    _pixels_per_day,
    _Scale,
    _Task,
    _tasks,
    _time_span,
)
from urbangov.builtins.gantt_html._svg import _HEAD, _axis, _chart, _deadline_mark
from urbangov.builtins.gantt_html._text import _TEXT, _date, _esc
from urbangov.reporting import Language, ReportOptions

if TYPE_CHECKING:
    from urbangov.scheduling import Schedule

__all__ = ["render_gantt_html"]


def render_gantt_html(schedule: Schedule, options: ReportOptions) -> str:
    """The schedule as a Gantt chart in one HTML page (see the module's docstring)."""
    text = _TEXT[options.lang]
    tasks = _tasks(schedule)
    lines = _lines(tasks, options.group_by, text)
    first, last, status = _time_span(schedule, tasks, options.as_of)
    scale = _Scale(first, last, _pixels_per_day(first, last))
    days_off = list(_days_off(schedule, first, last, options.lang, text))
    late = sum(task.late for task in tasks)
    critical = sum(task.critical for task in tasks)

    meta = [
        f"{text['plan_id']}: {schedule.plan.id}",
        text["span"].format(
            start=_date(schedule.start, options.lang), finish=_date(schedule.finish, options.lang)
        ),
        text["count"].format(tasks=len(tasks), critical=critical),
    ]
    if late:
        meta.append(text["late_count"].format(late=late))
    if options.as_of is not None:
        meta.append(
            text["status_date"].format(day=_date(options.as_of, options.lang))
            + ("" if status else " " + text["status_far"])
        )
    grouped = options.group_by is not None
    buttons = (
        f'<span class="tools" hidden><button type="button" data-all="0">'
        f'{_esc(text["collapse_all"])}</button> <button type="button" data-all="1">'
        f"{_esc(text['expand_all'])}</button></span>"
        if grouped
        else ""
    )
    page_title = f"{schedule.plan.title} — {text['gantt']}"
    return "".join(
        [
            f'<!DOCTYPE html>\n<html lang="{options.lang.value}">\n',
            '<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="urbangov gantt-html">\n',
            f"<title>{_esc(page_title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
            f'<header>\n<h1>{_esc(schedule.plan.title)}</h1>\n<p class="meta">',
            " · ".join(_esc(part) for part in meta),
            "</p>\n",
            _legend(text, status is not None),
            f'<p class="hint">{_esc(text["hint"])} {buttons}</p>\n</header>\n',
            '<main class="gantt">\n<div class="grid" style="grid-template-columns: '
            f'{_TABLE_WIDTH}px {scale.width}px">\n',
            _corner(text),
            _axis(scale, days_off, status, options.lang),
            _table(lines, tasks, options.lang),
            _chart(scale, lines, tasks, days_off, status, schedule, options.lang, text),
            "</div>\n</main>\n",
            f"<script>{_script(text)}</script>\n</body>\n</html>\n",
        ]
    )


_TABLE_WIDTH: Final = 600
#: Table rows per block that the browser may skip while it is out of view.
_CHUNK: Final = 100


def _legend(text: dict[str, str], status: bool) -> str:
    swatch = '<svg class="swatch" width="28" height="16" viewBox="0 0 28 16" aria-hidden="true">'
    items = [
        ('<rect class="bar" x="1" y="3" width="26" height="10" rx="2"/>', "legend_task"),
        ('<path class="milestone" d="M14 1l7 7-7 7-7-7z"/>', "legend_milestone"),
        (
            '<rect class="bar critical" x="1" y="3" width="14" height="10" rx="2"/>'
            '<path class="milestone critical" d="M22 2l6 6-6 6-6-6z"/>',
            "legend_critical",
        ),
        (
            '<path class="link" d="M2 4H9V12H22" style="marker-end:url(#lg-arrow)"/>',
            "legend_link",
        ),
        (_deadline_mark(14, ""), "legend_deadline"),
        (_deadline_mark(14, " missed"), "legend_missed"),
        ('<rect class="off weekend" x="4" y="0" width="20" height="16"/>', "legend_weekend"),
        ('<rect class="off holiday" x="4" y="0" width="20" height="16"/>', "legend_holiday"),
    ]
    if status:
        items.append(
            ('<line class="status-date" x1="14" y1="0" x2="14" y2="16"/>', "legend_status")
        )
    marker = (
        '<svg width="0" height="0" aria-hidden="true" style="position:absolute">'
        '<marker id="lg-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" '
        'markerHeight="6" orient="auto"><path class="arrowhead" d="M0 0L6 3L0 6z"/>'
        "</marker></svg>"
    )
    body = "".join(f"<li>{swatch}{drawing}</svg>{_esc(text[key])}</li>" for drawing, key in items)
    return f'<ul class="legend">{marker}{body}</ul>\n'


def _corner(text: dict[str, str]) -> str:
    return (
        '<div class="corner"><div class="cols">'
        f'<span class="id">{_esc(text["id"])}</span><span class="t">{_esc(text["task"])}</span>'
        f'<span class="d">{_esc(text["start"])}</span><span class="d">{_esc(text["finish"])}</span>'
        "</div></div>\n"
    )


def _table(lines: Sequence[_Line], tasks: Sequence[_Task], lang: Language) -> str:
    """The task table left of the chart: one line per chart line, in chunks (below)."""
    out = ['<div class="table">']
    rows: list[str] = []
    for line in lines:
        if isinstance(line, _Group):
            if len(out) > 1:  # close the group before
                out.append(_chunked(rows) + "</div></section>")
            rows = []
            out.append(
                f'<section class="group" data-g="{line.number}"><div class="group-head">'
                '<button type="button" class="toggle" aria-expanded="true" hidden>▾</button>'
                f'<span class="name">{_esc(line.label)}</span>'
                f'<span class="n">{len(line.members)}</span></div><div class="rows">'
            )
        else:
            rows.append(_table_row(tasks[line], lang))
    out.append(_chunked(rows))
    if any(isinstance(line, _Group) for line in lines):
        out.append("</div></section>")
    out.append("</div>\n")
    return "".join(out)


def _table_row(task: _Task, lang: Language) -> str:
    css = "task critical" if task.critical else "task"
    glyph = "◆ " if task.milestone else ""
    finish_css = "d late" if task.late else "d"
    return (
        f'<div class="{css}" title="{_esc(task.id)}: {_esc(task.title)}">'
        f'<span class="id">{_esc(task.id)}</span>'
        f'<span class="t">{glyph}{_esc(task.title)}</span>'
        f'<span class="d">{_date(task.start, lang)}</span>'
        f'<span class="{finish_css}">{_date(task.finish, lang)}</span></div>'
    )


def _chunked(rows: Sequence[str]) -> str:
    """Rows in blocks of :data:`_CHUNK` that the browser lays out only when they scroll
    into view (``content-visibility``): most of a long table's load time otherwise."""
    blocks = (rows[i : i + _CHUNK] for i in range(0, len(rows), _CHUNK))
    return "".join(
        f'<div class="chunk" style="contain-intrinsic-size:auto {ROW * len(block)}px">'
        f"{''.join(block)}</div>"
        for block in blocks
    )


def _script(text: dict[str, str]) -> str:
    values = {"row": ROW, "stub": _STUB, "head": _HEAD, "toggle": json.dumps(text["toggle"])}
    return _JS % values
