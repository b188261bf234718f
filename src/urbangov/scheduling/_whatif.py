"""What if a task took longer? A new schedule, recomputing only what moves."""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import numpy as np

from urbangov.plan import Plan, Task
from urbangov.scheduling import _engine as engine
from urbangov.scheduling._schedule import Schedule
from urbangov.scheduling._schedule import schedule as scheduled

__all__ = ["what_if"]


def what_if(schedule: Schedule, durations: Mapping[str, int]) -> Schedule:
    """``schedule`` with some tasks' durations changed (task id -> working days).

    The result equals scheduling the changed plan from scratch, but a change that
    moves few tasks costs a small fraction of a full pass: only the tasks it reaches
    are recomputed. The original schedule is not modified.

    Raises:
        UnknownTaskError: a task id is not in the plan.
        PlanError: a duration is not a whole number of working days >= 0.
    """
    plan = schedule.plan
    if schedule._tracked is not None:  # actual dates change the rules: schedule afresh
        tasks = list(plan.tasks)
        for task_id, days in durations.items():
            row = plan.position(task_id)
            tasks[row] = attrs.evolve(tasks[row], duration=days)
        actuals, status_date = schedule._tracked
        return scheduled(_same_links(plan, tasks), actuals=actuals, status_date=status_date)
    tasks = list(plan.tasks)
    duration = schedule._network.duration.copy()
    rows = []
    for task_id, days in durations.items():
        row = plan.position(task_id)
        tasks[row] = attrs.evolve(tasks[row], duration=days)  # validates `days`
        duration[row] = days
        rows.append(row)
    network = attrs.evolve(schedule._network, duration=duration)
    changed = np.unique(np.array(rows, dtype=np.int64))
    passes = engine.update(network, schedule._passes, changed)
    return Schedule(_same_links(plan, tasks), network, passes, schedule._origin)


def _same_links(plan: Plan, tasks: list[Task]) -> Plan:
    """``plan`` with ``tasks`` whose ids and links are unchanged.

    Re-validating a plan is O(tasks + links) in Python, more than the update itself
    costs; only durations changed, and :class:`Task` validated those.
    """
    changed = object.__new__(Plan)
    for field in attrs.fields(Plan):
        object.__setattr__(changed, field.name, getattr(plan, field.name))
    object.__setattr__(changed, "tasks", tuple(tasks))
    return changed
