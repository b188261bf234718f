"""The urbangov-apprise plugin package installs, is found, and sends a digest through
apprise's ``json://`` service to a real HTTP server on loopback.

Installed into a folder of its own, as tests/test_plugin_xlsx.py installs its plugin.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.installed import install, pytest_in, run, urbangov
from tests.notify.sample import http_receiver

if importlib.util.find_spec("apprise") is None:
    pytest.skip(
        "apprise is not installed (pip install -e '.[test]' brings it)", allow_module_level=True
    )

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "plugins" / "urbangov-apprise"


def _plan(folder: Path, url: str) -> Path:
    (folder / "organisation.toml").write_text(
        f'[[people]]\nid = "nguoi-a"\nname = "Người A"\ncontacts = {{ apprise = "{url}" }}\n',
        encoding="utf-8",
    )
    plan = folder / "plan.toml"
    plan.write_text(
        '[plan]\nid = "p"\ntitle = "Kế hoạch"\nstart = 2021-06-01\nhierarchy = "hcmc"\n'
        'organisation = "organisation.toml"\n\n'
        '[[tasks]]\nid = "t1"\ntitle = "Rà soát"\nduration = 2\ndeadline = 2021-06-30\n'
        'accountable = "nguoi-a"\n',
        encoding="utf-8",
    )
    return plan


def test_install_list_send_and_self_test(tmp_path: Path) -> None:
    import sys

    env = install(PACKAGE, tmp_path / "site")
    listed = urbangov("plugins", env=env)
    assert "notifier:apprise" in listed

    with http_receiver() as (url, receiver):
        address = url.replace("http://", "json://")
        plan = _plan(tmp_path, address)
        args = ["notify", str(plan), "--as-of", "2021-07-01", "--channel", "apprise"]
        args += ["--ledger", str(tmp_path / "ledger.sqlite")]
        done = run(sys.executable, "-m", "urbangov", *args, env=env)
        assert "notify: apprise: đã gửi 1 bản tin" in done.stderr  # the plan's language
        again = run(sys.executable, "-m", "urbangov", *args, env=env)
        assert "apprise: sent" not in again.stderr  # once
    [body] = receiver.bodies()
    assert body["title"] == "[urbangov] p, số liệu đến ngày 01/07/2021: 1 quá hạn"
    assert "t1 Rà soát: quá hạn 1 ngày làm việc (hạn 30/06/2021)" in body["message"]
    assert body["type"] == "failure"

    tests = pytest_in(PACKAGE / "tests", env)
    assert " passed" in tests
    assert "failed" not in tests
