"""Duration estimates for schedule risk, in a file beside the plan (TOML, JSON, YAML).

.. code-block:: toml

    [defaults]                  # every task with work, unless said otherwise
    range = [0.9, 1.5]          # ratios of the planned duration: -10 % to +50 %
    distribution = "pert"       # or "triangular"

    [leads]                     # by lead agency: a ward committee, a department
    "hcmc/so-noi-vu" = [0.9, 2.0]

    [[tasks]]                   # one task, and every task a cascade made of it
    id = "t09-bo-tri-cong-chuc"
    estimate = [10, 15, 30]     # optimistic, most likely, pessimistic working days

    [[correlated]]              # tasks late together: a cascade's copies, an agency
    tasks = ["t09-bo-tri-cong-chuc"]    # each with its cascade; or lead = "..."
    correlation = 0.8

    [[events]]                  # may happen, and would hold up named work
    id = "dich-covid"
    title = "Đợt dịch COVID-19 thứ tư"
    probability = 0.3
    tasks = ["t02b-tuyen-truyen"]       # each with its cascade; or lead = "..."
    days = 10                   # working days added to each of them

A task takes its own entry (or its cascade parent's), else its lead's range, else the
defaults; a task with no work (a milestone) does not vary. Every problem is reported
with its key path, and an id or a lead the plan does not have is an error, never
ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, Literal, NoReturn

import attrs

from urbangov.errors import PlanFileError
from urbangov.io._structure import converter, decode, read, show, structure
from urbangov.plan import Plan, Task
from urbangov.risk import Correlated, Estimate, RiskEvent

__all__ = [
    "load_correlated",
    "load_estimates",
    "load_events",
    "loads_correlated",
    "loads_estimates",
    "loads_events",
    "ratio_estimates",
]

_DISTRIBUTIONS: Final = ("pert", "triangular")


def _number(value: object, _: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {show(value)}")
    if not value >= 0:
        raise ValueError(f"expected 0 or more, got {show(value)}")
    return float(value)


@attrs.frozen
class _Defaults:
    range: list[float] | None = None
    distribution: str = "pert"


@attrs.frozen
class _TaskEntry:
    id: str
    estimate: list[float] | None = None
    range: list[float] | None = None


@attrs.frozen
class _Group:
    correlation: float
    tasks: list[str] | None = None
    lead: str | None = None


@attrs.frozen
class _Event:
    id: str
    probability: float
    days: int
    title: str = ""
    tasks: list[str] | None = None
    lead: str | None = None


@attrs.frozen
class _RiskFile:
    defaults: _Defaults = attrs.Factory(_Defaults)
    leads: dict[str, list[float]] = attrs.Factory(dict)
    tasks: list[_TaskEntry] = attrs.Factory(list)
    correlated: list[_Group] = attrs.Factory(list)
    events: list[_Event] = attrs.Factory(list)


_CONVERTER: Final = converter()
_CONVERTER.register_structure_hook(float, _number)


def load_estimates(path: str | Path, plan: Plan) -> dict[str, Estimate]:
    """Every varying task's :class:`~urbangov.risk.Estimate`, from an estimates file."""
    text, fmt = read(Path(path), error=PlanFileError, what="estimates")
    return loads_estimates(text, fmt, plan, source=str(path))


def loads_estimates(
    text: str, format: str, plan: Plan, *, source: str | None = None
) -> dict[str, Estimate]:
    """:func:`load_estimates` from the text of a file in ``format``."""
    return _resolver(text, format, plan, source).estimates()


def load_correlated(path: str | Path, plan: Plan) -> tuple[Correlated, ...]:
    """The ``[[correlated]]`` groups of an estimates file, each expanded to its tasks:
    a task with every task its cascade made, or every task of a lead agency."""
    text, fmt = read(Path(path), error=PlanFileError, what="estimates")
    return loads_correlated(text, fmt, plan, source=str(path))


def loads_correlated(
    text: str, format: str, plan: Plan, *, source: str | None = None
) -> tuple[Correlated, ...]:
    """:func:`load_correlated` from the text of a file in ``format``."""
    return _resolver(text, format, plan, source).correlated()


def load_events(path: str | Path, plan: Plan) -> tuple[RiskEvent, ...]:
    """The ``[[events]]`` of an estimates file, each expanded to its tasks (a task
    with every task its cascade made, or every task of a lead agency)."""
    text, fmt = read(Path(path), error=PlanFileError, what="estimates")
    return loads_events(text, fmt, plan, source=str(path))


def loads_events(
    text: str, format: str, plan: Plan, *, source: str | None = None
) -> tuple[RiskEvent, ...]:
    """:func:`load_events` from the text of a file in ``format``."""
    return _resolver(text, format, plan, source).events()


def _resolver(text: str, format: str, plan: Plan, source: str | None) -> _Resolver:
    data = decode(text, format, source=source, error=PlanFileError)
    shape = structure(
        _CONVERTER, data, _RiskFile, source=source, error=PlanFileError, what="estimates"
    )
    return _Resolver(shape, plan, source)


def ratio_estimates(
    plan: Plan, low: float, high: float, distribution: Literal["pert", "triangular"] = "pert"
) -> dict[str, Estimate]:
    """One range of ratios for every task with work (``urbangov risk --range``)."""
    return {
        t.id: Estimate.ratio(t.duration, low, high, distribution=distribution)
        for t in plan.tasks
        if t.duration > 0
    }


class _Resolver:
    """Which entry each task takes, with located errors."""

    def __init__(self, shape: _RiskFile, plan: Plan, source: str | None) -> None:
        self.shape, self.plan, self.source = shape, plan, source
        distribution = shape.defaults.distribution
        if distribution not in _DISTRIBUTIONS:
            self._fail(
                "defaults.distribution", f"expected pert or triangular, got {show(distribution)}"
            )
        self.distribution = distribution
        self.default = self._range(shape.defaults.range, "defaults.range")
        leads = {t.lead for t in plan.tasks if t.lead}
        self.by_lead = {}
        for lead, values in shape.leads.items():
            where = f"leads.{lead}"
            if lead not in leads:
                self._fail(where, f"no task of the plan has lead {lead!r}")
            self.by_lead[lead] = self._range(values, where)
        self.by_task: dict[str, tuple[str, list[float]]] = {}
        for i, entry in enumerate(shape.tasks):
            where = f"tasks[{i}] (id {entry.id!r})"
            if entry.id not in plan:
                self._fail(where, f"no task {entry.id!r} in the plan")
            if (entry.estimate is None) == (entry.range is None):
                self._fail(where, "give either estimate = [o, m, p] or range = [low, high]")
            if entry.estimate is not None:
                if len(entry.estimate) != 3:
                    self._fail(f"{where}.estimate", "expected [optimistic, likely, pessimistic]")
                self.by_task[entry.id] = ("estimate", entry.estimate)
            else:
                self.by_task[entry.id] = ("range", self._range(entry.range, f"{where}.range") or [])

    def correlated(self) -> tuple[Correlated, ...]:
        out = []
        for i, group in enumerate(self.shape.correlated):
            where = f"correlated[{i}]"
            if not 0 <= group.correlation <= 1:
                self._fail(f"{where}.correlation", f"expected 0 to 1, got {group.correlation:g}")
            members = self._members(where, group.tasks, group.lead)
            out.append(Correlated(members, group.correlation))
        return tuple(out)

    def events(self) -> tuple[RiskEvent, ...]:
        out = []
        seen: set[str] = set()
        for i, entry in enumerate(self.shape.events):
            where = f"events[{i}] (id {entry.id!r})"
            if entry.id in seen:
                self._fail(where, f"another event has the id {entry.id!r}")
            seen.add(entry.id)
            if not 0 <= entry.probability <= 1:
                self._fail(f"{where}.probability", f"expected 0 to 1, got {entry.probability:g}")
            if entry.days < 0:
                self._fail(f"{where}.days", f"expected working days >= 0, got {entry.days}")
            members = self._members(where, entry.tasks, entry.lead)
            out.append(RiskEvent(entry.id, entry.probability, members, entry.days, entry.title))
        return tuple(out)

    def _members(self, where: str, tasks: list[str] | None, lead: str | None) -> tuple[str, ...]:
        """The tasks an entry names: each with every task its cascade made, or every
        task of a lead agency."""
        if (tasks is None) == (lead is None):
            self._fail(where, 'give either tasks = [...] or lead = "..."')
        members: list[str] = []
        if lead is not None:
            members = [t.id for t in self.plan.tasks if t.lead == lead]
            if not members:
                self._fail(f"{where}.lead", f"no task of the plan has lead {lead!r}")
        for task_id in tasks or []:
            if task_id not in self.plan:
                self._fail(f"{where}.tasks", f"no task {task_id!r} in the plan")
            members += Correlated.cascade(self.plan, task_id, 0).tasks
        if not members:
            self._fail(f"{where}.tasks", "name at least one task")
        return tuple(dict.fromkeys(members))

    def estimates(self) -> dict[str, Estimate]:
        out: dict[str, Estimate] = {}
        for task in self.plan.tasks:
            found = self._of(task)
            if found is not None:
                out[task.id] = found
        return out

    def _of(self, task: Task) -> Estimate | None:
        entry = self.by_task.get(task.id)
        parent = task.part_of
        while entry is None and parent is not None:  # a cascade's copies take its entry
            entry = self.by_task.get(parent)
            parent = self.plan.task(parent).part_of if parent in self.plan else None
        if entry is not None and entry[0] == "estimate":
            o, m, p = entry[1]
            return self._make(task, o, m, p)
        if task.duration == 0:
            return None
        ratios = entry[1] if entry is not None else self.by_lead.get(task.lead or "", self.default)
        if not ratios:
            return None
        low, high = ratios
        return self._make(task, task.duration * low, float(task.duration), task.duration * high)

    def _make(self, task: Task, o: float, m: float, p: float) -> Estimate:
        try:
            return Estimate(o, m, p, self.distribution)  # type: ignore[arg-type]
        except ValueError as exc:
            self._fail(f"task {task.id!r}", str(exc))

    def _range(self, values: list[float] | None, where: str) -> list[float] | None:
        if values is None:
            return None
        if len(values) != 2 or values[0] > values[1]:
            self._fail(where, f"expected [low, high] ratios with low <= high, got {show(values)}")
        if not values[0] <= 1 <= values[1]:
            self._fail(where, f"the planned duration (1) must lie in the range, got {show(values)}")
        return values

    def _fail(self, where: str, message: str) -> NoReturn:
        raise PlanFileError(message, path=self.source, location=where)
