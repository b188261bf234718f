"""Succession on random reforms: whatever the merges, divisions and dissolutions, the
unit that carries a unit's work exists on the day, and following a unit to a first day
then to a later one lands where following it to the later day directly does."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from urbangov.hierarchy import (
    AdministrativeUnit,
    ChangeEvent,
    Dated,
    EventUnit,
    Hierarchy,
    SuccessionKind,
    UnitKind,
)

START = dt.date(2020, 1, 1)
REFORMS = [dt.date(2021, 1, 1), dt.date(2023, 1, 1), dt.date(2025, 7, 1)]
DAYS = [dt.date(2020, 6, 1), dt.date(2022, 6, 1), dt.date(2024, 6, 1), dt.date(2026, 6, 1)]
_DAY = dt.timedelta(days=1)


@attrs.define(eq=False)
class _Draft:
    """A ward being generated: where it is, and when it ends."""

    id: str
    parent: str
    start: dt.date | None
    end: dt.date | None = None


def _ward(draft: _Draft) -> AdministrativeUnit:
    return AdministrativeUnit(
        draft.id,
        names=[Dated(draft.id, draft.start, draft.end)],
        kinds=[Dated(UnitKind.WARD, draft.start, draft.end)],
        parents=[Dated(draft.parent, draft.start, draft.end)],
        valid_from=draft.start,
        valid_to=draft.end,
    )


@st.composite
def reforms(draw: st.DrawFn) -> Hierarchy:
    """A province, two districts (the second dissolved at the last reform, its wards
    going to the province) and wards merged whole, absorbed, or divided with or without
    a main part at each reform."""
    live = [_Draft(f"w{i}", f"p/d{i % 2}", None) for i in range(draw(st.integers(4, 10)))]
    done: list[_Draft] = []
    events: list[ChangeEvent] = []
    for r, day in enumerate(REFORMS):
        for n in range(draw(st.integers(0, 3))):
            older = [w for w in live if w.start != day]  # a ward born today stays today
            if len(older) < 2:
                break
            picked = draw(st.lists(st.sampled_from(older), min_size=1, max_size=3, unique=True))
            how = draw(st.sampled_from(["merge", "absorb", "divide", "divide-main"]))
            parent = picked[0].parent if r < 2 else "p"
            fresh = _Draft(f"w{r}{n}", parent, day)
            if how == "absorb":
                into = draw(st.sampled_from([w for w in older if w not in picked] or [fresh]))
                if into is fresh:
                    live.append(fresh)
            else:
                into = fresh
                live.append(fresh)
            for gone in picked:
                gone.end = day - _DAY
                live.remove(gone)
                done.append(gone)
            if how.startswith("divide"):
                other = _Draft(f"x{r}{n}", parent, day)
                live.append(other)
                main = how == "divide-main"
                for gone in picked:
                    events.append(
                        ChangeEvent(
                            f"e{r}{n}{gone.id}a",
                            "split",
                            day,
                            [EventUnit(gone.id, False, main)],
                            [EventUnit(into.id)],
                        )
                    )
                    events.append(
                        ChangeEvent(
                            f"e{r}{n}{gone.id}b",
                            "split",
                            day,
                            [EventUnit(gone.id, False)],
                            [EventUnit(other.id)],
                        )
                    )
            else:
                kind = "absorb" if into.start != day else "merge"
                sources = [EventUnit(g.id) for g in picked]
                events.append(ChangeEvent(f"e{r}{n}", kind, day, sources, [EventUnit(into.id)]))
    last = REFORMS[-1]
    for ward in live:  # the second district's wards move up to the province
        if ward.parent == "p/d1" and (ward.start is None or ward.start < last):
            ward.end = last - _DAY
            done.append(ward)
            moved = _Draft(f"{ward.id}m", "p", last)
            events.append(ChangeEvent(f"m{ward.id}", "absorb", last, [EventUnit(ward.id)],
                                      [EventUnit(moved.id)]))  # fmt: skip
            live[live.index(ward)] = moved
    province = AdministrativeUnit("p", names=[Dated("P")], kinds=[Dated(UnitKind.PROVINCE)])
    districts = [
        AdministrativeUnit(
            f"p/d{i}",
            names=[Dated(f"D{i}")],
            kinds=[Dated(UnitKind.URBAN_DISTRICT)],
            parents=[Dated("p")],
            valid_to=None if i == 0 else last - _DAY,
        )
        for i in range(2)
    ]
    events.append(ChangeEvent("end-d1", "dissolve", last, [EventUnit("p/d1")], []))
    return Hierarchy([province, *districts, *(_ward(w) for w in (*done, *live))], events)


@settings(max_examples=150)
@given(reforms())
def test_the_successor_exists_then_and_chains_compose(h: Hierarchy) -> None:
    for unit in h:
        for i, day in enumerate(DAYS):
            found = h.succession(unit.id, day)
            assert (found.kind is SuccessionKind.CONTINUES) == unit.exists_on(day)
            if found.to is not None:
                assert h.unit(found.to).exists_on(day)
            if found.kind is SuccessionKind.NOT_YET:
                assert unit.valid_from is not None
                assert day < unit.valid_from
            for later in DAYS[i + 1 :]:
                if found.to is None:
                    continue
                direct = h.succession(unit.id, later)
                stepwise = h.succession(found.to, later)
                assert stepwise.to == direct.to, (unit.id, day, later, found, direct, stepwise)


@settings(max_examples=100)
@given(reforms())
def test_nothing_is_unknown_and_only_divisions_without_a_main_part_need_a_person(
    h: Hierarchy,
) -> None:
    divided = {part.unit for event in h.events for part in event.sources if not part.whole} - {
        part.unit for event in h.events for part in event.sources if part.main
    }
    for unit in h:
        found = h.succession(unit.id, DAYS[-1])
        assert found.kind is not SuccessionKind.UNKNOWN
        if not found.settled:
            assert found.kind is SuccessionKind.DIVIDED
            assert divided, "a person is asked although every division names its main part"
