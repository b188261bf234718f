"""What people report about a plan: progress, deadline extensions, withdrawals.

Every record is a frozen value with the date it speaks for, so that an append-only
history of them can be folded into the picture as of any day (see ``_log.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, final

import attrs

from urbangov.errors import TrackingError
from urbangov.plan import nfc

__all__ = ["ExtensionDecision", "ExtensionRequest", "ProgressUpdate", "Withdrawal"]


def _date(value: object, what: str, task: str) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise TrackingError(
            f"task {task!r}: {what} must be a calendar date, not {value!r}", task_id=task
        )


def _optional_text(value: str | None) -> str | None:
    return None if value is None else nfc(value)


@final
@attrs.frozen
class ProgressUpdate:
    """What was reported about one task, as of ``reported_on``.

    Fields left ``None`` keep what earlier updates said, so a later update can report
    only the new percentage. ``remaining_duration`` is in working days; a finished
    task has an ``actual_finish`` (100 % alone is not enough: the finish date is the
    fact the on-time taxonomy needs).

    >>> ProgressUpdate("t1", dt.date(2021, 5, 3), actual_start=dt.date(2021, 4, 12),
    ...                percent_complete=40)
    ProgressUpdate(task='t1', reported_on=datetime.date(2021, 5, 3), ...)
    """

    task: str = attrs.field(converter=nfc)
    reported_on: dt.date
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    percent_complete: int | None = None
    remaining_duration: int | None = None
    note: str | None = attrs.field(default=None, converter=_optional_text)
    reported_by: str | None = attrs.field(default=None, converter=_optional_text)

    def __attrs_post_init__(self) -> None:
        task = self.task
        _date(self.reported_on, "reported_on", task)
        for name in ("actual_start", "actual_finish"):
            value = getattr(self, name)
            if value is not None:
                _date(value, name, task)
                if value > self.reported_on:
                    raise TrackingError(
                        f"task {task!r}: {name} {value} is after the report date "
                        f"{self.reported_on} (progress reports facts, not plans)",
                        task_id=task,
                    )
        start, finish = self.actual_start, self.actual_finish
        if start is not None and finish is not None and finish < start:
            raise TrackingError(
                f"task {task!r}: actual_finish {finish} is before actual_start {start}",
                task_id=task,
            )
        for name in ("percent_complete", "remaining_duration"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise TrackingError(
                    f"task {task!r}: {name} must be a whole number, not {value!r}", task_id=task
                )
        pct = self.percent_complete
        if pct is not None and not 0 <= pct <= 100:
            raise TrackingError(
                f"task {task!r}: percent_complete must be between 0 and 100, not {pct}",
                task_id=task,
            )
        if self.remaining_duration is not None and self.remaining_duration < 0:
            raise TrackingError(
                f"task {task!r}: remaining_duration cannot be negative ({self.remaining_duration})",
                task_id=task,
            )
        if finish is not None and pct is not None and pct != 100:
            raise TrackingError(
                f"task {task!r}: a task with an actual_finish is 100 % complete, not {pct} %",
                task_id=task,
            )
        if pct == 100 and finish is None:
            raise TrackingError(
                f"task {task!r}: 100 % complete needs the actual_finish date", task_id=task
            )

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@final
@attrs.frozen
class ExtensionRequest:
    """A lead agency asks the assigning body to move a task's deadline.

    The original deadline stays in the plan; the approved one is used for the
    statistics, which also count how many deadlines were extended.
    """

    id: str = attrs.field(converter=nfc)
    task: str = attrs.field(converter=nfc)
    requested_on: dt.date
    new_deadline: dt.date
    reason: str | None = attrs.field(default=None, converter=_optional_text)
    requested_by: str | None = attrs.field(default=None, converter=_optional_text)

    def __attrs_post_init__(self) -> None:
        _date(self.requested_on, "requested_on", self.task)
        _date(self.new_deadline, "new_deadline", self.task)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@final
@attrs.frozen
class ExtensionDecision:
    """The assigning body approves or rejects an :class:`ExtensionRequest`."""

    request: str = attrs.field(converter=nfc)
    decided_on: dt.date
    approved: bool
    decided_by: str | None = attrs.field(default=None, converter=_optional_text)

    def __attrs_post_init__(self) -> None:
        _date(self.decided_on, "decided_on", self.request)
        if not isinstance(self.approved, bool):
            raise TrackingError(f"extension {self.request!r}: approved must be true or false")

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@final
@attrs.frozen
class Withdrawal:
    """The assigning body takes a task back: it is counted apart from then on."""

    task: str = attrs.field(converter=nfc)
    withdrawn_on: dt.date
    reason: str | None = attrs.field(default=None, converter=_optional_text)
    decided_by: str | None = attrs.field(default=None, converter=_optional_text)

    def __attrs_post_init__(self) -> None:
        _date(self.withdrawn_on, "withdrawn_on", self.task)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


def _plain(record: object) -> dict[str, Any]:
    out: dict[str, Any] = attrs.asdict(record)  # type: ignore[arg-type]
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in out.items()}
