"""The urbangov-xlsx plugin package installs, is found, and renders the HCMC plan.

It is installed into a folder of its own, as tests/test_plugin_template.py installs
the template, so the test never changes the environment it runs in.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.examples import HCMC_PLAN
from tests.installed import install, pytest_in, urbangov
from urbangov.io import load_plan

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx plugin needs openpyxl")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "plugins" / "urbangov-xlsx"
PLAN = HCMC_PLAN


def test_install_list_render_and_self_test(tmp_path: Path) -> None:
    env = install(PACKAGE, tmp_path / "site")

    listed = urbangov("plugins", env=env)
    assert "xlsx" in listed
    assert "reporter:xlsx" in listed

    out = tmp_path / "plan.xlsx"
    urbangov("report", str(PLAN), "-f", "xlsx", "-o", str(out), env=env)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Tiến độ", "Biểu đồ"]  # the plan's language: Vietnamese
    ws = book.worksheets[0]
    plan = load_plan(PLAN)
    assert ws["A1"].value == plan.title
    assert ws["B2"].value == "Mã"
    # Row 1 the title, row 2 the header, then one row per task, numbered.
    numbers = [ws.cell(row, 1).value for row in range(3, 3 + len(plan.tasks) + 1)]
    assert numbers == [*range(1, len(plan.tasks) + 1), None]
    assert [ws.cell(3 + n, 2).value for n in range(len(plan.tasks))] == [
        task.id for task in plan.tasks
    ]
    assert ws["F3"].value == dt.datetime(2021, 4, 7)  # the conference, as a real date
    assert ws["F3"].number_format == "dd/mm/yyyy"

    # With tracking data: the forecast as of the day, a status and a progress column.
    tracked = tmp_path / "tracked.xlsx"
    progress = PLAN.parent / "progress-2021-06-14.csv"
    urbangov("report", str(PLAN), "-f", "xlsx", "-o", str(tracked), "--as-of", "2021-06-14",
             "--progress", str(progress), env=env)  # fmt: skip
    ws = openpyxl.load_workbook(tracked).worksheets[0]
    assert [ws.cell(2, column).value for column in (11, 12)] == ["Tình trạng", "Tiến độ"]
    assert ws["K3"].value == "Hoàn thành đúng hạn"  # the conference
    assert ws["K3"].fill.fgColor.rgb.endswith("009E73")
    assert ws["L3"].value == 1

    # An appendix table (Phụ lục) is a plan file like any other.
    appendix = tmp_path / "phu-luc.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian hoàn thành"])
    sheet.append([1, "Rà soát văn bản", "Sở Tư pháp", "Tháng 5/2021"])
    sheet.append([2, "Ban hành hướng dẫn", "Sở Nội vụ", "Quý II/2021"])
    book.save(appendix)
    assert "plan reader:xlsx-appendix" in urbangov("plugins", env=env)
    scheduled = json.loads(urbangov("schedule", str(appendix), "--format", "json", env=env))
    assert [t["id"] for t in scheduled["tasks"]] == ["1", "2"]
    assert scheduled["start"] == "2021-01-04"  # 1 January 2021 is a holiday

    # The HCMC plan written as its appendix is read back with the plan's own 22 rows.
    written = tmp_path / "hcmc-phu-luc.xlsx"
    urbangov("report", str(PLAN), "-f", "xlsx-appendix", "-o", str(written), env=env)
    again = json.loads(urbangov("schedule", str(written), "--format", "json", env=env))
    assert len(again["tasks"]) == len([t for t in plan.tasks if "/" not in t.id]) == 22

    # A blank template to fill in: read, it says the table has no task rows yet.
    template = tmp_path / "mau.xlsx"
    urbangov("appendix-template", "-o", str(template), "--lang", "en", env=env)
    assert openpyxl.load_workbook(template).worksheets[0]["B3"].value == "Task"
    refused = subprocess.run(
        [sys.executable, "-m", "urbangov", "schedule", str(template)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert refused.returncode == 2
    assert "no task rows yet" in refused.stderr

    tests = pytest_in(PACKAGE / "tests", env)
    assert " passed" in tests
    assert "failed" not in tests
