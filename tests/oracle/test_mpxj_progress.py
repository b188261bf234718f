"""A tracked plan's forecast equals MS Project's (MPXJ's MicrosoftScheduler with actuals).

MPXJ ignores the status date; urbangov's status-date rule is checked against MPXJ run
on the same plan expressed the way MS Project's *Update Project* expresses it (SNET
floors and stretched actual work, ``tests/oracle/PROGRESS-RULES.md`` §6).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.oracle._mpxj import mpxj_available, run_mpxj
from tests.plans import (
    DATES,
    mpxj_case,
    ms_project_dates,
    progress_case,
    random_plan,
    random_progress,
    with_status_floor,
)
from urbangov.calendar import WorkCalendar
from urbangov.plan import Dependency, Plan, Task
from urbangov.scheduling import Actual, Schedule, schedule

CASES = json.loads(Path(__file__).with_name("progress_cases.json").read_text(encoding="utf-8"))


def _differences(plan: Plan, ours: Schedule, result: dict[str, Any]) -> list[str]:
    assert result["error"] is None, result["error"]
    out = []
    for task in plan.tasks:
        mine, ms = ours[task.id], result["tasks"][task.id]
        shown = ms_project_dates(plan, task, ms, milestone=mine.milestone)
        for field in DATES:
            if getattr(mine, field) != shown[field]:
                out.append(f"{task.id}.{field}: {getattr(mine, field)} != {ms[field]}")
        for field in ("total_slack", "free_slack"):
            if getattr(mine, field) != round(ms[field]):
                out.append(f"{task.id}.{field}: {getattr(mine, field)} != {ms[field]}")
        if mine.critical != ms["critical"]:
            out.append(f"{task.id}.critical: {mine.critical} != {ms['critical']}")
    return out


# -- the recorded cases (MPXJ's answers kept in progress_cases.json; no JVM needed) ----


def _plan_of(case: dict[str, Any]) -> Plan:
    day = dt.date.fromisoformat
    calendar = WorkCalendar.mon_fri().adjusted(
        holidays=[day(d) for d in case.get("holidays", [])],
        working_days=[day(d) for d in case.get("working_days", [])],
    )
    tasks = [
        Task(
            spec["id"],
            spec["id"],
            int(spec.get("duration", 0)),
            depends=[Dependency(p, kind, lag) for p, kind, lag in spec.get("preds") or []],
            constraint=spec.get("constraint") or "ASAP",
            constraint_date=spec.get("constraint_date") and day(spec["constraint_date"]),
            deadline=spec.get("deadline") and day(spec["deadline"]),
        )
        for spec in case["tasks"]
    ]
    return Plan(case["name"], case["name"], day(case["start"]), tasks=tasks, calendar=calendar)


def _actuals_of(case: dict[str, Any]) -> dict[str, Actual]:
    def whole(value: float | None) -> int | None:
        return None if value is None else int(value)

    out = {}
    for spec in case["tasks"]:
        if spec.get("actual_start") is None:
            continue
        done = spec.get("actual_duration")
        if done is None and spec.get("remaining_duration") is None and "actual_finish" not in spec:
            done = spec.get("duration", 0) * spec.get("percent_complete", 0) / 100
        finish = spec.get("actual_finish")
        out[spec["id"]] = Actual(
            dt.date.fromisoformat(spec["actual_start"]),
            None if finish is None else dt.date.fromisoformat(finish),
            done=whole(done),
            remaining=whole(spec.get("remaining_duration")),
            percent=whole(spec.get("percent_complete")),
        )
    return out


def _at_whole_days(case: dict[str, Any]) -> bool:
    """Cases that pin an actual date to an hour cannot be said in days."""
    return not any(
        "T" in str(spec.get(field) or "")
        for spec in case["tasks"]
        for field in ("actual_start", "actual_finish")
    )


@pytest.mark.parametrize(
    "entry",
    [c for c in CASES if _at_whole_days(c["case"])],
    ids=lambda c: c["case"]["name"],
)
def test_recorded_mpxj_case(entry: dict[str, Any]) -> None:
    plan = _plan_of(entry["case"])
    ours = schedule(plan, actuals=_actuals_of(entry["case"]))
    assert _differences(plan, ours, entry["result"]) == []


def test_the_recorded_cases_cover_what_the_rules_name() -> None:
    names = {c["case"]["name"] for c in CASES}
    assert {"links_into_started", "ss_into_started_lag", "constraints_on_started"} <= names


# -- random tracked plans, live against MPXJ ---------------------------------------------

live = pytest.mark.skipif(not mpxj_available(), reason="needs java, mpxj and JPype1 (see .ci/run)")
if not mpxj_available() and os.environ.get("URBANGOV_REQUIRE_TOOLS"):
    raise RuntimeError("URBANGOV_REQUIRE_TOOLS is set but java, mpxj or JPype1 is missing")


def _compare(pairs: list[tuple[Plan, dict[str, Actual], Schedule]]) -> None:
    cases = [progress_case(mpxj_case(plan), actuals) for plan, actuals, _ in pairs]
    failures = {}
    for (plan, _, ours), result in zip(pairs, run_mpxj(cases), strict=True):
        diffs = _differences(plan, ours, result)
        if diffs:
            failures[plan.id] = diffs[:5]
    assert not failures, f"{len(failures)} of {len(pairs)} plans differ: {failures}"


@pytest.mark.oracle
@live
def test_random_tracked_plans_equal_mpxj() -> None:
    """300 plans with finished, started (ahead, on time, behind) and out-of-sequence
    tasks, actual dates on rest days, every link type and constraint."""
    pairs = []
    for seed in range(300):
        plan = random_plan(seed)
        _, actuals = random_progress(plan, seed)
        pairs.append((plan, actuals, schedule(plan, actuals=actuals)))
    _compare(pairs)


@pytest.mark.oracle
@live
def test_random_forecasts_at_a_status_date_equal_mpxj_update_project() -> None:
    """The status-date rule equals MPXJ scheduling MS Project's Update Project form."""
    pairs = []
    for seed in range(300):
        plan = random_plan(seed)
        status, actuals = random_progress(plan, seed)
        ours = schedule(plan, actuals=actuals, status_date=status)
        floored, stretched = with_status_floor(plan, actuals, status)
        pairs.append((floored, stretched, ours))
    _compare(pairs)
