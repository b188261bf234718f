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
from typing import TYPE_CHECKING, final

import attrs

from urbangov.errors import CalendarError, PlanError
from urbangov.plan import Plan, nfc
from urbangov.scheduling._compile import finish_at, start_at
from urbangov.scheduling._time import start_form, work_before

if TYPE_CHECKING:
    from urbangov.scheduling import _engine as engine

__all__ = ["Actual", "with_actuals"]


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

    index = plan.calendar.index
    n = network.size
    duration = network.duration.copy()
    constraint = network.constraint.copy()
    constraint_at = network.constraint_at.copy()
    actual_start = np.full(n, engine.NO_DATE, dtype=np.int64)
    actual_finish = np.full(n, engine.NO_DATE, dtype=np.int64)
    remaining = duration.copy()
    complete = np.zeros(n, dtype=bool)
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
        planned = int(duration[row])
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
    if resume is not None:
        untouched = actual_start == engine.NO_DATE
        asap = untouched & (constraint == engine.ASAP)
        snet = untouched & (constraint == engine.SNET)
        constraint[asap] = engine.SNET
        constraint_at[asap] = resume
        constraint_at[snet] = np.maximum(constraint_at[snet], resume)
    progress = engine.Progress(actual_start, actual_finish, remaining, complete)
    return attrs.evolve(
        network,
        duration=duration,
        constraint=constraint,
        constraint_at=constraint_at,
        progress=progress,
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
