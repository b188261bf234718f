"""Risk events hold up named work when they occur; cascade levels say whether every
unit of a level makes its deadline."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from urbangov.calendar import WorkCalendar
from urbangov.errors import PlanError, PlanFileError, UnknownTaskError
from urbangov.plan import Dependency, Plan, Task
from urbangov.risk import Estimate, RiskEvent, simulate
from urbangov.scheduling import Actual, schedule

START = dt.date(2021, 4, 5)  # a Monday
N = 4000


def _plan(*tasks: Task) -> Plan:
    return Plan("p", "Kế hoạch", START, tasks=list(tasks), calendar=WorkCalendar.mon_fri())


def _chain() -> Plan:
    return _plan(
        Task("a", "A", 5),
        Task("b", "B", 5, depends=[Dependency("a")]),
        Task("side", "Song song", 2),
    )


def test_a_certain_event_adds_its_days_and_an_impossible_one_nothing() -> None:
    plan = _chain()
    exact = schedule(plan).finish
    sure = simulate(plan, {}, iterations=50, events=[RiskEvent("e", 1.0, ["a"], 3)])
    never = simulate(plan, {}, iterations=50, events=[RiskEvent("e", 0.0, ["a"], 3)])
    later = plan.calendar.add_working_days(exact, 3)
    assert set(sure.finish) == {later}
    assert set(never.finish) == {exact}
    assert sure.events[0].occurred == 1.0
    assert sure.events[0].delay is None
    assert never.events[0].occurred == 0.0


def test_an_events_share_and_its_delay_of_the_plan() -> None:
    plan = _chain()
    found = simulate(plan, {}, iterations=N, seed=3, events=[RiskEvent("e", 0.3, ["a"], 4)])
    event = found.events[0]
    assert abs(event.occurred - 0.3) < 4 * (0.3 * 0.7 / N) ** 0.5
    assert event.delay == pytest.approx(4.0)  # on the critical path: all of it
    side = simulate(plan, {}, iterations=N, seed=3, events=[RiskEvent("e", 0.3, ["side"], 4)])
    assert side.events[0].delay == pytest.approx(0.0)  # 8 days of slack absorb 4
    assert found["a"].sensitivity == pytest.approx(1.0)  # it varies only through the event


def test_events_leave_the_duration_draws_as_they_were() -> None:
    plan = _chain()
    estimates = {"a": Estimate(3, 5, 9), "b": Estimate(3, 5, 9)}
    alone = simulate(plan, estimates, iterations=500, seed=9)
    never = simulate(
        plan, estimates, iterations=500, seed=9, events=[RiskEvent("e", 0.0, ["side"], 5)]
    )
    assert (alone.finishes == never.finishes).all()


def test_a_finished_task_keeps_what_it_took() -> None:
    plan = _chain()
    actuals = {"a": Actual(START, dt.date(2021, 4, 9))}
    found = simulate(
        plan, {}, iterations=50, actuals=actuals, events=[RiskEvent("e", 1.0, ["a", "b"], 2)]
    )
    assert set(found["a"].finish) == {dt.date(2021, 4, 9)}
    assert set(found["b"].finish) == {dt.date(2021, 4, 20)}  # 5 + 2 days after the 9th


def test_bad_events_are_clear_errors() -> None:
    plan = _chain()
    with pytest.raises(PlanError, match=r"probability must lie in \[0, 1\]"):
        RiskEvent("e", 1.5, ["a"], 2)
    with pytest.raises(PlanError, match="days must be whole working days"):
        RiskEvent("e", 0.5, ["a"], -1)
    with pytest.raises(PlanError, match="name at least one task"):
        RiskEvent("e", 0.5, [], 1)
    with pytest.raises(UnknownTaskError):
        simulate(plan, {}, events=[RiskEvent("e", 0.5, ["x"], 1)])
    with pytest.raises(PlanError, match="two risk events have the id 'e'"):
        simulate(plan, {}, events=[RiskEvent("e", 0.5, ["a"], 1)] * 2)


def _wards(k: int) -> Plan:
    return _plan(
        Task("city", "Bố trí công chức", 0),
        *(
            Task(f"city/w{i}", f"Phường {i}", 5, part_of="city", deadline=dt.date(2021, 4, 9))
            for i in range(k)
        ),
        Task("done", "Tổng hợp", 0, depends=[Dependency(f"city/w{i}") for i in range(k)]),
    )


def test_a_cascade_level_is_on_time_only_when_every_unit_is() -> None:
    """Independent wards: all on time with the product of their chances, and the
    expected number late is k times one ward's chance of being late."""
    k, estimate = 6, Estimate(1, 5, 9, "triangular")
    plan = _wards(k)
    found = simulate(plan, {f"city/w{i}": estimate for i in range(k)}, iterations=N, seed=2)
    one = 1 - (9 - 5.5) ** 2 / 32  # P(a ward takes at most 5 whole days)
    (level,) = found.cascades
    assert (level.task, level.depth, level.units) == ("city", 1, k)
    assert abs(level.all_on_time - one**k) < 4 * (one**k * (1 - one**k) / N) ** 0.5
    assert level.expected_late == pytest.approx(k * (1 - one), abs=0.1)


def test_the_estimates_file_names_events() -> None:
    from urbangov.io import loads_events

    plan = _wards(2)
    text = (
        '[[events]]\nid = "dich"\ntitle = "Đợt dịch"\nprobability = 0.3\n'
        'tasks = ["city"]\ndays = 10\n'
    )
    (event,) = loads_events(text, "toml", plan, source="risk.toml")
    assert event == RiskEvent("dich", 0.3, ("city", "city/w0", "city/w1"), 10, "Đợt dịch")
    for bad, message in [
        ('[[events]]\nid = "e"\nprobability = 0.3\ndays = 1', "events[0] (id 'e'): give either"),
        (
            '[[events]]\nid = "e"\nprobability = 3\ndays = 1\ntasks = ["city"]',
            "events[0] (id 'e').probability: expected 0 to 1",
        ),
        (
            '[[events]]\nid = "e"\nprobability = 0.3\ndays = 1\ntasks = ["x"]',
            "events[0] (id 'e').tasks: no task 'x'",
        ),
        ('[[events]]\nid = "e"\nprobability = 0.3\ntasks = ["city"]', "days"),
    ]:
        with pytest.raises(PlanFileError, match=re.escape(message)):
            loads_events(bad, "toml", plan, source="risk.toml")


def test_the_command_line_shows_events_and_cascade_levels(tmp_path: Path) -> None:
    from tests.examples import HCMC_PLAN

    estimates = tmp_path / "risk.toml"
    estimates.write_text(
        '[defaults]\nrange = [0.9, 1.5]\n\n[[events]]\nid = "dich-covid"\n'
        'title = "Đợt dịch COVID-19 thứ tư"\nprobability = 0.3\n'
        'tasks = ["t09-bo-tri-cong-chuc"]\ndays = 5\n',
        encoding="utf-8",
    )

    def run(*more: str) -> subprocess.CompletedProcess[str]:
        args = ["risk", str(HCMC_PLAN), "--estimates", str(estimates), "--iterations", "300"]
        return subprocess.run(
            [sys.executable, "-m", "urbangov", *args, *more],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )

    text = run()
    assert text.returncode == 0, text.stderr
    assert "Rủi ro có thể xảy ra:" in text.stdout
    assert "Đợt dịch COVID-19 thứ tư" in text.stdout
    assert "Theo cấp nhận nhiệm vụ" in text.stdout
    english = run("--lang", "en")
    assert "Risk events:" in english.stdout
    assert "Cascade levels" in english.stdout
    data = json.loads(run("--format", "json").stdout)
    assert data["events"][0]["event"] == "dich-covid"
    wards = next(c for c in data["cascades"] if c["depth"] == 2)
    assert (wards["task"], wards["units"]) == ("t09-bo-tri-cong-chuc", 249)
    assert 0 <= wards["all_on_time"] <= 1
