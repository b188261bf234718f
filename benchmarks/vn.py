"""The whole country (urbangov-vn): load + query, a national cascade, a plan carried across
the 2025 reform.

    .venv/bin/python -m benchmarks.vn [--quick] [--out FILE]

1. ``urbangov units vn --as-of 2025-07-15 --kind ward`` as a user runs it (the plugin
   pip-installed into a scratch folder, bytecode compiled once as an installed package
   has it), and the same load + query from Python, each in a fresh process; the baseline
   is the same process reading the same file with every check of an untrusted file (every
   unit built, parents, cycles and events checked), as version 0.1 of the plugin did.
2. One task cascaded to every commune of 2025-07-15 (3,321) and scheduled; the baseline
   schedules a plan of as many plain tasks.
3. 12 tasks cascaded to the 10,035 communes of 2025-03 (120,420 tasks of communes, plus
   the districts' and provinces' steps) carried to the units of 2025-07-15 by
   ``rehome``; the baseline is the cascade that made the plan.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

ROOT = Path(__file__).resolve().parent.parent
PLUGIN: Final = ROOT / "plugins" / "urbangov-vn"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(PLUGIN / "src") not in sys.path:
    sys.path.append(str(PLUGIN / "src"))  # the plugin from this checkout

from benchmarks._cli import _installed_env  # noqa: E402
from benchmarks._measure import Report, Row, Stats, timeit, worker_main  # noqa: E402

__all__ = ["main", "vn_job"]

LOAD_FLOOR, CASCADE_FLOOR, REHOME_FLOOR = 0.5, 1.0, 2.0  # seconds (issue 13)
AFTER, BEFORE = dt.date(2025, 7, 15), dt.date(2025, 3, 3)

_QUERY = """
import datetime as dt, sys
from urbangov.io import load_hierarchy
vn = load_hierarchy(sys.argv[1], trusted=sys.argv[2] == "trusted")
wards = vn.descendants(vn.find("ha noi", dt.date(2025, 7, 15)).id, dt.date(2025, 7, 15),
                       kind="ward")
assert len(wards) == 51, len(wards)
"""


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def _fresh(cmd: list[str], env: dict[str, str], reps: int) -> Stats:
    _wall(cmd, env)  # writes the bytecode, warms the file cache
    return Stats.of([_wall(cmd, env) for _ in range(reps)])


def _load_rows(report: Report, reps: int) -> None:
    data = PLUGIN / "src" / "urbangov_vn" / "data" / "hierarchy.json"
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "--target",
                str(site),
                str(PLUGIN),
            ],
            check=True,
            capture_output=True,
        )
        env = _installed_env(scratch)
        env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT / "src")])
        urbangov = [sys.executable, "-m", "urbangov"]
        cli = [*urbangov, "units", "vn", "--as-of", "2025-07-15", "--kind", "ward"]
        ours_cli = _fresh(cli, env, reps)
        api = [sys.executable, "-c", _QUERY, str(data)]
        checked = _fresh([*api, "checked"], env, reps)
        ours_api = _fresh([*api, "trusted"], env, reps)
    size = "10,800 units"
    report.rows.append(
        Row.timed(
            "14",
            "baseline: load checked (every unit built and checked) + query",
            size,
            checked,
            ratio=1.0,
            ratio_of="baseline",
            note="the whole fresh process, as the plugin's 0.1 loaded its data",
        )
    )
    for what, stats in (
        ("load_hierarchy(trusted) + find + descendants (fresh process)", ours_api),
        ("urbangov units vn --as-of 2025-07-15 --kind ward (fresh process)", ours_cli),
    ):
        report.rows.append(
            Row.timed(
                "14",
                what,
                size,
                stats,
                ratio=checked.median / stats.median,
                ratio_of="baseline / this",
                floor=f"< {LOAD_FLOOR} s",
                ok=stats.median < LOAD_FLOOR,
            )
        )


def _cascade_rows(report: Report, reps: int) -> None:
    from urbangov_vn import national_hierarchy

    from urbangov.assignment import expand_cascades
    from urbangov.plan import Cascade, Plan, Task
    from urbangov.scheduling import schedule

    vn = national_hierarchy()
    communes = ["ward", "commune", "special_zone"]
    one = Task("t", "Rà soát", 10, deadline=dt.date(2025, 9, 30),
               cascade=Cascade("vn", communes, report_days={"commune": 3}))  # fmt: skip
    plan = Plan("vn", "Cả nước", AFTER, tasks=[one])
    cascaded = timeit(lambda: schedule(expand_cascades(plan, vn)), reps)
    made = expand_cascades(plan, vn)
    leaves = sum(1 for t in made.tasks if t.duration == 10)  # the communes' own work
    plain = Plan("p", "P", AFTER, tasks=[Task(f"t{i}", "T", 10) for i in range(len(made.tasks))])
    baseline = timeit(lambda: schedule(plain), reps)
    size = f"{leaves:,} communes, {len(made.tasks):,} tasks"
    report.rows.append(
        Row.timed(
            "14",
            "baseline: schedule as many plain tasks",
            size,
            baseline,
            ratio=1.0,
            ratio_of="baseline",
        )
    )
    report.rows.append(
        Row.timed(
            "14",
            "cascade one task to every commune + schedule",
            size,
            cascaded,
            ratio=cascaded.median / baseline.median,
            ratio_of="this / baseline",
            floor=f"< {CASCADE_FLOOR} s",
            ok=cascaded.median < CASCADE_FLOOR,
        )
    )
    _rehome_rows(report, reps, vn)


def _rehome_rows(report: Report, reps: int, vn: object) -> None:
    from urbangov.assignment import expand_cascades, rehome
    from urbangov.hierarchy import Hierarchy
    from urbangov.plan import Cascade, Plan, Task

    assert isinstance(vn, Hierarchy)
    communes = Cascade("vn", ["ward", "commune", "township"], report_days={"commune": 3})
    tasks = [
        Task(f"t{i:02d}", f"Nhiệm vụ {i}", 5 + i, deadline=dt.date(2025, 6, 30), cascade=communes)
        for i in range(12)
    ]
    plan = Plan("vn-2025", "Kế hoạch 2025", BEFORE, tasks=tasks)
    made = timeit(lambda: expand_cascades(plan, vn), max(1, reps // 2))
    expanded = expand_cascades(plan, vn)

    def carry() -> None:  # what `urbangov rehome` prints first: the counts
        done = rehome(expanded, vn, AFTER)
        _ = (done.moved_tasks, done.decisions, done.orphans)

    carried = timeit(carry, reps)
    done = rehome(expanded, vn, AFTER)
    every = timeit(lambda: rehome(expanded, vn, AFTER).moves, max(1, reps // 2))
    size = f"12 x 10,035 communes, {len(expanded.tasks):,} tasks"
    report.rows.append(
        Row.timed(
            "14",
            "baseline: the cascade that made the plan",
            size,
            made,
            ratio=1.0,
            ratio_of="baseline",
        )
    )
    report.rows.append(
        Row.timed(
            "14",
            "rehome to the units of 2025-07-15",
            size,
            carried,
            ratio=carried.median / made.median,
            ratio_of="this / baseline",
            floor=f"< {REHOME_FLOOR} s",
            ok=carried.median < REHOME_FLOOR and not done.orphans,
            note=f"{done.moved_tasks:,} tasks moved, {len(done.decisions)} decisions, "
            f"{len(done.orphans)} orphans; with every one of the {len(done.moves):,} moves "
            f"made into a TaskMove (as --format json lists them): {every.median:.2f} s",
        )
    )


def vn_job(quick: bool) -> Report:
    report = Report()
    reps = 3 if quick else 7
    _load_rows(report, reps)
    _cascade_rows(report, reps)
    return report


def main(argv: list[str] | None = None) -> int:
    return worker_main(vn_job, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
