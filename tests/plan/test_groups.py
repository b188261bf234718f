"""Groups: named headings tasks are part of (an appendix's "I." row, an MS Project
summary task), checked as a plan is made, dated by what is under them, laid out as an
outline."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plans import random_plan, with_groups
from urbangov.errors import DuplicateTaskError, PlanError, PlanFileError, UnknownTaskError
from urbangov.io import loads_plan
from urbangov.plan import Group, Plan, Task, TaskTable, outline
from urbangov.scheduling import schedule
from urbangov.tracking import ProgressUpdate, TrackingLog, rolled_up_progress

D = dt.date


def _plan(tasks: Sequence[Task], groups: list[Group]) -> Plan:
    return Plan("p", "P", D(2021, 1, 4), tasks=tasks, groups=groups)


def test_a_group_is_a_heading_not_a_task() -> None:
    plan = _plan(
        [Task("a", "A", 5, part_of="I.1"), Task("b", "B", 3, depends=["a"], part_of="I")],
        [Group("I", "Tổ chức"), Group("I.1", "Thủ Đức", part_of="I")],
    )
    assert plan.ids == ("a", "b")
    assert len(plan) == 2
    assert plan.group("I.1").part_of == "I"
    assert plan.is_group("I")
    assert not plan.is_group("a")
    with pytest.raises(UnknownTaskError, match="'I' is a group of plan 'p', not a task"):
        plan.task("I")
    with pytest.raises(UnknownTaskError, match="no group 'a'"):
        plan.group("a")


def test_the_groups_above_a_task_through_the_tasks_it_is_part_of() -> None:
    plan = _plan(
        [
            Task("a", "A", 5, part_of="I.1"),
            Task("a/x", "A for x", 2, part_of="a"),
            Task("b", "B", 1),
        ],
        [Group("I", "I"), Group("I.1", "I.1", part_of="I")],
    )
    assert plan.groups_above("a/x") == ["I.1", "I"]
    assert plan.groups_above("I.1") == ["I"]
    assert plan.groups_above("b") == []
    looped = _plan([Task("p", "P", 1, part_of="q"), Task("q", "Q", 1, part_of="p")], [])
    with pytest.raises(PlanError, match="part_of loop: p -> q -> p"):
        looped.groups_above("p")


def test_names_are_nfc() -> None:
    group = Group(unicodedata.normalize("NFD", "Đức"), unicodedata.normalize("NFD", "Thủ Đức"))
    assert (group.id, group.title) == ("Đức", "Thủ Đức")


@pytest.mark.parametrize(
    ("tasks", "groups", "error", "message"),
    [
        ([Task("a", "A", 1)], [Group("a", "G")], DuplicateTaskError, "duplicate id 'a'"),
        ([], [Group("g", "G"), Group("g", "H")], DuplicateTaskError, "duplicate id 'g'"),
        ([], [Group("g", "G", part_of="a")], UnknownTaskError, "'g' is part of 'a', which is not"),
        (
            [Task("a", "A", 1)],
            [Group("g", "G", part_of="a")],
            UnknownTaskError,
            "'g' is part of 'a', which is not a group",
        ),
        (
            [],
            [Group("g", "G", part_of="h"), Group("h", "H", part_of="g")],
            PlanError,
            "part_of loop: g -> h -> g",
        ),
        ([Task("a", "A", 1, part_of="x")], [Group("g", "G")], UnknownTaskError, "unknown task 'x'"),
    ],
)
def test_bad_groups_are_refused_naming_them(
    tasks: list[Task], groups: list[Group], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        _plan(tasks, groups)


def test_a_table_names_its_groups() -> None:
    def table(groups: list[str]) -> TaskTable:
        return TaskTable.of(
            ids=["a", "b"], titles=["A", "B"], durations=[1, 2], part_of=[None, "g"], groups=groups
        )

    with pytest.raises(UnknownTaskError, match="task 'b' is part of unknown task 'g'"):
        table([])
    assert _plan(table(["g"]), [Group("g", "G")]).task("b").part_of == "g"
    with pytest.raises(UnknownTaskError, match="task 'b' is part of 'g', which is not a group"):
        _plan(table(["g"]), [])


def test_a_groups_dates_span_what_is_under_it_at_any_depth() -> None:
    plan = _plan(
        [
            Task("a", "A", 5, part_of="I.1"),
            Task("a/x", "A for x", 2, depends=["a"], part_of="a"),  # a task under a task
            Task("b", "B", 3, part_of="I"),
            Task("c", "C", 1),
        ],
        [Group("I", "I"), Group("I.1", "I.1", part_of="I"), Group("II", "empty")],
    )
    groups = {g.id: g for g in schedule(plan).groups}
    assert (groups["I.1"].start, groups["I.1"].finish) == (D(2021, 1, 4), D(2021, 1, 12))
    assert (groups["I"].start, groups["I"].finish) == (D(2021, 1, 4), D(2021, 1, 12))
    assert (groups["II"].start, groups["II"].finish) == (None, None)
    assert schedule(plan).to_dict()["groups"][2] == {
        "id": "II",
        "title": "empty",
        "part_of": None,
        "start": None,
        "finish": None,
    }


def test_progress_rolls_up_into_groups() -> None:
    plan = _plan(
        [Task("a", "A", 6, part_of="I.1"), Task("b", "B", 2, part_of="I"), Task("m", "M", 0)],
        [Group("I", "I"), Group("I.1", "I.1", part_of="I"), Group("II", "II")],
    )
    log = TrackingLog(
        [
            ProgressUpdate("a", D(2021, 1, 8), actual_start=D(2021, 1, 4), percent_complete=50),
            ProgressUpdate(
                "b", D(2021, 1, 8), actual_start=D(2021, 1, 4), actual_finish=D(2021, 1, 5)
            ),
        ]
    )
    out = rolled_up_progress(plan, log.progress_on(D(2021, 1, 8)))
    assert out["I.1"] == 50
    assert out["I"] == round((6 * 50 + 2 * 100) / 8)
    assert "II" not in out  # nothing under it


def test_a_groups_lead_assigns_the_tasks_under_it() -> None:
    from urbangov.hierarchy import Hierarchy, Organisation
    from urbangov.tracking import ReportingPolicy

    plan = attrs.evolve(
        _plan(
            [Task("a", "A", 1, part_of="I.1"), Task("b", "B", 1)],
            [Group("I", "I", lead="hcmc/so-noi-vu"), Group("I.1", "I.1", part_of="I")],
        ),
        issued_by="hcmc/people_committee",
    )
    policy = ReportingPolicy(plan, Organisation(Hierarchy([], [])))
    assert policy.assigner("a") == "hcmc/so-noi-vu"
    assert policy.assigner("b") == "hcmc/people_committee"


def test_a_plan_file_has_groups_and_says_where_one_is_wrong() -> None:
    text = """
[plan]
id = "g"
title = "G"
start = 2021-01-04
[[groups]]
id = "I"
title = "Nhóm I"
lead = "hcmc/so-noi-vu"
[[groups]]
id = "t1"
title = "Nhóm II"
part_of = "I"
[[tasks]]
id = "t1"
title = "T"
duration = 1
part_of = "I"
"""
    with pytest.raises(PlanFileError, match=r"groups\[1\] \(id 't1'\).*duplicate id 't1'"):
        loads_plan(text, "toml", source="g.toml")
    plan = loads_plan(
        text.replace('id = "t1"\ntitle = "Nhóm II"', 'id = "II"\ntitle = "Nhóm II"'), "toml"
    )
    assert plan.groups == (
        Group("I", "Nhóm I", lead="hcmc/so-noi-vu"),
        Group("II", "Nhóm II", part_of="I"),
    )
    with pytest.raises(PlanFileError, match=r"groups\[0\].*title"):
        loads_plan(text.replace('title = "Nhóm I"\n', ""), "toml", source="g.toml")


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000))
def test_outline_lists_everything_once_each_under_its_group(seed: int) -> None:
    plan = with_groups(random_plan(seed), seed)
    n = len(plan.tasks)
    lines = list(outline(plan))
    assert sorted(slot for slot, _ in lines) == list(range(n + len(plan.groups)))
    open_groups: list[tuple[int, str]] = []  # (level, id) of the groups above the line
    for slot, level in lines:
        while open_groups and open_groups[-1][0] >= level:
            open_groups.pop()
        item = plan.tasks[slot] if slot < n else plan.groups[slot - n]
        assert (open_groups[-1][1] if open_groups else None) == item.part_of
        assert level == len(open_groups) + 1
        if slot >= n:
            open_groups.append((level, item.id))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000))
def test_a_groups_span_is_its_tasks_span(seed: int) -> None:
    plan = with_groups(random_plan(seed), seed)
    result = schedule(plan)

    def under(group_id: str) -> list[int]:
        below = {group_id}
        for group in plan.groups:  # groups are made in order: a parent comes first
            if group.part_of in below:
                below.add(group.id)
        return [row for row, task in enumerate(plan.tasks) if task.part_of in below]

    for group in result.groups:
        rows = under(group.id)
        if not rows:
            assert (group.start, group.finish) == (None, None)
            continue
        assert group.start == min(result[row].start for row in rows)
        assert group.finish == max(result[row].finish for row in rows)
