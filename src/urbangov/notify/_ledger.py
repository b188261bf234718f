"""The delivery ledger: what was sent on which channel, in one SQLite file.

One row per notification key and channel, in one of three states:

``sending``
    claimed, committed *before* the send; a row still ``sending`` when the next run
    starts was in flight when a run died: it may or may not have arrived.
``sent``
    committed after the channel accepted it; never sent again on that channel.
``failed``
    the channel refused or was unreachable; the error is kept, and the next run
    sends it again, from the copy kept here, even if its rule no longer decides it.

The next run resends ``sending`` rows too (at least once: see ``docs/notifications.md``);
each message carries its keys so that a receiver can drop one it has seen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Final, NamedTuple, final

import attrs

from urbangov.errors import LedgerError
from urbangov.notify._model import Digest, Notification

__all__ = ["LedgerEntry", "Pending", "SQLiteLedger"]

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS deliveries (
    key TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    address TEXT,
    state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL,
    notification TEXT NOT NULL,
    digest TEXT NOT NULL,
    error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (key, channel)
);
CREATE INDEX IF NOT EXISTS deliveries_open ON deliveries (channel, state)
"""
_CHUNK: Final = 500


class Pending(NamedTuple):
    """A notification to send again, and the address it was last sent to."""

    notification: Notification
    address: str | None
    state: str


@final
@attrs.frozen
class LedgerEntry:
    """One row of the ledger, for people (``urbangov notify --ledger`` reports)."""

    key: str
    channel: str
    recipient: str
    state: str
    attempts: int
    error: str | None
    updated_at: str


@final
class SQLiteLedger:
    """The ledger in one SQLite file (WAL, full syncs: a commit survives a crash).

    ``read_only=True`` (``--dry-run``) never writes, and never creates the file: a
    missing ledger reads as empty. A writing ledger holds a lock beside the file
    (``PATH.lock``), so that two runs cannot send the same rows at once.

    >>> from urbangov.notify import SQLiteLedger
    >>> ledger = SQLiteLedger(":memory:")
    >>> ledger.states(["k"], "console")
    {}
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, timeout: float = 30.0) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._lock: IO[str] | None = None
        try:
            if read_only and (self.path == ":memory:" or not Path(self.path).exists()):
                self._db = sqlite3.connect(":memory:", isolation_level=None)
                self._db.executescript(_SCHEMA)
            elif read_only:
                uri = f"{Path(self.path).resolve().as_uri()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
            else:
                self._lock = _locked(self.path)
                self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=FULL")
                self._db.executescript(_SCHEMA)
        except LedgerError:
            raise
        except (sqlite3.Error, OSError) as exc:
            self._unlock()
            raise LedgerError(f"{self.path}: cannot open the delivery ledger: {exc}") from None

    def __enter__(self) -> SQLiteLedger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()
        self._unlock()

    def _unlock(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file releases the lock
            self._lock = None

    @contextlib.contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: cannot {what}: {exc}") from None

    # -- reading ---------------------------------------------------------------------

    def states(self, keys: Sequence[str], channel: str) -> dict[str, str]:
        """The state of each of ``keys`` on ``channel`` that the ledger has seen."""
        try:
            return dict(self._states_in(self._db, keys, channel))
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: cannot read the delivery ledger: {exc}") from None

    def pending(self, channel: str) -> list[Pending]:
        """What is to be sent again on ``channel``: failed, and in doubt (``sending``)."""
        try:
            rows = self._db.execute(
                "SELECT notification, address, state FROM deliveries "
                "WHERE channel = ? AND state != 'sent' ORDER BY rowid",
                (channel,),
            ).fetchall()
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: cannot read the delivery ledger: {exc}") from None
        return [Pending(Notification.from_dict(json.loads(n)), a, s) for n, a, s in rows]

    def entries(self, channel: str | None = None) -> list[LedgerEntry]:
        """Every row (of ``channel``), oldest first."""
        where, args = ("WHERE channel = ?", (channel,)) if channel else ("", ())
        try:
            rows = self._db.execute(
                "SELECT key, channel, recipient, state, attempts, error, updated_at "
                f"FROM deliveries {where} ORDER BY rowid",
                args,
            ).fetchall()
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: cannot read the delivery ledger: {exc}") from None
        return [LedgerEntry(*row) for row in rows]

    # -- writing: one committed transaction before the send, one after ---------------------

    def claim(self, digest: Digest) -> Digest:
        """Mark the digest's items ``sending`` (committed) and return the digest of those
        not already ``sent`` meanwhile: only they may be sent."""
        self._writable()
        now = _now()
        with self._transaction("record a delivery") as db:
            done = {
                key
                for key, state in self._states_in(db, [n.key for n in digest.items], digest.channel)
                if state == "sent"
            }
            items = tuple(n for n in digest.items if n.key not in done)
            db.executemany(
                "INSERT INTO deliveries (key, channel, recipient, address, state, attempts, "
                "notification, digest, error, updated_at) "
                "VALUES (?, ?, ?, ?, 'sending', 1, ?, ?, NULL, ?) "
                "ON CONFLICT (key, channel) DO UPDATE SET state = 'sending', "
                "attempts = attempts + 1, address = excluded.address, "
                "digest = excluded.digest, updated_at = excluded.updated_at",
                [
                    (
                        n.key,
                        digest.channel,
                        n.recipient.key,
                        digest.address,
                        json.dumps(n.to_dict(), ensure_ascii=False),
                        digest.key,
                        now,
                    )
                    for n in items
                ],
            )
        return attrs.evolve(digest, items=items)

    def settle(self, digest: Digest, error: str | None) -> None:
        """Mark the digest's items ``sent`` (``error`` None) or ``failed``, committed."""
        self._writable()
        state = "failed" if error else "sent"
        with self._transaction("record a delivery") as db:
            db.executemany(
                "UPDATE deliveries SET state = ?, error = ?, updated_at = ? "
                "WHERE key = ? AND channel = ?",
                [(state, error, _now(), n.key, digest.channel) for n in digest.items],
            )

    def _states_in(
        self, db: sqlite3.Connection, keys: Sequence[str], channel: str
    ) -> Iterable[tuple[str, str]]:
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            yield from db.execute(
                f"SELECT key, state FROM deliveries WHERE channel = ? AND key IN ({marks})",
                (channel, *chunk),
            ).fetchall()

    def _writable(self) -> None:
        if self.read_only:
            raise LedgerError(f"{self.path}: the delivery ledger is open read-only (a dry run)")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _locked(path: str) -> IO[str] | None:
    """An exclusive lock on ``PATH.lock`` for as long as the file stays open (POSIX)."""
    if path == ":memory:":
        return None
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: one run at a time is up to the user
        return None
    handle = open(f"{path}.lock", "a", encoding="utf-8")  # noqa: SIM115 - held until close
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise LedgerError(
            f"{path}: another urbangov notify is using this delivery ledger"
        ) from None
    return handle
