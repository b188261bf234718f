"""The page around the chart: header, legend, the task table, styles and script."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, NamedTuple

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
    _Units,
)
from urbangov.builtins.gantt_html._svg import _HEAD, _axis, _chart, _deadline_mark
from urbangov.builtins.gantt_html._text import _TEXT, _date, _esc
from urbangov.builtins.gantt_html._tracking import (
    FOLD_BY_LEVEL_JS,
    TRACKED_CSS,
    GroupStatus,
    baseline_meta,
    baseline_spans,
    legend_items,
    tracked_meta,
    tracks,
)
from urbangov.reporting import GroupBy, Language, ReportOptions

if TYPE_CHECKING:
    from urbangov.scheduling import Schedule

__all__ = ["render_gantt_html"]


def render_gantt_html(schedule: Schedule, options: ReportOptions) -> str:
    """The schedule as a Gantt chart in one HTML page (see the module's docstring);
    with ``options.status``, the forecast as of its day, in its tasks' status colours."""
    text = _TEXT[options.lang]
    view = _View.of(schedule, options)
    schedule, tasks = view.schedule, view.tasks
    lines = _lines(tasks, options.group_by, text, view.units, schedule.plan)
    first, last, status = _time_span(schedule, tasks, view.as_of)
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
    if late and options.status is None:  # with tracking, the official counts say it
        meta.append(text["late_count"].format(late=late))
    if view.as_of is not None:
        meta.append(
            text["status_date"].format(day=_date(view.as_of, options.lang))
            + ("" if status else " " + text["status_far"])
        )
    if options.status is not None:
        meta.append(tracked_meta(options.status, text))
    if options.baseline is not None:
        meta.append(baseline_meta(options.baseline, options.lang, text))
    tracked = options.status is not None or options.baseline is not None
    grouped = any(isinstance(line, _Group) for line in lines)
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
            f"<title>{_esc(page_title)}</title>\n<style>{_CSS}{TRACKED_CSS if tracked else ''}"
            "</style>\n</head>\n<body>\n",
            f'<header>\n<h1>{_esc(schedule.plan.title)}</h1>\n<p class="meta">',
            " · ".join(_esc(part) for part in meta),
            "</p>\n",
            _legend(text, status is not None, view),
            f'<p class="hint">{_esc(text["hint"])} {buttons}</p>\n</header>\n',
            '<main class="gantt">\n<div class="grid" style="grid-template-columns: '
            f'{_TABLE_WIDTH}px {scale.width}px">\n',
            _corner(text),
            _axis(scale, days_off, status, options.lang),
            _table(lines, tasks, options.lang, text),
            _chart(scale, lines, tasks, days_off, status, schedule, options, text),
            "</div>\n</main>\n",
            f"<script>{_script(text, lines)}</script>\n</body>\n</html>\n",
        ]
    )


_TABLE_WIDTH: Final = 600
#: Table rows per block that the browser may skip while it is out of view.
_CHUNK: Final = 100


class _View(NamedTuple):
    """What the chart draws: the schedule (the forecast, with tracking data), its
    tasks, the status date, and the units groups are named and rolled up by."""

    schedule: Schedule
    tasks: list[_Task]
    as_of: dt.date | None
    units: _Units | None
    status: bool
    baseline: bool

    @classmethod
    def of(cls, schedule: Schedule, options: ReportOptions) -> _View:
        status, as_of, units = options.status, options.as_of, None
        found = None
        if status is not None:
            found = tracks(schedule, status)
            schedule = status.forecast
            as_of = as_of if as_of is not None else status.as_of
        spans = None if options.baseline is None else baseline_spans(options.baseline)
        if options.hierarchy is not None and options.group_by is GroupBy.UNIT:
            day = as_of if as_of is not None else schedule.start
            units = _Units(options.hierarchy, day, options.depth)
        tasks = _tasks(schedule, found, spans)
        return cls(schedule, tasks, as_of, units, found is not None, spans is not None)


def _legend(text: dict[str, str], status: bool, view: _View) -> str:
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
    if view.status:  # the states' colours replace the plain bar's and the critical one's
        items = [item for item in items if item[1] not in ("legend_task", "legend_critical")]
    items[0:0] = legend_items(view.status, view.baseline)
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


def _table(
    lines: Sequence[_Line], tasks: Sequence[_Task], lang: Language, text: dict[str, str]
) -> str:
    """The task table left of the chart: one line per chart line, in chunks (below)."""
    out = ['<div class="table">']
    rows: list[str] = []
    for line in lines:
        if isinstance(line, _Group):
            if len(out) > 1:  # close the group before
                out.append(_chunked(rows) + "</div></section>")
            rows = []
            level = "" if line.level is None else f' data-level="{line.level}"'
            level += ' data-folded=""' if line.folded else ""
            level += "" if line.up is None else f' data-up="{line.up}"'
            indent = f' style="padding-left:{line.level}em"' if line.level else ""
            out.append(
                f'<section class="group" data-g="{line.number}"{level}><div class="group-head">'
                '<button type="button" class="toggle" aria-expanded="true" hidden>▾</button>'
                f'<span class="name"{indent}>{_esc(line.label)}</span>'
                f'<span class="n">{len(line.members)}</span>{_badges(line, tasks, text)}'
                '</div><div class="rows">'
            )
        else:
            rows.append(_table_row(tasks[line], lang))
    out.append(_chunked(rows))
    if any(isinstance(line, _Group) for line in lines):
        out.append("</div></section>")
    out.append("</div>\n")
    return "".join(out)


def _badges(group: _Group, tasks: Sequence[_Task], text: dict[str, str]) -> str:
    if tasks[group.members[0]].track is None:
        return ""
    return GroupStatus([tasks[i] for i in group.members]).badges(text)


def _table_row(task: _Task, lang: Language) -> str:
    css = "task critical" if task.critical else "task"
    glyph = "◆ " if task.milestone else ""
    indent = f' style="padding-left:{task.depth}em"' if task.depth else ""
    finish_css = "d late" if task.late else "d"
    return (
        f'<div class="{css}" title="{_esc(task.id)}: {_esc(task.title)}">'
        f'<span class="id">{_esc(task.id)}</span>'
        f'<span class="t"{indent}>{glyph}{_esc(task.title)}</span>'
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


def _script(text: dict[str, str], lines: Sequence[_Line]) -> str:
    levels = any(isinstance(line, _Group) and line.level is not None for line in lines)
    values = {
        "row": ROW,
        "stub": _STUB,
        "head": _HEAD,
        "toggle": json.dumps(text["toggle"]),
        "more": FOLD_BY_LEVEL_JS if levels else "",
    }
    return _JS % values
