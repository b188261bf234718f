"""Why is it late: the driving path back to its cause (MS Project's Task Path)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plans import random_plan, random_progress
from urbangov.calendar import WorkCalendar
from urbangov.errors import UnknownTaskError
from urbangov.plan import ConstraintType, Dependency, DependencyType, Plan, Task
from urbangov.scheduling import Actual, CauseKind, explain, schedule

START = dt.date(2021, 4, 5)  # a Monday


def _plan(*tasks: Task, calendar: WorkCalendar | None = None) -> Plan:
    return Plan(
        "p", "Kế hoạch", START, tasks=list(tasks), calendar=calendar or WorkCalendar.mon_fri()
    )


def test_the_chain_follows_the_link_that_sets_the_start_back_to_the_plan_start() -> None:
    plan = _plan(
        Task("a", "Soạn thảo", 5),
        Task("short", "Góp ý", 1),
        Task("b", "Thẩm định", 3, depends=[Dependency("a"), Dependency("short")]),
        Task("c", "Ban hành", 2, depends=[Dependency("b", DependencyType.SS, 1)]),
    )
    found = explain(schedule(plan), "c")
    assert [s.task for s in found.chain] == ["a", "b", "c"]  # not "short": it has slack
    assert [(s.link, s.lag) for s in found.chain] == [
        (None, 0),
        (DependencyType.FS, 0),
        (DependencyType.SS, 1),
    ]
    assert (found.cause.kind, found.cause.task, found.cause.day) == (
        CauseKind.PLAN_START,
        "a",
        START,
    )
    assert found.days_late == 0


def test_a_constraint_heads_the_chain_and_lateness_is_counted() -> None:
    plan = _plan(
        Task(
            "meeting",
            "Họp",
            1,
            constraint=ConstraintType.SNET,
            constraint_date=dt.date(2021, 4, 14),
        ),
        Task(
            "report", "Báo cáo", 3, depends=[Dependency("meeting")], deadline=dt.date(2021, 4, 16)
        ),
    )
    found = explain(schedule(plan), "report")
    assert found.cause.kind is CauseKind.CONSTRAINT
    assert (found.cause.task, found.cause.constraint) == ("meeting", "SNET")
    assert found.days_late == 1  # 15, 16 and 19 April: due Friday the 16th


def test_an_actual_start_or_the_status_date_heads_the_chain() -> None:
    plan = _plan(
        Task("a", "Soạn thảo", 5),
        Task("b", "Thẩm định", 3, depends=[Dependency("a")]),
        Task("c", "Góp ý", 2),
    )
    status = dt.date(2021, 4, 9)
    tracked = schedule(plan, actuals={"a": Actual(dt.date(2021, 4, 7))}, status_date=status)
    assert explain(tracked, "b").cause.kind is CauseKind.ACTUAL_START
    assert explain(tracked, "b").chain[0].task == "a"
    waiting = explain(tracked, "c").cause
    assert (waiting.kind, waiting.day) == (CauseKind.STATUS_DATE, status)


def test_the_holidays_a_link_waits_over_are_named() -> None:
    """Tết 2021 (10-16 February) between a finish and the start after it."""
    plan = Plan(
        "tet",
        "Tết",
        dt.date(2021, 2, 8),
        tasks=[Task("a", "Soạn thảo", 2), Task("b", "Ban hành", 1, depends=[Dependency("a")])],
    )
    step = explain(schedule(plan), "b").chain[-1]
    assert step.start == dt.date(2021, 2, 17)
    assert dt.date(2021, 2, 12) in step.holidays  # the first day of the year
    assert all(dt.date(2021, 2, 9) < d < dt.date(2021, 2, 17) for d in step.holidays)


def test_an_unknown_task() -> None:
    with pytest.raises(UnknownTaskError):
        explain(schedule(_plan(Task("a", "A", 1))), "nope")


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 10_000), st.booleans())
def test_every_step_is_a_link_of_the_plan_and_the_chain_ends_at_the_task(
    seed: int, tracked: bool
) -> None:
    plan = random_plan(seed)
    if tracked:
        status, actuals = random_progress(plan, seed)
        result = schedule(plan, actuals=actuals, status_date=status)
    else:
        result = schedule(plan)
    for task in plan.tasks:
        found = explain(result, task.id)
        assert found.chain[-1].task == task.id
        assert found.chain[0].link is None
        assert found.cause.task == found.chain[0].task
        for before, step in zip(found.chain, found.chain[1:], strict=False):
            links = plan.task(step.task).depends
            assert any(
                d.task == before.task and d.type is step.link and d.lag == step.lag for d in links
            )
        assert found.days_late == max(-result[task.id].total_slack, 0)


def _urbangov(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "urbangov", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_the_command_line(tmp_path: Path) -> None:
    from tests.examples import HCMC_DIR, HCMC_PLAN

    done = _urbangov("explain", str(HCMC_PLAN), "t07-sap-xep-cbcc")
    assert done.returncode == 0, done.stderr
    assert "Chuỗi công việc quyết định (từ nguyên nhân):" in done.stdout
    assert "qua ngày nghỉ: 30/04/2021 Ngày Chiến thắng" in done.stdout
    assert done.stdout.rstrip().endswith("tổ chức chính quyền đô thị).")
    assert "Nguyên nhân: ràng buộc MSO ngày 07/04/2021 của m00-hoi-nghi" in done.stdout
    june = str(HCMC_DIR / "progress-2021-06-14.csv")
    late = _urbangov("explain", str(HCMC_PLAN), "t09-bo-tri-cong-chuc/hcmc/quan-10",
                     "--progress", june, "--as-of", "2021-06-14", "--lang", "en",
                     "--format", "json")  # fmt: skip
    data = json.loads(late.stdout)
    assert data["days_late"] == 2
    assert data["cause"]["kind"] == "actual-start"
    unknown = _urbangov("explain", str(HCMC_PLAN), "t99")
    assert unknown.returncode == 2
    assert unknown.stderr.count("\n") == 1
