"""The national hierarchy: counts on each side of the 2025 reform, every old commune
carried to a new one, and agreement with urbangov's shipped HCMC data."""

from __future__ import annotations

import datetime as dt

import pytest
from urbangov_vn import national_hierarchy

from urbangov.assignment import rehome
from urbangov.hierarchy import Hierarchy, UnitKind
from urbangov.io import shipped_hierarchy
from urbangov.plan import Cascade, Plan, Task

BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
TOP = {UnitKind.PROVINCE, UnitKind.CENTRALLY_RUN_CITY}
DISTRICT = {UnitKind.URBAN_DISTRICT, UnitKind.RURAL_DISTRICT, UnitKind.TOWN,
            UnitKind.PROVINCIAL_CITY, UnitKind.MUNICIPAL_CITY}  # fmt: skip
COMMUNE = {UnitKind.WARD, UnitKind.COMMUNE, UnitKind.TOWNSHIP, UnitKind.SPECIAL_ZONE}


@pytest.fixture(scope="module")
def vn() -> Hierarchy:
    return national_hierarchy()


def _count(vn: Hierarchy, day: dt.date, kinds: set[UnitKind]) -> int:
    return sum(1 for u in vn if u.exists_on(day) and u.kind_on(day) in kinds)


def test_the_counts_on_each_side_of_the_reform(vn: Hierarchy) -> None:
    assert [_count(vn, BEFORE, k) for k in (TOP, DISTRICT, COMMUNE)] == [63, 696, 10_035]
    assert [_count(vn, AFTER, k) for k in (TOP, DISTRICT, COMMUNE)] == [34, 0, 3_321]
    after = [u.kind_on(AFTER) for u in vn if u.exists_on(AFTER) and u.kind_on(AFTER) in COMMUNE]
    assert (after.count(UnitKind.WARD), after.count(UnitKind.COMMUNE)) == (687, 2_621)
    assert after.count(UnitKind.SPECIAL_ZONE) == 13


def test_hanoi_before_and_after(vn: Hierarchy) -> None:
    assert len(vn.children("ha-noi", BEFORE)) == 30  # districts
    assert len(vn.children("ha-noi", AFTER)) == 126  # communes, no districts
    # Phường Hồng Hà keeps the code of Tứ Liên, the commune that holds its seat: it is
    # that commune, continuing (Decision 19/2025: a code is kept for a unit's whole life).
    hong_ha = vn.find("phuong hong ha", AFTER)
    assert hong_ha.id == "ha-noi/tay-ho/tu-lien"
    assert hong_ha.codes_on(BEFORE) == {"gso": "00097"}
    assert hong_ha.codes_on(AFTER) == {"gso-2025": "00097"}
    assert hong_ha.parent_on(BEFORE) == "ha-noi/tay-ho"
    assert hong_ha.parent_on(AFTER) == "ha-noi"


def test_every_old_commune_continues_or_goes_somewhere(vn: Hierarchy) -> None:
    carried = {part.unit for event in vn.events for part in event.sources}
    old = [u for u in vn if u.exists_on(BEFORE) and u.kind_on(BEFORE) in COMMUNE]
    continuing = [u for u in old if u.exists_on(AFTER)]
    assert len(continuing) == 3_316  # the seats: every new commune but 5 đặc khu
    assert [u.id for u in old if not u.exists_on(AFTER) and u.id not in carried] == []


def test_a_code_is_never_held_by_two_units_of_a_level(vn: Hierarchy) -> None:
    """Decision 19/2025: a code is kept for a unit's whole life and never reissued at
    its level; GSO codes of 2004 and the 2025 list are one series of numbers."""
    holders: dict[tuple[int, str], set[str]] = {}
    for unit in vn:
        level = len(vn.ancestors(unit.id, unit.valid_to or AFTER))
        for code in unit.codes:
            holders.setdefault((level, code.code), set()).add(unit.id)
    assert {key: ids for key, ids in holders.items() if len(ids) > 1} == {}


def test_hcmc_agrees_with_the_shipped_hcmc_data(vn: Hierarchy) -> None:
    hcmc = shipped_hierarchy("hcmc")

    def codes(h: Hierarchy, root: str, day: dt.date, scheme: str) -> set[str]:
        return {
            code.code
            for u in h.descendants(root, day)
            if u.kind_on(day) in COMMUNE
            for code in u.codes
            if code.scheme == scheme
        }

    assert codes(vn, "ho-chi-minh", BEFORE, "gso") == codes(hcmc, "hcmc", BEFORE, "gso")
    assert len(codes(vn, "ho-chi-minh", BEFORE, "gso")) == 273
    assert codes(vn, "ho-chi-minh", AFTER, "gso-2025") == codes(hcmc, "hcmc", AFTER, "gso-2025")
    assert len(codes(vn, "ho-chi-minh", AFTER, "gso-2025")) == 168


def test_the_packed_data_pass_every_check_of_a_readable_file(vn: Hierarchy) -> None:
    """The package loads its data unchecked (it was checked when built): check it here,
    with the checks any hierarchy file gets (parents, cycles, events, main parts)."""
    checked = Hierarchy(list(vn), vn.events)
    assert len(checked) == len(vn) == 10_800  # the country and its units, seats counted once
    assert checked.first_day == vn.first_day == dt.date(2025, 1, 1)


def test_every_old_commune_has_a_settled_successor_after_the_reform(vn: Hierarchy) -> None:
    """Divided communes go to the new commune that took their main part (the source's
    default successor): no case is left to a person."""
    later = dt.date(2025, 7, 15)
    old = [u for u in vn if u.exists_on(BEFORE) and u.kind_on(BEFORE) in COMMUNE]
    found = [vn.succession(u.id, later) for u in old]
    assert all(s.settled for s in found)
    assert all(s.to is not None and vn.unit(s.to).exists_on(later) for s in found)
    kinds = [s.kind.value for s in found]
    assert kinds.count("continues") == 3_316  # the seats
    assert set(kinds) == {"continues", "merged", "main_part"}


def test_a_province_plan_follows_its_communes(vn: Hierarchy) -> None:
    """A task cascaded to Hà Nội's 2025-01 communes, carried to the communes of 2025-07."""
    plan = Plan(
        "hn", "Hà Nội", dt.date(2025, 3, 3),
        tasks=[Task("t", "Rà soát", 5, deadline=dt.date(2025, 4, 30),
                    cascade=Cascade("ha-noi", ["ward", "commune", "township"]))],
    )  # fmt: skip
    done = rehome(plan, vn, dt.date(2025, 7, 15))
    assert done.orphans == ()
    assert done.decisions == ()
    leaves = [t for t in done.plan.tasks if t.unit and vn.unit(t.unit).kind_on(AFTER) in COMMUNE]
    assert len(leaves) == 526  # Hà Nội's communes of 2025-01 (each keeps its own task)
    assert {t.unit for t in leaves} <= {u.id for u in vn.children("ha-noi", AFTER)}


def test_the_urban_government_pilots_have_no_ward_councils_until_the_reform(
    vn: Hierarchy,
) -> None:
    from urbangov_vn import urban_government_rules

    from urbangov.hierarchy import VIETNAM_ORGAN_RULES, organs_on

    rules = (*VIETNAM_ORGAN_RULES, *urban_government_rules())
    spring = dt.date(2025, 3, 3)

    def organs(name: str, day: dt.date) -> list[str]:
        return [o.value for o in organs_on(vn, vn.find(name, day).id, day, rules)]

    assert organs("Phường Hàng Bạc", spring) == ["people_committee"]  # Hà Nội
    assert organs("Huyện Đông Anh", spring) == ["people_council", "people_committee"]
    assert organs("Quận Hải Châu", spring) == ["people_committee"]  # Đà Nẵng
    assert organs("Huyện Hòa Vang", spring) == ["people_council", "people_committee"]
    assert organs("Phường Bến Nghé", spring) == ["people_committee"]  # HCMC
    assert organs("Phường Hàng Bạc", spring - dt.timedelta(days=60)) == ["people_committee"]
    assert organs("Phường Hoàn Kiếm", AFTER) == ["people_council", "people_committee"]
    assert organs("vn", AFTER) == []  # the country's organs are not local ones


def test_the_legal_bases_are_those_of_the_hcmc_data(vn: Hierarchy) -> None:
    """Provinces: Resolution 202/2025/QH15; the end of districts: 203/2025/QH15; HCMC's
    communes: 1685/NQ-UBTVQH15 (the others' resolutions are not in the sources: none)."""
    bases = {
        (e.kind.value, e.basis.number if e.basis else None)
        for e in vn.events
        if e.kind.value in ("absorb", "dissolve") and len(e.results) <= 1
    }
    assert ("dissolve", "203/2025/QH15") in bases
    assert ("absorb", "202/2025/QH15") in bases
    sai_gon = vn.lineage(vn.find("phuong sai gon", AFTER).id)[-1]
    assert sai_gon.basis is not None
    assert sai_gon.basis.number == "1685/NQ-UBTVQH15"
    assert all(e.basis is None for e in vn.lineage(vn.find("phuong hong ha", AFTER).id))


def test_hcmc_units_are_the_same_units_in_both_data(vn: Hierarchy) -> None:
    """Not only the codes: a 2025 ward that continues a 2025-01 ward in one data set does
    in the other (identity follows the code in both), under the same names."""
    hcmc = shipped_hierarchy("hcmc")

    def lives(h: Hierarchy, root: str) -> dict[str, tuple[str | None, str | None, str | None]]:
        out = {}
        for unit in h.descendants(root, AFTER):
            if unit.kind_on(AFTER) not in COMMUNE:
                continue
            new = unit.codes_on(AFTER).get("gso-2025")
            assert new is not None
            out[new] = (unit.codes_on(BEFORE).get("gso"), unit.name_on(BEFORE), unit.name_on(AFTER))
        return out

    ours, theirs = lives(vn, "ho-chi-minh"), lives(hcmc, "hcmc")
    assert ours == theirs
    assert ours["26740"] == ("26740", "Phường Bến Nghé", "Phường Sài Gòn")
