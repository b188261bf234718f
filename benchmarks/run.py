"""Run urbangov's benchmarks and print one plain table.

Usage (from the repository root)::

    .venv/bin/python benchmarks/run.py            # full run, about 5-10 minutes
    .venv/bin/python benchmarks/run.py --quick    # fewer sizes and repetitions, ~2 minutes

Every measurement that depends on imports, caches or memory runs in a fresh
subprocess (``python -m benchmarks._workers``); the baselines are measured in the same
run, so the ratios compare like with like on whatever machine this is. See
``benchmarks/README.md`` for what each number means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._cli import cli_job  # noqa: E402
from benchmarks._measure import Report, Row  # noqa: E402

SECTIONS = {
    "1a": "1a. CPM engine: plain lists -> Network -> compute() (ES/EF/LS/LF, slack, critical)",
    "1b": "1b. Public path: schedule(Plan), compiling Task objects, then .finish/.critical_path",
    "1c": "1c. Public path from plain lists (objects built, checked) vs networkx, pure Python",
    "1d": "1d. A 100,000-task plan file (JSON, TOML): load_plan() + schedule() + .finish",
    "1e": "1e. Small plans: the plain-Python path schedule() takes vs the engine (numpy loaded)",
    "2": "2. Memory: peak RSS rise during build + compute (fresh process, lists already loaded)",
    "3": "3. Working-day arithmetic (Vietnamese calendar, dates 2020-2035), calls per second",
    "4": "4. Command line: `urbangov schedule` vs TaskJuggler `tj3` (whole process, wall time)",
    "5": "5. What-if on the 100k plan: one duration changed (what_if vs a full re-schedule)",
    "6": "6. Hierarchy: synthetic national hierarchy (34 provinces, 3,321 communes, 10 years)",
    "7": "7. gantt-html, cascaded HCMC with tracking: rendering, Chromium opening it (less blank)",
    "8": "8. Tracking: status report at a status date + statistics (cascaded HCMC; 100k plan)",
    "9": "9. Notifications: deciding what is due for the cascaded HCMC plan, one digest each",
    "10": "10. MS Project XML: a 10k-task file read + scheduled vs MPXJ's reader; writing 100k",
    "11": "11. Schedule risk: Monte Carlo iterations (HCMC plan; networkx loop; a PyPI peer)",
    "12": "12. Tracking stores: a national cascade's records, SQLite and PostgreSQL (status)",
    "13": "13. The web page: 50 signed-in clients on 127.0.0.1 (throughput, latency)",
    "14": "14. The whole country (urbangov-vn): load + query, national cascade, rehome",
}


@dataclass(frozen=True, slots=True)
class Job:
    label: str
    args: list[str]
    module: str = "benchmarks._workers"


def _jobs(quick: bool) -> list[Job]:
    # (engine, networkx, schedule) repetitions per size
    reps = (
        {1_000: (15, 10, 10), 10_000: (7, 3, 5), 100_000: (3, 2, 3)}
        if quick
        else {1_000: (30, 20, 20), 10_000: (15, 7, 10), 100_000: (7, 5, 5)}
    )
    jobs = []
    for n, (ug, nx, plan) in reps.items():
        args = ["engine", "--tasks", str(n), "--reps", f"engine={ug},networkx={nx},schedule={plan}"]
        if n == 100_000:
            args += ["--whatif", "3" if quick else "5"]
        label = f"engine {n:,} tasks" + (" + what-if" if n == 100_000 else "")
        jobs.append(Job(label, args))
    jobs.append(Job("memory 100k, engine", ["memory", "--tasks", "100000", "--method", "engine"]))
    jobs.append(
        Job("memory 100k, networkx", ["memory", "--tasks", "100000", "--method", "networkx"])
    )
    if not quick:
        jobs.append(
            Job(
                "memory 1M, engine",
                ["memory", "--tasks", "1000000", "--method", "engine", "--time-reps", "3"],
            )
        )
        jobs.append(
            Job("memory 1M, numpy reference", ["memory", "--tasks", "1000000", "--method", "numpy"])
        )
    jobs.append(
        Job(
            "public path from lists, plan files",
            ["--quick"] if quick else [],
            module="benchmarks.public_path",
        )
    )
    jobs.append(Job("small plans", ["--quick"] if quick else [], module="benchmarks.small_plans"))
    jobs.append(Job("working-day arithmetic", ["calendar", *(["--quick"] if quick else [])]))
    jobs.append(
        Job(
            "hierarchy as-of queries",
            ["--quick"] if quick else [],
            module="benchmarks.hierarchy_national",
        )
    )
    jobs.append(
        Job(
            "gantt-html in chromium",
            ["--quick"] if quick else [],
            module="benchmarks.gantt_browser",
        )
    )
    jobs.append(
        Job("tracking at a status date", ["--quick"] if quick else [], module="benchmarks.tracking")
    )
    jobs.append(
        Job("notifications decided", ["--quick"] if quick else [], module="benchmarks.notify")
    )
    jobs.append(
        Job(
            "MS Project XML read and write", ["--quick"] if quick else [], module="benchmarks.mspdi"
        )
    )
    jobs.append(Job("schedule risk", ["--quick"] if quick else [], module="benchmarks.risk"))
    jobs.append(Job("tracking stores", ["--quick"] if quick else [], module="benchmarks.store"))
    jobs.append(Job("web page under load", ["--quick"] if quick else [], module="benchmarks.web"))
    jobs.append(Job("the whole country", ["--quick"] if quick else [], module="benchmarks.vn"))
    return jobs


def _run_worker(job: Job) -> tuple[Report, str]:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "report.json"
        done = subprocess.run(
            [sys.executable, "-m", job.module, *job.args, "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode or not out.is_file():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return Report([Row("!", job.label, note=f"FAILED: {last}", ok=False)]), ""
        data = json.loads(out.read_text(encoding="utf-8"))
        return Report.from_json(data), str(data.get("package", ""))


# -- formatting ---------------------------------------------------------------------------


def _number(value: float, unit: str) -> str:
    if unit == "s":
        if value < 1e-3:
            return f"{value * 1e6:.3g} µs"
        if value < 1:
            return f"{value * 1e3:.3g} ms"
        return f"{value:.3g} s"
    if unit == "/s":
        if value >= 1e6:
            return f"{value / 1e6:.3g} M/s"
        if value >= 1e3:
            return f"{value / 1e3:.3g} k/s"
        return f"{value:.3g} /s"
    return f"{value:.4g} {unit}"


def _cells(row: Row) -> list[str]:
    if row.value is None:
        return [row.what, row.size, "skipped", "", "", "", "", row.floor, _verdict(row.ok)]
    spread = ""
    if row.low is not None and row.high is not None and row.reps > 1:
        spread = f"{_number(row.low, row.unit)} - {_number(row.high, row.unit)}"
    ratio = "" if row.ratio is None else f"{row.ratio:.3g}x"
    return [
        row.what,
        row.size,
        _number(row.value, row.unit),
        spread,
        str(row.reps) if row.reps else "",
        ratio,
        row.ratio_of,
        row.floor,
        _verdict(row.ok),
    ]


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "FAIL")


def render(rows: Sequence[Row]) -> str:
    header = ["benchmark", "size", "median", "min - max", "n", "ratio", "ratio is", "floor", "ok"]
    table = [_cells(r) for r in rows]
    widths = [max(len(line[i]) for line in [header, *table]) for i in range(len(header))]
    right = {2, 3, 4, 5}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    section = None
    for row, cells in zip(rows, table, strict=True):
        if row.section != section:
            section = row.section
            out.append("")
            out.append(SECTIONS.get(section, f"{section}. (failed job)"))
        out.append(line(cells))
    return "\n".join(out)


def _versions(package: str) -> str:
    import networkx
    import numpy

    try:
        ours = metadata.version("urbangov")
    except metadata.PackageNotFoundError:
        ours = "?"
    return (
        f"urbangov {ours} ({package}), Python {platform.python_version()}, "
        f"numpy {numpy.__version__}, networkx {networkx.__version__}"
    )


def _memory_ratios(rows: Sequence[Row]) -> None:
    """Peak memory of the engine against the baseline measured at the same size: the
    numpy reference where there is one (1,000,000 tasks), else networkx."""
    peaks = [r for r in rows if r.section == "2" and r.unit == "MiB" and r.value]
    networkx = {r.size: r.value for r in peaks if r.what.startswith("networkx") and r.value}
    numpy = {r.size: r.value for r in peaks if r.what.startswith("numpy") and r.value}
    for row in peaks:
        if row.value is None:
            continue
        if row.what.startswith(("networkx", "numpy")):
            row.ratio, row.ratio_of = 1.0, "baseline"
        elif row.size in numpy:
            row.ratio, row.ratio_of = row.value / numpy[row.size], "this / numpy (lower is less)"
            row.floor = f"<= {NUMPY_MEMORY_FLOOR:g}x numpy"
            row.ok = row.ratio <= NUMPY_MEMORY_FLOOR
        elif row.size in networkx:
            row.ratio, row.ratio_of = networkx[row.size] / row.value, "networkx / this"


#: Issue 15: the engine's peak at 1,000,000 tasks at most this times the numpy reference's.
NUMPY_MEMORY_FLOOR = 1.5


def _section_rank(section: str) -> int:
    order = list(SECTIONS)
    return order.index(section) if section in order else len(order)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer sizes and repetitions")
    args = parser.parse_args(argv)

    began = time.perf_counter()
    load_before = os.getloadavg()
    report = Report()
    package = ""
    for job in _jobs(args.quick):
        print(f"[{time.perf_counter() - began:6.1f} s] {job.label} ...", file=sys.stderr)
        part, found = _run_worker(job)
        package = package or found
        report.extend(part)
    print(f"[{time.perf_counter() - began:6.1f} s] command line ...", file=sys.stderr)
    try:
        report.extend(cli_job(5 if args.quick else 10))
    except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
        report.rows.append(Row("4", "urbangov schedule vs tj3", note=f"FAILED: {exc}", ok=False))
    rows = sorted(report.rows, key=lambda r: _section_rank(r.section))
    _memory_ratios(rows)

    mode = "quick" if args.quick else "full"
    print(f"urbangov benchmarks, {mode} run, {dt.datetime.now():%Y-%m-%d %H:%M}")
    print(
        f"{_versions(package)}; {os.cpu_count()} CPUs; load average "
        f"{load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after; "
        f"{time.perf_counter() - began:.0f} s in all"
    )
    print("Times are medians of n runs (min - max shown); ratios use baselines from this run.")
    print()
    print(render(rows))
    notes = [f"{r.section} {r.what}: {r.note}" for r in rows if r.note]
    notes += report.notes
    notes = sorted(dict.fromkeys(notes), key=lambda t: _section_rank(t.split(" ", 1)[0]))
    notes = [f"- {note}" for note in notes]
    if notes:
        print()
        print("Notes")
        print("\n".join(notes))
    failed = [r for r in rows if r.ok is False]
    print()
    if failed:
        print("Below the floor or failed")
        for r in failed:
            shown = "skipped" if r.value is None else _number(r.value, r.unit)
            ratio = f", ratio {r.ratio:.3g}x ({r.ratio_of})" if r.ratio is not None else ""
            print(f"- {r.section} {r.what} [{r.size}]: {shown}{ratio}; floor {r.floor or '-'}")
    else:
        print("Every floor was met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
