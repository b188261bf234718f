"""The small-plan path (plain Python, no numpy) against the vectorised engine."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plans import random_plan, random_progress, with_groups
from urbangov.errors import CycleError, PlanError, UnknownTaskError
from urbangov.plan import Dependency, Plan, Task
from urbangov.scheduling import Actual, Schedule, explain_all, schedule, what_if
from urbangov.scheduling import _engine as engine
from urbangov.scheduling import _small as small
from urbangov.scheduling._compile import check_range, compile_plan, cycle_error
from urbangov.scheduling._progressed import with_actuals

seeds = st.integers(min_value=0, max_value=2**32)


def engine_schedule(
    plan: Plan, actuals: dict[str, Actual] | None = None, status_date: dt.date | None = None
) -> Schedule:
    """``plan`` scheduled by the vectorised engine, whatever its size."""
    network, origin = compile_plan(plan)
    planned, tracked = None, None
    if actuals or status_date is not None:
        planned, tracked = network, (dict(actuals or {}), status_date)
        network = with_actuals(plan, network, origin, actuals or {}, status_date)
    try:
        passes = engine.compute(network)
    except engine.CycleFoundError as found:
        raise cycle_error(plan, found.rows) from None
    check_range(plan, passes, origin)
    return Schedule(plan, network, passes, origin, planned, tracked)


def assert_same(ours: Schedule, theirs: Schedule) -> None:
    assert ours._rows is not None, "the small path scheduled it"
    assert theirs._rows is None
    assert list(ours) == list(theirs)
    assert ours.critical_path == theirs.critical_path
    assert ours.warnings == theirs.warnings
    assert ours.groups == theirs.groups
    assert (ours.start, ours.finish) == (theirs.start, theirs.finish)
    for name in ("start", "late_finish", "total_slack", "free_slack", "critical"):
        assert ours.column(name) == theirs.column(name)
    assert ours.to_dict() == theirs.to_dict()
    assert ours.tracking == theirs.tracking
    assert list(ours.planned()) == list(theirs.planned())


@settings(max_examples=400)
@given(seeds)
def test_a_small_plan_gets_the_engines_schedule(seed: int) -> None:
    """Every link kind and lag, every constraint, deadlines, ALAP, holidays, groups."""
    plan = with_groups(random_plan(seed), seed)
    assert_same(schedule(plan), engine_schedule(plan))


@settings(max_examples=40)
@given(seeds)
def test_larger_plans_agree_too(seed: int) -> None:
    plan = random_plan(seed, size=300)
    assert_same(schedule(plan), engine_schedule(plan))


@settings(max_examples=300)
@given(seeds, st.booleans())
def test_a_tracked_small_plan_gets_the_engines_schedule(seed: int, status: bool) -> None:
    """Finished, started (early, late, out of sequence, on rest days) and untouched
    tasks, with and without a status date that reschedules the work left."""
    plan = with_groups(random_plan(seed), seed)
    status_date, actuals = random_progress(plan, seed)
    day = status_date if status else None
    assert_same(
        schedule(plan, actuals=actuals, status_date=day), engine_schedule(plan, actuals, day)
    )


@settings(max_examples=30)
@given(seeds)
def test_larger_tracked_plans_agree_too(seed: int) -> None:
    plan = random_plan(seed, size=300)
    status_date, actuals = random_progress(plan, seed)
    ours = schedule(plan, actuals=actuals, status_date=status_date)
    assert_same(ours, engine_schedule(plan, actuals, status_date))


@given(seeds)
def test_explanations_and_what_if_agree_with_the_engines(seed: int) -> None:
    """Explanations find the driving links in the lists; what-if needs the engine's
    arrays, which the schedule then makes: the same ones."""
    plan = random_plan(seed)
    ours, theirs = schedule(plan), engine_schedule(plan)
    ids = [task.id for task in plan.tasks]
    assert explain_all(ours, ids) == explain_all(theirs, ids)
    assert ours._arrays is None, "explaining needs no arrays"
    changes = {ids[-1]: plan.tasks[-1].duration + 3}
    assert list(what_if(ours, changes)) == list(what_if(theirs, changes))


@settings(max_examples=200)
@given(seeds, st.booleans())
def test_a_tracked_plan_is_explained_as_the_engine_explains_it(seed: int, status: bool) -> None:
    """Started tasks end a chain at their actual start; work not started at the
    status date's floor."""
    plan = random_plan(seed)
    status_date, actuals = random_progress(plan, seed)
    day = status_date if status else None
    ours = schedule(plan, actuals=actuals, status_date=day)
    theirs = engine_schedule(plan, actuals, day)
    ids = [task.id for task in plan.tasks]
    assert explain_all(ours, ids) == explain_all(theirs, ids)


def test_a_plan_over_the_limit_goes_to_the_engine() -> None:
    plan = random_plan(1, size=small.SMALL_PLAN + 1)
    assert schedule(plan)._rows is None
    assert schedule(random_plan(1, size=small.SMALL_PLAN))._rows is not None


def test_a_status_date_alone_floors_the_work_not_started() -> None:
    plan = random_plan(7)
    day = plan.start + dt.timedelta(days=10)
    assert_same(schedule(plan, status_date=day), engine_schedule(plan, None, day))
    assert schedule(plan, status_date=day).tracking == engine_schedule(plan, None, day).tracking


def test_an_actual_for_an_unknown_task_is_refused_before_a_cycle_is_looked_for() -> None:
    """The same error as the engine's when a plan has both faults."""
    tasks = [Task("a", "A", 1, depends=[Dependency("b")]), Task("b", "B", 1, depends=["a"])]
    plan = Plan("p", "P", dt.date(2021, 4, 1), tasks=tasks)
    actuals = {"zz": Actual(dt.date(2021, 4, 1))}
    with pytest.raises(UnknownTaskError) as ours:
        schedule(plan, actuals=actuals)
    with pytest.raises(UnknownTaskError) as theirs:
        engine_schedule(plan, actuals)
    assert str(ours.value) == str(theirs.value)


def test_a_cycle_is_named_as_the_engine_names_it() -> None:
    tasks = [
        Task("a", "A", 1, depends=[Dependency("c")]),
        Task("b", "B", 1, depends=[Dependency("a")]),
        Task("c", "C", 1, depends=[Dependency("b")]),
        Task("d", "D", 1, depends=[Dependency("c")]),
    ]
    plan = Plan("p", "P", dt.date(2021, 4, 1), tasks=tasks)
    with pytest.raises(CycleError) as ours:
        schedule(plan)
    with pytest.raises(CycleError) as theirs:
        engine_schedule(plan)
    assert str(ours.value) == str(theirs.value)
    assert set(ours.value.cycle) == {"a", "b", "c"}  # "d" is behind the loop, not on it


def test_a_date_past_the_calendar_is_refused_naming_the_task() -> None:
    plan = Plan("p", "P", dt.date(2399, 12, 1), tasks=[Task("a", "A", 2), Task("long", "Long", 40)])
    with pytest.raises(PlanError, match=r"task '(a|long)': date outside") as ours:
        schedule(plan)
    with pytest.raises(PlanError) as theirs:
        engine_schedule(plan)
    assert str(ours.value) == str(theirs.value)


def test_an_empty_plan() -> None:
    plan = Plan("p", "P", dt.date(2021, 4, 1))
    ours = schedule(plan)
    assert list(ours) == []
    assert ours.finish == plan.start
    assert ours.critical_path == ()


def test_scheduling_a_small_plan_does_not_import_numpy() -> None:
    """What makes the command line start fast (issue 15): numpy is 60 to 90 ms of it."""
    code = (
        "import sys, datetime as dt\n"
        "from urbangov.plan import Plan, Task, Dependency\n"
        "from urbangov.scheduling import schedule\n"
        "plan = Plan('p', 'P', dt.date(2021, 4, 1), tasks=[Task('a', 'A', 3), "
        "Task('b', 'B', 2, depends=[Dependency('a')])])\n"
        "result = schedule(plan)\n"
        "print(result.finish, result.critical_path, 'numpy' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.split() == ["2021-04-07", "('a',", "'b')", "False"]


def test_a_renamed_task_keeps_its_schedule() -> None:
    """Plan order, not ids, lines the rows up (ids sort differently from rows)."""
    plan = random_plan(3, size=12)
    renamed = attrs.evolve(plan, tasks=list(reversed(plan.tasks)))
    assert {t.id: t for t in schedule(renamed)} == {t.id: t for t in engine_schedule(plan)}
