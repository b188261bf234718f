"""Plan files: one structure in TOML, JSON and YAML; errors that say where."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from urbangov.errors import PlanFileError
from urbangov.io import load_plan, loads_plan
from urbangov.plan import ConstraintType, Dependency, DependencyType

TOML = """
[plan]
id = "demo"
title = "Demo plan"
start = 2021-01-04
calendar = "mon-fri"

[calendar]
holidays = [2021-01-05]
working_days = [2021-01-09]

[[tasks]]
id = "t1"
title = "Soạn thảo"
duration = 10
lead = "hcmc/so-noi-vu"

[[tasks]]
id = "t2"
title = "Review"
duration = 0
deadline = 2021-02-17
constraint = "SNET"
constraint_date = 2021-02-08
depends = ["t1", { task = "t1", type = "SS", lag = -2 }]
"""

AS_DICT = {
    "plan": {"id": "demo", "title": "Demo plan", "start": "2021-01-04", "calendar": "mon-fri"},
    "calendar": {"holidays": ["2021-01-05"], "working_days": ["2021-01-09"]},
    "tasks": [
        {"id": "t1", "title": "Soạn thảo", "duration": 10, "lead": "hcmc/so-noi-vu"},
        {
            "id": "t2",
            "title": "Review",
            "duration": 0,
            "deadline": "2021-02-17",
            "constraint": "SNET",
            "constraint_date": "2021-02-08",
            "depends": ["t1", {"task": "t1", "type": "SS", "lag": -2}],
        },
    ],
}

YAML = """
plan: {id: demo, title: Demo plan, start: 2021-01-04, calendar: mon-fri}
calendar: {holidays: [2021-01-05], working_days: [2021-01-09]}
tasks:
  - {id: t1, title: Soạn thảo, duration: 10, lead: hcmc/so-noi-vu}
  - id: t2
    title: Review
    duration: 0
    deadline: 2021-02-17
    constraint: SNET
    constraint_date: 2021-02-08
    depends: [t1, {task: t1, type: SS, lag: -2}]
"""


def test_the_three_formats_give_the_same_plan() -> None:
    from_toml = loads_plan(TOML, "toml")
    assert loads_plan(json.dumps(AS_DICT), "json") == from_toml
    assert loads_plan(YAML, "yaml") == from_toml
    t2 = from_toml.task("t2")
    assert t2.depends == (Dependency("t1"), Dependency("t1", DependencyType.SS, -2))
    assert t2.constraint is ConstraintType.SNET
    assert t2.constraint_date == dt.date(2021, 2, 8)
    assert from_toml.task("t1").lead == "hcmc/so-noi-vu"
    assert not from_toml.calendar.is_working_day(dt.date(2021, 1, 5))
    assert from_toml.calendar.is_working_day(dt.date(2021, 1, 9))


def test_the_plan_language() -> None:
    assert loads_plan(TOML, "toml").lang == "vi"
    english = TOML.replace('calendar = "mon-fri"', 'calendar = "mon-fri"\nlang = "en"')
    assert loads_plan(english, "toml").lang == "en"
    with pytest.raises(PlanFileError, match=r"plan\.lang: expected one of vi en, got 'fr'"):
        loads_plan(TOML.replace('calendar = "mon-fri"', 'lang = "fr"'), "toml")


def test_nfd_titles_are_normalised() -> None:
    plan = loads_plan(unicodedata.normalize("NFD", TOML), "toml")
    assert plan.task("t1").title == "Soạn thảo"


def test_load_by_suffix(tmp_path: Path) -> None:
    for suffix, text in ((".toml", TOML), (".json", json.dumps(AS_DICT)), (".yml", YAML)):
        path = tmp_path / f"plan{suffix}"
        path.write_text(text, encoding="utf-8")
        assert load_plan(path).id == "demo"


def _error(text: str, fmt: str = "toml") -> PlanFileError:
    with pytest.raises(PlanFileError) as info:
        loads_plan(text, fmt, source="plan.toml")
    return info.value


HEADER = '[plan]\nid = "p"\ntitle = "P"\nstart = 2021-01-04\n'


@pytest.mark.parametrize(
    ("body", "where", "what"),
    [
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\nduration = 1\ndepnds = []\n',
            "tasks[0] (id 't1')",
            "unknown key 'depnds'",
        ),
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\nduration = 2.5\n',
            "tasks[0] (id 't1').duration",
            "expected a whole number, got 2.5",
        ),
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\nduration = "5"\n',
            "tasks[0] (id 't1').duration",
            "expected a whole number, got '5'",
        ),
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\n',
            "tasks[0] (id 't1').duration",
            "required key missing",
        ),
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\nduration = 1\nconstraint = "SNXT"\n',
            "tasks[0] (id 't1').constraint",
            "expected one of ASAP ALAP SNET",
        ),
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\nduration = 1\ndeadline = 2021-01-04T08:00:00\n',
            "tasks[0] (id 't1').deadline",
            "date-time",
        ),
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\nduration = 1\n'
            'depends = [{task = "t0", type = "XX"}]\n',
            "tasks[0] (id 't1').depends[0].type",
            "expected one of FS SS FF SF",
        ),
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\nduration = 1\ndepends = [5]\n',
            "tasks[0] (id 't1').depends[0]",
            "expected a task id or a table",
        ),
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\nduration = 1\ndepends = ["t9"]\n',
            "tasks[0] (id 't1')",
            "depends on unknown task 't9'",
        ),
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\nduration = 1\n'
            '[[tasks]]\nid = "t1"\ntitle = "B"\nduration = 1\n',
            "tasks[1] (id 't1')",
            "duplicate task id 't1'",
        ),
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\nduration = -3\n',
            "tasks[0] (id 't1')",
            "duration cannot be negative",
        ),
        (
            '[[tasks]]\nid = "t1"\ntitle = "A"\nduration = 3\nconstraint = "MSO"\n',
            "tasks[0] (id 't1')",
            "MSO needs a constraint_date",
        ),
        (
            "[calendar]\nholidays = [2021-01-05]\nworking_days = [2021-01-05]\n",
            "calendar",
            "both as holiday and as working day",
        ),
        ("surprise = 1\n", "plan", "unknown key 'surprise'"),
    ],
)
def test_errors_name_the_file_the_key_and_the_task(body: str, where: str, what: str) -> None:
    error = _error(HEADER + body)
    assert error.path == "plan.toml"
    assert error.location == where
    assert what in str(error)
    assert str(error).startswith(f"plan.toml: {where}: ")
    assert "\n" not in str(error)


def test_unknown_top_level_keys() -> None:
    error = _error(json.dumps(AS_DICT | {"extra": 1}), "json")
    assert error.location == "(top level)"
    assert "unknown key 'extra'" in str(error)


def test_every_problem_is_reported_at_once() -> None:
    error = _error(HEADER + '[[tasks]]\nid = "a"\ntitle = "A"\nduration = "x"\nlag = 1\n')
    assert len(error.problems) == 2
    assert "(and 1 more problem(s))" in str(error)


def test_missing_header_and_bad_calendar() -> None:
    assert _error('[[tasks]]\nid = "a"\ntitle = "A"\nduration = 1\n').location == "plan"
    error = _error(HEADER + 'calendar = "mars"\n')
    assert error.location == "plan.calendar"
    assert "unknown calendar 'mars'" in str(error)


def test_syntax_errors_say_where() -> None:
    assert "line 2" in str(_error("[plan]\nid = \n"))
    error = _error('{"plan": }', "json")
    assert error.location == "line 1, column 10"
    error = _error("plan: [\n", "yaml")
    assert error.location is not None
    assert error.location.startswith("line ")
    assert "a table at the top level" in str(_error("[1, 2]", "json"))


def test_file_problems(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="no such file"):
        load_plan(tmp_path / "missing.toml")
    other = tmp_path / "plan.txt"
    other.write_text("x")
    with pytest.raises(PlanFileError, match="unknown plan file type"):
        load_plan(other)
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(PlanFileError, match="cannot read"):
        load_plan(bad)


# -- hostile and awkward input: a located error, never a traceback or a wrong plan ----

HEADER = '[plan]\nid = "p"\ntitle = "P"\nstart = 2021-01-04\n'


def _task_toml(duration: object = 1, depends: str = "[]") -> str:
    return (
        HEADER
        + '[[tasks]]\nid = "a"\ntitle = "A"\nduration = 1\n'
        + f'[[tasks]]\nid = "b"\ntitle = "B"\nduration = {duration}\ndepends = {depends}\n'
    )


@pytest.mark.parametrize("duration", [2**63 - 1, 2**63, 10**40, 100_001])
def test_a_duration_out_of_range_is_a_located_error(duration: int) -> None:
    with pytest.raises(PlanFileError, match=r"duration .* out of range") as caught:
        loads_plan(_task_toml(duration), "toml", source="p.toml")
    assert caught.value.location == "tasks[1] (id 'b')"


@pytest.mark.parametrize("lag", [2**63 - 1, -(2**63), 10**40, -100_001])
def test_a_lag_out_of_range_is_a_located_error(lag: int) -> None:
    with pytest.raises(PlanFileError, match=r"lag .* out of range"):
        loads_plan(_task_toml(depends=f'[{{ task = "a", lag = {lag} }}]'), "toml", source="p")


def test_a_string_where_a_list_belongs_is_not_split_into_letters() -> None:
    with pytest.raises(PlanFileError, match="expected a list, got 'ab'") as caught:
        loads_plan(_task_toml(depends='"ab"'), "toml", source="p.toml")
    assert caught.value.location == "tasks[1] (id 'b').depends"


def test_an_impossible_yaml_date_names_its_key() -> None:
    text = "plan:\n  id: p\n  title: P\n  start: 2021-02-30\n"
    with pytest.raises(PlanFileError, match="no such date: '2021-02-30'") as caught:
        loads_plan(text, "yaml", source="p.yaml")
    assert caught.value.location == "plan.start"


def test_yaml_dates_are_still_dates() -> None:
    plan = loads_plan("plan:\n  id: p\n  title: P\n  start: 2021-01-04\n", "yaml")
    assert plan.start == dt.date(2021, 1, 4)


@pytest.mark.parametrize(
    ("text", "fmt"), [("[" * 100_000, "json"), ("a: " + "[" * 100_000, "yaml")]
)
def test_deep_nesting_is_an_error_not_a_crash(text: str, fmt: str) -> None:
    with pytest.raises(PlanFileError, match=r"nested too deeply|invalid"):
        loads_plan(text, fmt, source="deep")


def test_a_lone_surrogate_in_a_title_is_refused() -> None:
    text = json.dumps({"plan": {"id": "p", "title": "x\ud800", "start": "2021-01-04"}})
    with pytest.raises(PlanFileError, match=r"lone surrogate \\ud800") as caught:
        loads_plan(text, "json", source="p.json")
    assert caught.value.location == "plan.title"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a BOM."""
    path = tmp_path / "plan.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + 'title2 = "x"\n').replace("title2", "#").encode())
    assert load_plan(path).id == "p"
    assert loads_plan("\ufeff" + HEADER, "toml").id == "p"


# -- large plans: read into columns, the same plan and the same errors -----------------


def _large_plan_dict(seed: int) -> dict[str, object]:
    from tests.plans import random_plan

    plan = random_plan(seed, size=600)
    tasks: list[dict[str, object]] = []
    for task in plan.tasks:
        entry: dict[str, object] = {"id": task.id, "title": task.title, "duration": task.duration}
        if task.depends:
            entry["depends"] = [
                d.task
                if (d.type, d.lag) == (DependencyType.FS, 0)
                else {"task": d.task, "type": d.type.value, "lag": d.lag}
                for d in task.depends
            ]
        if task.constraint is not ConstraintType.ASAP:
            entry["constraint"] = task.constraint.value
        if task.constraint_date is not None:
            entry["constraint_date"] = task.constraint_date.isoformat()
        if task.deadline is not None:
            entry["deadline"] = task.deadline.isoformat()
        number = int(task.id[1:])
        if number % 7 == 0:
            entry["notes"] = f"Ghi chú {number}"
        if number % 5 == 0:
            entry["part_of"] = f"g{number % 3}"
        tasks.append(entry)
    header = {"id": plan.id, "title": "Kế hoạch lớn", "start": plan.start.isoformat()}
    groups = [{"id": f"g{k}", "title": f"Nhóm {k}"} for k in range(3)]
    groups[2]["part_of"] = "g0"
    return {"plan": header, "groups": groups, "tasks": tasks}


def _careful(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("urbangov.io._fast_tasks.FAST_MIN_TASKS", 10**9)


@pytest.mark.parametrize("seed", range(5))
def test_a_large_plan_is_read_into_columns_and_is_the_same_plan(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urbangov.plan import TaskTable

    text = json.dumps(_large_plan_dict(seed))
    fast = loads_plan(text, "json")
    assert isinstance(fast.tasks, TaskTable)
    _careful(monkeypatch)
    careful = loads_plan(text, "json")
    assert not isinstance(careful.tasks, TaskTable)
    assert list(fast.tasks) == list(careful.tasks)
    assert fast.start == careful.start
    assert fast.groups == careful.groups
    assert len(fast.groups) == 3
    assert fast.task("t7").notes == "Ghi chú 7"


@pytest.mark.parametrize(
    ("change", "location", "message"),
    [
        ({"duration": "5"}, "tasks[450] (id 't450').duration", "expected a whole number"),
        ({"duration": True}, "tasks[450] (id 't450').duration", "expected a whole number"),
        ({"deadline": "2021-02-30"}, "tasks[450] (id 't450').deadline", "no such date"),
        ({"depends": "t1"}, "tasks[450] (id 't450').depends", "expected a list"),
        ({"colour": "red"}, "tasks[450] (id 't450')", "unknown key 'colour'"),
        ({"id": "t1"}, "tasks[450] (id 't1')", "duplicate task id 't1'"),
        ({"depends": ["nobody"]}, "tasks[450] (id 't450')", "unknown task 'nobody'"),
        ({"title": "x\ud800"}, "tasks[450] (id 't450').title", "lone surrogate"),
    ],
)
def test_a_large_plan_with_a_bad_value_says_where_as_a_small_one_does(
    change: dict[str, object], location: str, message: str
) -> None:
    data = _large_plan_dict(1)
    tasks = data["tasks"]
    assert isinstance(tasks, list)
    tasks[450] = {**tasks[450], **change}
    with pytest.raises(PlanFileError, match=message) as caught:
        loads_plan(json.dumps(data), "json", source="big.json")
    assert caught.value.location == location


def test_a_large_toml_plan_reads_as_tomllib_reads_it(tmp_path: Path) -> None:
    import tomllib

    data = _large_plan_dict(2)
    lines = ["[plan]", 'id = "big"', 'title = "Kế hoạch lớn"', "start = 2021-01-04"]
    for group in data["groups"]:  # type: ignore[attr-defined]
        lines += ["", "[[groups]]"]
        lines += [
            f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in group.items()
        ]
    for task in data["tasks"]:  # type: ignore[attr-defined]
        lines += ["", "[[tasks]]"]
        for key, value in task.items():
            if key in ("deadline", "constraint_date"):
                lines.append(f"{key} = {value}")
            elif key == "depends":
                items = [
                    json.dumps(v)
                    if isinstance(v, str)
                    else f'{{ task = "{v["task"]}", type = "{v["type"]}", lag = {v["lag"]} }}'
                    for v in value
                ]
                lines.append(f"depends = [{', '.join(items)}]")
            else:
                lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    text = "\n".join(lines * 1) + "\n"
    text += "\n" * max(0, 500_001 - len(text))  # large enough for the fast decoder
    path = tmp_path / "big.toml"
    path.write_text(text, encoding="utf-8")
    from urbangov.io._structure import decode

    assert decode(text, "toml", source=None, error=PlanFileError) == tomllib.loads(text)
    assert len(load_plan(path).tasks) == 600
    broken = text.replace('id = "big"', 'id = "big" x', 1)
    with pytest.raises(PlanFileError, match=r"invalid TOML: .*\(at line 2, column"):
        loads_plan(broken, "toml", source="big.toml")
