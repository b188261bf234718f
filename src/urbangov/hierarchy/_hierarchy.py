"""A set of units and the events between them, asked "as of a date"."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import final

import attrs

from urbangov.errors import HierarchyError, UnknownUnitError
from urbangov.hierarchy._model import (
    AdministrativeUnit,
    ChangeEvent,
    EventUnit,
    UnitKind,
    name_keys,
    nfc,
    search_form,
)
from urbangov.hierarchy._succession import Succession, events_by_source, succession
from urbangov.hierarchy._table import UnitTable

__all__ = ["SEARCH_VERSION", "Hierarchy", "HierarchyDiff", "search_index"]

#: Marks the index keys made of an id's last part (no name or code starts with it).
_TAIL = "\x00"
#: The version of the search keys (:func:`search_index`): a packed file's index is used
#: only if it was made by the same rules. Raise it when ``name_keys`` changes.
SEARCH_VERSION = 1


def search_index(
    entries: Iterable[tuple[str, Iterable[str], Iterable[str]]],
) -> dict[str, set[str]]:
    """Unit ids by every search form of their names, by every code, and by their id's
    last part, from ``(id, names, codes)`` entries."""
    keys: dict[str, set[str]] = defaultdict(set)
    for unit_id, names, codes in entries:
        for name in names:
            for key in name_keys(name):
                keys[key].add(unit_id)
        for code in codes:
            keys[code].add(unit_id)
        keys[_TAIL + unit_id.rpartition("/")[2]].add(unit_id)
    return dict(keys)


@final
@attrs.frozen
class HierarchyDiff:
    """What changed between two dates, by unit id."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    renamed: tuple[tuple[str, str, str], ...]  # (id, old name, new name)
    moved: tuple[tuple[str, str | None, str | None], ...]  # (id, old parent, new parent)


@final
class Hierarchy:
    """Units and change events, checked once, then queried by date.

    Raises:
        HierarchyError: duplicate ids, a parent or event that names no unit, a unit
            with two parents on one date, or a cycle of parents.
    """

    def __init__(
        self, units: Iterable[AdministrativeUnit], events: Iterable[ChangeEvent] = ()
    ) -> None:
        by_id: dict[str, AdministrativeUnit] = {}
        for unit in units:
            if unit.id in by_id:
                raise HierarchyError(f"duplicate unit id {unit.id!r}", unit_id=unit.id)
            by_id[unit.id] = unit
        self._units: Mapping[str, AdministrativeUnit] = by_id
        self._events: tuple[ChangeEvent, ...] | None = _in_order(events)
        self._event_source: Callable[[], Iterable[ChangeEvent]] | None = None
        self._first_change: dt.date | None = None
        self._children: dict[str, list[str]] = defaultdict(list)
        for unit in self._units.values():
            self._check_parents(unit)
            for parent in {p.value for p in unit.parents}:
                self._children[parent].append(unit.id)
        for event in self.events:
            for part in (*event.sources, *event.results):
                if part.unit not in self._units:
                    raise HierarchyError(
                        f"event {event.id!r} names unknown unit {part.unit!r}", unit_id=part.unit
                    )
        self._check_main_parts()
        self._check_cycles()
        self._keys: Mapping[str, AbstractSet[str]] | None = None
        self._order: Mapping[str, int] = {}
        self._by_source: Mapping[str, list[tuple[ChangeEvent, EventUnit]]] | None = None

    @classmethod
    def from_table(
        cls,
        table: UnitTable,
        events: Callable[[], Iterable[ChangeEvent]],
        first_change: dt.date | None,
    ) -> Hierarchy:
        """A hierarchy of rows checked when they were made (a package's own data, see
        :func:`urbangov.io.pack_hierarchy`): no checks, each unit built when it is first
        asked for, the events when they are (``first_change``: the earliest one's day)."""
        self = cls.__new__(cls)
        self._units = table
        self._events = None
        self._event_source = events
        self._first_change = first_change
        self._children = table.children()
        self._keys = None
        self._order = {}
        self._by_source = None
        return self

    @property
    def events(self) -> tuple[ChangeEvent, ...]:
        """The change events, oldest first."""
        if self._events is None:
            assert self._event_source is not None
            self._events = _in_order(self._event_source())
        return self._events

    # -- checks ---------------------------------------------------------------------

    def _check_parents(self, unit: AdministrativeUnit) -> None:
        periods = sorted(unit.parents, key=lambda p: p.valid_from or dt.date.min)
        for parent in periods:
            if parent.value not in self._units:
                raise HierarchyError(
                    f"unit {unit.id!r} has unknown parent {parent.value!r}", unit_id=unit.id
                )
        for earlier, later in itertools.pairwise(periods):
            if earlier.valid_to is None or (
                later.valid_from is not None and earlier.valid_to >= later.valid_from
            ):
                raise HierarchyError(
                    f"unit {unit.id!r} has two parents on {later.valid_from}: "
                    f"{earlier.value!r} and {later.value!r}",
                    unit_id=unit.id,
                )

    def _check_main_parts(self) -> None:
        """``main`` marks where a divided unit's main part went: one event per day."""
        mains: dict[tuple[str, dt.date], str] = {}
        for event in self.events:
            for part in event.results:
                if part.main:
                    raise HierarchyError(
                        f"event {event.id!r}: 'main' marks a divided source, "
                        f"not a result ({part.unit!r})",
                        unit_id=part.unit,
                    )
            for part in event.sources:
                if not part.main:
                    continue
                if part.whole:
                    raise HierarchyError(
                        f"event {event.id!r}: unit {part.unit!r} is taken whole, so it has "
                        "no main part to mark (main needs whole = false)",
                        unit_id=part.unit,
                    )
                other = mains.setdefault((part.unit, event.effective), event.id)
                if other != event.id:
                    raise HierarchyError(
                        f"unit {part.unit!r} has its main part in two events on "
                        f"{event.effective}: {other!r} and {event.id!r}",
                        unit_id=part.unit,
                    )

    def _check_cycles(self) -> None:
        for unit in self._units.values():
            for parent in unit.parents:
                day = parent.valid_from or dt.date.min
                seen = [unit.id]
                current: str | None = parent.value
                while current is not None:
                    if current in seen:
                        loop = " -> ".join([*seen[seen.index(current) :], current])
                        raise HierarchyError(f"cycle of parents on {day}: {loop}", unit_id=unit.id)
                    seen.append(current)
                    current = self._units[current].parent_on(day)

    # -- single units ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._units)

    def __iter__(self) -> Iterator[AdministrativeUnit]:
        return iter(self._units.values())

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._units

    def unit(self, unit_id: str) -> AdministrativeUnit:
        """The unit with this internal id."""
        try:
            return self._units[unit_id]
        except KeyError:
            raise UnknownUnitError(f"no unit {unit_id!r}", unit_id=unit_id) from None

    def find(self, text: str, on: dt.date | None = None) -> AdministrativeUnit:
        """A unit by id, by a code valid on ``on``, or by name (diacritics optional).

        Without ``on``, a code or name matches if it ever held. Several units matching
        is an error that lists them, since names and codes are reused.
        """
        text = nfc(text.strip())
        if text in self._units:
            return self._units[text]
        wanted = search_form(text)
        index = self._index()
        # The last part of an id ("thu-duc" for "hcmc/thu-duc") is a name too.
        by_tail = index.get(_TAIL + text, set()) - {text} if "/" not in text else set()
        found = [
            self._units[unit_id]
            for unit_id in sorted(
                index.get(wanted, set()) | index.get(text, set()) | by_tail,
                key=self._order.__getitem__,
            )
        ]
        found = [
            unit
            for unit in found
            if (on is None or unit.exists_on(on))
            and (
                unit.id in by_tail
                or any(c.code == text and (on is None or c.holds_on(on)) for c in unit.codes)
                or any(
                    wanted in name_keys(n.value) and (on is None or n.holds_on(on))
                    for n in unit.names
                )
            )
        ]
        if len(found) > 1 and by_tail:  # "thu-duc": hcmc/thu-duc before hcmc/2025/thu-duc
            shortest = min(u.id.count("/") for u in found if u.id in by_tail)
            direct = [u for u in found if u.id in by_tail and u.id.count("/") == shortest]
            found = direct if len(direct) == 1 else found
        if len(found) == 1:
            return found[0]
        when = f" on {on}" if on else ""
        if not found:
            raise UnknownUnitError(f"no unit called {text!r}{when}", unit_id=None)
        names = ", ".join(f"{u.id} ({u.latest_name})" for u in found)
        raise HierarchyError(
            f"{text!r}{when} could be several units: {names}; give a date (--as-of) or an id"
        )

    def _index(self) -> Mapping[str, AbstractSet[str]]:
        """Unit ids by every search form of their names and by every code, built on the
        first :meth:`find` (or read from a packed file), so that a find looks at a
        handful of units, not all."""
        if self._keys is None:
            table = self._units if isinstance(self._units, UnitTable) else None
            packed = None if table is None else table.search_index()
            self._keys = search_index(self._search_entries()) if packed is None else packed
            self._order = (
                {unit_id: i for i, unit_id in enumerate(self._units)}
                if table is None
                else table.positions
            )
        return self._keys

    def _search_entries(self) -> Iterator[tuple[str, Iterable[str], Iterable[str]]]:
        if isinstance(self._units, UnitTable):
            yield from self._units.search_entries()  # without building the units
            return
        for unit in self._units.values():
            yield unit.id, (n.value for n in unit.names), (c.code for c in unit.codes)

    # -- as of a date -----------------------------------------------------------------

    def parent(self, unit_id: str, on: dt.date) -> AdministrativeUnit | None:
        parent = self.unit(unit_id).parent_on(on)
        return None if parent is None else self._units[parent]

    def children(self, unit_id: str, on: dt.date) -> list[AdministrativeUnit]:
        """The units directly under ``unit_id`` on ``on``, by name."""
        self.unit(unit_id)
        found = [
            self._units[child]
            for child in self._children.get(unit_id, ())
            if self._units[child].exists_on(on) and self._units[child].parent_on(on) == unit_id
        ]
        return sorted(found, key=lambda u: search_form(u.name_on(on) or u.id))

    def ancestors(self, unit_id: str, on: dt.date) -> list[AdministrativeUnit]:
        """The chain of parents on ``on``, nearest first."""
        out = []
        current = self.parent(unit_id, on)
        while current is not None:
            out.append(current)
            current = self.parent(current.id, on)
        return out

    def descendants(
        self,
        unit_id: str,
        on: dt.date,
        *,
        kind: UnitKind | str | None = None,
        depth: int | None = None,
    ) -> list[AdministrativeUnit]:
        """Every unit below ``unit_id`` on ``on`` (level by level), optionally only of
        one kind and only ``depth`` levels down."""
        wanted = UnitKind(kind) if kind is not None else None
        out = []
        queue = deque([(unit_id, 0)])
        while queue:
            current, level = queue.popleft()
            if depth is not None and level >= depth:
                continue
            for child in self.children(current, on):
                if wanted is None or child.kind_on(on) is wanted:
                    out.append(child)
                queue.append((child.id, level + 1))
        return out

    @property
    def first_day(self) -> dt.date | None:
        """The first day the data speak of: the earliest change or dated fact. A unit
        with no start date existed then, not forever: before this day the data know
        nothing (``None``: no dates at all)."""
        if isinstance(self._units, UnitTable):
            start, change = self._units.first_start(), self._first_change
            return min((d for d in (start, change) if d is not None), default=None)
        days = [event.effective for event in self.events]
        days += [u.valid_from for u in self._units.values() if u.valid_from is not None]
        return min(days, default=None)

    def lineage(self, unit_id: str) -> list[ChangeEvent]:
        """The events a unit took part in, oldest first."""
        self.unit(unit_id)
        return [
            event
            for event in self.events
            if any(part.unit == unit_id for part in (*event.sources, *event.results))
        ]

    def source_events(self, unit_id: str) -> list[tuple[ChangeEvent, EventUnit]]:
        """The events ``unit_id`` went into (as a source), oldest first, each with the
        unit's part in it."""
        if self._by_source is None:
            self._by_source = events_by_source(self.events)
        return self._by_source.get(unit_id, [])

    def succession(self, unit_id: str, on: dt.date) -> Succession:
        """The unit that carries ``unit_id``'s work on ``on``: itself while it exists,
        else what the reforms that ended it made of it (see
        :class:`~urbangov.hierarchy.SuccessionKind` for the rules)."""
        return succession(self, unit_id, on)

    def diff(self, before: dt.date, after: dt.date) -> HierarchyDiff:
        """Units added, removed, renamed and moved between two dates."""
        units = self._units.values()
        then = {u.id: u for u in units if u.exists_on(before)}
        now = {u.id: u for u in units if u.exists_on(after)}
        kept = sorted(then.keys() & now.keys())
        return HierarchyDiff(
            added=tuple(sorted(now.keys() - then.keys())),
            removed=tuple(sorted(then.keys() - now.keys())),
            renamed=tuple(
                (i, then[i].name_on(before) or "", now[i].name_on(after) or "")
                for i in kept
                if then[i].name_on(before) != now[i].name_on(after)
            ),
            moved=tuple(
                (i, then[i].parent_on(before), now[i].parent_on(after))
                for i in kept
                if then[i].parent_on(before) != now[i].parent_on(after)
            ),
        )


def _in_order(events: Iterable[ChangeEvent]) -> tuple[ChangeEvent, ...]:
    return tuple(sorted(events, key=lambda e: (e.effective, e.id)))
