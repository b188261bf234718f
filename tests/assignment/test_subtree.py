"""tasks_under: a unit's subtree of a cascaded plan, for reads of its records only."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.examples import HCMC_PLAN
from urbangov.assignment import tasks_under
from urbangov.errors import UnknownUnitError
from urbangov.io import hierarchy_of, load_plan

DAY = dt.date(2021, 6, 14)


def test_a_district_holds_its_copy_and_its_wards_copies() -> None:
    plan = load_plan(HCMC_PLAN)
    hierarchy = hierarchy_of(plan)
    assert hierarchy is not None
    district = tasks_under(plan, hierarchy, "hcmc/quan-1", DAY)
    wards = {unit.id for unit in hierarchy.children("hcmc/quan-1", DAY)}
    assert district[0] == "t09-bo-tri-cong-chuc/hcmc/quan-1"
    assert {plan.task(t).unit for t in district[1:]} == wards
    assert len(district) == 1 + len(wards)
    ward = tasks_under(plan, hierarchy, "hcmc/quan-1/ben-nghe", DAY)
    assert ward == ["t09-bo-tri-cong-chuc/hcmc/quan-1/ben-nghe"]
    city = tasks_under(plan, hierarchy, "hcmc", DAY)
    assert set(district) < set(city)
    assert all(plan.task(t).unit is not None for t in city)  # unit-less tasks are under none
    with pytest.raises(UnknownUnitError):
        tasks_under(plan, hierarchy, "hcmc/no-such-district", DAY)
