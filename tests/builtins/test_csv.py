"""The csv report: one row per task, and text from the plan never runs as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from urbangov.builtins.reporters import render_csv
from urbangov.plan import Plan, Task
from urbangov.reporting import ReportOptions
from urbangov.scheduling import schedule

HOSTILE = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_starts_a_formula_is_quoted(text: str) -> None:
    plan = Plan(
        "p", "P", dt.date(2021, 1, 4), tasks=[Task(text.strip() or "a", text, 1, lead=text)]
    )
    rows = list(csv.DictReader(io.StringIO(render_csv(schedule(plan), ReportOptions()))))
    assert rows[0]["title"] == "'" + text
    assert rows[0]["lead"] == "'" + text
    assert not rows[0]["id"].startswith(("=", "+", "-", "@"))


def test_numbers_and_plain_text_are_left_alone() -> None:
    plan = Plan(
        "p",
        "P",
        dt.date(2021, 1, 4),
        tasks=[Task("a", "Thẩm định", 3, deadline=dt.date(2021, 1, 5))],
    )
    (row,) = csv.DictReader(io.StringIO(render_csv(schedule(plan), ReportOptions())))
    assert row["title"] == "Thẩm định"
    assert row["total_slack"] == "-1"  # a number, not text to neutralise
