"""``urbangov progress``, ``urbangov status`` and ``urbangov baseline`` as a user types them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Done
from tests.examples import HCMC_DIR
from urbangov.io import load_plan
from urbangov.tracking import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = HCMC_DIR
STATUSES = {"done_on_time", "done_late", "in_time", "overdue", "withdrawn"}

PLAN = """
[plan]
id = "demo"
title = "Kế hoạch thử"
start = 2021-04-05
calendar = "mon-fri"
hierarchy = "hcmc"

[[tasks]]
id = "draft"
title = "Soạn thảo kế hoạch"
duration = 5
deadline = 2021-04-09
lead = "hcmc/so-noi-vu"
unit = "hcmc"

[[tasks]]
id = "review"
title = "Thẩm định"
duration = 5
depends = ["draft"]
deadline = 2021-04-16
lead = "hcmc/so-tu-phap"
unit = "hcmc/thu-duc"

[[tasks]]
id = "ward"
title = "Triển khai tại phường An Khánh"
duration = 10
depends = ["review"]
deadline = 2021-04-30
lead = "hcmc/so-noi-vu"
unit = "hcmc/thu-duc/an-khanh"

[[tasks]]
id = "train"
title = "Tập huấn"
duration = 5
depends = ["draft"]
deadline = 2021-04-16
lead = "hcmc/so-noi-vu"
unit = "hcmc/thu-duc"

[[tasks]]
id = "extra"
title = "Việc bị thu hồi"
duration = 3
lead = "hcmc/so-tu-phap"
"""

# As of 2021-04-21: draft done on time, review done late, ward in time but at risk,
# train overdue, extra withdrawn.
PROGRESS_CSV = (
    "task,reported_on,actual_start,actual_finish,percent_complete,remaining_duration,"
    "note,reported_by\n"
    "draft,2021-04-09,2021-04-05,2021-04-09,100%,,Đã ban hành,Sở Nội vụ\n"
    "review,2021-04-13,2021-04-12,,40,,,\n"
    "review,2021-04-19,,2021-04-19,100,,,\n"
    "ward,2021-04-21,2021-04-20,,20,9,,\n"
)
WITHDRAWAL_TOML = """
[[withdrawals]]
task = "extra"
withdrawn_on = 2021-04-15
reason = "Giao cho quận"
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _stored(path: Path, plan_id: str = "demo") -> int:
    with SQLiteStore(path) as store:
        log = store.log(plan_id)
    return len(log.updates) + len(log.requests) + len(log.decisions) + len(log.withdrawals)


def _one_line_error(done: Done, *fragments: str) -> None:
    assert done.code == 2, done
    assert done.out == ""
    assert done.err.startswith("error: ")
    assert done.err.count("\n") == 1, done.err
    assert "Traceback" not in done.err
    for fragment in fragments:
        assert fragment in done.err


def _imported(urbangov: Callable[..., Done], plan: Path) -> None:
    tmp = plan.parent
    for name, text in (("progress.csv", PROGRESS_CSV), ("more.toml", WITHDRAWAL_TOML)):
        done = urbangov("progress", plan, "--import", _write(tmp / name, text))
        assert done.code == 0, done.err


# -- the user's flow, in a real process ------------------------------------------------------


def test_the_hcmc_example_imports_and_reports_from_a_copy(tmp_path: Path) -> None:
    for name in ("plan.toml", "organisation.toml"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    before = sorted(p.name for p in EXAMPLE.iterdir())

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "urbangov", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            cwd=tmp_path,
        )

    done = run("progress", "plan.toml", "--import", str(EXAMPLE / "progress-2021-06-14.csv"))
    assert done.returncode == 0, done.stderr
    store = tmp_path / "plan.tracking.sqlite"
    assert store.is_file()
    assert done.stdout.startswith("đã nhập ")  # the plan's language
    assert "plan.tracking.sqlite" in done.stdout
    added = int(done.stdout.split()[2])
    rows = (EXAMPLE / "progress-2021-06-14.csv").read_text(encoding="utf-8").count("\n") - 1
    assert added == rows
    assert _stored(store, "hcmc-2021-chinh-quyen-do-thi") == rows

    done = run("status", "plan.toml", "--as-of", "2021-06-14", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["plan"] == "hcmc-2021-chinh-quyen-do-thi"
    assert data["as_of"] == "2021-06-14"
    assert sum(data["counts"][s] for s in STATUSES) == len(data["tasks"])
    assert data["counts"]["done_on_time"] > 0
    # The example directory is left as it was.
    assert sorted(p.name for p in EXAMPLE.iterdir()) == before


# -- progress --import ---------------------------------------------------------------------------


def test_import_writes_the_default_store_beside_the_plan(
    urbangov: Callable[..., Done], plan: Path, tmp_path: Path
) -> None:
    progress = _write(tmp_path / "progress.csv", PROGRESS_CSV)
    done = urbangov("progress", plan, "--import", progress)
    assert done.code == 0, done.err
    store = tmp_path / "plan.tracking.sqlite"
    assert done.out == f"đã nhập 4 bản ghi từ {progress} vào {store}\n"
    assert _stored(store) == 4
    done = urbangov("progress", plan, "--import", _write(tmp_path / "w.toml", WITHDRAWAL_TOML))
    assert done.code == 0, done.err
    assert _stored(store) == 5


def test_import_keeps_who_imported(
    urbangov: Callable[..., Done], plan: Path, tmp_path: Path
) -> None:
    progress = _write(tmp_path / "progress.csv", PROGRESS_CSV)
    done = urbangov("progress", plan, "--import", progress, "--author", "ubnd-phuong-1")
    assert done.code == 0, done.err
    with SQLiteStore(tmp_path / "plan.tracking.sqlite") as store:
        receipts = store.receipts(load_plan(plan).id)
    assert [r.author for r in receipts] == ["ubnd-phuong-1"] * 4


def test_import_with_enforced_authority_refuses_another_wards_report(
    urbangov: Callable[..., Done], tmp_path: Path
) -> None:
    for name in ("plan.toml", "organisation.toml"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    plan = tmp_path / "plan.toml"
    ward = "t09-bo-tri-cong-chuc/hcmc/quan-1/ben-nghe"
    report = _write(
        tmp_path / "ward.csv",
        f"task,reported_on,actual_start,percent_complete\n{ward},2021-06-14,2021-06-01,40\n",
    )
    other = "hcmc/quan-1/ben-thanh/people_committee"
    args = ("progress", plan, "--import", report, "--enforce-authority")
    _one_line_error(
        urbangov(*args, "--author", other),
        f"{other} may not write the progress report of 2021-06-14 on task '{ward}'",
        "nor an organ it handed the task to",
    )
    assert not (tmp_path / "plan.tracking.sqlite").exists()  # nothing written
    done = urbangov(*args, "--author", "hcmc/quan-1/ben-nghe/people_committee")
    assert done.code == 0, done.err
    assert _stored(tmp_path / "plan.tracking.sqlite", load_plan(plan).id) == 1
    refused = urbangov(*args)
    assert refused.code == 2
    assert "--enforce-authority needs --author" in refused.err
    # Work reported without a start would stop every status of the plan: refused.
    unstarted = _write(
        tmp_path / "unstarted.csv",
        "task,reported_on,percent_complete\n"
        "t09-bo-tri-cong-chuc/hcmc/quan-1/ben-thanh,2021-06-14,40\n",
    )
    _one_line_error(
        urbangov("progress", plan, "--import", unstarted),
        "progress is reported (40 %) but not when it started (actual_start)",
    )


def test_import_into_a_store_given_by_store(
    urbangov: Callable[..., Done], plan: Path, tmp_path: Path
) -> None:
    progress = _write(tmp_path / "progress.csv", PROGRESS_CSV)
    elsewhere = tmp_path / "sub" / "kept.sqlite"
    elsewhere.parent.mkdir()
    first = urbangov("progress", plan, "--import", progress, "--store", str(elsewhere))
    assert first.code == 0, first.err
    # The same file again, the same store spelt another way: nothing is added twice.
    again = urbangov("progress", plan, "--import", progress, "--store", f"sqlite:{elsewhere}")
    assert again.code == 0, again.err
    assert again.out.startswith("đã nhập 0 bản ghi")
    assert again.out.rstrip().endswith("(4 bản ghi đã có)")
    assert _stored(elsewhere) == 4
    assert not (tmp_path / "plan.tracking.sqlite").exists()


def test_a_bad_file_adds_nothing_and_says_where(
    urbangov: Callable[..., Done], plan: Path, tmp_path: Path
) -> None:
    bad = _write(
        tmp_path / "bad.csv",
        "task,reported_on,percent_complete\ndraft,2021-04-22,50\nnope,2021-04-22,10\n",
    )
    store = tmp_path / "plan.tracking.sqlite"
    # Into no store: none is created.
    _one_line_error(urbangov("progress", plan, "--import", bad), "bad.csv: line 3", "'nope'")
    assert not store.exists()
    # Into a store: what is there stays as it was.
    _imported(urbangov, plan)
    _one_line_error(urbangov("progress", plan, "--import", bad), "bad.csv: line 3")
    assert _stored(store) == 5


def test_a_file_contradicting_the_store_adds_nothing(
    urbangov: Callable[..., Done], plan: Path, tmp_path: Path
) -> None:
    _imported(urbangov, plan)
    # Alone it is fine; with the stored start of 2021-04-05 the finish comes before it.
    late = _write(
        tmp_path / "late.csv",
        "task,reported_on,actual_finish,percent_complete\ndraft,2021-04-22,2021-04-01,100\n",
    )
    _one_line_error(
        urbangov("progress", plan, "--import", late), "late.csv", "before the actual start"
    )
    twice = _write(
        tmp_path / "ext.toml",
        '[[extensions]]\nid = "e1"\ntask = "ward"\nrequested_on = 2021-04-22\n'
        "new_deadline = 2021-05-14\n",
    )
    assert urbangov("progress", plan, "--import", twice).code == 0
    assert urbangov("progress", plan, "--import", twice).code == 0  # already there: skipped
    other = _write(tmp_path / "other.toml", twice.read_text().replace("05-14", "05-21"))
    _one_line_error(urbangov("progress", plan, "--import", other), "other.toml", "used twice: e1")
    assert _stored(tmp_path / "plan.tracking.sqlite") == 6
    # The store still reports.
    assert urbangov("status", plan, "--as-of", "2021-04-30", "--format", "json").code == 0


# -- status ----------------------------------------------------------------------------------


def _status(urbangov: Callable[..., Done], *args: str | Path) -> dict[str, Any]:
    done = urbangov("status", *args, "--format", "json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert isinstance(data, dict)
    return data


def test_status_json_contract(urbangov: Callable[..., Done], plan: Path) -> None:
    _imported(urbangov, plan)
    data = _status(urbangov, plan, "--as-of", "2021-04-21")
    assert set(data) >= {"plan", "as_of", "forecast_finish", "counts", "tasks", "statistics"}
    assert data["plan"] == "demo"
    assert data["as_of"] == "2021-04-21"
    assert data["forecast_finish"] == "2021-05-04"
    assert data["counts"] == {
        "done_on_time": 1,
        "done_late": 1,
        "in_time": 1,
        "overdue": 1,
        "withdrawn": 1,
        "at_risk": 1,
        "extended": 0,
    }
    tasks = {t["task"]: t for t in data["tasks"]}
    assert list(tasks) == ["draft", "review", "ward", "train", "extra"]
    assert {t["status"] for t in data["tasks"]} == STATUSES
    assert {k: t["status"] for k, t in tasks.items()} == {
        "draft": "done_on_time",
        "review": "done_late",
        "ward": "in_time",
        "train": "overdue",
        "extra": "withdrawn",
    }
    assert [k for k, t in tasks.items() if t["at_risk"]] == ["ward"]
    assert {k: t["progress"] for k, t in tasks.items()} == {
        "draft": 100,
        "review": 100,
        "ward": 20,
        "train": 0,
        "extra": 0,
    }
    assert tasks["review"]["days_late"] == 1  # Fri 16 -> Mon 19 April
    assert tasks["train"]["days_late"] == 3  # Fri 16 -> Wed 21 April
    assert tasks["review"]["actual_finish"] == "2021-04-19"
    assert tasks["ward"]["deadline"] == "2021-04-30"
    assert tasks["ward"]["lead"] == "hcmc/so-noi-vu"
    assert tasks["ward"]["unit"] == "hcmc/thu-duc/an-khanh"
    stats = data["statistics"]
    assert stats["by"] == "lead"
    assert stats["period"] is None
    assert stats["overall"]["total"] == 4  # withdrawn apart
    assert stats["overall"]["withdrawn"] == 1
    assert stats["overall"]["on_time_rate"] == 0.5
    rows = {r["key"]: r for r in stats["rows"]}
    assert set(rows) == {"hcmc/so-noi-vu", "hcmc/so-tu-phap"}
    assert (rows["hcmc/so-noi-vu"]["done_on_time"], rows["hcmc/so-noi-vu"]["overdue"]) == (1, 1)
    assert (rows["hcmc/so-tu-phap"]["done_late"], rows["hcmc/so-tu-phap"]["withdrawn"]) == (1, 1)


def test_status_as_of_an_earlier_day_sees_only_what_was_reported_by_then(
    urbangov: Callable[..., Done], plan: Path
) -> None:
    _imported(urbangov, plan)
    tasks = {t["task"]: t for t in _status(urbangov, plan, "--as-of", "2021-04-14")["tasks"]}
    assert tasks["review"]["status"] == "in_time"
    assert tasks["review"]["progress"] == 40
    assert tasks["extra"]["status"] == "overdue"  # withdrawn only on the 15th


def test_status_by_unit_rolls_up_the_hierarchy(urbangov: Callable[..., Done], plan: Path) -> None:
    _imported(urbangov, plan)
    stats = _status(urbangov, plan, "--as-of", "2021-04-21", "--by", "unit")["statistics"]
    assert stats["by"] == "unit"
    rows = {r["key"]: r for r in stats["rows"]}
    # A task without a unit counts for its lead organ's unit ("extra": hcmc/so-tu-phap).
    assert set(rows) == {"hcmc", "hcmc/thu-duc", "hcmc/thu-duc/an-khanh"}
    assert rows["hcmc"]["total"] == 4  # the city counts its district and ward
    assert rows["hcmc/thu-duc"]["total"] == 3
    assert rows["hcmc/thu-duc/an-khanh"]["total"] == 1
    assert rows["hcmc/thu-duc/an-khanh"]["at_risk"] == 1
    assert rows["hcmc/thu-duc/an-khanh"]["name"] == "Phường An Khánh"
    assert rows["hcmc"]["withdrawn"] == 1


def test_status_by_group_counts_each_group_of_the_plan(
    urbangov: Callable[..., Done], plan: Path
) -> None:
    text = plan.read_text(encoding="utf-8")
    head, tasks = text.split("[[tasks]]", 1)
    grouped = (
        head
        + '[[groups]]\nid = "I"\ntitle = "Văn bản"\n\n[[tasks]]'
        + tasks.replace('id = "review"\n', 'id = "review"\npart_of = "I"\n', 1).replace(
            'id = "draft"\n', 'id = "draft"\npart_of = "I"\n', 1
        )
    )
    plan.write_text(grouped, encoding="utf-8")
    _imported(urbangov, plan)
    stats = _status(urbangov, plan, "--as-of", "2021-04-21", "--by", "group")["statistics"]
    assert stats["by"] == "group"
    assert [(r["key"], r["name"], r["total"]) for r in stats["rows"]] == [
        ("I", "Văn bản", 2),
        (None, None, 2),
    ]
    table = urbangov("status", plan, "--as-of", "2021-04-21", "--by", "group", "--summary")
    assert table.code == 0, table.err
    assert "theo nhóm nhiệm vụ:" in table.out
    assert "Văn bản (I)" in table.out
    assert "(không thuộc nhóm)" in table.out


def test_status_for_a_period(urbangov: Callable[..., Done], plan: Path) -> None:
    _imported(urbangov, plan)
    data = _status(urbangov, plan, "--period", "2021-Q2")
    assert data["as_of"] == "2021-06-14"  # the period's end when --as-of is not given
    stats = data["statistics"]
    assert stats["period"] == {"label": "2021-Q2", "start": "2021-03-15", "end": "2021-06-14"}
    assert stats["overall"]["overdue"] == 2  # ward and train
    # April's report (15 March - 14 April) holds only what was due, done or started in it.
    # As of its cut-off: draft (done 9 April), review (started 12 April), extra (due 7 April);
    # not ward and train, due after it and not started.
    april = _status(urbangov, plan, "--period", "2021-04")
    assert april["as_of"] == "2021-04-14"
    overall = april["statistics"]["overall"]
    assert april["statistics"]["period"]["end"] == "2021-04-14"
    assert (overall["total"], overall["done_on_time"], overall["in_time"]) == (3, 1, 1)
    assert overall["overdue"] == 1
    _one_line_error(urbangov("status", plan, "--period", "2021-Q7"), "2021-Q7")
    _one_line_error(urbangov("status", plan, "--period", "0000"), "0000")


def test_status_reads_progress_files_without_a_store(
    urbangov: Callable[..., Done], plan: Path, tmp_path: Path
) -> None:
    csv = _write(tmp_path / "progress.csv", PROGRESS_CSV)
    toml = _write(tmp_path / "more.toml", WITHDRAWAL_TOML)
    data = _status(urbangov, plan, "--as-of", "2021-04-21", "--progress", csv, "--progress", toml)
    assert data["counts"]["withdrawn"] == 1
    assert data["counts"]["done_late"] == 1
    assert not (tmp_path / "plan.tracking.sqlite").exists()
    # Without any progress there is nothing to judge: said, not guessed.
    bare = urbangov("status", plan, "--as-of", "2021-04-21")
    _one_line_error(bare, "plan 'demo' has no tracking data: give --progress FILE")
    assert not (tmp_path / "plan.tracking.sqlite").exists()
    bad = _write(tmp_path / "bad.csv", "task,reported_on\ndraft,someday\n")
    _one_line_error(urbangov("status", plan, "--progress", bad), "bad.csv: line 2")


def test_status_table_is_readable(urbangov: Callable[..., Done], plan: Path) -> None:
    _imported(urbangov, plan)
    done = urbangov("status", plan, "--as-of", "2021-04-21", "--lang", "en")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0] == "Kế hoạch thử (demo)"
    assert lines[1] == "as of 2021-04-21; forecast finish: 2021-05-04"
    ward = next(line for line in lines if line.startswith("ward "))
    assert "Triển khai tại phường An Khánh" in ward
    assert ward.split()[-3:] == ["in", "time", "!"]
    assert "by lead:" in lines
    everything = next(line for line in lines if line.startswith("all "))
    assert everything.split() == ["all", "1", "1", "1", "1", "1", "1", "0", "50.0%"]


def test_status_table_follows_the_plan_language(urbangov: Callable[..., Done], plan: Path) -> None:
    _imported(urbangov, plan)
    lines = urbangov("status", plan).out.splitlines()
    assert lines[1] == (
        "số liệu đến ngày 21/04/2021 (báo cáo mới nhất); dự kiến hoàn thành kế hoạch: 04/05/2021"
    )
    ward = next(line for line in lines if line.startswith("ward "))
    assert ward.endswith("chưa xong, trong hạn  !")
    everything = next(line for line in lines if line.startswith("toàn kế hoạch "))
    assert everything.split()[-1] == "50,0%"


def test_status_tables_fit_the_terminal(
    urbangov: Callable[..., Done], plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _imported(urbangov, plan)
    monkeypatch.setenv("COLUMNS", "90")  # what a terminal of 90 columns says
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    lines = urbangov("status", plan, "--as-of", "2021-04-21").out.splitlines()
    table = lines[3 : lines.index("", 3)]
    assert max(len(line) for line in table) <= 90
    assert any("…" in line for line in table)


# -- baseline ------------------------------------------------------------------------------------


def test_baseline_save_then_show_variances(
    urbangov: Callable[..., Done], plan: Path, tmp_path: Path
) -> None:
    done = urbangov("baseline", plan, "save", "--name", "approved", "--as-of", "2021-04-07")
    assert done.code == 0, done.err
    assert "approved" in done.out
    _imported(urbangov, plan)
    done = urbangov(
        "baseline", plan, "show", "--name", "approved", "--as-of", "2021-04-21", "--format", "json"
    )
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert data["baseline"] == "approved"
    assert data["finish_variance"] == 2  # 30 April -> 4 May
    tasks = {t["task"]: t for t in data["tasks"]}
    assert tasks["draft"]["finish_variance"] == 0
    assert tasks["review"]["baseline_finish"] == "2021-04-16"
    assert tasks["review"]["finish"] == "2021-04-19"
    assert tasks["review"]["finish_variance"] == 1
    assert tasks["ward"]["start_variance"] == 1
    # The table says the same.
    table = urbangov("baseline", plan, "show", "--name", "approved", "--as-of", "2021-04-21")
    assert table.code == 0, table.err
    assert table.out.startswith("số liệu đến ngày 21/04/2021\nkế hoạch gốc 'approved': kết thúc")
    english = urbangov("baseline", plan, "show", "--name", "approved", "--lang", "en")
    assert english.out.splitlines()[:2] == [
        "as of 2021-04-21 (the latest tracking record)",
        "baseline 'approved': finish variance 2 working day(s)",
    ]
    # A name is kept as saved: saving it again is refused.
    again = urbangov("baseline", plan, "save", "--name", "approved", "--as-of", "2021-04-21")
    _one_line_error(again, "already has a baseline named 'approved'")
    # Judging by a baseline that does not exist says which ones do.
    _one_line_error(
        urbangov("baseline", plan, "show", "--name", "nope"), "no baseline 'nope'", "approved"
    )


def test_baseline_show_without_a_store_says_to_save_one(
    urbangov: Callable[..., Done], plan: Path, tmp_path: Path
) -> None:
    _one_line_error(urbangov("baseline", plan, "show"), "has no baselines yet")
    assert not (tmp_path / "plan.tracking.sqlite").exists()


# -- stores ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("status", "{plan}", "--store", "postgresql://host/db"),
        ("progress", "{plan}", "--import", "{csv}", "--store", "mysql://host/db"),
        ("baseline", "{plan}", "save", "--store", "postgresql://host/db"),
    ],
)
def test_an_unknown_store_scheme_is_one_line(
    urbangov: Callable[..., Done], plan: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    csv = _write(tmp_path / "progress.csv", PROGRESS_CSV)
    done = urbangov(*(a.format(plan=plan, csv=csv) for a in args))
    _one_line_error(done, "no tracking store backend", "available: sqlite")
    assert not (tmp_path / "plan.tracking.sqlite").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2021-13"], "Invalid value for '--period': period '2021-13': month must"),
        (["--as-of", "2021-02-30"], "Invalid value for '--as-of': '2021-02-30' is not a day"),
    ],
)
def test_bad_dates_and_periods_name_the_option(
    urbangov: Callable[..., Done], args: list[str], message: str
) -> None:
    done = urbangov("status", EXAMPLE / "plan.toml", *args)
    assert done.code == 2
    assert message in done.err
    assert done.err.count("\n") == 1


def _parallel(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "urbangov", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for args in commands
    ]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def test_parallel_imports_of_one_file_store_it_once(tmp_path: Path) -> None:
    plan, store = tmp_path / "plan.toml", tmp_path / "shared.sqlite"
    shutil.copy(EXAMPLE / "plan.toml", plan)
    progress = EXAMPLE / "progress-2021-06-14.csv"
    runs = _parallel(
        *[["progress", str(plan), "--import", str(progress), "--store", str(store)]] * 8
    )
    assert [r.returncode for r in runs] == [0] * 8, [r.stderr for r in runs]
    rows = len(progress.read_text(encoding="utf-8").splitlines()) - 1
    with SQLiteStore(store) as kept:
        assert len(kept.log("hcmc-2021-chinh-quyen-do-thi").updates) == rows
    added = sorted(int(r.stdout.split()[2]) for r in runs)
    assert added == [0] * 7 + [rows]


def test_parallel_imports_cannot_reuse_an_extension_id(tmp_path: Path) -> None:
    plan, store = tmp_path / "plan.toml", tmp_path / "shared.sqlite"
    shutil.copy(EXAMPLE / "plan.toml", plan)
    source = (EXAMPLE / "extensions-2021.toml").read_text(encoding="utf-8")
    files = []
    for n in range(8):  # the same request id, each a different request
        path = tmp_path / f"ext{n}.toml"
        path.write_text(source.replace("2021-07-15", f"2021-07-{10 + n}"), encoding="utf-8")
        files.append(path)
    runs = _parallel(
        *[["progress", str(plan), "--import", str(f), "--store", str(store)] for f in files]
    )
    assert sorted(r.returncode for r in runs) == [0] + [2] * 7, [r.stderr for r in runs]
    assert all("used twice" in r.stderr for r in runs if r.returncode)
    with SQLiteStore(store) as kept:
        assert len(kept.log("hcmc-2021-chinh-quyen-do-thi").requests) == 1
    status = _parallel(["status", str(plan), "--store", str(store), "--as-of", "2021-06-14"])
    assert status[0].returncode == 0, status[0].stderr


def test_reading_a_store_that_does_not_exist_is_refused(
    urbangov: Callable[..., Done], tmp_path: Path
) -> None:
    done = urbangov("status", EXAMPLE / "plan.toml", "--store", "typo.sqlite")
    assert done.code == 2
    assert "typo.sqlite: no such tracking store" in done.err
    assert not (tmp_path / "typo.sqlite").exists()


def test_an_output_that_is_an_input_is_refused(
    urbangov: Callable[..., Done], tmp_path: Path
) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copy(EXAMPLE / "plan.toml", plan)
    before = plan.read_bytes()
    done = urbangov("report", plan, "-f", "csv", "-o", plan)
    assert done.code == 2
    assert "is this command's input (PLAN)" in done.err
    assert plan.read_bytes() == before
    assert urbangov("schedule", plan, "-o", "-").out.startswith(urbangov("schedule", plan).out)
