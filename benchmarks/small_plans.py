"""Small plans: the plain-Python path against the vectorised engine.

    .venv/bin/python -m benchmarks.small_plans [--quick] [--out FILE]

``schedule()`` schedules a plan of at most ``SMALL_PLAN`` task objects without numpy
(:mod:`urbangov.scheduling._small`), because importing numpy costs a short-lived
process (the command line) more than the scheduling does. Section 1e times, in one
process with numpy already imported (the engine's best case), ``schedule(plan)`` then
every task's dates, the warnings and the critical path, both ways, on the benchmark's
generated plans (3 links a task, constraints and deadlines), and the import of numpy
in a fresh interpreter. The small path is meant to stay within a few milliseconds of
the engine up to the limit, and to save the import.
"""

from __future__ import annotations

import subprocess
import sys
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._api import Schedule, engine, schedule  # noqa: E402
from benchmarks._measure import Report, Row, Stats, timeit, worker_main  # noqa: E402
from benchmarks._plans import build_plan, generate  # noqa: E402
from urbangov.plan import Plan  # noqa: E402
from urbangov.scheduling import _small as small  # noqa: E402
from urbangov.scheduling._compile import compile_plan  # noqa: E402

__all__ = ["small_plans_job"]


def _engine_schedule(plan: Plan) -> Schedule:
    network, origin = compile_plan(plan)
    return Schedule(plan, network, engine.compute(network), origin)


def _use(result: Schedule) -> None:
    list(result)
    _ = result.warnings, result.critical_path, result.finish


def _use_engine(plan: Plan) -> None:
    _use(_engine_schedule(plan))


def _use_small(plan: Plan) -> None:
    _use(schedule(plan))


def _numpy_import(reps: int) -> Stats:
    code = "import time; t = time.perf_counter(); import numpy; print(time.perf_counter() - t)"
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout)
        for _ in range(reps)
    ]
    return Stats.of(times)


def small_plans_job(quick: bool) -> Report:
    report = Report()
    reps = 10 if quick else 30
    for n in (100, small.SMALL_PLAN):
        plan = build_plan(generate(n))
        assert schedule(plan)._rows is not None, "the small-plan path takes it"
        size = f"{n:,} tasks"
        theirs = timeit(partial(_use_engine, plan), reps)
        ours = timeit(partial(_use_small, plan), reps)
        report.rows.append(
            Row.timed(
                "1e",
                "engine (numpy loaded): schedule + rows, warnings, critical path",
                size,
                theirs,
                ratio=1.0,
                ratio_of="baseline",
            )
        )
        report.rows.append(
            Row.timed(
                "1e",
                "small-plan path (plain Python): the same",
                size,
                ours,
                ratio=theirs.median / ours.median,
                ratio_of="engine / this",
                note=f"{(ours.median - theirs.median) * 1000:+.1f} ms against the engine",
            )
        )
    report.rows.append(
        Row.timed("1e", "import numpy (fresh interpreter)", "", _numpy_import(5 if quick else 10))
    )
    return report


def main(argv: list[str] | None = None) -> int:
    return worker_main(small_plans_job, __doc__.split("\n\n")[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
