"""The passes task by task in plain Python, for small plans.

Importing numpy costs a command-line run more (60 to 90 ms) than scheduling a plan of
a few hundred tasks does, so a small plan of task objects with nothing tracked is
scheduled here instead: the same rules as the vectorised engine (:mod:`._passes`,
which names the MS Project rule each step mirrors), one loop over the tasks in
topological order each way. Tests hold the two engines to the same results on
random plans; a :class:`~._schedule.Schedule` made here computes the arrays too
when something asks for them (explanations, what-if).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final, final

from urbangov.errors import CalendarError, PlanError
from urbangov.plan import Plan, TaskTable
from urbangov.scheduling._codes import (
    ALAP,
    ASAP,
    FF,
    FNET,
    FNLT,
    MFO,
    MSO,
    NO_DATE,
    NO_FLOOR,
    SF,
    SNET,
    SNLT,
    SS,
)
from urbangov.scheduling._compile import Columns, cycle_error, origin_of, plan_columns
from urbangov.scheduling._time import add_work, as_end, as_start, day_of, on_rest_day, work_before

__all__ = ["SMALL_PLAN", "Rows", "fits", "schedule_rows"]

#: The most tasks a plan scheduled here has. Up to this size the loops here take at
#: most a few milliseconds longer than the engine once numpy is loaded, and a process
#: that schedules one plan saves loading it (``python -m benchmarks.small_plans``).
SMALL_PLAN: Final = 500

_NEVER_HIGH: Final = -NO_FLOOR


def fits(plan: Plan) -> bool:
    """Whether ``plan`` is scheduled here: task objects, at most :data:`SMALL_PLAN`."""
    return not isinstance(plan.tasks, TaskTable) and len(plan.tasks) <= SMALL_PLAN


@final
class Rows:
    """What the passes found, one list entry per task in plan order (instants in
    quarter-steps, see :mod:`._time`), with the compiled plan they came from."""

    __slots__ = (
        "columns",
        "critical",
        "early_finish",
        "early_start",
        "finish",
        "free_slack",
        "late_finish",
        "late_start",
        "start",
        "total_slack",
    )

    def __init__(self, columns: Columns, order: list[int], into: list[list[int]]) -> None:
        self.columns = c = columns
        es, ef = _forward(c, order, into)
        out_of = _links_out(c)
        project_finish = max(ef, default=0)
        ls, lf = _backward(c, order, out_of, project_finish)
        if any(c.constraint[i] == ALAP for i in c.src):
            # Successors of ALAP tasks follow their late dates (a second forward pass).
            es, ef = _forward(c, order, into, late=(ls, lf))
        alap = [kind == ALAP for kind in c.constraint]
        self.early_start, self.early_finish = es, ef
        self.late_start, self.late_finish = ls, lf
        # An ALAP task is shown at its late dates, with no slack.
        self.start = [late if a else early for a, early, late in zip(alap, es, ls, strict=True)]
        self.finish = [late if a else early for a, early, late in zip(alap, ef, lf, strict=True)]
        self.total_slack = total = [
            0 if a else min(work_before(s2) - work_before(s1), work_before(f2) - work_before(f1))
            for a, s1, s2, f1, f2 in zip(alap, es, ls, ef, lf, strict=True)
        ]
        self.free_slack = _free_slack(c, out_of, self.start, self.finish, total)
        self.critical = [slack <= 0 for slack in total]

    def day_numbers(self, origin: int) -> dict[str, list[int]]:
        """Working-day numbers of the days each date is shown on (see
        ``Schedule._dates``: a milestone's late days are its early days moved by its
        total slack)."""
        numbers = {
            name: [origin + day_of(t) for t in getattr(self, name)]
            for name in ("start", "finish", "early_start", "early_finish")
        }
        c = self.columns
        for name, early in (("late_start", "early_start"), ("late_finish", "early_finish")):
            late = [origin + day_of(t) for t in getattr(self, name)]
            for row, dur in enumerate(c.duration):
                if dur == 0 and c.constraint[row] != ALAP:
                    late[row] = numbers[early][row] + self.total_slack[row]
            numbers[name] = late
        return numbers

    def critical_rows(self) -> list[int]:
        """The critical tasks' rows in order of start, then finish, then row."""
        rows = [row for row, critical in enumerate(self.critical) if critical]
        return sorted(rows, key=lambda row: (self.start[row], self.finish[row], row))

    def link_conflicts(self) -> Iterator[tuple[int, int, int]]:
        """``(successor, predecessor, days)`` for every link the early dates break."""
        c = self.columns
        for e, (src, dst) in enumerate(zip(c.src, c.dst, strict=True)):
            gap = _gap(c, e, self.early_start, self.early_finish)
            if gap < 0:
                yield dst, src, -gap

    def missed_deadlines(self) -> Iterator[tuple[int, int]]:
        """``(row, working days late)`` of the tasks that finish after their deadline."""
        for row, due in enumerate(self.columns.deadline_at):
            if due != NO_DATE:
                late = work_before(self.early_finish[row]) - work_before(due)
                if late > 0:
                    yield row, late

    def before_start(self) -> Iterator[int]:
        """The rows of the tasks that start before the project start."""
        return (row for row, start in enumerate(self.start) if start < 0)


def schedule_rows(plan: Plan) -> tuple[Rows, int]:
    """The passes over ``plan`` and the working-day number of its start.

    Raises:
        CycleError: the dependencies form a loop (named).
        PlanError: a date the calendar cannot name, with the task.
    """
    origin = origin_of(plan)
    columns = plan_columns(plan, origin)
    into = _links_into(columns)
    rows = Rows(columns, _order(plan, columns, into), into)
    _check_range(plan, rows, origin)
    return rows, origin


def _links_into(c: Columns) -> list[list[int]]:
    into: list[list[int]] = [[] for _ in c.duration]
    for e, dst in enumerate(c.dst):
        into[dst].append(e)
    return into


def _links_out(c: Columns) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in c.duration]
    for e, src in enumerate(c.src):
        out[src].append(e)
    return out


def _order(plan: Plan, c: Columns, into: list[list[int]]) -> list[int]:
    """The rows in a topological order (Kahn's algorithm)."""
    waiting = [len(links) for links in into]
    out = _links_out(c)
    ready = [row for row, count in enumerate(waiting) if count == 0]
    order: list[int] = []
    while ready:
        row = ready.pop()
        order.append(row)
        for e in out[row]:
            dst = c.dst[e]
            waiting[dst] -= 1
            if waiting[dst] == 0:
                ready.append(dst)
    if len(order) < len(waiting):
        raise cycle_error(plan, [row for row, count in enumerate(waiting) if count > 0])
    return order


def _moved(t: int, first: int, second: int) -> int:
    """``t`` moved by two amounts of work done one after the other (see
    ``_topology.Moves``): not at all when both are zero, else from the next 08:00,
    ending at 17:00 when the last non-zero move adds work."""
    if first == 0 and second == 0:
        return t
    ends_at_finish = second > 0 if second != 0 else first > 0
    return as_start(t) + 4 * (first + second) - 3 * ends_at_finish


def _span(dur: int) -> int:
    """Finish less start of ``dur`` days of work starting at 08:00."""
    return 4 * dur - 3 if dur > 0 else 0


def _snap(start: int, dur: int) -> int:
    """Work starts at 08:00; a milestone stays at 08:00 or 17:00, not on a rest day."""
    return as_start(start) if dur > 0 or on_rest_day(start) else start


def _forward(
    c: Columns,
    order: list[int],
    into: list[list[int]],
    *,
    late: tuple[list[int], list[int]] | None = None,
) -> tuple[list[int], list[int]]:
    """Early dates; with ``late``, links out of an ALAP task into one that is not
    read the ALAP task's late dates (MS Project's second forward pass)."""
    n = len(c.duration)
    es, ef = [0] * n, [0] * n
    for j in order:
        dur, links = c.duration[j], into[j]
        start = 0
        if links:
            start = max(_forward_link(c, e, es, ef, late) for e in links)
        start = _snap(start, dur)
        finish = start + _span(dur)
        kind = c.constraint[j]
        if kind not in (ASAP, ALAP):
            start, finish = _constrain_forward(kind, c.constraint_at[j], dur, start, not links)
        es[j], ef[j] = start, finish
    return es, ef


def _forward_link(
    c: Columns, e: int, es: list[int], ef: list[int], late: tuple[list[int], list[int]] | None
) -> int:
    src, dst, kind = c.src[e], c.dst[e], c.kind[e]
    starts, finishes = es, ef
    if late is not None and c.constraint[src] == ALAP and c.constraint[dst] != ALAP:
        starts, finishes = late
    t = finishes[src] if kind & 1 else starts[src]
    at = _moved(t, -c.duration[dst] if kind & 2 else 0, c.lag[e])
    return max(at, 0) if kind == FF else at  # only FF is held at the project start


def _constrain_forward(
    kind: int, at: int, dur: int, start: int, first_level: bool
) -> tuple[int, int]:
    """Early start and finish of a task with a dated constraint, from its
    link-driven start (see ``_passes.Constraints``)."""
    for_finish = add_work(at, -dur)  # where a task ending at `at` starts
    if first_level:  # a SNET or FNET date replaces the project start
        start = _snap(at if kind == SNET else for_finish if kind == FNET else 0, dur)
    if kind in (MSO, MFO):
        start = at if kind == MSO else for_finish
    else:
        low = at if kind == SNET else for_finish if kind == FNET else NO_FLOOR
        high = at if kind == SNLT else for_finish if kind == FNLT else _NEVER_HIGH
        start = min(max(start, low), high)
    # An FNET task keeps its date as its finish only without links.
    own_finish = kind == MFO or (kind == FNET and first_level)
    return start, at if own_finish else add_work(start, dur)


def _backward(
    c: Columns, order: list[int], out_of: list[list[int]], project_finish: int
) -> tuple[list[int], list[int]]:
    """Late dates, from the project finish back through links, constraints and
    deadlines."""
    n = len(c.duration)
    ls, lf = [0] * n, [project_finish] * n
    for i in reversed(order):
        dur, links = c.duration[i], out_of[i]
        finish = project_finish
        if links:
            finish = min(min(_backward_link(c, e, ls, lf) for e in links), project_finish)
        kind = c.constraint[i]
        if kind not in (ASAP, ALAP):
            finish = _constrain_backward(kind, c.constraint_at[i], dur, finish)
        finish = as_end(min(finish, c.deadline_at[i]))  # a late finish shows at 17:00
        lf[i], ls[i] = finish, finish - _span(dur)
    return ls, lf


def _backward_link(c: Columns, e: int, ls: list[int], lf: list[int]) -> int:
    """SF adds the predecessor's duration before removing the lag; SS starts at the
    successor's next 08:00 and adds it after."""
    dst, kind, lag, dur = c.dst[e], c.kind[e], c.lag[e], c.duration[c.src[e]]
    t = lf[dst] if kind & 2 else ls[dst]
    if kind == SS:
        return _moved(as_start(t), -lag, dur)
    return _moved(t, dur if kind == SF else 0, -lag)


def _constrain_backward(kind: int, at: int, dur: int, finish: int) -> int:
    for_start = add_work(at, dur)  # where a task starting at `at` ends
    if kind in (MSO, MFO):
        return for_start if kind == MSO else at
    high = for_start if kind == SNLT else at if kind == FNLT else _NEVER_HIGH
    return min(finish, high)


def _free_slack(
    c: Columns, out_of: list[list[int]], start: list[int], finish: list[int], total: list[int]
) -> list[int]:
    """The least gap over a task's links less the lag (its total slack without
    links), never negative."""
    free = []
    for row, links in enumerate(out_of):
        least = total[row]
        if links:
            least = min(_gap(c, e, start, finish) for e in links)
        free.append(max(least, 0))
    return free


def _gap(c: Columns, e: int, start: list[int], finish: list[int]) -> int:
    """Working days between link ``e``'s two dates, less its lag (negative: broken)."""
    src, dst, kind = c.src[e], c.dst[e], c.kind[e]
    driver = finish[src] if kind & 1 else start[src]
    driven = finish[dst] if kind & 2 else start[dst]
    return work_before(driven) - work_before(driver) - c.lag[e]


def _check_range(plan: Plan, rows: Rows, origin: int) -> None:
    """Refuse dates the calendar cannot name, naming the task (the same tasks as
    ``_compile.check_range`` names)."""
    if not plan.tasks:
        return
    index = plan.calendar.index
    for pick in (min, max):
        for name in ("early_start", "late_start", "early_finish", "late_finish"):
            times: list[int] = getattr(rows, name)
            row = times.index(pick(times))
            try:
                index.ordinal(origin + day_of(times[row]))
            except CalendarError as exc:
                task = plan.tasks[row]
                raise PlanError(f"task {task.id!r}: {exc}", task_id=task.id) from None
