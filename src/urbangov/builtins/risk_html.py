"""The ``risk-html`` report: a schedule risk simulation on one self-contained page.

The plan's finish as an S-curve (the chance of finishing by each date) and a histogram,
a tornado of the tasks the finish follows most, and every deadline's chance, least
likely first. Plain SVG and HTML, no script and nothing fetched: it opens offline and
prints. ``urbangov report PLAN -f risk-html --range 0.9,1.5`` (or ``--estimates``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Final

from urbangov.errors import ReportError
from urbangov.plugins import hookimpl
from urbangov.reporting import Language, Reporter, ReportOptions

if TYPE_CHECKING:
    from urbangov.risk import RiskResult
    from urbangov.scheduling import Schedule

__all__ = ["render_risk_html"]

#: How many deadlines and drivers the page lists.
DEADLINES: Final = 30
DRIVERS: Final = 10

_LABELS: Final = {
    Language.VI: {
        "title": "Phân tích rủi ro tiến độ",
        "summary": "Mô phỏng {n} lần (seed {seed}). Hoàn thành kế hoạch: P10 {p10}, P50 {p50}, "
        "P80 {p80}, P90 {p90}. Khả năng hoàn thành đến ngày {day} (theo tiến độ đã lập): "
        "{chance}.",
        "curve": "Khả năng hoàn thành kế hoạch đến từng ngày",
        "histogram": "Số lần mô phỏng theo ngày hoàn thành",
        "tornado": "Các nhiệm vụ quyết định ngày hoàn thành (độ nhạy)",
        "deadlines": "Khả năng đúng hạn của từng nhiệm vụ (thấp nhất trước)",
        "task": "Nhiệm vụ",
        "deadline": "Hạn",
        "p50": "P50 hoàn thành",
        "p80": "P80 hoàn thành",
        "on_time": "Khả năng đúng hạn",
        "critical": "Tỷ lệ găng",
        "none": "Không có nhiệm vụ nào có hạn.",
        "events": "Rủi ro có thể xảy ra",
        "event": "Rủi ro",
        "probability": "Xác suất",
        "occurred": "Đã xảy ra",
        "delay": "Làm chậm kế hoạch (ngày làm việc)",
        "cascades": "Theo cấp nhận nhiệm vụ: khả năng mọi đơn vị cùng cấp đều đúng hạn",
        "level": "Cấp",
        "units": "Số đơn vị",
        "all_on_time": "Tất cả đúng hạn",
        "expected_late": "Số đơn vị trễ (trung bình)",
    },
    Language.EN: {
        "title": "Schedule risk",
        "summary": "{n} iterations (seed {seed}). Plan finish: P10 {p10}, P50 {p50}, P80 {p80}, "
        "P90 {p90}. Chance of finishing by {day} (the deterministic finish): {chance}.",
        "curve": "Chance of finishing the plan by each date",
        "histogram": "Iterations by finish date",
        "tornado": "The tasks the finish follows most (sensitivity)",
        "deadlines": "Each deadline's chance, least likely first",
        "task": "Task",
        "deadline": "Deadline",
        "p50": "P50 finish",
        "p80": "P80 finish",
        "on_time": "On time",
        "critical": "Critical",
        "none": "No task has a deadline.",
        "events": "Risk events",
        "event": "Event",
        "probability": "Probability",
        "occurred": "Occurred",
        "delay": "Plan delay (working days)",
        "cascades": "Cascade levels: the chance that every unit of a level meets its deadline",
        "level": "Level",
        "units": "Units",
        "all_on_time": "All on time",
        "expected_late": "Late units (mean)",
    },
}

_STYLE: Final = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd}
td.n{text-align:right}svg text{font-size:11px;fill:#333}
"""


def _day(value: dt.date, lang: Language) -> str:
    return value.strftime("%d/%m/%Y") if lang is Language.VI else value.isoformat()


def _percent(value: float, lang: Language) -> str:
    text = f"{100 * value:.1f}%"
    return text.replace(".", ",") if lang is Language.VI else text


def render_risk_html(schedule: Schedule, options: ReportOptions) -> str:
    """The page, in ``options.lang``; needs :attr:`ReportOptions.risk`."""
    found = options.risk
    if found is None:
        raise ReportError(
            "report format 'risk-html' needs a risk simulation: give --estimates FILE "
            "or --range LOW,HIGH"
        )
    lang = options.lang
    text = _LABELS[lang]
    p10, p50, p80, p90 = (_day(d, lang) for d in found.finish)
    summary = text["summary"].format(
        n=found.iterations,
        seed=found.seed,
        p10=p10,
        p50=p50,
        p80=p80,
        p90=p90,
        day=_day(schedule.finish, lang),
        chance=_percent(found.probability_by(schedule.finish), lang),
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang.value}"><head><meta charset="utf-8">',
        f"<title>{escape(text['title'])}: {escape(found.plan.title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(text['title'])}: {escape(found.plan.title)}</h1>",
        f"<p>{escape(summary)}</p>",
        f"<h2>{escape(text['curve'])}</h2>",
        _s_curve(found, schedule.finish, lang),
        f"<h2>{escape(text['histogram'])}</h2>",
        _histogram(found, lang),
        f"<h2>{escape(text['tornado'])}</h2>",
        _tornado(found),
        f"<h2>{escape(text['deadlines'])}</h2>",
        _deadlines(found, lang),
        *_events(found, lang),
        *_cascades(found, lang),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _days(found: RiskResult) -> tuple[list[int], list[int]]:
    """The distinct finish days (ordinals) and how many iterations end on each."""
    import numpy as np  # only when a page is rendered: plugin discovery stays light

    days, counts = np.unique(found.finishes, return_counts=True)
    return [int(d) for d in days], [int(c) for c in counts]


def _s_curve(found: RiskResult, deterministic: dt.date, lang: Language) -> str:
    days, counts = _days(found)
    width, height, left, bottom = 640, 220, 50, 30
    first, last = days[0], max(days[-1], days[0] + 1)

    def x(day: float) -> float:
        return left + (day - first) / (last - first) * (width - left - 10)

    def y(share: float) -> float:
        return height - bottom - share * (height - bottom - 10)

    total, seen, points = sum(counts), 0, []
    for day, count in zip(days, counts, strict=True):
        points.append(f"{x(day):.1f},{y(seen / total):.1f}")
        seen += count
        points.append(f"{x(day):.1f},{y(seen / total):.1f}")
    mark = deterministic.toordinal()
    out = [
        f'<svg id="s-curve" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" role="img">',
        f'<polyline points="{" ".join(points)}" fill="none" stroke="#0072B2" stroke-width="2"/>',
    ]
    for share in (0, 0.5, 0.8, 1):
        out.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y(share):.1f}" y2="{y(share):.1f}" '
            f'stroke="#ccc"/><text x="4" y="{y(share) + 4:.1f}">{_percent(share, lang)}</text>'
        )
    if first <= mark <= last:
        out.append(
            f'<line x1="{x(mark):.1f}" x2="{x(mark):.1f}" y1="10" y2="{height - bottom}" '
            f'stroke="#D55E00" stroke-dasharray="4 3"/>'
        )
    for day in (first, last):
        out.append(
            f'<text x="{x(day):.1f}" y="{height - 8}" text-anchor="middle">'
            f"{_day(dt.date.fromordinal(day), lang)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


def _histogram(found: RiskResult, lang: Language) -> str:
    days, counts = _days(found)
    width, height, bottom = 640, 160, 30
    bar = (width - 20) / len(days)
    most = max(counts)
    out = [
        f'<svg id="histogram" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" role="img">'
    ]
    for i, (day, count) in enumerate(zip(days, counts, strict=True)):
        tall = count / most * (height - bottom - 10)
        out.append(
            f'<rect x="{10 + i * bar:.1f}" y="{height - bottom - tall:.1f}" '
            f'width="{max(bar - 1, 1):.1f}" height="{tall:.1f}" fill="#56B4E9">'
            f"<title>{_day(dt.date.fromordinal(day), lang)}: {count}</title></rect>"
        )
    out.append(
        f'<text x="10" y="{height - 8}">{_day(dt.date.fromordinal(days[0]), lang)}</text>'
        f'<text x="{width - 10}" y="{height - 8}" text-anchor="end">'
        f"{_day(dt.date.fromordinal(days[-1]), lang)}</text></svg>"
    )
    return "\n".join(out)


def _tornado(found: RiskResult) -> str:
    drivers = sorted(
        (t for t in found.tasks if t.sensitivity),
        key=lambda t: (-abs(t.sensitivity or 0), t.task),
    )[:DRIVERS]
    width, row, label = 640, 22, 260
    half = (width - label - 20) / 2
    out = [
        f'<svg id="tornado" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{row * max(len(drivers), 1) + 10}" role="img">'
    ]
    middle = label + half
    for i, task in enumerate(drivers):
        value = task.sensitivity or 0
        start = middle if value >= 0 else middle + value * half
        out.append(
            f'<text x="{label - 6}" y="{i * row + 16}" text-anchor="end">'
            f"{escape(task.task[:40])}</text>"
            f'<rect x="{start:.1f}" y="{i * row + 4}" width="{abs(value) * half:.1f}" '
            f'height="{row - 6}" fill="{"#D55E00" if value >= 0 else "#009E73"}">'
            f"<title>{escape(task.task)}: {value:+.2f}</title></rect>"
        )
    tall = row * max(len(drivers), 1)
    out.append(f'<line x1="{middle}" x2="{middle}" y1="0" y2="{tall}" stroke="#333"/>')
    out.append("</svg>")
    return "\n".join(out)


def _deadlines(found: RiskResult, lang: Language) -> str:
    text = _LABELS[lang]
    dated = sorted(
        (t for t in found.tasks if t.on_time is not None), key=lambda t: (t.on_time, t.task)
    )
    if not dated:
        return f"<p>{escape(text['none'])}</p>"
    head = "".join(
        f"<th>{escape(text[k])}</th>"
        for k in ("task", "deadline", "p50", "p80", "on_time", "critical")
    )
    rows = []
    for t in dated[:DEADLINES]:
        assert t.deadline is not None
        assert t.on_time is not None
        title = found.plan.task(t.task).title
        rows.append(
            f"<tr><td>{escape(title)} ({escape(t.task)})</td><td>{_day(t.deadline, lang)}</td>"
            f"<td>{_day(t.finish[1], lang)}</td><td>{_day(t.finish[2], lang)}</td>"
            f'<td class="n">{_percent(t.on_time, lang)}</td>'
            f'<td class="n">{_percent(t.criticality, lang)}</td></tr>'
        )
    body = "".join(rows)
    return f'<table id="deadlines"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _number(value: float, lang: Language) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang is Language.VI else text


def _table(table_id: str, head: list[str], rows: list[list[str]], lang: Language) -> str:
    """A table whose first column is text and the others numbers (already shown)."""
    text = _LABELS[lang]
    cells = "".join(f"<th>{escape(text[k])}</th>" for k in head)
    body = "".join(
        f"<tr><td>{escape(row[0])}</td>"
        + "".join(f'<td class="n">{escape(v)}</td>' for v in row[1:])
        + "</tr>"
        for row in rows
    )
    return f'<table id="{table_id}"><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>'


def _events(found: RiskResult, lang: Language) -> list[str]:
    if not found.events:
        return []
    rows = [
        [
            e.title or e.event,
            _percent(e.probability, lang),
            _percent(e.occurred, lang),
            "" if e.delay is None else _number(e.delay, lang),
        ]
        for e in found.events
    ]
    head = ["event", "probability", "occurred", "delay"]
    return [f"<h2>{escape(_LABELS[lang]['events'])}</h2>", _table("events", head, rows, lang)]


def _cascades(found: RiskResult, lang: Language) -> list[str]:
    if not found.cascades:
        return []
    rows = [
        [
            f"{found.plan.task(c.task).title} ({c.task})",
            str(c.depth),
            str(c.units),
            _percent(c.all_on_time, lang),
            _number(c.expected_late, lang),
        ]
        for c in found.cascades
    ]
    head = ["task", "level", "units", "all_on_time", "expected_late"]
    return [f"<h2>{escape(_LABELS[lang]['cascades'])}</h2>", _table("cascades", head, rows, lang)]


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    register(
        Reporter(
            "risk-html",
            "Schedule risk on one page: S-curve, histogram, tornado, deadline chances",
            ".html",
            "text/html",
            render_risk_html,
            needs_risk=True,
            uses=("lang", "risk"),
        )
    )
