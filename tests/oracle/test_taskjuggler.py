"""urbangov's dates equal TaskJuggler's (tj3) on plans both can express.

TaskJuggler is a different scheduler (it has no slack, no leads, no FF/SF links) but
its working-time arithmetic is independent of ours: on forward-only plans with FS and
SS links, lags and Vietnam's holidays (Tết included), both must give the same days.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks._tjp import plan_to_tjp, tj_id
from urbangov.calendar import WorkCalendar
from urbangov.plan import Dependency, Plan, Task
from urbangov.scheduling import schedule

if shutil.which("tj3") is None and os.environ.get("URBANGOV_REQUIRE_TOOLS"):
    raise RuntimeError("URBANGOV_REQUIRE_TOOLS is set but tj3 (TaskJuggler) is missing")

pytestmark = [
    pytest.mark.oracle,
    pytest.mark.skipif(
        shutil.which("tj3") is None, reason="needs TaskJuggler (apt-get install tj3)"
    ),
]


def _plan(seed: int) -> Plan:
    """FS and SS links with lags >= 0, across Tết 2021 or 2024, on Vietnam's calendar."""
    rng = random.Random(seed)
    start = rng.choice([dt.date(2021, 1, 18), dt.date(2024, 1, 22), dt.date(2021, 4, 12)])
    tasks = []
    for i in range(rng.randint(5, 25)):
        links = [
            Dependency(f"t{p}", rng.choice(["FS", "FS", "SS"]), rng.choice([0, 0, 1, 3]))
            for p in rng.sample(range(i), k=min(i, rng.choice([0, 1, 1, 2])))
        ]
        tasks.append(Task(f"t{i}", f"Task {i}", rng.randint(1, 12), depends=links))
    return Plan(f"tj{seed}", f"TaskJuggler check {seed}", start, tasks, WorkCalendar.vietnam())


def _tj3(plan: Plan, folder: Path) -> dict[str, tuple[str, str]]:
    (folder / "plan.tjp").write_text(plan_to_tjp(plan, "test"), encoding="utf-8")
    subprocess.run(
        ["tj3", "--silent", "--no-color", "-o", str(folder), str(folder / "plan.tjp")],
        check=True,
        capture_output=True,
    )
    (report,) = folder.glob("*.csv")
    with report.open(encoding="utf-8", newline="") as handle:
        return {
            row["Id"]: (row["Start"], row["End"]) for row in csv.DictReader(handle, delimiter=";")
        }


@pytest.mark.parametrize("seed", range(8))
def test_taskjuggler_gives_the_same_days(seed: int, tmp_path: Path) -> None:
    plan = _plan(seed)
    theirs = _tj3(plan, tmp_path)
    calendar = plan.calendar
    for task in schedule(plan):
        start, end = theirs[tj_id(task.id)]
        # TaskJuggler starts a successor at 17:00 of the day its predecessor ends; the
        # work begins on the next working day.
        tj_start = dt.date.fromisoformat(start[:10])
        if start.endswith("17:00"):
            tj_start = calendar.next_working_day(tj_start)
        assert (task.start, task.finish) == (tj_start, dt.date.fromisoformat(end[:10])), task.id
