"""Rescheduling at a status date: a plan with the progress reported by then."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from urbangov.errors import PlanError, TrackingError
from urbangov.plan import Plan
from urbangov.scheduling import Actual, Schedule, schedule
from urbangov.tracking._log import TaskProgress, TrackingLog

__all__ = ["actual_of", "check_new_records", "reschedule"]


def reschedule(
    plan: Plan, progress: Mapping[str, TaskProgress], status_date: dt.date | None
) -> Schedule:
    """``plan`` scheduled with what has happened: completed work stays where it
    happened, the rest is forecast after ``status_date``, and the finish moves.

    Raises:
        TrackingError: progress names an unknown task, or reports work without an
            actual start.
    """
    actuals = {}
    for task_id, done in progress.items():
        if task_id not in plan:
            raise TrackingError(f"progress names unknown task {task_id!r}", task_id=task_id)
        actual = actual_of(done, plan.task(task_id).duration)
        if actual is not None:
            actuals[task_id] = actual
    try:
        return schedule(plan, actuals=actuals, status_date=status_date)
    except PlanError as exc:  # an actual date the calendar cannot place
        if exc.task_id is not None and exc.task_id in progress:
            raise TrackingError(str(exc), task_id=exc.task_id) from None
        raise


def actual_of(progress: TaskProgress, duration: int) -> Actual | None:
    """What the scheduler needs of a task's progress (``None``: not started).

    Work done is the remaining duration's complement when one was reported, else the
    percentage of the duration (rounded half up), as MS Project derives it.
    """
    if progress.actual_start is None:
        if progress.percent_complete or progress.remaining_duration is not None:
            raise TrackingError(
                f"task {progress.task!r}: progress is reported "
                f"({progress.percent_complete} %) but not when it started (actual_start)",
                task_id=progress.task,
            )
        return None
    if progress.actual_finish is not None or progress.remaining_duration is not None:
        return Actual(
            progress.actual_start, progress.actual_finish, remaining=progress.remaining_duration
        )
    done = (duration * progress.percent_complete * 2 + 100) // 200  # half up
    return Actual(progress.actual_start, done=done, percent=progress.percent_complete)


def check_new_records(plan: Plan, stored: TrackingLog, new: TrackingLog) -> None:
    """Refuse ``new`` records that, with those ``stored``, the plan could not be
    tracked with: a task the plan lacks, an extension id used twice, a finish before
    a start, work reported without an actual start. What every writer (an import,
    a form, the API) checks before it appends, so a store never holds a record that
    stops its status from being computed.

    Raises:
        TrackingError: the first problem, naming its task.
    """
    new.check(plan)
    combined = stored.extended(new.updates, new.requests, new.decisions, new.withdrawals)
    touched = {update.task for update in new.updates}
    for task_id, done in combined.progress_on(dt.date.max).items():
        if task_id in touched:
            actual_of(done, plan.task(task_id).duration)
