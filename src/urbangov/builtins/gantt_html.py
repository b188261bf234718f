"""The ``gantt-html`` report: a Gantt chart as one self-contained HTML page.

The page needs nothing but a browser: the chart is inline SVG with a little inline
CSS and JavaScript, no fonts, scripts or images are fetched. Everything is readable
with JavaScript turned off (every group expanded); the script only adds the buttons
that fold groups away.

Layout: a scrolling grid whose time axis (top) and task table (left) stay in place
while the chart scrolls. The table is HTML, so that long Vietnamese titles end in an
ellipsis; the chart (``<svg id="chart">``) has one ``<g class="row">`` per line, in
the same order and at the same height as the table's lines.

What the SVG holds, for the tests and for whoever styles it:

- ``rect.bar`` per task with a duration, ``path.milestone`` (a diamond) per milestone,
  both with class ``critical`` on the critical path;
- ``path.link`` per dependency, routed from the predecessor's finish or start to the
  successor's start or finish as the link type says;
- ``g.deadline`` (class ``missed`` when the task finishes after it);
- ``rect.off`` per run of consecutive non-working days of the plan's calendar
  (``weekend`` or ``holiday``), with the holidays' names in its ``<title>``;
- ``line.status-date`` when a status date is given.

Progress and baselines come with tracking: :func:`task_bar` already takes a
``progress`` fraction and a ``baseline`` span and draws them when given; nothing
passes them yet.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Final, NamedTuple, TypeAlias

from urbangov.plugins import hookimpl
from urbangov.reporting import GroupBy, Language, Reporter, ReportOptions

if TYPE_CHECKING:
    from urbangov.scheduling import Schedule

__all__ = ["render_gantt_html", "task_bar", "urbangov_register_reporters"]

#: Height of one line of the chart and of the table, in CSS pixels.
ROW: Final = 24
_AXIS_H: Final = 44
_BAR_Y: Final = 5
_BAR_H: Final = 14
_DIAMOND: Final = 7  # half the diagonal of a milestone's diamond
_STUB: Final = 6  # how far a link leaves a bar before it turns
#: The chart's width when it can (a 1600-pixel screen less the table), and the
#: widest and narrowest day, in CSS pixels: a long plan scrolls sideways.
_FIT_WIDTH: Final = 980
_MAX_DAY: Final = 24.0
_MIN_DAY: Final = 1.0
#: From how many pixels a day the axis names every day, or every week's Monday.
_DAY_LABELS: Final = 14
_WEEK_LABELS: Final = 2.6
#: A status date further than this from the plan is named, not drawn.
_STATUS_REACH: Final = dt.timedelta(days=366)

_DASH: Final = " \u2013 "  # an en dash between two dates

_MONTHS_EN: Final = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip

_TEXT: Final[dict[Language, dict[str, str]]] = {
    Language.VI: {
        "gantt": "Biểu đồ Gantt",
        "plan_id": "Mã kế hoạch",
        "span": "Từ {start} đến {finish}",
        "count": "{tasks} nhiệm vụ, {critical} trên đường găng",
        "late_count": "{late} nhiệm vụ trễ hạn",
        "id": "Mã",
        "task": "Nhiệm vụ",
        "start": "Bắt đầu",
        "finish": "Kết thúc",
        "duration": "Thời lượng: {n} ngày làm việc",
        "milestone": "Mốc",
        "total_slack": "Dự trữ toàn phần: {n} ngày làm việc",
        "free_slack": "Dự trữ tự do: {n} ngày làm việc",
        "critical": "Thuộc đường găng",
        "lead": "Cơ quan chủ trì: {lead}",
        "no_lead": "(chưa giao cơ quan chủ trì)",
        "unit": "Đơn vị: {unit}",
        "no_unit": "(chưa giao đơn vị)",
        "group_count": "{n} nhiệm vụ",
        "deadline_met": "Hạn chót: {day}, đúng hạn",
        "deadline_missed": "Hạn chót: {day}, trễ hạn (kết thúc {finish})",
        "link": "{a} → {b}: {kind}",
        "lag": ", độ trễ {n} ngày làm việc",
        "lead_time": ", gối đầu {n} ngày làm việc",
        "FS": "kết thúc → bắt đầu",
        "SS": "bắt đầu → bắt đầu",
        "FF": "kết thúc → kết thúc",
        "SF": "bắt đầu → kết thúc",
        "weekend": "Nghỉ cuối tuần",
        "plan_day_off": "Ngày nghỉ theo kế hoạch",
        "day_off": "Ngày nghỉ",
        "status_date": "Ngày báo cáo: {day}",
        "status_far": "(ngoài khung thời gian của biểu đồ)",
        "legend_task": "Nhiệm vụ",
        "legend_milestone": "Mốc",
        "legend_critical": "Đường găng (không còn dự trữ)",
        "legend_deadline": "Hạn chót",
        "legend_missed": "Trễ hạn",
        "legend_link": "Phụ thuộc",
        "legend_weekend": "Nghỉ cuối tuần",
        "legend_holiday": "Nghỉ lễ, Tết",
        "legend_status": "Ngày báo cáo",
        "collapse_all": "Thu gọn tất cả",
        "expand_all": "Mở rộng tất cả",
        "toggle": "Thu gọn hoặc mở rộng nhóm",
        "hint": "Rê chuột lên thanh, mốc hoặc ngày nghỉ để xem chi tiết.",
    },
    Language.EN: {
        "gantt": "Gantt chart",
        "plan_id": "Plan id",
        "span": "From {start} to {finish}",
        "count": "{tasks} tasks, {critical} on the critical path",
        "late_count": "{late} tasks past their deadline",
        "id": "Id",
        "task": "Task",
        "start": "Start",
        "finish": "Finish",
        "duration": "Duration: {n} working days",
        "milestone": "Milestone",
        "total_slack": "Total slack: {n} working days",
        "free_slack": "Free slack: {n} working days",
        "critical": "On the critical path",
        "lead": "Lead: {lead}",
        "no_lead": "(no lead agency)",
        "unit": "Unit: {unit}",
        "no_unit": "(no unit)",
        "group_count": "{n} tasks",
        "deadline_met": "Deadline: {day}, met",
        "deadline_missed": "Deadline: {day}, missed (finishes {finish})",
        "link": "{a} → {b}: {kind}",
        "lag": ", lag {n} working days",
        "lead_time": ", lead {n} working days",
        "FS": "finish → start",
        "SS": "start → start",
        "FF": "finish → finish",
        "SF": "start → finish",
        "weekend": "Weekend",
        "plan_day_off": "Day off in the plan",
        "day_off": "Day off",
        "status_date": "Status date: {day}",
        "status_far": "(outside the chart's time span)",
        "legend_task": "Task",
        "legend_milestone": "Milestone",
        "legend_critical": "Critical path (no slack)",
        "legend_deadline": "Deadline",
        "legend_missed": "Deadline missed",
        "legend_link": "Dependency",
        "legend_weekend": "Weekend",
        "legend_holiday": "Public holiday",
        "legend_status": "Status date",
        "collapse_all": "Collapse all",
        "expand_all": "Expand all",
        "toggle": "Collapse or expand the group",
        "hint": "Hover over a bar, a milestone or a day off for details.",
    },
}


# -- the public face --------------------------------------------------------------------


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


def task_bar(
    x0: float,
    x1: float,
    css: str,
    *,
    progress: float | None = None,
    baseline: tuple[float, float] | None = None,
) -> str:
    """The SVG of one task's bar from ``x0`` to ``x1`` on its line.

    The hook point for tracking: ``progress`` (0 to 1) fills the done part of the
    bar, ``baseline`` (two x positions) draws the planned bar under it. The schedule
    carries neither yet, so the report never passes them.
    """
    parts = []
    if baseline is not None:
        b0, b1 = baseline
        parts.append(
            f'<rect class="baseline" x="{_n(b0)}" y="{_BAR_Y + _BAR_H - 2}" '
            f'width="{_n(max(b1 - b0, 2))}" height="4"/>'
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


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    register(
        Reporter(
            "gantt-html",
            "A Gantt chart in one self-contained HTML page (SVG, works offline)",
            ".html",
            "text/html",
            render_gantt_html,
        )
    )


# -- what is drawn ----------------------------------------------------------------------


class _Task(NamedTuple):
    pos: int
    id: str
    title: str
    lead: str | None
    duration: int
    start: dt.date
    finish: dt.date
    total_slack: int
    free_slack: int
    critical: bool
    milestone: bool
    deadline: dt.date | None
    #: (predecessor index, from its finish?, to this task's finish?, link type, lag)
    links: tuple[tuple[int, bool, bool, str, int], ...]

    @property
    def late(self) -> bool:
        return self.deadline is not None and self.finish > self.deadline


class _Group(NamedTuple):
    number: int
    label: str
    members: tuple[int, ...]


#: A line of the chart: a group's header or a task (by its index).
_Line: TypeAlias = _Group | int


def _tasks(schedule: Schedule) -> list[_Task]:
    plan = schedule.plan
    out = []
    for index, (row, task) in enumerate(zip(schedule, plan.tasks, strict=True)):
        links = tuple(
            (
                plan.position(dep.task),
                dep.type.value in ("FS", "FF"),
                dep.type.value in ("FF", "SF"),
                dep.type.value,
                dep.lag,
            )
            for dep in task.depends
        )
        out.append(
            _Task(
                index,
                task.id,
                task.title,
                task.lead,
                task.duration,
                row.start,
                row.finish,
                row.total_slack,
                row.free_slack,
                row.critical,
                row.milestone,
                task.deadline,
                links,
            )
        )
    return out


def _lines(tasks: Sequence[_Task], group_by: GroupBy | None, text: dict[str, str]) -> list[_Line]:
    """The chart's lines: the tasks in plan order, or groups in order of first use."""
    if group_by is None:
        return list(range(len(tasks)))
    members: dict[str | None, list[int]] = {}
    for task in tasks:
        key = task.lead
        if key is not None and group_by is GroupBy.UNIT:
            key = key.split("/", 1)[0]
        members.setdefault(key, []).append(task.pos)
    if None in members:  # tasks without a lead come last
        members[None] = members.pop(None)
    lines: list[_Line] = []
    for number, (key, found) in enumerate(members.items()):
        if group_by is GroupBy.LEAD:
            label = text["no_lead"] if key is None else text["lead"].format(lead=key)
        else:
            label = text["no_unit"] if key is None else text["unit"].format(unit=key)
        lines.append(_Group(number, label, tuple(found)))
        lines.extend(found)
    return lines


def _time_span(
    schedule: Schedule, tasks: Sequence[_Task], as_of: dt.date | None
) -> tuple[dt.date, dt.date, dt.date | None]:
    """First and last day of the chart (whole weeks), and the status date to draw."""
    low, high = schedule.start, schedule.finish
    for task in tasks:
        if task.deadline is not None:
            low, high = min(low, task.deadline), max(high, task.deadline)
    status = None
    if as_of is not None and low - _STATUS_REACH <= as_of <= high + _STATUS_REACH:
        status = as_of
        low, high = min(low, as_of), max(high, as_of)
    first = low - dt.timedelta(days=3)
    first -= dt.timedelta(days=first.weekday())
    last = high + dt.timedelta(days=3)
    last += dt.timedelta(days=6 - last.weekday())
    return first, last, status


def _pixels_per_day(first: dt.date, last: dt.date) -> float:
    days = (last - first).days + 1
    ppd = min(max(_FIT_WIDTH / days, _MIN_DAY), _MAX_DAY)
    return int(ppd * 100) / 100  # short coordinates, and the same on every machine


class _Scale(NamedTuple):
    first: dt.date
    last: dt.date
    ppd: float

    @property
    def width(self) -> int:
        return math.ceil(((self.last - self.first).days + 1) * self.ppd)

    def x(self, day: dt.date) -> float:
        """The left edge of ``day``."""
        return round((day.toordinal() - self.first.toordinal()) * self.ppd, 1)

    def left(self, task: _Task) -> float:
        """Where links to or from the task's start meet it."""
        if task.milestone:
            return self.x(task.start) + self.ppd / 2 - _DIAMOND
        return self.x(task.start)

    def right(self, task: _Task) -> float:
        """Where links to or from the task's finish meet it."""
        if task.milestone:
            return self.x(task.start) + self.ppd / 2 + _DIAMOND
        return self.x(task.finish) + self.ppd

    def span(self, first: dt.date, last: dt.date) -> float:
        """The width of the days from ``first`` to ``last``, both included."""
        return self.x(last) + self.ppd - self.x(first)


class _DaysOff(NamedTuple):
    first: dt.date
    last: dt.date
    kind: str  # "weekend" or "holiday"
    title: str


def _days_off(
    schedule: Schedule, first: dt.date, last: dt.date, lang: Language, text: dict[str, str]
) -> Iterator[_DaysOff]:
    """Runs of consecutive non-working days of one kind, each with its tooltip."""
    calendar = schedule.plan.calendar
    names: dict[dt.date, str] = {}
    for year in range(first.year, last.year + 1):
        names.update(calendar.public_holidays_in(year, language=lang.value))
    run: list[tuple[dt.date, str]] = []
    run_kind = ""
    day = first
    one = dt.timedelta(days=1)
    while day <= last + one:
        kind = ""
        name = ""
        if day <= last and not calendar.is_working_day(day):
            if day in names:
                kind, name = "holiday", names[day]
            elif day in calendar.holidays:
                kind, name = "holiday", text["plan_day_off"]
            elif day.weekday() in calendar.weekend:
                kind = "weekend"
            else:
                kind, name = "holiday", text["day_off"]
        if run and kind != run_kind:
            yield _run(run, run_kind, lang, text)
            run = []
        if kind:
            run.append((day, name))
        run_kind = kind
        day += one


def _run(
    days: list[tuple[dt.date, str]], kind: str, lang: Language, text: dict[str, str]
) -> _DaysOff:
    start, end = days[0][0], days[-1][0]
    if kind == "weekend":
        span = (
            _date(start, lang) if start == end else f"{_date(start, lang)}{_DASH}{_date(end, lang)}"
        )
        title = f"{text['weekend']}: {span}"
    else:
        title = "\n".join(f"{_date(day, lang)}: {name}" for day, name in days)
    return _DaysOff(start, end, kind, title)


# -- the parts of the page ----------------------------------------------------------------

_TABLE_WIDTH: Final = 600


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


def _table(lines: Sequence[_Line], tasks: Sequence[_Task], lang: Language) -> str:
    """The task table left of the chart: one line per chart line."""
    out = ['<div class="table">']
    open_group = False
    for line in lines:
        if isinstance(line, _Group):
            if open_group:
                out.append("</div></section>")
            out.append(
                f'<section class="group" data-g="{line.number}"><div class="group-head">'
                '<button type="button" class="toggle" aria-expanded="true" hidden>▾</button>'
                f'<span class="name">{_esc(line.label)}</span>'
                f'<span class="n">{len(line.members)}</span></div><div class="rows">'
            )
            open_group = True
            continue
        task = tasks[line]
        css = "task critical" if task.critical else "task"
        glyph = "◆ " if task.milestone else ""
        finish_css = "d late" if task.late else "d"
        out.append(
            f'<div class="{css}" title="{_esc(task.id)}: {_esc(task.title)}">'
            f'<span class="id">{_esc(task.id)}</span>'
            f'<span class="t">{glyph}{_esc(task.title)}</span>'
            f'<span class="d">{_date(task.start, lang)}</span>'
            f'<span class="{finish_css}">{_date(task.finish, lang)}</span></div>'
        )
    if open_group:
        out.append("</div></section>")
    out.append("</div>\n")
    return "".join(out)


def _chart(
    scale: _Scale,
    lines: Sequence[_Line],
    tasks: Sequence[_Task],
    days_off: list[_DaysOff],
    status: dt.date | None,
    schedule: Schedule,
    lang: Language,
    text: dict[str, str],
) -> str:
    width, ppd = scale.width, scale.ppd
    height = len(lines) * ROW
    label = html.escape(f"{schedule.plan.title} — {text['gantt']}")
    out = [
        f'<div class="body"><svg id="chart" xmlns="http://www.w3.org/2000/svg" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}">'
        "<defs>"
        f'<pattern id="stripes" width="8" height="{2 * ROW}" patternUnits="userSpaceOnUse">'
        f'<rect class="stripe" y="{ROW}" width="8" height="{ROW}"/></pattern>'
        '<marker id="arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" '
        'markerHeight="6" orient="auto"><path class="arrowhead" d="M0 0L6 3L0 6z"/></marker>'
        '<marker id="arrow-critical" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" '
        'markerHeight="6" orient="auto"><path class="arrowhead critical" d="M0 0L6 3L0 6z"/>'
        "</marker></defs>"
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
    out.append('<g class="links">')
    for task in tasks:
        for pred_index, from_finish, to_finish, kind, lag in task.links:
            pred = tasks[pred_index]
            x1 = scale.right(pred) if from_finish else scale.left(pred)
            x2 = scale.right(task) if to_finish else scale.left(task)
            y1, y2 = y_of[pred_index] + ROW / 2, y_of[task.pos] + ROW / 2
            critical = pred.critical and task.critical
            tip = text["link"].format(a=pred.id, b=task.id, kind=text[kind])
            if lag > 0:
                tip += text["lag"].format(n=lag)
            elif lag < 0:  # a negative lag lets the successor overlap
                tip += text["lead_time"].format(n=-lag)
            out.append(
                f'<path class="link{" critical" if critical else ""}" '
                f'd="{_route(x1, y1, x2, y2, from_finish, to_finish)}" '
                f'data-v="{pred_index} {task.pos} {_n(x1)} {_n(x2)} '
                f'{int(from_finish)} {int(to_finish)}">'
                f"<title>{_esc(tip)}</title></path>"
            )
    out.append("</g>")

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
            f"<title>{_esc(_task_tip(task, lang, text))}</title>"
        )
        css = " critical" if task.critical else ""
        if task.milestone:
            cx = scale.x(task.start) + ppd / 2
            out.append(
                f'<path class="milestone{css}" d="M{_n(cx)} {_BAR_Y - 1}l{_DIAMOND} {_DIAMOND}'
                f'-{_DIAMOND} {_DIAMOND}-{_DIAMOND}-{_DIAMOND}z"/>'
            )
        else:
            out.append(task_bar(scale.left(task), scale.right(task), "bar" + css))
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
    return "".join(out)


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
    summary = ""  # a bracket over the group's span, when it is wide enough to show
    if x1 - x0 >= 12:
        summary = (
            f'<path class="summary" d="M{_n(x0)} 8H{_n(x1)}V17L{_n(x1 - 5)} 12'
            f'H{_n(x0 + 5)}L{_n(x0)} 17Z"/>'
        )
    return (
        f'<g class="row group" data-g="{group.number}" transform="translate(0,{y})">'
        f"<title>{_esc(tip)}</title>"
        f'<rect class="group-band" width="100%" height="{ROW}"/>{summary}</g>'
    )


def _deadline_mark(x: float, css: str) -> str:
    """A downward arrowhead over a dashed line: the task must finish by ``x``."""
    mark = f'<path class="deadline-line" d="M{_n(x)} 2V22"/>'
    mark += f'<path class="deadline-head" d="M{_n(x - 5)} 1H{_n(x + 5)}L{_n(x)} 8Z"/>'
    return f'<g class="deadline{css}">{mark}</g>' if css else mark


def _task_tip(task: _Task, lang: Language, text: dict[str, str]) -> str:
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
    return "\n".join(lines)


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


# -- small helpers ----------------------------------------------------------------------


def _esc(value: str) -> str:
    return html.escape(value, quote=True)


def _n(value: float) -> str:
    """A coordinate: whole numbers without a decimal point, others to 0.1 px."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _date(day: dt.date, lang: Language) -> str:
    if lang is Language.VI:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def _short_date(day: dt.date, lang: Language) -> str:
    if lang is Language.VI:
        return f"{day.day}/{day.month}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]}"


def _month(day: dt.date, lang: Language, room: float) -> str:
    """The month's label that fits in ``room`` pixels, or nothing."""
    if lang is Language.VI:
        choices = [f"Tháng {day.month}/{day.year}", f"T{day.month}/{day.year}", f"T{day.month}"]
    else:
        choices = [f"{_MONTHS_EN[day.month - 1]} {day.year}", _MONTHS_EN[day.month - 1]]
    return next((label for label in choices if len(label) * 6.5 + 8 <= room), "")


def _script(text: dict[str, str]) -> str:
    return _JS % {"row": ROW, "stub": _STUB, "toggle": json.dumps(text["toggle"])}


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


_CSS: Final = """
:root{--crit:#c62828;--bar:#3b6fb6;--ink:#1d2733;--muted:#5b6675;--line:#d5dbe3;
--weekend:#eceff3;--holiday:#fbdada;--late:#d50000;--ok:#2e7d32;--status:#7b1fa2;
--stripe:#f6f8fb;--group:#e2eaf4;font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",
"Helvetica Neue",Arial,sans-serif;color:var(--ink)}
*{box-sizing:border-box}
body{margin:0;height:100vh;display:flex;flex-direction:column;font-size:13px}
header{padding:10px 16px 6px;border-bottom:1px solid var(--line)}
h1{font-size:18px;margin:0 0 4px;line-height:1.3}
.meta{margin:0 0 6px;color:var(--muted)}
.hint{margin:4px 0 0;color:var(--muted);font-size:12px}
.hint button{font:inherit;font-size:12px;margin-left:6px}
.legend{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 18px}
.legend li{display:flex;align-items:center;gap:6px}
.gantt{flex:1;overflow:auto;position:relative}
.grid{display:grid;width:max-content}
.corner{position:sticky;top:0;left:0;z-index:4;background:#fff;height:44px;
border-bottom:1px solid #9aa6b4;border-right:1px solid #9aa6b4;display:flex;align-items:flex-end}
.axis{position:sticky;top:0;z-index:3;background:#fff;height:44px;border-bottom:1px solid #9aa6b4}
.table{position:sticky;left:0;z-index:2;border-right:1px solid #9aa6b4;background:#fff
repeating-linear-gradient(#fff 0 24px,var(--stripe) 24px 48px)}
.axis svg,.body svg{display:block}
.cols,.task{display:grid;grid-template-columns:116px 1fr 92px 92px;align-items:baseline}
.cols{width:100%;height:22px;line-height:22px;font-weight:600;color:var(--muted)}
.cols span,.task span{padding:0 6px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.task{height:24px;line-height:24px;border-left:3px solid transparent}
.task.critical{border-left-color:var(--crit)}
.task .id{color:var(--muted);font-size:12px}
.task .d,.cols .d{font-variant-numeric:tabular-nums;text-align:right}
.task .d.late{color:var(--late);font-weight:700}
.group-head{height:24px;line-height:24px;background:var(--group);font-weight:600;
display:flex;gap:6px;padding:0 6px;white-space:nowrap;overflow:hidden}
.group-head .name{overflow:hidden;text-overflow:ellipsis}
.group-head .n{color:var(--muted);font-weight:400}
.group-head .n::before{content:"("}.group-head .n::after{content:")"}
.toggle{border:0;background:none;padding:0 2px;cursor:pointer;font:inherit;width:16px}
.group.closed .rows{display:none}
.group.closed .toggle{transform:rotate(-90deg)}
svg text{font-size:11px;fill:var(--ink)}
svg text.month{font-weight:600;font-size:12px}
svg text.day{text-anchor:middle}
svg text.week{fill:var(--muted)}
.tick{stroke:#b8c1cc}
.month-line{stroke:#9aa6b4}
.stripe{fill:var(--stripe)}
.off.weekend{fill:var(--weekend)}
.off.holiday{fill:var(--holiday)}
.grid-week{stroke:#e3e7ec}
.grid-month{stroke:#b8c1cc}
.bar{fill:var(--bar);stroke:#24528f;stroke-width:1}
.bar.critical{fill:var(--crit);stroke:#8e1c1c}
.milestone{fill:var(--ink);stroke:#fff;stroke-width:1}
.milestone.critical{fill:var(--crit)}
.progress{fill:#0b2545;opacity:.55}
.baseline{fill:#9aa6b4}
.link{fill:none;stroke:#6b7785;stroke-width:1;marker-end:url(#arrow)}
.link.critical{stroke:var(--crit);marker-end:url(#arrow-critical)}
.arrowhead{fill:#6b7785}
.arrowhead.critical{fill:var(--crit)}
.deadline-line{stroke:var(--ok);stroke-width:1.5;stroke-dasharray:3 2}
.deadline-head{fill:var(--ok)}
.deadline.missed .deadline-line{stroke:var(--late)}
.deadline.missed .deadline-head{fill:var(--late)}
.group-band{fill:#c9d8ea;fill-opacity:.55}
.summary{fill:#33475b}
.status-date{stroke:var(--status);stroke-width:2}
rect.status-flag{fill:var(--status)}
text.status-flag{fill:#fff;text-anchor:middle;font-weight:600}
.row.task:hover .bar{filter:brightness(1.15)}
@media print{body{height:auto;display:block}.gantt{overflow:visible}
.corner,.axis,.table{position:static}.hint{display:none}}
"""

_JS: Final = """
(function () {
  "use strict";
  var ROW = %(row)d, STUB = %(stub)d;
  var chart = document.getElementById("chart");
  var groups = document.querySelectorAll(".table .group");
  document.documentElement.setAttribute("data-ready", "1");
  if (!chart || !groups.length) return;
  var rows = chart.querySelectorAll("g.row"), links = chart.querySelectorAll("path.link");
  var closed = {};
  function n(v) { return Math.round(v * 10) / 10; }
  function route(x1, y1, x2, y2, fromFinish, toFinish) {
    var out = fromFinish ? 1 : -1, into = toFinish ? -1 : 1, vx;
    var head = "M" + n(x1) + " " + n(y1) + "H";
    if (out !== into) {
      vx = out < 0 ? Math.min(x1, x2) - STUB : Math.max(x1, x2) + STUB;
      return head + n(vx) + "V" + n(y2) + "H" + n(x2);
    }
    vx = x1 + out * STUB;
    if ((x2 - vx) * into >= STUB) return head + n(vx) + "V" + n(y2) + "H" + n(x2);
    var ym = y1 + (y2 > y1 ? ROW / 2 : -ROW / 2), tx = x2 - into * STUB;
    return head + n(vx) + "V" + n(ym) + "H" + n(tx) + "V" + n(y2) + "H" + n(x2);
  }
  function layout() {
    var y = 0, mid = {}, i, r, v, a, b;
    for (i = 0; i < rows.length; i++) {
      r = rows[i];
      var task = r.getAttribute("data-i"), hide = task !== null && closed[r.getAttribute("data-g")];
      r.style.display = hide ? "none" : "";
      if (hide) continue;
      r.setAttribute("transform", "translate(0," + y + ")");
      if (task !== null) mid[task] = y + ROW / 2;
      y += ROW;
    }
    chart.setAttribute("height", y);
    for (i = 0; i < links.length; i++) {
      v = links[i].getAttribute("data-v").split(" ");
      a = mid[v[0]]; b = mid[v[1]];
      if (a === undefined || b === undefined) { links[i].style.display = "none"; continue; }
      links[i].style.display = "";
      links[i].setAttribute("d", route(+v[2], a, +v[3], b, v[4] === "1", v[5] === "1"));
    }
  }
  function set(box, shut) {
    var g = box.getAttribute("data-g");
    closed[g] = shut;
    box.classList.toggle("closed", shut);
    box.querySelector(".toggle").setAttribute("aria-expanded", String(!shut));
  }
  Array.prototype.forEach.call(groups, function (box) {
    var button = box.querySelector(".toggle");
    button.hidden = false;
    button.title = %(toggle)s;
    button.addEventListener("click", function () {
      set(box, !closed[box.getAttribute("data-g")]);
      layout();
    });
  });
  var tools = document.querySelector(".tools");
  if (tools) {
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var all = event.target.getAttribute && event.target.getAttribute("data-all");
      if (all === null || all === undefined) return;
      Array.prototype.forEach.call(groups, function (box) { set(box, all === "0"); });
      layout();
    });
  }
  if (location.hash === "#collapsed") {
    Array.prototype.forEach.call(groups, function (box) { set(box, true); });
    layout();
  }
})();
"""
