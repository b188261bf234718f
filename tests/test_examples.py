"""The examples run and say what the README and docs promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "hcmc-2021"


def test_the_hierarchy_example_answers_the_seed_questions() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "hierarchy.py")], capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "On 2021-07-01, 265 units of HCMC had no People's Council: "
        "{'urban_district': 16, 'ward': 249}"
    )
    assert "Phường Thảo Điền: 2021-01-01 reparent → Thành phố Thủ Đức (hcmc/thu-duc)" in done.stdout


def test_the_hierarchy_example_says_who_answered_for_thao_dien() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "hierarchy.py")], capture_output=True, text=True, check=True
    )
    assert (
        "On 2021-07-01, Chủ tịch Ủy ban nhân dân phường Thảo Điền answered for "
        "Phường Thảo Điền: Người giữ chức A (minh hoạ)"
    ) in done.stdout
    chain = done.stdout.split("Escalation chain:\n")[1].splitlines()[:3]
    assert [line.split(":")[0].strip() for line in chain] == [
        "Phường Thảo Điền",
        "Thành phố Thủ Đức",
        "Thành phố Hồ Chí Minh",
    ]
    assert "tu-phap-ho-tich (thao-dien-chung-thuc)" in done.stdout
