"""Hierarchy files: units and change events, with errors that say where.

A hierarchy is one file (TOML, JSON or YAML) with ``units`` and ``events`` lists, or a
folder holding ``units.json`` and ``events.json`` (the shipped data's form). Periods
are ``from``/``to``, both inclusive; ``null`` (or a missing key) is open.
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

import attrs
from cattrs.gen import make_dict_structure_fn, override

from urbangov.errors import HierarchyError, HierarchyFileError
from urbangov.hierarchy import (
    AdministrativeUnit,
    ChangeEvent,
    Dated,
    EventKind,
    EventUnit,
    Hierarchy,
    LegalBasis,
    UnitCode,
    UnitKind,
)
from urbangov.io._packed import is_packed, pack_hierarchy, unpack_hierarchy
from urbangov.io._structure import converter, decode, read, structure

__all__ = [
    "SHIPPED",
    "hierarchy_from_dict",
    "hierarchy_named",
    "load_hierarchy",
    "pack_hierarchy",
    "shipped_hierarchy",
]

#: The hierarchies that come with urbangov, by name.
SHIPPED: Final = ("hcmc",)
#: A hierarchy folder's packed file, read instead of units.json and events.json.
PACKED_NAME: Final = "hierarchy.json"


@attrs.frozen
class _Name:
    name: str
    from_: dt.date | None = None
    to: dt.date | None = None


@attrs.frozen
class _Kind:
    kind: UnitKind
    from_: dt.date | None = None
    to: dt.date | None = None


@attrs.frozen
class _Parent:
    parent: str
    from_: dt.date | None = None
    to: dt.date | None = None


@attrs.frozen
class _Code:
    scheme: str
    code: str
    from_: dt.date | None = None
    to: dt.date | None = None


@attrs.frozen
class _Unit:
    id: str
    names: list[_Name]
    kinds: list[_Kind]
    parents: list[_Parent] = attrs.Factory(list)
    codes: list[_Code] = attrs.Factory(list)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@attrs.frozen
class _Part:
    unit: str
    whole: bool = True
    main: bool = False


@attrs.frozen
class _Basis:
    number: str
    type: str = "resolution"
    signed: dt.date | None = None
    effective: dt.date | None = None


@attrs.frozen
class _Event:
    id: str
    kind: EventKind
    effective: dt.date
    from_: list[_Part] = attrs.Factory(list)
    to: list[_Part] = attrs.Factory(list)
    basis: _Basis | None = None


@attrs.frozen
class _HierarchyFile:
    units: list[_Unit]
    events: list[_Event] = attrs.Factory(list)


_CONVERTER: Final = converter(UnitKind, EventKind)
for _shape in (_Name, _Kind, _Parent, _Code, _Event):
    _CONVERTER.register_structure_hook(
        _shape,
        make_dict_structure_fn(
            _shape, _CONVERTER, _cattrs_forbid_extra_keys=True, from_=override(rename="from")
        ),
    )


def hierarchy_from_dict(
    data: object, *, source: str | None = None, trusted: bool = False
) -> Hierarchy:
    """A :class:`~urbangov.hierarchy.Hierarchy` from decoded content: readable (``units``
    and ``events``) or packed (see :func:`pack_hierarchy`; ``trusted`` skips the checks
    of a package's own packed data)."""
    if is_packed(data):
        return unpack_hierarchy(data, source=source, trusted=trusted)
    shape = structure(
        _CONVERTER, data, _HierarchyFile, source=source, error=HierarchyFileError, what="hierarchy"
    )
    units = [_unit(u) for u in shape.units]
    events = [_event(e) for e in shape.events]
    try:
        return Hierarchy(units, events)
    except HierarchyError as exc:
        where = None
        if exc.unit_id is not None:
            at = [i for i, u in enumerate(shape.units) if u.id == exc.unit_id]
            if at:
                where = f"units[{at[-1]}] (id {exc.unit_id!r})"
        raise HierarchyFileError(
            str(exc), path=source, location=where, unit_id=exc.unit_id
        ) from None


def _unit(u: _Unit) -> AdministrativeUnit:
    return AdministrativeUnit(
        u.id,
        names=[Dated(n.name, n.from_, n.to) for n in u.names],
        kinds=[Dated(k.kind, k.from_, k.to) for k in u.kinds],
        parents=[Dated(p.parent, p.from_, p.to) for p in u.parents],
        codes=[UnitCode(c.scheme, c.code, c.from_, c.to) for c in u.codes],
        valid_from=u.valid_from,
        valid_to=u.valid_to,
    )


def _event(e: _Event) -> ChangeEvent:
    basis = e.basis
    return ChangeEvent(
        e.id,
        e.kind,
        e.effective,
        sources=[EventUnit(p.unit, p.whole, p.main) for p in e.from_],
        results=[EventUnit(p.unit, p.whole, p.main) for p in e.to],
        basis=None
        if basis is None
        else LegalBasis(basis.number, basis.type, basis.signed, basis.effective),
    )


def load_hierarchy(path: str | Path, *, trusted: bool = False) -> Hierarchy:
    """Read a hierarchy file, or a folder with ``units.json`` and ``events.json`` (or a
    packed ``hierarchy.json``). ``trusted``: packed data a package checked when it built
    them, loaded without checks and each unit built on first use."""
    path = Path(path)
    if path.is_dir() and (path / PACKED_NAME).exists():
        path = path / PACKED_NAME
    elif path.is_dir():
        content: dict[str, Any] = {}
        for part in ("units", "events"):
            text, fmt = read(path / f"{part}.json", error=HierarchyFileError, what="hierarchy")
            content[part] = decode(
                text, fmt, source=str(path / f"{part}.json"), error=HierarchyFileError
            )
        return hierarchy_from_dict(content, source=str(path))
    text, fmt = read(path, error=HierarchyFileError, what="hierarchy")
    return hierarchy_from_dict(
        decode(text, fmt, source=str(path), error=HierarchyFileError),
        source=str(path),
        trusted=trusted,
    )


def hierarchy_named(name: str, *, base: str | Path | None = None) -> Hierarchy:
    """The hierarchy called ``name``: a shipped one, a hierarchy file or folder (from
    ``base``, e.g. a plan file's folder), or one a plugin registers.

    Raises:
        HierarchyError: no such hierarchy (the message lists the known names).
    """
    if name in SHIPPED:
        return shipped_hierarchy(name)  # the common case: no plugins to load
    path = Path(base or ".") / name
    if path.exists():
        return load_hierarchy(path)
    from urbangov.plugins import default_plugins

    sources = default_plugins().hierarchies()
    if name not in sources:
        known = ", ".join(sorted(sources)) or "none"
        raise HierarchyError(
            f"no hierarchy {name!r}: not a file, nor a hierarchy a plugin provides "
            f"(available: {known})"
        )
    return sources[name].load()


@functools.cache
def shipped_hierarchy(name: str = "hcmc") -> Hierarchy:
    """A hierarchy that comes with urbangov (see ``hierarchy/data/SOURCES.md``)."""
    if name not in SHIPPED:
        raise HierarchyError(f"no shipped hierarchy {name!r} (shipped: {', '.join(SHIPPED)})")
    folder = files("urbangov.hierarchy") / "data" / name
    content = {
        part: decode(
            (folder / f"{part}.json").read_text(encoding="utf-8"),
            "json",
            source=f"{name}/{part}.json",
            error=HierarchyFileError,
        )
        for part in ("units", "events")
    }
    return hierarchy_from_dict(content, source=f"urbangov:{name}")
