"""Which organs a unit has on a date: decided by rules, not entered unit by unit.

Vietnam's Law on the Organisation of Local Government gives every unit a People's
Council (HĐND) and a People's Committee (UBND). Resolution 131/2020/QH14 removed the
People's Councils of HCMC's quận and phường from 2021-07-01 until the 2025 reform
(Law 72/2025/QH15 restores them). Such exceptions are :class:`OrganRule` data, so
another province or country can bring its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Final, final

import attrs

from urbangov.hierarchy._model import LegalBasis, UnitKind

if TYPE_CHECKING:
    from urbangov.hierarchy._hierarchy import Hierarchy

__all__ = [
    "RULED_ORGANS",
    "VIETNAM_ORGAN_RULES",
    "OrganKind",
    "OrganRule",
    "OrganRuleSet",
    "organs_on",
]


class OrganKind(StrEnum):
    """The organs of a local government.

    Councils and committees follow from :class:`OrganRule` data; agencies and ad-hoc
    bodies are listed one by one (an organisation file's ``organs``).
    """

    PEOPLE_COUNCIL = "people_council"  # Hội đồng nhân dân (HĐND)
    PEOPLE_COMMITTEE = "people_committee"  # Ủy ban nhân dân (UBND)
    SPECIALISED_AGENCY = "specialised_agency"  # cơ quan chuyên môn, e.g. Sở Nội vụ
    AD_HOC_BODY = "ad_hoc_body"  # e.g. Ban Chỉ đạo (a Steering Committee)


#: The organ kinds that rules decide, rather than lists.
RULED_ORGANS: Final = (OrganKind.PEOPLE_COUNCIL, OrganKind.PEOPLE_COMMITTEE)


def _kinds(values: Iterable[UnitKind | str]) -> frozenset[UnitKind]:
    return frozenset(UnitKind(v) for v in values)


@final
@attrs.frozen
class OrganRule:
    """``organ`` is (or is not) ``present`` in units of ``kinds`` under ``within``
    (any unit when None) from ``valid_from`` to ``valid_to`` (inclusive)."""

    organ: OrganKind
    present: bool
    kinds: frozenset[UnitKind] = attrs.field(converter=_kinds)
    within: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    basis: LegalBasis | None = None

    def applies(self, hierarchy: Hierarchy, unit_id: str, on: dt.date) -> bool:
        if self.valid_from is not None and on < self.valid_from:
            return False
        if self.valid_to is not None and on > self.valid_to:
            return False
        if hierarchy.unit(unit_id).kind_on(on) not in self.kinds:
            return False
        return self.within is None or any(
            a.id == self.within for a in hierarchy.ancestors(unit_id, on)
        )


def _rules(values: Iterable[OrganRule]) -> tuple[OrganRule, ...]:
    return tuple(values)


@final
@attrs.frozen
class OrganRuleSet:
    """Named organ rules, as a plugin registers them (``name`` must be unique).

    Sets are applied in the order plugins are registered, so a later set (a
    province's or another country's) overrides urbangov's own.
    """

    name: str
    rules: tuple[OrganRule, ...] = attrs.field(converter=_rules)
    description: str = ""


#: Every local unit: the country's own organs (the National Assembly, the Government)
#: are not People's Councils and Committees.
_EVERY_KIND: Final = frozenset(UnitKind) - {UnitKind.COUNTRY}

#: Vietnam's rules: both organs everywhere, except Resolution 131's urban government.
VIETNAM_ORGAN_RULES: Final = (
    OrganRule(OrganKind.PEOPLE_COUNCIL, True, _EVERY_KIND),
    OrganRule(OrganKind.PEOPLE_COMMITTEE, True, _EVERY_KIND),
    OrganRule(
        OrganKind.PEOPLE_COUNCIL,
        False,
        {UnitKind.URBAN_DISTRICT, UnitKind.WARD},
        within="hcmc",
        valid_from=dt.date(2021, 7, 1),
        valid_to=dt.date(2025, 6, 30),
        basis=LegalBasis(
            "131/2020/QH14", signed=dt.date(2020, 11, 16), effective=dt.date(2021, 1, 1)
        ),
    ),
)


def organs_on(
    hierarchy: Hierarchy,
    unit_id: str,
    on: dt.date,
    rules: Sequence[OrganRule] = VIETNAM_ORGAN_RULES,
) -> tuple[OrganKind, ...]:
    """The organs ``unit_id`` has on ``on``: for each organ, the last rule that applies."""
    if not hierarchy.unit(unit_id).exists_on(on):
        return ()
    present: dict[OrganKind, bool] = {}
    for rule in rules:
        if rule.applies(hierarchy, unit_id, on):
            present[rule.organ] = rule.present
    return tuple(organ for organ in RULED_ORGANS if present.get(organ))
