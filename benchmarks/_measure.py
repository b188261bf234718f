"""Timing, memory and result rows shared by the benchmark workers and ``run.py``."""

from __future__ import annotations

import ctypes
import gc
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Report",
    "Row",
    "Stats",
    "peak_kib",
    "rate",
    "reset_peak",
    "rss_kib",
    "timeit",
    "trim_heap",
    "worker_main",
]


@dataclass(frozen=True, slots=True)
class Stats:
    """Median, fastest and slowest of ``reps`` repetitions (seconds or ops/s)."""

    median: float
    low: float
    high: float
    reps: int

    @classmethod
    def of(cls, values: list[float]) -> Stats:
        return cls(statistics.median(values), min(values), max(values), len(values))


def timeit(fn: Callable[[], object], reps: int, warmup: int = 1) -> Stats:
    """Wall time of ``fn()`` over ``reps`` runs after ``warmup`` untimed runs.

    Garbage is collected before each run, outside the timing, so one run's garbage
    does not land in the next run's time.
    """
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return Stats.of(times)


def rate(fn: Callable[[], int], reps: int, warmup: int = 1) -> Stats:
    """Operations per second: ``fn()`` does some work and returns how many operations."""
    for _ in range(warmup):
        fn()
    rates = []
    for _ in range(reps):
        gc.collect()
        start = time.perf_counter()
        count = fn()
        rates.append(count / (time.perf_counter() - start))
    return Stats.of(rates)


def _status(key: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_kib() -> int:
    """Resident memory now (KiB)."""
    found = _status("VmRSS")
    return found if found is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_kib() -> int:
    """Peak resident memory since the start or the last :func:`reset_peak` (KiB)."""
    found = _status("VmHWM")
    return found if found is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def trim_heap() -> bool:
    """Give freed heap memory back to the system (glibc ``malloc_trim``), if possible.

    Without it, memory freed while the input was being generated stays in the
    process and is reused by the measured code without raising the RSS, which
    would understate the measured code's own peak.
    """
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        return False
    return True


def reset_peak() -> bool:
    """Reset the peak-RSS mark to the current RSS (Linux ``clear_refs``), if possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@dataclass(slots=True)
class Row:
    """One line of the results table.

    ``value`` is seconds (``unit="s"``), operations per second (``"/s"``) or MiB
    (``"MiB"``); ``None`` means the measurement was skipped (say why in ``note``).
    ``ratio`` compares with the baseline named in ``ratio_of``.
    """

    section: str
    what: str
    size: str = ""
    value: float | None = None
    unit: str = "s"
    low: float | None = None
    high: float | None = None
    reps: int = 0
    ratio: float | None = None
    ratio_of: str = ""
    floor: str = ""
    ok: bool | None = None
    note: str = ""

    @classmethod
    def timed(cls, section: str, what: str, size: str, stats: Stats, **more: Any) -> Row:
        return cls(
            section,
            what,
            size,
            stats.median,
            more.pop("unit", "s"),
            stats.low,
            stats.high,
            stats.reps,
            **more,
        )


@dataclass(slots=True)
class Report:
    """What a worker hands back: table rows and free-text notes."""

    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"rows": [asdict(r) for r in self.rows], "notes": list(self.notes)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        return cls([Row(**r) for r in data["rows"]], [str(n) for n in data["notes"]])

    def extend(self, other: Report) -> None:
        self.rows.extend(other.rows)
        self.notes.extend(other.notes)


def worker_main(job: Callable[[bool], Report], description: str, argv: list[str] | None) -> int:
    """The command line of a benchmark worker: ``[--quick] [--out FILE]``.

    With ``--out`` the rows go to FILE as JSON, for ``run.py``; without, they are
    printed as ``run.py`` prints them.
    """
    import argparse
    import json

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--out", type=Path, help="write the rows as JSON (for run.py)")
    args = parser.parse_args(argv)
    report = job(args.quick)
    if args.out is not None:
        args.out.write_text(json.dumps(report.to_json()), encoding="utf-8")
        return 0
    from benchmarks.run import render

    print(render(report.rows))
    for note in report.notes:
        print(f"- {note}")
    for row in report.rows:
        if row.note:
            print(f"- {row.what}: {row.note}")
    return 0
