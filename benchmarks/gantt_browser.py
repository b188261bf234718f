"""Measurement 7: the ``gantt-html`` page of a 4,000-task plan: rendering it, and
headless Chromium loading it and taking a screenshot.

The browser's own start-up is measured in the same run on ``about:blank`` (the
baseline); the page's load is the difference of the medians. Runs alternate between
the two, each with a fresh profile, so that caches and machine drift hit both alike.

Usage::

    .venv/bin/python -m benchmarks.gantt_browser [--quick] [--page FILE] [--out FILE]

``--page`` times a page already written (e.g. one rendered by an older urbangov) instead
of rendering one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._measure import Report, Row, Stats  # noqa: E402

SECTION: Final = "7"
TASKS: Final = 4000
#: The floors of issue 5: render in under 2 s, open in the browser in under 3 s.
RENDER_FLOOR: Final = 2.0
LOAD_FLOOR: Final = 3.0


def _chromium() -> str | None:
    found = os.environ.get("URBANGOV_CHROMIUM") or shutil.which("chromium")
    return found if found and os.access(found, os.X_OK) else None


def render_page(out: Path) -> float:
    """Write the 4,000-task page (the plan of the tests' speed check) and return the
    seconds :func:`render_gantt_html` took."""
    from tests.plans import random_plan
    from urbangov.builtins.gantt_html import render_gantt_html
    from urbangov.reporting import ReportOptions
    from urbangov.scheduling import schedule

    sched = schedule(random_plan(1, size=TASKS))
    options = ReportOptions(as_of=sched.start + dt.timedelta(days=30))
    started = time.perf_counter()
    page = render_gantt_html(sched, options)
    seconds = time.perf_counter() - started
    out.write_text(page, encoding="utf-8")
    return seconds


def _screenshot(chromium: str, url: str) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={scratch}/profile",
                "--window-size=1600,1000",
                f"--screenshot={scratch}/shot.png",
                url,
            ],
            capture_output=True,
            check=True,
            timeout=300,
        )
        seconds = time.perf_counter() - started
        if not (Path(scratch) / "shot.png").is_file():
            raise RuntimeError(f"chromium wrote no screenshot of {url}")
    return seconds


def browser_rows(chromium: str, page: Path, reps: int) -> list[Row]:
    """``about:blank`` (the baseline) and the page, alternately, ``reps`` times each."""
    _screenshot(chromium, "about:blank")  # warm the disk cache
    blank_times, page_times = [], []
    for _ in range(reps):
        blank_times.append(_screenshot(chromium, "about:blank"))
        page_times.append(_screenshot(chromium, page.as_uri()))
    blank, loaded = Stats.of(blank_times), Stats.of(page_times)
    load = loaded.median - blank.median
    size = f"{TASKS:,} tasks"
    megabytes = page.stat().st_size / 1e6
    return [
        Row.timed(
            SECTION,
            "chromium --headless --screenshot about:blank",
            "",
            blank,
            ratio=1.0,
            ratio_of="baseline",
            note="the browser's start-up and screenshot, without a page",
        ),
        Row.timed(
            SECTION,
            "chromium --headless --screenshot gantt.html",
            size,
            loaded,
            ratio=loaded.median / blank.median,
            ratio_of="this / about:blank",
            note=f"a {megabytes:.1f} MB page",
        ),
        Row(
            SECTION,
            "gantt.html load (the above less about:blank)",
            size,
            value=load,
            reps=reps,
            floor=f"< {LOAD_FLOOR:g} s",
            ok=load < LOAD_FLOOR,
        ),
    ]


def gantt_job(quick: bool, page: Path | None = None) -> Report:
    report = Report()
    reps = 3 if quick else 7
    with tempfile.TemporaryDirectory() as scratch:
        if page is None:
            page = Path(scratch) / "gantt.html"
            seconds = render_page(page)
            report.rows.append(
                Row(
                    SECTION,
                    "render_gantt_html",
                    f"{TASKS:,} tasks",
                    value=seconds,
                    reps=1,
                    floor=f"< {RENDER_FLOOR:g} s",
                    ok=seconds < RENDER_FLOOR,
                )
            )
        chromium = _chromium()
        if chromium is None:
            report.rows.append(Row(SECTION, "gantt.html in chromium", note="skipped: no chromium"))
            return report
        report.rows.extend(browser_rows(chromium, page, reps))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs each instead of 7")
    parser.add_argument("--page", type=Path, help="time this page instead of rendering one")
    parser.add_argument("--out", type=Path, help="write the rows as JSON (for run.py)")
    args = parser.parse_args(argv)
    report = gantt_job(args.quick, args.page)
    if args.out:
        args.out.write_text(json.dumps(report.to_json()), encoding="utf-8")
    else:
        for row in report.rows:
            shown = "skipped" if row.value is None else f"{row.value:.3f} s"
            print(f"{row.what:48s} {row.size:12s} {shown:>10s} {row.floor} {row.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
