"""The scheduler on hand-checked plans: dates, slack, milestones, warnings, errors."""

from __future__ import annotations

import datetime as dt

import pytest

from urbangov.calendar import WorkCalendar
from urbangov.errors import CycleError, PlanError, UnknownTaskError
from urbangov.plan import MAX_DAYS, Dependency, Plan, Task
from urbangov.scheduling import WarningKind, schedule, what_if

D = dt.date
TET_2021 = [D(2021, 2, 10) + dt.timedelta(days=i) for i in range(7)]
CAL = WorkCalendar.mon_fri().adjusted(holidays=TET_2021)


def tiny() -> Plan:
    """The 5-task plan checked by hand and by MPXJ in the reference notes (§3.2)."""
    return Plan(
        "tiny",
        "tiny",
        D(2021, 1, 4),
        tasks=[
            Task("t1", "Draft regulation", 10),
            Task("t2", "Legal review", 5, depends=["t1"]),
            Task("t3", "Organise wards", 3, depends=[Dependency("t1", "SS", 2)]),
            Task(
                "t4",
                "Train ward staff",
                5,
                depends=["t3"],
                constraint="SNET",
                constraint_date=D(2021, 2, 8),
                deadline=D(2021, 2, 17),
            ),
            Task("t5", "Approve pilot", 0, depends=["t2", Dependency("t4", "FF")]),
        ],
        calendar=CAL,
    )


EXPECTED = {  # start, finish, ES, EF, LS, LF, TS, FS, critical (MPXJ's output)
    "t1": ("01-04", "01-15", "01-04", "01-15", "01-25", "02-05", 15, 0, False),
    "t2": ("01-18", "01-22", "01-18", "01-22", "02-08", "02-19", 15, 15, False),
    "t3": ("01-06", "01-08", "01-06", "01-08", "02-01", "02-03", 18, 20, False),
    "t4": ("02-08", "02-19", "02-08", "02-19", "02-04", "02-17", -2, 0, True),
    "t5": ("02-19", "02-19", "02-19", "02-19", "02-19", "02-19", 0, 0, True),
}


def test_the_reference_plan_matches_ms_project() -> None:
    result = schedule(tiny())
    for task in result:
        *days, total, free, critical = EXPECTED[task.id]
        shown = [
            getattr(task, f).strftime("%m-%d")
            for f in ("start", "finish", "early_start", "early_finish", "late_start", "late_finish")
        ]
        assert (shown, task.total_slack, task.free_slack, task.critical) == (
            days,
            total,
            free,
            critical,
        ), task.id
    assert result.start == D(2021, 1, 4)
    assert result.finish == D(2021, 2, 19)
    assert result.critical_path == ("t4", "t5")
    (warning,) = result.warnings
    assert warning.kind is WarningKind.DEADLINE_MISSED
    assert warning.task_id == "t4"
    assert "2 working day(s) after its deadline 2021-02-17" in warning.message


def test_milestones_are_dated_by_what_drives_them() -> None:
    plan = Plan(
        "m",
        "m",
        D(2021, 1, 4),
        tasks=[
            Task("a", "A", 5),
            Task("after_finish", "M1", 0, depends=["a"]),  # Friday, 17:00
            Task("after_start", "M2", 0, depends=[Dependency("a", "SS")]),  # Monday, 08:00
            Task("after_lag", "M3", 0, depends=[Dependency("a", "SS", 2)]),  # Tuesday 17:00
            Task("next", "B", 1, depends=["after_finish"]),  # Monday after
        ],
        calendar="mon-fri",
    )
    result = schedule(plan)
    assert result["after_finish"].start == D(2021, 1, 8)
    assert result["after_start"].start == D(2021, 1, 4)
    assert result["after_lag"].start == D(2021, 1, 5)
    assert result["next"].start == D(2021, 1, 11)


def test_a_critical_milestone_at_the_project_start_is_late_on_its_own_day() -> None:
    """MPXJ stores its late date as 17:00 of the Friday before; MS Project shows Monday."""
    plan = Plan(
        "m",
        "m",
        D(2021, 1, 4),
        tasks=[Task("kickoff", "Kick-off", 0), Task("a", "A", 5, depends=["kickoff"])],
        calendar="mon-fri",
    )
    kickoff = schedule(plan)["kickoff"]
    assert kickoff.total_slack == 0
    assert kickoff.early_start == kickoff.late_start == kickoff.late_finish == D(2021, 1, 4)


def test_a_constraint_beats_a_link_and_is_reported() -> None:
    plan = Plan(
        "c",
        "c",
        D(2021, 1, 4),
        tasks=[
            Task("a", "A", 10),
            Task("b", "B", 5, depends=["a"], constraint="FNLT", constraint_date=D(2021, 1, 20)),
        ],
        calendar="mon-fri",
    )
    result = schedule(plan)
    assert result["b"].start == D(2021, 1, 14)  # overlaps its predecessor
    assert result["a"].total_slack == -2
    (warning,) = result.warnings
    assert warning.kind is WarningKind.LINK_OVERRIDDEN
    assert "2 working day(s) earlier than its FS link from 'a'" in warning.message


def test_alap_tasks_sit_at_their_late_dates() -> None:
    plan = Plan(
        "alap",
        "alap",
        D(2021, 1, 4),
        tasks=[
            Task("a", "A", 10),
            Task("b", "B", 2, constraint="ALAP"),
            Task("end", "End", 0, depends=["a", "b"]),
        ],
        calendar="mon-fri",
    )
    result = schedule(plan)
    assert (result["b"].start, result["b"].finish) == (D(2021, 1, 14), D(2021, 1, 15))
    assert result["b"].total_slack == 0
    assert result["b"].early_start == D(2021, 1, 4)


def test_a_cycle_names_the_cycle() -> None:
    plan = Plan(
        "loop",
        "loop",
        D(2021, 1, 4),
        tasks=[
            Task("start", "S", 1),
            Task("a", "A", 1, depends=["start", "c"]),
            Task("b", "B", 1, depends=["a"]),
            Task("c", "C", 1, depends=["b"]),
            Task("after", "Z", 1, depends=["c"]),
        ],
    )
    with pytest.raises(CycleError) as info:
        schedule(plan)
    assert set(info.value.cycle) == {"a", "b", "c"}
    assert "dependency cycle: " in str(info.value)
    loop = str(info.value).removeprefix("dependency cycle: ").split(" -> ")
    assert loop[0] == loop[-1]
    assert isinstance(info.value, ValueError)


def test_an_empty_plan_schedules() -> None:
    result = schedule(Plan("e", "Empty", D(2021, 1, 4)))
    assert len(result) == 0
    assert result.start == result.finish == D(2021, 1, 4)
    assert result.to_dict()["tasks"] == []


def test_the_json_contract() -> None:
    data = schedule(tiny()).to_dict()
    assert set(data) == {"plan", "start", "finish", "tasks", "groups", "critical_path", "warnings"}
    assert data["tasks"][0] == {
        "id": "t1",
        "start": "2021-01-04",
        "finish": "2021-01-15",
        "early_start": "2021-01-04",
        "early_finish": "2021-01-15",
        "late_start": "2021-01-25",
        "late_finish": "2021-02-05",
        "total_slack": 15,
        "free_slack": 0,
        "critical": False,
        "milestone": False,
    }
    assert data["warnings"][0]["kind"] == "deadline-missed"


def test_schedule_is_a_sequence() -> None:
    result = schedule(tiny())
    assert [t.id for t in result[1:3]] == ["t2", "t3"]
    assert result[-1].id == "t5"
    with pytest.raises(IndexError):
        result[9]
    with pytest.raises(UnknownTaskError):
        result["nope"]


def test_what_if_moves_the_plan_and_leaves_the_original() -> None:
    before = schedule(tiny())
    after = what_if(before, {"t2": 25})
    assert after["t5"].finish == D(2021, 2, 26)  # 25 days from 18 Jan, past Tết
    assert after.plan.task("t2").duration == 25
    assert before["t5"].finish == D(2021, 2, 19)
    assert list(after) == list(schedule(after.plan))
    with pytest.raises(UnknownTaskError):
        what_if(before, {"zz": 1})
    with pytest.raises(PlanError, match="cannot be negative"):
        what_if(before, {"t2": -1})


def test_a_lead_before_the_project_start_is_reported() -> None:
    plan = Plan(
        "lead",
        "lead",
        D(2021, 1, 4),
        tasks=[Task("a", "A", 5), Task("b", "B", 2, depends=[Dependency("a", "SS", -2)])],
        calendar="mon-fri",
    )
    result = schedule(plan)
    assert result["b"].start == D(2020, 12, 31)
    (warning,) = result.warnings
    assert warning.kind is WarningKind.BEFORE_PROJECT_START
    assert "because of its links" in warning.message


@pytest.mark.parametrize(
    ("plan_start", "task"),
    [
        (D(2021, 1, 4), Task("a", "A", 1, constraint="SNET", constraint_date=D(2450, 1, 1))),
        (D(2021, 1, 4), Task("a", "A", 1, deadline=D(1850, 1, 1))),
        (D(2021, 1, 4), Task("a", "A", MAX_DAYS)),  # 384 years: past 2399
    ],
)
def test_dates_beyond_the_calendar_name_the_task(plan_start: dt.date, task: Task) -> None:
    with pytest.raises(PlanError, match="task 'a': date outside the calendar's supported") as info:
        schedule(Plan("p", "P", plan_start, tasks=[task]))
    assert info.value.task_id == "a"


def test_a_plan_start_beyond_the_calendar_is_an_error() -> None:
    with pytest.raises(PlanError, match="plan start 1850-01-04: date outside"):
        schedule(Plan("p", "P", D(1850, 1, 4)))
