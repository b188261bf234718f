"""What a simulation adds to durations besides their spread: risk events, and what
it says about each level of a cascade.

A risk event is a thing that may happen (an epidemic wave, a late decree from the
ministry) and would hold up named work. A cascade level is every copy of a task at
one depth of the hierarchy (the 22 districts' compilations, the 249 wards' work):
its question is whether *all* of them make their level's deadline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, final

import attrs
import numpy as np
import numpy.typing as npt

from urbangov.errors import PlanError
from urbangov.plan import Plan

__all__ = [
    "CascadeRisk",
    "EventRisk",
    "RiskEvent",
    "cascade_levels",
    "check_events",
    "draw_events",
    "event_delays",
]


def _ids(values: Sequence[str]) -> tuple[str, ...]:
    return (values,) if isinstance(values, str) else tuple(values)


def _probability(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise PlanError(f"risk event: {attribute.name} must lie in [0, 1], not {value!r}")


def _days(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PlanError(
            f"risk event: {attribute.name} must be whole working days >= 0, not {value!r}"
        )


@final
@attrs.frozen
class RiskEvent:
    """Something that may happen and would hold up work: in each iteration it occurs
    with ``probability``, independently of everything else, and then adds ``days``
    working days to each of ``tasks``. Work already done does not change: a finished
    task keeps what it took, a started one gets the days added to what it has left.

    >>> from urbangov.risk import RiskEvent
    >>> RiskEvent("dich-covid", 0.3, ["t02b-tuyen-truyen"], 10).tasks
    ('t02b-tuyen-truyen',)
    """

    id: str
    probability: float = attrs.field(validator=_probability)
    tasks: tuple[str, ...] = attrs.field(converter=_ids)
    days: int = attrs.field(validator=_days)
    title: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.tasks:
            raise PlanError(f"risk event {self.id!r}: name at least one task")

    @classmethod
    def cascade(
        cls, plan: Plan, event_id: str, probability: float, task_id: str, days: int, **kwargs: Any
    ) -> RiskEvent:
        """An event that holds up a task and every task a cascade made of it."""
        members = [task_id]
        parents = {task_id}
        for task in plan.tasks:  # a cascade lists a parent before its parts
            if task.part_of in parents:
                members.append(task.id)
                parents.add(task.id)
        return cls(event_id, probability, tuple(members), days, **kwargs)


@final
@attrs.frozen
class EventRisk:
    """What one risk event did over the iterations."""

    event: str
    title: str
    probability: float
    #: The share of iterations in which it occurred.
    occurred: float
    #: Working days by which the plan's finish is later, on average, when it occurs
    #: than when it does not (``None`` if it always or never occurred).
    delay: float | None

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@final
@attrs.frozen
class CascadeRisk:
    """One level of a cascade: every copy of ``task`` at ``depth`` below it (1: the
    units just under the cascade's root, such as districts; 2: their wards)."""

    task: str
    depth: int
    #: How many copies have a deadline (the level's tasks that are counted).
    units: int
    #: The share of iterations in which every one of them meets its deadline.
    all_on_time: float
    #: How many of them miss their deadline, on average over the iterations.
    expected_late: float

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def check_events(plan: Plan, events: Sequence[RiskEvent]) -> None:
    """Raises :class:`~urbangov.errors.UnknownTaskError` for a task the plan lacks,
    :class:`~urbangov.errors.PlanError` for two events with one id."""
    seen: set[str] = set()
    for event in events:
        if event.id in seen:
            raise PlanError(f"two risk events have the id {event.id!r}")
        seen.add(event.id)
        for task_id in event.tasks:
            plan.position(task_id)


def draw_events(events: Sequence[RiskEvent], iterations: int, seed: int) -> npt.NDArray[np.bool_]:
    """Whether each event occurs in each iteration (events x iterations), from a
    stream of its own: adding an event leaves the durations' draws as they were."""
    rng = np.random.default_rng([seed, 1])
    out = np.empty((len(events), iterations), dtype=bool)
    for k, event in enumerate(events):
        out[k] = rng.random(iterations) < event.probability
    return out


def event_delays(
    events: Sequence[RiskEvent], occurs: npt.NDArray[np.bool_], plan_finish: npt.NDArray[np.int32]
) -> tuple[EventRisk, ...]:
    """Each event's share of iterations and the plan finish's mean shift with it."""
    out = []
    finish = plan_finish.astype(np.float64)
    for event, hits in zip(events, occurs, strict=True):
        share = float(hits.mean()) if hits.size else 0.0
        delay = None
        if hits.any() and not hits.all():
            delay = float(finish[hits].mean() - finish[~hits].mean())
        out.append(EventRisk(event.id, event.title, event.probability, share, delay))
    return tuple(out)


def cascade_levels(
    plan: Plan, finish: npt.NDArray[np.int32], last_days: Sequence[int | None]
) -> tuple[CascadeRisk, ...]:
    """Per cascade and depth: the chance that every copy with a deadline meets it,
    and how many miss it on average (``finish``: working-day numbers, tasks x
    iterations; ``last_days``: each task's last working day, or ``None``)."""
    from urbangov.plan import cascaded_rows

    out = []
    for root, rows in cascaded_rows(plan).items():
        depth_of: dict[int, list[int]] = {}
        for row in rows:
            if last_days[row] is not None:
                depth_of.setdefault(_depth(plan, plan.tasks[row].id, root), []).append(row)
        for depth, members in sorted(depth_of.items()):
            index = np.array(members, dtype=np.int64)
            limits = np.array([last_days[r] for r in members], dtype=np.int64)
            late = finish[index] > limits[:, None]
            out.append(
                CascadeRisk(
                    root,
                    depth,
                    len(members),
                    float((~late.any(axis=0)).mean()),
                    float(late.sum(axis=0).mean()),
                )
            )
    return tuple(out)


def _depth(plan: Plan, task_id: str, root: str) -> int:
    """How many ``part_of`` steps lead from a cascade's copy up to its root."""
    depth = 0
    while task_id != root:
        parent = plan.task(task_id).part_of
        if parent is None:
            break
        task_id, depth = parent, depth + 1
    return depth
