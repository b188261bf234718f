"""The urbangov-vn plugin package installs, gives `--hierarchy vn` to every command,
and passes its own tests (counts on each side of the 2025 reform, agreement with the
shipped HCMC data).

Installed into a folder of its own, as tests/test_plugin_xlsx.py installs its plugin.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.installed import install, pytest_in, urbangov

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "plugins" / "urbangov-vn"


def test_install_query_and_self_test(tmp_path: Path) -> None:
    env = install(PACKAGE, tmp_path / "site")
    assert "hierarchy:vn" in urbangov("plugins", env=env)
    args = ["units", "ha noi", "--hierarchy", "vn", "--as-of", "2025-07-15", "--kind", "ward"]
    found = json.loads(urbangov(*args, "--format", "json", env=env))
    assert found["root"]["id"] == "ha-noi"
    assert len(found["units"]) == 51  # Hà Nội's phường from 2025-07-01 (and 75 xã)
    before = subprocess.run(
        [sys.executable, "-m", "urbangov", "units", "ha noi", "--hierarchy", "vn",
         "--as-of", "2021-06-01"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert before.returncode == 2
    assert "the 'vn' data begin on 2025-01-01" in before.stderr

    # `units vn`: ROOT names the hierarchy; the country's 687 phường of 2025-07.
    country = json.loads(urbangov("units", "vn", "--as-of", "2025-07-15", "--kind", "ward",
                                  "--format", "json", env=env))  # fmt: skip
    assert (country["root"]["kind"], len(country["units"])) == ("country", 687)
    # The example of a province other than HCMC follows its communes across the reform.
    example = ROOT / "examples" / "da-nang-2025" / "plan.toml"
    carried = json.loads(urbangov("rehome", str(example), "--as-of", "2025-07-15",
                                  "--format", "json", env=env))  # fmt: skip
    assert (carried["moved_tasks"], carried["decisions"], carried["orphans"]) == (78, 0, [])
    progress = str(example.with_name("progress-2025-05-15.csv"))
    counted = [
        json.loads(urbangov("status", str(example), "--progress", progress, "--by", "unit",
                            *more, "--format", "json", env=env))["statistics"]
        for more in ([], ["--units-on", "2025-07-15"])
    ]  # fmt: skip
    assert counted[0]["overall"] == counted[1]["overall"]
    assert "da-nang/cam-le" in {row["key"] for row in counted[0]["rows"]}  # a district
    assert "da-nang/cam-le" not in {row["key"] for row in counted[1]["rows"]}

    tests = pytest_in(PACKAGE / "tests", env)
    assert " passed" in tests
    assert "failed" not in tests
