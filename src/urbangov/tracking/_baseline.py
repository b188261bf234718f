"""Baselines: the approved plan, kept to measure how far the work has moved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, final

import attrs

from urbangov.errors import TrackingError
from urbangov.plan import nfc
from urbangov.scheduling import Schedule

__all__ = ["Baseline", "BaselineTask", "PlanVariance", "TaskVariance", "variance"]


@final
@attrs.frozen
class BaselineTask:
    """A task's dates and duration when the baseline was saved."""

    start: dt.date
    finish: dt.date
    duration: int
    deadline: dt.date | None = None


@final
@attrs.frozen
class Baseline:
    """A named copy of a schedule's dates; several may exist (MS Project keeps 11).

    Like MS Project's, a baseline is a plain copy: changing the plan later
    recomputes nothing in it.
    """

    name: str = attrs.field(converter=nfc)
    saved_on: dt.date
    start: dt.date
    finish: dt.date
    tasks: Mapping[str, BaselineTask]

    @classmethod
    def of(cls, schedule: Schedule, name: str, saved_on: dt.date) -> Baseline:
        """The baseline of ``schedule`` as it stands."""
        if not name or not name.strip():
            raise TrackingError("a baseline needs a name")
        tasks = {
            row.id: BaselineTask(row.start, row.finish, task.duration, task.deadline)
            for row, task in zip(schedule, schedule.plan.tasks, strict=True)
        }
        return cls(name, saved_on, schedule.start, schedule.finish, tasks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "saved_on": self.saved_on.isoformat(),
            "start": self.start.isoformat(),
            "finish": self.finish.isoformat(),
            "tasks": {
                task_id: {
                    "start": t.start.isoformat(),
                    "finish": t.finish.isoformat(),
                    "duration": t.duration,
                    "deadline": None if t.deadline is None else t.deadline.isoformat(),
                }
                for task_id, t in self.tasks.items()
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Baseline:
        """The inverse of :meth:`to_dict` (what the tracking store keeps)."""
        day = dt.date.fromisoformat
        return cls(
            data["name"],
            day(data["saved_on"]),
            day(data["start"]),
            day(data["finish"]),
            {
                task_id: BaselineTask(
                    day(t["start"]),
                    day(t["finish"]),
                    t["duration"],
                    None if t["deadline"] is None else day(t["deadline"]),
                )
                for task_id, t in data["tasks"].items()
            },
        )


@final
@attrs.frozen
class TaskVariance:
    """How far a task has moved from its baseline, in working days (later is positive).

    ``None`` for a task that was added after the baseline was saved.
    """

    task: str
    baseline_start: dt.date | None
    baseline_finish: dt.date | None
    start: dt.date
    finish: dt.date
    start_variance: int | None
    finish_variance: int | None


@final
@attrs.frozen
class PlanVariance:
    """Every task's variance and the plan's finish variance."""

    baseline: str
    finish_variance: int
    tasks: tuple[TaskVariance, ...]

    def to_dict(self) -> dict[str, Any]:
        def iso(day: dt.date | None) -> str | None:
            return None if day is None else day.isoformat()

        return {
            "baseline": self.baseline,
            "finish_variance": self.finish_variance,
            "tasks": [
                {
                    "task": t.task,
                    "baseline_start": iso(t.baseline_start),
                    "baseline_finish": iso(t.baseline_finish),
                    "start": iso(t.start),
                    "finish": iso(t.finish),
                    "start_variance": t.start_variance,
                    "finish_variance": t.finish_variance,
                }
                for t in self.tasks
            ],
        }


def variance(schedule: Schedule, baseline: Baseline) -> PlanVariance:
    """Start and finish variance of every task against ``baseline`` (MS Project's
    Start Variance and Finish Variance, in working days)."""
    between = schedule.plan.calendar.working_days_between
    rows = []
    for row in schedule:
        kept = baseline.tasks.get(row.id)
        rows.append(
            TaskVariance(
                row.id,
                None if kept is None else kept.start,
                None if kept is None else kept.finish,
                row.start,
                row.finish,
                None if kept is None else between(kept.start, row.start),
                None if kept is None else between(kept.finish, row.finish),
            )
        )
    return PlanVariance(baseline.name, between(baseline.finish, schedule.finish), tuple(rows))
