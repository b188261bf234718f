"""Baselines: a plain copy of the approved schedule, and the variance against it."""

from __future__ import annotations

import datetime as dt

import pytest

from urbangov.calendar import WorkCalendar
from urbangov.errors import TrackingError
from urbangov.plan import Plan, Task
from urbangov.scheduling import Actual, schedule
from urbangov.tracking import Baseline, variance

D = dt.date
PLAN = Plan(
    "p",
    "P",
    D(2021, 4, 5),
    tasks=[Task("a", "A", 5), Task("b", "B", 5, depends=["a"])],
    calendar=WorkCalendar.mon_fri(),
)


def test_variance_in_working_days_per_task_and_for_the_plan() -> None:
    baseline = Baseline.of(schedule(PLAN), "approved", D(2021, 4, 5))
    late = schedule(PLAN, actuals={"a": Actual(D(2021, 4, 7), D(2021, 4, 13))})
    result = variance(late, baseline)
    rows = {t.task: t for t in result.tasks}
    assert (rows["a"].start_variance, rows["a"].finish_variance) == (2, 2)
    assert rows["b"].start == D(2021, 4, 14)
    assert rows["b"].finish_variance == 2
    assert result.finish_variance == 2
    assert result.to_dict()["tasks"][0]["baseline_start"] == "2021-04-05"


def test_a_task_added_after_the_baseline_has_no_variance() -> None:
    baseline = Baseline.of(schedule(PLAN), "approved", D(2021, 4, 5))
    grown = Plan("p", "P", D(2021, 4, 5), tasks=[*PLAN.tasks, Task("c", "C", 1)])
    rows = {t.task: t for t in variance(schedule(grown), baseline).tasks}
    assert rows["c"].start_variance is None
    assert rows["c"].baseline_start is None


def test_a_baseline_round_trips_through_its_dict() -> None:
    baseline = Baseline.of(schedule(PLAN), "approved", D(2021, 4, 5))
    assert Baseline.from_dict(baseline.to_dict()) == baseline
    with pytest.raises(TrackingError, match="name"):
        Baseline.of(schedule(PLAN), " ", D(2021, 4, 5))
