"""Measurement 4: wall time of ``urbangov schedule PLAN`` against TaskJuggler's ``tj3``.

Both commands are started as separate processes, so each time includes the
interpreter's start-up and imports (Python for urbangov, Ruby for tj3), reading the
plan, scheduling and writing the result (urbangov: the table to stdout; tj3: a CSV
task report into a scratch folder). Runs alternate between the two tools.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

from benchmarks._measure import Report, Row, Stats
from benchmarks._tjp import DATA, tj_id

__all__ = ["cli_job"]

ROOT: Final = Path(__file__).resolve().parent.parent
PLAN: Final = DATA / "plan20.toml"
#: Issue 15: the command line on the 20-task plan in at most half of tj3's wall time.
TJ3_FLOOR: Final = 0.5
TJP: Final = DATA / "plan20.tjp"


def _urbangov() -> list[str]:
    """The console script in the project's venv (or next to this interpreter)."""
    for candidate in (
        ROOT / ".venv" / "bin" / "urbangov",
        Path(sys.executable).with_name("urbangov"),
    ):
        if candidate.is_file():
            return [str(candidate)]
    return [sys.executable, "-m", "urbangov"]


def _installed_env(scratch: str) -> dict[str, str]:
    """The environment of an installed urbangov: ``pip install`` compiles a package's
    bytecode, so its modules are not compiled again on every start. An editable
    checkout under ``PYTHONDONTWRITEBYTECODE`` (as on some CI machines) would pay
    for compiling every module each run; here the bytecode goes to a scratch folder
    on the warm-up run and is read from there afterwards."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
    return env


def _wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=env
    )
    seconds = time.perf_counter() - start
    if done.returncode:
        message = done.stderr.decode(errors="replace").strip().splitlines()[-1:]
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {' '.join(message)}")
    return seconds


def _finishes_agree(urbangov: list[str], tj3: str, scratch: str) -> str:
    """Compare the finish dates both tools give each task."""
    out = subprocess.run(
        [*urbangov, "schedule", "--format", "json", str(PLAN)],
        capture_output=True,
        check=True,
    )
    ours = {tj_id(t["id"]): t["finish"] for t in json.loads(out.stdout)["tasks"]}
    reports = list(Path(scratch).glob("*.csv"))
    if not reports:
        return "tj3 wrote no CSV report"
    with reports[0].open(encoding="utf-8", newline="") as handle:
        theirs = {row["Id"]: row["End"][:10] for row in csv.DictReader(handle, delimiter=";")}
    same = sum(1 for key, value in ours.items() if theirs.get(key) == value)
    differ = sorted(key for key, value in ours.items() if theirs.get(key) != value)
    text = f"finish dates agree for {same}/{len(ours)} tasks"
    return text + (f" (differ: {', '.join(differ)})" if differ else "")


def cli_job(reps: int) -> Report:
    report = Report()
    size = "20 tasks"
    urbangov = [*_urbangov(), "schedule", str(PLAN)]
    tj3 = shutil.which("tj3") or ("/usr/bin/tj3" if Path("/usr/bin/tj3").is_file() else None)
    python_start = Stats.of([_wall([sys.executable, "-c", "pass"]) for _ in range(5)])
    with tempfile.TemporaryDirectory() as scratch:
        env = _installed_env(scratch)
        if tj3 is None:
            ours = Stats.of([_wall(urbangov, env) for _ in range(reps + 1)][1:])
            report.rows.append(Row.timed("4", "urbangov schedule plan20.toml", size, ours))
            report.rows.append(
                Row("4", "tj3 plan20.tjp (TaskJuggler)", size, note="skipped: tj3 not found")
            )
            return report
        theirs_cmd = [tj3, "--silent", "--no-color", "-o", scratch, str(TJP)]
        _wall(urbangov, env)  # warm the file cache for both, and write the bytecode
        _wall(theirs_cmd)
        ours_times: list[float] = []
        theirs_times: list[float] = []
        for _ in range(reps):
            ours_times.append(_wall(urbangov, env))
            theirs_times.append(_wall(theirs_cmd))
        agree = _finishes_agree(_urbangov(), tj3, scratch)
    ours, theirs = Stats.of(ours_times), Stats.of(theirs_times)
    report.rows.append(
        Row.timed(
            "4",
            "tj3 --silent --no-color -o TMP plan20.tjp",
            size,
            theirs,
            ratio=1.0,
            ratio_of="baseline",
            note="TaskJuggler 3 (Ruby), CSV task report",
        )
    )
    report.rows.append(
        Row.timed(
            "4",
            "urbangov schedule plan20.toml",
            size,
            ours,
            ratio=ours.median / theirs.median,
            ratio_of="this / tj3 (lower is faster)",
            floor=f"<= {TJ3_FLOOR:g}x",
            ok=ours.median / theirs.median <= TJ3_FLOOR,
            note=(
                f"{agree}; bare `python -c pass` takes {python_start.median * 1000:.0f} ms; "
                "bytecode compiled once, as an installed package has it"
            ),
        )
    )
    return report
