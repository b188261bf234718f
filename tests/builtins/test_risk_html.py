"""The risk-html report: one self-contained page of a risk simulation, in the plan's
language, that Chromium opens."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.builtins.test_gantt_html import CHROMIUM, HAS_CHROMIUM, chromium, console_messages
from urbangov.errors import ReportError
from urbangov.plan import Dependency, Plan, Task
from urbangov.plugins import default_plugins
from urbangov.reporting import ReportOptions
from urbangov.risk import Estimate, simulate
from urbangov.scheduling import schedule


def _plan() -> Plan:
    return Plan(
        "p",
        "Kế hoạch <thử>",
        dt.date(2021, 4, 5),
        tasks=[
            Task("a", "Soạn thảo", 5),
            Task("b", "Thẩm định", 5, depends=[Dependency("a")], deadline=dt.date(2021, 4, 16)),
        ],
    )


def _page(lang: str = "vi") -> str:
    plan = _plan()
    found = simulate(plan, {"a": Estimate(3, 5, 9), "b": Estimate(4, 5, 8)}, iterations=300)
    options = ReportOptions(lang=lang, risk=found)
    rendered = default_plugins().render("risk-html", schedule(plan), options)
    assert isinstance(rendered, str)
    return rendered


def _svg(page: str, svg_id: str) -> ET.Element:
    start = page.index(f'<svg id="{svg_id}"')
    return ET.fromstring(page[start : page.index("</svg>", start) + len("</svg>")])


def test_the_page_holds_the_curve_the_histogram_the_tornado_and_the_deadlines() -> None:
    page = _page()
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in page
    assert "Kế hoạch &lt;thử&gt;" in page  # escaped
    assert "Khả năng đúng hạn" in page
    assert "On time" not in page
    for svg_id in ("s-curve", "histogram", "tornado"):
        assert _svg(page, svg_id) is not None  # well-formed SVG
    rows = page.split('<table id="deadlines">')[1].count("<tr>") - 1
    assert rows == 1  # the one task with a deadline
    assert "<script" not in page
    assert "http" not in page.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    assert 'lang="en"' in _page("en")


def test_events_and_cascade_levels_get_their_tables() -> None:
    from urbangov.risk import RiskEvent

    plan = Plan(
        "p",
        "Kế hoạch",
        dt.date(2021, 4, 5),
        tasks=[
            Task("city", "Bố trí công chức", 0),
            *(
                Task(f"city/w{i}", f"Phường {i}", 5, part_of="city", deadline=dt.date(2021, 4, 9))
                for i in range(3)
            ),
        ],
    )
    wave = RiskEvent("dich", 0.5, ["city/w0"], 2, "Đợt dịch <4>")
    found = simulate(plan, {}, iterations=200, events=[wave])
    page = default_plugins().render("risk-html", schedule(plan), ReportOptions(risk=found))
    assert isinstance(page, str)
    events = page.split('<table id="events">')[1].split("</table>")[0]
    assert "Đợt dịch &lt;4&gt;" in events
    assert events.count("<tr>") == 2
    levels = page.split('<table id="cascades">')[1].split("</table>")[0]
    assert "Bố trí công chức (city)" in levels
    assert "Tất cả đúng hạn" in levels
    assert '<table id="events">' not in _page()  # none without events


def test_without_a_simulation_a_clear_error() -> None:
    with pytest.raises(ReportError, match="needs a risk simulation"):
        default_plugins().render("risk-html", schedule(_plan()), ReportOptions())


@pytest.mark.skipif(not HAS_CHROMIUM, reason=f"no Chromium at {CHROMIUM} (URBANGOV_CHROMIUM)")
def test_chromium_opens_it(tmp_path: Path) -> None:
    page = tmp_path / "risk.html"
    page.write_text(_page("en"), encoding="utf-8")
    shot = tmp_path / "risk.png"
    done = chromium(page.as_uri(), f"--screenshot={shot}", tmp=tmp_path)
    assert shot.exists(), done.stderr[-2000:]
    assert not list(console_messages(done.stderr))
    assert shot.stat().st_size > 10_000  # not a blank page
    dom = chromium(page.as_uri(), "--dump-dom", tmp=tmp_path).stdout
    assert '<svg id="s-curve"' in dom
    assert '<table id="deadlines">' in dom
