"""The PostgreSQL store passes the store contract, upgrades old databases in place, and
takes its password from the configuration without ever showing it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from urbangov_postgres import MIGRATIONS, PostgresStore, migrate, shown
from urbangov_postgres.testing import PASSWORD, Server

from urbangov.config import config_from_dict
from urbangov.errors import StoreError
from urbangov.plugins import Plugins
from urbangov.testing import StoreContract
from urbangov.tracking import ExtensionDecision, ExtensionRequest, ProgressUpdate

D = dt.date
ROOT = Path(__file__).resolve().parents[3]


class TestPostgresStore(StoreContract):
    writers, appends_per_writer = 32, 500  # the load: 32 writers x 500 appends

    @pytest.fixture
    def location(self, database: str) -> str:
        return database

    def integrity_problems(self, location: str) -> list[str]:
        """amcheck over every index of the store's tables (heap and index agree)."""
        with psycopg.connect(location, autocommit=True) as connection:
            connection.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
            indexes = connection.execute(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname LIKE 'urbangov_%'"
            ).fetchall()
            problems = []
            for (name,) in indexes:
                try:
                    connection.execute("SELECT bt_index_check(%s::regclass, true)", (name,))
                except psycopg.Error as exc:
                    problems.append(f"{name}: {exc}")
        return problems if indexes else ["no index checked"]


def _version_one(location: str) -> None:
    """A database as schema 1 left it, with records in it."""
    request = ExtensionRequest("e1", "review", D(2021, 4, 12), D(2021, 4, 23))
    rows = [
        ("progress", ProgressUpdate("draft", D(2021, 4, 6), note="Đã trình").to_dict()),
        ("progress", ProgressUpdate("draft", D(2021, 4, 7), percent_complete=40).to_dict()),
        ("extension_request", request.to_dict()),
        ("extension_decision", ExtensionDecision("e1", D(2021, 4, 13), True).to_dict()),
    ]
    with psycopg.connect(location, autocommit=True) as connection:
        assert migrate(connection, upto=1) == 0
        for kind, record in rows:
            connection.execute(
                "INSERT INTO urbangov_records (plan, kind, body) VALUES ('p', %s, %s::jsonb)",
                (kind, json.dumps(record)),
            )


def test_a_database_of_the_previous_schema_is_upgraded_in_place(database: str) -> None:
    _version_one(database)
    with PostgresStore(database) as store:
        assert store.upgraded_from == 1
        assert store.schema_version == len(MIGRATIONS) == 2
        log = store.log("p")
        assert [u.percent_complete for u in log.updates] == [None, 40]
        # Which fields each old report gives was filled in: the latest picture keeps
        # the note of the first report.
        latest = store.log("p", latest=True).progress_on(D(2021, 4, 30))
        assert latest == log.progress_on(D(2021, 4, 30))
        assert latest["draft"].note == "Đã trình"
        old = store.receipts("p")
        assert [(r.task, r.author) for r in old] == [("draft", None)] * 2 + [("review", None)] * 2
        # The new columns were filled from the old records: reads by task and day work.
        assert store.log("p", tasks=["review"]).decisions == log.decisions
        assert store.log("p", as_of=D(2021, 4, 12)).decisions == ()
        update = ProgressUpdate("draft", D(2021, 4, 8), percent_complete=50)
        assert store.append("p", updates=[update], client_key="k") == 1
        assert store.append("p", updates=[update], client_key="k") == 0
    with PostgresStore(database) as store:  # opening again upgrades nothing
        assert store.upgraded_from == 2
        assert len(store.log("p").updates) == 3


def test_a_database_of_a_newer_schema_is_refused(database: str) -> None:
    PostgresStore(database).close()
    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute("UPDATE urbangov_schema SET version = 99")
    with pytest.raises(
        StoreError, match=r"test_\w+\?host=.*: .*schema version 99, written by a newer"
    ):
        PostgresStore(database)


def test_the_password_comes_from_the_environment_and_is_never_shown(server: Server) -> None:
    location = server.tcp_location()
    config = config_from_dict(
        {"plugins": {"postgres": {"password": {"$env": "UG_PG_PASSWORD"}}}},
        environ={"UG_PG_PASSWORD": PASSWORD},
    )
    plugins = Plugins(config=config)
    store = plugins.open_store(location)
    try:
        assert store.append("p", updates=[ProgressUpdate("t", D(2021, 4, 7))]) == 1
    finally:
        store.close()

    wrong = config_from_dict(
        {"plugins": {"postgres": {"password": {"$env": "UG_PG_PASSWORD"}}}},
        environ={"UG_PG_PASSWORD": "not-" + PASSWORD},
    )
    with pytest.raises(StoreError, match="password authentication failed") as refused:
        Plugins(config=wrong).open_store(location)
    assert PASSWORD not in str(refused.value)

    inline = location.replace("urbangov@", f"urbangov:{'x' + PASSWORD}@")
    with pytest.raises(StoreError) as refused:
        Plugins().open_store(inline)
    assert PASSWORD not in str(refused.value)
    assert "urbangov:***@127.0.0.1" in str(refused.value)


def test_shown_masks_only_the_password() -> None:
    assert (
        shown("postgresql://u:s3cret@db.example:5432/x") == "postgresql://u:***@db.example:5432/x"
    )
    assert shown("postgresql://u@db/x?host=/run") == "postgresql://u@db/x?host=/run"
    assert shown("postgresql://u@db/x?password=s3cret&sslmode=require") == (
        "postgresql://u@db/x?password=***&sslmode=require"
    )
    assert shown("host=db user=u password='s3 cret' dbname=x") == (
        "host=db user=u password=*** dbname=x"
    )


def test_a_server_that_is_not_there_is_a_store_error(server: Server) -> None:
    gone = server.location("no_such_database")
    with pytest.raises(StoreError, match=r"no_such_database.*cannot open the tracking store"):
        PostgresStore(gone)


def _urbangov(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "urbangov", *args], capture_output=True, text=True, check=False
    )


def test_the_cli_imports_and_reports_from_postgresql(database: str, tmp_path: Path) -> None:
    example = ROOT / "examples" / "hcmc-2021"
    if not example.exists():
        pytest.skip("run from urbangov's repository: the HCMC example is not here")
    plan = tmp_path / "plan.toml"
    for path in example.iterdir():  # a copy: the import never writes beside the example
        if path.is_file():
            (tmp_path / path.name).write_bytes(path.read_bytes())
    progress = tmp_path / "progress-2021-06-14.csv"
    imported = _urbangov("progress", str(plan), "--import", str(progress), "--store", database)
    assert imported.returncode == 0, imported.stderr
    again = _urbangov("progress", str(plan), "--import", str(progress), "--store", database)
    assert again.returncode == 0, again.stderr
    from urbangov.io import load_plan, load_progress

    loaded = load_plan(plan)
    with PostgresStore(database) as store:
        stored = store.log(loaded.id)
    assert stored == load_progress(progress, loaded)  # once, not twice

    args = ["status", str(plan), "--as-of", "2021-06-14", "--format", "json"]
    from_postgres = _urbangov(*args, "--store", database)
    from_file = _urbangov(*args, "--progress", str(progress))
    assert from_postgres.returncode == 0, from_postgres.stderr
    assert json.loads(from_postgres.stdout) == json.loads(from_file.stdout)
