"""The history of a plan's tracking, and the picture it gives as of a day.

Nothing is ever overwritten: a correction is a later record. Folding the records
dated up to a day gives that day's picture, so last month's report can be rebuilt
exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TypeVar, final

import attrs

from urbangov.errors import TrackingError
from urbangov.plan import Plan
from urbangov.tracking._records import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    Withdrawal,
)

__all__ = ["DeadlineChange", "TaskProgress", "TrackingLog"]

R = TypeVar("R")


@final
@attrs.frozen
class TaskProgress:
    """A task's progress as of a day: the last reported value of each field."""

    task: str
    reported_on: dt.date
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    percent_complete: int = 0
    remaining_duration: int | None = None
    note: str | None = None
    reported_by: str | None = None

    @property
    def started(self) -> bool:
        return self.actual_start is not None

    @property
    def done(self) -> bool:
        return self.actual_finish is not None

    def merged(self, update: ProgressUpdate) -> TaskProgress:
        """This picture with a later ``update`` laid over it."""
        changes = {
            name: value
            for name in (
                "actual_start",
                "actual_finish",
                "percent_complete",
                "remaining_duration",
                "note",
                "reported_by",
            )
            if (value := getattr(update, name)) is not None
        }
        return attrs.evolve(self, reported_on=update.reported_on, **changes)

    @classmethod
    def first(cls, update: ProgressUpdate) -> TaskProgress:
        return cls(
            update.task,
            update.reported_on,
            update.actual_start,
            update.actual_finish,
            update.percent_complete or 0,
            update.remaining_duration,
            update.note,
            update.reported_by,
        )


@final
@attrs.frozen
class DeadlineChange:
    """A task's deadline after approved extensions, as of a day."""

    original: dt.date | None
    approved: dt.date | None
    extensions: int

    @property
    def extended(self) -> bool:
        return self.extensions > 0


def _sorted_updates(values: Iterable[ProgressUpdate]) -> tuple[ProgressUpdate, ...]:
    # Stable: updates of one day keep the order they were recorded in.
    return tuple(sorted(values, key=lambda u: u.reported_on))


def _missing(values: tuple[R, ...], there: tuple[R, ...]) -> tuple[R, ...]:
    held = set(there)
    return tuple(v for v in values if v not in held)


def _requests(values: Iterable[ExtensionRequest]) -> tuple[ExtensionRequest, ...]:
    return tuple(values)


def _decisions(values: Iterable[ExtensionDecision]) -> tuple[ExtensionDecision, ...]:
    return tuple(values)


def _withdrawals(values: Iterable[Withdrawal]) -> tuple[Withdrawal, ...]:
    return tuple(values)


@final
@attrs.frozen
class TrackingLog:
    """Everything reported about a plan, in the order it happened.

    >>> log = TrackingLog(updates=[
    ...     ProgressUpdate("t1", dt.date(2021, 4, 20), actual_start=dt.date(2021, 4, 12),
    ...                    percent_complete=30),
    ...     ProgressUpdate("t1", dt.date(2021, 5, 4), percent_complete=70)])
    >>> log.progress_on(dt.date(2021, 4, 30))["t1"].percent_complete
    30
    >>> log.progress_on(dt.date(2021, 5, 31))["t1"].percent_complete
    70
    """

    updates: tuple[ProgressUpdate, ...] = attrs.field(default=(), converter=_sorted_updates)
    requests: tuple[ExtensionRequest, ...] = attrs.field(default=(), converter=_requests)
    decisions: tuple[ExtensionDecision, ...] = attrs.field(default=(), converter=_decisions)
    withdrawals: tuple[Withdrawal, ...] = attrs.field(default=(), converter=_withdrawals)
    #: A part of a log (what :meth:`without` leaves) may hold decisions on requests
    #: that only the rest of the log holds.
    _partial: bool = attrs.field(default=False, kw_only=True, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        ids = [r.id for r in self.requests]
        if len(set(ids)) != len(ids):
            twice = sorted(i for i, n in Counter(ids).items() if n > 1)
            raise TrackingError(f"extension request ids used twice: {', '.join(twice)}")
        known = {r.id: r for r in self.requests}
        for decision in self.decisions:
            request = known.get(decision.request)
            if request is None and self._partial:
                continue
            if request is None:
                raise TrackingError(
                    f"a decision of {decision.decided_on} answers unknown extension request "
                    f"{decision.request!r}"
                )
            if decision.decided_on < request.requested_on:
                raise TrackingError(
                    f"extension {request.id!r} is decided on {decision.decided_on}, before it "
                    f"was requested ({request.requested_on})",
                    task_id=request.task,
                )

    def latest_day(self) -> dt.date | None:
        """The day of the latest record: a report, a request, a decision or a
        withdrawal (``None`` for an empty log)."""
        days = [
            *(u.reported_on for u in self.updates),
            *(r.requested_on for r in self.requests),
            *(d.decided_on for d in self.decisions),
            *(w.withdrawn_on for w in self.withdrawals),
        ]
        return max(days, default=None)

    def without(self, other: TrackingLog) -> TrackingLog:
        """The records of this log that ``other`` does not already hold (re-importing
        a file adds nothing twice). Its decisions may answer requests only ``other``
        holds."""
        return TrackingLog(
            _missing(self.updates, other.updates),
            _missing(self.requests, other.requests),
            _missing(self.decisions, other.decisions),
            _missing(self.withdrawals, other.withdrawals),
            partial=True,
        )

    def extended(
        self,
        updates: Iterable[ProgressUpdate] = (),
        requests: Iterable[ExtensionRequest] = (),
        decisions: Iterable[ExtensionDecision] = (),
        withdrawals: Iterable[Withdrawal] = (),
    ) -> TrackingLog:
        """A log with more records after these."""
        return TrackingLog(
            (*self.updates, *updates),
            (*self.requests, *requests),
            (*self.decisions, *decisions),
            (*self.withdrawals, *withdrawals),
        )

    def check(self, plan: Plan) -> None:
        """Refuse records about tasks the plan does not have, naming them."""
        for what, tasks in (
            ("progress", (u.task for u in self.updates)),
            ("an extension request", (r.task for r in self.requests)),
            ("a withdrawal", (w.task for w in self.withdrawals)),
        ):
            for task in tasks:
                if task not in plan:
                    raise TrackingError(
                        f"{what} names task {task!r}, which plan {plan.id!r} does not have",
                        task_id=task,
                    )

    # -- as of a day ------------------------------------------------------------------

    def progress_on(self, day: dt.date) -> dict[str, TaskProgress]:
        """Each reported task's progress from the updates dated up to ``day``.

        Raises:
            TrackingError: the updates contradict each other (an actual finish before
                an actual start reported on another day).
        """
        out: dict[str, TaskProgress] = {}
        for update in self.updates:
            if update.reported_on > day:
                break
            before = out.get(update.task)
            now = TaskProgress.first(update) if before is None else before.merged(update)
            if (
                now.actual_start is not None
                and now.actual_finish is not None
                and now.actual_finish < now.actual_start
            ):
                raise TrackingError(
                    f"task {update.task!r}: the update of {update.reported_on} puts the actual "
                    f"finish {now.actual_finish} before the actual start {now.actual_start}",
                    task_id=update.task,
                )
            out[update.task] = now
        return out

    def deadlines_on(
        self, plan: Plan, day: dt.date, *, only_changed: bool = False
    ) -> dict[str, DeadlineChange]:
        """Each task's original and approved deadline as of ``day`` (only the tasks
        with an approved extension when ``only_changed``)."""
        approved = {
            d.request: d for d in self.decisions if d.decided_on <= day
        }  # the last decision on a request counts
        by_task: dict[str, list[tuple[dt.date, dt.date]]] = {}
        for request in self.requests:
            decision = approved.get(request.id)
            if decision is not None and decision.approved:
                by_task.setdefault(request.task, []).append(
                    (decision.decided_on, request.new_deadline)
                )
        out = {}
        for task_id, found in by_task.items():
            granted = sorted(found)
            out[task_id] = DeadlineChange(plan.task(task_id).deadline, granted[-1][1], len(granted))
        if not only_changed:
            for task in plan.tasks:
                if task.id not in out:
                    out[task.id] = DeadlineChange(task.deadline, task.deadline, 0)
        return out

    def pending_requests_on(self, day: dt.date) -> tuple[ExtensionRequest, ...]:
        """Extension requests made by ``day`` and not yet decided on it."""
        decided = {d.request for d in self.decisions if d.decided_on <= day}
        return tuple(r for r in self.requests if r.requested_on <= day and r.id not in decided)

    def withdrawn_on(self, day: dt.date) -> Mapping[str, Withdrawal]:
        """The tasks withdrawn by ``day``."""
        return {w.task: w for w in self.withdrawals if w.withdrawn_on <= day}
