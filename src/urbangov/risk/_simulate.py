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
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, final

import attrs
import numpy as np
import numpy.typing as npt

from urbangov.errors import PlanError
from urbangov.plan import Plan
from urbangov.scheduling import _engine as engine
from urbangov.scheduling._compile import compile_plan, cycle_error, day_numbers
from urbangov.scheduling._passes import finish_passes
from urbangov.scheduling._progressed import Actual, with_actuals

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
        o, m, p = self.optimistic, self.likely, self.pessimistic
        if p == o:
            return np.full(size, float(o))
        if self.distribution == "triangular":
            return rng.triangular(o, m, p, size)
        alpha = 1 + 4 * (m - o) / (p - o)
        beta = 1 + 4 * (p - m) / (p - o)
        return o + (p - o) * rng.beta(alpha, beta, size)


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
    #: task without an estimate): how much the finish follows it.
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

    def __getitem__(self, task_id: str) -> TaskRisk:
        return self.tasks[self.plan.position(task_id)]

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
    until_stable: int | None = None,
    check_every: int = 500,
) -> RiskResult:
    """Draw ``iterations`` schedules of ``plan`` with the durations of ``estimates``
    (task id -> :class:`Estimate`; other tasks keep their planned duration) and say
    how likely each finish and deadline is. The same ``seed`` gives the same result.
    ``correlated`` groups of tasks move together (see :class:`Correlated`).

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
    try:
        topology = engine.Topology(network)
    except engine.CycleFoundError as found:
        raise cycle_error(plan, found.rows) from None
    rows = np.array([plan.position(task_id) for task_id in estimates], dtype=np.int64)
    rng = np.random.default_rng(seed)
    raw = np.array([estimate.draw(rng, iterations) for estimate in estimates.values()])
    raw = raw.reshape(rows.size, iterations)
    _correlate(raw, _groups(plan, estimates, correlated), rng)
    drawn = _whole_days(raw, estimates, network, rows)
    finish = np.empty((len(plan), iterations), dtype=np.int64)
    critical = np.zeros(len(plan), dtype=np.int64)
    back = topology.position
    index = plan.calendar.index
    converged: bool | None = None if until_stable is None else False
    last_p80: dt.date | None = None
    done = iterations
    for i in range(iterations):
        passes = finish_passes(topology.permute(_with(network, rows, drawn[:, i])), topology)
        finish[:, i] = day_numbers(passes.finish[back], origin)
        critical += passes.critical[back]
        if until_stable is not None and (i + 1) % check_every == 0 and i + 1 < iterations:
            so_far = index.ordinals(finish[:, : i + 1].max(axis=0)).astype(np.int64)
            p80 = _percentiles(so_far)[2]
            if last_p80 is not None:
                moved = abs(plan.calendar.working_days_between(last_p80, p80))
                if moved <= until_stable:
                    converged, done = True, i + 1
                    break
            last_p80 = p80
    if done < iterations:
        finish, drawn = finish[:, :done], drawn[:, :done]
    iterations = done
    ordinals = index.ordinals(finish.ravel()).reshape(finish.shape).astype(np.int64)
    plan_finish = ordinals.max(axis=0) if len(plan) else np.zeros(iterations, dtype=np.int64)
    sensitivity = _rank_correlation(drawn, plan_finish) if rows.size else np.zeros(0)
    by_row = dict(zip(rows.tolist(), sensitivity.tolist(), strict=True))
    tasks = []
    for row, task in enumerate(plan.tasks):
        deadline = task.deadline
        on_time = (
            None if deadline is None else float(np.mean(ordinals[row] <= deadline.toordinal()))
        )
        tasks.append(
            TaskRisk(
                task.id,
                _percentiles(ordinals[row]),
                deadline,
                on_time,
                float(critical[row]) / iterations,
                by_row.get(row),
            )
        )
    return RiskResult(
        plan, iterations, seed, tuple(tasks), _percentiles(plan_finish), plan_finish, converged
    )


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


def _correlate(
    raw: npt.NDArray[np.float64],
    groups: list[tuple[list[int], float]],
    rng: np.random.Generator,
) -> None:
    """Reorder each group's draws (in place) to follow a shared normal factor: every
    task keeps the values it drew, in the rank order of ``sqrt(c) * shared +
    sqrt(1 - c) * own`` (Iman-Conover)."""
    for members, correlation in groups:
        if not members or correlation == 0:
            continue
        shared = rng.standard_normal(raw.shape[1])
        for k in members:
            own = rng.standard_normal(raw.shape[1])
            factor = np.sqrt(correlation) * shared + np.sqrt(1 - correlation) * own
            raw[k] = np.sort(raw[k])[np.argsort(np.argsort(factor, kind="stable"), kind="stable")]


def _whole_days(
    raw: npt.NDArray[np.float64],
    estimates: Mapping[str, Estimate],
    network: engine.Network,
    rows: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """Whole working days per estimated task and iteration: the task's duration, or
    for a started task its done work plus its remaining work scaled by the draw; a
    finished task keeps what it took."""
    out = np.empty(raw.shape, dtype=np.int64)
    progress = network.progress
    for k, (row, estimate) in enumerate(zip(rows.tolist(), estimates.values(), strict=True)):
        days = raw[k]
        if progress is not None and progress.actual_start[row] != engine.NO_DATE:
            done = int(network.duration[row] - progress.remaining[row])
            left = int(progress.remaining[row])
            if progress.actual_finish[row] != engine.NO_DATE or estimate.likely == 0:
                out[k] = done + left
                continue
            days = done + left * days / estimate.likely
        out[k] = np.floor(days + 0.5)  # whole days, half up
    return out


def _with(
    network: engine.Network, rows: npt.NDArray[np.int64], days: npt.NDArray[np.int64]
) -> engine.Network:
    """``network`` with the drawn durations (a started task's work left follows)."""
    duration = network.duration.copy()
    duration[rows] = days
    progress = network.progress
    if progress is None:
        return attrs.evolve(network, duration=duration)
    remaining = progress.remaining.copy()
    started = progress.actual_start[rows] != engine.NO_DATE
    done = network.duration[rows] - progress.remaining[rows]
    remaining[rows[started]] = days[started] - done[started]
    return attrs.evolve(
        network, duration=duration, progress=attrs.evolve(progress, remaining=remaining)
    )


def _percentiles(values: npt.NDArray[np.int64]) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """Drawn days (ordinals) at the reported percentiles: each is one of the draws."""
    found = np.percentile(values, PERCENTILES, method="inverted_cdf")
    a, b, c, d = (dt.date.fromordinal(int(x)) for x in found)
    return a, b, c, d


def _rank_correlation(
    drawn: npt.NDArray[np.int64], finish: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Spearman's rank correlation of each row of ``drawn`` with ``finish`` (ties
    ranked by their average rank); 0 where either does not vary."""
    ranks = _ranks(drawn.astype(np.float64))
    target = _ranks(finish.astype(np.float64)[None, :])[0]
    ranks -= ranks.mean(axis=1, keepdims=True)
    target -= target.mean()
    spread = np.sqrt((ranks**2).sum(axis=1) * (target**2).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (ranks @ target) / spread
    return np.where(spread > 0, out, 0.0)


def _ranks(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Average ranks along each row (ties share their mean rank)."""
    out = np.empty_like(values)
    for k, row in enumerate(values):
        _, inverse, counts = np.unique(row, return_inverse=True, return_counts=True)
        starts = np.cumsum(counts) - counts
        out[k] = (starts + (counts - 1) / 2)[inverse]
    return out
