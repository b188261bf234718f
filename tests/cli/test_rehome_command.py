"""``urbangov rehome`` and ``urbangov status --units-on`` as a user types them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Done
from tests.examples import HCMC_DIR, HCMC_PLAN

Run = Callable[..., Done]


def test_the_moves_of_the_hcmc_plan_in_vietnamese(urbangov: Run) -> None:
    done = urbangov("rehome", HCMC_PLAN, "--as-of", "2025-07-15")
    assert done.code == 0, done.err
    head = done.out.splitlines()[0]
    assert "theo các đơn vị hành chính ngày 15/07/2025" in head
    assert "0 chỗ cần người quyết định, 0 nhiệm vụ không có đơn vị kế thừa" in head
    row = next(line for line in done.out.splitlines() if "(hcmc/quan-1/cau-kho)" in line)
    assert "Phường Cầu Ông Lãnh (hcmc/quan-1/nguyen-cu-trinh)" in row
    assert "sáp nhập nguyên trạng" in row


def test_json_lists_every_move_in_english_terms(urbangov: Run) -> None:
    done = urbangov("rehome", HCMC_PLAN, "--as-of", "2025-07-15", "--format", "json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert data["orphans"] == []
    assert data["decisions"] == 0
    assert data["moved_tasks"] > 150
    move = next(m for m in data["moves"] if m["old"] == "hcmc/quan-1/cau-kho")
    assert move["new"] == "hcmc/quan-1/nguyen-cu-trinh"
    assert move["succession"]["kind"] == "merged"


def test_before_any_reform_nothing_moves(urbangov: Run) -> None:
    done = urbangov("rehome", HCMC_PLAN, "--as-of", "2021-07-15", "--lang", "en")
    assert done.code == 0, done.err
    assert "No unit of the plan changed before 2021-07-15." in done.out


def test_a_plan_without_a_hierarchy_is_told_where(urbangov: Run, tmp_path: Path) -> None:
    plan = tmp_path / "p.toml"
    plan.write_text('[plan]\nid = "p"\ntitle = "P"\nstart = 2025-01-06\n', encoding="utf-8")
    done = urbangov("rehome", plan, "--as-of", "2025-07-15")
    assert done.code == 2
    assert "p.toml" in done.err
    assert "plan.hierarchy" in done.err
    assert "Traceback" not in done.err


def test_status_counts_the_same_records_on_the_new_units(urbangov: Run) -> None:
    progress = HCMC_DIR / "progress-2021-06-14.csv"
    args = ["status", HCMC_PLAN, "--progress", progress, "--by", "unit", "--format", "json"]
    old = json.loads(urbangov(*args).out)["statistics"]
    done = urbangov(*args, "--units-on", "2025-07-15")
    assert done.code == 0, done.err
    new = json.loads(done.out)["statistics"]
    assert new["units_on"] == "2025-07-15"
    assert old["units_on"] is None
    assert new["overall"] == old["overall"]
    keys = {row["key"] for row in new["rows"]}
    assert "hcmc/quan-1/nguyen-cu-trinh" in keys
    assert "hcmc/quan-1/cau-kho" not in keys
    assert "hcmc/quan-1/cau-kho" in {row["key"] for row in old["rows"]}
