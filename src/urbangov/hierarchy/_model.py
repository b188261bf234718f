"""Administrative units through time: every fact about a unit holds for a period.

A unit's identity is its internal ``id``, never a code or a name: codes and names are
reused (769 was Quận 2, then Thành phố Thủ Đức; "Phường An Khánh" has meant three
different units). Names, kinds, parents and codes are therefore lists of dated values.
Periods are inclusive: ``valid_to`` is the last day a fact holds; ``None`` is open.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Final, Generic, TypeVar, final

import attrs

__all__ = [
    "AdministrativeUnit",
    "ChangeEvent",
    "Dated",
    "EventKind",
    "EventUnit",
    "LegalBasis",
    "UnitCode",
    "UnitKind",
    "name_keys",
    "nfc",
    "search_form",
]

T = TypeVar("T")


class UnitKind(StrEnum):
    """The kinds of Vietnamese administrative units (and the country they divide)."""

    COUNTRY = "country"  # the whole country: the root of a national hierarchy
    CENTRALLY_RUN_CITY = "centrally_run_city"  # thành phố trực thuộc trung ương
    PROVINCE = "province"  # tỉnh
    MUNICIPAL_CITY = "municipal_city"  # thành phố thuộc thành phố trực thuộc TW (Thủ Đức)
    PROVINCIAL_CITY = "provincial_city"  # thành phố thuộc tỉnh
    TOWN = "town"  # thị xã
    URBAN_DISTRICT = "urban_district"  # quận
    RURAL_DISTRICT = "rural_district"  # huyện
    WARD = "ward"  # phường
    COMMUNE = "commune"  # xã
    TOWNSHIP = "township"  # thị trấn
    SPECIAL_ZONE = "special_zone"  # đặc khu


class EventKind(StrEnum):
    """How units change."""

    ESTABLISH = "establish"
    DISSOLVE = "dissolve"
    MERGE = "merge"  # several units become one new unit
    ABSORB = "absorb"  # units are taken into an existing one
    SPLIT = "split"
    RENAME = "rename"
    RECLASSIFY = "reclassify"
    REPARENT = "reparent"


def nfc(text: str) -> str:
    """``text`` in Unicode NFC, so that "Thủ Đức" typed either way is one string.

    Defined here rather than taken from :mod:`urbangov.plan`, so that loading a
    hierarchy does not import the plan model and its calendar.
    """
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _on(valid_from: dt.date | None, valid_to: dt.date | None, day: dt.date) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


def _period_check(instance: object, _: object, valid_to: dt.date | None) -> None:
    valid_from = getattr(instance, "valid_from", None)
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        raise ValueError(f"a period cannot end ({valid_to}) before it starts ({valid_from})")


@final
@attrs.frozen
class Dated(Generic[T]):
    """A value that holds from ``valid_from`` to ``valid_to`` (both inclusive)."""

    value: T
    valid_from: dt.date | None = None
    valid_to: dt.date | None = attrs.field(default=None, validator=_period_check)

    def holds_on(self, day: dt.date) -> bool:
        return _on(self.valid_from, self.valid_to, day)


@final
@attrs.frozen
class UnitCode:
    """A code in a scheme (``gso``: the statistics office's 2004 scheme; ``gso-2025``),
    valid for a period. A code identifies a unit only together with its date."""

    scheme: str
    code: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = attrs.field(default=None, validator=_period_check)

    def holds_on(self, day: dt.date) -> bool:
        return _on(self.valid_from, self.valid_to, day)


def _value_on(values: Iterable[Dated[T]], day: dt.date) -> T | None:
    for dated in values:
        if dated.holds_on(day):
            return dated.value
    return None


def _names(values: Iterable[Dated[str]]) -> tuple[Dated[str], ...]:
    # A copy only for a name that NFC changes (most are NFC already).
    return tuple(
        v if nfc(v.value) == v.value else attrs.evolve(v, value=nfc(v.value)) for v in values
    )


def _kinds(values: Iterable[Dated[UnitKind]]) -> tuple[Dated[UnitKind], ...]:
    return tuple(
        v if type(v.value) is UnitKind else attrs.evolve(v, value=UnitKind(v.value)) for v in values
    )


def _parents(values: Iterable[Dated[str]]) -> tuple[Dated[str], ...]:
    return tuple(values)


def _codes(values: Iterable[UnitCode]) -> tuple[UnitCode, ...]:
    return tuple(values)


def _parts(values: Iterable[EventUnit]) -> tuple[EventUnit, ...]:
    return tuple(values)


@final
@attrs.frozen
class AdministrativeUnit:
    """One unit, with everything about it dated."""

    id: str
    names: tuple[Dated[str], ...] = attrs.field(converter=_names)
    kinds: tuple[Dated[UnitKind], ...] = attrs.field(converter=_kinds)
    parents: tuple[Dated[str], ...] = attrs.field(default=(), converter=_parents)
    codes: tuple[UnitCode, ...] = attrs.field(default=(), converter=_codes)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = attrs.field(default=None, validator=_period_check)

    def exists_on(self, day: dt.date) -> bool:
        return _on(self.valid_from, self.valid_to, day)

    def name_on(self, day: dt.date) -> str | None:
        return _value_on(self.names, day)

    def kind_on(self, day: dt.date) -> UnitKind | None:
        return _value_on(self.kinds, day)

    def parent_on(self, day: dt.date) -> str | None:
        return _value_on(self.parents, day)

    def codes_on(self, day: dt.date) -> dict[str, str]:
        """``{scheme: code}`` of the codes valid on ``day``."""
        return {c.scheme: c.code for c in self.codes if c.holds_on(day)}

    @property
    def latest_name(self) -> str:
        """The most recent name: how to call a unit when no date is given."""
        return max(self.names, key=lambda n: n.valid_from or dt.date.min).value


@final
@attrs.frozen
class EventUnit:
    """A unit an event takes from or gives to, wholly or in part.

    ``main`` marks, on a unit divided between several events, the event whose result
    took the unit's main part (its seat): where the unit's tasks go when a plan follows
    the units (:func:`urbangov.assignment.rehome`).
    """

    unit: str
    whole: bool = True
    main: bool = False


@final
@attrs.frozen
class LegalBasis:
    """The document a change rests on."""

    number: str  # e.g. "1111/NQ-UBTVQH14"
    type: str = "resolution"
    signed: dt.date | None = None
    effective: dt.date | None = None


@final
@attrs.frozen
class ChangeEvent:
    """A change of the map: which units went in, which came out, on what basis."""

    id: str
    kind: EventKind = attrs.field(converter=EventKind)
    effective: dt.date
    sources: tuple[EventUnit, ...] = attrs.field(default=(), converter=_parts)
    results: tuple[EventUnit, ...] = attrs.field(default=(), converter=_parts)
    basis: LegalBasis | None = None


#: The combining diacritical marks Vietnamese uses (and the rest of their block),
#: dropped by ``str.translate`` in C rather than one character at a time.
_MARKS: Final = {cp: None for cp in range(0x300, 0x370) if unicodedata.combining(chr(cp))}


def search_form(text: str) -> str:
    """``text`` without diacritics, lowercased, spaces folded: "Thủ Đức" -> "thu duc"."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = decomposed.translate(_MARKS)
    if not bare.isascii():  # other scripts' marks: the general (slower) rule
        bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())


#: What a unit's name may begin with: "Phường Thảo Điền" is also "Thảo Điền".
_KIND_WORDS: Final = frozenset({"tinh", "quan", "huyen", "phuong", "xa"})
_KIND_PAIRS: Final = frozenset({"thanh pho", "thi xa", "thi tran", "dac khu"})


def name_keys(name: str) -> frozenset[str]:
    """The forms a person may type a name in: with or without diacritics, with or
    without the kind word in front ("Phường Thảo Điền", "thao dien")."""
    full = search_form(name)
    first, _, rest = full.partition(" ")
    if not rest:
        return frozenset((full,))
    keys = {full}
    if first in _KIND_WORDS:
        keys.add(rest)
    second, _, after = rest.partition(" ")
    if after and f"{first} {second}" in _KIND_PAIRS:
        keys.add(after)
    return frozenset(keys)
