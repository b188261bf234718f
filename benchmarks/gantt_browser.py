"""Measurement 7: the ``gantt-html`` page of the 4,000-task cascaded HCMC plan with its
tracking data: rendering it, and headless Chromium loading it and taking a screenshot.

The page is the one the issue's floor is for: the HCMC plan cascaded to every
commune-level unit (``benchmarks.tracking.cascaded_hcmc``, 4,020 tasks), grouped by
unit, with 3,000 progress updates (``progress_for``), the status report as of their
date and a baseline saved before any progress, so that every bar has its status
colour, its progress fill and its baseline bar. The same plan without tracking data
is rendered and loaded too, to show what tracking costs.

The browser's own start-up is measured in the same run on ``about:blank`` (the
baseline); a page's load is the difference of the medians. Runs alternate between
the pages, each with a fresh profile, so that caches and machine drift hit all alike.

Usage::

    .venv/bin/python -m benchmarks.gantt_browser [--quick] [--page FILE] [--out FILE]

``--page`` times a page already written (e.g. one rendered by an older urbangov) instead
of rendering one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

ROOT: Final = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import attrs  # noqa: E402

from benchmarks._measure import Report, Row, Stats, timeit  # noqa: E402

if TYPE_CHECKING:
    from urbangov.reporting import ReportOptions
    from urbangov.scheduling import Schedule

SECTION: Final = "7"
UPDATES: Final = 3000
#: The floors of issue 5: render in under 2 s, open in the browser in under 3 s.
RENDER_FLOOR: Final = 2.0
LOAD_FLOOR: Final = 3.0


def _chromium() -> str | None:
    found = os.environ.get("URBANGOV_CHROMIUM") or shutil.which("chromium")
    return found if found and os.access(found, os.X_OK) else None


def tracked_hcmc() -> tuple[Schedule, ReportOptions]:
    """The cascaded HCMC plan as scheduled, and the options of its tracked page: grouped
    by unit, 3,000 updates, the status report as of their date, a baseline."""
    import attrs

    from benchmarks.tracking import cascaded_hcmc, progress_for
    from urbangov.io import shipped_hierarchy
    from urbangov.reporting import ReportOptions
    from urbangov.scheduling import schedule
    from urbangov.tracking import Baseline, status_report

    hcmc = shipped_hierarchy("hcmc")
    plan = cascaded_hcmc(hcmc)
    planned = schedule(plan)
    day, log = progress_for(planned, UPDATES)
    options = ReportOptions(as_of=day, group_by="unit")
    return planned, attrs.evolve(
        options,
        status=status_report(plan, log, day),
        log=log,
        hierarchy=hcmc,
        baseline=Baseline.of(planned, "approved", plan.start),
    )


def render_page(out: Path, planned: Schedule, options: ReportOptions, reps: int) -> Stats:
    """Write the page to ``out``; the seconds :func:`render_gantt_html` took."""
    from urbangov.builtins.gantt_html import render_gantt_html

    page = ""

    def render() -> None:
        nonlocal page
        page = render_gantt_html(planned, options)

    seconds = timeit(render, reps)
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


def browser_rows(chromium: str, pages: dict[str, Path], size: str, reps: int) -> list[Row]:
    """``about:blank`` (the baseline) and each page, alternately, ``reps`` times each;
    the first page is the one the floor is for."""
    _screenshot(chromium, "about:blank")  # warm the disk cache
    times: dict[str, list[float]] = {name: [] for name in ["", *pages]}
    for _ in range(reps):
        times[""].append(_screenshot(chromium, "about:blank"))
        for name, page in pages.items():
            times[name].append(_screenshot(chromium, page.as_uri()))
    blank = Stats.of(times[""])
    rows = [
        Row.timed(
            SECTION,
            "chromium --headless --screenshot about:blank",
            "",
            blank,
            ratio=1.0,
            ratio_of="baseline",
            note="the browser's start-up and screenshot, without a page",
        )
    ]
    for number, (name, page) in enumerate(pages.items()):
        loaded = Stats.of(times[name])
        load = loaded.median - blank.median
        megabytes = page.stat().st_size / 1e6
        rows.append(
            Row.timed(
                SECTION,
                f"chromium --headless --screenshot {page.name}",
                size,
                loaded,
                ratio=loaded.median / blank.median,
                ratio_of="this / about:blank",
                note=f"{name}: a {megabytes:.1f} MB page",
            )
        )
        floor = number == 0
        rows.append(
            Row(
                SECTION,
                f"{page.name} load (the above less about:blank)",
                size,
                value=load,
                reps=reps,
                floor=f"< {LOAD_FLOOR:g} s" if floor else "",
                ok=load < LOAD_FLOOR if floor else None,
            )
        )
    return rows


def gantt_job(quick: bool, page: Path | None = None) -> Report:
    report = Report()
    reps = 3 if quick else 7
    size = "4,020 tasks"
    with tempfile.TemporaryDirectory() as scratch:
        pages = {"given": page} if page is not None else {}
        if page is None:
            planned, options = tracked_hcmc()
            size = f"{len(planned):,} tasks"
            plain = attrs.evolve(options, status=None, log=None, hierarchy=None, baseline=None)
            tracked_page, plain_page = Path(scratch) / "tracked.html", Path(scratch) / "plain.html"
            tracked = render_page(tracked_page, planned, options, 3)
            untracked = render_page(plain_page, planned, plain, 3)
            report.rows.append(
                Row.timed(
                    SECTION,
                    "render_gantt_html, no tracking data",
                    size,
                    untracked,
                    ratio=1.0,
                    ratio_of="baseline",
                )
            )
            report.rows.append(
                Row.timed(
                    SECTION,
                    "render_gantt_html, status, progress and a baseline",
                    size,
                    tracked,
                    ratio=tracked.median / untracked.median,
                    ratio_of="this / no tracking",
                    floor=f"< {RENDER_FLOOR:g} s",
                    ok=tracked.median < RENDER_FLOOR,
                    note=f"{UPDATES:,} updates; the status report itself is section 8",
                )
            )
            pages = {
                "status colours, progress, baseline": tracked_page,
                "no tracking data": plain_page,
            }
        chromium = _chromium()
        if chromium is None:
            report.rows.append(Row(SECTION, "gantt.html in chromium", note="skipped: no chromium"))
            return report
        report.rows.extend(browser_rows(chromium, pages, size, reps))
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
