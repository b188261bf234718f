"""Where tracking records live: a small interface, and SQLite (one file) behind it.

The store only appends: progress, extension requests and decisions, withdrawals and
baselines are never updated in place, so a report for any past day can be rebuilt.
Another backend (PostgreSQL for many users, say) implements :class:`TrackingStore`
and registers an opener through the ``urbangov_register_stores`` hook.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final, Protocol, final, runtime_checkable

import attrs

from urbangov.errors import StoreError, TrackingError
from urbangov.tracking._baseline import Baseline
from urbangov.tracking._log import TrackingLog
from urbangov.tracking._records import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    Withdrawal,
)

__all__ = ["SQLiteStore", "StoreBackend", "TrackingStore", "import_records", "open_sqlite"]


@runtime_checkable
class TrackingStore(Protocol):
    """What urbangov needs from a place that keeps tracking records.

    ``append`` is all-or-nothing: after a crash either every record of a call is
    there or none is. Records come back in the order they were appended.
    """

    def append(
        self,
        plan_id: str,
        *,
        updates: Iterable[ProgressUpdate] = (),
        requests: Iterable[ExtensionRequest] = (),
        decisions: Iterable[ExtensionDecision] = (),
        withdrawals: Iterable[Withdrawal] = (),
    ) -> int:
        """Add records for plan ``plan_id``; returns how many were added."""
        ...

    def log(self, plan_id: str) -> TrackingLog:
        """Every record of ``plan_id`` in the order it was appended."""
        ...

    def save_baseline(self, plan_id: str, baseline: Baseline) -> None:
        """Keep ``baseline``; a name already used for the plan is refused."""
        ...

    def baselines(self, plan_id: str) -> list[Baseline]:
        """The plan's baselines, oldest first."""
        ...

    def close(self) -> None: ...


def import_records(
    store: TrackingStore,
    plan_id: str,
    records: TrackingLog,
    check: Callable[[TrackingLog, TrackingLog], None],
) -> int:
    """Add what ``records`` holds that ``store`` does not, after ``check(stored, new)``
    accepts the store's records and the new ones together; returns how many were added.

    A store with ``append_new(plan_id, records, check)`` (the built-in SQLite store
    has it) reads, checks and writes in one transaction, so parallel imports neither
    duplicate records nor slip past the checks. For a store without it, they are
    separate steps.
    """
    append_new = getattr(store, "append_new", None)
    if append_new is not None:
        added: int = append_new(plan_id, records, check)
        return added
    stored = store.log(plan_id)
    new = records.without(stored)
    check(stored, new)
    return store.append(
        plan_id,
        updates=new.updates,
        requests=new.requests,
        decisions=new.decisions,
        withdrawals=new.withdrawals,
    )


@final
@attrs.frozen
class StoreBackend:
    """A kind of tracking store a plugin provides: ``--store SCHEME://...`` opens it.

    ``open`` receives the whole location (``postgresql://host/db``) and returns a
    :class:`TrackingStore`; a plain path or ``sqlite:PATH`` opens the built-in
    SQLite store.
    """

    scheme: str
    open: Callable[[str], TrackingStore]
    description: str = ""


def open_sqlite(location: str) -> TrackingStore:
    """The built-in backend: ``sqlite:PATH``, ``sqlite://PATH`` or a plain path."""
    path = location.removeprefix("sqlite:").removeprefix("//")
    return SQLiteStore(path)


_KINDS: Final = {
    "progress": ProgressUpdate,
    "extension_request": ExtensionRequest,
    "extension_decision": ExtensionDecision,
    "withdrawal": Withdrawal,
}
_DATE_FIELDS: Final = frozenset(
    {
        "reported_on",
        "actual_start",
        "actual_finish",
        "requested_on",
        "new_deadline",
        "decided_on",
        "withdrawn_on",
    }
)
_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS records (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    plan TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_by_plan ON records (plan, seq);
CREATE TABLE IF NOT EXISTS baselines (
    plan TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (plan, name)
);
"""


@final
class SQLiteStore:
    """A :class:`TrackingStore` in one SQLite file.

    The file runs in WAL mode with full syncs: each ``append`` is one transaction, so
    concurrent writers queue for the lock (up to ``timeout`` seconds) instead of
    corrupting the file, and a crash loses nothing already committed.

    >>> store = SQLiteStore(":memory:")
    >>> store.append("p", updates=[ProgressUpdate("t1", dt.date(2021, 5, 3),
    ...     actual_start=dt.date(2021, 4, 12), percent_complete=40)])
    1
    >>> store.log("p").progress_on(dt.date(2021, 5, 31))["t1"].percent_complete
    40
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            # Switching a new file to WAL does not wait for the busy handler: writers
            # opening it at once get "database is locked" at once, so wait here.
            give_up = time.monotonic() + timeout
            while True:
                try:
                    self._db.execute("PRAGMA journal_mode=WAL")
                    break
                except sqlite3.OperationalError as exc:
                    busy = exc.sqlite_errorname.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
                    if not busy or time.monotonic() > give_up:
                        raise
                    time.sleep(0.01)
            self._db.execute("PRAGMA synchronous=FULL")
            with self._transaction() as db:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the tracking store: {exc}") from None

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: the tracking store is busy or locked: {exc}") from None
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

    def append(
        self,
        plan_id: str,
        *,
        updates: Iterable[ProgressUpdate] = (),
        requests: Iterable[ExtensionRequest] = (),
        decisions: Iterable[ExtensionDecision] = (),
        withdrawals: Iterable[Withdrawal] = (),
    ) -> int:
        added = TrackingLog(updates, requests, decisions, withdrawals)
        try:
            with self._transaction() as db:
                return self._insert(db, plan_id, added)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot write tracking records: {exc}") from None

    def append_new(
        self, plan_id: str, records: TrackingLog, check: Callable[[TrackingLog, TrackingLog], None]
    ) -> int:
        """Add the records of ``records`` the store does not hold yet, after
        ``check(stored, new)`` passes, in one write transaction: parallel imports of
        one file add it once, and two cannot both add a clashing record."""
        try:
            with self._transaction() as db:
                stored = self._read(db, plan_id)
                new = records.without(stored)
                check(stored, new)
                return self._insert(db, plan_id, new)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot write tracking records: {exc}") from None

    def _insert(self, db: sqlite3.Connection, plan_id: str, records: TrackingLog) -> int:
        now = _now()
        rows = [
            (plan_id, kind, json.dumps(record.to_dict(), ensure_ascii=False), now)
            for kind, kept in (
                ("progress", records.updates),
                ("extension_request", records.requests),
                ("extension_decision", records.decisions),
                ("withdrawal", records.withdrawals),
            )
            for record in kept
        ]
        db.executemany(
            "INSERT INTO records (plan, kind, body, recorded_at) VALUES (?, ?, ?, ?)", rows
        )
        return len(rows)

    def log(self, plan_id: str) -> TrackingLog:
        try:
            return self._read(self._db, plan_id)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read tracking records: {exc}") from None

    def _read(self, db: sqlite3.Connection, plan_id: str) -> TrackingLog:
        found: dict[str, list[Any]] = {kind: [] for kind in _KINDS}
        rows = db.execute(
            "SELECT kind, body FROM records WHERE plan = ? ORDER BY seq", (plan_id,)
        ).fetchall()
        for kind, body in rows:
            record_type = _KINDS.get(kind)
            if record_type is None:
                raise StoreError(f"{self.path}: unknown record kind {kind!r}")
            found[kind].append(record_type(**_dates(json.loads(body))))
        return TrackingLog(
            found["progress"],
            found["extension_request"],
            found["extension_decision"],
            found["withdrawal"],
        )

    def save_baseline(self, plan_id: str, baseline: Baseline) -> None:
        body = json.dumps(baseline.to_dict(), ensure_ascii=False)
        try:
            with self._transaction() as db:
                db.execute(
                    "INSERT INTO baselines (plan, name, body, recorded_at) VALUES (?, ?, ?, ?)",
                    (plan_id, baseline.name, body, _now()),
                )
        except sqlite3.IntegrityError:
            raise TrackingError(
                f"plan {plan_id!r} already has a baseline named {baseline.name!r} "
                "(baselines are kept as saved; choose another name)"
            ) from None
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot save the baseline: {exc}") from None

    def baselines(self, plan_id: str) -> list[Baseline]:
        try:
            rows = self._db.execute(
                "SELECT body FROM baselines WHERE plan = ? ORDER BY recorded_at, rowid",
                (plan_id,),
            ).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read baselines: {exc}") from None
        return [Baseline.from_dict(json.loads(body)) for (body,) in rows]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _dates(body: dict[str, Any]) -> dict[str, Any]:
    return {
        key: dt.date.fromisoformat(value) if key in _DATE_FIELDS and value is not None else value
        for key, value in body.items()
    }
