"""Monte Carlo schedule risk on the engine: how likely is each deadline.

Each iteration draws every uncertain task's duration from its :class:`Estimate`,
rounded to whole working days (the engine's granularity), and runs the same forward
and backward passes as :func:`urbangov.scheduling.schedule` on it. The plan's
topology (levels, link order) is computed once and reused, so an iteration costs two
vectorised passes. A tracked plan keeps what has happened: finished tasks do not
vary, and a started task varies only the work it has left (scaled by the draw over
its most likely duration).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, cast, final

import attrs
import numpy as np
import numpy.typing as npt

from urbangov.calendar import CalendarIndex
from urbangov.errors import PlanError
from urbangov.plan import Plan
from urbangov.risk._events import (
    CascadeRisk,
    EventRisk,
    RiskEvent,
    cascade_levels,
    check_events,
    draw_events,
    event_delays,
)
from urbangov.scheduling import _engine as engine
from urbangov.scheduling._compile import compile_plan, cycle_error
from urbangov.scheduling._passes import Scratch, finish_passes
from urbangov.scheduling._progressed import Actual, with_actuals
from urbangov.scheduling._time import day_of

__all__ = ["Correlated", "Estimate", "RiskResult", "TaskRisk", "simulate"]

#: The percentiles reported for every task and for the plan.
PERCENTILES: Final = (10, 50, 80, 90)


def _non_negative(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not value >= 0:
        raise PlanError(f"estimate: {attribute.name} must be 0 or more working days, not {value}")


@final
@attrs.frozen
class Estimate:
    """A three-point estimate of a task's duration, in working days.

    ``pert`` (the default) is the PERT beta distribution: mean (o + 4m + p) / 6, its
    mode the most likely value, thin tails; it is what schedule risk tools default
    to because a most-likely guess weighs more than the extremes. ``triangular``
    gives the extremes more weight (mean (o + m + p) / 3).
    """

    optimistic: float = attrs.field(validator=_non_negative)
    likely: float = attrs.field(validator=_non_negative)
    pessimistic: float = attrs.field(validator=_non_negative)
    distribution: Literal["pert", "triangular"] = "pert"

    def __attrs_post_init__(self) -> None:
        if not self.optimistic <= self.likely <= self.pessimistic:
            raise PlanError(
                "estimate: optimistic <= likely <= pessimistic, not "
                f"{self.optimistic}, {self.likely}, {self.pessimistic}"
            )
        if self.distribution not in ("pert", "triangular"):
            raise PlanError(f"estimate: unknown distribution {self.distribution!r}")

    @classmethod
    def ratio(cls, duration: int, low: float, high: float, **kwargs: Any) -> Estimate:
        """A range as ratios of the planned duration (``0.9, 1.5``: 10 % shorter to
        half as long again), the planned duration most likely."""
        return cls(duration * low, float(duration), duration * high, **kwargs)

    @property
    def mean(self) -> float:
        o, m, p = self.optimistic, self.likely, self.pessimistic
        return (o + 4 * m + p) / 6 if self.distribution == "pert" else (o + m + p) / 3

    def draw(self, rng: np.random.Generator, size: int) -> npt.NDArray[np.float64]:
        """``size`` durations in working days (not yet rounded)."""
        o, m, p = (np.array([x]) for x in (self.optimistic, self.likely, self.pessimistic))
        out: npt.NDArray[np.float64] = _draws(
            rng, o, m, p, np.array([self.distribution == "pert"]), size
        )[0]
        return out


def _draws(
    rng: np.random.Generator,
    low: npt.NDArray[np.float64],
    likely: npt.NDArray[np.float64],
    high: npt.NDArray[np.float64],
    pert: npt.NDArray[np.bool_],
    size: int,
) -> npt.NDArray[np.float64]:
    """``size`` durations (not yet rounded) for each of several three-point
    estimates: one call to the generator per distribution, each row with its own
    parameters. PERT is ``low + (high - low) * Beta(a, b)`` with ``a = 1 + 4 (m -
    low) / (high - low)``, ``b = 1 + 4 (high - m) / (high - low)``."""
    varies = high > low
    rows = np.flatnonzero(pert & varies)
    shares = None
    if rows.size:
        o, m, p = low[rows, None], likely[rows, None], high[rows, None]
        shares = rng.beta(1 + 4 * (m - o) / (p - o), 1 + 4 * (p - m) / (p - o), (rows.size, size))
        shares *= p - o  # in place: these are the largest arrays here
        shares += o
        if rows.size == low.size:  # all PERT, as ratio estimates are
            return shares
    out = np.repeat(low[:, None], size, axis=1)  # no spread: always the same
    if shares is not None:
        out[rows] = shares
    rows = np.flatnonzero(~pert & varies)
    if rows.size:
        o, m, p = low[rows, None], likely[rows, None], high[rows, None]
        out[rows] = rng.triangular(o, m, p, (rows.size, size))
    return out


def _ids(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(values)


def _share(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0 <= value <= 1:
        raise PlanError(f"correlated: {attribute.name} must lie in [0, 1], not {value}")


@final
@attrs.frozen
class Correlated:
    """Tasks whose durations go together: a shock they all feel (every ward late
    together, an agency overloaded). ``correlation`` 0 leaves them independent; 1 makes
    them all draw the same quantile of their own distribution in every iteration.

    Each task keeps its own distribution: the draws are reordered to follow a shared
    normal factor (Iman and Conover's rank method), which sets their rank correlation
    without changing any task's spread.
    """

    tasks: tuple[str, ...] = attrs.field(converter=_ids)
    correlation: float = attrs.field(validator=_share)

    @classmethod
    def cascade(cls, plan: Plan, task_id: str, correlation: float) -> Correlated:
        """A task and every task a cascade made of it (``part_of`` it, at any depth)."""
        members = [task_id]
        parents = {task_id}
        for task in plan.tasks:  # a cascade lists a parent before its parts
            if task.part_of in parents:
                members.append(task.id)
                parents.add(task.id)
        return cls(tuple(members), correlation)


@final
@attrs.frozen
class TaskRisk:
    """One task over all iterations."""

    task: str
    #: The finish at the 10th, 50th, 80th and 90th percentiles.
    finish: tuple[dt.date, dt.date, dt.date, dt.date]
    deadline: dt.date | None
    #: The share of iterations finishing by the deadline (``None`` without one).
    on_time: float | None
    #: The share of iterations in which the task is critical.
    criticality: float
    #: Rank correlation of its drawn duration with the plan's finish (``None`` for a
    #: task that does not vary): how much the finish follows it.
    sensitivity: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "finish": {
                f"p{q}": d.isoformat() for q, d in zip(PERCENTILES, self.finish, strict=True)
            },
            "deadline": None if self.deadline is None else self.deadline.isoformat(),
            "on_time": self.on_time,
            "criticality": self.criticality,
            "sensitivity": self.sensitivity,
        }


@final
@attrs.frozen(eq=False)
class RiskResult:
    """What the simulation found: every task's risk and the plan's finish."""

    plan: Plan
    iterations: int
    seed: int
    tasks: tuple[TaskRisk, ...]
    #: The plan's finish at the 10th, 50th, 80th and 90th percentiles.
    finish: tuple[dt.date, dt.date, dt.date, dt.date]
    #: Each iteration's plan finish (proleptic ordinals), for any other question.
    finishes: npt.NDArray[np.int64] = attrs.field(repr=False)
    #: With ``until_stable``: whether the P80 finish settled before the last iteration.
    converged: bool | None = None
    #: What each risk event did.
    events: tuple[EventRisk, ...] = ()
    #: Each cascade level's chance that all its units meet their deadlines.
    cascades: tuple[CascadeRisk, ...] = ()

    def __getitem__(self, task_id: str) -> TaskRisk:
        return self.tasks[self.plan.position(task_id)]

    def on_time_chances(self) -> dict[str, float]:
        """Every task with a deadline: the chance it meets it (task id -> share)."""
        return {t.task: t.on_time for t in self.tasks if t.on_time is not None}

    def probability_by(self, day: dt.date) -> float:
        """The share of iterations in which the whole plan finishes by ``day``."""
        return float(np.mean(self.finishes <= day.toordinal()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan.id,
            "iterations": self.iterations,
            "seed": self.seed,
            "finish": {
                f"p{q}": d.isoformat() for q, d in zip(PERCENTILES, self.finish, strict=True)
            },
            "converged": self.converged,
            "tasks": [t.to_dict() for t in self.tasks],
            "events": [e.to_dict() for e in self.events],
            "cascades": [c.to_dict() for c in self.cascades],
        }


def simulate(
    plan: Plan,
    estimates: Mapping[str, Estimate],
    *,
    iterations: int = 1000,
    seed: int = 0,
    actuals: Mapping[str, Actual] | None = None,
    status_date: dt.date | None = None,
    correlated: Sequence[Correlated] = (),
    events: Sequence[RiskEvent] = (),
    until_stable: int | None = None,
    check_every: int = 500,
) -> RiskResult:
    """Draw ``iterations`` schedules of ``plan`` with the durations of ``estimates``
    (task id -> :class:`Estimate`; other tasks keep their planned duration) and say
    how likely each finish and deadline is. The same ``seed`` gives the same result.
    ``correlated`` groups of tasks move together (see :class:`Correlated`);
    ``events`` may hold up named tasks (see :class:`RiskEvent`).

    With ``until_stable`` (working days), ``iterations`` is a most: every
    ``check_every`` iterations the plan's P80 finish is compared with the previous
    check's, and the simulation stops once they differ by at most that many working
    days (``converged`` says whether it did).

    Raises:
        UnknownTaskError: an estimate names a task the plan does not have.
        CycleError: the dependencies form a loop.
        PlanError: ``iterations`` is not a positive whole number.
    """
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
        raise PlanError(f"iterations must be a whole number of at least 1, not {iterations!r}")
    if until_stable is not None and (until_stable < 0 or check_every < 1):
        raise PlanError("until_stable must be 0 or more working days, check_every at least 1")
    network, origin = compile_plan(plan)
    if actuals or status_date is not None:
        network = with_actuals(plan, network, origin, actuals or {}, status_date)
    try:  # kept: every batch goes through the passes on it
        topology = engine.Topology(network, keep=True)
    except engine.CycleFoundError as found:
        raise cycle_error(plan, found.rows) from None
    check_events(plan, events)
    groups = _groups(plan, estimates, correlated)
    estimates = _with_event_tasks(plan, estimates, events)
    rows = np.array([plan.position(task_id) for task_id in estimates], dtype=np.int64)
    drawn = _draw_days(estimates, groups, network, rows, iterations, seed)
    occurs = draw_events(events, iterations, seed)
    _hold_up(drawn, events, occurs, list(estimates), network, rows)
    width = _batch_size(network.size, iterations, until_stable, check_every)
    batches = _Batches(topology, network, rows, width)
    finish, critical, converged = batches.run_all(drawn, until_stable, check_every)
    finish += origin  # working-day numbers
    iterations = finish.shape[1]
    drawn, occurs = drawn[:, :iterations], occurs[:, :iterations]
    plan_finish = finish.max(axis=0) if len(plan) else np.zeros(iterations, dtype=np.int32)
    sensitivity = _rank_correlation(drawn, plan_finish) if rows.size else np.zeros(0)
    by_row = dict(zip(rows.tolist(), sensitivity.tolist(), strict=True))
    index = plan.calendar.index
    # The last working day on or before each deadline.
    last_days = [
        None if task.deadline is None else index.number(task.deadline.toordinal() + 1) - 1
        for task in plan.tasks
    ]
    percentiles, on_time = _tally(finish, last_days, index)
    tasks = tuple(
        TaskRisk(
            task.id,
            percentiles[row],
            task.deadline,
            on_time[row],
            float(critical[row]) / iterations,
            by_row.get(row),
        )
        for row, task in enumerate(plan.tasks)
    )
    plan_percentiles = _tally(plan_finish[None, :], [None], index)[0][0]
    ordinals = index.ordinals(plan_finish.astype(np.int64)).astype(np.int64)
    return RiskResult(
        plan,
        iterations,
        seed,
        tasks,
        plan_percentiles,
        ordinals,
        converged,
        event_delays(events, occurs, plan_finish),
        cascade_levels(plan, finish, last_days),
    )


def _with_event_tasks(
    plan: Plan, estimates: Mapping[str, Estimate], events: Sequence[RiskEvent]
) -> dict[str, Estimate]:
    """``estimates`` and, after them, the tasks only events vary (at their planned
    duration, in plan order)."""
    out = dict(estimates)
    named = {task_id for event in events for task_id in event.tasks} - out.keys()
    for task in plan.tasks:
        if task.id in named:
            out[task.id] = Estimate(task.duration, task.duration, task.duration)
    return out


def _hold_up(
    drawn: npt.NDArray[np.int32],
    events: Sequence[RiskEvent],
    occurs: npt.NDArray[np.bool_],
    ids: list[str],
    network: engine.Network,
    rows: npt.NDArray[np.int64],
) -> None:
    """Add each event's days to its tasks (in place) where it occurs; a finished
    task keeps what it took."""
    where = {task_id: k for k, task_id in enumerate(ids)}
    progress = network.progress
    for event, hits in zip(events, occurs, strict=True):
        added = hits.astype(np.int32) * event.days
        for task_id in event.tasks:
            k = where[task_id]
            if progress is not None and progress.actual_finish[rows[k]] != engine.NO_DATE:
                continue
            drawn[k] += added


def _groups(
    plan: Plan, estimates: Mapping[str, Estimate], correlated: Sequence[Correlated]
) -> list[tuple[list[int], float]]:
    """Each group as (positions in ``estimates``, correlation), checked."""
    where = {task_id: k for k, task_id in enumerate(estimates)}
    seen: set[str] = set()
    out = []
    for group in correlated:
        members = []
        for task_id in group.tasks:
            plan.position(task_id)  # UnknownTaskError for a task the plan lacks
            if task_id in seen:
                raise PlanError(f"task {task_id!r} is in two correlated groups", task_id=task_id)
            seen.add(task_id)
            if task_id in where:  # a task without an estimate does not vary
                members.append(where[task_id])
        out.append((members, group.correlation))
    return out


#: Raw draws held at once (a block of tasks times the iterations): 1 MB, small
#: enough that each block reuses the memory of the one before.
DRAW_BLOCK: Final = 1 << 17


def _draw_days(
    estimates: Mapping[str, Estimate],
    groups: list[tuple[list[int], float]],
    network: engine.Network,
    rows: npt.NDArray[np.int64],
    iterations: int,
    seed: int,
) -> npt.NDArray[np.int32]:
    """Whole working days per estimated task and iteration, a block of tasks at a
    time (a plan of 100,000 tasks never holds all its raw draws at once).

    A task in a correlated group has its draws reordered to follow the group's
    shared normal factor: it keeps the values it drew, in the rank order of
    ``sqrt(c) * shared + sqrt(1 - c) * own`` (Iman-Conover)."""
    rng = np.random.default_rng(seed)
    factor_of: dict[int, tuple[npt.NDArray[np.float64], float]] = {}
    for members, correlation in groups:
        if members and correlation > 0:
            shared = rng.standard_normal(iterations)
            for k in members:
                factor_of[k] = (shared, correlation)
    values = list(estimates.values())
    low, likely, high = (
        np.array([getattr(e, name) for e in values], dtype=np.float64)
        for name in ("optimistic", "likely", "pessimistic")
    )
    pert = np.array([e.distribution == "pert" for e in values], dtype=bool)
    out = np.empty((rows.size, iterations), dtype=np.int32)
    step = max(1, DRAW_BLOCK // max(iterations, 1))
    for lo in range(0, rows.size, step):
        part = slice(lo, lo + step)
        raw = _draws(rng, low[part], likely[part], high[part], pert[part], iterations)
        for k in sorted(factor_of.keys() & range(lo, lo + len(raw))):
            shared, correlation = factor_of[k]
            own = rng.standard_normal(iterations)
            factor = np.sqrt(correlation) * shared + np.sqrt(1 - correlation) * own
            order = np.argsort(np.argsort(factor, kind="stable"), kind="stable")
            raw[k - lo] = np.sort(raw[k - lo])[order]
        out[part] = _whole_days(raw, likely[part], network, rows[part])
    return out


def _whole_days(
    raw: npt.NDArray[np.float64],
    likely: npt.NDArray[np.float64],
    network: engine.Network,
    rows: npt.NDArray[np.int64],
) -> npt.NDArray[np.float64]:
    """Tasks' drawn durations in whole working days: the draws, or for a started
    task its done work plus its remaining work scaled by the draw; a finished task
    keeps what it took."""
    progress = network.progress
    if progress is not None:
        started = np.flatnonzero(progress.actual_start[rows] != engine.NO_DATE)
        if started.size:
            task = rows[started]
            left = progress.remaining[task].astype(np.float64)
            done = network.duration[task] - left
            guess = likely[started]
            fixed = (progress.actual_finish[task] != engine.NO_DATE) | (guess == 0)
            scaled = raw[started] * (left / np.where(fixed, 1, guess))[:, None]
            raw[started] = np.where(fixed[:, None], (done + left)[:, None], done[:, None] + scaled)
    raw += 0.5  # whole days, half up (in place)
    return np.floor(raw, out=raw)


#: About this many tasks (a plan's tasks times the iterations) go through the passes
#: at once: enough that numpy's cost per call vanishes, few enough that a level's
#: arrays stay in the processor's caches ...
BATCH_TASKS: Final = 1 << 18
#: ... but at least this many iterations: a link reads its predecessor's dates for
#: every iteration at once, and fewer than this would be mostly cache misses on a
#: large plan (measured on 100,000 tasks: 135 ms an iteration at 5, 50 at 40) ...
LEAST_WIDTH: Final = 32
#: ... and never more than this many tasks at once (memory: at 100,000 tasks a batch
#: of 32 iterations holds about half a gigabyte; 1,000 iterations peak at 1.5 GB with
#: the draws and the finishes).
MOST_TASKS: Final = 1 << 22


def _batch_size(tasks: int, iterations: int, until_stable: int | None, check_every: int) -> int:
    """Iterations per batch, the batches as even as can be (the last one is not a
    few iterations in a full batch's arrays); with ``until_stable``, a divisor of
    ``check_every`` so that the checks fall on batch ends."""
    tasks = max(tasks, 1)
    wanted = max(BATCH_TASKS // tasks, LEAST_WIDTH)
    size = max(1, min(iterations, wanted, MOST_TASKS // tasks))
    if iterations >= 2 * LEAST_WIDTH:  # a second batch reuses the first one's arrays
        size = min(size, -(-iterations // 2))
    if until_stable is not None:
        return max(k for k in range(1, min(size, check_every) + 1) if check_every % k == 0)
    return -(-iterations // -(-iterations // size))


@final
class _Batches:
    """Iterations scheduled side by side: a batch of ``width`` iterations goes through
    the passes at once, the durations a column per iteration (see ``finish_passes``)."""

    def __init__(
        self,
        topology: engine.Topology,
        network: engine.Network,
        rows: npt.NDArray[np.int64],
        width: int,
    ) -> None:
        self.width, self.network, self.topology = width, network, topology
        self.base = base = topology.network
        self.scratch = Scratch()
        #: Where the estimated tasks sit (positions), and the durations and work
        #: left that each batch writes its draws into (the last batch may use fewer
        #: columns: the others keep the previous batch's and are not read).
        self.slots = self.topology.position[rows]
        self.duration = np.repeat(base.duration[:, None].astype(np.int32), width, axis=1)
        self.remaining: npt.NDArray[np.int64] | None = None
        progress = network.progress
        #: A started task's work left is its drawn duration less the work done.
        self.started = np.zeros(rows.size, dtype=bool)
        if progress is not None and base.progress is not None:
            self.started = progress.actual_start[rows] != engine.NO_DATE
            self.done = (network.duration - progress.remaining)[rows[self.started]]
            self.remaining = np.repeat(base.progress.remaining[:, None], width, axis=1)

    def run_all(
        self, drawn: npt.NDArray[np.int32], until_stable: int | None, check_every: int
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64], bool | None]:
        """Every task's finish per iteration (working days from the origin), how
        often each task was critical, and with ``until_stable`` whether the P80
        finish settled (the arrays then stop at the iteration where it did)."""
        tasks, iterations = self.network.size, drawn.shape[1]
        # Task by task in memory, as the tallies read it; a batch writes a column block.
        finish = np.empty((tasks, iterations), dtype=np.int32)
        critical = np.zeros(tasks, dtype=np.int64)
        converged: bool | None = None if until_stable is None else False
        last_p80: int | None = None
        done = 0
        while done < iterations:
            upto = min(done + self.width, iterations)
            critical += self.run(drawn[:, done:upto], out=finish[:, done:upto])
            done = upto
            if until_stable is None or done % check_every or done == iterations:
                continue
            p80 = int(np.percentile(finish[:, :done].max(axis=0), 80, method="inverted_cdf"))
            if last_p80 is not None and abs(p80 - last_p80) <= until_stable:
                converged = True
                break
            last_p80 = p80
        return finish[:, :done], critical, converged

    def run(self, days: npt.NDArray[np.int32], out: npt.NDArray[np.int32]) -> npt.NDArray[np.int64]:
        """Schedule the iterations with these drawn ``days`` (estimated tasks x up to
        ``width`` iterations): each task's finish per iteration (working days from the
        plan's origin) goes to ``out`` (tasks x iterations); returns in how many of
        them each task was critical."""
        k = days.shape[1]
        self.duration[self.slots, :k] = days
        # 32-bit whole days, as the batch's dates are (the engine reads any integers).
        net = attrs.evolve(self.base, duration=cast(npt.NDArray[np.int64], self.duration))
        if self.remaining is not None:
            started = self.started
            self.remaining[self.slots[started], :k] = days[started] - self.done[:, None]
            assert net.progress is not None
            net = attrs.evolve(net, progress=attrs.evolve(net.progress, remaining=self.remaining))
        passes = finish_passes(net, self.topology, free=False, scratch=self.scratch)
        back = self.topology.position  # positions, task by task
        out[...] = day_of(passes.finish[back, :k])
        return cast(npt.NDArray[np.int64], passes.critical[:, :k].sum(axis=1)[back])


Days = tuple[dt.date, dt.date, dt.date, dt.date]


def _tally(
    numbers: npt.NDArray[np.int32], last_days: Sequence[int | None], index: CalendarIndex
) -> tuple[list[Days], list[float | None]]:
    """Each row's drawn days (working-day numbers) at the reported percentiles (each
    is one of the draws, as numpy's ``inverted_cdf``), and the share of them on or
    before the row's last day (``None`` without one).

    By counting, a block of rows at a time: the draws of one task span a few hundred
    working days at most, so a cumulative count per day answers both questions."""
    rows, size = numbers.shape
    percentiles: list[Days] = []
    shares: list[float | None] = []
    # The draw each percentile picks: the smallest day whose count reaches it.
    targets = [max(1, math.ceil(size * q / 100)) for q in PERCENTILES]
    step = max(1, (1 << 22) // max(size, 1))
    for lo in range(0, rows, step):
        block = numbers[lo : lo + step]
        low = block.min(axis=1).astype(np.int64)
        cumulative = np.cumsum(_value_counts(block)[0], axis=1)
        width = cumulative.shape[1]
        found = np.stack([(cumulative >= t).argmax(axis=1) for t in targets], axis=1)
        dates = index.ordinals(found + low[:, None])
        percentiles.extend(
            cast(Days, tuple(map(dt.date.fromordinal, row))) for row in dates.tolist()
        )
        for k, last in enumerate(last_days[lo : lo + step]):
            if last is None:
                shares.append(None)
            else:
                j = min(last - int(low[k]), width - 1)
                shares.append(float(cumulative[k, j]) / size if j >= 0 else 0.0)
    return percentiles, shares


def _rank_correlation(
    drawn: npt.NDArray[np.int32], finish: npt.NDArray[np.int32]
) -> npt.NDArray[np.float64]:
    """Spearman's rank correlation of each row of ``drawn`` with ``finish`` (ties
    ranked by their average rank); 0 where either does not vary.

    By counting, a block of rows at a time: a row's draws take a few hundred values
    at most, so per value its count and the sum of the (centred) finish ranks where
    it was drawn give the covariance and the spread without ranking every draw."""
    target = _ranks(finish[None, :])[0]
    target -= target.mean()
    size = drawn.shape[1]
    out = np.zeros(drawn.shape[0])
    step = max(1, (1 << 17) // max(size, 1))  # rows at a time: bounded memory
    for lo in range(0, drawn.shape[0], step):
        block = drawn[lo : lo + step]
        counts, keys = _value_counts(block)
        sums = np.bincount(keys, np.tile(target, block.shape[0]), counts.size)
        sums = sums.reshape(counts.shape)
        rank = np.cumsum(counts, axis=1) - (counts + 1) / 2  # each value's average rank
        covariance = (rank * sums).sum(axis=1)
        spread = np.sqrt((counts * (rank - (size - 1) / 2) ** 2).sum(axis=1) * (target**2).sum())
        with np.errstate(invalid="ignore", divide="ignore"):
            out[lo : lo + step] = np.where(spread > 1e-9, covariance / spread, 0.0)
    return out


def _value_counts(
    values: npt.NDArray[np.int32],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Per row of whole numbers: how often each value from the row's least up occurs
    (rows x width), and where each of ``values`` is counted in that table
    (flattened)."""
    keys = (values - values.min(axis=1, keepdims=True)).astype(np.int64)
    width = int(keys.max()) + 1 if keys.size else 1
    keys += width * np.arange(values.shape[0])[:, None]
    keys = keys.ravel()
    rows = values.shape[0]
    return np.bincount(keys, minlength=rows * width).reshape(rows, width), keys


def _ranks(values: npt.NDArray[np.int32]) -> npt.NDArray[np.float64]:
    """Average ranks (from 0) along each row of whole numbers (ties share their mean
    rank), by counting: draws in whole days span a few hundred values at most."""
    counts, keys = _value_counts(values)
    mean_rank = np.cumsum(counts, axis=1) - (counts + 1) / 2
    return mean_rank.ravel()[keys].reshape(values.shape)
