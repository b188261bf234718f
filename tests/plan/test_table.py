"""Plans built from columns: the same plan, checked as a Task would check it."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plans import random_plan
from urbangov.errors import (
    ConstraintError,
    DuplicateTaskError,
    PlanError,
    UnknownTaskError,
)
from urbangov.plan import MAX_DAYS, Plan, Task, TaskTable
from urbangov.scheduling import schedule

D = dt.date


def _columns(plan: Plan) -> dict[str, object]:
    links = [(d.task, t.id, d.type, d.lag) for t in plan.tasks for d in t.depends]
    return {
        "ids": [t.id for t in plan.tasks],
        "titles": [t.title for t in plan.tasks],
        "durations": [t.duration for t in plan.tasks],
        "link_from": [link[0] for link in links],
        "link_to": [link[1] for link in links],
        "link_type": [link[2] for link in links],
        "link_lag": [link[3] for link in links],
        "constraints": [t.constraint for t in plan.tasks],
        "constraint_dates": [t.constraint_date for t in plan.tasks],
        "deadlines": [t.deadline for t in plan.tasks],
    }


@settings(max_examples=60)
@given(st.integers(min_value=0, max_value=2**32))
def test_a_table_schedules_exactly_as_its_tasks(seed: int) -> None:
    plan = random_plan(seed)
    table = TaskTable.of(**_columns(plan))  # type: ignore[arg-type]
    from_table = Plan(plan.id, plan.title, plan.start, tasks=table, calendar=plan.calendar)
    assert list(from_table.tasks) == list(plan.tasks)  # the same Task objects, made on demand
    assert from_table.tasks == plan.tasks
    ours, theirs = schedule(from_table), schedule(plan)
    assert list(ours) == list(theirs)
    assert ours.critical_path == theirs.critical_path
    assert ours.warnings == theirs.warnings


def test_links_by_row_and_by_id_are_the_same() -> None:
    by_id = TaskTable.of(
        ids=["a", "b"], titles=["A", "B"], durations=[1, 2], link_from=["a"], link_to=["b"]
    )
    by_row = TaskTable.of(
        ids=["a", "b"], titles=["A", "B"], durations=[1, 2], link_from=[0], link_to=[1]
    )
    assert list(by_id) == list(by_row)
    assert by_id[1].depends[0].task == "a"
    assert repr(by_id) == "TaskTable(2 tasks, 1 links)"


def test_names_are_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Thủ Đức")
    assert decomposed != "Thủ Đức"
    table = TaskTable.of(ids=["a"], titles=[decomposed], durations=[1], leads=[decomposed])
    assert table[0].title == table[0].lead == "Thủ Đức"


BASE = {"ids": ["a", "b"], "titles": ["A", "B"], "durations": [1, 2]}


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"ids": ["a", "a"]}, DuplicateTaskError, "duplicate task id 'a'"),
        ({"ids": ["a", ""]}, PlanError, "row 1: id must be a non-empty string"),
        ({"titles": ["A", 3]}, PlanError, r"row 1 \(id 'b'\): title must be a string"),
        ({"durations": [1, -1]}, PlanError, r"task 'b': duration cannot be negative \(-1\)"),
        ({"durations": [1, 2.5]}, PlanError, "task 'b': duration must be a whole number"),
        ({"durations": [True, 2]}, PlanError, "task 'a': duration must be a whole number"),
        ({"durations": [1, 2**63]}, PlanError, "task 'b': duration .* out of range"),
        ({"durations": [1, MAX_DAYS + 1]}, PlanError, "task 'b': duration .* out of range"),
        ({"durations": [1]}, PlanError, "durations has 1 values for 2 tasks"),
        ({"link_from": ["a"], "link_to": ["c"]}, UnknownTaskError, "names unknown task 'c'"),
        ({"link_from": [0], "link_to": [5]}, PlanError, "link_to row 5 is not a row"),
        ({"link_from": ["a"], "link_to": ["a"]}, PlanError, "task 'a' depends on itself"),
        (
            {"link_from": ["a"], "link_to": ["b"], "link_type": ["XX"]},
            PlanError,
            "link 0 into 'b': type must be one of FS SS FF SF, not 'XX'",
        ),
        (
            {"link_from": ["a"], "link_to": ["b"], "link_lag": [10**40]},
            PlanError,
            "link 0 from 'a' into 'b': lag 1000",
        ),
        ({"constraints": ["ASAP", "MSO"]}, ConstraintError, "task 'b': constraint MSO needs"),
        (
            {"constraints": ["ASAP", "ASAP"], "constraint_dates": [None, D(2021, 1, 4)]},
            ConstraintError,
            "task 'b': constraint ASAP takes no date",
        ),
        ({"constraints": ["ASAP", "SOON"]}, ConstraintError, "not 'SOON'"),
        ({"deadlines": [None, "2021-01-04"]}, PlanError, "task 'b': deadline must be a calendar"),
        (
            {"deadlines": [None, dt.datetime(2021, 1, 4, 9)]},
            PlanError,
            "task 'b': deadline must be a calendar date",
        ),
        ({"constraints": ["ASAP", None]}, ConstraintError, "task 'b': .* not None"),
        ({"part_of": [None, "zz"]}, UnknownTaskError, "task 'b' is part of unknown task 'zz'"),
    ],
)
def test_every_bad_value_names_its_task(
    change: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        TaskTable.of(**{**BASE, **change})  # type: ignore[arg-type]


def test_a_plan_of_a_table_finds_tasks_without_making_them_all() -> None:
    n = 1000
    table = TaskTable.of(
        ids=[f"t{i}" for i in range(n)],
        titles=[f"Task {i}" for i in range(n)],
        durations=[1] * n,
        link_from=list(range(n - 1)),
        link_to=list(range(1, n)),
    )
    plan = Plan("p", "P", D(2021, 1, 4), tasks=table, calendar="mon-fri")
    result = schedule(plan)
    assert result.finish == plan.calendar.add_working_days(D(2021, 1, 4), n - 1)
    assert len(result.critical_path) == n
    assert plan.position("t500") == 500
    assert table._made == {}  # scheduling read the columns, not Task objects
    assert plan.task("t7") == Task("t7", "Task 7", 1, depends=["t6"])
