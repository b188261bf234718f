"""Which unit carries a unit's work on a day, after the reforms that ended it.

A reform ends units: merged whole into a new or existing unit, divided between several,
dissolved (the district level on 2025-07-01). Following the change events from a unit's
last day, through every later reform up to the day asked, gives the unit (or units)
that carry its work then. The rules (see ``docs/rehome.md``):

- merged or absorbed whole: the unit it went into;
- divided: the unit that took its main part (``EventUnit.main``, the source data's
  default successor); without that mark, a person decides between the parts;
- dissolved, with no result: the unit above it on its last day (a district's work
  went to its province);
- a unit that does not exist yet on the day, or a chain that stops before it (missing
  events): no successor, and a person decides.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, final

import attrs

from urbangov.hierarchy._model import ChangeEvent, EventUnit

if TYPE_CHECKING:
    from urbangov.hierarchy._hierarchy import Hierarchy

__all__ = ["Succession", "SuccessionKind", "events_by_source", "succession"]


class SuccessionKind(StrEnum):
    """How a unit's work reached the unit that carries it on a day, the weakest step
    of the chain (a merge of a divided part is "main_part")."""

    CONTINUES = "continues"  # the unit itself exists on the day
    MERGED = "merged"  # merged or absorbed whole, at every step
    MAIN_PART = "main_part"  # divided; the unit took its main part
    DISSOLVED = "dissolved"  # dissolved; the level above took its work
    DIVIDED = "divided"  # divided with no main part known: a person decides
    NOT_YET = "not_yet"  # the unit begins after the day
    UNKNOWN = "unknown"  # it ended and no event says what became of it

    @property
    def settled(self) -> bool:
        """Whether the rule decides alone (else a person must)."""
        return self in _SETTLED


_SETTLED = frozenset(
    {
        SuccessionKind.CONTINUES,
        SuccessionKind.MERGED,
        SuccessionKind.MAIN_PART,
        SuccessionKind.DISSOLVED,
    }
)
#: Steps in order of weakness: a chain is as settled as its weakest step.
_WEAKNESS = {kind: i for i, kind in enumerate(SuccessionKind)}


@final
@attrs.frozen
class Succession:
    """Where ``unit``'s work is on ``on``: ``to`` (``None``: no unit), the ``others``
    that took a part of it, and the ``events`` followed, oldest first."""

    unit: str
    on: dt.date
    to: str | None
    kind: SuccessionKind
    others: tuple[str, ...] = ()
    events: tuple[str, ...] = ()

    @property
    def moved(self) -> bool:
        return self.to is not None and self.to != self.unit

    @property
    def settled(self) -> bool:
        return self.kind.settled

    def to_dict(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "on": self.on.isoformat(),
            "to": self.to,
            "kind": self.kind.value,
            "settled": self.settled,
            "others": list(self.others),
            "events": list(self.events),
        }


def events_by_source(
    events: Sequence[ChangeEvent],
) -> Mapping[str, list[tuple[ChangeEvent, EventUnit]]]:
    """The events each unit was a source of, oldest first."""
    out: dict[str, list[tuple[ChangeEvent, EventUnit]]] = defaultdict(list)
    for event in events:
        for part in event.sources:
            out[part.unit].append((event, part))
    return dict(out)


def succession(hierarchy: Hierarchy, unit_id: str, on: dt.date) -> Succession:
    """Where ``unit_id``'s work is on ``on`` (see the module for the rules)."""
    unit = hierarchy.unit(unit_id)
    if unit.exists_on(on):
        return Succession(unit_id, on, unit_id, SuccessionKind.CONTINUES)
    if unit.valid_from is not None and on < unit.valid_from:
        return Succession(unit_id, on, None, SuccessionKind.NOT_YET)
    return _follow(hierarchy, unit_id, on, frozenset())


def _follow(hierarchy: Hierarchy, unit_id: str, on: dt.date, seen: frozenset[str]) -> Succession:
    """The succession of a unit that ended before ``on``: its ending events, then the
    succession of each result in turn (a 2021 ward merged in 2025-01, then again)."""
    unit = hierarchy.unit(unit_id)
    if unit.exists_on(on):
        return Succession(unit_id, on, unit_id, SuccessionKind.CONTINUES)
    if unit_id in seen or unit.valid_to is None:
        return Succession(unit_id, on, None, SuccessionKind.UNKNOWN)
    seen = seen | {unit_id}
    ending = unit.valid_to + dt.timedelta(days=1)
    steps = [  # the unit ended before ``on``, so its ending events are all on or before it
        (event, part)
        for event, part in hierarchy.source_events(unit_id)
        if event.effective == ending
    ]
    if not steps:
        return Succession(unit_id, on, None, SuccessionKind.UNKNOWN)
    results = [(event, part, result) for event, part in steps for result in event.results]
    if not results:  # dissolved: the level above carries on
        above = unit.parent_on(unit.valid_to)
        events = tuple(event.id for event, _ in steps)
        if above is None:
            return Succession(unit_id, on, None, SuccessionKind.UNKNOWN, events=events)
        after = _follow(hierarchy, above, on, seen)
        return _chain(unit_id, SuccessionKind.DISSOLVED, events, after)
    if len(results) == 1:
        event, part, result = results[0]
        kind = SuccessionKind.MERGED if part.whole else SuccessionKind.MAIN_PART
        return _chain(unit_id, kind, (event.id,), _follow(hierarchy, result.unit, on, seen))
    main = [r for r in results if r[1].main]
    others = [r for r in results if r not in main[:1]]
    rest = tuple(dict.fromkeys(r.unit for _, _, r in others))
    if len(main) >= 1:
        event, _, result = main[0]
        after = _follow(hierarchy, result.unit, on, seen)
        chained = _chain(unit_id, SuccessionKind.MAIN_PART, (event.id,), after)
        return attrs.evolve(chained, others=_after(hierarchy, rest, on, seen) + chained.others)
    event, _, result = results[0]  # a person decides; the first part is a placeholder
    after = _follow(hierarchy, result.unit, on, seen)
    chained = _chain(unit_id, SuccessionKind.DIVIDED, tuple(e.id for e, _ in steps), after)
    return attrs.evolve(chained, others=_after(hierarchy, rest[1:], on, seen) + chained.others)


def _chain(
    unit_id: str, kind: SuccessionKind, events: tuple[str, ...], after: Succession
) -> Succession:
    """This step, then what became of its result: as settled as the weaker of the two
    (a result that continues is the most settled of all, so the step's own kind stands)."""
    weaker = max(kind, after.kind, key=_WEAKNESS.__getitem__)
    return Succession(
        unit_id, after.on, after.to, weaker, others=after.others, events=events + after.events
    )


def _after(
    hierarchy: Hierarchy, units: tuple[str, ...], on: dt.date, seen: frozenset[str]
) -> tuple[str, ...]:
    """The units that carry ``units`` on ``on`` (each followed in turn)."""
    found = (_follow(hierarchy, unit_id, on, seen).to for unit_id in units)
    return tuple(dict.fromkeys(u for u in found if u is not None))
