"""The SVG of the chart and of its time axis."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from urbangov.builtins.gantt_html._layout import (
    _AXIS_H,
    _BAR_H,
    _BAR_Y,
    _DAY_LABELS,
    _DIAMOND,
    _STUB,
    _WEEK_LABELS,
    ROW,
    _DaysOff,
    _Group,
    _Line,
    _Scale,
    _Task,
)
from urbangov.builtins.gantt_html._text import _date, _esc, _month, _n, _next_month, _short_date
from urbangov.builtins.gantt_html._tracking import (
    WITHDRAWN_PATTERN,
    GroupStatus,
    milestone_baseline,
    track_tip,
)
from urbangov.reporting import Language, ReportOptions

if TYPE_CHECKING:
    from urbangov.scheduling import Schedule

__all__ = ["task_bar"]

_HEAD: Final = 6  # an arrowhead's length


def task_bar(
    x0: float,
    x1: float,
    css: str,
    *,
    progress: float | None = None,
    baseline: tuple[float, float] | None = None,
) -> str:
    """The SVG of one task's bar from ``x0`` to ``x1`` on its line.

    With tracking data, ``progress`` (0 to 1) fills the done part of the bar, and with
    a baseline, ``baseline`` (two x positions) draws the planned bar under it.
    """
    parts = []
    if baseline is not None:
        b0, b1 = baseline
        parts.append(
            f'<rect class="baseline" x="{_n(b0)}" y="{_BAR_Y + _BAR_H - 1}" '
            f'width="{_n(max(b1 - b0, 2))}" height="5"/>'
        )
    width = max(x1 - x0, 2)
    parts.append(
        f'<rect class="{css}" x="{_n(x0)}" y="{_BAR_Y}" width="{_n(width)}" '
        f'height="{_BAR_H}" rx="2"/>'
    )
    if progress is not None:
        done = width * min(max(progress, 0.0), 1.0)
        parts.append(
            f'<rect class="progress" x="{_n(x0)}" y="{_BAR_Y + 4}" width="{_n(done)}" '
            f'height="{_BAR_H - 8}"/>'
        )
    return "".join(parts)


def _axis(scale: _Scale, days_off: list[_DaysOff], status: dt.date | None, lang: Language) -> str:
    """Months on the upper band; weeks (or days, when there is room) on the lower."""
    width, ppd, half = scale.width, scale.ppd, _AXIS_H // 2
    out = [
        f'<div class="axis"><svg id="axis" xmlns="http://www.w3.org/2000/svg" '
        f'width="{width}" height="{_AXIS_H}" role="img">'
    ]
    if ppd >= 6:  # the days off, also in the header, where there is room to see them
        for run in days_off:
            out.append(
                f'<rect class="off {run.kind}" x="{_n(scale.x(run.first))}" y="{half}" '
                f'width="{_n(scale.span(run.first, run.last))}" height="{half}">'
                f"<title>{_esc(run.title)}</title></rect>"
            )
    months: list[str] = []
    ticks: list[str] = []
    labels: list[str] = []
    day = scale.first
    one = dt.timedelta(days=1)
    while day <= scale.last:
        x = scale.x(day)
        if day.day == 1 or day == scale.first:
            room = scale.span(day, min(_next_month(day) - one, scale.last))
            if day.day == 1:
                months.append(f"M{_n(x)} 0V{_AXIS_H}")
            label = _month(day, lang, room)
            if label:
                labels.append(f'<text class="month" x="{_n(x + 4)}" y="15">{_esc(label)}</text>')
        if ppd >= _DAY_LABELS:
            ticks.append(f"M{_n(x)} {half}V{_AXIS_H}")
            labels.append(f'<text class="day" x="{_n(x + ppd / 2)}" y="37">{day.day}</text>')
        elif day.weekday() == 0:
            ticks.append(f"M{_n(x)} {half}V{_AXIS_H}")
            # A Monday's date, unless the line of a new month would cross it.
            clear = scale.x(_next_month(day)) - x >= 4 + 6.2 * len(str(day.day))
            if ppd >= _WEEK_LABELS and clear:
                labels.append(f'<text class="week" x="{_n(x + 3)}" y="37">{day.day}</text>')
        day += one
    out.append(f'<path class="tick" d="{"".join(ticks) or "M0 0"}"/>')
    out.append(f'<path class="month-line" d="{"".join(months)}M0 {half}H{width}"/>')
    out.extend(labels)
    if status is not None:
        at = scale.x(status) + ppd
        flag = _short_date(status, lang)
        room = 7 * len(flag) + 8
        out.append(
            f'<line class="status-date" x1="{_n(at)}" y1="0" x2="{_n(at)}" y2="{_AXIS_H}"/>'
            f'<rect class="status-flag" x="{_n(at - room / 2)}" y="{half + 2}" '
            f'width="{room}" height="{half - 4}" rx="3"/>'
            f'<text class="status-flag" x="{_n(at)}" y="37">{_esc(flag)}</text>'
        )
    out.append("</svg></div>\n")
    return "".join(out)


def _chart(
    scale: _Scale,
    lines: Sequence[_Line],
    tasks: Sequence[_Task],
    days_off: list[_DaysOff],
    status: dt.date | None,
    schedule: Schedule,
    options: ReportOptions,
    text: dict[str, str],
) -> str:
    lang, width, ppd = options.lang, scale.width, scale.ppd
    tracked = options.status is not None
    height = len(lines) * ROW
    label = html.escape(f"{schedule.plan.title} — {text['gantt']}")
    out = [
        f'<div class="body"><svg id="chart" xmlns="http://www.w3.org/2000/svg" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}">'
        "<defs>"
        f'<pattern id="stripes" width="8" height="{2 * ROW}" patternUnits="userSpaceOnUse">'
        f'<rect class="stripe" y="{ROW}" width="8" height="{ROW}"/></pattern>'
        f"{WITHDRAWN_PATTERN if tracked else ''}</defs>"
        '<rect width="100%" height="100%" fill="url(#stripes)"/>'
    ]
    # Non-working days: one full-height column per run, never one per line.
    out.append('<g class="days-off">')
    for run in days_off:
        out.append(
            f'<rect class="off {run.kind}" x="{_n(scale.x(run.first))}" y="0" '
            f'width="{_n(scale.span(run.first, run.last))}" height="100%">'
            f"<title>{_esc(run.title)}</title></rect>"
        )
    out.append("</g>")
    weeks, months = [], []
    day = scale.first
    while day <= scale.last:
        if day.day == 1:
            months.append(f"M{_n(scale.x(day))} 0V{height}")
        if day.weekday() == 0 and ppd >= 1.5:
            weeks.append(f"M{_n(scale.x(day))} 0V{height}")
        day += dt.timedelta(days=1)
    out.append(f'<path class="grid-week" d="{"".join(weeks) or "M0 0"}"/>')
    out.append(f'<path class="grid-month" d="{"".join(months) or "M0 0"}"/>')

    # Where each task's line is, then the links (under the bars), then the lines.
    y_of: dict[int, int] = {}
    for number, line in enumerate(lines):
        if not isinstance(line, _Group):
            y_of[line] = number * ROW
    arrows, link_data = _links(tasks, y_of, scale)
    out.append(arrows)

    task_tip = _Tip(tasks, lang, text, schedule, options.baseline is not None)
    group = -1
    for number, line in enumerate(lines):
        y = number * ROW
        if isinstance(line, _Group):
            group = line.number
            out.append(_group_row(scale, line, tasks, y, lang, text))
            continue
        task = tasks[line]
        data_g = f' data-g="{group}"' if group >= 0 else ""
        out.append(
            f'<g class="row task" data-i="{task.pos}"{data_g} transform="translate(0,{y})">'
            f"<title>{_esc(task_tip(task))}</title>"
        )
        out.append(_shape(scale, task))
        if task.deadline is not None:
            x = _n(scale.x(task.deadline) + ppd)
            tip = (
                text["deadline_missed"].format(
                    day=_date(task.deadline, lang), finish=_date(task.finish, lang)
                )
                if task.late
                else text["deadline_met"].format(day=_date(task.deadline, lang))
            )
            out.append(
                f'<g class="deadline{" missed" if task.late else ""}">'
                f"{_deadline_mark(float(x), '')}<title>{_esc(tip)}</title></g>"
            )
        out.append("</g>")

    if status is not None:
        x = _n(scale.x(status) + ppd)
        tip = text["status_date"].format(day=_date(status, lang))
        out.append(
            f'<line class="status-date" x1="{x}" y1="0" x2="{x}" y2="100%">'
            f"<title>{_esc(tip)}</title></line>"
        )
    out.append("</svg></div>\n")
    out.append(f'<script type="application/json" id="gantt-links">{link_data}</script>\n')
    return "".join(out)


def _shape(scale: _Scale, task: _Task) -> str:
    """A task's bar or diamond: with tracking data in its state's colour, the bar
    filled as far as the work is done; with a baseline, the baseline under it."""
    css = " critical" if task.critical else ""
    if task.track is not None:
        css += " " + task.track.state
    if task.milestone:
        cx = scale.x(task.start) + scale.ppd / 2
        under = ""
        if task.baseline is not None:
            under = milestone_baseline(scale.x(task.baseline[0]) + scale.ppd / 2)
        return (
            f'{under}<path class="milestone{css}" d="M{_n(cx)} {_BAR_Y - 1}l{_DIAMOND} '
            f'{_DIAMOND}-{_DIAMOND} {_DIAMOND}-{_DIAMOND}-{_DIAMOND}z"/>'
        )
    done = None if task.track is None or not task.track.progress else task.track.progress
    planned = None
    if task.baseline is not None:
        planned = (scale.x(task.baseline[0]), scale.x(task.baseline[1]) + scale.ppd)
    return task_bar(
        scale.left(task), scale.right(task), "bar" + css, progress=done, baseline=planned
    )


def _group_row(
    scale: _Scale,
    group: _Group,
    tasks: Sequence[_Task],
    y: int,
    lang: Language,
    text: dict[str, str],
) -> str:
    start = min(tasks[i].start for i in group.members)
    finish = max(tasks[i].finish for i in group.members)
    x0, x1 = scale.x(start), scale.x(finish) + scale.ppd
    tip = (
        f"{group.label}\n{text['group_count'].format(n=len(group.members))}\n"
        f"{text['start']}: {_date(start, lang)}\n{text['finish']}: {_date(finish, lang)}"
    )
    css = ""
    if tasks[group.members[0]].track is not None:
        summed = GroupStatus([tasks[i] for i in group.members])
        tip = "\n".join([tip, *summed.tip(text)])
        css = f" {summed.state}" if summed.state else ""
    summary = ""  # a bracket over the group's span, when it is wide enough to show
    if x1 - x0 >= 12:
        summary = (
            f'<path class="summary{css}" d="M{_n(x0)} 8H{_n(x1)}V17L{_n(x1 - 5)} 12'
            f'H{_n(x0 + 5)}L{_n(x0)} 17Z"/>'
        )
    up = "" if group.up is None else f' data-up="{group.up}"'
    return (
        f'<g class="row group" data-g="{group.number}"{up} transform="translate(0,{y})">'
        f"<title>{_esc(tip)}</title>"
        f'<rect class="group-band" width="100%" height="{ROW}"/>{summary}</g>'
    )


def _deadline_mark(x: float, css: str) -> str:
    """A downward arrowhead over a dashed line: the task must finish by ``x``."""
    mark = f'<path class="deadline-line" d="M{_n(x)} 2V22"/>'
    mark += f'<path class="deadline-head" d="M{_n(x - 5)} 1H{_n(x + 5)}L{_n(x)} 8Z"/>'
    return f'<g class="deadline{css}">{mark}</g>' if css else mark


class _Tip:
    """A task's tooltip: :func:`_task_tip`, and the tracking lines when there are some."""

    def __init__(
        self,
        tasks: Sequence[_Task],
        lang: Language,
        text: dict[str, str],
        schedule: Schedule,
        baseline: bool,
    ) -> None:
        self._tasks, self._lang, self._text, self._baseline = tasks, lang, text, baseline
        self._between = schedule.plan.calendar.working_days_between

    def __call__(self, task: _Task) -> str:
        tip = _task_tip(task, self._tasks, self._lang, self._text)
        if task.track is None and not self._baseline:
            return tip
        more = track_tip(task, self._lang, self._text, self._between, self._baseline)
        return "\n".join([tip, *more])


def _task_tip(task: _Task, tasks: Sequence[_Task], lang: Language, text: dict[str, str]) -> str:
    lines = [f"{task.id}: {task.title}"]
    if task.milestone:
        lines.append(f"{text['milestone']}: {_date(task.start, lang)}")
    else:
        lines.append(f"{text['start']}: {_date(task.start, lang)}")
        lines.append(f"{text['finish']}: {_date(task.finish, lang)}")
        lines.append(text["duration"].format(n=task.duration))
    lines.append(text["total_slack"].format(n=task.total_slack))
    lines.append(text["free_slack"].format(n=task.free_slack))
    if task.lead is not None:
        lines.append(text["lead"].format(lead=task.lead))
    if task.deadline is not None:
        day = _date(task.deadline, lang)
        lines.append(
            text["deadline_missed"].format(day=day, finish=_date(task.finish, lang))
            if task.late
            else text["deadline_met"].format(day=day)
        )
    if task.critical:
        lines.append(text["critical"])
    lines.extend(
        _link_tip(tasks[pred].id, task, kind, lag, text) for pred, _, _, kind, lag in task.links
    )
    return "\n".join(lines)


def _link_tip(pred_id: str, task: _Task, kind: str, lag: int, text: dict[str, str]) -> str:
    """``a → b: finish → start, lag 2 working days``: one link, as its successor tells it."""
    tip = text["link"].format(a=pred_id, b=task.id, kind=text[kind])
    if lag > 0:
        tip += text["lag"].format(n=lag)
    elif lag < 0:  # a negative lag lets the successor overlap
        tip += text["lead_time"].format(n=-lag)
    return tip


def _links(tasks: Sequence[_Task], y_of: dict[int, int], scale: _Scale) -> tuple[str, str]:
    """Every dependency arrow, in four paths (lines and heads, plain and critical) rather
    than an element each: thousands of elements are what makes a browser slow. The
    script re-routes them from the JSON list (the second part) when groups fold: per
    link ``[predecessor, successor, x1, x2, from its finish?, to a finish?, critical?]``."""
    lines: dict[bool, list[str]] = {False: [], True: []}
    heads: dict[bool, list[str]] = {False: [], True: []}
    data = []
    for task in tasks:
        for pred_index, from_finish, to_finish, _, _ in task.links:
            pred = tasks[pred_index]
            x1 = scale.right(pred) if from_finish else scale.left(pred)
            x2 = scale.right(task) if to_finish else scale.left(task)
            y1, y2 = y_of[pred_index] + ROW / 2, y_of[task.pos] + ROW / 2
            critical = pred.critical and task.critical
            lines[critical].append(_route(x1, y1, x2, y2, from_finish, to_finish))
            heads[critical].append(_head(x2, y2, to_finish))
            data.append(
                f"[{pred_index},{task.pos},{_n(x1)},{_n(x2)},"
                f"{int(from_finish)},{int(to_finish)},{int(critical)}]"
            )
    return (
        '<g class="links">'
        f'<path class="link" d="{"".join(lines[False]) or "M0 0"}"/>'
        f'<path class="link critical" d="{"".join(lines[True]) or "M0 0"}"/>'
        f'<path class="arrowhead" d="{"".join(heads[False]) or "M0 0"}"/>'
        f'<path class="arrowhead critical" d="{"".join(heads[True]) or "M0 0"}"/>'
        "</g>",
        f"[{','.join(data)}]",
    )


def _head(x: float, y: float, to_finish: bool) -> str:
    """An arrowhead whose tip is at ``x``: pointing left into a finish, right into a start."""
    back = _HEAD if to_finish else -_HEAD
    return f"M{_n(x)} {_n(y)}l{back} -{_HEAD / 2:g}v{_HEAD}z"


def _route(x1: float, y1: float, x2: float, y2: float, from_finish: bool, to_finish: bool) -> str:
    """A link's elbow path; the script's ``route`` draws the same after a group folds.

    It leaves the predecessor away from its bar (right of a finish, left of a start)
    and enters the successor towards it (from the left into a start, from the right
    into a finish); when that needs two turns, it runs along the line boundary.
    """
    out_dir = 1 if from_finish else -1
    in_dir = -1 if to_finish else 1
    if out_dir != in_dir:  # SS and FF: one vertical, beyond both ends
        vx = min(x1, x2) - _STUB if out_dir < 0 else max(x1, x2) + _STUB
        return f"M{_n(x1)} {_n(y1)}H{_n(vx)}V{_n(y2)}H{_n(x2)}"
    vx = x1 + out_dir * _STUB
    if (x2 - vx) * in_dir >= _STUB:  # FS and SF with room between the ends
        return f"M{_n(x1)} {_n(y1)}H{_n(vx)}V{_n(y2)}H{_n(x2)}"
    ym = y1 + (ROW / 2 if y2 > y1 else -ROW / 2)
    tx = x2 - in_dir * _STUB
    return f"M{_n(x1)} {_n(y1)}H{_n(vx)}V{_n(ym)}H{_n(tx)}V{_n(y2)}H{_n(x2)}"
