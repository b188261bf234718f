"""The plan model: building plans in Python, and the errors bad plans get."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from urbangov.calendar import WorkCalendar
from urbangov.errors import (
    ConstraintError,
    DuplicateTaskError,
    PlanError,
    UnknownTaskError,
    UrbangovError,
)
from urbangov.plan import ConstraintType, Dependency, DependencyType, Plan, Task

D = dt.date


def test_a_plan_is_pleasant_to_build() -> None:
    plan = Plan(
        "demo",
        "Demo",
        D(2021, 1, 4),
        tasks=[
            Task("t1", "Draft", 10),
            Task("t2", "Review", 5, depends=["t1"]),
            Task("t3", "Wards", 3, depends=[Dependency("t1", "SS", 2)]),
            Task("t4", "Done", 0, depends="t2", deadline=D(2021, 2, 1)),
        ],
        calendar="mon-fri",
    )
    assert plan.calendar == WorkCalendar.mon_fri()
    assert plan.task("t3").depends == (Dependency("t1", DependencyType.SS, 2),)
    assert plan.task("t4").depends == (Dependency("t2"),)
    assert plan.task("t4").milestone
    assert "t2" in plan
    assert len(plan) == 4
    assert Plan("p", "P", D(2021, 1, 4)).calendar == WorkCalendar.vietnam()


def test_names_are_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Thủ Đức")
    task = Task(decomposed, decomposed, 1)
    assert task.title == "Thủ Đức"
    assert task.id == "Thủ Đức"
    plan = Plan("p", "P", D(2021, 1, 4), tasks=[task])
    assert plan.task(decomposed) is task


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(DuplicateTaskError, match="duplicate task id 't1'") as info:
        Plan("p", "P", D(2021, 1, 4), tasks=[Task("t1", "A", 1), Task("t1", "B", 1)])
    assert info.value.task_id == "t1"


def test_unknown_dependencies_are_refused() -> None:
    with pytest.raises(UnknownTaskError, match="'t2' depends on unknown task 'tx'"):
        Plan("p", "P", D(2021, 1, 4), tasks=[Task("t2", "B", 1, depends=["tx"])])
    with pytest.raises(KeyError):
        Plan("p", "P", D(2021, 1, 4)).task("nope")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"duration": -1}, "duration cannot be negative"),
        ({"duration": 2.5}, "whole number of working days"),
        ({"duration": True}, "whole number of working days"),
        ({"constraint": "SNET"}, "SNET needs a constraint_date"),
        ({"constraint": "ASAP", "constraint_date": D(2021, 1, 1)}, "ASAP takes no date"),
        ({"deadline": dt.datetime(2021, 1, 1, 8)}, "deadline must be a calendar date"),
        ({"depends": ["t"]}, "depends on itself"),
    ],
)
def test_bad_tasks_are_refused(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"duration": 1} | kwargs
    with pytest.raises(PlanError, match=message):
        Task("t", "T", **args)  # type: ignore[arg-type]


def test_bad_enums_are_value_errors() -> None:
    with pytest.raises(ValueError, match="XX"):
        Dependency("a", "XX")
    with pytest.raises(ValueError, match="SOON"):
        Task("t", "T", 1, constraint="SOON")


def test_constraint_types() -> None:
    assert not ConstraintType.ALAP.dated
    assert ConstraintType.MFO.dated
    assert issubclass(ConstraintError, UrbangovError)


def test_replace_task() -> None:
    plan = Plan("p", "P", D(2021, 1, 4), tasks=[Task("a", "A", 1), Task("b", "B", 2)])
    changed = plan.replace_task(Task("b", "B", 7))
    assert changed.task("b").duration == 7
    assert plan.task("b").duration == 2
