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

from tests.plans import random_plan, with_groups
from urbangov.errors import CycleError, PlanError
from urbangov.plan import Dependency, Plan, Task
from urbangov.scheduling import Schedule, explain_all, schedule, what_if
from urbangov.scheduling import _engine as engine
from urbangov.scheduling import _small as small
from urbangov.scheduling._compile import check_range, compile_plan, cycle_error

seeds = st.integers(min_value=0, max_value=2**32)


def engine_schedule(plan: Plan) -> Schedule:
    """``plan`` scheduled by the vectorised engine, whatever its size."""
    network, origin = compile_plan(plan)
    try:
        passes = engine.compute(network)
    except engine.CycleFoundError as found:
        raise cycle_error(plan, found.rows) from None
    check_range(plan, passes, origin)
    return Schedule(plan, network, passes, origin)


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


@given(seeds)
def test_explanations_and_what_if_work_on_a_small_plans_schedule(seed: int) -> None:
    """They need the engine's arrays, which the schedule then makes: the same ones."""
    plan = random_plan(seed)
    ours, theirs = schedule(plan), engine_schedule(plan)
    ids = [task.id for task in plan.tasks]
    assert explain_all(ours, ids) == explain_all(theirs, ids)
    changes = {ids[-1]: plan.tasks[-1].duration + 3}
    assert list(what_if(ours, changes)) == list(what_if(theirs, changes))


def test_a_plan_over_the_limit_goes_to_the_engine() -> None:
    plan = random_plan(1, size=small.SMALL_PLAN + 1)
    assert schedule(plan)._rows is None
    assert schedule(random_plan(1, size=small.SMALL_PLAN))._rows is not None


def test_a_tracked_plan_goes_to_the_engine() -> None:
    plan = random_plan(7)
    assert schedule(plan, status_date=plan.start)._rows is None


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
