"""MS Project XML: reading a big file and scheduling it, against MPXJ's reader alone.

    .venv/bin/python -m benchmarks.mspdi [--quick] [--out FILE]

The file: the benchmark plan of 10,000 tasks and about 30,000 typed links with lags
and leads (``benchmarks._plans.generate``), on the Vietnamese calendar, written by
urbangov's ``mspdi`` reporter. Measured:

- urbangov: ``load_plan(file)`` + ``schedule()`` + ``.finish``, the path a user takes;
- the baseline, in the same run: MPXJ's ``MSPDIReader().read(file)`` alone, in a JVM
  warmed up by reading the file first (JIT compiled), in a subprocess (JPype starts
  one JVM per process). The floor: urbangov no slower than that (ratio >= 1).

Also: the peak memory rise while writing the 100,000-task plan as MSPDI (floor
300 MiB), measured in a fresh process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._measure import Report, Row, Stats, timeit, worker_main  # noqa: E402
from benchmarks._plans import build_table_plan, generate  # noqa: E402

__all__ = ["main", "mspdi_job"]

WRITE_FLOOR_MIB = 300.0

_MPXJ = """
import json, sys, time
import jpype, mpxj  # noqa: F401
jpype.startJVM()
reader = jpype.JClass("org.mpxj.mspdi.MSPDIReader")
path, warm, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for _ in range(warm):
    reader().read(path)
times = []
for _ in range(reps):
    t = time.perf_counter()
    project = reader().read(path)
    times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "tasks": int(project.getTasks().size())}))
"""

_WRITE = """
import sys
sys.path.insert(0, sys.argv[1])
from benchmarks._measure import peak_kib, reset_peak, rss_kib, trim_heap
from benchmarks._plans import build_table_plan, generate
from urbangov.builtins.mspdi import render_mspdi
from urbangov.reporting import ReportOptions
from urbangov.scheduling import schedule
result = schedule(build_table_plan(generate(int(sys.argv[2]))))
trim_heap()
reset_peak()
before = rss_kib()
text = render_mspdi(result, ReportOptions())
print((peak_kib() - before) / 1024, len(text))
"""


def _written(n: int, folder: Path) -> tuple[Path, int]:
    from urbangov.builtins.mspdi import render_mspdi
    from urbangov.reporting import ReportOptions
    from urbangov.scheduling import schedule

    lists = generate(n)
    path = folder / f"plan-{n}.xml"
    text = render_mspdi(schedule(build_table_plan(lists)), ReportOptions())
    path.write_bytes(text)
    return path, len(lists.src)


def _mpxj(path: Path, reps: int) -> Stats | str:
    done = subprocess.run(
        [sys.executable, "-c", _MPXJ, str(path), "3", str(reps)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        return (done.stderr.strip().splitlines() or ["failed"])[-1]
    return Stats.of(json.loads(done.stdout)["times"])


def mspdi_job(quick: bool) -> Report:
    from urbangov.io import load_plan
    from urbangov.scheduling import schedule

    report = Report()
    reps = 3 if quick else 7
    with tempfile.TemporaryDirectory() as scratch:
        path, links = _written(10_000, Path(scratch))
        size = f"10k tasks, {links // 1000}k links"
        ours = timeit(lambda: schedule(load_plan(path)).finish, reps)
        theirs = _mpxj(path, reps)
        if isinstance(theirs, str):
            report.rows.append(Row("10", "MPXJ MSPDIReader (warm JVM)", size, note=theirs))
            report.rows.append(Row.timed("10", "urbangov load_plan + schedule", size, ours))
        else:
            report.rows.append(Row.timed("10", "MPXJ MSPDIReader (warm JVM)", size, theirs))
            ratio = theirs.median / ours.median
            report.rows.append(
                Row.timed(
                    "10",
                    "urbangov load_plan + schedule",
                    size,
                    ours,
                    ratio=ratio,
                    ratio_of="MPXJ read",
                    floor=">= 1x",
                    ok=ratio >= 1,
                )
            )
    n = 20_000 if quick else 100_000
    done = subprocess.run(
        [sys.executable, "-c", _WRITE, str(ROOT), str(n)],
        capture_output=True,
        text=True,
        check=False,
    )
    what = "write MSPDI: peak memory rise"
    if done.returncode:
        report.rows.append(Row("10", what, f"{n:,} tasks", note=done.stderr.strip()[-200:]))
    else:
        mib = float(done.stdout.split()[0])
        report.rows.append(
            Row(
                "10",
                what,
                f"{n:,} tasks",
                mib,
                "MiB",
                floor=f"< {WRITE_FLOOR_MIB:g} MiB" if n == 100_000 else "",
                ok=mib < WRITE_FLOOR_MIB if n == 100_000 else None,
            )
        )
    return report


def main(argv: list[str] | None = None) -> int:
    return worker_main(mspdi_job, __doc__ or "", argv)


if __name__ == "__main__":
    raise SystemExit(main())
