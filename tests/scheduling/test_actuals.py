"""Scheduling with actual dates and a status date: what happened stays, the rest moves."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.plans import random_plan, random_progress
from urbangov.calendar import WorkCalendar
from urbangov.errors import PlanError, UnknownTaskError
from urbangov.plan import Plan, Task
from urbangov.scheduling import Actual, WarningKind, schedule, what_if

MON = dt.date(2021, 1, 4)


def _chain() -> Plan:
    return Plan(
        "chain",
        "Chain",
        MON,
        tasks=[
            Task("a", "A", 5),
            Task("b", "B", 5, depends=["a"]),
            Task("c", "C", 2, depends=["b"]),
        ],
        calendar=WorkCalendar.mon_fri(),
    )


def test_a_finished_task_sits_where_it_happened_and_moves_its_successors() -> None:
    late = schedule(_chain(), actuals={"a": Actual(MON, dt.date(2021, 1, 12))})  # 7 days
    assert (late["a"].start, late["a"].finish) == (MON, dt.date(2021, 1, 12))
    assert late["b"].start == dt.date(2021, 1, 13)
    assert not late["a"].critical
    assert late["a"].total_slack == 0
    assert late.finish == dt.date(2021, 1, 21)


def test_a_started_task_behind_at_the_status_date_resumes_after_it() -> None:
    plan = _chain()
    # a started on time, 2 of 5 days done, and it is now Friday of the second week.
    status = dt.date(2021, 1, 15)
    ours = schedule(plan, actuals={"a": Actual(MON, done=2)}, status_date=status)
    assert ours["a"].start == MON
    assert ours["a"].finish == dt.date(2021, 1, 20)  # the 3 days left: Mon 18 to Wed 20
    assert ours["b"].start == dt.date(2021, 1, 21)
    without_status = schedule(plan, actuals={"a": Actual(MON, done=2)})
    assert without_status["a"].finish == dt.date(2021, 1, 8)  # MPXJ: no status-date logic


def test_work_not_started_is_forecast_after_the_status_date() -> None:
    status = dt.date(2021, 1, 20)
    ours = schedule(_chain(), actuals={"a": Actual(MON, dt.date(2021, 1, 8))}, status_date=status)
    assert ours["b"].start == dt.date(2021, 1, 21)  # not the 11th, which is past
    assert ours["b"].early_start == dt.date(2021, 1, 21)


def test_progress_out_of_sequence_is_a_warning_not_an_error() -> None:
    ours = schedule(_chain(), actuals={"b": Actual(MON)})
    assert ours["b"].start == MON
    kinds = {(w.kind, w.task_id) for w in ours.warnings}
    assert (WarningKind.OUT_OF_SEQUENCE, "b") in kinds
    assert not any(w.kind is WarningKind.LINK_OVERRIDDEN for w in ours.warnings)


def test_bad_actuals_name_the_task() -> None:
    with pytest.raises(UnknownTaskError, match="'zz'"):
        schedule(_chain(), actuals={"zz": Actual(MON)})
    with pytest.raises(PlanError, match="before actual start"):
        Actual(MON, dt.date(2021, 1, 1))
    with pytest.raises(PlanError, match="whole number"):
        Actual(MON, done=-1)
    with pytest.raises(PlanError, match="'a'"):
        schedule(_chain(), actuals={"a": Actual(dt.date(1800, 1, 1))})


def test_what_if_on_a_tracked_schedule_equals_a_fresh_one() -> None:
    plan = _chain()
    actuals = {"a": Actual(MON, done=2)}
    tracked = schedule(plan, actuals=actuals, status_date=dt.date(2021, 1, 6))
    changed = what_if(tracked, {"c": 6})
    fresh = schedule(
        plan.replace_task(Task("c", "C", 6, depends=["b"])),
        actuals=actuals,
        status_date=dt.date(2021, 1, 6),
    )
    assert list(changed) == list(fresh)


@given(st.integers(0, 100_000))
def test_what_happened_stays_and_the_rest_comes_after_the_status_date(seed: int) -> None:
    plan = random_plan(seed, constraints=False)
    status, actuals = random_progress(plan, seed)
    ours = schedule(plan, actuals=actuals, status_date=status)
    show = plan.calendar
    for task in plan.tasks:
        row, actual = ours[task.id], actuals.get(task.id)
        if actual is None:
            assert row.start > status, task.id
            continue
        assert row.start == (actual.start if show.is_working_day(actual.start) else row.start)
        if actual.finish is not None:
            assert not row.critical
            assert row.free_slack == 0
            assert row.total_slack == 0
    finishes = [a.finish for a in actuals.values() if a.finish is not None]
    if finishes:
        assert ours.finish >= show.previous_working_day(max(finishes) + dt.timedelta(days=1))


@given(st.integers(0, 100_000))
def test_a_status_date_only_ever_delays(seed: int) -> None:
    plan = random_plan(seed, constraints=False)
    status, actuals = random_progress(plan, seed)
    free = schedule(plan, actuals=actuals)
    floored = schedule(plan, actuals=actuals, status_date=status)
    for a, b in zip(free, floored, strict=True):
        assert b.early_start >= a.early_start, a.id
        assert b.early_finish >= a.early_finish, a.id
    assert floored.finish >= free.finish


def test_what_if_on_a_started_task_equals_a_fresh_schedule() -> None:
    plan = _chain()
    actuals = {"a": Actual(MON, done=2)}
    tracked = schedule(plan, actuals=actuals, status_date=dt.date(2021, 1, 6))
    changed = what_if(tracked, {"a": 8})
    fresh = schedule(
        plan.replace_task(Task("a", "A", 8)), actuals=actuals, status_date=dt.date(2021, 1, 6)
    )
    assert list(changed) == list(fresh)
    assert changed["a"].finish == dt.date(2021, 1, 14)  # 6 days left, from Thursday the 7th


def test_planned_is_the_schedule_without_the_actuals() -> None:
    plan = _chain()
    tracked = schedule(plan, actuals={"a": Actual(MON, dt.date(2021, 1, 12))})
    assert list(tracked.planned()) == list(schedule(plan))
    assert tracked.column("finish")[0] == dt.date(2021, 1, 12)
    untracked = schedule(plan)
    assert untracked.planned() is untracked
    with pytest.raises(KeyError):
        untracked.column("colour")
