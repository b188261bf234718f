"""Units kept as the rows of a packed hierarchy, each built on first use.

A national hierarchy holds 14,000 units; a question about one province touches a few
hundred. Keeping each unit as the JSON text of its row, and building an
:class:`AdministrativeUnit` when one is asked for, loads the country in a fraction of the
time (and leaves the garbage collector a few hundred objects to walk, not 200,000).

A row is ``[names, kinds, parents, codes, from, to]``: names ``[[name, from, to]]``,
kinds ``[[kind, from, to]]``, parents ``[[row of the parent, from, to]]``, codes
``[[scheme, code, from, to]]``; every ``from``/``to`` is a position in the table's
``days`` or ``None`` (open). What the hierarchy needs of every unit at once (ids, each
unit's parents, the search index, the earliest start) is kept beside the rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, final

from urbangov.hierarchy._model import AdministrativeUnit, Dated, UnitCode, UnitKind

__all__ = ["UnitTable"]

#: One row or several (a unit's parents through time, a search key's units).
Rows = int | Sequence[int] | None


@final
class UnitTable(Mapping[str, AdministrativeUnit]):
    """Rows of units by id, read as :class:`AdministrativeUnit` on demand."""

    def __init__(
        self,
        ids: Sequence[str],
        rows: Sequence[str],
        parents: Sequence[Rows],
        days: Sequence[dt.date],
        *,
        search: Mapping[str, Rows] | None = None,
        first_start: dt.date | None = None,
    ) -> None:
        if not len(ids) == len(rows) == len(parents):
            raise ValueError(f"{len(ids)} ids, {len(rows)} rows and {len(parents)} parents")
        self._ids = ids
        self._rows = rows
        self._parents = parents
        self._days = days
        self._position = {unit_id: i for i, unit_id in enumerate(ids)}
        self._search = search
        self._first_start = first_start
        self._built: dict[str, AdministrativeUnit] = {}
        self._shared: dict[tuple[object, int | None, int | None], Dated[Any]] = {}

    def __getitem__(self, unit_id: str) -> AdministrativeUnit:
        unit = self._built.get(unit_id)
        if unit is None:
            unit = self._built[unit_id] = self.build(self._position[unit_id])
        return unit

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._position

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def ids(self) -> Sequence[str]:
        """The unit ids, in row order."""
        return self._ids

    @property
    def positions(self) -> Mapping[str, int]:
        """Each unit's row."""
        return self._position

    def search_index(self) -> Mapping[str, AbstractSet[str]] | None:
        """The search index the packed file carries (rows by key), read as unit ids
        key by key; ``None`` without one."""
        return None if self._search is None else _RowIndex(self._search, self._ids)

    def build(self, position: int) -> AdministrativeUnit:
        """The unit of row ``position`` (raises TypeError, ValueError, IndexError or
        KeyError on a malformed row)."""
        names, kinds, parents, codes, start, end = json.loads(self._rows[position])
        day = self._day
        return AdministrativeUnit(
            self._ids[position],
            names=tuple(Dated(name, day(a), day(b)) for name, a, b in names),
            kinds=tuple(self._dated(UnitKind(kind), a, b) for kind, a, b in kinds),
            parents=tuple(self._dated(self._ids[p], a, b) for p, a, b in parents),
            codes=tuple(UnitCode(s, c, day(a), day(b)) for s, c, a, b in codes),
            valid_from=day(start),
            valid_to=day(end),
        )

    def _day(self, position: int | None) -> dt.date | None:
        return None if position is None else self._days[position]

    def _dated(self, value: object, start: int | None, end: int | None) -> Dated[Any]:
        """One object for the thousands of equal facts (every ward's kind, siblings'
        parent)."""
        key = (value, start, end)
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = Dated(value, self._day(start), self._day(end))
        return found

    def children(self) -> dict[str, list[str]]:
        """Unit ids by every parent they ever had, without building a unit."""
        out: dict[str, list[str]] = defaultdict(list)
        ids = self._ids
        for unit_id, parents in zip(ids, self._parents, strict=True):
            for parent in _rows(parents):
                out[ids[parent]].append(unit_id)
        return out

    def search_entries(self) -> Iterator[tuple[str, list[str], list[str]]]:
        """(id, names, codes) of every unit, for the search index."""
        for position, unit_id in enumerate(self._ids):
            names, _, _, codes, _, _ = json.loads(self._rows[position])
            yield unit_id, [name for name, _, _ in names], [code for _, code, _, _ in codes]

    def first_start(self) -> dt.date | None:
        """The earliest day a unit begins (``None``: none has a start)."""
        return self._first_start


def _rows(found: Rows) -> Sequence[int]:
    return () if found is None else (found,) if isinstance(found, int) else found


@final
class _RowIndex(Mapping[str, AbstractSet[str]]):
    """Rows by search key, answered as sets of unit ids one key at a time."""

    def __init__(self, rows: Mapping[str, Rows], ids: Sequence[str]) -> None:
        self._rows, self._ids = rows, ids

    def __getitem__(self, key: str) -> AbstractSet[str]:
        return {self._ids[row] for row in _rows(self._rows[key])}

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)
