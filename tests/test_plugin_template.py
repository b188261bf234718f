"""The plugin template generates a package that installs and runs like a built-in."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.examples import HCMC_PLAN
from tests.installed import install, pytest_in, run, urbangov

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "plugins" / "urbangov-plugin-template"


def test_generate_install_and_run(tmp_path: Path) -> None:
    package = tmp_path / "urbangov-markdown"
    run(sys.executable, str(TEMPLATE / "generate.py"), "markdown", str(package))
    env = install(package, tmp_path / "site")

    listed = urbangov("plugins", env=env)
    assert "markdown" in listed
    assert "urbangov_register_reporters" in listed

    plan = HCMC_PLAN
    table = urbangov("report", str(plan), "-f", "markdown", "--lang", "en", env=env)
    assert table.startswith("| Id | Task | Start | Finish | Slack |")
    assert "| m12-van-hanh | **Mô hình chính quyền đô thị chính thức vận hành** |" in table

    assert "2 passed" in pytest_in(package / "tests", env)
