"""Properties every schedule has, on plans hypothesis draws."""

from __future__ import annotations

import random

import attrs
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plans import random_plan
from urbangov.plan import ConstraintType, Plan
from urbangov.scheduling import schedule, what_if
from urbangov.scheduling._time import work_before

seeds = st.integers(min_value=0, max_value=2**32)


@given(seeds)
def test_without_constraints_every_link_holds_and_slack_is_never_negative(seed: int) -> None:
    plan = random_plan(seed, constraints=False)
    result = schedule(plan)
    p = result._passes
    finish = max(work_before(p.early_finish))
    for task in result:
        assert task.total_slack >= 0
        assert task.free_slack >= 0
        assert task.critical == (task.total_slack == 0)
    # In working time (a milestone's late date shows at the previous day's 17:00).
    assert (work_before(p.early_start) <= work_before(p.late_start)).all()
    assert result.critical_path, "some chain must drive the finish"
    assert finish == work_before(p.project_finish)
    net = result._network
    from_finish, onto_finish = (net.kind & 1).astype(bool), (net.kind & 2).astype(bool)
    driver = np.where(from_finish, p.early_finish[net.src], p.early_start[net.src])
    driven = np.where(onto_finish, p.early_finish[net.dst], p.early_start[net.dst])
    assert (work_before(driven) - work_before(driver) >= net.lag).all()


@given(seeds)
def test_the_days_from_early_to_late_equal_the_total_slack(seed: int) -> None:
    """As shown: a milestone's late date is not the day before its early date when
    nothing separates them. ALAP tasks keep MS Project's second-pass early dates."""
    plan = random_plan(seed)
    calendar = plan.calendar
    for task, row in zip(plan.tasks, schedule(plan), strict=True):
        if task.constraint is ConstraintType.ALAP:
            continue
        assert calendar.working_days_between(row.early_start, row.late_start) == row.total_slack
        if row.milestone:  # start and finish differ on a rest-day constraint date
            assert calendar.working_days_between(row.early_finish, row.late_finish) == (
                row.total_slack
            )


@given(seeds)
def test_the_order_of_tasks_in_the_plan_does_not_matter(seed: int) -> None:
    plan = random_plan(seed)
    tasks = list(plan.tasks)
    random.Random(seed).shuffle(tasks)
    shuffled = attrs.evolve(plan, tasks=tasks)
    assert {t.id: t for t in schedule(shuffled)} == {t.id: t for t in schedule(plan)}


@settings(max_examples=60)
@given(seeds, st.data())
def test_what_if_equals_scheduling_the_changed_plan(seed: int, data: st.DataObject) -> None:
    plan = random_plan(seed, size=40)
    ids = [t.id for t in plan.tasks]
    changes = data.draw(
        st.dictionaries(st.sampled_from(ids), st.integers(0, 25), min_size=1, max_size=3)
    )
    changed: Plan = plan
    for task_id, days in changes.items():
        changed = changed.replace_task(attrs.evolve(changed.task(task_id), duration=days))
    incremental = what_if(schedule(plan), changes)
    assert list(incremental) == list(schedule(changed))
    assert incremental.critical_path == schedule(changed).critical_path
