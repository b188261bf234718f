"""Tracking stores: a national cascade's records, written and read back for a status.

    .venv/bin/python -m benchmarks.store [--quick] [--out FILE]

The plan: 12 tasks handed down to 3,321 communes (39,852 tasks), each reporting
monthly for 36 months (1,434,672 progress records; ``--quick``: 12 months, 478,224).
Measured on the built-in SQLite store and on PostgreSQL (a throwaway local server,
``urbangov_postgres.testing``; skipped without the plugin or the server), the path a
user takes through the public API:

- writing the records with ``store.append`` in calls of one commune's records;
- the status as of the last month: ``store.log(plan, as_of=, latest=True)`` (each
  task's latest picture, not its history) then ``status_report(plan, log, as_of)``;
  the floor is "seconds, not minutes" (10 s);
- the whole history read and folded (``store.log(plan, as_of=)``), for comparison;
- one province's picture (a subtree, 1/34 of the communes): ``store.log(plan,
  tasks=..., latest=True)`` (the reads filter in the database).

SQLite is the baseline: the ratio is SQLite's time over the store's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._measure import Report, Row, timeit, worker_main  # noqa: E402
from urbangov.plan import Plan, Task  # noqa: E402
from urbangov.tracking import (  # noqa: E402
    ProgressUpdate,
    SQLiteStore,
    TrackingStore,
    status_report,
)

__all__ = ["main", "store_job"]

COMMUNES = 3_321
TASKS = 12
PROVINCES = 34
STATUS_SECONDS = 10.0


def store_job(quick: bool) -> Report:
    report = Report()
    months = 12 if quick else 36
    plan = _plan()
    calls = list(_calls(plan, months))
    records = sum(len(updates) for updates in calls)
    size = f"{records:,} records"
    province = {task.id for task in plan.tasks if int(task.id[1:5]) % PROVINCES == 0}
    as_of = _month(months - 1)
    report.notes.append(
        f"store: {TASKS} tasks x {COMMUNES:,} communes = {len(plan.tasks):,} tasks, "
        f"{months} monthly reports each; a province is {len(province):,} tasks"
    )
    with tempfile.TemporaryDirectory() as folder:
        stores: list[tuple[str, Callable[[], TrackingStore]]] = [
            ("SQLite", lambda: SQLiteStore(Path(folder) / "store.sqlite"))
        ]
        with _postgres(report) as location:
            if location is not None:
                from urbangov_postgres import PostgresStore

                stores.append(("PostgreSQL", lambda: PostgresStore(location)))
            baseline: dict[str, float] = {}
            for name, opener in stores:
                _measure(report, name, opener, plan, calls, size, province, as_of, baseline)
    return report


def _measure(
    report: Report,
    name: str,
    opener: Callable[[], TrackingStore],
    plan: Plan,
    calls: list[list[ProgressUpdate]],
    size: str,
    province: set[str],
    as_of: dt.date,
    baseline: dict[str, float],
) -> None:
    store = opener()
    start = time.perf_counter()
    for updates in calls:
        store.append(plan.id, updates=updates)
    wrote = time.perf_counter() - start
    report.rows.append(Row("12", f"{name}: append, a commune a call", size, wrote, reps=1))

    def status() -> None:
        status_report(plan, store.log(plan.id, as_of=as_of, latest=True), as_of)

    def history() -> None:
        store.log(plan.id, as_of=as_of).progress_on(as_of)

    def subtree() -> None:
        store.log(plan.id, as_of=as_of, tasks=province, latest=True).progress_on(as_of)

    for what, job, floor in (
        ("status: log(as_of=, latest=True) + status_report", status, STATUS_SECONDS),
        ("the whole history: log(as_of=) + progress_on", history, None),
        ("one province: log(tasks=, latest=True) + progress_on", subtree, None),
    ):
        stats = timeit(job, 3, warmup=1)
        first = baseline.setdefault(what, stats.median)
        report.rows.append(
            Row.timed(
                "12",
                f"{name}: {what}",
                size,
                stats,
                ratio=first / stats.median,
                ratio_of="SQLite / this",
                floor="" if floor is None else f"< {floor:g} s",
                ok=None if floor is None else stats.median < floor,
            )
        )
    store.close()


def _plan() -> Plan:
    tasks = [
        Task(f"c{commune:04d}-t{task:02d}", f"Nhiệm vụ {task} của xã {commune}", 250)
        for commune in range(COMMUNES)
        for task in range(TASKS)
    ]
    return Plan("national", "Kế hoạch toàn quốc", dt.date(2022, 1, 3), tasks=tasks)


def _month(n: int) -> dt.date:
    return dt.date(2022 + n // 12, n % 12 + 1, 10)


def _calls(plan: Plan, months: int) -> Iterator[list[ProgressUpdate]]:
    ids = [task.id for task in plan.tasks]
    for commune in range(COMMUNES):
        mine = ids[commune * TASKS : (commune + 1) * TASKS]
        call = []
        for month in range(months):
            day = _month(month)
            for task in mine:
                last = month == months - 1 and commune % 2 == 0
                call.append(
                    ProgressUpdate(
                        task,
                        day,
                        actual_start=_month(0) if month == 0 else None,
                        actual_finish=day if last else None,
                        percent_complete=100 if last else min(97, 3 * (month + 1)),
                        reported_by="UBND xã",
                    )
                )
        yield call


@contextlib.contextmanager
def _postgres(report: Report) -> Iterator[str | None]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        report.notes.append("store: PostgreSQL skipped (pip install -e '.[test]' brings psycopg)")
        yield None
        return
    # The plugin from this checkout when it is not installed.
    sys.path.append(str(ROOT / "plugins" / "urbangov-postgres" / "src"))
    from urbangov_postgres.testing import server_tools, throwaway_server

    if server_tools() is None:
        report.notes.append("store: PostgreSQL skipped (no initdb/pg_ctl on this machine)")
        yield None
        return
    with throwaway_server() as server:
        yield server.create_database("bench")


def main(argv: list[str] | None = None) -> int:
    return worker_main(store_job, __doc__ or "", argv)


if __name__ == "__main__":
    raise SystemExit(main())
