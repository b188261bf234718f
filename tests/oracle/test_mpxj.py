"""urbangov's schedule equals MS Project's (MPXJ's MicrosoftScheduler), field by field."""

from __future__ import annotations

import os

import pytest

from tests.oracle._mpxj import mpxj_available, run_mpxj
from tests.plans import DATES, mpxj_case, ms_project_dates, random_plan
from urbangov.plan import Plan
from urbangov.scheduling import schedule

if not mpxj_available() and os.environ.get("URBANGOV_REQUIRE_TOOLS"):
    raise RuntimeError("URBANGOV_REQUIRE_TOOLS is set but java, mpxj or JPype1 is missing")

pytestmark = [
    pytest.mark.oracle,
    pytest.mark.skipif(not mpxj_available(), reason="needs java, mpxj and JPype1 (see .ci/run)"),
]


def _differences(plan: Plan, result: dict[str, object]) -> list[str]:
    assert result["error"] is None, result["error"]
    theirs = result["tasks"]
    assert isinstance(theirs, dict)
    ours = schedule(plan)
    out = []
    for task in plan.tasks:
        mine, ms = ours[task.id], theirs[task.id]
        shown = ms_project_dates(plan, task, ms, milestone=task.milestone)
        for field in DATES:
            if getattr(mine, field) != shown[field]:
                out.append(f"{task.id}.{field}: {getattr(mine, field)} != {ms[field]}")
        if mine.total_slack != round(ms["total_slack"]):
            out.append(f"{task.id}.total_slack: {mine.total_slack} != {ms['total_slack']}")
        if mine.free_slack != round(ms["free_slack"]):
            out.append(f"{task.id}.free_slack: {mine.free_slack} != {ms['free_slack']}")
        if mine.critical != ms["critical"]:
            out.append(f"{task.id}.critical: {mine.critical} != {ms['critical']}")
    return out


def _compare(plans: list[Plan]) -> None:
    failures = {}
    for plan, result in zip(plans, run_mpxj([mpxj_case(p) for p in plans]), strict=True):
        diffs = _differences(plan, result)
        if diffs:
            failures[plan.id] = diffs[:5]
    assert not failures, f"{len(failures)} of {len(plans)} plans differ: {failures}"


def test_random_plans_with_every_link_constraint_and_deadline() -> None:
    """400 plans: FS/SS/FF/SF, leads and lags, the 8 constraints (dates on rest days
    too), deadlines, holidays and make-up days."""
    _compare([random_plan(seed) for seed in range(400)])


def test_larger_random_plans() -> None:
    _compare([random_plan(10_000 + seed, size=300) for seed in range(5)])


def test_a_cycle_is_an_error_for_both() -> None:
    import datetime as dt

    from urbangov.calendar import WorkCalendar
    from urbangov.errors import CycleError
    from urbangov.plan import Task

    looped = Plan(
        "loop",
        "Loop",
        dt.date(2021, 1, 4),
        tasks=[
            Task("a", "A", 1, depends=["c"]),
            Task("b", "B", 1, depends=["a"]),
            Task("c", "C", 1, depends=["b"]),
        ],
        calendar=WorkCalendar.mon_fri(),
    )
    (result,) = run_mpxj([mpxj_case(looped)])
    assert result["error"] is not None
    assert "Cycle" in result["error"]
    with pytest.raises(CycleError, match=r"a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c"):
        schedule(looped)
