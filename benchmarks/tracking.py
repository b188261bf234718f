"""The tracking benchmark: a cascaded HCMC plan and a 100,000-task plan with progress.

    .venv/bin/python -m benchmarks.tracking [--quick] [--out FILE]

1. The HCMC plan cascaded to every commune-level unit: 12 tasks in a chain, each handed
   down to the 312 phường, xã and thị trấn of 2021-07-01 (``kinds = ward, commune,
   township``), which with the 22 district-level units compiling is 4,020 tasks. 3,000
   progress updates as of a status date (finished, started, behind), then the status
   report (rescheduled at the status date) and its statistics per unit, rolled up the
   hierarchy, and per lead. The floor is 1 s. The baseline, measured in the same run,
   is scheduling the same plan without progress.
2. The synthetic 100,000-task plan of section 1 with 50,000 updates, same measurements.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._measure import Report, Row, timeit, worker_main  # noqa: E402
from benchmarks._plans import build_plan, generate  # noqa: E402
from urbangov.assignment import expand_cascades  # noqa: E402
from urbangov.hierarchy import Hierarchy  # noqa: E402
from urbangov.io import shipped_hierarchy  # noqa: E402
from urbangov.plan import Cascade, Plan, Task  # noqa: E402
from urbangov.scheduling import Schedule, schedule  # noqa: E402
from urbangov.tracking import (  # noqa: E402
    ProgressUpdate,
    TrackingLog,
    statistics,
    status_report,
)

__all__ = ["cascaded_hcmc", "main", "progress_for", "tracking_job"]

FLOOR = 1.0  # seconds: status report + statistics of the cascaded HCMC plan
GO_LIVE = dt.date(2021, 7, 1)


def cascaded_hcmc(hcmc: Hierarchy) -> Plan:
    """12 tasks in a chain, each cascaded to all 312 commune-level units."""
    every = Cascade("hcmc", ["ward", "commune", "township"], GO_LIVE, report_days=2)
    tasks = [
        Task(
            f"t{i:02d}",
            f"Nhiệm vụ {i}",
            5 + i % 4,
            depends=[f"t{i - 1:02d}"] if i else [],
            deadline=dt.date(2021, 6, 1) + dt.timedelta(days=14 * i),
            lead="hcmc/so-noi-vu",
            cascade=every,
        )
        for i in range(12)
    ]
    plan = Plan("hcmc-cascaded", "HCMC, cascaded", dt.date(2021, 4, 7), tasks=tasks)
    return expand_cascades(plan, hcmc)


def progress_for(planned: Schedule, count: int, seed: int = 2021) -> tuple[dt.date, TrackingLog]:
    """``count`` updates on the earliest tasks as of a status date: most finished
    (some late), the rest started, some behind."""
    plan, calendar = planned.plan, planned.plan.calendar
    rows = sorted(planned, key=lambda r: r.start)[:count]
    status = max(r.start for r in rows)
    rng = random.Random(seed)
    updates = []
    for row in rows:
        task = plan.task(row.id)
        start = min(calendar.add_working_days(row.start, rng.choice([0, 0, 1])), status)
        finish = calendar.add_working_days(
            start, max(task.duration - 1 + rng.choice([-1, 0, 2]), 0)
        )
        if finish <= status and rng.random() < 0.8:
            updates.append(ProgressUpdate(row.id, finish, actual_start=start, actual_finish=finish))
        else:
            left = rng.randint(0, task.duration)
            updates.append(
                ProgressUpdate(row.id, status, actual_start=start, remaining_duration=left)
            )
    return status, TrackingLog(updates)


def _tracked(plan: Plan, log: TrackingLog, status: dt.date, hierarchy: Hierarchy | None) -> None:
    report = status_report(plan, log, status)
    statistics(report, by="lead")
    if hierarchy is not None:
        statistics(report, by="unit", hierarchy=hierarchy)


def tracking_job(quick: bool) -> Report:
    report = Report()
    reps = 3 if quick else 7
    hcmc = shipped_hierarchy("hcmc")
    plan = cascaded_hcmc(hcmc)
    planned = schedule(plan)
    status, log = progress_for(planned, 3_000)
    size = f"{len(plan):,} tasks, {len(log.updates):,} updates"
    base = timeit(lambda: schedule(plan), reps)
    report.rows.append(
        Row.timed(
            "8",
            "baseline: schedule the plan, no progress",
            size,
            base,
            ratio=1.0,
            ratio_of="baseline",
        )
    )
    tracked = timeit(lambda: _tracked(plan, log, status, hcmc), reps)
    report.rows.append(
        Row.timed(
            "8",
            "status report at the status date + statistics per lead and per unit (rolled up)",
            size,
            tracked,
            ratio=tracked.median / base.median,
            ratio_of="this / baseline",
            floor=f"< {FLOOR:g} s",
            ok=tracked.median < FLOOR,
        )
    )
    big = build_plan(generate(100_000))
    big_planned = schedule(big)
    big_status, big_log = progress_for(big_planned, 50_000)
    big_size = f"{len(big):,} tasks, {len(big_log.updates):,} updates"
    big_reps = 2 if quick else 3
    big_base = timeit(lambda: schedule(big), big_reps)
    report.rows.append(
        Row.timed(
            "8",
            "baseline: schedule the plan, no progress",
            big_size,
            big_base,
            ratio=1.0,
            ratio_of="baseline",
        )
    )
    big_tracked = timeit(lambda: _tracked(big, big_log, big_status, None), big_reps)
    report.rows.append(
        Row.timed(
            "8",
            "status report at the status date + statistics per lead",
            big_size,
            big_tracked,
            ratio=big_tracked.median / big_base.median,
            ratio_of="this / baseline",
        )
    )
    return report


def main(argv: list[str] | None = None) -> int:
    return worker_main(tracking_job, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
