"""Progress files: CSV (one update per row) or TOML/JSON/YAML (updates, extension
requests with their decisions, withdrawals), checked whole before anything is applied.

A bad row is reported with its line number (CSV) or key path, with every other
problem found; a file with any problem applies nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Final, TypeVar

import attrs

from urbangov.errors import PlanError, ProgressFileError, TrackingError
from urbangov.io._structure import converter, decode, structure
from urbangov.plan import Plan
from urbangov.tracking import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    TrackingLog,
    Withdrawal,
)

__all__ = ["CSV_COLUMNS", "load_progress", "loads_progress", "progress_from_dict"]

#: The columns a progress CSV may have (``task`` and ``reported_on`` are required).
CSV_COLUMNS: Final = (
    "task",
    "reported_on",
    "actual_start",
    "actual_finish",
    "percent_complete",
    "remaining_duration",
    "note",
    "reported_by",
)
_PROGRESS_FORMATS: Final = {".csv": "csv", ".toml": "toml", ".json": "json", ".yaml": "yaml"}


# -- the file's shape (TOML, JSON, YAML) -------------------------------------------------


@attrs.frozen
class _Update:
    task: str
    reported_on: dt.date
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    percent_complete: int | None = None
    remaining_duration: int | None = None
    note: str | None = None
    reported_by: str | None = None


@attrs.frozen
class _Extension:
    id: str
    task: str
    requested_on: dt.date
    new_deadline: dt.date
    reason: str | None = None
    requested_by: str | None = None
    decided_on: dt.date | None = None
    approved: bool | None = None
    decided_by: str | None = None


@attrs.frozen
class _Withdrawal:
    task: str
    withdrawn_on: dt.date
    reason: str | None = None
    decided_by: str | None = None


@attrs.frozen
class _ProgressFile:
    progress: list[_Update] = attrs.Factory(list)
    extensions: list[_Extension] = attrs.Factory(list)
    withdrawals: list[_Withdrawal] = attrs.Factory(list)


_CONVERTER: Final = converter()
E = TypeVar("E")
R = TypeVar("R")


# -- building the records -------------------------------------------------------------


def progress_from_dict(data: object, plan: Plan, *, source: str | None = None) -> TrackingLog:
    """The records of decoded progress-file content, checked against ``plan``."""
    shape = structure(
        _CONVERTER, data, _ProgressFile, source=source, error=ProgressFileError, what="progress"
    )
    problems: list[tuple[str, str, str | None]] = []
    updates = _each(problems, "progress", shape.progress, _update)
    requests = _each(problems, "extensions", shape.extensions, _request)
    decisions = [
        ExtensionDecision(e.id, e.decided_on, e.approved, e.decided_by)
        for e in shape.extensions
        if e.decided_on is not None and e.approved is not None
    ]
    for i, e in enumerate(shape.extensions):
        if (e.decided_on is None) != (e.approved is None):
            problems.append(
                (f"extensions[{i}]", "a decision needs both decided_on and approved", e.task)
            )
    withdrawals = _each(problems, "withdrawals", shape.withdrawals, _withdrawal)
    for key, records in (("progress", updates), ("extensions", requests)):
        for i, record in enumerate(records):
            if record is not None and record.task not in plan:
                problems.append(
                    (
                        f"{key}[{i}]",
                        f"unknown task {record.task!r} (not in plan {plan.id!r})",
                        record.task,
                    )
                )
    for i, w in enumerate(withdrawals):
        if w is not None and w.task not in plan:
            problems.append((f"withdrawals[{i}]", f"unknown task {w.task!r}", w.task))
    _raise_all(problems, source)
    try:
        return _consistent(
            TrackingLog(
                [u for u in updates if u is not None],
                [r for r in requests if r is not None],
                decisions,
                [w for w in withdrawals if w is not None],
            )
        )
    except TrackingError as exc:
        raise ProgressFileError(str(exc), path=source, task_id=exc.task_id) from None


def _each(
    problems: list[tuple[str, str, str | None]],
    key: str,
    entries: list[E],
    build: Callable[[E], R],
) -> list[R | None]:
    out: list[R | None] = []
    for i, entry in enumerate(entries):
        try:
            out.append(build(entry))
        except (TrackingError, PlanError) as exc:
            problems.append((f"{key}[{i}]", str(exc), getattr(exc, "task_id", None)))
            out.append(None)
    return out


def _update(e: _Update) -> ProgressUpdate:
    return ProgressUpdate(**attrs.asdict(e))


def _request(e: _Extension) -> ExtensionRequest:
    return ExtensionRequest(e.id, e.task, e.requested_on, e.new_deadline, e.reason, e.requested_by)


def _withdrawal(e: _Withdrawal) -> Withdrawal:
    return Withdrawal(e.task, e.withdrawn_on, e.reason, e.decided_by)


def _raise_all(problems: list[tuple[str, str, str | None]], source: str | None) -> None:
    if not problems:
        return
    location, message, task = problems[0]
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    error = ProgressFileError(message + more, path=source, location=location, task_id=task)
    error.problems = [(where, what) for where, what, _ in problems]
    raise error


# -- CSV --------------------------------------------------------------------------------


def _csv_updates(text: str, plan: Plan, source: str | None) -> TrackingLog:
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))  # a BOM from Excel
    header = reader.fieldnames or []
    unknown = [c for c in header if c not in CSV_COLUMNS]
    missing = [c for c in ("task", "reported_on") if c not in header]
    if unknown or missing:
        parts = []
        if unknown:
            parts.append(f"unknown column(s) {', '.join(map(repr, unknown))}")
        if missing:
            parts.append(f"missing column(s) {', '.join(map(repr, missing))}")
        known = ", ".join(CSV_COLUMNS)
        raise ProgressFileError(
            f"{'; '.join(parts)} (columns: {known})", path=source, location="line 1"
        )
    problems: list[tuple[str, str, str | None]] = []
    updates = []
    for row in reader:
        where = f"line {reader.line_num}"
        if None in row:
            problems.append((where, f"more cells than columns: {row[None]!r}", None))
            continue
        task = (row.get("task") or "").strip()
        try:
            update = ProgressUpdate(
                task,
                _csv_date(row, "reported_on", required=True),  # type: ignore[arg-type]
                actual_start=_csv_date(row, "actual_start"),
                actual_finish=_csv_date(row, "actual_finish"),
                percent_complete=_csv_int(row, "percent_complete"),
                remaining_duration=_csv_int(row, "remaining_duration"),
                note=(row.get("note") or "").strip() or None,
                reported_by=(row.get("reported_by") or "").strip() or None,
            )
        except (TrackingError, ValueError) as exc:
            problems.append((where, str(exc), task or None))
            continue
        if not task:
            problems.append((where, "task: the task id is empty", None))
        elif update.task not in plan:  # the id in NFC, as the plan keeps it
            problems.append((where, f"unknown task {task!r} (not in plan {plan.id!r})", task))
        else:
            updates.append(update)
    _raise_all(problems, source)
    try:
        return _consistent(TrackingLog(updates))
    except TrackingError as exc:
        raise ProgressFileError(str(exc), path=source, task_id=exc.task_id) from None


def _consistent(log: TrackingLog) -> TrackingLog:
    """``log`` if its updates agree with each other (a finish on one row before a start
    on another is refused now, not when a later report folds them)."""
    log.progress_on(dt.date.max)
    return log


def _csv_date(row: dict[str, str], column: str, *, required: bool = False) -> dt.date | None:
    text = (row.get(column) or "").strip()
    if not text:
        if required:
            raise ValueError(f"{column}: a date is required")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{column}: expected a date (YYYY-MM-DD), got {text!r}") from None


def _csv_int(row: dict[str, str], column: str) -> int | None:
    text = (row.get(column) or "").strip().removesuffix("%").strip()
    if not text:
        return None
    if not text.lstrip("-").isdigit():
        raise ValueError(f"{column}: expected a whole number, got {text!r}")
    return int(text)


# -- reading files ----------------------------------------------------------------------


def loads_progress(text: str, format: str, plan: Plan, *, source: str | None = None) -> TrackingLog:
    """Records from the text of a progress file in ``format`` (``csv``, ``toml``,
    ``json`` or ``yaml``), checked against ``plan``."""
    if format == "csv":
        return _csv_updates(text, plan, source)
    data = decode(text, format, source=source, error=ProgressFileError)
    return progress_from_dict(data, plan, source=source)


def load_progress(path: str | Path, plan: Plan) -> TrackingLog:
    """Read a progress file; the format follows the suffix (.csv, .toml, .json, .yaml)."""
    path = Path(path)
    fmt = _PROGRESS_FORMATS.get(path.suffix.lower()) or (
        "yaml" if path.suffix.lower() == ".yml" else None
    )
    if fmt is None:
        raise ProgressFileError(
            f"unknown progress file type (use {', '.join(_PROGRESS_FORMATS)}, .yml)", path=str(path)
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ProgressFileError("no such file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgressFileError(f"cannot read: {exc}", path=str(path)) from None
    return loads_progress(text, fmt, plan, source=str(path))
