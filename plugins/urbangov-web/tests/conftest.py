"""The HCMC example served over a SQLite store, with two ward accounts and a reader."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from urbangov_web import Account, Accounts, create_app, hash_secret, load_site_files

from urbangov.tracking import SQLiteStore

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "hcmc-2021"
BEN_NGHE = "t09-bo-tri-cong-chuc/hcmc/quan-1/ben-nghe"
BEN_THANH = "t09-bo-tri-cong-chuc/hcmc/quan-1/ben-thanh"
PASSWORD = "mật khẩu thử"
TOKEN = "token-for-tests"


@pytest.fixture(scope="session")
def accounts() -> Accounts:
    password, token = hash_secret(PASSWORD), hash_secret(TOKEN)
    found = [
        Account("ben-nghe", "hcmc/quan-1/ben-nghe/people_committee", "UBND phường Bến Nghé",
                password, token),
        Account("ben-thanh", "hcmc/quan-1/ben-thanh/people_committee", "UBND phường Bến Thành",
                password, token),
    ]  # fmt: skip
    return Accounts({a.id: a for a in found})


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the HCMC example (the tests write a store beside it)."""
    if not EXAMPLE.exists():
        pytest.skip("run from urbangov's repository: the HCMC example is not here")
    for name in ("plan.toml", "organisation.toml"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    return tmp_path / "plan.toml"


@pytest.fixture
def store(example: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(example.with_name("plan.tracking.sqlite")) as opened:
        yield opened


@pytest.fixture
def client(example: Path, store: SQLiteStore, accounts: Accounts) -> Iterator[TestClient]:
    plan, organisation = load_site_files(example)
    app = create_app(plan, store, accounts, organisation=organisation, secret_key="test")
    with TestClient(app, base_url="http://127.0.0.1") as found:
        yield found
