"""Random plans for differential tests, as urbangov plans and as MPXJ runner cases."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from urbangov.calendar import WorkCalendar
from urbangov.plan import ConstraintType, Dependency, DependencyType, Plan, Task

_CONSTRAINTS = list(ConstraintType)
_LINKS = list(DependencyType)


def random_plan(seed: int, *, size: int | None = None, constraints: bool = True) -> Plan:
    """A plan of 2-30 tasks with every link type, leads and lags, constraints, deadlines
    and holidays, drawn from ``seed``."""
    rng = random.Random(seed)
    n = size or rng.randint(2, 30)
    start = dt.date(2021, 1, 4) + dt.timedelta(days=rng.randint(0, 60))
    holidays = {start + dt.timedelta(days=rng.randint(-5, 120)) for _ in range(rng.randint(0, 6))}
    make_up = {
        d
        for d in (start + dt.timedelta(days=rng.randint(0, 120)) for _ in range(rng.randint(0, 2)))
        if d.weekday() == 5 and d not in holidays
    }
    calendar = WorkCalendar.mon_fri().adjusted(holidays=holidays, working_days=make_up)
    tasks = []
    for i in range(n):
        depends = []
        for p in rng.sample(range(i), k=min(i, rng.choice([0, 1, 1, 1, 2, 2, 3]))):
            kind = rng.choices(_LINKS, weights=[70, 12, 10, 8])[0]
            lag = rng.choices([0, rng.randint(1, 5), -rng.randint(1, 4)], weights=[60, 25, 15])[0]
            depends.append(Dependency(f"t{p}", kind, lag))
        duration = rng.choices([0, rng.randint(1, 4), rng.randint(5, 20)], weights=[15, 45, 40])[0]
        constraint, constraint_date, deadline = ConstraintType.ASAP, None, None
        if constraints and rng.random() < 0.3:
            constraint = rng.choice(_CONSTRAINTS)
            if constraint.dated:
                constraint_date = start + dt.timedelta(days=rng.randint(-3, 90))
        if constraints and rng.random() < 0.15:
            deadline = start + dt.timedelta(days=rng.randint(0, 90))
        tasks.append(
            Task(
                f"t{i}",
                f"Task {i}",
                duration,
                depends=depends,
                constraint=constraint,
                constraint_date=constraint_date,
                deadline=deadline,
            )
        )
    return Plan(f"random-{seed}", f"Random plan {seed}", start, tasks=tasks, calendar=calendar)


def mpxj_case(plan: Plan) -> dict[str, Any]:
    """The MPXJ runner's input for ``plan`` (its calendar must be a plain week + adjustments)."""
    cal = plan.calendar
    assert cal.public_holidays is None, "give MPXJ explicit holidays"
    return {
        "start": plan.start.isoformat(),
        "weekend": sorted(cal.weekend),
        "holidays": sorted(d.isoformat() for d in cal.holidays),
        "working_days": sorted(d.isoformat() for d in cal.working_days),
        "tasks": [
            {
                "id": t.id,
                "duration": t.duration,
                "constraint": t.constraint.value,
                "constraint_date": t.constraint_date and t.constraint_date.isoformat(),
                "deadline": t.deadline and t.deadline.isoformat(),
                "preds": [[d.task, d.type.value, d.lag] for d in t.depends],
            }
            for t in plan.tasks
        ],
    }


_FINISHES = ("finish", "early_finish", "late_finish")
_STARTS = ("start", "early_start", "late_start")


def as_ms_project_shows(plan: Plan, task: Task, field: str, stamp: str) -> dt.date:
    """The working day MS Project shows for an MPXJ date-time.

    MPXJ keeps a constraint date that falls on a rest day as it is (08:00 or 17:00 of
    a Sunday); in working time that is the next 08:00 or the previous 17:00. Then a
    finish of real work stored as 08:00 (the next morning) belongs to the working
    day before, and a start of real work stored as 17:00 to the working day after.
    """
    calendar = plan.calendar
    when = dt.datetime.fromisoformat(stamp)
    day, morning = when.date(), when.time() <= dt.time(12, 0)
    if not calendar.is_working_day(day):
        day = calendar.roll_forward(day) if morning else calendar.previous_working_day(day)
    if task.duration > 0 and field in _FINISHES and morning:
        return calendar.previous_working_day(day)
    if task.duration > 0 and field in _STARTS and not morning:
        return calendar.next_working_day(day)
    return day
