"""Plans follow the units: the HCMC 2021 plan carried to the units after 2025-07-01."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.examples import HCMC_DIR, HCMC_PLAN
from urbangov.assignment import DecisionReason, rehome
from urbangov.calendar import WorkCalendar
from urbangov.hierarchy import (
    AdministrativeUnit,
    ChangeEvent,
    Dated,
    EventUnit,
    Hierarchy,
    SuccessionKind,
    UnitKind,
)
from urbangov.io import hierarchy_of, load_plan, load_progress
from urbangov.plan import Plan, Task
from urbangov.tracking import TaskStatus, statistics, status_report

D = dt.date
NEW_MAP = D(2025, 7, 15)
AS_OF = D(2021, 6, 14)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(HCMC_PLAN)


def test_the_hcmc_2021_plan_reaches_the_2025_map_with_no_orphan(plan: Plan) -> None:
    hcmc = hierarchy_of(plan)
    assert hcmc is not None
    done = rehome(plan, hcmc, NEW_MAP)
    assert done.orphans == ()
    assert done.decisions == ()
    assert done.moved_tasks > 150  # wards merged into others, and the districts' steps
    for task in done.plan.tasks:
        if task.unit is not None:
            assert hcmc.unit(task.unit).exists_on(NEW_MAP), task
        if task.lead is not None and task.lead.rpartition("/")[0] in hcmc:
            assert hcmc.unit(task.lead.rpartition("/")[0]).exists_on(NEW_MAP), task


def test_nothing_is_dropped_ids_deadlines_and_links_stay(plan: Plan) -> None:
    hcmc = hierarchy_of(plan)
    assert hcmc is not None
    moved = rehome(plan, hcmc, NEW_MAP).plan
    assert list(moved.ids) == list(plan.ids)
    for old, new in zip(plan.tasks, moved.tasks, strict=True):
        same = attrs.evolve(
            new,
            unit=old.unit,
            lead=old.lead,
            supporting=old.supporting,
            accountable=old.accountable,
        )
        assert same == old  # only the unit references changed


def test_the_same_records_give_the_same_statuses_on_both_maps(plan: Plan) -> None:
    hcmc = hierarchy_of(plan)
    assert hcmc is not None
    log = load_progress(HCMC_DIR / "progress-2021-06-14.csv", plan)
    moved = rehome(plan, hcmc, NEW_MAP).plan
    before, after = status_report(plan, log, AS_OF), status_report(moved, log, AS_OF)

    def judged(tasks: tuple[TaskStatus, ...]) -> list[tuple[object, ...]]:
        return [(t.task, t.status, t.progress, t.deadline, t.extensions) for t in tasks]

    assert judged(before.tasks) == judged(after.tasks)
    old_map = statistics(before, by="unit", hierarchy=hcmc, units_on=plan.start)
    new_map = statistics(after, by="unit", hierarchy=hcmc, units_on=NEW_MAP)
    assert old_map.overall == new_map.overall
    assert "hcmc/quan-1" in {r.key for r in old_map.rows}
    new_keys = {r.key for r in new_map.rows if r.key is not None}
    assert all(hcmc.unit(k).exists_on(NEW_MAP) for k in new_keys)
    assert "hcmc/quan-1/nguyen-cu-trinh" in new_keys  # Phường Cầu Ông Lãnh of 2025
    assert "hcmc/quan-1/cau-kho" not in new_keys  # merged into it
    city = next(r for r in new_map.rows if r.key == "hcmc")
    assert city.total == next(r for r in old_map.rows if r.key == "hcmc").total


def test_rehome_to_a_day_before_any_change_moves_nothing(plan: Plan) -> None:
    hcmc = hierarchy_of(plan)
    assert hcmc is not None
    done = rehome(plan, hcmc, D(2021, 7, 1))
    assert done.moves == ()
    assert done.plan.tasks == plan.tasks


def _hierarchy() -> Hierarchy:
    def unit(
        uid: str,
        parent: str | None,
        kind: UnitKind,
        end: dt.date | None = None,
        start: dt.date | None = None,
    ) -> AdministrativeUnit:
        return AdministrativeUnit(
            uid,
            names=[Dated(uid)],
            kinds=[Dated(kind)],
            parents=[Dated(parent)] if parent else [],
            valid_from=start,
            valid_to=end,
        )

    last, new = D(2025, 6, 30), D(2025, 7, 1)
    units = [
        unit("p", None, UnitKind.PROVINCE),
        unit("p/a", "p", UnitKind.WARD, end=last),
        unit("p/e", "p", UnitKind.WARD, end=last),
        unit("p/x", "p", UnitKind.WARD, start=new),
        unit("p/y", "p", UnitKind.WARD, start=new),
    ]
    events = [
        ChangeEvent("a", "merge", new, [EventUnit("p/a")], [EventUnit("p/x")]),
        ChangeEvent(
            "e", "split", new, [EventUnit("p/e", whole=False)], [EventUnit("p/x"), EventUnit("p/y")]
        ),
    ]
    return Hierarchy(units, events)


def _one(*tasks: Task) -> Plan:
    return Plan("p", "P", D(2025, 5, 5), tasks=tasks, calendar=WorkCalendar.mon_fri())


def test_every_reference_moves_and_the_doubtful_ones_are_decisions() -> None:
    task = Task(
        "t",
        "T",
        3,
        unit="p/a",
        lead="p/a/people_committee",
        supporting=["p/e/people_committee", "p/so-noi-vu"],
        accountable="p/a/chair",
    )
    done = rehome(_one(task), _hierarchy(), D(2025, 8, 1))
    moved = done.plan.task("t")
    assert (moved.unit, moved.lead, moved.accountable) == (
        "p/x",
        "p/x/people_committee",
        "p/x/chair",
    )
    assert moved.supporting == ("p/x/people_committee", "p/so-noi-vu")
    why = {(m.field, m.old): m.decision for m in done.moves}
    assert why == {
        ("unit", "p/a"): None,
        ("lead", "p/a/people_committee"): None,
        ("supporting", "p/e/people_committee"): DecisionReason.DIVIDED,
        ("accountable", "p/a/chair"): DecisionReason.PERSON,
    }
    divided = next(m for m in done.moves if m.field == "supporting").succession
    assert divided.kind is SuccessionKind.DIVIDED
    assert {divided.to, *divided.others} == {"p/x", "p/y"}


def test_a_unit_of_the_future_is_an_orphan_a_person_must_see() -> None:
    done = rehome(_one(Task("t", "T", 1, unit="p/x")), _hierarchy(), D(2025, 1, 1))
    assert done.orphans == ("t",)
    assert done.decisions[0].decision is DecisionReason.NOT_YET
    assert done.plan.task("t").unit == "p/x"  # left as it was


def test_a_successor_without_the_organ_is_a_decision(plan: Plan) -> None:
    """Phường 12 of Phú Nhuận had a People's Council in 2020; Phường 11, which absorbed it
    on 2021-01-01, has none from 2021-07-01 (Resolution 131): a person decides who leads."""
    hcmc = hierarchy_of(plan)
    assert hcmc is not None
    task = Task("t", "T", 1, lead="hcmc/phu-nhuan/phuong-12/people_council")
    done = rehome(_one(task), hcmc, D(2021, 8, 1))
    assert done.moves[0].new == "hcmc/phu-nhuan/phuong-11/people_council"
    assert done.moves[0].decision is DecisionReason.NO_ORGAN
    committee = Task("t", "T", 1, lead="hcmc/phu-nhuan/phuong-12/people_committee")
    assert rehome(_one(committee), hcmc, D(2021, 8, 1)).decisions == ()


def test_an_agency_of_a_dissolved_district_is_a_decision(plan: Plan) -> None:
    hcmc = hierarchy_of(plan)
    assert hcmc is not None
    task = Task("t", "T", 1, lead="hcmc/quan-1/phong-noi-vu",
                accountable="hcmc/quan-1/people_committee/chair")  # fmt: skip
    done = rehome(_one(task), hcmc, NEW_MAP)
    assert [(m.new, m.decision) for m in done.moves] == [
        ("hcmc/phong-noi-vu", DecisionReason.AGENCY),
        ("hcmc/people_committee/chair", DecisionReason.PERSON),
    ]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(D(2021, 1, 1), D(2027, 12, 31)))
def test_on_any_day_every_task_names_a_unit_of_that_day_or_is_an_orphan(
    plan: Plan, day: dt.date
) -> None:
    hcmc = hierarchy_of(plan)
    assert hcmc is not None
    done = rehome(plan, hcmc, day)
    assert list(done.plan.ids) == list(plan.ids)
    orphans = set(done.orphans)
    for task in done.plan.tasks:
        if task.unit is not None and task.id not in orphans:
            assert hcmc.unit(task.unit).exists_on(day), (task.id, task.unit)


def test_a_unit_the_hierarchy_does_not_know_is_an_orphan_not_silence() -> None:
    done = rehome(_one(Task("t", "T", 1, unit="hcmc/quan-1/ben-nghe")), _hierarchy(), NEW_MAP)
    assert done.orphans == ("t",)
    assert done.decisions[0].decision is DecisionReason.UNKNOWN_UNIT
