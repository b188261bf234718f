"""The outside view: what finished tasks took against what was planned, per lead
agency, as estimates for the tasks still to do.

A planner's three points are a guess; the tracking records say how the same agencies
actually did. For every finished task with work, the ratio of its actual working days
(actual start to actual finish, both counted) to its planned duration; per lead agency,
the 10th, 50th and 90th percentiles of those ratios become the optimistic, most likely
and pessimistic multipliers of that agency's open tasks. An agency with too few finished
tasks takes the ratios of every agency together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final, final

import attrs
import numpy as np

from urbangov.plan import Plan
from urbangov.risk._simulate import Estimate
from urbangov.tracking import TaskProgress

__all__ = ["History", "learn", "learned_estimates"]

#: Below this many finished tasks, an agency's own ratios are not trusted.
MIN_FINISHED: Final = 5


@final
@attrs.frozen
class History:
    """How one lead agency's finished tasks went (``lead`` ``None``: all of them)."""

    lead: str | None
    #: How many finished tasks with work the ratios come from.
    count: int
    #: Actual over planned working days at the 10th, 50th and 90th percentiles.
    low: float
    typical: float
    high: float

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def learn(plan: Plan, progress: Mapping[str, TaskProgress]) -> dict[str | None, History]:
    """The history of each lead agency with finished tasks, and of all (key ``None``)."""
    calendar = plan.calendar
    day = dt.timedelta(days=1)
    ratios: dict[str | None, list[float]] = {None: []}
    for task in plan.tasks:
        done = progress.get(task.id)
        if task.duration <= 0 or done is None or done.actual_start is None:
            continue
        if done.actual_finish is None:
            continue
        took = calendar.working_days_between(done.actual_start, done.actual_finish + day)
        ratio = max(took, 0) / task.duration
        ratios[None].append(ratio)
        if task.lead:
            ratios.setdefault(task.lead, []).append(ratio)
    out: dict[str | None, History] = {}
    for lead, found in ratios.items():
        if not found:
            continue
        low, typical, high = np.percentile(found, (10, 50, 90))
        out[lead] = History(lead, len(found), float(low), float(typical), float(high))
    return out


def learned_estimates(
    plan: Plan,
    history: Mapping[str | None, History],
    *,
    min_finished: int = MIN_FINISHED,
) -> dict[str, Estimate]:
    """An estimate for every task with work from its agency's history (or everyone's,
    when the agency has fewer than ``min_finished`` finished tasks); none when even
    all of them together have fewer."""
    overall = history.get(None)
    if overall is not None and overall.count < min_finished:
        overall = None
    out: dict[str, Estimate] = {}
    for task in plan.tasks:
        if task.duration <= 0:
            continue
        own = history.get(task.lead) if task.lead else None
        found = own if own is not None and own.count >= min_finished else overall
        if found is None:
            continue
        d = task.duration
        out[task.id] = Estimate(d * found.low, d * found.typical, d * found.high)
    return out
