"""``urbangov meetings`` as a user types it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from tests.examples import HCMC_PLAN

ROOT = Path(__file__).resolve().parents[2]
HCMC = HCMC_PLAN


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "urbangov", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_markdown_lists_the_hcmc_meetings_of_2021_with_agendas() -> None:
    done = run("meetings", str(HCMC), "--to", "2021-12-31")
    assert done.returncode == 0, done.stderr
    headings = [line for line in done.stdout.splitlines() if line.startswith("## ")]
    # From the plan's start (2021-04-07) to the end of 2021: 8 monthly, 3 quarterly.
    assert [h[3:13] for h in headings] == [
        "2021-05-25",
        "2021-06-21",
        "2021-06-25",
        "2021-07-26",
        "2021-08-25",
        "2021-09-20",
        "2021-09-27",
        "2021-10-25",
        "2021-11-25",
        "2021-12-20",
        "2021-12-27",
    ]
    assert "- Dời từ ngày 2021-09-25 (ngày nghỉ)" in done.stdout
    assert "### Đến hạn trước phiên họp sau" in done.stdout


def test_a_range_and_english(tmp_path: Path) -> None:
    out = tmp_path / "meetings.md"
    done = run(
        "meetings",
        str(HCMC),
        "--from",
        "2021-06-01",
        "--to",
        "2021-06-30",
        "--lang",
        "en",
        "-o",
        str(out),
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Meetings: ")
    assert text.count("\n## ") == 2
    assert "- Moved from 2021-06-20 (a non-working day)" in text


def test_json_is_the_machine_contract() -> None:
    done = run("meetings", str(HCMC), "--format", "json", "--to", "2021-07-31")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["plan"], data["from"], data["to"]) == (
        "hcmc-2021-chinh-quyen-do-thi",
        "2021-04-07",
        "2021-07-31",
    )
    assert [p["id"] for p in data["programmes"]] == ["giao-ban-thang", "so-ket-quy"]
    assert data["programmes"][1]["rrule"] == "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20"
    meeting = data["meetings"][1]
    assert {k: meeting[k] for k in ("programme", "nominal", "date", "moved", "start")} == {
        "programme": "so-ket-quy",
        "nominal": "2021-06-20",
        "date": "2021-06-21",
        "moved": True,
        "start": "2021-06-21T14:00:00+07:00",
    }
    assert meeting["agenda"]["until"] == "2021-09-20"
    sections = {item["section"] for item in meeting["agenda"]["items"]}
    assert sections <= {"deadline-missed", "due", "critical"}
    assert {"task", "title", "lead", "start", "finish", "deadline", "note"} <= set(
        meeting["agenda"]["items"][0]
    )


def test_ics_parses_with_the_moved_meetings_as_exceptions(tmp_path: Path) -> None:
    out = tmp_path / "meetings.ics"
    done = run("meetings", str(HCMC), "--format", "ics", "-o", str(out))
    assert done.returncode == 0, done.stderr
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = calendar.walk("VEVENT")
    masters = [e for e in events if "RECURRENCE-ID" not in e]
    assert [str(e["UID"]) for e in masters] == [
        "meeting-giao-ban-thang@hcmc-2021-chinh-quyen-do-thi.urbangov",
        "meeting-so-ket-quy@hcmc-2021-chinh-quyen-do-thi.urbangov",
    ]
    moved = sorted(e.decoded("DTSTART").date().isoformat() for e in events if e not in masters)
    assert moved == ["2021-06-21", "2021-07-26", "2021-09-27", "2021-12-27"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2021-07-01", "--to", "2021-06-01"],
            "error: Invalid value for '--to': 2021-06-01 is before --from 2021-07-01 "
            "(see 'urbangov meetings --help')",
        ),
        (
            ["--format", "pdf"],
            "error: Invalid value for '--format': 'pdf' is not one of 'md', 'ics', 'json'. "
            "(see 'urbangov meetings --help')",
        ),
        (
            ["--from", "1/7/2021"],
            "error: Invalid value for '--from': '1/7/2021' is not a date; write it as "
            "YYYY-MM-DD (see 'urbangov meetings --help')",
        ),
        (
            ["--from", "2021-02-30"],
            "error: Invalid value for '--from': '2021-02-30' is not a day of the calendar "
            "(day is out of range for month) (see 'urbangov meetings --help')",
        ),
    ],
)
def test_usage_errors_are_one_line(args: list[str], message: str) -> None:
    done = run("meetings", str(HCMC), *args)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message + "\n")


def test_file_errors_are_one_line(tmp_path: Path) -> None:
    header = '[plan]\nid = "p"\ntitle = "P"\nstart = 2021-04-07\n'
    bare = tmp_path / "bare.toml"
    bare.write_text(header, encoding="utf-8")
    done = run("meetings", str(bare))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"error: {bare}: the plan has no meeting programmes ([[meetings]])\n"
    bad = tmp_path / "bad.toml"
    bad.write_text(
        header + '[[meetings]]\nid = "q"\norgan = "o"\ntitle = "Q"\nstart = 2021-01-12\n'
        'rrule = "FREQ=SECONDLY"\n',
        encoding="utf-8",
    )
    done = run("meetings", str(bad))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"error: {bad}: meetings[0] (id 'q').rrule: not a usable recurrence rule: "
        "FREQ must be one of DAILY WEEKLY MONTHLY YEARLY, not SECONDLY\n"
    )
