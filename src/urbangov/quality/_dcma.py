"""Is the plan sound? The DCMA 14-point schedule assessment, on urbangov's schedule.

The U.S. Defense Contract Management Agency's 14-point assessment is the checklist
schedule reviewers apply to MS Project and P6 schedules (Acumen, Steelray and
others implement it). Each point counts what a well-built network avoids (tasks
without logic, leads, lags, hard constraints, high or negative float, long
durations, dates that contradict the status date …) against a threshold, and names
the tasks it counts. Points 9, 11 and 14 need a status date, and 11 and 14 a
baseline; without them they are not applicable, and say why.

Thresholds are DCMA's: at most 5 % for most counts, none for leads, negative float,
invalid dates and tasks without a lead; at least 90 % finish-to-start links; a
critical path length index and a baseline execution index of at least 0.95. "High"
float and duration are more than 44 working days (two months).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Final, final

import attrs

from urbangov.plan import ConstraintType, DependencyType, Task
from urbangov.scheduling import Schedule, what_if
from urbangov.tracking import Baseline

__all__ = ["QualityCheck", "QualityReport", "assess_quality"]

#: DCMA's limit for "high" float and duration: 44 working days.
LONG: Final = 44
#: The share of tasks (or links) most counts may reach.
SHARE: Final = 0.05
#: Constraints that fix a date whatever the links say (DCMA's "hard" constraints).
HARD: Final = frozenset(
    {ConstraintType.MSO, ConstraintType.MFO, ConstraintType.SNLT, ConstraintType.FNLT}
)
#: How far the critical path test delays a task (working days).
PROBE: Final = 600


@final
@attrs.frozen
class QualityCheck:
    """One point of the assessment: what was counted, against which threshold."""

    number: int
    #: A short key (``logic``, ``leads``, …), the same in every language.
    key: str
    #: What was measured: a share of tasks or links, an index, or a count.
    value: float | None
    #: The threshold, in words (``<= 5 %``, ``>= 0.95``, ``0``).
    threshold: str
    #: ``None``: not applicable (see ``note``).
    passed: bool | None
    #: The tasks (or links, as ``"pred -> succ"``) the point counts.
    flagged: tuple[str, ...] = ()
    #: Out of how many tasks or links (0 when not a share).
    out_of: int = 0
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self, recurse=False) | {"flagged": list(self.flagged)}


@final
@attrs.frozen
class QualityReport:
    """The 14 points on one schedule, as of a status date (if any)."""

    plan: str
    as_of: dt.date | None
    checks: tuple[QualityCheck, ...]

    @property
    def failed(self) -> tuple[QualityCheck, ...]:
        return tuple(c for c in self.checks if c.passed is False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "checks": [c.to_dict() for c in self.checks],
            "failed": [c.number for c in self.failed],
        }


def assess_quality(schedule: Schedule, *, baseline: Baseline | None = None) -> QualityReport:
    """The DCMA 14-point assessment of ``schedule``.

    A tracked schedule (``schedule(plan, actuals=..., status_date=...)``, or a status
    report's forecast) is judged as of its status date: finished tasks leave the
    counts, and the points that need a status date apply. ``baseline`` (a saved
    :class:`~urbangov.tracking.Baseline`) enables the baseline points.
    """
    view = _View(schedule)
    checks = [
        _logic(view),
        _leads(view),
        _lags(view),
        _link_types(view),
        _hard_constraints(view),
        _high_float(view),
        _negative_float(view),
        _high_duration(view),
        _invalid_dates(view),
        _resources(view),
        _missed(view, baseline),
        _critical_path_test(view),
        _cpli(view),
        _bei(view, baseline),
    ]
    return QualityReport(schedule.plan.id, view.as_of, tuple(checks))


@final
class _View:
    """The schedule as the points read it: open tasks, their rows, their links."""

    def __init__(self, schedule: Schedule) -> None:
        self.schedule = schedule
        self.plan = schedule.plan
        tracking = schedule.tracking
        self.as_of = None if tracking is None else tracking.status_date
        self.work = {} if tracking is None else dict(tracking.work)
        self.rows = {row.id: row for row in schedule}
        finished = {t for t, w in self.work.items() if w.actual_finish is not None}
        self.open: list[Task] = [t for t in self.plan.tasks if t.id not in finished]
        self.successors: dict[str, int] = {}
        for task in self.plan.tasks:
            for dep in task.depends:
                self.successors[dep.task] = self.successors.get(dep.task, 0) + 1

    def links(self) -> Iterator[tuple[Task, str, DependencyType, int]]:
        """The links into open tasks: (successor, predecessor id, type, lag)."""
        for task in self.open:
            for dep in task.depends:
                yield task, dep.task, dep.type, dep.lag


def _share(
    number: int,
    key: str,
    flagged: Sequence[str],
    out_of: int,
    *,
    limit: float = SHARE,
    at_least: bool = False,
) -> QualityCheck:
    """A point that counts a share of ``out_of`` against ``limit``."""
    value = len(flagged) / out_of if out_of else 0.0
    passed = value >= limit if at_least else value <= limit
    sign = ">=" if at_least else "<="
    threshold = f"{sign} {limit:.0%}"
    return QualityCheck(number, key, value, threshold, passed, tuple(flagged), out_of)


def _none_allowed(number: int, key: str, flagged: Sequence[str], out_of: int) -> QualityCheck:
    return QualityCheck(number, key, float(len(flagged)), "0", not flagged, tuple(flagged), out_of)


def _logic(view: _View) -> QualityCheck:
    """1. Open tasks without a predecessor or a successor (a milestone that starts or
    ends the plan may lack one)."""
    flagged = []
    for task in view.open:
        alone_before = not task.depends and not task.milestone
        alone_after = not view.successors.get(task.id) and not task.milestone
        if alone_before or alone_after:
            flagged.append(task.id)
    return _share(1, "logic", flagged, len(view.open))


def _leads(view: _View) -> QualityCheck:
    """2. Links with a negative lag (a lead)."""
    links = list(view.links())
    flagged = [f"{pred} -> {task.id}" for task, pred, _, lag in links if lag < 0]
    return _none_allowed(2, "leads", flagged, len(links))


def _lags(view: _View) -> QualityCheck:
    """3. Links with a positive lag."""
    links = list(view.links())
    flagged = [f"{pred} -> {task.id}" for task, pred, _, lag in links if lag > 0]
    return _share(3, "lags", flagged, len(links))


def _link_types(view: _View) -> QualityCheck:
    """4. Finish-to-start links: at least 90 % of the links (the others flagged)."""
    links = list(view.links())
    flagged = [
        f"{pred} -> {task.id}" for task, pred, kind, _ in links if kind is not DependencyType.FS
    ]
    fs = len(links) - len(flagged)
    value = fs / len(links) if links else 1.0
    return QualityCheck(
        4, "relationship-types", value, ">= 90%", value >= 0.9, tuple(flagged), len(links)
    )


def _hard_constraints(view: _View) -> QualityCheck:
    """5. Open tasks with a hard constraint (MSO, MFO, SNLT, FNLT)."""
    flagged = [t.id for t in view.open if t.constraint in HARD]
    return _share(5, "hard-constraints", flagged, len(view.open))


def _high_float(view: _View) -> QualityCheck:
    """6. Open tasks with more than 44 working days of total slack."""
    flagged = [t.id for t in view.open if view.rows[t.id].total_slack > LONG]
    return _share(6, "high-float", flagged, len(view.open))


def _negative_float(view: _View) -> QualityCheck:
    """7. Open tasks with negative total slack (a deadline or constraint missed)."""
    flagged = [t.id for t in view.open if view.rows[t.id].total_slack < 0]
    return _none_allowed(7, "negative-float", flagged, len(view.open))


def _high_duration(view: _View) -> QualityCheck:
    """8. Open tasks longer than 44 working days."""
    flagged = [t.id for t in view.open if t.duration > LONG]
    return _share(8, "high-duration", flagged, len(view.open))


def _invalid_dates(view: _View) -> QualityCheck:
    """9. Actual dates after the status date, or forecast work before it."""
    if view.as_of is None:
        return _not_applicable(9, "invalid-dates", "0", "needs a status date (tracking data)")
    as_of = view.as_of
    flagged = []
    for task in view.plan.tasks:
        work = view.work.get(task.id)
        row = view.rows[task.id]
        if work is not None:
            late_record = work.actual_start > as_of or (
                work.actual_finish is not None and work.actual_finish > as_of
            )
            if late_record:
                flagged.append(task.id)
        elif row.start <= as_of:
            flagged.append(task.id)
    return _none_allowed(9, "invalid-dates", flagged, len(view.plan.tasks))


def _resources(view: _View) -> QualityCheck:
    """10. Open tasks with work and no lead: the seed's test, every task has an agency."""
    flagged = [t.id for t in view.open if t.duration > 0 and not t.lead]
    return _none_allowed(10, "resources", flagged, len(view.open))


def _due(view: _View, baseline: Baseline) -> list[str]:
    """The tasks the baseline has finishing by the status date."""
    assert view.as_of is not None
    return [
        task_id
        for task_id, saved in baseline.tasks.items()
        if task_id in view.rows and saved.finish <= view.as_of
    ]


def _missed(view: _View, baseline: Baseline | None) -> QualityCheck:
    """11. Of the tasks the baseline finishes by the status date, those that finished
    later than it, or have not finished."""
    if view.as_of is None or baseline is None:
        return _not_applicable(11, "missed-tasks", "<= 5%", "needs a status date and a baseline")
    due = _due(view, baseline)
    flagged = []
    for task_id in due:
        work = view.work.get(task_id)
        finish = None if work is None else work.actual_finish
        if finish is None or finish > baseline.tasks[task_id].finish:
            flagged.append(task_id)
    return _share(11, "missed-tasks", flagged, len(due))


def _critical_path_test(view: _View) -> QualityCheck:
    """12. Delay the first open critical task that leads to the task finishing the
    plan by 600 working days: that last task must move by as much, or the critical
    path is broken (a hard constraint or a missing link holds it)."""
    rows = view.rows
    # The task finishing the plan; of several on that day, the last in plan order.
    end = max(reversed(list(rows.values())), key=lambda row: (row.finish, row.start))
    before = _ancestors(view, end.id)
    candidates = [rows[t] for t in before if rows[t].critical and t not in view.work]
    if not candidates:
        return _not_applicable(12, "critical-path-test", f">= {PROBE}", "no open critical path")
    probe = min(candidates, key=lambda row: (row.start, row.finish))
    delayed = what_if(view.schedule, {probe.id: view.plan.task(probe.id).duration + PROBE})
    moved = view.plan.calendar.working_days_between(end.finish, delayed[end.id].finish)
    passed = moved >= PROBE
    flagged = (probe.id, end.id)
    return QualityCheck(12, "critical-path-test", float(moved), f">= {PROBE}", passed, flagged)


def _ancestors(view: _View, task_id: str) -> set[str]:
    """Every task ``task_id`` waits for, directly or through others."""
    seen: set[str] = set()
    todo = [task_id]
    while todo:
        for dep in view.plan.task(todo.pop()).depends:
            if dep.task not in seen:
                seen.add(dep.task)
                todo.append(dep.task)
    return seen


def _cpli(view: _View) -> QualityCheck:
    """13. Critical path length index: (length + total float) / length, where the
    length runs from the status date (or the plan's start) to the finish and the
    float is the least total slack on the critical path (negative when a deadline is
    missed)."""
    schedule = view.schedule
    day = dt.timedelta(days=1)
    first = view.plan.start if view.as_of is None else view.as_of + day
    length = view.plan.calendar.working_days_between(first, schedule.finish + day)
    on_path = [view.rows[t] for t in schedule.critical_path]
    if length <= 0 or not on_path:
        return _not_applicable(13, "cpli", ">= 0.95", "no critical path left to run")
    slack = min(row.total_slack for row in on_path)
    value = (length + slack) / length
    flagged = tuple(row.id for row in on_path if row.total_slack < 0)
    return QualityCheck(13, "cpli", value, ">= 0.95", value >= 0.95, flagged)


def _bei(view: _View, baseline: Baseline | None) -> QualityCheck:
    """14. Baseline execution index: tasks finished by the status date over the tasks
    the baseline finishes by then."""
    if view.as_of is None or baseline is None:
        return _not_applicable(14, "bei", ">= 0.95", "needs a status date and a baseline")
    as_of = view.as_of
    due = _due(view, baseline)
    done = [
        t for t, w in view.work.items() if w.actual_finish is not None and w.actual_finish <= as_of
    ]
    if not due:
        return _not_applicable(14, "bei", ">= 0.95", "the baseline finishes nothing by then")
    value = len(done) / len(due)
    flagged = tuple(t for t in due if t not in done)
    return QualityCheck(14, "bei", value, ">= 0.95", value >= 0.95, flagged, len(due))


def _not_applicable(number: int, key: str, threshold: str, why: str) -> QualityCheck:
    return QualityCheck(number, key, None, threshold, None, note=why)
