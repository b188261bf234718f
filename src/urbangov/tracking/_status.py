"""The official taxonomy of assigned tasks, as of a day.

Decision 42/2014/QĐ-TTg (amended by 23/2018/QĐ-TTg) sorts assigned tasks into:
completed on time, completed late, not completed but within the deadline, and
overdue; withdrawn tasks are counted apart. urbangov adds an *at risk* flag for a
task within its deadline whose forecast finish (the plan rescheduled at the day)
passes it, and the progress in percent, rolled up from a task's parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Any, final

import attrs

from urbangov.plan import Plan
from urbangov.scheduling import Schedule
from urbangov.tracking._baseline import Baseline
from urbangov.tracking._log import DeadlineChange, TaskProgress, TrackingLog
from urbangov.tracking._reschedule import reschedule
from urbangov.tracking._rollup import rolled_up_progress

__all__ = ["DeadlineSource", "Status", "StatusReport", "TaskStatus", "status_report"]


class Status(StrEnum):
    """Where an assigned task stands (the JSON values of ``urbangov status``)."""

    #: Completed on or before its deadline (hoàn thành đúng hạn).
    DONE_ON_TIME = "done_on_time"
    #: Completed after its deadline (hoàn thành quá hạn).
    DONE_LATE = "done_late"
    #: Not completed, the deadline not yet passed (chưa hoàn thành, còn trong hạn).
    IN_TIME = "in_time"
    #: Not completed, the deadline passed (chưa hoàn thành, quá hạn).
    OVERDUE = "overdue"
    #: Taken back by the assigning body; counted apart.
    WITHDRAWN = "withdrawn"


class DeadlineSource(StrEnum):
    """Where the deadline a task is judged against comes from."""

    #: The plan's deadline.
    DEADLINE = "deadline"
    #: An approved extension.
    EXTENSION = "extension"
    #: No deadline: the finish in the baseline (or in the plan as scheduled).
    PLANNED_FINISH = "planned_finish"


@final
@attrs.frozen
class TaskStatus:
    """One task as of a day."""

    task: str
    status: Status
    at_risk: bool
    #: Percent complete; a task made of parts shows its parts' duration-weighted progress.
    progress: int
    started: bool
    deadline: dt.date
    deadline_source: DeadlineSource
    original_deadline: dt.date | None
    extensions: int
    actual_start: dt.date | None
    actual_finish: dt.date | None
    forecast_finish: dt.date
    #: Working days past the deadline (finished late, or overdue on the day); else 0.
    days_late: int
    lead: str | None
    unit: str | None

    @property
    def extended(self) -> bool:
        return self.extensions > 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = attrs.asdict(self)
        for key, value in out.items():
            if isinstance(value, dt.date):
                out[key] = value.isoformat()
        out["status"] = self.status.value
        out["deadline_source"] = self.deadline_source.value
        return out


@final
@attrs.frozen(eq=False)
class StatusReport:
    """Every task's status as of ``as_of`` and the schedule forecast from it."""

    plan: Plan
    as_of: dt.date
    tasks: tuple[TaskStatus, ...]
    #: The plan rescheduled at ``as_of`` with the progress reported by then.
    forecast: Schedule
    #: Tasks with an extension request not yet decided on ``as_of``.
    pending_extensions: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[TaskStatus]:
        return iter(self.tasks)

    def __len__(self) -> int:
        return len(self.tasks)

    def __getitem__(self, task_id: str) -> TaskStatus:
        return self.tasks[self.plan.position(task_id)]

    def counts(self) -> dict[str, int]:
        """How many tasks have each status, plus ``at_risk`` and ``extended``."""
        out = {status.value: 0 for status in Status}
        for task in self.tasks:
            out[task.status.value] += 1
        out["at_risk"] = sum(t.at_risk for t in self.tasks)
        out["extended"] = sum(t.extended for t in self.tasks)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``urbangov status --format json`` (without statistics)."""
        return {
            "plan": self.plan.id,
            "as_of": self.as_of.isoformat(),
            "forecast_finish": self.forecast.finish.isoformat(),
            "counts": self.counts(),
            "tasks": [t.to_dict() for t in self.tasks],
        }


def status_report(
    plan: Plan,
    log: TrackingLog,
    as_of: dt.date,
    *,
    baseline: Baseline | None = None,
) -> StatusReport:
    """Each task's official status as of ``as_of``, from the records dated up to it.

    A task is judged against its approved deadline (the plan's, or the last approved
    extension); a task without one against its finish in ``baseline`` or, without a
    baseline, in the plan as scheduled. ``at_risk`` marks a task within its deadline
    whose forecast finish, rescheduled at ``as_of``, passes the deadline.

    Raises:
        TrackingError: a record names a task the plan does not have, or the progress
            contradicts itself.
    """
    log.check(plan)
    progress = log.progress_on(as_of)
    forecast = reschedule(plan, progress, as_of)
    finishes = forecast.column("finish")
    planned = _PlannedFinish(forecast, baseline)
    extended = log.deadlines_on(plan, as_of, only_changed=True)
    withdrawn = log.withdrawn_on(as_of)
    percent = rolled_up_progress(plan, progress)
    between = plan.calendar.working_days_between
    tasks = []
    for row, task in enumerate(plan.tasks):
        change = extended.get(task.id)
        if change is None:
            change = DeadlineChange(task.deadline, task.deadline, 0)
        if change.approved is not None:
            deadline = change.approved
            source = DeadlineSource.EXTENSION if change.extended else DeadlineSource.DEADLINE
        else:
            deadline = planned.finish(row, task.id)
            source = DeadlineSource.PLANNED_FINISH
        done = progress.get(task.id, _NOTHING)
        status, late = _classify(done, deadline, as_of, task.id in withdrawn, between)
        tasks.append(
            TaskStatus(
                task=task.id,
                status=status,
                at_risk=status is Status.IN_TIME and finishes[row] > deadline,
                progress=percent[task.id],
                started=done.started,
                deadline=deadline,
                deadline_source=source,
                original_deadline=change.original,
                extensions=change.extensions,
                actual_start=done.actual_start,
                actual_finish=done.actual_finish,
                forecast_finish=finishes[row],
                days_late=late,
                lead=task.lead,
                unit=task.unit,
            )
        )
    pending = tuple(dict.fromkeys(r.task for r in log.pending_requests_on(as_of)))
    return StatusReport(plan, as_of, tuple(tasks), forecast, pending)


_NOTHING: TaskProgress = TaskProgress("", dt.date.min)


class _PlannedFinish:
    """The finish a task was planned for: in the baseline, or as scheduled without
    the actuals (computed once, and only if some task needs it)."""

    def __init__(self, forecast: Schedule, baseline: Baseline | None) -> None:
        self._forecast = forecast
        self._baseline = baseline
        self._finishes: list[dt.date] | None = None

    def finish(self, row: int, task_id: str) -> dt.date:
        if self._baseline is not None and task_id in self._baseline.tasks:
            return self._baseline.tasks[task_id].finish
        if self._finishes is None:
            self._finishes = self._forecast.planned().column("finish")
        return self._finishes[row]


def _classify(
    progress: TaskProgress,
    deadline: dt.date,
    as_of: dt.date,
    withdrawn: bool,
    between: Callable[[dt.date, dt.date], int],
) -> tuple[Status, int]:
    """The status and working days late (``between`` counts working days)."""
    if withdrawn:
        return Status.WITHDRAWN, 0
    finish = progress.actual_finish
    if finish is not None:
        if finish <= deadline:
            return Status.DONE_ON_TIME, 0
        return Status.DONE_LATE, max(between(deadline, finish), 1)
    if as_of <= deadline:
        return Status.IN_TIME, 0
    return Status.OVERDUE, max(between(deadline, as_of), 1)
