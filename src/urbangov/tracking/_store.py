"""Where tracking records live: the interface every store backend implements.

The store only appends: progress, extension requests and decisions, withdrawals and
baselines are never updated in place, so a report for any past day can be rebuilt.
Another backend (PostgreSQL for many users, say) implements :class:`TrackingStore`
and registers an opener through the ``urbangov_register_stores`` hook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from typing import Protocol, final, runtime_checkable

import attrs

from urbangov.tracking._baseline import Baseline
from urbangov.tracking._log import TrackingLog
from urbangov.tracking._records import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    Withdrawal,
)
from urbangov.tracking._rows import Receipt

__all__ = ["StoreBackend", "TrackingStore", "import_records"]


@runtime_checkable
class TrackingStore(Protocol):
    """What urbangov needs from a place that keeps tracking records.

    ``append`` is all-or-nothing: after a crash either every record of a call is
    there or none is. Records come back in the order they were appended.
    :class:`urbangov.testing.StoreContract` checks a backend against all of this.

    .. versionchanged:: 0.2 ``append(client_key=, author=)``, ``log(as_of=, tasks=, latest=)``,
       ``receipts()``.
    """

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
        """Add records for plan ``plan_id``; returns how many were added.

        ``author`` is the account writing them; the store keeps it, with the time it
        received them, for :meth:`receipts`.

        A call with a ``client_key`` the plan has seen adds nothing and returns 0 (a
        retried submission is stored once); the same key with other records is a
        :class:`~urbangov.errors.TrackingError`. A decision must answer a request of
        the same call or one already stored.
        """
        ...

    def log(
        self,
        plan_id: str,
        *,
        as_of: dt.date | None = None,
        tasks: Collection[str] | None = None,
        latest: bool = False,
    ) -> TrackingLog:
        """The records of ``plan_id`` in the order they were appended: only those
        dated up to ``as_of``, and only about ``tasks`` (a decision goes with its
        request's task), when given.

        ``latest`` leaves out the progress history a picture as of ``as_of`` does
        not need: of each task's reports, only its last one and the last one giving
        each field (:func:`~urbangov.tracking.latest_records`), so that
        ``progress_on(as_of)`` is the same, and a status report reads a fraction
        of the records. Requests, decisions and withdrawals are all there.
        """
        ...

    def receipts(self, plan_id: str, *, tasks: Collection[str] | None = None) -> list[Receipt]:
        """Who wrote each record of ``plan_id`` (only about ``tasks``, when given) and
        when it was received, in the order the records were appended."""
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
    *,
    author: str | None = None,
    client_key: str | None = None,
    tasks: Collection[str] | None = None,
) -> int:
    """Add what ``records`` holds that ``store`` does not, after ``check(stored, new)``
    accepts the store's records and the new ones together; returns how many were added.
    ``author`` is the account writing them (see :meth:`TrackingStore.receipts`); a
    ``client_key`` seen before adds nothing; with ``tasks``, ``stored`` holds only the
    records about them (a form about one task need not read the whole plan).

    A store with ``append_new(plan_id, records, check, author=, client_key=, tasks=)``
    (both built-in stores have it) reads, checks and writes in one transaction, so
    parallel writers neither duplicate records nor slip past the checks. For a store
    without it, they are separate steps.
    """
    append_new = getattr(store, "append_new", None)
    if append_new is not None:
        added: int = append_new(
            plan_id, records, check, author=author, client_key=client_key, tasks=tasks
        )
        return added
    stored = store.log(plan_id, tasks=tasks)
    new = records.without(stored)
    check(stored, new)
    return store.append(
        plan_id,
        updates=new.updates,
        requests=new.requests,
        decisions=new.decisions,
        withdrawals=new.withdrawals,
        author=author,
        client_key=client_key,
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
