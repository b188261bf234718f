"""The schedule of a plan: dates, slack, the critical path and what looks wrong."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias, final, overload

import attrs

from urbangov.plan import Plan, outline_parents, parts_first
from urbangov.scheduling import _codes as codes
from urbangov.scheduling import _small as small
from urbangov.scheduling._compile import check_range, compile_plan, cycle_error, day_numbers
from urbangov.scheduling._progressed import Actual, with_actuals
from urbangov.scheduling._time import day_of, work_before

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from urbangov.scheduling import _engine as engine

    #: One value per task: a list (small plans) or an array (the engine's).
    PerTask: TypeAlias = list[int] | npt.NDArray[np.int64]

__all__ = [
    "GroupSchedule",
    "Schedule",
    "ScheduleWarning",
    "TaskSchedule",
    "Tracking",
    "WarningKind",
    "WorkDone",
    "schedule",
]


class WarningKind(StrEnum):
    """Why a schedule deserves a second look."""

    #: A constraint moved a task earlier than one of its links allows.
    LINK_OVERRIDDEN = "link-overridden"
    #: The task finishes after its deadline (its slack is negative).
    DEADLINE_MISSED = "deadline-missed"
    #: A constraint or a lead puts the task before the project start.
    BEFORE_PROJECT_START = "before-project-start"
    #: A task started (or finished) before one of its links allows: progress out of
    #: sequence, worth a question at the next meeting.
    OUT_OF_SEQUENCE = "out-of-sequence"


@final
@attrs.frozen
class ScheduleWarning:
    """A conflict the scheduler resolved the way MS Project does, reported."""

    kind: WarningKind
    task_id: str
    #: In English, for logs and the JSON contract.
    message: str
    #: What the message is made of (``days``, ``predecessor``, ``deadline`` …), for a
    #: face that says it in another language; ``cause`` tells the variants apart.
    values: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "task": self.task_id, "message": self.message}


@final
@attrs.frozen
class TaskSchedule:
    """Where one task sits. Dates are working days as MS Project shows them."""

    id: str
    start: dt.date
    finish: dt.date
    early_start: dt.date
    early_finish: dt.date
    late_start: dt.date
    late_finish: dt.date
    total_slack: int
    free_slack: int
    critical: bool
    milestone: bool

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = attrs.asdict(self)
        for key, value in out.items():
            if isinstance(value, dt.date):
                out[key] = value.isoformat()
        return out


@final
@attrs.frozen
class GroupSchedule:
    """Where a :class:`~urbangov.plan.Group` sits: from the first start to the last
    finish of the tasks under it, at any depth (MS Project's summary task). A group
    with no task under it has no dates."""

    id: str
    title: str
    part_of: str | None
    start: dt.date | None
    finish: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = attrs.asdict(self)
        for key in ("start", "finish"):
            out[key] = None if out[key] is None else out[key].isoformat()
        return out


_DATE_FIELDS = ("start", "finish", "early_start", "early_finish", "late_start", "late_finish")


@final
class Schedule(Sequence[TaskSchedule]):
    """A scheduled plan: a read-only sequence of :class:`TaskSchedule`, in plan order.

    Results are kept as arrays (as lists for a small plan, see :mod:`._small`) and
    turned into objects only when asked for, so a schedule of a million tasks costs
    arrays, not a million objects.
    """

    __slots__ = (
        "_arrays",
        "_days",
        "_groups",
        "_origin",
        "_planned",
        "_rows",
        "_tracked",
        "_warnings",
        "plan",
    )

    def __init__(
        self,
        plan: Plan,
        network: engine.Network | None,
        passes: engine.Passes | None,
        origin: int,
        planned: engine.Network | None = None,
        tracked: tuple[Mapping[str, Actual], dt.date | None] | None = None,
        *,
        rows: small.Rows | None = None,
    ) -> None:
        """The engine's ``network`` and ``passes``, or (both ``None``) the ``rows``
        of a small plan."""
        self.plan = plan
        self._arrays = None if network is None or passes is None else (network, passes)
        self._rows = rows
        if self._arrays is None and rows is None:
            raise TypeError("a schedule needs the engine's arrays or a small plan's rows")
        self._origin = origin
        #: Without actuals: the network as the plan alone compiles it.
        self._planned = planned
        #: The actuals and status date it was scheduled with, if any.
        self._tracked = tracked
        self._days: dict[str, PerTask] | None = None
        self._warnings: tuple[ScheduleWarning, ...] | None = None
        self._groups: tuple[GroupSchedule, ...] | None = None

    @property
    def _network(self) -> engine.Network:
        return self._engine_arrays()[0]

    @property
    def _passes(self) -> engine.Passes:
        return self._engine_arrays()[1]

    def _engine_arrays(self) -> tuple[engine.Network, engine.Passes]:
        """The engine's arrays; for a small plan scheduled without them, made now
        (what-if works on them)."""
        if self._arrays is None:
            from urbangov.scheduling import _engine as engine

            network, origin = compile_plan(self.plan)
            if self._tracked is not None:
                actuals, status_date = self._tracked
                network = with_actuals(self.plan, network, origin, actuals, status_date)
            self._arrays = (network, engine.compute(network))
        return self._arrays

    def planned(self) -> Schedule:
        """The plan scheduled without the actual dates this schedule was given (the
        plan as approved): itself when it has none."""
        if self._tracked is None:
            return self
        if self._planned is None:  # a small plan's (see :mod:`._small`)
            return schedule(self.plan)
        from urbangov.scheduling import _engine as engine

        passes = engine.compute(self._planned)
        return Schedule(self.plan, self._planned, passes, self._origin)

    @property
    def tracking(self) -> Tracking | None:
        """The actual work and status date this schedule was computed with; ``None``
        for a plan scheduled as approved."""
        if self._tracked is None:
            return None
        actuals, status_date = self._tracked
        plan = self.plan
        duration, remaining, floors = self._work_and_floors()
        work = {}
        for task_id, actual in actuals.items():
            row = plan.position(task_id)
            left = int(remaining[row])
            done = int(duration[row]) - left
            if actual.percent is not None:
                percent = actual.percent
            elif actual.finish is not None:
                percent = 100
            else:
                percent = 100 * done // (done + left) if done + left else 0
            work[plan.ids[row]] = WorkDone(actual.start, actual.finish, done, left, percent)
        return Tracking(status_date, work, floors)

    def _work_and_floors(self) -> tuple[PerTask, PerTask, dict[str, dt.date]]:
        """A tracked schedule's durations and work left per task, and the floors the
        status date put on work not started (constraints that differ from the plan's)."""
        index, ids, origin = self.plan.calendar.index, self.plan.ids, self._origin
        rows = self._rows
        if rows is not None:
            assert rows.progress is not None
            assert rows.planned is not None
            now, then = rows.columns, rows.planned
            moved = [
                row
                for row in range(len(now.constraint))
                if (now.constraint[row], now.constraint_at[row])
                != (then.constraint[row], then.constraint_at[row])
            ]
            floors = {
                ids[row]: dt.date.fromordinal(
                    index.ordinal(origin + day_of(now.constraint_at[row]))
                )
                for row in moved
            }
            return now.duration, rows.progress.remaining, floors
        import numpy as np

        net, planned = self._network, self._planned
        assert net.progress is not None
        assert planned is not None
        at = np.flatnonzero(
            (net.constraint != planned.constraint) | (net.constraint_at != planned.constraint_at)
        )
        days = index.ordinals(day_numbers(net.constraint_at[at], origin))
        floors = {
            ids[int(row)]: dt.date.fromordinal(int(day)) for row, day in zip(at, days, strict=True)
        }
        return net.duration, net.progress.remaining, floors

    def column(self, name: str) -> list[Any]:
        """One field of every task, in plan order, without building a
        :class:`TaskSchedule` per task: a date field, ``total_slack``, ``free_slack``
        or ``critical``."""
        if name in _DATE_FIELDS:
            to_date = dt.date.fromordinal
            return [to_date(int(x)) for x in self._dates()[name]]
        if name in ("total_slack", "free_slack", "critical"):
            if self._rows is not None:
                return list(getattr(self._rows, name))
            values: list[Any] = getattr(self._passes, name).tolist()
            return values
        raise KeyError(f"no schedule column {name!r}")

    # -- the sequence -----------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.plan)

    @overload
    def __getitem__(self, key: int | str) -> TaskSchedule: ...
    @overload
    def __getitem__(self, key: slice) -> Sequence[TaskSchedule]: ...
    def __getitem__(self, key: int | str | slice) -> TaskSchedule | Sequence[TaskSchedule]:
        if isinstance(key, slice):
            return [self._task(row) for row in range(len(self))[key]]
        if isinstance(key, str):
            return self._task(self.plan.position(key))
        return self._task(range(len(self))[key])

    def __iter__(self) -> Iterator[TaskSchedule]:
        return (self._task(row) for row in range(len(self)))

    def _task(self, row: int) -> TaskSchedule:
        days = self._dates()
        p: small.Rows | engine.Passes
        duration: PerTask
        if self._rows is not None:
            p, duration = self._rows, self._rows.columns.duration
        else:
            p, duration = self._passes, self._network.duration
        to_date = dt.date.fromordinal
        return TaskSchedule(
            id=self.plan.ids[row],
            start=to_date(int(days["start"][row])),
            finish=to_date(int(days["finish"][row])),
            early_start=to_date(int(days["early_start"][row])),
            early_finish=to_date(int(days["early_finish"][row])),
            late_start=to_date(int(days["late_start"][row])),
            late_finish=to_date(int(days["late_finish"][row])),
            total_slack=int(p.total_slack[row]),
            free_slack=int(p.free_slack[row]),
            critical=bool(p.critical[row]),
            milestone=bool(duration[row] == 0),
        )

    def _dates(self) -> dict[str, PerTask]:
        """The day ordinals of each date field, computed once."""
        if self._days is None:
            self._days = self._day_ordinals()
        return self._days

    def _day_ordinals(self) -> dict[str, PerTask]:
        index = self.plan.calendar.index
        if self._rows is not None:
            numbers = self._rows.day_numbers(self._origin)
            return {name: list(map(index.ordinal, days)) for name, days in numbers.items()}
        p = self._passes
        arrays = {name: day_numbers(getattr(p, name), self._origin) for name in _DATE_FIELDS}
        late = _milestone_late_days(self._network, p, self._origin)
        if late is not None:
            rows, late_start, late_finish = late
            arrays["late_start"][rows] = late_start
            arrays["late_finish"][rows] = late_finish
        return {name: index.ordinals(days) for name, days in arrays.items()}

    # -- the plan as a whole ----------------------------------------------------------

    @property
    def start(self) -> dt.date:
        """The earliest task start."""
        if not len(self):
            return self.plan.start
        if self._rows is not None:
            return self._day(min(self._rows.start))
        return self._day(int(self._passes.start.min()))

    @property
    def finish(self) -> dt.date:
        """The latest task finish."""
        if not len(self):
            return self.plan.start
        if self._rows is not None:
            return self._day(max(self._rows.finish))
        return self._day(int(self._passes.finish.max()))

    def _day(self, instant: int) -> dt.date:
        # Days are shown in the order of instants, so the extreme instant's day is
        # the extreme day: no need to convert every task's dates.
        index = self.plan.calendar.index
        return dt.date.fromordinal(index.ordinal(self._origin + day_of(instant)))

    @property
    def groups(self) -> tuple[GroupSchedule, ...]:
        """The plan's groups, in plan order, with the dates of the tasks under them."""
        if self._groups is None:
            self._groups = self._rolled_up_groups()
        return self._groups

    def _rolled_up_groups(self) -> tuple[GroupSchedule, ...]:
        plan = self.plan
        if not plan.groups:
            return ()
        n = len(plan.tasks)
        days = self._dates()
        first: list[int | None] = [*_as_list(days["start"]), *[None] * len(plan.groups)]
        last: list[int | None] = [*_as_list(days["finish"]), *[None] * len(plan.groups)]
        parent = outline_parents(plan)
        for slot in parts_first(plan, parent):
            up, start, finish = parent[slot], first[slot], last[slot]
            if up == -1 or start is None or finish is None:
                continue
            above, below = first[up], last[up]
            first[up] = start if above is None else min(above, start)
            last[up] = finish if below is None else max(below, finish)
        out = []
        for k, group in enumerate(plan.groups, n):
            start, finish = first[k], last[k]
            out.append(
                GroupSchedule(
                    group.id,
                    group.title,
                    group.part_of,
                    None if start is None else dt.date.fromordinal(start),
                    None if finish is None else dt.date.fromordinal(finish),
                )
            )
        return tuple(out)

    @property
    def critical_path(self) -> tuple[str, ...]:
        """The critical tasks (total slack ≤ 0), in order of start, then finish."""
        ids = self.plan.ids
        if self._rows is not None:
            return tuple(ids[r] for r in self._rows.critical_rows())
        import numpy as np

        p = self._passes
        rows = np.flatnonzero(p.critical)
        rows = rows[np.lexsort((rows, p.finish[rows], p.start[rows]))]
        return tuple(ids[int(r)] for r in rows)

    @property
    def warnings(self) -> tuple[ScheduleWarning, ...]:
        """Conflicts between constraints, links and deadlines, task by task."""
        if self._warnings is None:
            self._warnings = tuple(_find_warnings(self))
        return self._warnings

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``urbangov schedule --format json``."""
        return {
            "plan": self.plan.id,
            "start": self.start.isoformat(),
            "finish": self.finish.isoformat(),
            "tasks": [task.to_dict() for task in self],
            "groups": [group.to_dict() for group in self.groups],
            "critical_path": list(self.critical_path),
            "warnings": [w.to_dict() for w in self.warnings],
        }


@final
@attrs.frozen
class WorkDone:
    """One task's progress as a tracked schedule counts it, the way MS Project keeps
    it: work done and left in working days (their sum is the task's duration in the
    forecast), a task behind at the status date having its done work stretched to it."""

    actual_start: dt.date
    actual_finish: dt.date | None
    done: int
    remaining: int
    #: Percent complete: as reported, else 100 when finished, else done / duration
    #: rounded down (MS Project's rule).
    percent: int


@final
@attrs.frozen
class Tracking:
    """What a tracked schedule was given: the work done, task by task, and the status
    date with the start-no-earlier-than floors it puts on work not started."""

    status_date: dt.date | None
    work: Mapping[str, WorkDone]
    #: Tasks not started whose start the status date floors, and the floor (the first
    #: working day after it), as MS Project's *Update Project* sets them.
    floors: Mapping[str, dt.date]


def schedule(
    plan: Plan,
    *,
    actuals: Mapping[str, Actual] | None = None,
    status_date: dt.date | None = None,
) -> Schedule:
    """Schedule ``plan`` from its start date, as MS Project would.

    ``actuals`` (task id -> :class:`Actual`) is what has happened: finished tasks stay
    where they happened and started ones start where they did, as MPXJ's scheduler
    places them. With a ``status_date``, work not done by then is forecast after it
    (see :mod:`urbangov.scheduling._progressed`).

    Raises:
        CycleError: the dependencies form a loop (the error names it).
        UnknownTaskError: an actual names a task the plan does not have.
    """
    tracked = None
    if actuals or status_date is not None:
        tracked = (dict(actuals or {}), status_date)
    if small.fits(plan):
        rows, origin = small.schedule_rows(plan, actuals, status_date)
        return Schedule(plan, None, None, origin, tracked=tracked, rows=rows)
    from urbangov.scheduling import _engine as engine

    network, origin = compile_plan(plan)
    planned = None
    if tracked is not None:
        planned = network
        network = with_actuals(plan, network, origin, actuals or {}, status_date)
    try:
        passes = engine.compute(network)
    except engine.CycleFoundError as found:
        raise cycle_error(plan, found.rows) from None
    check_range(plan, passes, origin)
    return Schedule(plan, network, passes, origin, planned, tracked)


def _milestone_late_days(
    network: engine.Network, passes: engine.Passes, origin: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The late start and finish days shown for milestones: their early days moved by
    their total slack.

    17:00 of one working day and 08:00 of the next are one point of working time, and
    a milestone can have its early and late instants in different forms: one pinned to
    the project's first morning has its late date at 17:00 of the day before (as MPXJ
    writes it) although nothing separates early from late. MS Project shows the
    milestone's own day. Shown this way, the working days from early to late equal the
    total slack for every milestone. ALAP milestones keep MS Project's dates: their
    early dates come from a second pass.
    """
    import numpy as np

    rows = np.flatnonzero((network.duration == 0) & (network.constraint != codes.ALAP))
    if not rows.size:
        return None
    slack = passes.total_slack[rows]
    start = day_numbers(passes.early_start[rows], origin) + slack
    finish = day_numbers(passes.early_finish[rows], origin) + slack
    return rows, start, finish


def _find_warnings(sched: Schedule) -> Iterator[ScheduleWarning]:
    plan = sched.plan
    tasks = plan.tasks
    rows = sched._rows
    if rows is not None:
        conflicts: Iterable[tuple[int, int, int, bool]] = rows.link_conflicts()
        missed: Iterable[tuple[int, int]] = rows.missed_deadlines()
        before: Iterable[int] = rows.before_start()
    else:
        conflicts, missed, before = _array_conflicts(sched._network, sched._passes)
    for successor, predecessor, days, progressed in conflicts:
        task, pred = tasks[successor], tasks[predecessor]
        link = next(d for d in task.depends if d.task == pred.id)
        values = _values(
            task=task.id,
            days=days,
            type=link.type,
            predecessor=pred.id,
            constraint=task.constraint,
            date=task.constraint_date,
        )
        if progressed:
            yield ScheduleWarning(
                WarningKind.OUT_OF_SEQUENCE,
                task.id,
                f"task {task.id!r} started {days} working day(s) earlier than "
                f"its {link.type} link from {pred.id!r} allows",
                values,
            )
            continue
        yield ScheduleWarning(
            WarningKind.LINK_OVERRIDDEN,
            task.id,
            f"task {task.id!r} is scheduled {days} working day(s) earlier than "
            f"its {link.type} link from {pred.id!r} allows, because of its "
            f"{task.constraint} {task.constraint_date} constraint",
            values,
        )
    for row, days in missed:
        task = tasks[row]
        yield ScheduleWarning(
            WarningKind.DEADLINE_MISSED,
            task.id,
            f"task {task.id!r} finishes {days} working day(s) after its deadline {task.deadline}",
            _values(task=task.id, days=days, deadline=task.deadline),
        )
    for row in before:
        task = tasks[row]
        cause = (
            f"its {task.constraint} {task.constraint_date} constraint"
            if task.constraint.dated
            else "its links (MS Project holds only FF links at the project start)"
        )
        yield ScheduleWarning(
            WarningKind.BEFORE_PROJECT_START,
            task.id,
            f"task {task.id!r} starts before the project start {plan.start} because of {cause}",
            _values(
                task=task.id,
                start=plan.start,
                cause="constraint" if task.constraint.dated else "links",
                constraint=task.constraint,
                date=task.constraint_date,
            ),
        )


def _array_conflicts(
    net: engine.Network, p: engine.Passes
) -> tuple[list[tuple[int, int, int, bool]], list[tuple[int, int]], list[int]]:
    """What :func:`_find_warnings` reports, found in the engine's arrays: links the
    early dates break ``(successor, predecessor, days, progressed)``, missed
    deadlines ``(row, days)``, and the rows that start before the project."""
    import numpy as np

    conflicts = []
    if net.src.size:
        driver = np.where(net.kind & 1, p.early_finish[net.src], p.early_start[net.src])
        driven = np.where(net.kind & 2, p.early_finish[net.dst], p.early_start[net.dst])
        gap = work_before(driven) - work_before(driver) - net.lag
        progressed = None if net.progress is None else net.progress.progressed
        for e in np.flatnonzero(gap < 0).tolist():
            successor = int(net.dst[e])
            moved = progressed is not None and bool(progressed[successor])
            conflicts.append((successor, int(net.src[e]), -int(gap[e]), moved))
    late = work_before(p.early_finish) - work_before(net.deadline_at)
    missed = np.flatnonzero((net.deadline_at != codes.NO_DATE) & (late > 0)).tolist()
    before = p.start < 0
    if net.progress is not None:  # an actual start before the plan's is a fact
        before &= ~net.progress.progressed
    return conflicts, [(row, int(late[row])) for row in missed], np.flatnonzero(before).tolist()


def _values(**values: object) -> tuple[tuple[str, str], ...]:
    return tuple((name, str(value)) for name, value in values.items() if value is not None)


def _as_list(values: PerTask) -> list[int]:
    return values if isinstance(values, list) else values.tolist()
