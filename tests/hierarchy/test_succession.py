"""Which unit carries a unit's work after the reforms that ended it; and the search
form the packed national data's index is made of."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from urbangov.errors import HierarchyError
from urbangov.hierarchy import (
    AdministrativeUnit,
    ChangeEvent,
    Dated,
    EventUnit,
    Hierarchy,
    SuccessionKind,
    UnitKind,
    search_form,
)
from urbangov.io import shipped_hierarchy

D = dt.date
LAST_OLD, REFORM, LATER = D(2025, 6, 30), D(2025, 7, 1), D(2025, 7, 15)
EARLY = D(2025, 1, 1)


def _unit(
    uid: str,
    parent: str | None,
    kind: UnitKind,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> AdministrativeUnit:
    return AdministrativeUnit(
        uid,
        names=[Dated(uid.rpartition("/")[2].title(), start, end)],
        kinds=[Dated(kind, start, end)],
        parents=[Dated(parent, start, end)] if parent else [],
        valid_from=start,
        valid_to=end,
    )


def _event(
    eid: str, kind: str, sources: list[EventUnit], results: list[str], on: dt.date = REFORM
) -> ChangeEvent:
    return ChangeEvent(eid, kind, on, sources, [EventUnit(r) for r in results])


def _reform() -> Hierarchy:
    """A province, one district with four wards; on 2025-07-01 the district is
    dissolved, a and b merge whole into ab, c is divided between ab and cd (its main
    part to cd), d goes whole into cd; e was divided without a main part."""
    ward, w = UnitKind.WARD, "p/d"
    units = [
        _unit("p", None, UnitKind.PROVINCE),
        _unit(w, "p", UnitKind.URBAN_DISTRICT, end=LAST_OLD),
        *(_unit(f"{w}/{x}", w, ward, end=LAST_OLD) for x in "abcde"),
        *(_unit(f"p/{x}", "p", ward, start=REFORM) for x in ("ab", "cd", "ef")),
    ]
    events = [
        _event("dissolve", "dissolve", [EventUnit(w)], []),
        _event(
            "ab",
            "merge",
            [EventUnit(f"{w}/a"), EventUnit(f"{w}/b"), EventUnit(f"{w}/c", whole=False)],
            ["p/ab"],
        ),
        _event(
            "cd",
            "merge",
            [
                EventUnit(f"{w}/c", whole=False, main=True),
                EventUnit(f"{w}/d"),
                EventUnit(f"{w}/e", whole=False),
            ],
            ["p/cd"],
        ),
        _event("ef", "split", [EventUnit(f"{w}/e", whole=False)], ["p/ef"]),
    ]
    return Hierarchy(units, events)


def test_a_unit_that_exists_continues() -> None:
    found = _reform().succession("p", LATER)
    assert (found.to, found.kind, found.moved, found.settled) == (
        "p",
        SuccessionKind.CONTINUES,
        False,
        True,
    )


def test_merged_whole() -> None:
    found = _reform().succession("p/d/a", LATER)
    assert (found.to, found.kind, found.events) == ("p/ab", SuccessionKind.MERGED, ("ab",))
    assert found.settled


def test_divided_goes_to_its_main_part_and_names_the_rest() -> None:
    found = _reform().succession("p/d/c", LATER)
    assert (found.to, found.kind, found.others) == ("p/cd", SuccessionKind.MAIN_PART, ("p/ab",))
    assert found.settled


def test_divided_without_a_main_part_is_a_persons_decision() -> None:
    found = _reform().succession("p/d/e", LATER)
    assert found.kind is SuccessionKind.DIVIDED
    assert not found.settled
    assert {found.to, *found.others} == {"p/cd", "p/ef"}


def test_dissolved_goes_to_the_level_above() -> None:
    found = _reform().succession("p/d", LATER)
    assert (found.to, found.kind, found.events) == ("p", SuccessionKind.DISSOLVED, ("dissolve",))


def test_before_the_reform_nothing_moves_and_new_units_are_not_yet() -> None:
    h = _reform()
    assert h.succession("p/d/a", LAST_OLD).kind is SuccessionKind.CONTINUES
    found = h.succession("p/ab", LAST_OLD)
    assert (found.to, found.kind) == (None, SuccessionKind.NOT_YET)


def test_an_end_without_an_event_is_unknown() -> None:
    h = Hierarchy(
        [_unit("p", None, UnitKind.PROVINCE), _unit("p/x", "p", UnitKind.WARD, end=LAST_OLD)]
    )
    found = h.succession("p/x", LATER)
    assert (found.to, found.kind, found.settled) == (None, SuccessionKind.UNKNOWN, False)


def test_chains_of_reforms_are_followed_to_the_day() -> None:
    """A ward merged on 2025-01-01, then its successor merged again on 2025-07-01."""
    ward = UnitKind.WARD
    units = [
        _unit("p", None, UnitKind.PROVINCE),
        _unit("p/x", "p", ward, end=D(2024, 12, 31)),
        _unit("p/y", "p", ward, end=LAST_OLD),
        _unit("p/z", "p", ward, start=REFORM),
    ]
    events = [
        ChangeEvent("1278", "absorb", EARLY, [EventUnit("p/x")], [EventUnit("p/y")]),
        _event("1685", "merge", [EventUnit("p/y", whole=False, main=True)], ["p/z"]),
    ]
    h = Hierarchy(units, events)
    assert h.succession("p/x", D(2025, 3, 1)).to == "p/y"
    found = h.succession("p/x", LATER)
    assert (found.to, found.kind, found.events) == (
        "p/z",
        SuccessionKind.MAIN_PART,
        ("1278", "1685"),
    )


@pytest.mark.parametrize(
    ("part", "message"),
    [
        (EventUnit("p/d/a", whole=True, main=True), "taken whole"),
    ],
)
def test_main_marks_only_a_divided_source(part: EventUnit, message: str) -> None:
    h = _reform()
    event = _event("bad", "merge", [part], ["p/ab"])
    with pytest.raises(HierarchyError, match=message):
        Hierarchy(list(h), [*h.events, event])


def test_main_on_a_result_or_twice_is_refused() -> None:
    h = _reform()
    on_result = ChangeEvent(
        "bad", "merge", REFORM, [EventUnit("p/d/a")], [EventUnit("p/ab", whole=False, main=True)]
    )
    with pytest.raises(HierarchyError, match="not a result"):
        Hierarchy(list(h), [*h.events, on_result])
    twice = _event("twice", "merge", [EventUnit("p/d/c", whole=False, main=True)], ["p/ab"])
    with pytest.raises(HierarchyError, match="main part in two events"):
        Hierarchy(list(h), [*h.events, twice])


@given(st.dates(D(2020, 1, 1), D(2027, 12, 31)))
def test_every_hcmc_unit_is_carried_by_a_unit_that_exists_then(day: dt.date) -> None:
    """The invariant on the real data: a successor exists on the day asked; a unit
    continues exactly while it exists; after the 2025 reform nothing is unknown."""
    hcmc = shipped_hierarchy("hcmc")
    for unit in hcmc:
        found = hcmc.succession(unit.id, day)
        assert (found.kind is SuccessionKind.CONTINUES) == unit.exists_on(day)
        if found.to is not None:
            assert hcmc.unit(found.to).exists_on(day)
        if day >= REFORM and (unit.valid_from is None or unit.valid_from <= day):
            assert found.settled, found


@given(st.text())
def test_search_form_drops_exactly_the_combining_marks(text: str) -> None:
    """The fast path (str.translate over the Vietnamese marks) says what the rule says."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert search_form(text) == " ".join(bare.lower().split())
