"""``urbangov schedule`` as a user types it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.examples import HCMC_PLAN

ROOT = Path(__file__).resolve().parents[2]
HCMC = HCMC_PLAN


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "urbangov", *args], capture_output=True, text=True, check=False
    )


def test_the_hcmc_example_schedules_as_a_table() -> None:
    done = run("schedule", str(HCMC))
    assert done.returncode == 0, done.stderr
    assert "critical path:" in done.stdout
    assert "m12-van-hanh" in done.stdout
    assert "Mô hình chính quyền đô thị chính thức vận hành" in done.stdout


def test_json_is_the_machine_contract(tmp_path: Path) -> None:
    out = tmp_path / "schedule.json"
    done = run("schedule", str(HCMC), "--format", "json", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["plan"] == "hcmc-2021-chinh-quyen-do-thi"
    assert data["start"] == "2021-04-07"
    by_id = {t["id"]: t for t in data["tasks"]}
    assert by_id["m12-van-hanh"]["start"] == "2021-07-01"
    assert by_id["m12-van-hanh"]["critical"] is True
    assert set(by_id["t01-ban-chi-dao"]) >= {
        "start",
        "finish",
        "early_start",
        "early_finish",
        "late_start",
        "late_finish",
        "total_slack",
        "free_slack",
        "critical",
    }
    assert data["warnings"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[plan]\nid = "p"\ntitle = "P"\nstart = 2021-01-04\n[[tasks]]\nid = "a"\n'
            'title = "A"\nduration = 1\ndepnds = []\n',
            "tasks[0] (id 'a'): unknown key 'depnds'",
        ),
        (
            '[plan]\nid = "p"\ntitle = "P"\nstart = 2021-01-04\n'
            '[[tasks]]\nid = "a"\ntitle = "A"\nduration = 1\ndepends = ["b"]\n'
            '[[tasks]]\nid = "b"\ntitle = "B"\nduration = 1\ndepends = ["a"]\n',
            "dependency cycle: ",
        ),
        ("[plan\n", "invalid TOML"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: str, message: str) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(content, encoding="utf-8")
    done = run("schedule", str(plan))
    assert done.returncode == 2
    assert done.stdout == ""
    assert message in done.stderr
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["schedule", "no-such-plan.toml"], "no-such-plan.toml: no such file"),
        (["schedule", str(HCMC), "--format", "xml"], "Invalid value for '--format'"),
        (["schedule"], "Missing argument 'PLAN'"),
        (["scheduel", str(HCMC)], "No such command 'scheduel'"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stderr.count("\n") == 1


def test_unwritable_output(tmp_path: Path) -> None:
    done = run("schedule", str(HCMC), "-o", str(tmp_path / "missing-dir" / "out.txt"))
    assert done.returncode == 2
    assert "cannot write" in done.stderr
    assert "Traceback" not in done.stderr


def test_help_and_version() -> None:
    assert "schedule" in run("--help").stdout
    alone = run()
    assert alone.returncode == 0
    assert "Commands:" in alone.stdout
    assert run("--version").returncode == 0
