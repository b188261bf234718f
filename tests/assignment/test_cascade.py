"""Cascades: one task per unit, deadlines earlier at each level, progress rolls up."""

from __future__ import annotations

import datetime as dt

import pytest

from urbangov.assignment import expand_cascades
from urbangov.calendar import WorkCalendar
from urbangov.errors import PlanError, PlanFileError
from urbangov.hierarchy import AdministrativeUnit, Dated, Hierarchy, UnitKind
from urbangov.io import loads_plan, shipped_hierarchy
from urbangov.plan import Cascade, ConstraintType, Plan, Task
from urbangov.scheduling import schedule

D = dt.date


def _unit(uid: str, name: str, kind: UnitKind, parent: str | None = None) -> AdministrativeUnit:
    return AdministrativeUnit(
        uid, names=[Dated(name)], kinds=[Dated(kind)], parents=[Dated(parent)] if parent else []
    )


CITY = Hierarchy(
    [
        _unit("city", "Thành phố", UnitKind.CENTRALLY_RUN_CITY),
        _unit("city/q1", "Quận 1", UnitKind.URBAN_DISTRICT, "city"),
        _unit("city/q1/a", "Phường A", UnitKind.WARD, "city/q1"),
        _unit("city/q1/b", "Phường B", UnitKind.WARD, "city/q1"),
        _unit("city/h1", "Huyện 1", UnitKind.RURAL_DISTRICT, "city"),
        _unit("city/h1/x", "Xã X", UnitKind.COMMUNE, "city/h1"),
    ]
)
WARDS = Cascade("city", ["ward"], report_days={"commune": 3, "district": 2})


def _plan(*tasks: Task) -> Plan:
    return Plan("p", "P", D(2021, 4, 5), tasks=tasks, calendar=WorkCalendar.mon_fri())


def test_each_unit_gets_its_task_and_each_level_an_earlier_deadline() -> None:
    plan = _plan(
        Task("prep", "Prepare", 2),
        Task(
            "arrange", "Arrange staff", 5, depends=["prep"], deadline=D(2021, 4, 30), cascade=WARDS
        ),
    )
    out = expand_cascades(plan, CITY)
    ids = [t.id for t in out.tasks]
    assert ids == ["prep", "arrange/city/q1", "arrange/city/q1/a", "arrange/city/q1/b", "arrange"]
    ward = out.task("arrange/city/q1/a")
    assert ward.title == "Arrange staff (Phường A)"
    assert ward.duration == 5
    assert ward.lead == "city/q1/a/people_committee"
    assert ward.unit == "city/q1/a"
    assert [d.task for d in ward.depends] == ["prep"]
    assert ward.part_of == "arrange/city/q1"
    district = out.task("arrange/city/q1")
    assert district.deadline == D(2021, 4, 28)  # 2 working days before the city's
    assert ward.deadline == D(2021, 4, 23)  # 3 more before the district's
    assert district.duration == 3
    assert district.part_of == "arrange"
    city = out.task("arrange")
    assert city.duration == 2
    assert [d.task for d in city.depends] == ["arrange/city/q1"]
    assert city.deadline == D(2021, 4, 30)
    assert city.cascade is None
    assert city.unit == "city"
    result = schedule(out)
    assert result["arrange"].start > result["arrange/city/q1"].finish


def test_a_cascaded_successor_follows_the_same_units_copy() -> None:
    plan = _plan(
        Task("arrange", "Arrange", 5, cascade=WARDS),
        Task("train", "Train", 3, depends=["arrange"], cascade=WARDS),
    )
    out = expand_cascades(plan, CITY)
    assert [d.task for d in out.task("train/city/q1/b").depends] == ["arrange/city/q1/b"]


def test_start_constraints_go_to_the_units_and_finish_ones_stay() -> None:
    snet = Task("t", "T", 2, constraint="SNET", constraint_date=D(2021, 4, 12), cascade=WARDS)
    out = expand_cascades(_plan(snet), CITY)
    assert out.task("t/city/q1/a").constraint is ConstraintType.SNET
    assert out.task("t").constraint is ConstraintType.ASAP
    fnlt = Task("t", "T", 2, constraint="FNLT", constraint_date=D(2021, 4, 30), cascade=WARDS)
    out = expand_cascades(_plan(fnlt), CITY)
    assert out.task("t").constraint is ConstraintType.FNLT
    assert out.task("t/city/q1/a").constraint is ConstraintType.ASAP


def test_several_kinds_and_no_unit_at_all() -> None:
    both = Cascade("city", ["ward", "commune"])
    out = expand_cascades(_plan(Task("t", "T", 1, cascade=both)), CITY)
    assert {t.unit for t in out.tasks if t.id.count("/") >= 3} == {
        "city/q1/a",
        "city/q1/b",
        "city/h1/x",
    }
    with pytest.raises(PlanError, match="no unit of kind township"):
        expand_cascades(_plan(Task("t", "T", 1, cascade=Cascade("city", "township"))), CITY)
    with pytest.raises(PlanError, match="not all unit kinds"):
        expand_cascades(_plan(Task("t", "T", 1, cascade=Cascade("city", "shire"))), CITY)
    with pytest.raises(PlanError, match="'t': cascade under"):
        expand_cascades(_plan(Task("t", "T", 1, cascade=Cascade("atlantis", "ward"))), CITY)


def test_hcmc_wards_and_communes_on_go_live_day() -> None:
    hcmc = shipped_hierarchy("hcmc")
    kinds = Cascade("hcmc", ["ward", "commune", "township"], D(2021, 7, 1), report_days=5)
    plan = Plan(
        "p", "P", D(2021, 4, 7), tasks=[Task("t", "T", 10, deadline=D(2021, 6, 30), cascade=kinds)]
    )
    out = expand_cascades(plan, hcmc)
    leaves = [t for t in out.tasks if t.part_of and out.task(t.part_of).part_of]
    assert len(leaves) == 312  # 249 phường, 58 xã, 5 thị trấn
    assert len(out) == 1 + 22 + 312  # the city, its 22 district-level units, the communes
    thao_dien = out.task("t/hcmc/thu-duc/thao-dien")
    assert thao_dien.part_of == "t/hcmc/thu-duc"
    assert thao_dien.deadline == D(2021, 6, 16)  # 30 Jun - 5 - 5 working days


def test_a_plan_file_cascade_names_its_hierarchy() -> None:
    text = """
[plan]
id = "p"
title = "P"
start = 2021-04-07
hierarchy = "hcmc"

[[tasks]]
id = "t"
title = "Sắp xếp công chức phường"
duration = 10
deadline = 2021-06-30
cascade = { under = "Thủ Đức", kinds = "ward", on = 2021-07-01, report_days = 3 }
"""
    plan = loads_plan(text, "toml")
    assert plan.hierarchy == "hcmc"
    assert len(plan) == 1 + 34  # Thủ Đức's 34 phường
    with pytest.raises(PlanFileError, match="names no hierarchy"):
        loads_plan(text.replace('hierarchy = "hcmc"', ""), "toml", source="p.toml")
    with pytest.raises(PlanFileError, match=r"tasks\[0\] \(id 't'\)\.cascade"):
        loads_plan(text.replace('kinds = "ward"', 'kinds = "township"'), "toml", source="p.toml")
