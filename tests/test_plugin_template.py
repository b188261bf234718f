"""The plugin template generates a package that installs and runs like a built-in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "plugins" / "urbangov-plugin-template"


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(list(args), capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done


def test_generate_install_and_run(tmp_path: Path) -> None:
    package = tmp_path / "urbangov-markdown"
    _run(sys.executable, str(TEMPLATE / "generate.py"), "markdown", str(package))
    site = tmp_path / "site"
    # Into a folder of its own: the test must not change the environment it runs in.
    _run(
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--target",
        str(site),
        str(package),
    )
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(site), *sys.path])}

    listed = _run(sys.executable, "-m", "urbangov", "plugins", env=env).stdout
    assert "markdown" in listed
    assert "urbangov_register_reporters" in listed

    plan = ROOT / "examples" / "hcmc-2021" / "plan.toml"
    table = _run(
        sys.executable,
        "-m",
        "urbangov",
        "report",
        str(plan),
        "-f",
        "markdown",
        "--lang",
        "en",
        env=env,
    ).stdout
    assert table.startswith("| Id | Task | Start | Finish | Slack |")
    assert "| m12-van-hanh | **Mô hình chính quyền đô thị chính thức vận hành** |" in table

    tests = _run(
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        str(package / "tests"),
        env=env,
    )
    assert "2 passed" in tests.stdout
