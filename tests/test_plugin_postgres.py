"""The urbangov-postgres plugin package installs, is found, and passes its own tests
(the store contract against a throwaway PostgreSQL server, schema upgrades, the CLI).

Installed into a folder of its own, as tests/test_plugin_xlsx.py installs its plugin.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from tests.installed import install, pytest_in, urbangov

if importlib.util.find_spec("psycopg") is None:
    pytest.skip(
        "psycopg is not installed (pip install -e '.[test]' brings it)", allow_module_level=True
    )

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "urbangov-postgres"


def test_install_list_and_self_test(tmp_path: Path) -> None:
    env = install(PACKAGE, tmp_path / "site")
    listed = urbangov("plugins", env=env)
    assert "store:postgresql" in listed

    tests = pytest_in(PACKAGE / "tests", env)
    assert " passed" in tests
    assert "failed" not in tests
    if os.environ.get("URBANGOV_REQUIRE_TOOLS") == "1":
        assert "skipped" not in tests, tests  # CI has a server: nothing may skip
