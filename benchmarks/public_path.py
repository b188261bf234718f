"""What a user's call costs: lists in, a finish and a critical path out.

    .venv/bin/python -m benchmarks.public_path [--quick] [--out FILE]

Section 1c times the whole public path from plain lists (the way a program that
generates or imports a plan holds it), not the engine alone, against two baselines
measured in the same run:

* ``networkx``: ``nx.DiGraph`` from the lists, topological sort, the two passes in
  Python (``_baseline.networkx_cpm``);
* ``pure Python``: the same method in 40 lines over the lists (``_baseline.python_cpm``).

Both ignore constraints and deadlines; urbangov applies them. The urbangov lines:

* ``Task objects``: lists -> one :class:`Task` per task -> :class:`Plan` ->
  ``schedule()`` -> ``.finish`` and ``.critical_path``;
* ``TaskTable``: lists -> :class:`TaskTable` (the columnar constructor, checked in
  bulk) -> :class:`Plan` -> ``schedule()`` -> ``.finish`` and ``.critical_path``;
* ``engine``: lists -> ``Network`` -> ``compute()`` (no dates, no checks).

The floor (issue 15): the public path at least 5x networkx and 1.5x the pure-Python
CPM at 100,000 tasks (and 1,000,000 in the full run), met by the ``TaskTable`` path.

Section 1d loads a 100,000-task plan file (JSON and TOML, written once, not timed) and
schedules it: ``load_plan(file)`` -> ``schedule()`` -> ``.finish``; the floor is 3 s.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._baseline import networkx_cpm, python_cpm  # noqa: E402
from benchmarks._measure import Report, Row, Stats, timeit, worker_main  # noqa: E402
from benchmarks._plans import (  # noqa: E402
    PlanLists,
    build_network,
    build_plan,
    build_table_plan,
    generate,
)
from urbangov.io import load_plan  # noqa: E402
from urbangov.plan import Plan  # noqa: E402
from urbangov.scheduling import _engine as engine  # noqa: E402
from urbangov.scheduling import schedule  # noqa: E402

__all__ = ["file_job", "main", "public_job", "public_path_job"]

NETWORKX_FLOOR = 5.0
PYTHON_FLOOR = 1.5
FILE_FLOOR = 3.0  # seconds


def _finish_and_path(plan: Plan) -> tuple[object, tuple[str, ...]]:
    result = schedule(plan)
    return result.finish, result.critical_path


def _size(n: int) -> str:
    return f"{n:,} tasks"


def public_job(n: int, reps: int) -> Report:
    """Section 1c at ``n`` tasks, each line the median of ``reps`` runs."""
    report = Report()
    small = generate(60)
    _finish_and_path(build_table_plan(small))  # imports and first calls, not timed
    _finish_and_path(build_plan(small))
    p = generate(n)
    size = _size(n)

    def ours(build: Callable[[PlanLists], Plan]) -> Callable[[], object]:
        return lambda: _finish_and_path(build(p))

    def timed(run: Callable[[], object]) -> Stats:
        gc.collect()
        return timeit(run, reps, warmup=0)

    table = timed(ours(build_table_plan))
    objects = timed(ours(build_plan))
    engine_only = timed(lambda: engine.compute(build_network(p)))
    plain = timed(lambda: python_cpm(p.dur, p.src, p.dst, p.kind, p.lag))
    graph = timed(lambda: networkx_cpm(p.dur, p.src, p.dst, p.kind, p.lag))
    report.rows.append(
        Row.timed(
            "1c",
            "networkx baseline (lists -> CPM)",
            size,
            graph,
            ratio=1.0,
            ratio_of="baseline",
            note="constraints and deadlines ignored",
        )
    )
    report.rows.append(
        Row.timed(
            "1c",
            "pure-Python CPM baseline (lists -> CPM)",
            size,
            plain,
            ratio=graph.median / plain.median,
            ratio_of="networkx / this",
        )
    )
    for what, stats, floor in (
        ("urbangov public path, TaskTable (lists -> finish, critical path)", table, True),
        ("urbangov public path, Task objects (lists -> finish, critical path)", objects, False),
        ("urbangov engine alone (lists -> Network + compute)", engine_only, False),
    ):
        vs_graph = graph.median / stats.median
        vs_plain = plain.median / stats.median
        ok = vs_graph >= NETWORKX_FLOOR and vs_plain >= PYTHON_FLOOR
        report.rows.append(
            Row.timed(
                "1c",
                what,
                size,
                stats,
                ratio=vs_graph,
                ratio_of="networkx / this",
                floor=f">= {NETWORKX_FLOOR:g}x nx, >= {PYTHON_FLOOR:g}x py" if floor else "",
                ok=ok if floor else None,
                note=f"{vs_plain:.2f}x the pure-Python CPM",
            )
        )
    return report


def _task_dict(plan: Plan, row: int) -> dict[str, object]:
    task = plan.tasks[row]
    out: dict[str, object] = {"id": task.id, "title": task.title, "duration": task.duration}
    if task.depends:
        out["depends"] = [
            d.task
            if (d.type.value, d.lag) == ("FS", 0)
            else {"task": d.task, "type": d.type.value, "lag": d.lag}
            for d in task.depends
        ]
    if task.constraint.value != "ASAP":
        out["constraint"] = task.constraint.value
    if task.constraint_date is not None:
        out["constraint_date"] = task.constraint_date
    if task.deadline is not None:
        out["deadline"] = task.deadline
    return out


def _toml_value(value: object) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()  # a TOML date
    return str(value)


def write_plan_files(plan: Plan, folder: Path) -> dict[str, Path]:
    """The plan as a JSON and a TOML plan file (test data, written once)."""
    tasks = [_task_dict(plan, row) for row in range(len(plan.tasks))]
    header = {"id": plan.id, "title": plan.title, "start": plan.start}
    as_json = {
        "plan": {**header, "start": plan.start.isoformat()},
        "tasks": [
            {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in t.items()} for t in tasks
        ],
    }
    json_path = folder / "plan.json"
    json_path.write_text(json.dumps(as_json, ensure_ascii=False), encoding="utf-8")
    lines = ["[plan]", *(f"{k} = {_toml_value(v)}" for k, v in header.items())]
    for task in tasks:
        lines += ["", "[[tasks]]", *(f"{k} = {_toml_value(v)}" for k, v in task.items())]
    toml_path = folder / "plan.toml"
    toml_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"json": json_path, "toml": toml_path}


def file_job(n: int, reps: int) -> Report:
    """Section 1d: a plan file of ``n`` tasks, read and scheduled."""
    report = Report()
    plan = build_table_plan(generate(n))
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "warm-up").mkdir()
        files = write_plan_files(plan, Path(scratch))
        small = write_plan_files(build_table_plan(generate(60)), Path(scratch) / "warm-up")
        for path in small.values():  # imports and first calls, not timed
            schedule(load_plan(path)).finish  # noqa: B018
        expected = schedule(plan).finish
        for fmt, path in files.items():
            megabytes = path.stat().st_size / 2**20

            def run(path: Path = path) -> object:
                return schedule(load_plan(path)).finish

            assert run() == expected
            stats = timeit(run, reps, warmup=0)
            report.rows.append(
                Row.timed(
                    "1d",
                    f"load_plan({fmt}) + schedule() + .finish",
                    f"{_size(n)}, {megabytes:.0f} MB",
                    stats,
                    floor=f"< {FILE_FLOOR:g} s",
                    ok=stats.median < FILE_FLOOR,
                )
            )
    return report


def public_path_job(quick: bool) -> Report:
    """Sections 1c and 1d (1,000,000 tasks only in the full run)."""
    report = public_job(100_000, 3 if quick else 5)
    if not quick:
        report.extend(public_job(1_000_000, 1))
    report.extend(file_job(100_000, 1 if quick else 3))
    return report


def main(argv: list[str] | None = None) -> int:
    return worker_main(public_path_job, __doc__.split("\n\n")[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
