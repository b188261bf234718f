"""The outside view: what finished tasks took against what was planned, per lead
agency and per kind of unit, as estimates for the tasks still to do.

A planner's three points are a guess; the tracking records say how the same agencies
actually did. For every finished task with work, the ratio of its actual working days
(actual start to actual finish, both counted) to its planned duration; per lead agency,
the 10th, 50th and 90th percentiles of those ratios become the optimistic, most likely
and pessimistic multipliers of that agency's open tasks. An agency with too few finished
tasks takes the ratios of the tasks done in the same kind of unit (every ward's, every
district's), and failing that of every task together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, final

import attrs
import numpy as np

from urbangov.plan import Plan, Task
from urbangov.risk._simulate import Estimate
from urbangov.tracking import TaskProgress

if TYPE_CHECKING:
    from urbangov.hierarchy import Hierarchy

__all__ = ["KIND", "History", "KindOf", "learn", "learned_estimates", "unit_kinds"]

#: Below this many finished tasks, an agency's own ratios are not trusted.
MIN_FINISHED: Final = 5


@final
@attrs.frozen
class History:
    """How one lead agency's finished tasks went, or (``kind``) those done in one kind
    of unit; ``lead`` and ``kind`` both ``None``: all of them."""

    lead: str | None
    #: How many finished tasks with work the ratios come from.
    count: int
    #: Actual over planned working days at the 10th, 50th and 90th percentiles.
    low: float
    typical: float
    high: float
    #: The kind of unit (``ward``, ``district`` ...) the tasks were done in.
    kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


#: A task's kind of unit (``None`` when it has none): see :func:`unit_kinds`.
KindOf = Callable[[Task], "str | None"]


def unit_kinds(plan: Plan, hierarchy: Hierarchy) -> KindOf:
    """Each task's kind of unit in ``hierarchy``, as of the plan's start (``None`` for
    a task without a unit, or one the hierarchy does not have)."""

    def kind_of(task: Task) -> str | None:
        if task.unit is None or task.unit not in hierarchy:
            return None
        kind = hierarchy.unit(task.unit).kind_on(plan.start)
        return None if kind is None else str(kind)

    return kind_of


def learn(
    plan: Plan, progress: Mapping[str, TaskProgress], *, kind_of: KindOf | None = None
) -> dict[str | None, History]:
    """The history of each lead agency with finished tasks, and of all (key
    ``None``); with ``kind_of`` (see :func:`unit_kinds`), of each kind of unit too
    (keys ``"kind:ward"`` ...)."""
    calendar = plan.calendar
    day = dt.timedelta(days=1)
    ratios: dict[str | None, list[float]] = {None: []}
    kinds: dict[str, str] = {}
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
        kind = None if kind_of is None else kind_of(task)
        if kind is not None:
            kinds[KIND + kind] = kind
            ratios.setdefault(KIND + kind, []).append(ratio)
    out: dict[str | None, History] = {}
    for key, found in ratios.items():
        if not found:
            continue
        low, typical, high = np.percentile(found, (10, 50, 90))
        kind = kinds.get(key or "")
        lead = None if kind is not None else key
        out[key] = History(lead, len(found), float(low), float(typical), float(high), kind)
    return out


#: How :func:`learn` keys the history of a kind of unit.
KIND: Final = "kind:"


def learned_estimates(
    plan: Plan,
    history: Mapping[str | None, History],
    *,
    min_finished: int = MIN_FINISHED,
    kind_of: KindOf | None = None,
) -> dict[str, Estimate]:
    """An estimate for every task with work from its agency's history; when the
    agency has fewer than ``min_finished`` finished tasks, from its kind of unit's
    (with ``kind_of``, and a history learnt with it), else from everyone's; none
    when even all of them together have fewer."""

    def trusted(key: str | None) -> History | None:
        found = history.get(key)
        return found if found is not None and found.count >= min_finished else None

    overall = trusted(None)
    out: dict[str, Estimate] = {}
    for task in plan.tasks:
        if task.duration <= 0:
            continue
        found = trusted(task.lead) if task.lead else None
        kind = None if kind_of is None else kind_of(task)
        if found is None and kind is not None:
            found = trusted(KIND + kind)
        found = found or overall
        if found is None:
            continue
        d = task.duration
        out[task.id] = Estimate(d * found.low, d * found.typical, d * found.high)
    return out
