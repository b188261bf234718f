"""The urbangov-web plugin package installs, adds `urbangov serve` and `web-hash`,
serves the HCMC example from a real process, and passes its own tests (the app through
an HTTP client, and a real headless Chromium through Selenium).

Installed into a folder of its own, as tests/test_plugin_xlsx.py installs its plugin.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.examples import HCMC_DIR
from tests.installed import install, pytest_in, urbangov
from tests.loopback import free_port

if importlib.util.find_spec("starlette") is None:
    pytest.skip(
        "starlette is not installed (pip install -e '.[test]' brings it)", allow_module_level=True
    )

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "urbangov-web"


def test_install_serve_and_self_test(tmp_path: Path) -> None:
    env = install(PACKAGE, tmp_path / "site")
    assert "web-hash" in urbangov("--help", env=env)
    hashed = urbangov("web-hash", "--secret", "mật khẩu", env=env).strip()
    assert hashed.startswith("$argon2id$")

    for name in ("plan.toml", "organisation.toml"):
        shutil.copy(HCMC_DIR / name, tmp_path / name)
    accounts = tmp_path / "accounts.toml"
    accounts.write_text(
        f'[[accounts]]\nid = "ben-nghe"\nacts_as = "hcmc/quan-1/ben-nghe/people_committee"\n'
        f'password_hash = "{hashed}"\n',
        encoding="utf-8",
    )
    port = free_port()
    args = ["serve", str(tmp_path / "plan.toml"), "--accounts", str(accounts)]
    with subprocess.Popen(
        [sys.executable, "-m", "urbangov", *args, "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as server:
        try:
            page = ""
            give_up = time.monotonic() + 60
            while not page:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < give_up, "the server did not answer"
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/login") as answer:
                        page = answer.read().decode()
                except OSError:
                    time.sleep(0.1)
            assert "Đăng nhập" in page  # the plan's language
            taken = subprocess.run(
                [sys.executable, "-m", "urbangov", *args, "--port", str(port)],
                env=env, capture_output=True, text=True, check=False, timeout=60,
            )  # fmt: skip
            assert taken.returncode == 2  # the port is in use: one line, nothing served
            assert taken.stderr.startswith("error: Invalid value for '--port': cannot listen on")
            assert taken.stderr.count("\n") == 1
        finally:
            server.terminate()
            server.communicate(timeout=20)

    bad = tmp_path / "bad.toml"
    bad.write_text('[[accounts]]\nid = "x"\nacts_as = "y"\npassword_hash = "plain"\n')
    refused = subprocess.run(
        [sys.executable, "-m", "urbangov", "serve", str(tmp_path / "plan.toml"),
         "--accounts", str(bad)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "bad.toml: accounts[0]: 'password_hash' must be an argon2 hash" in refused.stderr

    tests = pytest_in(PACKAGE / "tests", env)
    assert " passed" in tests
    assert "failed" not in tests
    if os.environ.get("URBANGOV_REQUIRE_TOOLS") == "1":
        assert "skipped" not in tests, tests  # CI has Chromium and its driver
