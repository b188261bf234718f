"""The SQLite tracking store: the store contract every backend passes, and what is
SQLite's own (the file, its schema upgraded in place, the openers)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from urbangov.errors import PluginError, StoreError
from urbangov.plugins import Plugins
from urbangov.testing import StoreContract
from urbangov.tracking import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    SQLiteStore,
)
from urbangov.tracking._sqlite import MIGRATIONS

D = dt.date


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:
        (result,) = db.execute("PRAGMA integrity_check").fetchone()
    db.close()
    return str(result)


class TestSQLiteStore(StoreContract):
    writers, appends_per_writer = 8, 500  # the load: 8 writers on one file

    @pytest.fixture
    def location(self, tmp_path: Path) -> str:
        return str(tmp_path / "store.sqlite")

    def integrity_problems(self, location: str) -> list[str]:
        result = _integrity(Path(location))
        return [] if result == "ok" else [result]


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    path.write_text("not a database, just text " * 100, encoding="utf-8")
    with pytest.raises(StoreError, match=r"t\.sqlite"):
        SQLiteStore(path)


def test_plugins_open_sqlite_by_default(tmp_path: Path) -> None:
    plugins = Plugins(entry_points=False)
    for location in (
        str(tmp_path / "plain.sqlite"),
        f"sqlite:{tmp_path / 'prefixed.sqlite'}",
        f"sqlite://{tmp_path / 'url.sqlite'}",
    ):
        store = plugins.open_store(location)
        try:
            assert isinstance(store, SQLiteStore)
            store.append("p", updates=[ProgressUpdate("draft", D(2021, 4, 7))])
        finally:
            store.close()
    assert {p.name for p in tmp_path.glob("*.sqlite")} == {
        "plain.sqlite",
        "prefixed.sqlite",
        "url.sqlite",
    }
    with pytest.raises(PluginError, match="no tracking store backend 'postgresql'"):
        plugins.open_store("postgresql://host/db")


def _version_one_file(path: Path) -> None:
    """A store as urbangov 0.1 wrote it: schema 1 (user_version 0), no client keys."""
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0])
        request = ExtensionRequest("e1", "review", D(2021, 4, 12), D(2021, 4, 23))
        rows = [
            ("progress", ProgressUpdate("draft", D(2021, 4, 6), note="Đã trình").to_dict()),
            ("progress", ProgressUpdate("draft", D(2021, 4, 7), percent_complete=40).to_dict()),
            ("extension_request", request.to_dict()),
            ("extension_decision", ExtensionDecision("e1", D(2021, 4, 13), True).to_dict()),
        ]
        db.executemany(
            "INSERT INTO records (plan, kind, body, recorded_at) VALUES ('p', ?, ?, ?)",
            [
                (kind, json.dumps(record), "2021-04-07T08:00:00.000000+00:00")
                for kind, record in rows
            ],
        )
    db.close()


def test_a_store_of_the_previous_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _version_one_file(path)
    with SQLiteStore(path) as store:
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
        assert old[0].received_at == dt.datetime(2021, 4, 7, 8, tzinfo=dt.UTC)
        # The new columns were filled from the old records: reads by task and day work.
        assert store.log("p", tasks=["review"]).decisions == log.decisions
        assert store.log("p", as_of=D(2021, 4, 12)).decisions == ()
        assert store.log("p", as_of=D(2021, 4, 12)).requests == log.requests
        update = ProgressUpdate("draft", D(2021, 4, 8), percent_complete=50)
        assert store.append("p", updates=[update], client_key="k") == 1
        assert store.append("p", updates=[update], client_key="k") == 0
    assert _integrity(path) == "ok"
    with SQLiteStore(path) as store:  # opening again upgrades nothing twice
        assert len(store.log("p").updates) == 3


def test_a_store_of_a_newer_urbangov_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError, match="schema version 99, written by a newer urbangov"):
        SQLiteStore(path)


def test_a_stored_record_that_cannot_be_read_names_the_store(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO records (plan, kind, body, recorded_at, task, dated) "
            'VALUES (\'p\', \'progress\', \'{"task": "t", "reported_on": "2021-02-30"}\','
            " 'x', 't', '2021-02-30')"
        )
    db.close()
    with SQLiteStore(path) as store, pytest.raises(StoreError, match=r"t\.sqlite: a stored"):
        store.log("p")
