"""The measurements that need a fresh interpreter, one per process.

``run.py`` starts ``python -m benchmarks._workers JOB ... --out FILE`` for each job, so
imports, caches and the heap of one measurement never leak into the next; the worker
writes its rows and notes to FILE as JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import gc
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from benchmarks._api import Schedule, engine, package_name, schedule, what_if
from benchmarks._baseline import NaiveCalendar, NxResult, networkx_cpm, numpy_cpm
from benchmarks._measure import (
    Report,
    Row,
    Stats,
    peak_kib,
    rate,
    reset_peak,
    rss_kib,
    timeit,
    trim_heap,
)
from benchmarks._plans import PlanLists, build_network, build_plan, generate
from urbangov.calendar import WorkCalendar
from urbangov.plan import ConstraintType, Plan
from urbangov.scheduling import TaskSchedule

__all__ = ["main"]

ENGINE_FLOOR = 10.0  # networkx / urbangov, build + full pass (the requirement)
MEMORY_FLOOR_MIB = 1024.0  # 1M tasks, build + compute
CONVERSION_FLOOR = 1_000_000.0  # working-day conversions per second


def _size(p: PlanLists) -> str:
    return f"{_count(p.tasks)} / {_count(p.links)} links"


def _count(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.3g}M"
    if n >= 1_000:
        return f"{n / 1_000:.3g}k"
    return str(n)


def _engine_run(p: PlanLists) -> engine.Passes:
    """Build + full pass: lists -> Network -> compute (ES/EF/LS/LF, slack, critical)."""
    return engine.compute(build_network(p))


def _networkx_run(p: PlanLists) -> NxResult:
    return networkx_cpm(p.dur, p.src, p.dst, p.kind, p.lag)


def _schedule_run(plan: Plan) -> Schedule:
    """The public path: compile the Task objects, compute, read the finish and path."""
    result = schedule(plan)
    _ = result.finish, result.critical_path
    return result


def _warm_up() -> None:
    """Import everything and run every code path once on a small plan."""
    small = generate(60)
    _engine_run(small)
    _networkx_run(small)
    plan = build_plan(small)
    base = _schedule_run(plan)
    if what_if is not None:
        task = plan.tasks[0]
        what_if(base, {task.id: task.duration + 1}).finish  # noqa: B018


# -- 1. the engine, the public path, the networkx baseline ------------------------------


def engine_job(n: int, reps: dict[str, int], whatif_reps: int) -> Report:
    report = Report()
    _warm_up()
    p = generate(n)
    size = _size(p)

    # The engine is timed first: the baseline leaves millions of freed objects in a
    # fragmented heap that whatever runs after it allocates from (each side is
    # collected and warmed up before it is timed).
    gc.collect()
    ug = timeit(lambda: _engine_run(p), reps["engine"], warmup=1)
    gc.collect()
    nx_stats = timeit(lambda: _networkx_run(p), reps["networkx"], warmup=0)
    report.rows.append(
        Row.timed(
            "1a",
            "networkx baseline: DiGraph + topo sort + Python passes",
            size,
            nx_stats,
            ratio=1.0,
            ratio_of="baseline",
            note="constraints and deadlines ignored",
        )
    )
    build = timeit(lambda: build_network(p), reps["engine"], warmup=0)
    ratio = nx_stats.median / ug.median
    report.rows.append(
        Row.timed(
            "1a",
            "urbangov engine: lists -> Network + compute()",
            size,
            ug,
            ratio=ratio,
            ratio_of="networkx / this",
            floor=f">= {ENGINE_FLOOR:g}x" if n >= 100_000 else "",
            ok=ratio >= ENGINE_FLOOR if n >= 100_000 else None,
            note=f"of which lists -> Network {_ms(build.median)}",
        )
    )

    start = time.perf_counter()
    plan = build_plan(p)
    plan_seconds = time.perf_counter() - start
    public = timeit(lambda: _schedule_run(plan), reps["schedule"], warmup=1)
    report.rows.append(
        Row.timed(
            "1b",
            "urbangov schedule(Plan) + .finish + .critical_path",
            size,
            public,
            ratio=nx_stats.median / public.median,
            ratio_of="networkx / this",
            note=f"making the {n:,} Task objects and the Plan: {_ms(plan_seconds)} (not timed)",
        )
    )
    report.notes.extend(_cross_check(p))
    if whatif_reps:
        report.extend(whatif_job(p, plan, whatif_reps))
    return report


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.3g} ms" if seconds < 1 else f"{seconds:.3g} s"


def _cross_check(p: PlanLists) -> list[str]:
    """The baseline does the same CPM as the engine on the plan without constraints."""
    n = p.tasks
    bare = dataclasses.replace(
        p, constraint=[engine.ASAP] * n, deadline_at=[int(engine.NO_DATE)] * n
    )
    ours = engine.compute(build_network(bare))
    theirs = _networkx_run(bare)
    finish = (int(ours.project_finish) + 3) // 4  # whole working days before the finish
    es = (np.asarray(ours.early_start) + 3) // 4
    same_es = float(np.mean(es == np.asarray(theirs.early_start)))
    same_crit = float(np.mean(np.asarray(ours.critical) == (np.asarray(theirs.total_slack) <= 0)))
    full = _engine_run(p)
    return [
        f"1a cross-check at {_count(n)} tasks, plan stripped of constraints and deadlines: "
        f"finish {finish} (urbangov) vs {theirs.finish} (networkx) working days; "
        f"early starts equal for {same_es:.2%}, critical flags for {same_crit:.2%} of tasks. "
        f"With constraints the engine's finish is {(int(full.project_finish) + 3) // 4} days, "
        f"{int(np.sum(full.critical))} tasks critical."
    ]


# -- 5. what-if ----------------------------------------------------------------------------


def _driving_chain(p: PlanLists, plan: Plan, rows: list[TaskSchedule]) -> list[tuple[int, int]]:
    """The chain of links that drives the project finish, walked back from the task
    that finishes last: ``(row, kind of its link to the next task, -1 for the last)``,
    earliest first. A link drives when it alone explains the successor's early start
    (in whole working days); the walk stops at a task no link explains.
    """
    index = plan.calendar.index
    origin = index.number(plan.start.toordinal())

    def start(r: int) -> int:
        return int(index.number(rows[r].early_start.toordinal())) - origin

    def finish(r: int) -> int:
        if p.dur[r] == 0:
            return start(r)
        return int(index.number(rows[r].early_finish.toordinal())) - origin + 1

    preds: list[list[tuple[int, int, int]]] = [[] for _ in range(p.tasks)]
    for s, d, k, g in zip(p.src, p.dst, p.kind, p.lag, strict=True):
        preds[d].append((s, k, g))
    last = max(range(p.tasks), key=lambda r: (finish(r), rows[r].critical, -r))
    chain = [(last, -1)]
    seen = {last}
    while True:
        v = chain[-1][0]
        driver = None
        for u, k, g in preds[v]:
            at = (finish(u) if k & 1 else start(u)) + g - (p.dur[v] if k & 2 else 0)
            if at == start(v) and u not in seen:
                driver = (u, k)
                break
        if driver is None:
            break
        chain.append(driver)
        seen.add(driver[0])
    chain.reverse()
    return chain


def _pick_tasks(p: PlanLists, plan: Plan, base: Schedule) -> tuple[int, int, bool]:
    """A non-critical task (slack >= 2) and a critical task whose +2 days moves the
    project finish: the earliest task of the driving chain that does, tried in order,
    then a few other critical tasks (ALAP tasks upstream of the finish can absorb the
    change). Both are plain ASAP tasks with a duration. The flag says whether the
    critical task moves the finish.
    """
    assert what_if is not None
    rows = list(base)

    def plain(r: int) -> bool:
        task = plan.tasks[r]
        return task.constraint is ConstraintType.ASAP and task.duration > 0

    loose = random.Random(7).choice(
        [r for r in range(len(rows)) if plain(r) and rows[r].total_slack >= 2]
    )
    # Only a link from the task's finish (FS, FF) passes a longer duration on.
    chain = _driving_chain(p, plan, rows)
    tried = [r for r, k in chain if plain(r) and (k < 0 or k & 1)][:12]
    critical = [r for r in range(len(rows)) if plain(r) and rows[r].critical]
    tried += random.Random(11).sample(critical, min(6, len(critical)))
    for row in tried:
        task = plan.tasks[row]
        if what_if(base, {task.id: task.duration + 2}).finish != base.finish:
            return loose, row, True
    return loose, tried[0], False


def whatif_job(p: PlanLists, plan: Plan, reps: int) -> Report:
    report = Report()
    size = _size(p)
    if what_if is None:
        report.rows.append(
            Row("5", "what_if(schedule, {id: duration})", size, note="skipped: no what_if")
        )
        return report
    report.extend(_whatif_rows(p, plan, reps, ""))
    alap = sum(1 for c in p.constraint if c == engine.ALAP)
    if alap:
        # The same plan with its ALAP tasks made ASAP: shows the incremental path,
        # since a plan with ALAP tasks couples the passes.
        asap = [engine.ASAP if c == engine.ALAP else c for c in p.constraint]
        q = dataclasses.replace(p, constraint=asap)
        report.extend(_whatif_rows(q, build_plan(q), reps, f" [{alap} ALAP -> ASAP]"))
    return report


def _whatif_rows(p: PlanLists, plan: Plan, reps: int, variant: str) -> Report:
    assert what_if is not None
    report = Report()
    size = _size(p)
    base = _schedule_run(plan)
    loose, critical, moves = _pick_tasks(p, plan, base)
    if not moves:
        report.notes.append(
            f"5 no critical task tried moves the finish when 2 days longer{variant}: "
            "the chain that ends the plan runs through ALAP tasks, which absorb it"
        )

    def full(row: int, days: int) -> Schedule:
        task = plan.tasks[row]
        result = schedule(plan.replace_task(attrs.evolve(task, duration=task.duration + days)))
        _ = result.finish
        return result

    def incremental(row: int, days: int) -> Schedule:
        task = plan.tasks[row]
        result = what_if(base, {task.id: task.duration + days})
        _ = result.finish
        return result

    full_stats = timeit(lambda: full(critical, 2), reps, warmup=0)
    report.rows.append(
        Row.timed(
            "5",
            f"full: schedule(plan.replace_task(...)) + .finish{variant}",
            size,
            full_stats,
            ratio=1.0,
            ratio_of="baseline",
        )
    )
    for label, row, days in (
        ("non-critical task +1 day", loose, 1),
        ("critical task +2 days", critical, 2),
    ):
        start = time.perf_counter()
        first = incremental(row, days)
        first_seconds = time.perf_counter() - start
        stats = timeit(functools.partial(incremental, row, days), reps, warmup=0)
        check = full(row, days)
        agree = first.finish == check.finish and first.critical_path == check.critical_path
        moved = base.plan.calendar.working_days_between(base.finish, first.finish)
        report.rows.append(
            Row.timed(
                "5",
                f"what_if: {label} + .finish{variant}",
                size,
                stats,
                ratio=full_stats.median / stats.median,
                ratio_of="full / this",
                ok=None if agree else False,
                note=(
                    f"first call {_ms(first_seconds)}; finish moves {moved} d; "
                    + ("same finish and critical path as full" if agree else "DIFFERS from full")
                ),
            )
        )
    return report


# -- 2. memory -----------------------------------------------------------------------------


def memory_job(n: int, method: str, time_reps: int) -> Report:
    """Peak RSS rise of build + compute above the RSS with the input lists loaded."""
    report = Report()
    _warm_up()
    p = generate(n)
    gc.collect()
    trimmed = trim_heap()
    baseline = rss_kib()
    exact = reset_peak()
    if not exact:
        baseline = max(baseline, peak_kib())  # then the rise below is a lower bound
    runs: dict[str, Callable[[PlanLists], Any]] = {
        "engine": _engine_run,
        "networkx": _networkx_run,
        "numpy": lambda lists: numpy_cpm(lists.dur, lists.src, lists.dst, lists.kind, lists.lag),
    }
    run = runs[method]
    start = time.perf_counter()
    result = run(p)
    seconds = [time.perf_counter() - start]
    rise = (peak_kib() - baseline) / 1024
    del result
    for _ in range(time_reps - 1):
        gc.collect()
        start = time.perf_counter()
        run(p)
        seconds.append(time.perf_counter() - start)
    label = {
        "engine": "urbangov engine",
        "networkx": "networkx baseline",
        "numpy": "numpy reference CPM",
    }[method]
    floor = n >= 1_000_000 and method == "engine"
    report.rows.append(
        Row(
            "2",
            f"{label}: peak RSS rise, build + compute",
            _size(p),
            rise,
            "MiB",
            reps=1,
            floor=f"< {MEMORY_FLOOR_MIB:g} MiB" if floor else "",
            ok=rise < MEMORY_FLOOR_MIB if floor else None,
            note=(
                f"above {baseline / 1024:.0f} MiB with the lists loaded"
                + ("" if exact else "; peak could not be reset: lower bound")
                + ("" if trimmed else "; heap not trimmed: may understate")
            ),
        )
    )
    if time_reps:
        report.rows.append(
            Row.timed(
                "2",
                f"{label}: build + compute time",
                _size(p),
                Stats.of(seconds),
                note="first run included (same process as the memory run)",
            )
        )
    return report


# -- 3. working-day arithmetic ---------------------------------------------------------


def _naive_calendar(calendar: WorkCalendar, first: dt.date, last: dt.date) -> NaiveCalendar:
    index = calendar.index
    # Cover the whole span first: growing the index one day at a time fails on the
    # first day past its end (CalendarIndex._number_growing computes a target year
    # inside the table for i == days, then raises CalendarError).
    index.number(first.toordinal())
    index.number(last.toordinal())
    off: set[dt.date] = set()
    on: set[dt.date] = set()
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        day = dt.date.fromordinal(ordinal)
        weekend = day.weekday() in calendar.weekend
        working = index.is_working(ordinal)
        if weekend and working:
            on.add(day)
        elif not weekend and not working:
            off.add(day)
    return NaiveCalendar(off, on, calendar.weekend)


def calendar_job(quick: bool) -> Report:
    report = Report()
    calendar = WorkCalendar.vietnam()
    index = calendar.index
    first, last = dt.date(2020, 1, 1), dt.date(2035, 12, 31)
    naive = _naive_calendar(calendar, first, dt.date(2038, 12, 31))
    rng = random.Random(5)
    k = 100_000 if quick else 300_000
    reps = 3 if quick else 5
    ordinals = [rng.randint(first.toordinal(), last.toordinal()) for _ in range(k)]
    dates = [dt.date.fromordinal(o) for o in ordinals]
    index.number(first.toordinal())
    index.number(dt.date(2038, 12, 31).toordinal())  # the index covers every answer
    numbers = [index.number(o) for o in ordinals]

    for shift in (5, 20, 250):  # the index and the naive loop agree
        for day in dates[:2000]:
            if calendar.add_working_days(day, shift) != naive.add_working_days(day, shift):
                report.notes.append(f"3 MISMATCH: add_working_days({day}, {shift})")
                break

    def scalar_number() -> int:
        number = index.number
        for o in ordinals:
            number(o)
        return k

    def scalar_ordinal() -> int:
        ordinal = index.ordinal
        for x in numbers:
            ordinal(x)
        return k

    def scalar_shift() -> int:
        number, ordinal = index.number, index.ordinal
        for o in ordinals:
            ordinal(number(o) + 20)
        return k

    def public(shift: int) -> Callable[[], int]:
        def run() -> int:
            add = calendar.add_working_days
            for day in dates:
                add(day, shift)
            return k

        return run

    def naive_run(shift: int) -> Callable[[], int]:
        count = max(2_000, k // (1 + shift // 4))

        def run() -> int:
            add = naive.add_working_days
            for day in dates[:count]:
                add(day, shift)
            return count

        return run

    big = np.random.default_rng(5).integers(min(numbers), max(numbers) + 1, 1_000_000)

    def vector() -> int:
        index.ordinals(big)
        return big.size

    def vector_shift() -> int:
        index.ordinals(big + 20)
        return big.size

    naive_rates = {shift: rate(naive_run(shift), reps) for shift in (5, 20, 250)}
    for shift, stats in naive_rates.items():
        report.rows.append(
            Row.timed(
                "3",
                f"naive day-by-day loop: add {shift} working days",
                "date in/out",
                stats,
                unit="/s",
                ratio=1.0,
                ratio_of="baseline",
            )
        )

    def add_row(what: str, size: str, stats: Stats, shift: int | None, floor: bool = True) -> None:
        report.rows.append(
            Row.timed(
                "3",
                what,
                size,
                stats,
                unit="/s",
                ratio=stats.median / naive_rates[shift].median if shift else None,
                ratio_of=f"this / naive +{shift}" if shift else "",
                floor=f">= {CONVERSION_FLOOR / 1e6:g} M/s" if floor else "",
                ok=stats.median >= CONVERSION_FLOOR if floor else None,
            )
        )

    add_row("(a) index.number(ordinal), scalar", "int in/out", rate(scalar_number, reps), None)
    add_row("(a) index.ordinal(number), scalar", "int in/out", rate(scalar_ordinal, reps), None)
    add_row(
        "(a) index.ordinal(index.number(o) + 20), scalar",
        "int in/out",
        rate(scalar_shift, reps),
        20,
    )
    for shift in (5, 20, 250):
        add_row(
            f"(b) WorkCalendar.add_working_days(date, {shift})",
            "date in/out",
            rate(public(shift), reps),
            shift,
        )
    add_row("(c) index.ordinals(array), vectorised", "1M per call", rate(vector, reps), None)
    add_row(
        "(c) index.ordinals(numbers + 20), vectorised",
        "1M per call",
        rate(vector_shift, reps),
        20,
    )
    return report


# -- the command line -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks._workers")
    parser.add_argument("job", choices=["engine", "memory", "calendar"])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--reps", default="engine=5,networkx=3,schedule=3")
    parser.add_argument("--whatif", type=int, default=0, help="what-if repetitions (0: none)")
    parser.add_argument("--method", choices=["engine", "networkx", "numpy"], default="engine")
    parser.add_argument("--time-reps", type=int, default=0)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.job == "engine":
        reps = {k: int(v) for k, v in (item.split("=") for item in args.reps.split(","))}
        report = engine_job(args.tasks, reps, args.whatif)
    elif args.job == "memory":
        report = memory_job(args.tasks, args.method, args.time_reps)
    else:
        report = calendar_job(args.quick)
    data = report.to_json()
    data["package"] = package_name
    args.out.write_text(json.dumps(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
