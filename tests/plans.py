"""Random plans for differential tests, as urbangov plans and as MPXJ runner cases."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import attrs

from urbangov.calendar import WorkCalendar
from urbangov.plan import ConstraintType, Dependency, DependencyType, Group, Plan, Task
from urbangov.scheduling import Actual, schedule

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


def with_groups(plan: Plan, seed: int) -> Plan:
    """``plan`` with 1-5 groups (some under others) that most of its tasks are part of,
    in no particular order."""
    rng = random.Random(seed)
    groups: list[Group] = []
    for k in range(rng.randint(1, 5)):
        under = rng.choice([None, *(g.id for g in groups)])
        groups.append(Group(f"g{k}", f"Group {k}", part_of=under))
    tasks = [
        attrs.evolve(t, part_of=rng.choice(groups).id) if rng.random() < 0.8 else t
        for t in plan.tasks
    ]
    return attrs.evolve(plan, tasks=tasks, groups=groups)


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


DATES = ("start", "finish", "early_start", "early_finish", "late_start", "late_finish")


def ms_project_dates(
    plan: Plan, task: Task, ms: dict[str, Any], *, milestone: bool
) -> dict[str, dt.date]:
    """Every date field MS Project shows for the task MPXJ scheduled as ``ms``
    (``milestone``: of zero duration as scheduled, which actuals can change).

    A milestone's late dates are its early dates moved by its total slack: MPXJ may
    store the late date as 17:00 of the day before the early 08:00 (the same point of
    working time), which MS Project shows as the milestone's own day. ALAP milestones
    are shown as MPXJ stores them.
    """
    shown = {field: as_ms_project_shows(plan, task, field, ms[field]) for field in DATES}
    if milestone and task.constraint is not ConstraintType.ALAP:
        slack = round(ms["total_slack"])
        for late, early in (("late_start", "early_start"), ("late_finish", "early_finish")):
            shown[late] = plan.calendar.add_working_days(shown[early], slack)
    return shown


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


def random_progress(plan: Plan, seed: int) -> tuple[dt.date, dict[str, Actual]]:
    """A status date inside ``plan`` and what happened by then, drawn from ``seed``:
    finished tasks (early, on time or late, some on rest days), started ones with work
    reported as remaining days, done days or nothing, and some out of sequence."""
    rng = random.Random(seed)
    planned = schedule(plan)
    calendar = plan.calendar
    span = max((planned.finish - plan.start).days, 1)
    status = plan.start + dt.timedelta(days=rng.randint(0, span))
    actuals: dict[str, Actual] = {}
    for row, task in zip(planned, plan.tasks, strict=True):
        if row.start > status or rng.random() < 0.2:
            continue
        shift = rng.choice([-2, -1, 0, 0, 0, 1, 2])
        start = min(calendar.add_working_days(row.start, shift), status)
        if rng.random() < 0.05:
            start = start - dt.timedelta(days=rng.randint(1, 2))  # maybe a rest day
        if row.finish <= status and rng.random() < 0.8:
            took = max(task.duration + rng.choice([-1, 0, 0, 1, 3]), 1)
            finish = min(calendar.add_working_days(start, took - 1), status)
            if task.duration == 0 and rng.random() < 0.7:
                finish = start
            actuals[task.id] = Actual(max(start, min(start, finish)), max(finish, start))
            continue
        form = rng.choice(["remaining", "done", "both", "nothing"])
        left = rng.randint(0, task.duration + 2) if form in ("remaining", "both") else None
        done = rng.randint(0, task.duration) if form in ("done", "both") else None
        actuals[task.id] = Actual(start, done=done, remaining=left)
    return status, actuals


def with_status_floor(
    plan: Plan, actuals: dict[str, Actual], status: dt.date
) -> tuple[Plan, dict[str, Actual]]:
    """The same forecast in terms MPXJ schedules (it ignores status dates): SNET at the
    first working day after ``status`` for work not started, and behind tasks' actual
    work stretched to it (``tests/oracle/PROGRESS-RULES.md`` §6)."""
    calendar = plan.calendar
    resume = calendar.next_working_day(status)
    tasks = []
    for task in plan.tasks:
        if task.id in actuals:
            tasks.append(task)
        elif task.constraint is ConstraintType.ASAP:
            tasks.append(attrs.evolve(task, constraint=ConstraintType.SNET, constraint_date=resume))
        elif task.constraint is ConstraintType.SNET and task.constraint_date is not None:
            date = max(task.constraint_date, resume)
            tasks.append(attrs.evolve(task, constraint_date=date))
        else:
            tasks.append(task)
    stretched = {}
    for task_id, actual in actuals.items():
        task = plan.task(task_id)
        if actual.finish is not None:
            stretched[task_id] = actual
            continue
        done, left = _split(task.duration, actual)
        if left > 0:
            first = calendar.roll_forward(actual.start)
            behind = calendar.working_days_between(first, resume) if first < resume else 0
            done = max(done, behind)
        stretched[task_id] = Actual(actual.start, done=done, remaining=left, percent=actual.percent)
    return attrs.evolve(plan, tasks=tasks), stretched


def _split(duration: int, actual: Actual) -> tuple[int, int]:
    if actual.remaining is not None and actual.done is not None:
        return actual.done, actual.remaining
    if actual.remaining is not None:
        return max(duration - actual.remaining, 0), actual.remaining
    if actual.done is not None:
        return actual.done, max(duration - actual.done, 0)
    return 0, duration


def progress_case(case: dict[str, Any], actuals: dict[str, Actual]) -> dict[str, Any]:
    """``case`` (from :func:`mpxj_case`) with the actuals as the runner's progress fields."""
    for spec in case["tasks"]:
        actual = actuals.get(spec["id"])
        if actual is None:
            continue
        spec["actual_start"] = actual.start.isoformat()
        if actual.finish is not None:
            spec["actual_finish"] = actual.finish.isoformat()
        if actual.done is not None:
            spec["actual_duration"] = actual.done
        if actual.remaining is not None:
            spec["remaining_duration"] = actual.remaining
        if actual.percent is not None:
            spec["percent_complete"] = actual.percent
    return case
