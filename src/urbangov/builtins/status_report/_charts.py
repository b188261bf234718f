"""The two charts of the status page, as inline SVG: nothing is fetched, nothing runs.

Colours are Okabe and Ito's (told apart with colour blindness), and every number the
charts show is also in the table under them and in each bar's ``<title>``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Final

from urbangov.builtins.status_report._labels import day, percent

if TYPE_CHECKING:
    from urbangov.builtins.status_report._glance import DistrictBar, ProgressPoint
    from urbangov.reporting import Language

__all__ = ["district_chart", "progress_chart"]

_BLUE: Final = "#0072B2"
_VERMILLION: Final = "#D55E00"
_GREY: Final = "#999999"
_ROW: Final = 20
_NAME: Final = 190
_RATE: Final = 260
_LATE: Final = 180
#: Between the two panels: room for the rate's label after a full bar.
_GAP: Final = 70


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def district_chart(bars: Sequence[DistrictBar], labels: dict[str, str], lang: Language) -> str:
    """Per district, its on-time rate (of tasks done) and its overdue tasks, side by side."""
    top = 24
    width = _NAME + _RATE + _GAP + _LATE + 40
    height = top + _ROW * len(bars) + 8
    most = max((bar.overdue for bar in bars), default=0) or 1
    out = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" '
        f'aria-label="{escape(labels["districts_chart"])}">',
        f'<text x="{_NAME}" y="14" class="head">{escape(labels["on_time_rate"])}</text>',
        f'<text x="{_NAME + _RATE + _GAP}" y="14" class="head">{escape(labels["overdue"])}</text>',
    ]
    for i, bar in enumerate(bars):
        y = top + i * _ROW
        rate = bar.on_time_rate
        shown = percent(rate, lang) if rate is not None else "\u2013"
        out.append(
            f'<text x="{_NAME - 6}" y="{y + 14}" text-anchor="end">{escape(bar.name)}</text>'
        )
        if rate is not None:
            out.append(
                f'<rect x="{_NAME}" y="{y + 3}" width="{_n(rate * _RATE)}" height="{_ROW - 6}" '
                f'fill="{_BLUE}"><title>{escape(bar.name)}: {escape(shown)}</title></rect>'
            )
        out.append(f'<text x="{_n(_NAME + (rate or 0) * _RATE + 4)}" y="{y + 14}">{shown}</text>')
        x = _NAME + _RATE + _GAP
        if bar.overdue:
            out.append(
                f'<rect x="{x}" y="{y + 3}" width="{_n(bar.overdue / most * _LATE)}" '
                f'height="{_ROW - 6}" fill="{_VERMILLION}"><title>{escape(bar.name)}: '
                f"{bar.overdue}</title></rect>"
            )
        out.append(
            f'<text x="{_n(x + bar.overdue / most * _LATE + 4)}" y="{y + 14}">{bar.overdue}</text>'
        )
    out.append(
        f'<line x1="{_NAME}" y1="{top}" x2="{_NAME}" y2="{height - 8}" stroke="#444"/>'
        f'<line x1="{_NAME + _RATE + _GAP}" y1="{top}" x2="{_NAME + _RATE + _GAP}" '
        f'y2="{height - 8}" stroke="#444"/></svg>'
    )
    return "".join(out)


def progress_chart(points: Sequence[ProgressPoint], labels: dict[str, str], lang: Language) -> str:
    """The share of the plan's work done over time: planned (dashed) and reported."""
    width, height, left, bottom, top, right = 640, 260, 48, 36, 24, 16
    inner_w, inner_h = width - left - right, height - top - bottom
    first, last = points[0].day, points[-1].day
    span = max((last - first).days, 1)

    def x(when: dt.date) -> float:
        return left + (when.toordinal() - first.toordinal()) / span * inner_w

    def y(share: float) -> float:
        return top + (1 - share) * inner_h

    def path(values: Sequence[tuple[dt.date, float]]) -> str:
        return "M" + "L".join(f"{_n(x(d))} {_n(y(v))}" for d, v in values)

    out = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" '
        f'aria-label="{escape(labels["progress_chart"])}">'
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_n(y(tick))}" y2="{_n(y(tick))}" '
            f'stroke="#ddd"/><text x="{left - 6}" y="{_n(y(tick) + 4)}" text-anchor="end">'
            f"{percent(tick, lang).replace(',0', '').replace('.0', '')}</text>"
        )
    for when, anchor in ((first, "start"), (last, "end")):
        out.append(
            f'<text x="{_n(x(when))}" y="{height - 12}" text-anchor="{anchor}">'
            f"{day(when, lang)}</text>"
        )
    planned = path([(p.day, p.planned) for p in points])
    actual = path([(p.day, p.actual) for p in points])
    end = points[-1]
    out += [
        f'<path d="{planned}" fill="none" stroke="{_GREY}" stroke-width="2" '
        f'stroke-dasharray="6 4"><title>{escape(labels["planned"])}: '
        f"{percent(end.planned, lang)}</title></path>",
        f'<path d="{actual}" fill="none" stroke="{_BLUE}" stroke-width="2.5">'
        f"<title>{escape(labels['reported'])}: {percent(end.actual, lang)}</title></path>",
        f'<g class="legend"><line x1="{left + 8}" x2="{left + 32}" y1="12" y2="12" '
        f'stroke="{_GREY}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{left + 38}" y="16">{escape(labels["planned"])}</text>'
        f'<line x1="{left + 170}" x2="{left + 194}" y1="12" y2="12" stroke="{_BLUE}" '
        f'stroke-width="2.5"/><text x="{left + 200}" y="16">{escape(labels["reported"])}</text>'
        "</g></svg>",
    ]
    return "".join(out)
