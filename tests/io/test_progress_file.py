"""Progress files: CSV rows and TOML/JSON/YAML tables, checked whole before any is used."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from urbangov.calendar import WorkCalendar
from urbangov.errors import ProgressFileError
from urbangov.io import CSV_COLUMNS, load_progress, loads_progress, progress_from_dict
from urbangov.plan import Plan, Task
from urbangov.tracking import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    TrackingLog,
    Withdrawal,
)

D = dt.date
PLAN = Plan(
    "p",
    "Plan",
    D(2021, 4, 5),
    tasks=[
        Task("draft", "Soạn thảo", 5, deadline=D(2021, 4, 9), lead="so-noi-vu"),
        Task("review", "Thẩm định", 5, depends=["draft"], deadline=D(2021, 4, 16)),
        Task("phường-1", "Giao phường", 3, depends=["review"]),
    ],
    calendar=WorkCalendar.mon_fri(),
)
NOTE = "Đã trình UBND Thành phố"


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _write(tmp_path: Path, name: str, text: str, *, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# -- CSV ---------------------------------------------------------------------------------


def test_csv_happy_path(tmp_path: Path) -> None:
    text = (
        "task,reported_on,actual_start,actual_finish,percent_complete,remaining_duration,"
        "note,reported_by\n"
        f"draft,2021-04-07,2021-04-05,,40%,3,{_nfd(NOTE)},Sở Nội vụ\n"
        "draft,2021-04-09,,2021-04-09,100 %,,,\n"
        "review,2021-04-12,2021-04-12,,,, ,\n"
    )
    log = load_progress(_write(tmp_path, "progress.csv", text, encoding="utf-8-sig"), PLAN)
    assert log.updates == (
        ProgressUpdate(
            "draft",
            D(2021, 4, 7),
            actual_start=D(2021, 4, 5),
            percent_complete=40,
            remaining_duration=3,
            note=NOTE,
            reported_by="Sở Nội vụ",
        ),
        ProgressUpdate("draft", D(2021, 4, 9), actual_finish=D(2021, 4, 9), percent_complete=100),
        ProgressUpdate("review", D(2021, 4, 12), actual_start=D(2021, 4, 12)),
    )
    # The note is kept in NFC whichever way it was typed.
    assert log.updates[0].note is not None
    assert unicodedata.is_normalized("NFC", log.updates[0].note)
    # Empty cells report nothing: the later picture keeps the earlier values.
    picture = log.progress_on(D(2021, 4, 30))
    assert picture["draft"].actual_start == D(2021, 4, 5)
    assert picture["draft"].note == NOTE
    assert picture["review"].percent_complete == 0
    assert picture["review"].note is None
    assert (log.requests, log.decisions, log.withdrawals) == ((), (), ())


def test_csv_columns_may_come_in_any_order_and_only_two_are_required() -> None:
    log = loads_progress("reported_on,task\n2021-04-07,draft\n", "csv", PLAN)
    assert log.updates == (ProgressUpdate("draft", D(2021, 4, 7)),)
    assert CSV_COLUMNS[:2] == ("task", "reported_on")


def test_csv_with_a_bom_in_the_text_reads_the_header() -> None:
    log = loads_progress("\ufefftask,reported_on\ndraft,2021-04-07\n", "csv", PLAN)
    assert [u.task for u in log.updates] == ["draft"]


def test_csv_task_ids_typed_in_nfd_match_the_plan() -> None:
    log = loads_progress(f"task,reported_on\n{_nfd('phường-1')},2021-04-20\n", "csv", PLAN)
    assert [u.task for u in log.updates] == ["phường-1"]


def test_csv_header_only_is_nothing_to_import() -> None:
    assert loads_progress("task,reported_on\n", "csv", PLAN) == TrackingLog()


def test_csv_bad_rows_are_all_reported_with_their_line(tmp_path: Path) -> None:
    text = (
        "task,reported_on,actual_start,actual_finish,percent_complete\n"
        "draft,2021-04-07,2021-04-05,,40\n"  # line 2: fine
        "nope,2021-04-07,,,\n"  # line 3: unknown task
        "draft,2021-04-08,2021-04-05,,100\n"  # line 4: 100 % without a finish
        "review,2021-04-08,2021-04-09,,\n"  # line 5: started after the report date
        "review,2021-04-08,,2021-04-09,100\n"  # line 6: finished after the report date
        "draft,08/04/2021,,,\n"  # line 7: not an ISO date
        "draft,2021-04-08,,,forty\n"  # line 8: not a number
        "draft,2021-04-08,,,120\n"  # line 9: above 100
        ",2021-04-08,,,\n"  # line 10: no task
        "draft,,,,\n"  # line 11: no report date
        "draft,2021-04-08,,,10,extra\n"  # line 12: too many cells
    )
    path = _write(tmp_path, "progress.csv", text)
    with pytest.raises(ProgressFileError) as info:
        load_progress(path, PLAN)
    exc = info.value
    lines = [where for where, _ in exc.problems]
    assert lines == [f"line {n}" for n in range(3, 13)]
    messages = dict(exc.problems)
    assert "unknown task 'nope'" in messages["line 3"]
    assert "100 % complete needs the actual_finish date" in messages["line 4"]
    assert "actual_start 2021-04-09 is after the report date 2021-04-08" in messages["line 5"]
    assert "actual_finish 2021-04-09 is after the report date 2021-04-08" in messages["line 6"]
    assert "reported_on" in messages["line 7"]
    assert "'08/04/2021'" in messages["line 7"]
    assert "percent_complete" in messages["line 8"]
    assert "'forty'" in messages["line 8"]
    assert "between 0 and 100" in messages["line 9"]
    assert "task id is empty" in messages["line 10"]
    assert "reported_on: a date is required" in messages["line 11"]
    assert "more cells than columns" in messages["line 12"]
    # The message names the file, the first line and how many more there are.
    assert exc.path == str(path)
    assert exc.location == "line 3"
    assert str(exc).startswith(f"{path}: line 3: unknown task 'nope'")
    assert "(and 9 more problem(s))" in str(exc)
    assert exc.task_id == "nope"


def test_csv_line_numbers_count_the_header_and_skip_nothing() -> None:
    with pytest.raises(ProgressFileError) as info:
        loads_progress(
            "task,reported_on\ndraft,2021-04-07\ndraft,2021-04-08\nx,2021-04-09\n", "csv", PLAN
        )
    assert info.value.location == "line 4"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("task,reported_on,percent", "unknown column(s) 'percent'"),
        ("task,percent_complete", "missing column(s) 'reported_on'"),
        ("id,date", "unknown column(s) 'id', 'date'; missing column(s) 'task', 'reported_on'"),
    ],
)
def test_csv_unknown_and_missing_columns(header: str, message: str) -> None:
    with pytest.raises(ProgressFileError) as info:
        loads_progress(f"{header}\ndraft,2021-04-07,1\n", "csv", PLAN, source="p.csv")
    assert message in str(info.value)
    assert info.value.location == "line 1"
    assert "columns: task, reported_on" in str(info.value)  # says what it takes


def test_contradicting_rows_are_refused_whole() -> None:
    # Each row is fine alone; together the finish is before the start.
    text = (
        "task,reported_on,actual_start,actual_finish,percent_complete\n"
        "draft,2021-04-07,2021-04-07,,\n"
        "draft,2021-04-08,,2021-04-06,100\n"
    )
    with pytest.raises(ProgressFileError, match="before the actual start") as info:
        loads_progress(text, "csv", PLAN, source="p.csv")
    assert info.value.path == "p.csv"
    toml = (
        '[[progress]]\ntask = "draft"\nreported_on = 2021-04-07\nactual_start = 2021-04-07\n'
        '[[progress]]\ntask = "draft"\nreported_on = 2021-04-08\nactual_finish = 2021-04-06\n'
    )
    with pytest.raises(ProgressFileError, match="before the actual start"):
        loads_progress(toml, "toml", PLAN, source="p.toml")


# -- TOML / JSON / YAML ---------------------------------------------------------------------

TOML = f"""
[[progress]]
task = "draft"
reported_on = 2021-04-07
actual_start = 2021-04-05
percent_complete = 40
note = "{_nfd(NOTE)}"
reported_by = "Sở Nội vụ"

[[progress]]
task = "draft"
reported_on = 2021-04-12
actual_finish = 2021-04-12
percent_complete = 100

[[extensions]]
id = "gh-1"
task = "review"
requested_on = 2021-04-13
new_deadline = 2021-04-23
reason = "Chờ ý kiến Bộ Nội vụ"
requested_by = "Sở Tư pháp"
decided_on = 2021-04-14
approved = true
decided_by = "UBND Thành phố"

[[extensions]]
id = "gh-2"
task = "phường-1"
requested_on = 2021-04-20
new_deadline = 2021-05-07

[[extensions]]
id = "gh-3"
task = "draft"
requested_on = 2021-04-06
new_deadline = 2021-04-16
decided_on = 2021-04-07
approved = false

[[withdrawals]]
task = "phường-1"
withdrawn_on = 2021-04-28
reason = "Giao cho quận"
decided_by = "UBND Thành phố"
"""

EXPECTED = TrackingLog(
    [
        ProgressUpdate(
            "draft",
            D(2021, 4, 7),
            actual_start=D(2021, 4, 5),
            percent_complete=40,
            note=NOTE,
            reported_by="Sở Nội vụ",
        ),
        ProgressUpdate("draft", D(2021, 4, 12), actual_finish=D(2021, 4, 12), percent_complete=100),
    ],
    [
        ExtensionRequest(
            "gh-1",
            "review",
            D(2021, 4, 13),
            D(2021, 4, 23),
            "Chờ ý kiến Bộ Nội vụ",
            "Sở Tư pháp",
        ),
        ExtensionRequest("gh-2", "phường-1", D(2021, 4, 20), D(2021, 5, 7)),
        ExtensionRequest("gh-3", "draft", D(2021, 4, 6), D(2021, 4, 16)),
    ],
    [
        ExtensionDecision("gh-1", D(2021, 4, 14), True, "UBND Thành phố"),
        ExtensionDecision("gh-3", D(2021, 4, 7), False),
    ],
    [Withdrawal("phường-1", D(2021, 4, 28), "Giao cho quận", "UBND Thành phố")],
)


def _as_data() -> dict[str, object]:
    import tomllib

    def plain(value: object) -> object:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    data = plain(tomllib.loads(TOML))
    assert isinstance(data, dict)
    return data


def test_toml_progress_extensions_and_withdrawals(tmp_path: Path) -> None:
    log = load_progress(_write(tmp_path, "progress.toml", TOML), PLAN)
    assert log == EXPECTED
    assert log.updates[0].note == NOTE  # NFC
    # The approved extension moves the deadline; the rejected one does not.
    deadlines = log.deadlines_on(PLAN, D(2021, 4, 30))
    assert deadlines["review"].approved == D(2021, 4, 23)
    assert deadlines["review"].original == D(2021, 4, 16)
    assert deadlines["draft"].approved == D(2021, 4, 9)
    assert not deadlines["draft"].extended
    assert [r.id for r in log.pending_requests_on(D(2021, 4, 30))] == ["gh-2"]
    assert set(log.withdrawn_on(D(2021, 4, 30))) == {"phường-1"}


def test_json_and_yaml_read_like_toml(tmp_path: Path) -> None:
    import yaml

    data = _as_data()
    as_json = _write(tmp_path, "progress.json", json.dumps(data, ensure_ascii=False))
    as_yaml = _write(tmp_path, "progress.yaml", yaml.safe_dump(data, allow_unicode=True))
    as_yml = _write(tmp_path, "progress.yml", yaml.safe_dump(data, allow_unicode=True))
    assert load_progress(as_json, PLAN) == EXPECTED
    assert load_progress(as_yaml, PLAN) == EXPECTED
    assert load_progress(as_yml, PLAN) == EXPECTED
    assert progress_from_dict(data, PLAN) == EXPECTED


def test_an_empty_table_file_is_nothing_to_import() -> None:
    assert loads_progress("", "toml", PLAN) == TrackingLog()


def test_structure_errors_are_located_and_all_listed() -> None:
    text = """
[[progress]]
task = "draft"
reported_on = 2021-04-07

[[progress]]
task = "draft"
reported_on = 2021-04-08

[[progress]]
task = "draft"
reported_on = 2021-04-09
percent_complete = "40%"

[[withdrawals]]
task = "review"
withdrawn_on = 2021-04-10
by = "UBND"
"""
    with pytest.raises(ProgressFileError) as info:
        loads_progress(text, "toml", PLAN, source="p.toml")
    exc = info.value
    assert [where for where, _ in exc.problems] == [
        "progress[2].percent_complete",
        "withdrawals[0]",
    ]
    assert "expected a whole number, got '40%'" in exc.problems[0][1]
    assert "unknown key 'by'" in exc.problems[1][1]
    assert str(exc).startswith("p.toml: progress[2].percent_complete: ")
    assert "(and 1 more problem(s))" in str(exc)


def test_record_errors_are_located_and_all_listed() -> None:
    text = """
[[progress]]
task = "draft"
reported_on = 2021-04-07

[[progress]]
task = "review"
reported_on = 2021-04-07
actual_finish = 2021-04-08

[[progress]]
task = "ghost"
reported_on = 2021-04-07

[[extensions]]
id = "e1"
task = "draft"
requested_on = 2021-04-06
new_deadline = 2021-04-16
decided_on = 2021-04-07

[[extensions]]
id = "e2"
task = "nowhere"
requested_on = 2021-04-06
new_deadline = 2021-04-16

[[withdrawals]]
task = "draft"
withdrawn_on = 2021-04-10

[[withdrawals]]
task = "gone"
withdrawn_on = 2021-04-10
"""
    with pytest.raises(ProgressFileError) as info:
        loads_progress(text, "toml", PLAN, source="p.toml")
    problems = dict(info.value.problems)
    assert set(problems) == {
        "progress[1]",
        "progress[2]",
        "extensions[0]",
        "extensions[1]",
        "withdrawals[1]",
    }
    assert "actual_finish 2021-04-08 is after the report date" in problems["progress[1]"]
    assert "unknown task 'ghost'" in problems["progress[2]"]
    assert "needs both decided_on and approved" in problems["extensions[0]"]
    assert "unknown task 'nowhere'" in problems["extensions[1]"]
    assert "unknown task 'gone'" in problems["withdrawals[1]"]
    assert str(info.value).startswith("p.toml: ")
    assert "(and 4 more problem(s))" in str(info.value)


def test_an_extension_id_used_twice_is_refused() -> None:
    text = """
[[extensions]]
id = "e1"
task = "draft"
requested_on = 2021-04-06
new_deadline = 2021-04-16

[[extensions]]
id = "e1"
task = "review"
requested_on = 2021-04-06
new_deadline = 2021-04-23
"""
    with pytest.raises(ProgressFileError, match="extension request ids used twice: e1"):
        loads_progress(text, "toml", PLAN, source="p.toml")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("p.toml", "[[progress]\n", "invalid TOML"),
        ("p.json", '{"progress": [}', "invalid JSON"),
        ("p.yaml", "progress: [\n", "invalid YAML"),
        ("p.json", "[]", "holds a table at the top level"),
        ("p.toml", "progres = []\n", "unknown key 'progres'"),
        ("p.txt", "task,reported_on\n", "unknown progress file type"),
    ],
)
def test_unreadable_files_say_so(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = _write(tmp_path, name, text)
    with pytest.raises(ProgressFileError, match=message) as info:
        load_progress(path, PLAN)
    assert info.value.path == str(path)


def test_a_missing_file_is_a_progress_file_error(tmp_path: Path) -> None:
    with pytest.raises(ProgressFileError, match="no such file"):
        load_progress(tmp_path / "absent.csv", PLAN)


def test_nothing_is_returned_when_any_row_is_bad(tmp_path: Path) -> None:
    good = "task,reported_on,percent_complete\n" + "draft,2021-04-07,10\n" * 20
    path = _write(tmp_path, "progress.csv", good + "draft,2021-04-08,101\n")
    result: TrackingLog | None = None
    with pytest.raises(ProgressFileError):
        result = load_progress(path, PLAN)
    assert result is None
    assert len(load_progress(_write(tmp_path, "ok.csv", good), PLAN).updates) == 20
