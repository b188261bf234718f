"""The shipped HCMC data answers the seed's questions as of a date."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from urbangov.hierarchy import EventKind, Hierarchy, OrganKind, UnitKind, organs_on
from urbangov.io import shipped_hierarchy

D = dt.date


@pytest.fixture(scope="module")
def hcmc() -> Hierarchy:
    return shipped_hierarchy("hcmc")


def _kinds(hcmc: Hierarchy, on: dt.date, depth: int | None = None) -> Counter[str]:
    return Counter(str(u.kind_on(on)) for u in hcmc.descendants("hcmc", on, depth=depth))


def test_2021_has_22_district_level_units_and_312_communes(hcmc: Hierarchy) -> None:
    on = D(2021, 6, 30)
    assert _kinds(hcmc, on, depth=1) == {
        "urban_district": 16,
        "rural_district": 5,
        "municipal_city": 1,
    }
    below = _kinds(hcmc, on) - _kinds(hcmc, on, depth=1)
    assert below == {"ward": 249, "commune": 58, "township": 5}
    assert len(hcmc.children("hcmc/thu-duc", on)) == 34


def test_the_2025_rearrangements(hcmc: Hierarchy) -> None:
    before_reform = _kinds(hcmc, D(2025, 3, 1)) - _kinds(hcmc, D(2025, 3, 1), depth=1)
    assert sum(before_reform.values()) == 273
    after = _kinds(hcmc, D(2025, 7, 1))
    assert after == {"ward": 113, "commune": 54, "special_zone": 1}


def test_thu_duc_was_formed_from_three_districts(hcmc: Hierarchy) -> None:
    (formation,) = [
        e
        for e in hcmc.lineage("hcmc/thu-duc")
        if e.kind is EventKind.MERGE and e.effective == D(2021, 1, 1)
    ]
    assert formation.basis is not None
    assert formation.basis.number == "1111/NQ-UBTVQH14"
    assert {hcmc.unit(p.unit).latest_name for p in formation.sources} == {
        "Quận 2",
        "Quận 9",
        "Quận Thủ Đức",
    }
    assert hcmc.find("769", D(2020, 6, 1)).latest_name == "Quận 2"
    assert hcmc.find("769", D(2021, 6, 1)).id == "hcmc/thu-duc"


def test_where_quan_2s_wards_went(hcmc: Hierarchy) -> None:
    wards = hcmc.children(hcmc.find("Quận 2", D(2020, 6, 1)).id, D(2020, 6, 1))
    assert len(wards) == 11
    for ward in wards:
        if ward.exists_on(D(2021, 6, 1)):
            assert hcmc.parent(ward.id, D(2021, 6, 1)).id == "hcmc/thu-duc"  # type: ignore[union-attr]
        else:  # merged on 2021-01-01: an event says into what
            assert any(e.effective == D(2021, 1, 1) for e in hcmc.lineage(ward.id))


def test_thao_dien_by_its_name_without_accents(hcmc: Hierarchy) -> None:
    ward = hcmc.find("thao dien", D(2021, 7, 1))
    assert ward.kind_on(D(2021, 7, 1)) is UnitKind.WARD
    assert [u.id for u in hcmc.ancestors(ward.id, D(2021, 7, 1))] == ["hcmc/thu-duc", "hcmc"]


def test_which_units_had_no_peoples_council_on_2021_07_01(hcmc: Hierarchy) -> None:
    """Resolution 131: none in the 16 quận and 249 phường (Thủ Đức's included)."""
    on = D(2021, 7, 1)
    without = [
        u
        for u in hcmc.descendants("hcmc", on)
        if OrganKind.PEOPLE_COUNCIL not in organs_on(hcmc, u.id, on)
    ]
    assert Counter(str(u.kind_on(on)) for u in without) == {"ward": 249, "urban_district": 16}
    assert OrganKind.PEOPLE_COUNCIL in organs_on(hcmc, "hcmc/thu-duc", on)
    ward = hcmc.find("thao dien", on).id
    assert organs_on(hcmc, ward, D(2021, 6, 30)) == (
        OrganKind.PEOPLE_COUNCIL,
        OrganKind.PEOPLE_COMMITTEE,
    )  # the day before the model started
    assert organs_on(hcmc, ward, on) == (OrganKind.PEOPLE_COMMITTEE,)
    assert organs_on(hcmc, ward, D(2025, 7, 1)) == ()  # merged away
