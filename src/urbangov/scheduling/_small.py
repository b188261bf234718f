"""The passes task by task in plain Python, for small plans.

Importing numpy costs a command-line run more (60 to 90 ms) than scheduling a plan of
a few hundred tasks does, so a small plan of task objects is scheduled here instead:
the same rules as the vectorised engine (:mod:`._passes`, which names the MS Project
rule each step mirrors, and :mod:`._actuals` for what has happened), one loop over
the tasks in topological order each way. Tests hold the two to the same results on
random plans, tracked or not; a :class:`~._schedule.Schedule` made here computes the
arrays too when something asks for them (what-if).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Final, final

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
from urbangov.scheduling._compile import (
    Columns,
    check_range,
    cycle_error,
    origin_of,
    plan_columns,
)
from urbangov.scheduling._progressed import Progressed, progressed_columns
from urbangov.scheduling._time import add_work, as_end, as_start, day_of, on_rest_day, work_before

if TYPE_CHECKING:
    from urbangov.scheduling._progressed import Actual

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
    quarter-steps, see :mod:`._time`), with the compiled plan they came from: for a
    tracked plan, what happened (``progress``) and the plan as approved (``planned``,
    without the actual work's durations and the status date's floors)."""

    __slots__ = (
        "columns",
        "critical",
        "early_finish",
        "early_start",
        "finish",
        "free_slack",
        "late_finish",
        "late_start",
        "planned",
        "progress",
        "start",
        "total_slack",
    )

    def __init__(
        self,
        columns: Columns,
        order: list[int],
        into: list[list[int]],
        *,
        progress: Progressed | None = None,
        planned: Columns | None = None,
    ) -> None:
        self.columns = c = columns
        self.progress, self.planned = progress, planned
        out_of = _links_out(c)
        done = None if progress is None else _Happened(c, progress, out_of)
        es, ef = _forward(c, order, into, done=done)
        project_finish = max(ef, default=0)
        ls, lf = _backward(c, order, out_of, project_finish, done=done)
        if any(c.constraint[i] == ALAP for i in c.src):
            # Successors of ALAP tasks follow their late dates (a second forward pass).
            es, ef = _forward(c, order, into, late=(ls, lf), done=done)
        alap = [kind == ALAP for kind in c.constraint]
        self.early_start, self.early_finish = es, ef
        self.late_start, self.late_finish = ls, lf
        # An ALAP task is shown at its late dates, with no slack.
        start = [late if a else early for a, early, late in zip(alap, es, ls, strict=True)]
        finish = [late if a else early for a, early, late in zip(alap, ef, lf, strict=True)]
        total = []
        for row, a in enumerate(alap):
            finish_slack = work_before(lf[row]) - work_before(ef[row])
            slack = min(work_before(ls[row]) - work_before(es[row]), finish_slack)
            if done is not None and done.progressed[row]:
                # Once started, only the finish counts; what happened is shown as it was.
                slack, start[row] = finish_slack, done.progress.actual_start[row]
                if done.finished[row]:
                    finish[row] = done.fixed_finish[row]
            total.append(0 if a else slack)
        self.start, self.finish, self.total_slack = start, finish, total
        self.free_slack = _free_slack(c, out_of, start, finish, total, done=done)
        self.critical = [slack <= 0 for slack in total]
        if done is not None:  # MS Project's flag looks at the stored percentage too
            for row, complete in enumerate(done.progress.complete):
                if complete or done.finished[row]:
                    self.critical[row] = False

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

    def link_conflicts(self) -> Iterator[tuple[int, int, int, bool]]:
        """``(successor, predecessor, days, progressed)`` for every link the early
        dates break (``progressed``: the successor has started, out of sequence)."""
        c, progress = self.columns, self.progress
        for e, (src, dst) in enumerate(zip(c.src, c.dst, strict=True)):
            gap = _gap(c, e, self.early_start, self.early_finish)
            if gap < 0:
                started = progress is not None and progress.actual_start[dst] != NO_DATE
                yield dst, src, -gap, started

    def drivers(self) -> dict[int, tuple[int, int]]:
        """``task row -> (link, predecessor row)`` for every task a link drives: its
        candidate start through the link, as the forward pass settles it, is the
        task's start (see ``_driving``). Of several, the predecessor that finishes
        last, then the first in the plan; a started task has none."""
        c, es, ef = self.columns, self.early_start, self.early_finish
        late = (self.late_start, self.late_finish) if ALAP in c.constraint else None
        progress = self.progress
        best: dict[int, tuple[int, int, int]] = {}
        for e, (before, to) in enumerate(zip(c.src, c.dst, strict=True)):
            if progress is not None and progress.actual_start[to] != NO_DATE:
                continue
            if _snap(_forward_link(c, e, es, ef, late), c.duration[to]) != es[to]:
                continue
            key = (-ef[before], before, e)
            if to not in best or key < best[to]:
                best[to] = key
        return {to: (link, before) for to, (_, before, link) in best.items()}

    def missed_deadlines(self) -> Iterator[tuple[int, int]]:
        """``(row, working days late)`` of the tasks that finish after their deadline."""
        for row, due in enumerate(self.columns.deadline_at):
            if due != NO_DATE:
                late = work_before(self.early_finish[row]) - work_before(due)
                if late > 0:
                    yield row, late

    def before_start(self) -> Iterator[int]:
        """The rows of the tasks that start before the project start (an actual
        start before it is a fact, not a conflict)."""
        started = [False] * len(self.start)
        if self.progress is not None:
            started = [t != NO_DATE for t in self.progress.actual_start]
        return (row for row, start in enumerate(self.start) if start < 0 and not started[row])


def schedule_rows(
    plan: Plan,
    actuals: Mapping[str, Actual] | None = None,
    status_date: dt.date | None = None,
) -> tuple[Rows, int]:
    """The passes over ``plan`` (with what has happened, if given) and the
    working-day number of its start.

    Raises:
        CycleError: the dependencies form a loop (named).
        PlanError: a date the calendar cannot name, with the task.
    """
    origin = origin_of(plan)
    columns = plan_columns(plan, origin)
    progress = None
    planned, columns = columns, columns
    if actuals or status_date is not None:
        columns, progress = progressed_columns(plan, columns, origin, actuals or {}, status_date)
    into = _links_into(columns)
    order = _order(plan, columns, into)
    if progress is None:
        rows = Rows(columns, order, into)
    else:
        rows = Rows(columns, order, into, progress=progress, planned=planned)
    check_range(plan, rows, origin)
    return rows, origin


@final
class _Happened:
    """A tracked plan's progress as the passes use it (see ``_actuals.Actuals``)."""

    __slots__ = ("finished", "fixed_finish", "pinned", "progress", "progressed", "started")

    def __init__(self, c: Columns, progress: Progressed, out_of: list[list[int]]) -> None:
        self.progress = progress
        self.finished = [t != NO_DATE for t in progress.actual_finish]
        self.progressed = [t != NO_DATE for t in progress.actual_start]
        self.started = [a and not b for a, b in zip(self.progressed, self.finished, strict=True)]
        # Forward: a finished task ends at its actual finish; a started one its whole
        # duration after its actual start, or later for an FNET date.
        self.fixed_finish = fixed = [NO_DATE] * len(c.duration)
        for row, dur in enumerate(c.duration):
            if self.finished[row]:
                fixed[row] = progress.actual_finish[row]
            elif self.started[row]:
                fixed[row] = add_work(progress.actual_start[row], dur)
                if c.constraint[row] == FNET:
                    fixed[row] = max(fixed[row], c.constraint_at[row])
        # A started milestone with unfinished successors has its late finish at its start.
        self.pinned = [
            self.started[row] and dur == 0 and any(not self.finished[c.dst[e]] for e in out_of[row])
            for row, dur in enumerate(c.duration)
        ]

    def link_override(
        self, c: Columns, e: int, out_of: list[list[int]], project_finish: int
    ) -> int | None:
        """The late finish link ``e`` gives its predecessor where MPXJ's rules replace
        the usual one (see ``Actuals.link_overrides``), else ``None``."""
        src, dst, ss = c.src[e], c.dst[e], c.kind[e] == SS
        found = project_finish if self.finished[dst] else None
        if ss and self.started[src]:
            found = project_finish
        if ss and self.started[dst] and not self.progressed[src]:
            if not out_of[dst]:
                return project_finish
            done_work = c.duration[dst] - self.progress.remaining[dst]
            resume = add_work(self.progress.actual_start[dst], done_work)
            found = add_work(resume, c.duration[src])
        return found


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
    done: _Happened | None = None,
) -> tuple[list[int], list[int]]:
    """Early dates; with ``late``, links out of an ALAP task into one that is not
    read the ALAP task's late dates (MS Project's second forward pass). A task that
    has started sits where it happened."""
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
        if done is not None and done.progressed[j]:
            start, finish = done.progress.actual_start[j], done.fixed_finish[j]
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
    c: Columns,
    order: list[int],
    out_of: list[list[int]],
    project_finish: int,
    *,
    done: _Happened | None = None,
) -> tuple[list[int], list[int]]:
    """Late dates, from the project finish back through links, constraints and
    deadlines; what has happened as ``_actuals.Actuals`` applies it."""
    n = len(c.duration)
    ls, lf = [0] * n, [project_finish] * n
    for i in reversed(order):
        dur, links = c.duration[i], out_of[i]
        finish = project_finish
        if links:
            least = min(_late_candidate(c, e, ls, lf, out_of, project_finish, done) for e in links)
            finish = min(least, project_finish)
        if done is not None and done.pinned[i]:
            finish = done.progress.actual_start[i]
        kind = c.constraint[i]
        if kind not in (ASAP, ALAP):
            finish = _constrain_backward(kind, c.constraint_at[i], dur, finish)
        finish = as_end(min(finish, c.deadline_at[i]))  # a late finish shows at 17:00
        lf[i], ls[i] = finish, finish - _span(dur)
        if done is not None and done.finished[i]:
            lf[i], ls[i] = done.progress.actual_finish[i], done.progress.actual_start[i]
        elif done is not None and done.started[i]:  # what FS links into it read
            ls[i] = add_work(lf[i], -done.progress.remaining[i])
    if done is not None:  # a progressed task's late start is shown as its actual start
        for row, progressed in enumerate(done.progressed):
            if progressed:
                ls[row] = done.progress.actual_start[row]
    return ls, lf


def _late_candidate(
    c: Columns,
    e: int,
    ls: list[int],
    lf: list[int],
    out_of: list[list[int]],
    project_finish: int,
    done: _Happened | None,
) -> int:
    if done is not None:
        special = done.link_override(c, e, out_of, project_finish)
        if special is not None:
            return special
    return _backward_link(c, e, ls, lf)


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
    c: Columns,
    out_of: list[list[int]],
    start: list[int],
    finish: list[int],
    total: list[int],
    *,
    done: _Happened | None = None,
) -> list[int]:
    """The least gap over a task's links less the lag (its total slack without
    links), never negative; links into finished tasks do not count, and a finished
    task has none."""
    free = []
    for row, links in enumerate(out_of):
        if done is not None:
            if done.finished[row]:
                free.append(0)
                continue
            links = [e for e in links if not done.finished[c.dst[e]]]
        least = min((_gap(c, e, start, finish) for e in links), default=total[row])
        free.append(max(least, 0))
    return free


def _gap(c: Columns, e: int, start: list[int], finish: list[int]) -> int:
    """Working days between link ``e``'s two dates, less its lag (negative: broken)."""
    src, dst, kind = c.src[e], c.dst[e], c.kind[e]
    driver = finish[src] if kind & 1 else start[src]
    driven = finish[dst] if kind & 2 else start[dst]
    return work_before(driven) - work_before(driver) - c.lag[e]
