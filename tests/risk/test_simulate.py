"""Monte Carlo schedule risk: exact where the answer is known, closed forms where they
exist, and the same answer for the same seed."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plans import random_plan, random_progress
from urbangov.calendar import WorkCalendar
from urbangov.errors import PlanError, UnknownTaskError
from urbangov.plan import Dependency, Plan, Task
from urbangov.risk import Estimate, simulate
from urbangov.scheduling import schedule, what_if

START = dt.date(2021, 4, 5)  # a Monday
N = 4000


def _plan(*tasks: Task) -> Plan:
    return Plan("p", "Kế hoạch", START, tasks=list(tasks), calendar=WorkCalendar.mon_fri())


def _days(plan: Plan, ordinal: int) -> int:
    """Working days from the plan's start to a finish, that day included."""
    finish = dt.date.fromordinal(ordinal)
    return plan.calendar.working_days_between(plan.start, finish + dt.timedelta(days=1))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.booleans())
def test_zero_width_estimates_give_the_deterministic_schedule(seed: int, tracked: bool) -> None:
    plan = random_plan(seed)
    actuals, status = None, None
    if tracked:
        status, actuals = random_progress(plan, seed)
    exact = schedule(plan, actuals=actuals, status_date=status)
    estimates = {t.id: Estimate(t.duration, t.duration, t.duration) for t in plan.tasks}
    found = simulate(plan, estimates, iterations=3, seed=seed, actuals=actuals, status_date=status)
    for row, risk in zip(exact, found.tasks, strict=True):
        assert set(risk.finish) == {row.finish}
        assert risk.criticality == float(row.critical)
        if risk.deadline is not None:
            assert risk.on_time == float(row.finish <= risk.deadline)
    assert set(found.finish) == {exact.finish}


def test_the_same_seed_gives_the_same_answer() -> None:
    plan = _plan(Task("a", "A", 5), Task("b", "B", 5, depends=[Dependency("a")]))
    estimates = {"a": Estimate(2, 5, 12), "b": Estimate(3, 5, 9, "triangular")}
    first = simulate(plan, estimates, iterations=500, seed=7)
    again = simulate(plan, estimates, iterations=500, seed=7)
    other = simulate(plan, estimates, iterations=500, seed=8)
    assert (first.finishes == again.finishes).all()
    assert first.to_dict() == again.to_dict()
    assert not (first.finishes == other.finishes).all()


def test_a_serial_chain_takes_the_sum_of_the_means() -> None:
    estimate = Estimate(2, 5, 11, "triangular")  # mean 6, variance 5.5
    plan = _plan(
        Task("a", "A", 5),
        Task("b", "B", 5, depends=[Dependency("a")]),
        Task("c", "C", 5, depends=[Dependency("b")]),
    )
    found = simulate(plan, dict.fromkeys(["a", "b", "c"], estimate), iterations=N, seed=1)
    lengths = [_days(plan, int(x)) for x in found.finishes]
    mean = sum(lengths) / N
    # Whole days, rounded half up: each draw's rounding adds almost nothing on average.
    sigma = math.sqrt(3 * (5.5 + 1 / 12))
    assert abs(mean - 3 * estimate.mean) < 4 * sigma / math.sqrt(N) + 0.05
    assert all(found[t].criticality == 1.0 for t in "abc")  # one path: always critical


def test_the_latest_of_parallel_paths_is_the_product_of_their_distributions() -> None:
    """Merge bias: a task waiting for k independent paths finishes with the last."""
    k, estimate = 3, Estimate(1, 5, 9, "triangular")
    plan = _plan(
        *(Task(f"w{i}", f"Phường {i}", 5) for i in range(k)),
        Task("city", "Tổng hợp", 0, depends=[Dependency(f"w{i}") for i in range(k)]),
    )
    found = simulate(plan, {f"w{i}": estimate for i in range(k)}, iterations=N, seed=2)

    def cdf(x: float) -> float:  # the triangular (1, 5, 9) distribution
        return (x - 1) ** 2 / 32 if x <= 5 else 1 - (9 - x) ** 2 / 32

    for days in (4, 5, 6, 7):
        # A whole-day duration of at most d is a draw below d + 0.5.
        expected = cdf(days + 0.5) ** k
        seen = sum(_days(plan, int(x)) <= days for x in found.finishes) / N
        assert abs(seen - expected) < 4 * math.sqrt(expected * (1 - expected) / N) + 0.01

    # w0 is critical when no other path is longer (ties make both critical).
    def below(days: int) -> float:
        return cdf(min(max(days + 0.5, 1), 9))

    critical = sum((below(d) - below(d - 1)) * below(d) ** (k - 1) for d in range(1, 10))
    one = found["w0"]
    assert one.criticality == pytest.approx(critical, abs=4 * math.sqrt(critical / N))
    assert 0.3 < (one.sensitivity or 0) < 0.7  # one of three drives the finish


def test_deadlines_get_a_probability_and_pert_weighs_the_most_likely() -> None:
    plan = _plan(Task("a", "A", 10, deadline=dt.date(2021, 4, 16)))  # 10 days: the 16th
    pert = simulate(plan, {"a": Estimate(8, 10, 20)}, iterations=N, seed=3)
    triangular = simulate(plan, {"a": Estimate(8, 10, 20, "triangular")}, iterations=N, seed=3)
    assert 0 < triangular["a"].on_time < pert["a"].on_time < 1  # type: ignore[operator]
    assert pert.probability_by(dt.date(2021, 4, 16)) == pert["a"].on_time
    assert pert["a"].finish[0] <= pert["a"].finish[1] <= pert["a"].finish[2] <= pert["a"].finish[3]


def test_with_progress_finished_work_stays_and_started_work_varies_what_is_left() -> None:
    from urbangov.scheduling import Actual

    plan = _plan(
        Task("done", "Xong", 5),
        Task("going", "Đang làm", 10, depends=[Dependency("done")]),
    )
    actuals = {
        "done": Actual(START, dt.date(2021, 4, 9)),
        "going": Actual(dt.date(2021, 4, 12), done=4),
    }
    estimates = {"done": Estimate(1, 5, 30), "going": Estimate(10, 10, 20)}
    found = simulate(plan, estimates, iterations=500, seed=4, actuals=actuals)
    assert set(found["done"].finish) == {dt.date(2021, 4, 9)}
    exact = schedule(plan, actuals=actuals)
    assert found["going"].finish[0] >= exact["going"].finish  # never less than 6 days left


def test_bad_input_is_a_clear_error() -> None:
    plan = _plan(Task("a", "A", 5))
    with pytest.raises(UnknownTaskError, match="'nope'"):
        simulate(plan, {"nope": Estimate(1, 2, 3)})
    with pytest.raises(PlanError, match="optimistic <= likely <= pessimistic"):
        Estimate(5, 3, 9)
    with pytest.raises(PlanError, match="0 or more working days"):
        Estimate(-1, 3, 9)
    with pytest.raises(PlanError, match="iterations"):
        simulate(plan, {}, iterations=0)


# -- the estimates file and the command line -------------------------------------------

ESTIMATES = """
[defaults]
range = [0.9, 1.5]

[leads]
"so-tu-phap" = [1.0, 2.0]

[[tasks]]
id = "city"
estimate = [2, 3, 8]
"""


def _cascade_like() -> Plan:
    return _plan(
        Task("draft", "Soạn thảo", 10, lead="so-noi-vu"),
        Task("review", "Thẩm định", 4, depends=[Dependency("draft")], lead="so-tu-phap"),
        Task("city", "Tổng hợp", 3, depends=[Dependency("review")], lead="ubnd"),
        Task("city/q1", "Quận 1", 3, depends=[Dependency("review")], part_of="city"),
        Task("done", "Ban hành", 0, depends=[Dependency("city"), Dependency("city/q1")]),
    )


def test_the_estimates_file_gives_each_task_its_own_its_leads_or_the_default() -> None:
    from urbangov.io import loads_estimates

    found = loads_estimates(ESTIMATES, "toml", _cascade_like(), source="risk.toml")
    assert found["draft"] == Estimate(9.0, 10.0, 15.0)  # the defaults
    assert found["review"] == Estimate(4.0, 4.0, 8.0)  # its lead's range
    assert found["city"] == Estimate(2, 3, 8)  # its own
    assert found["city/q1"] == Estimate(2, 3, 8)  # a cascade's copy takes the parent's
    assert "done" not in found  # a milestone does not vary


def test_the_estimates_file_names_correlated_groups() -> None:
    from urbangov.errors import PlanFileError
    from urbangov.io import loads_correlated

    plan = _cascade_like()
    text = (
        ESTIMATES
        + '\n[[correlated]]\ntasks = ["city"]\ncorrelation = 0.8\n'
        + '\n[[correlated]]\nlead = "so-noi-vu"\ncorrelation = 0.3\n'
    )
    city, noi_vu = loads_correlated(text, "toml", plan, source="risk.toml")
    assert (city.tasks, city.correlation) == (("city", "city/q1"), 0.8)
    assert (noi_vu.tasks, noi_vu.correlation) == (("draft",), 0.3)
    for bad, message in [
        ("[[correlated]]\ncorrelation = 0.5", "give either tasks"),
        ('[[correlated]]\ntasks = ["x"]\ncorrelation = 0.5', "correlated[0].tasks: no task 'x'"),
        ('[[correlated]]\nlead = "y"\ncorrelation = 0.5', "correlated[0].lead: no task of"),
        ('[[correlated]]\ntasks = ["city"]\ncorrelation = 2', "correlated[0].correlation"),
    ]:
        with pytest.raises(PlanFileError, match=re.escape(message)):
            loads_correlated(bad, "toml", plan, source="risk.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[tasks]]\nid = "nope"\nestimate = [1, 2, 3]', "tasks[0] (id 'nope'): no task 'nope'"),
        ('[leads]\n"so-y-te" = [1, 2]', "leads.so-y-te: no task of the plan has lead 'so-y-te'"),
        ("[defaults]\nrange = [1.2, 1.5]", "defaults.range: the planned duration (1) must lie"),
        ('[defaults]\nrange = [0.9, "1.5"]', "defaults.range[1]: expected a number"),
        ('[[tasks]]\nid = "city"\nestimate = [5, 3, 8]', "task 'city': estimate: optimistic <="),
        ('[[tasks]]\nid = "city"', "give either estimate = [o, m, p] or range"),
        ("[defaults]\nspread = 2", "spread"),
    ],
)
def test_a_bad_estimates_file_is_a_located_error(text: str, message: str) -> None:
    from urbangov.errors import PlanFileError
    from urbangov.io import loads_estimates

    with pytest.raises(PlanFileError, match=re.escape(message)) as caught:
        loads_estimates(text, "toml", _cascade_like(), source="risk.toml")
    assert str(caught.value).startswith("risk.toml: ")


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

    done = _urbangov("risk", str(HCMC_PLAN), "--range", "0.9,1.6", "--iterations", "200",
                     "--seed", "3", "--format", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["iterations"], data["seed"], data["deterministic_finish"]) == (
        200,
        3,
        "2021-12-28",
    )
    assert 0 < data["probability_by_deterministic_finish"] < 1
    election = next(t for t in data["tasks"] if t["task"] == "t11-bau-cu")
    assert 0 < election["on_time"] < 1  # the election day is at risk
    again = _urbangov("risk", str(HCMC_PLAN), "--range", "0.9,1.6", "--iterations", "200",
                      "--seed", "3", "--format", "json")  # fmt: skip
    assert again.stdout == done.stdout  # the same seed, the same answer
    estimates = tmp_path / "risk.toml"
    estimates.write_text(
        '[defaults]\nrange = [0.9, 1.3]\n\n[[correlated]]\ntasks = ["t09-bo-tri-cong-chuc"]\n'
        "correlation = 0.9\n",
        encoding="utf-8",
    )
    june = str(HCMC_DIR / "progress-2021-06-14.csv")
    table = _urbangov("risk", str(HCMC_PLAN), "--estimates", str(estimates), "--iterations",
                      "100", "--progress", june, "--as-of", "2021-06-14")  # fmt: skip
    assert table.returncode == 0, table.stderr
    assert table.stdout.startswith("Mô phỏng 100 lần (seed 0). Hoàn thành kế hoạch: P10 ")
    assert "khả năng đúng hạn thấp nhất trước" in table.stdout
    mixed = ["--estimates", str(estimates), "--distribution", "triangular"]
    for bad in (["--range", "2,3"], ["--range", "x"], [], mixed):
        refused = _urbangov("risk", str(HCMC_PLAN), *bad)
        assert refused.returncode == 2
        assert refused.stderr.strip().count("\n") <= 1


def test_the_outside_view_learns_each_agencys_ratio_of_actual_to_planned() -> None:
    from urbangov.risk import learn, learned_estimates
    from urbangov.tracking import TaskProgress

    tasks = [Task(f"n{i}", "Nội vụ", 5, lead="noi-vu") for i in range(6)]
    tasks += [Task("t0", "Tư pháp", 10, lead="tu-phap"), Task("open", "Còn lại", 4, lead="tu-phap")]
    tasks += [Task("next", "Nội vụ tiếp", 10, lead="noi-vu")]
    plan = _plan(*tasks)
    took = [5, 5, 6, 7, 5, 10]  # working days, 5 planned each
    progress = {}
    for i, days in enumerate(took):
        finish = plan.calendar.add_working_days(START, days - 1)
        progress[f"n{i}"] = TaskProgress(f"n{i}", finish, START, finish)
    finish = plan.calendar.add_working_days(START, 14)
    progress["t0"] = TaskProgress("t0", finish, START, finish)  # 15 of 10
    history = learn(plan, progress)
    assert history["noi-vu"].count == 6
    assert history["noi-vu"].typical == pytest.approx(1.1)  # the median of 1, 1, 1, 1.2, 1.4, 2
    assert history["tu-phap"].count == 1
    assert history[None].count == 7
    estimates = learned_estimates(plan, history)
    noi_vu = history["noi-vu"]
    assert estimates["next"] == Estimate(10 * noi_vu.low, 10 * noi_vu.typical, 10 * noi_vu.high)
    everyone = history[None]  # one finished task is too few: everyone's ratios
    assert estimates["open"] == Estimate(4 * everyone.low, 4 * everyone.typical, 4 * everyone.high)
    assert learned_estimates(plan, history, min_finished=8) == {}


def test_an_agency_with_too_few_finished_tasks_takes_its_kind_of_units_history() -> None:
    from urbangov.risk import learn, learned_estimates
    from urbangov.tracking import TaskProgress

    # Six wards, each led by its own committee, finished slow (8 of 5 days); the city's
    # department finished six on time. A seventh ward is still to do.
    tasks = [Task(f"w{i}", "Phường", 5, lead=f"ubnd-w{i}", unit=f"w{i}") for i in range(7)]
    tasks += [Task(f"c{i}", "Sở", 5, lead="so", unit="city") for i in range(6)]
    plan = _plan(*tasks)
    progress = {}
    for task in tasks[:6] + tasks[7:]:
        days = 8 if task.unit != "city" else 5
        finish = plan.calendar.add_working_days(START, days - 1)
        progress[task.id] = TaskProgress(task.id, finish, START, finish)

    def kind_of(task: Task) -> str | None:
        return None if task.unit is None else ("city" if task.unit == "city" else "ward")

    history = learn(plan, progress, kind_of=kind_of)
    wards = history["kind:ward"]
    assert (wards.kind, wards.lead, wards.count, wards.typical) == ("ward", None, 6, 1.6)
    assert history["kind:city"].typical == 1.0
    assert history[None].count == 12
    estimates = learned_estimates(plan, history, kind_of=kind_of)
    assert estimates["w6"] == Estimate(5 * 1.6, 5 * 1.6, 5 * 1.6)  # the wards', not everyone's
    without = learned_estimates(plan, learn(plan, progress))
    assert without["w6"].likely == 5 * history[None].typical


def test_unit_kinds_come_from_the_hierarchy() -> None:
    from tests.examples import HCMC_PLAN
    from urbangov.io import hierarchy_of, load_plan
    from urbangov.risk import unit_kinds

    plan = load_plan(HCMC_PLAN)
    hierarchy = hierarchy_of(plan)
    assert hierarchy is not None
    kind_of = unit_kinds(plan, hierarchy)
    ward = plan.task("t09-bo-tri-cong-chuc/hcmc/quan-1/ben-nghe")
    district = plan.task("t09-bo-tri-cong-chuc/hcmc/quan-1")
    assert (kind_of(ward), kind_of(district)) == ("ward", "urban_district")
    assert kind_of(plan.task("t00-ke-hoach")) in (None, "centrally_run_city")


def test_from_history_on_the_command_line(tmp_path: Path) -> None:
    from tests.examples import HCMC_DIR, HCMC_PLAN

    june = str(HCMC_DIR / "progress-2021-06-14.csv")
    tracked = ("--from-history", "--progress", june, "--as-of", "2021-06-14")
    done = _urbangov("risk", str(HCMC_PLAN), *tracked, "--iterations", "100", "--format", "json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)["history"]
    history = {h["lead"]: h for h in found if h["kind"] is None}
    wards = next(h for h in found if h["kind"] == "ward")
    assert wards["count"] == 153  # the wards' own work (the plan names its hierarchy)
    assert history[None]["count"] == 164  # the finished tasks with work by 14 June 2021
    text = _urbangov("risk", str(HCMC_PLAN), *tracked, "--iterations", "50", "--lang", "en")
    assert text.stdout.startswith("What the records say, actual over planned working days")
    bare = tmp_path / "plan.toml"  # no store beside it, whatever the checkout holds
    bare.write_text(
        '[plan]\nid = "p"\ntitle = "P"\nstart = 2021-04-05\n\n'
        '[[tasks]]\nid = "a"\ntitle = "A"\nduration = 3\n',
        encoding="utf-8",
    )
    refused = _urbangov("risk", str(bare), "--from-history")
    assert refused.returncode == 2
    assert "--from-history needs tracking records" in refused.stderr


def test_correlated_wards_are_late_together() -> None:
    """With independent wards a city task waits for the worst of k draws (merge
    bias); fully correlated, every ward draws the same quantile, and the city is as
    likely on time as one ward."""
    from urbangov.risk import Correlated

    k, estimate = 6, Estimate(1, 5, 9, "triangular")
    plan = _plan(
        Task("city", "Bố trí công chức", 0),
        *(Task(f"city/w{i}", f"Phường {i}", 5, part_of="city") for i in range(k)),
        Task("done", "Tổng hợp", 0, depends=[Dependency(f"city/w{i}") for i in range(k)]),
    )
    estimates = {f"city/w{i}": estimate for i in range(k)}
    group = Correlated.cascade(plan, "city", 1.0)
    assert group.tasks == ("city", *(f"city/w{i}" for i in range(k)))

    def on_time(days: int, *groups: Correlated) -> float:
        found = simulate(plan, estimates, iterations=N, seed=5, correlated=groups)
        return sum(_days(plan, int(x)) <= days for x in found.finishes) / N

    one_ward = 1 - (9 - 5.5) ** 2 / 32  # P(a ward takes at most 5 whole days) = F(5.5)
    independent, together = on_time(5), on_time(5, group)
    assert abs(independent - one_ward**k) < 0.03
    assert abs(together - one_ward) < 0.03
    partly = on_time(5, Correlated(group.tasks, 0.5))
    assert independent < partly < together


def test_correlated_groups_are_checked() -> None:
    from urbangov.risk import Correlated

    plan = _plan(Task("a", "A", 5), Task("b", "B", 5))
    with pytest.raises(PlanError, match=r"must lie in \[0, 1\]"):
        Correlated(("a", "b"), 1.5)
    with pytest.raises(UnknownTaskError):
        simulate(plan, {"a": Estimate(1, 5, 9)}, correlated=[Correlated(("a", "x"), 0.5)])
    with pytest.raises(PlanError, match="'a' is in two correlated groups"):
        simulate(
            plan,
            {"a": Estimate(1, 5, 9)},
            correlated=[Correlated(("a",), 0.5), Correlated(("a", "b"), 0.5)],
        )


def test_until_stable_stops_once_the_p80_finish_settles() -> None:
    plan = _plan(Task("a", "A", 5), Task("b", "B", 5, depends=[Dependency("a")]))
    estimates = {"a": Estimate(3, 5, 9), "b": Estimate(3, 5, 9)}
    settled = simulate(plan, estimates, iterations=5000, until_stable=1, check_every=200, seed=1)
    assert settled.converged is True
    assert settled.iterations < 5000
    assert settled.iterations % 200 == 0
    assert len(settled.finishes) == settled.iterations
    again = simulate(plan, estimates, iterations=5000, until_stable=1, check_every=200, seed=1)
    assert again.to_dict() == settled.to_dict()
    short = simulate(plan, estimates, iterations=300, until_stable=0, check_every=200, seed=1)
    assert (short.converged, short.iterations) == (False, 300)  # one check: nothing to compare
    plain = simulate(plan, estimates, iterations=300, seed=1)
    assert plain.converged is None
    with pytest.raises(PlanError, match="until_stable"):
        simulate(plan, estimates, until_stable=-1)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_each_iteration_is_the_schedule_of_its_drawn_durations(seed: int) -> None:
    """An independent simulation: the same draws, each scheduled on its own by the
    public scheduler, give the same finishes, percentiles and criticality as the
    batched iterations."""
    import numpy as np

    from urbangov.risk._simulate import _draw_days
    from urbangov.scheduling._compile import compile_plan

    plan = random_plan(seed)
    estimates = {
        t.id: Estimate(t.duration * 0.5, t.duration, t.duration * 2.5) for t in plan.tasks[::2]
    }
    iterations = 40
    found = simulate(plan, estimates, iterations=iterations, seed=seed)
    network, _ = compile_plan(plan)
    rows = np.array([plan.position(t) for t in estimates], dtype=np.int64)
    drawn = _draw_days(estimates, [], network, rows, iterations, seed)
    base = schedule(plan)
    finishes = np.empty((len(plan), iterations), dtype=np.int64)
    critical = np.zeros(len(plan))
    plan_finish = []
    for i in range(iterations):
        one = what_if(base, dict(zip(estimates, drawn[:, i].tolist(), strict=True)))
        finishes[:, i] = [row.finish.toordinal() for row in one]
        critical += [row.critical for row in one]
        plan_finish.append(one.finish.toordinal())
    assert found.finishes.tolist() == plan_finish
    for row, risk in enumerate(found.tasks):
        expected = np.percentile(finishes[row], [10, 50, 80, 90], method="inverted_cdf")
        assert [d.toordinal() for d in risk.finish] == expected.tolist()
        assert risk.criticality == critical[row] / iterations
