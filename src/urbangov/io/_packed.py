"""Packed hierarchy files: a large hierarchy in a form that loads in a blink.

The readable form (``units`` and ``events`` as tables of named keys) of Vietnam's 14,000
units is 6 MB and takes a second to read and check. The packed form is the same facts
as positional rows (see :mod:`urbangov.hierarchy._table`) with every date written once
(``days``) and every unit named by its row: a third of the size, parsed in a fraction
of the time, and its units built only when asked for.

It is a JSON object ``{"format": "urbangov-packed-hierarchy", "version": 1, "days",
"units", "events", "bases", "search"}`` (``search``: the name and code index, with the
version of the rules that made it); :func:`pack_hierarchy` writes it. A package's own
file (checked when it was built) loads with ``trusted=True``; any other is checked like
a readable file, and its index is made again.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from urbangov.errors import HierarchyError, HierarchyFileError
from urbangov.hierarchy import (
    ChangeEvent,
    EventKind,
    EventUnit,
    Hierarchy,
    LegalBasis,
)
from urbangov.hierarchy._hierarchy import SEARCH_VERSION, search_index
from urbangov.hierarchy._table import UnitTable

__all__ = ["PACKED_FORMAT", "is_packed", "pack_hierarchy", "unpack_hierarchy"]

PACKED_FORMAT: Final = "urbangov-packed-hierarchy"
_VERSION: Final = 1


def is_packed(data: object) -> bool:
    return isinstance(data, Mapping) and data.get("format") == PACKED_FORMAT


def pack_hierarchy(hierarchy: Hierarchy) -> dict[str, Any]:
    """``hierarchy`` as a packed JSON object (write it with ``json.dump``)."""
    units = list(hierarchy)
    row_of = {unit.id: i for i, unit in enumerate(units)}
    days: dict[dt.date, int] = {}
    bases: dict[LegalBasis, int] = {}

    def day(value: dt.date | None) -> int | None:
        return None if value is None else days.setdefault(value, len(days))

    def text(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    rows = [
        text(
            [
                [[n.value, day(n.valid_from), day(n.valid_to)] for n in unit.names],
                [[k.value.value, day(k.valid_from), day(k.valid_to)] for k in unit.kinds],
                [[row_of[p.value], day(p.valid_from), day(p.valid_to)] for p in unit.parents],
                [[c.scheme, c.code, day(c.valid_from), day(c.valid_to)] for c in unit.codes],
                day(unit.valid_from),
                day(unit.valid_to),
            ]
        )
        for unit in units
    ]

    def parts(sides: Sequence[EventUnit]) -> list[list[int]]:
        return [[row_of[p.unit], int(p.whole), int(p.main)] for p in sides]

    events = [
        [
            e.id,
            e.kind.value,
            day(e.effective),
            parts(e.sources),
            parts(e.results),
            None if e.basis is None else bases.setdefault(e.basis, len(bases)),
        ]
        for e in hierarchy.events
    ]
    basis_rows = [[b.number, b.type, day(b.signed), day(b.effective)] for b in bases]
    entries = ((u.id, (n.value for n in u.names), (c.code for c in u.codes)) for u in units)
    index = search_index(entries)
    keys = {key: _one_or_many(row_of[i] for i in index[key]) for key in sorted(index)}  # same bytes
    starts = [u.valid_from for u in units if u.valid_from is not None]
    return {  # "days" is complete only at the end: every part adds to it
        "format": PACKED_FORMAT,
        "version": _VERSION,
        "ids": [unit.id for unit in units],
        "parents": [_one_or_many(row_of[p] for p in {p.value for p in u.parents}) for u in units],
        "units": rows,
        "first_start": day(min(starts, default=None)),
        "events": text(events),
        "first_change": day(min((e.effective for e in hierarchy.events), default=None)),
        "bases": basis_rows,
        "search": {"version": SEARCH_VERSION, "keys": keys},
        "days": [d.isoformat() for d in days],
    }


def _one_or_many(rows: Iterable[int]) -> int | list[int] | None:
    """A row, or several in order: most keys and units have one."""
    found = sorted(rows)
    return None if not found else found[0] if len(found) == 1 else found


def unpack_hierarchy(data: object, *, source: str | None, trusted: bool = False) -> Hierarchy:
    """The hierarchy of a packed JSON object. ``trusted``: the data were checked when
    they were packed (a package's own), so units are built lazily and not checked."""
    if not is_packed(data):
        raise HierarchyFileError(f"not a packed hierarchy ({PACKED_FORMAT})", path=source)
    assert isinstance(data, Mapping)
    if data.get("version") != _VERSION:
        raise HierarchyFileError(
            f"packed hierarchy version {data.get('version')!r}: this urbangov reads "
            f"version {_VERSION}",
            path=source,
        )
    where = "days"
    try:
        days = [dt.date.fromisoformat(d) for d in data["days"]]
        search = data.get("search") or {}
        keys = search.get("keys") if trusted and search.get("version") == SEARCH_VERSION else None
        where = "units"
        table = UnitTable(
            data["ids"],
            data["units"],
            data["parents"],
            days,
            search=keys,
            first_start=None if data["first_start"] is None else days[data["first_start"]],
        )
        where = "bases"
        bases = [_basis(b, days) for b in data["bases"]]
        where = "events"
        ids, rows = table.ids, data["events"]
        if trusted:
            first = data["first_change"]
            return Hierarchy.from_table(
                table,
                lambda: [_event(row, ids, days, bases) for row in json.loads(rows)],
                None if first is None else days[first],
            )
        events = [_event(row, ids, days, bases) for row in json.loads(rows)]
        units = []
        for i in range(len(table)):
            where = f"units[{i}]"
            units.append(table.build(i))
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise HierarchyFileError(
            f"malformed packed hierarchy: {type(exc).__name__}: {exc}",
            path=source,
            location=where,
        ) from None
    try:
        return Hierarchy(units, events)
    except HierarchyError as exc:
        raise HierarchyFileError(str(exc), path=source, unit_id=exc.unit_id) from None


def _basis(row: Sequence[Any], days: Sequence[dt.date]) -> LegalBasis:
    number, kind, signed, effective = row
    return LegalBasis(
        number,
        kind,
        None if signed is None else days[signed],
        None if effective is None else days[effective],
    )


def _event(
    row: Sequence[Any], ids: Sequence[str], days: Sequence[dt.date], bases: Sequence[LegalBasis]
) -> ChangeEvent:
    event_id, kind, effective, sources, results, basis = row

    def parts(sides: Sequence[Sequence[int]]) -> list[EventUnit]:
        return [EventUnit(ids[u], bool(whole), bool(main)) for u, whole, main in sides]

    return ChangeEvent(
        event_id,
        EventKind(kind),
        days[effective],
        parts(sources),
        parts(results),
        None if basis is None else bases[basis],
    )
