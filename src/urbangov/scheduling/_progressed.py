"""Actual dates into the network: what has happened, and the status date.

Without a status date the rules are MPXJ's ``MicrosoftScheduler`` exactly (see
:mod:`._actuals`). With one, urbangov does what MS Project's *Update Project:
reschedule uncompleted work to start after the status date* does, in terms MPXJ
also schedules: work not started gets a start-no-earlier-than floor at the first
working morning after the status date (ASAP and SNET tasks; other constraints and
ALAP are left alone, as MS Project has since 2002), and a started task that is
behind resumes there (its actual duration stretches to the status date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple, final

import attrs

from urbangov.errors import CalendarError, PlanError
from urbangov.plan import Plan, nfc
from urbangov.scheduling._codes import ASAP, NO_DATE, SNET
from urbangov.scheduling._compile import Columns, finish_at, start_at
from urbangov.scheduling._time import start_form, work_before

if TYPE_CHECKING:
    from urbangov.scheduling import _engine as engine

__all__ = ["Actual", "Progressed", "progressed_columns", "with_actuals"]


def _optional_days(value: int | None) -> int | None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise PlanError(f"working days must be a whole number >= 0, not {value!r}")
    return value


@final
@attrs.frozen
class Actual:
    """What has happened to a task: when it started, when it finished (if it has),
    and how much work is done (``done``) and left (``remaining``), in working days.

    Give ``remaining`` or ``done`` (or neither: nothing done yet); the other is the
    task's duration less it, as MS Project keeps Actual + Remaining = Duration.
    ``percent`` is the percentage reported; without one, a task is 100 % complete
    when it has finished or has no work left.
    """

    start: dt.date
    finish: dt.date | None = None
    done: int | None = attrs.field(default=None, converter=_optional_days)
    remaining: int | None = attrs.field(default=None, converter=_optional_days)
    percent: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.finish is not None and self.finish < self.start:
            raise PlanError(f"actual finish {self.finish} is before actual start {self.start}")


class Progressed(NamedTuple):
    """What happened, one entry per task (see :class:`~._network.Progress`, which
    holds the same as arrays): actual dates as instants (``NO_DATE`` where there is
    none), the working days left, and whether it is reported complete."""

    actual_start: list[int]
    actual_finish: list[int]
    remaining: list[int]
    complete: list[bool]


def progressed_columns(
    plan: Plan,
    columns: Columns,
    origin: int,
    actuals: Mapping[str, Actual],
    status_date: dt.date | None,
) -> tuple[Columns, Progressed]:
    """``columns`` with the actual work's durations and the status date's floor, and
    what happened."""
    index = plan.calendar.index
    n = len(columns.duration)
    duration = list(columns.duration)
    constraint = list(columns.constraint)
    constraint_at = list(columns.constraint_at)
    progress = Progressed([NO_DATE] * n, [NO_DATE] * n, list(duration), [False] * n)
    actual_start, actual_finish, remaining, complete = progress
    resume: int | None = None
    if status_date is not None:
        try:  # the first working morning after the status date
            resume = start_form(index.number(status_date.toordinal() + 1) - origin)
        except CalendarError as exc:
            raise PlanError(f"status date {status_date}: {exc}") from None
    for task_id, actual in actuals.items():
        row = plan.position(nfc(task_id))
        try:
            first = start_at(index, origin, actual.start)
            last = None if actual.finish is None else finish_at(index, origin, actual.finish)
        except CalendarError as exc:
            raise PlanError(f"task {task_id!r}: {exc}", task_id=task_id) from None
        planned = duration[row]
        actual_start[row] = first
        if last is not None:  # finished: it took what it took
            if planned == 0 and actual.finish == actual.start:
                last = first  # a milestone finishes where it starts
            done = 0 if planned == 0 else max(work_before(last) - work_before(first), 0)
            left = 0
            actual_finish[row] = last
        else:
            done, left = _split(planned, actual)
            if resume is not None and left > 0:  # behind: the rest resumes after the status date
                done = max(done, work_before(resume) - work_before(first))
        duration[row] = done + left
        remaining[row] = left
        if actual.percent is not None:
            complete[row] = actual.percent == 100
        else:
            complete[row] = last is not None or left == 0 < done
    if resume is not None:  # work not started starts no earlier than the status date
        for row, kind in enumerate(constraint):
            if actual_start[row] != NO_DATE:
                continue
            if kind == ASAP:
                constraint[row], constraint_at[row] = SNET, resume
            elif kind == SNET:
                constraint_at[row] = max(constraint_at[row], resume)
    changed = columns._replace(
        duration=duration, constraint=constraint, constraint_at=constraint_at
    )
    return changed, progress


def with_actuals(
    plan: Plan,
    network: engine.Network,
    origin: int,
    actuals: Mapping[str, Actual],
    status_date: dt.date | None,
) -> engine.Network:
    """``network`` with the actual dates of ``actuals`` and the status date's floor."""
    import numpy as np

    from urbangov.scheduling import _engine as engine

    # Actuals change only the durations and constraints: the links need no copy.
    per_task = Columns(
        network.duration.tolist(),
        network.constraint.tolist(),
        network.constraint_at.tolist(),
        [],
        [],
        [],
        [],
        [],
    )
    changed, progress = progressed_columns(plan, per_task, origin, actuals, status_date)
    return attrs.evolve(
        network,
        duration=np.array(changed.duration, dtype=np.int64),
        constraint=np.array(changed.constraint, dtype=np.int8),
        constraint_at=np.array(changed.constraint_at, dtype=np.int64),
        progress=engine.Progress(
            np.array(progress.actual_start, dtype=np.int64),
            np.array(progress.actual_finish, dtype=np.int64),
            np.array(progress.remaining, dtype=np.int64),
            np.array(progress.complete, dtype=bool),
        ),
    )


def _split(planned: int, actual: Actual) -> tuple[int, int]:
    """Actual and remaining working days of a started task (they sum to its duration)."""
    if actual.remaining is not None and actual.done is not None:
        return actual.done, actual.remaining
    if actual.remaining is not None:
        return max(planned - actual.remaining, 0), actual.remaining
    if actual.done is not None:
        return actual.done, max(planned - actual.done, 0)
    return 0, planned
