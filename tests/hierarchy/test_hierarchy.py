"""Units through time: Thủ Đức City's formation on 2021-01-01, asked as of a date."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from urbangov.errors import HierarchyError, UnknownUnitError
from urbangov.hierarchy import (
    AdministrativeUnit,
    ChangeEvent,
    Dated,
    EventUnit,
    Hierarchy,
    LegalBasis,
    UnitCode,
    UnitKind,
    search_form,
)

D = dt.date
END_2020, START_2021 = D(2020, 12, 31), D(2021, 1, 1)
BEFORE, AFTER = D(2020, 6, 1), D(2021, 6, 1)


def unit(
    uid: str,
    name: str,
    kind: UnitKind,
    parent: str | list[Dated[str]] | None,
    code: str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> AdministrativeUnit:
    parents = parent if isinstance(parent, list) else ([Dated(parent)] if parent else [])
    return AdministrativeUnit(
        uid,
        names=[Dated(name, valid_from, valid_to)],
        kinds=[Dated(kind, valid_from, valid_to)],
        parents=parents,
        codes=[UnitCode("gso", code, valid_from, valid_to)],
        valid_from=valid_from,
        valid_to=valid_to,
    )


def hcmc() -> Hierarchy:
    ward = UnitKind.WARD
    return Hierarchy(
        [
            unit("hcmc", "Thành phố Hồ Chí Minh", UnitKind.CENTRALLY_RUN_CITY, None, "79"),
            unit("hcmc/quan-2", "Quận 2", UnitKind.URBAN_DISTRICT, "hcmc", "769", None, END_2020),
            unit("hcmc/quan-9", "Quận 9", UnitKind.URBAN_DISTRICT, "hcmc", "763", None, END_2020),
            unit(
                "hcmc/thu-duc",
                "Thành phố Thủ Đức",
                UnitKind.MUNICIPAL_CITY,
                "hcmc",
                "769",
                START_2021,
            ),
            unit("hcmc/quan-1", "Quận 1", UnitKind.URBAN_DISTRICT, "hcmc", "760"),
            unit("hcmc/quan-1/ben-nghe", "Phường Bến Nghé", ward, "hcmc/quan-1", "26740"),
            unit(
                "hcmc/thao-dien",
                "Phường Thảo Điền",
                ward,
                [Dated("hcmc/quan-2", None, END_2020), Dated("hcmc/thu-duc", START_2021)],
                "27088",
            ),
            unit(
                "hcmc/quan-2/an-khanh",
                "Phường An Khánh",
                ward,
                "hcmc/quan-2",
                "27106",
                None,
                END_2020,
            ),
            unit(
                "hcmc/quan-2/binh-an",
                "Phường Bình An",
                ward,
                "hcmc/quan-2",
                "27094",
                None,
                END_2020,
            ),
            unit(
                "hcmc/thu-duc/an-khanh",
                "Phường An Khánh",
                ward,
                "hcmc/thu-duc",
                "27094",
                START_2021,
            ),
        ],
        [
            ChangeEvent(
                "1111-thu-duc",
                "merge",
                START_2021,
                sources=[EventUnit("hcmc/quan-2"), EventUnit("hcmc/quan-9")],
                results=[EventUnit("hcmc/thu-duc")],
                basis=LegalBasis("1111/NQ-UBTVQH14", signed=D(2020, 12, 9), effective=START_2021),
            ),
            ChangeEvent(
                "1111-an-khanh",
                "merge",
                START_2021,
                sources=[EventUnit("hcmc/quan-2/an-khanh"), EventUnit("hcmc/quan-2/binh-an")],
                results=[EventUnit("hcmc/thu-duc/an-khanh")],
                basis=LegalBasis("1111/NQ-UBTVQH14"),
            ),
        ],
    )


def ids(units: list[AdministrativeUnit]) -> list[str]:
    return [u.id for u in units]


def test_the_districts_of_the_city_before_and_after() -> None:
    city = hcmc()
    assert ids(city.children("hcmc", BEFORE)) == ["hcmc/quan-1", "hcmc/quan-2", "hcmc/quan-9"]
    assert ids(city.children("hcmc", AFTER)) == ["hcmc/quan-1", "hcmc/thu-duc"]


def test_a_ward_moves_with_its_district() -> None:
    city = hcmc()
    assert ids(city.ancestors("hcmc/thao-dien", BEFORE)) == ["hcmc/quan-2", "hcmc"]
    assert ids(city.ancestors("hcmc/thao-dien", AFTER)) == ["hcmc/thu-duc", "hcmc"]


def test_codes_are_reused_so_a_code_needs_a_date() -> None:
    city = hcmc()
    assert city.find("769", BEFORE).id == "hcmc/quan-2"
    assert city.find("769", AFTER).id == "hcmc/thu-duc"
    with pytest.raises(HierarchyError, match=r"'769' could be several units: .*give a date"):
        city.find("769")
    assert city.find("27094", AFTER).id == "hcmc/thu-duc/an-khanh"
    assert city.find("27094", BEFORE).id == "hcmc/quan-2/binh-an"


def test_names_match_without_diacritics_and_in_nfd() -> None:
    city = hcmc()
    assert city.find("thao dien").id == "hcmc/thao-dien"
    assert city.find(unicodedata.normalize("NFD", "Phường Thảo Điền")).id == "hcmc/thao-dien"
    assert city.find("phuong an khanh", AFTER).id == "hcmc/thu-duc/an-khanh"
    with pytest.raises(HierarchyError, match="could be several units"):
        city.find("Phường An Khánh")  # three units over time; here two
    with pytest.raises(UnknownUnitError, match="no unit called 'Quận 99'"):
        city.find("Quận 99")
    assert search_form("Thành phố Thủ Đức") == "thanh pho thu duc"


def test_units_of_a_kind_and_depth() -> None:
    city = hcmc()
    wards = ids(city.descendants("hcmc", AFTER, kind="ward"))
    assert wards == ["hcmc/quan-1/ben-nghe", "hcmc/thu-duc/an-khanh", "hcmc/thao-dien"]
    assert ids(city.descendants("hcmc", AFTER, depth=1)) == ["hcmc/quan-1", "hcmc/thu-duc"]


def test_lineage_and_diff() -> None:
    city = hcmc()
    (event,) = city.lineage("hcmc/thu-duc/an-khanh")
    assert [s.unit for s in event.sources] == ["hcmc/quan-2/an-khanh", "hcmc/quan-2/binh-an"]
    assert event.basis is not None
    assert event.basis.number == "1111/NQ-UBTVQH14"
    change = city.diff(END_2020, START_2021)
    assert change.added == ("hcmc/thu-duc", "hcmc/thu-duc/an-khanh")
    assert "hcmc/quan-2" in change.removed
    assert change.moved == (("hcmc/thao-dien", "hcmc/quan-2", "hcmc/thu-duc"),)


def test_bad_hierarchies_are_refused() -> None:
    city = unit("c", "C", UnitKind.PROVINCE, None, "1")
    with pytest.raises(HierarchyError, match="duplicate unit id 'c'"):
        Hierarchy([city, city])
    with pytest.raises(HierarchyError, match="unit 'w' has unknown parent 'x'"):
        Hierarchy([city, unit("w", "W", UnitKind.WARD, "x", "2")])
    two = [Dated("c", None, D(2021, 6, 30)), Dated("d", D(2021, 6, 1))]
    with pytest.raises(HierarchyError, match="unit 'w' has two parents on 2021-06-01: 'c' and 'd'"):
        Hierarchy(
            [
                city,
                unit("d", "D", UnitKind.PROVINCE, None, "3"),
                unit("w", "W", UnitKind.WARD, two, "2"),
            ]
        )
    with pytest.raises(HierarchyError, match="cycle of parents"):
        Hierarchy(
            [unit("a", "A", UnitKind.WARD, "b", "4"), unit("b", "B", UnitKind.WARD, "a", "5")]
        )
    with pytest.raises(HierarchyError, match="event 'e' names unknown unit 'zz'"):
        Hierarchy([city], [ChangeEvent("e", "dissolve", START_2021, sources=[EventUnit("zz")])])
    with pytest.raises(ValueError, match="cannot end"):
        Dated("x", D(2021, 1, 2), D(2021, 1, 1))
    with pytest.raises(KeyError):
        hcmc().unit("nope")
