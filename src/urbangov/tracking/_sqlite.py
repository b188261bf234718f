"""The built-in tracking store: one SQLite file, its schema upgraded in place."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, final

from urbangov.errors import StoreError, TrackingError
from urbangov.plan import nfc
from urbangov.tracking._baseline import Baseline
from urbangov.tracking._log import TrackingLog
from urbangov.tracking._records import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    Withdrawal,
)
from urbangov.tracking._rows import (
    Receipt,
    StoredRecord,
    check_retry,
    latest_records,
    log_of_rows,
    stored_records,
    submission_digest,
)
from urbangov.tracking._store import TrackingStore

__all__ = ["MIGRATIONS", "SQLiteStore", "open_sqlite"]

#: The schema, one script per version (``PRAGMA user_version`` says which ran). A
#: file is upgraded in place when opened; a script never changes once released.
MIGRATIONS: Final = (
    # 1: urbangov 0.1. A file of 0.1 has these tables and user_version 0.
    """
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
    """,
    # 2: each record's task and day as columns (reads for some tasks or up to a day),
    # a request's id, which fields a progress report gives (reads of the latest
    # picture), who wrote it, and the client keys of submissions (a retry is stored
    # once).
    """
    ALTER TABLE records ADD COLUMN task TEXT;
    ALTER TABLE records ADD COLUMN dated TEXT;
    ALTER TABLE records ADD COLUMN key TEXT;
    ALTER TABLE records ADD COLUMN fields INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE records ADD COLUMN author TEXT;
    UPDATE records SET
        fields = CASE kind WHEN 'progress' THEN
            (json_extract(body, '$.actual_start') IS NOT NULL)
            | ((json_extract(body, '$.actual_finish') IS NOT NULL) << 1)
            | ((json_extract(body, '$.percent_complete') IS NOT NULL) << 2)
            | ((json_extract(body, '$.remaining_duration') IS NOT NULL) << 3)
            | ((json_extract(body, '$.note') IS NOT NULL) << 4)
            | ((json_extract(body, '$.reported_by') IS NOT NULL) << 5)
            ELSE 0 END,
        task = json_extract(body, '$.task'),
        key = CASE kind WHEN 'extension_request' THEN json_extract(body, '$.id')
                        WHEN 'extension_decision' THEN json_extract(body, '$.request') END,
        dated = coalesce(json_extract(body, '$.reported_on'),
                         json_extract(body, '$.requested_on'),
                         json_extract(body, '$.decided_on'),
                         json_extract(body, '$.withdrawn_on'));
    UPDATE records SET task = (
        SELECT asked.task FROM records AS asked
        WHERE asked.plan = records.plan AND asked.kind = 'extension_request'
          AND asked.key = records.key)
    WHERE kind = 'extension_decision';
    CREATE INDEX records_by_task ON records (plan, task, seq);
    CREATE INDEX requests_by_id ON records (plan, key) WHERE key IS NOT NULL;
    CREATE TABLE submissions (
        plan TEXT NOT NULL,
        client_key TEXT NOT NULL,
        digest TEXT NOT NULL,
        added INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (plan, client_key)
    );
    """,
)


def open_sqlite(location: str) -> TrackingStore:
    """The built-in backend: ``sqlite:PATH``, ``sqlite://PATH`` or a plain path."""
    path = location.removeprefix("sqlite:").removeprefix("//")
    return SQLiteStore(path)


@final
class SQLiteStore:
    """A :class:`~urbangov.tracking.TrackingStore` in one SQLite file.

    The file runs in WAL mode with full syncs: each ``append`` is one transaction, so
    concurrent writers queue for the lock (up to ``timeout`` seconds) instead of
    corrupting the file, and a crash loses nothing already committed. A file written
    by an older urbangov is upgraded when opened.

    >>> store = SQLiteStore(":memory:")
    >>> store.append("p", updates=[ProgressUpdate("t1", dt.date(2021, 5, 3),
    ...     actual_start=dt.date(2021, 4, 12), percent_complete=40)], client_key="form-1")
    1
    >>> store.append("p", updates=[ProgressUpdate("t1", dt.date(2021, 5, 3),
    ...     actual_start=dt.date(2021, 4, 12), percent_complete=40)], client_key="form-1")
    0
    >>> store.log("p").progress_on(dt.date(2021, 5, 31))["t1"].percent_complete
    40
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = str(path)
        try:
            # One connection, any thread (a web server's worker threads): the lock
            # takes the calls one at a time, as SQLite's own threading asks.
            self._lock = threading.RLock()
            self._db = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
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
            self._upgrade()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the tracking store: {exc}") from None

    def _upgrade(self) -> None:
        with self._transaction() as db:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"{self.path}: the tracking store has schema version {version}, written "
                    f"by a newer urbangov (this one knows up to {len(MIGRATIONS)}); upgrade "
                    "urbangov to read it"
                )
            for script in MIGRATIONS[version:]:
                for statement in script.split(";"):
                    if statement.strip():
                        db.execute(statement)
            db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")

    @property
    def schema_version(self) -> int:
        """The schema version of the file (``len(MIGRATIONS)`` once opened)."""
        with self._lock:
            (version,) = self._db.execute("PRAGMA user_version").fetchone()
        return int(version)

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(
                    f"{self.path}: the tracking store is busy or locked: {exc}"
                ) from None
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
        client_key: str | None = None,
        author: str | None = None,
    ) -> int:
        try:
            with self._transaction() as db:
                rows = stored_records(
                    updates=updates,
                    requests=requests,
                    decisions=decisions,
                    withdrawals=withdrawals,
                    stored_request_task=self._request_task(db, plan_id),
                )
                if client_key is not None and self._seen(db, plan_id, client_key, rows):
                    return 0
                return self._insert(db, plan_id, rows, author)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot write tracking records: {exc}") from None

    def append_new(
        self,
        plan_id: str,
        records: TrackingLog,
        check: Callable[[TrackingLog, TrackingLog], None],
        *,
        author: str | None = None,
        client_key: str | None = None,
        tasks: Collection[str] | None = None,
    ) -> int:
        """Add the records of ``records`` the store does not hold yet, after
        ``check(stored, new)`` passes, in one write transaction: parallel imports of
        one file add it once, and two cannot both add a clashing record. ``stored`` is
        the plan's records (only about ``tasks`` when given: a form's one task); a
        ``client_key`` seen before adds nothing, as in :meth:`append`."""
        try:
            with self._transaction() as db:
                task_of = self._request_task(db, plan_id)
                if client_key is not None:
                    sent = stored_records(records, stored_request_task=task_of)
                    if self._seen(db, plan_id, client_key, sent):
                        return 0
                stored = self._read(db, plan_id, None, tasks)
                new = records.without(stored)
                check(stored, new)
                rows = stored_records(new, stored_request_task=task_of)
                return self._insert(db, plan_id, rows, author)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot write tracking records: {exc}") from None

    def _request_task(self, db: sqlite3.Connection, plan_id: str) -> Callable[[str], str | None]:
        def task_of(request: str) -> str | None:
            found = db.execute(
                "SELECT task FROM records WHERE plan = ? AND key = ? "
                "AND kind = 'extension_request'",
                (plan_id, request),
            ).fetchone()
            return None if found is None else str(found[0])

        return task_of

    def _seen(
        self, db: sqlite3.Connection, plan_id: str, client_key: str, rows: list[StoredRecord]
    ) -> bool:
        """Whether this submission was stored before; a new one is noted."""
        digest = submission_digest(rows)
        found = db.execute(
            "SELECT digest FROM submissions WHERE plan = ? AND client_key = ?",
            (plan_id, client_key),
        ).fetchone()
        if found is None:
            db.execute(
                "INSERT INTO submissions (plan, client_key, digest, added, received_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (plan_id, client_key, digest, len(rows), _now()),
            )
            return False
        check_retry(plan_id, client_key, found[0], digest)
        return True

    def _insert(
        self,
        db: sqlite3.Connection,
        plan_id: str,
        rows: list[StoredRecord],
        author: str | None = None,
    ) -> int:
        now, author = _now(), None if author is None else nfc(author)
        db.executemany(
            "INSERT INTO records "
            "(plan, kind, body, recorded_at, task, dated, key, fields, author) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (plan_id, r.kind, r.body, now, r.task, r.dated.isoformat(), r.key, r.fields, author)
                for r in rows
            ],
        )
        return len(rows)

    def receipts(self, plan_id: str, *, tasks: Collection[str] | None = None) -> list[Receipt]:
        query = "SELECT kind, task, dated, author, recorded_at FROM records WHERE plan = ?"
        values: list[object] = [plan_id]
        if tasks is not None:
            query += " AND task IN (SELECT value FROM json_each(?))"
            values.append(json.dumps(list(tasks), ensure_ascii=False))
        try:
            with self._lock:
                rows = self._db.execute(query + " ORDER BY seq", values).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read receipts: {exc}") from None
        return [
            Receipt(kind, task, dt.date.fromisoformat(dated), author, _received(at))
            for kind, task, dated, author, at in rows
        ]

    def log(
        self,
        plan_id: str,
        *,
        as_of: dt.date | None = None,
        tasks: Collection[str] | None = None,
        latest: bool = False,
    ) -> TrackingLog:
        try:
            with self._lock:
                return self._read(self._db, plan_id, as_of, tasks, latest=latest)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read tracking records: {exc}") from None

    def _read(
        self,
        db: sqlite3.Connection,
        plan_id: str,
        as_of: dt.date | None,
        tasks: Collection[str] | None,
        *,
        latest: bool = False,
    ) -> TrackingLog:
        where = " WHERE plan = ?"
        values: list[object] = [plan_id]
        if as_of is not None:
            where += " AND dated <= ?"
            values.append(as_of.isoformat())
        if tasks is not None:
            where += " AND task IN (SELECT value FROM json_each(?))"
            values.append(json.dumps(list(tasks), ensure_ascii=False))
        if not latest:
            query = "SELECT kind, body FROM records" + where + " ORDER BY seq"
            return log_of_rows(db.execute(query, values).fetchall(), self.path)
        reports = db.execute(
            "SELECT seq, task, fields FROM records" + where + " AND kind = 'progress' "
            "ORDER BY dated, seq",
            values,
        )
        kept = json.dumps(latest_records(reports))
        query = (
            "SELECT kind, body FROM records" + where + " AND (kind != 'progress' "
            "OR seq IN (SELECT value FROM json_each(?))) ORDER BY seq"
        )
        return log_of_rows(db.execute(query, [*values, kept]).fetchall(), self.path)

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
            with self._lock:
                rows = self._db.execute(
                    "SELECT body FROM baselines WHERE plan = ? ORDER BY recorded_at, rowid",
                    (plan_id,),
                ).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read baselines: {exc}") from None
        return [Baseline.from_dict(json.loads(body)) for (body,) in rows]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _received(at: str) -> dt.datetime:
    """A stored time; the first stores wrote some without a time zone (UTC)."""
    found = dt.datetime.fromisoformat(at)
    return found if found.tzinfo is not None else found.replace(tzinfo=dt.UTC)
