"""``urbangov schedule`` as a user types it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
    assert "đường găng: m00-hoi-nghi" in done.stdout  # the plan's language
    assert "m12-van-hanh" in done.stdout
    assert "Mô hình chính quyền đô thị chính thức vận hành" in done.stdout
    assert "01/07/2021" in done.stdout
    english = run("schedule", str(HCMC), "--lang", "en").stdout
    assert "critical path: m00-hoi-nghi" in english
    assert "2021-07-01" in english


def test_a_cascade_is_one_row_until_expanded() -> None:
    folded = run("schedule", str(HCMC), "--lang", "en").stdout.splitlines()
    assert not any(line.startswith("t09-bo-tri-cong-chuc/") for line in folded)
    (summary,) = [line for line in folded if line.startswith("  ↳ 266")]
    assert "handed down to 266 units" in summary
    expanded = run("schedule", str(HCMC), "--expand").stdout.splitlines()
    assert sum(line.startswith("t09-bo-tri-cong-chuc/") for line in expanded) == 266
    assert len(expanded) == len(folded) + 266 - 1


def test_groups_are_rows_with_what_is_under_them_indented(tmp_path: Path) -> None:
    plan = tmp_path / "groups.toml"
    plan.write_text(
        """
[plan]
id = "g"
title = "Nhóm"
start = 2021-01-04
[[groups]]
id = "I"
title = "Tổ chức bộ máy"
[[tasks]]
id = "c"
title = "Cuối"
duration = 1
depends = ["a"]
[[tasks]]
id = "a"
title = "Đầu"
duration = 3
part_of = "I"
""",
        encoding="utf-8",
    )
    done = run("schedule", str(plan), "--lang", "en")
    assert done.returncode == 0, done.stderr
    # In outline order: "c" comes first in the plan, then the group with "a" under it.
    lines = [line.split() for line in done.stdout.splitlines()[5:8]]
    assert lines == [
        ["c", "Cuối", "1", "2021-01-07", "2021-01-07", "0", "0", "*"],
        ["I", "[Tổ", "chức", "bộ", "máy]", "2021-01-04", "2021-01-06"],
        ["a", "Đầu", "3", "2021-01-04", "2021-01-06", "0", "0", "*"],
    ]
    assert done.stdout.splitlines()[7].startswith("a     Đầu")  # indented under I


def test_the_table_fits_the_terminal_width() -> None:
    """In a real terminal (a pseudo-terminal of 100 columns), titles are clipped."""
    import os
    import pty

    env = {**os.environ, "COLUMNS": "100"}
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "urbangov", "schedule", str(HCMC)],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    table = shown.split("\n\n")[1].splitlines()
    assert max(len(line) for line in table) <= 100
    assert any("…" in line for line in table)
    wide = run("schedule", str(HCMC)).stdout.split("\n\n")[1].splitlines()
    assert max(len(line) for line in wide) > 100  # a pipe or a file gets every character
