"""Tracking records as rows: what every store backend writes and reads back.

A backend keeps each record's kind, the task it is about, the day it speaks for and a
JSON body. The task and the day are columns so that a read for some tasks (a unit's
subtree) or up to a day (a past report) does not load the whole log. Shared by the
SQLite store and by backends in plugins, so that every store reads and writes records
the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, final

import attrs

from urbangov.errors import StoreError, TrackingError
from urbangov.tracking._log import TrackingLog
from urbangov.tracking._records import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    Withdrawal,
)

__all__ = [
    "PROGRESS_FIELDS",
    "RECORD_KINDS",
    "Receipt",
    "StoredRecord",
    "check_retry",
    "latest_records",
    "log_of_rows",
    "stored_records",
    "submission_digest",
]

#: The ``kind`` a store keeps with each record, and the record class it names.
RECORD_KINDS: Final = {
    "progress": ProgressUpdate,
    "extension_request": ExtensionRequest,
    "extension_decision": ExtensionDecision,
    "withdrawal": Withdrawal,
}
#: The fields a progress report may leave out; bit ``i`` of :attr:`StoredRecord.fields`
#: says the report gives field ``i``.
PROGRESS_FIELDS: Final = (
    "actual_start",
    "actual_finish",
    "percent_complete",
    "remaining_duration",
    "note",
    "reported_by",
)
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


@final
@attrs.frozen
class StoredRecord:
    """One tracking record as a store keeps it.

    ``task`` is the task the record is about (a decision's is its request's task),
    ``dated`` the day it speaks for, ``key`` the extension request id of a request or
    a decision, ``body`` the record as JSON, and ``fields`` which of
    :data:`PROGRESS_FIELDS` a progress report gives (a bit each), so that a store can
    pick the reports a task's latest picture needs without reading their bodies.
    """

    kind: str
    task: str
    dated: dt.date
    body: str
    key: str | None = None
    fields: int = 0


@final
@attrs.frozen
class Receipt:
    """Who wrote a stored record and when the store received it.

    ``author`` is the account that appended it (a person or an agency; ``None`` for
    records written without one, or before stores kept it), ``received_at`` the
    store's clock (UTC) when the transaction wrote it. The record's own fields
    (``reported_by``, ``decided_by``) say who the report speaks for; the receipt
    says who put it in.
    """

    kind: str
    task: str
    dated: dt.date
    author: str | None
    received_at: dt.datetime


def stored_records(
    records: TrackingLog | None = None,
    *,
    updates: Iterable[ProgressUpdate] = (),
    requests: Iterable[ExtensionRequest] = (),
    decisions: Iterable[ExtensionDecision] = (),
    withdrawals: Iterable[Withdrawal] = (),
    stored_request_task: Callable[[str], str | None] = lambda _: None,
) -> list[StoredRecord]:
    """The rows to write for some records, in the order they are appended.

    A decision may answer a request of the same call or one already stored:
    ``stored_request_task(id)`` asks the store for the task of a stored request. A
    decision that answers neither is refused, since a log holding it could not be read.

    Raises:
        TrackingError: a decision answers an unknown extension request.
    """
    if records is not None:
        updates, requests = records.updates, records.requests
        decisions, withdrawals = records.decisions, records.withdrawals
    requests = tuple(requests)
    task_of = {request.id: request.task for request in requests}
    rows = [_progress_row(update) for update in updates]
    rows += [_row("extension_request", r.task, r.requested_on, r.to_dict(), r.id) for r in requests]
    for decision in decisions:
        task = task_of.get(decision.request) or stored_request_task(decision.request)
        if task is None:
            raise TrackingError(
                f"a decision of {decision.decided_on} answers unknown extension request "
                f"{decision.request!r}"
            )
        body = decision.to_dict()
        rows.append(_row("extension_decision", task, decision.decided_on, body, decision.request))
    rows += [_row("withdrawal", w.task, w.withdrawn_on, w.to_dict()) for w in withdrawals]
    return rows


def _row(
    kind: str, task: str, dated: dt.date, body: dict[str, Any], key: str | None = None
) -> StoredRecord:
    return StoredRecord(kind, task, dated, json.dumps(body, ensure_ascii=False), key)


def _progress_row(update: ProgressUpdate) -> StoredRecord:
    body = update.to_dict()
    given = sum(1 << i for i, name in enumerate(PROGRESS_FIELDS) if body[name] is not None)
    return StoredRecord(
        "progress",
        update.task,
        update.reported_on,
        json.dumps(body, ensure_ascii=False),
        fields=given,
    )


def latest_records(reports: Iterable[tuple[int, str, int]]) -> list[int]:
    """Which progress reports make each task's latest picture: ``(seq, task, fields)``
    in the order a log folds them (by day, then as appended) in; the ``seq`` of each
    task's last report and of the last report giving each field, in order.

    Folding only these gives every task the picture all of them give (the history in
    between is left out): a store's ``log(latest=True)``.
    """
    last: dict[str, list[int]] = {}
    width = len(PROGRESS_FIELDS)
    for seq, task, fields in reports:
        found = last.get(task)
        if found is None:
            found = last[task] = [0] * (width + 1)
        found[width] = seq
        if fields:
            for i in range(width):
                if fields >> i & 1:
                    found[i] = seq
    kept = {seq for found in last.values() for seq in found if seq}
    return sorted(kept)


def submission_digest(rows: Sequence[StoredRecord]) -> str:
    """A fingerprint of what one append holds: a retried submission (the same client
    key) must carry the same records to be recognised as the same."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps([row.kind, row.body], ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def check_retry(plan_id: str, client_key: str, kept: str | None, digest: str) -> None:
    """Refuse a submission whose client key the store ``kept`` for other records: a
    retry must send what the first try sent (``digest``), a new submission a new key."""
    if kept != digest:
        raise TrackingError(
            f"plan {plan_id!r}: client key {client_key!r} was already used for another "
            "submission (a retry must send the same records; a new submission needs a new key)"
        )


def log_of_rows(rows: Iterable[tuple[str, str | dict[str, Any]]], where: str) -> TrackingLog:
    """The log that ``(kind, body)`` rows make, in their order; ``body`` is JSON text or
    already a mapping. ``where`` names the store in errors."""
    found: dict[str, list[Any]] = {kind: [] for kind in RECORD_KINDS}
    for kind, body in rows:
        record_type = RECORD_KINDS.get(kind)
        if record_type is None:
            raise StoreError(f"{where}: unknown record kind {kind!r}")
        fields = json.loads(body) if isinstance(body, str) else body
        try:
            found[kind].append(record_type(**_dates(fields)))
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{where}: a stored {kind} record cannot be read: {exc}") from None
    return TrackingLog(
        found["progress"],
        found["extension_request"],
        found["extension_decision"],
        found["withdrawal"],
    )


def _dates(body: dict[str, Any]) -> dict[str, Any]:
    return {
        key: dt.date.fromisoformat(value) if key in _DATE_FIELDS and value is not None else value
        for key, value in body.items()
    }
