"""The DCMA 14-point assessment: each point flags what it should, a sound plan passes,
the tracking points judge against the status date and the baseline."""

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
from urbangov.plan import ConstraintType, Dependency, DependencyType, Plan, Task
from urbangov.quality import QualityCheck, QualityReport, assess_quality
from urbangov.scheduling import Actual, schedule
from urbangov.tracking import Baseline

START = dt.date(2021, 4, 5)  # a Monday


def _plan(*tasks: Task) -> Plan:
    return Plan("p", "Kế hoạch", START, tasks=list(tasks), calendar=WorkCalendar.mon_fri())


def _sound() -> Plan:
    return _plan(
        Task("start", "Hội nghị", 0, lead="ubnd"),
        Task("a", "Soạn thảo", 5, depends=[Dependency("start")], lead="so-noi-vu"),
        Task("b", "Thẩm định", 10, depends=[Dependency("a")], lead="so-tu-phap"),
        Task("c", "Góp ý", 3, depends=[Dependency("a")], lead="so-tu-phap"),
        Task("end", "Ban hành", 0, depends=[Dependency("b"), Dependency("c")], lead="ubnd"),
    )


def _by_key(report: QualityReport) -> dict[str, QualityCheck]:
    return {c.key: c for c in report.checks}


def test_a_sound_plan_passes_every_point_that_applies() -> None:
    report = assess_quality(schedule(_sound()))
    assert [c.number for c in report.checks] == list(range(1, 15))
    assert report.failed == ()
    assert [c.number for c in report.checks if c.passed is None] == [9, 11, 14]
    cpt = report.checks[11]
    assert (cpt.value, cpt.flagged) == (600.0, ("start", "end"))  # the end moved all of it


def test_each_point_flags_what_it_counts() -> None:
    plan = _plan(
        Task("start", "Hội nghị", 0, lead="ubnd"),
        Task("a", "Soạn thảo", 50, depends=[Dependency("start")], lead="so-noi-vu"),
        Task("b", "Thẩm định", 5, depends=[Dependency("a", DependencyType.SS, 2)]),
        Task("c", "Góp ý", 3, depends=[Dependency("a", lag=-1)], lead="so-tu-phap"),
        Task(
            "fixed",
            "Họp",
            1,
            depends=[Dependency("b"), Dependency("c")],
            constraint=ConstraintType.MSO,
            constraint_date=dt.date(2021, 8, 2),
            lead="ubnd",
        ),
        Task("late", "Báo cáo", 2, depends=[Dependency("fixed")], deadline=START, lead="vp"),
        Task("loose", "Tuyên truyền", 1, lead="so-ttt"),
    )
    checks = _by_key(assess_quality(schedule(plan)))
    assert checks["logic"].flagged == ("late", "loose")  # no successor, not a milestone
    assert checks["leads"].flagged == ("a -> c",)
    assert checks["lags"].flagged == ("a -> b",)
    assert checks["relationship-types"].flagged == ("a -> b",)
    assert checks["hard-constraints"].flagged == ("fixed",)
    assert checks["high-duration"].flagged == ("a",)
    assert "late" in checks["negative-float"].flagged
    assert checks["resources"].flagged == ("b",)
    assert "loose" in checks["high-float"].flagged
    # The MSO meeting holds everything after it: delaying the first critical task
    # before it does not move the task that finishes the plan.
    held = _plan(
        Task("start", "Hội nghị", 0, lead="ubnd"),
        Task("a", "Soạn thảo", 5, depends=[Dependency("start")], lead="so-noi-vu"),
        Task(
            "fixed",
            "Họp",
            1,
            depends=[Dependency("a")],
            constraint=ConstraintType.MSO,
            constraint_date=dt.date(2021, 4, 12),
            lead="ubnd",
        ),
        Task("end", "Ban hành", 0, depends=[Dependency("fixed")], lead="ubnd"),
    )
    cpt = _by_key(assess_quality(schedule(held)))["critical-path-test"]
    assert (cpt.passed, cpt.value, cpt.flagged) == (False, 0.0, ("start", "end"))


def test_the_tracking_points_judge_against_the_status_date_and_the_baseline() -> None:
    plan = _sound()
    baseline = Baseline.of(schedule(plan), "approved", START)
    status = dt.date(2021, 4, 16)  # the baseline has start, a and c done by then
    actuals = {
        "start": Actual(START, START),
        "a": Actual(START, dt.date(2021, 4, 13)),  # two days late
        "c": Actual(dt.date(2021, 4, 26)),  # started after the status date: invalid
    }
    tracked = schedule(plan, actuals=actuals, status_date=status)
    checks = _by_key(assess_quality(tracked, baseline=baseline))
    report_as_of = assess_quality(tracked, baseline=baseline).as_of
    assert report_as_of == status
    assert checks["invalid-dates"].flagged == ("c",)
    missed = checks["missed-tasks"]
    assert missed.flagged == ("a", "c")
    assert missed.out_of == 3
    bei = checks["bei"]
    assert bei.value == pytest.approx(2 / 3)
    assert bei.passed is False
    assert checks["logic"].out_of == 3  # finished ones leave


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000))
def test_on_random_plans_every_point_is_consistent(seed: int) -> None:
    """Values are shares within [0, 1] where the threshold is a share, a verdict
    agrees with its value, and every flagged name is a task or a link of the plan."""
    plan = random_plan(seed)
    status, actuals = random_progress(plan, seed)
    tracked = schedule(plan, actuals=actuals, status_date=status)
    report = assess_quality(tracked, baseline=Baseline.of(schedule(plan), "b", plan.start))
    ids = set(plan.ids)
    for check in report.checks:
        for name in check.flagged:
            assert set(name.split(" -> ")) <= ids
        if check.value is None:
            assert check.passed is None
            continue
        if check.threshold.endswith("%"):
            assert 0 <= check.value <= 1
            limit = float(check.threshold.split()[1].rstrip("%")) / 100
            at_least = check.threshold.startswith(">=")
            assert check.passed == (check.value >= limit if at_least else check.value <= limit)
        elif check.threshold == "0":
            assert check.passed == (check.value == 0) == (not check.flagged)


def _urbangov(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "urbangov", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_the_command_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        """
[plan]
id = "p"
title = "Kế hoạch"
start = 2021-04-05
calendar = "mon-fri"
lang = "vi"

[[tasks]]
id = "start"
title = "Hội nghị"
duration = 0
lead = "ubnd"

[[tasks]]
id = "a"
title = "Soạn thảo"
duration = 5
depends = ["start"]
lead = "so-noi-vu"

[[tasks]]
id = "end"
title = "Ban hành"
duration = 0
depends = ["a"]
lead = "ubnd"
""",
        encoding="utf-8",
    )
    done = _urbangov("check", str(plan), "--quality")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "Đánh giá chất lượng kế hoạch (DCMA 14 điểm): 0 điểm không đạt, 11 điểm đạt, "
        "3 điểm không áp dụng"
    )
    assert "kiểm tra đường găng" in done.stdout
    assert "critical path" not in done.stdout
    english = _urbangov("check", str(plan), "--quality", "--lang", "en", "--format", "json")
    data = json.loads(english.stdout)
    assert data["failed"] == []
    assert len(data["checks"]) == 14
    text = plan.read_text(encoding="utf-8").replace('lead = "so-noi-vu"\n', "")
    plan.write_text(text, encoding="utf-8")
    failing = _urbangov("check", str(plan), "--quality", "--lang", "en")
    assert failing.returncode == 1
    assert "no lead agency" in failing.stdout
    refused = _urbangov("check", str(plan), "--as-of", "2021-04-09")
    assert refused.returncode == 2
    assert "--as-of: only with --quality" in refused.stderr
