"""A plan written as its appendix table reads back with every task, agency, deadline and
duration; groups keep their tasks; the blank template is read as a table to fill in."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from urbangov_xlsx import appendix_template, render_appendix
from urbangov_xlsx._appendix import load_appendix

from urbangov.errors import PlanFileError
from urbangov.plan import Plan, Task
from urbangov.reporting import ReportOptions
from urbangov.scheduling import schedule

D = dt.date


def _round_trip(plan: Plan, folder: Path, lang: str = "vi") -> Plan:
    out = folder / "appendix.xlsx"
    out.write_bytes(render_appendix(schedule(plan), ReportOptions(lang=lang)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the stated defaults
        return load_appendix(out)


def _kept(task: Task) -> tuple[object, ...]:
    return (task.title, task.lead, task.supporting, task.deadline, task.duration, task.notes)


def test_groups_are_roman_bold_rows_and_keep_their_tasks(tmp_path: Path) -> None:
    plan = Plan(
        "p",
        "Kế hoạch thử",
        D(2021, 3, 1),
        tasks=[
            Task("solo", "Việc riêng", 3, deadline=D(2021, 3, 31), lead="Sở Nội vụ"),
            Task("g1", "Nhóm một", 0, deadline=D(2021, 6, 30)),
            Task("a", "Việc A", 4, part_of="g1", lead="UBND", supporting=["Sở A", "Sở B"]),
            Task("b", "Việc B", 2, part_of="a", deadline=D(2021, 5, 15)),  # nested: under g1
            Task("g2", "Nhóm hai", 0),
            Task("c", "Việc C", 1, part_of="g2", deadline=D(2021, 4, 1)),
        ],
    )
    back = _round_trip(plan, tmp_path)
    ws = load_workbook(tmp_path / "appendix.xlsx").active
    assert ws is not None
    assert ws["A1"].value == "Kế hoạch thử"
    numbers = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)]
    assert numbers == ["1", "I", "1", "2", "II", "1"]
    assert ws["B5"].font.b
    assert not ws["B6"].font.b

    # A task with parts is written as a group row, and read back as a group whose
    # deadline is that of each task under it that has none of its own.
    by_title = {t.title: t for t in back.tasks}
    assert [t.title for t in back.tasks] == ["Việc riêng", "Việc A", "Việc B", "Việc C"]
    groups = {g.title: g.id for g in back.groups}
    assert list(groups) == ["Nhóm một", "Nhóm hai"]
    assert by_title["Việc A"].part_of == by_title["Việc B"].part_of == groups["Nhóm một"]
    assert by_title["Việc riêng"].part_of is None
    assert by_title["Việc A"].deadline == D(2021, 6, 30)  # its group row's
    for task in plan.tasks:
        if task.id not in ("g1", "g2", "a"):
            assert _kept(by_title[task.title]) == _kept(task)


def test_a_plans_groups_are_its_group_rows_and_come_back_as_groups(tmp_path: Path) -> None:
    from urbangov.plan import Group

    plan = Plan(
        "p",
        "Kế hoạch thử",
        D(2021, 3, 1),
        tasks=[
            Task("a", "Việc A", 4, part_of="I.1", deadline=D(2021, 5, 15), lead="UBND"),
            Task("solo", "Việc riêng", 3, deadline=D(2021, 3, 31)),
            Task("b", "Việc B", 2, part_of="II", deadline=D(2021, 4, 1), notes="Báo cáo"),
        ],
        groups=[
            Group("I", "Nhóm một", lead="Sở Nội vụ"),
            Group("I.1", "Nhóm con", part_of="I"),  # one level in an appendix: under I
            Group("II", "Nhóm hai"),
        ],
    )
    back = _round_trip(plan, tmp_path)
    ws = load_workbook(tmp_path / "appendix.xlsx").active
    assert ws is not None
    numbers = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)]
    assert numbers == ["1", "I", "1", "II", "1"]
    assert [(g.title, g.lead) for g in back.groups] == [
        ("Nhóm một", "Sở Nội vụ"),
        ("Nhóm hai", None),
    ]
    titles = {g.id: g.title for g in back.groups}
    assert [(t.title, titles.get(t.part_of or "")) for t in back.tasks] == [
        ("Việc riêng", None),
        ("Việc A", "Nhóm một"),
        ("Việc B", "Nhóm hai"),
    ]
    by_title = {t.title: t for t in back.tasks}
    for task in plan.tasks:
        assert _kept(by_title[task.title]) == _kept(task)


def test_the_headers_follow_the_language(tmp_path: Path) -> None:
    plan = Plan("p", "Plan", D(2021, 3, 1), tasks=[Task("a", "A", 1, deadline=D(2021, 3, 5))])
    back = _round_trip(plan, tmp_path, lang="en")
    ws = load_workbook(tmp_path / "appendix.xlsx").active
    assert ws is not None
    assert [c.value for c in ws[3]] == [
        "No.",
        "Task",
        "Lead agency",
        "Supporting",
        "Deadline",
        "Output",
        "Duration",
    ]
    assert _kept(back.tasks[0]) == _kept(plan.tasks[0])


def test_a_title_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    title = '=HYPERLINK("http://x","y")'
    plan = Plan("p", "P", D(2021, 3, 1), tasks=[Task("a", title, 1, deadline=D(2021, 3, 5))])
    back = _round_trip(plan, tmp_path)
    ws = load_workbook(tmp_path / "appendix.xlsx").active
    assert ws is not None
    assert ws["B4"].data_type == "s"
    assert back.tasks[0].title == title


def test_the_blank_template_is_a_table_waiting_for_tasks(tmp_path: Path) -> None:
    template = tmp_path / "template.xlsx"
    template.write_bytes(appendix_template("vi"))
    with pytest.raises(PlanFileError, match="no task rows yet"):
        load_appendix(template)
    book = load_workbook(template)
    ws = book.active
    assert ws is not None
    ws["A4"], ws["B4"], ws["C4"], ws["E4"] = "1", "Rà soát văn bản", "Sở Tư pháp", "Quý II/2021"
    book.save(template)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        plan = load_appendix(template)
    assert [(t.title, t.lead, t.deadline) for t in plan.tasks] == [
        ("Rà soát văn bản", "Sở Tư pháp", D(2021, 6, 30))
    ]


_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1
).map(str.strip)
_NAME = _TEXT.filter(lambda s: bool(s) and not s.isdigit() and "," not in s and ";" not in s)


@st.composite
def _plans(draw: st.DrawFn) -> Plan:
    from urbangov.plan import Group

    groups = [Group(f"g{k}", draw(_NAME)) for k in range(draw(st.integers(0, 2)))]
    count = draw(st.integers(1, 8))
    tasks = [
        Task(
            f"t{i}",
            draw(_NAME),
            draw(st.integers(0, 60)),
            deadline=draw(st.none() | st.dates(D(2021, 1, 1), D(2030, 12, 31))),
            lead=draw(st.none() | _NAME),
            supporting=draw(st.lists(_NAME, max_size=3)),
            notes=draw(st.none() | _TEXT.filter(bool)),
            part_of=draw(st.none() | st.sampled_from([g.id for g in groups] or [None])),
        )
        for i in range(count)
    ]
    return Plan("p", "P", D(2021, 1, 4), tasks=tasks, groups=groups)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=_plans())
def test_round_trip_keeps_every_task_agency_deadline_duration_and_output(
    plan: Plan, tmp_path: Path
) -> None:
    back = _round_trip(plan, tmp_path)
    titles = {g.id: g.title for g in plan.groups}
    back_titles = {g.id: g.title for g in back.groups}
    assert [g.title for g in back.groups] == [g.title for g in plan.groups]
    # Rows come grouped (the tasks under no group first): the same tasks, each under
    # the same group.
    assert sorted((repr(_kept(t)), back_titles.get(t.part_of or "")) for t in back.tasks) == sorted(
        (repr(_kept(t)), titles.get(t.part_of or "")) for t in plan.tasks
    )


def test_the_example_appendix_is_the_hcmc_plan_s_own_rows() -> None:
    """``examples/hcmc-2021/phu-luc.xlsx`` is ``urbangov report plan.toml -f
    xlsx-appendix``: regenerate it with that command when the plan changes."""
    from urbangov.io import load_plan
    from urbangov.plan import cascaded_rows

    folder = Path(__file__).resolve().parents[3] / "examples" / "hcmc-2021"
    if not folder.is_dir():
        pytest.skip("the examples are in the urbangov repository, not in this package")
    plan = load_plan(folder / "plan.toml")
    generated = {p for positions in cascaded_rows(plan).values() for p in positions}
    own = [t for p, t in enumerate(plan.tasks) if p not in generated]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        example = load_appendix(folder / "phu-luc.xlsx")
    assert [_kept(t) for t in example.tasks] == [_kept(t) for t in own]
