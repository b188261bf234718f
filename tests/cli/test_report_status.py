"""``urbangov report -f status-md|status-html`` and ``urbangov meetings`` with tracking."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Done
from tests.examples import HCMC_DIR

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = HCMC_DIR
HCMC = EXAMPLE / "plan.toml"
JUNE = (
    "--progress",
    str(EXAMPLE / "progress-2021-06-14.csv"),
    "--progress",
    str(EXAMPLE / "extensions-2021.toml"),
)

PLAN = """
[plan]
id = "demo"
title = "Kế hoạch thử"
start = 2021-04-05
calendar = "mon-fri"
hierarchy = "hcmc"

[[meetings]]
id = "tuan"
organ = "hcmc/people_committee"
title = "Giao ban tuần"
rrule = "FREQ=WEEKLY;BYDAY=MO"
start = 2021-04-12

[[tasks]]
id = "draft"
title = "Soạn thảo"
duration = 5
deadline = 2021-04-09
lead = "hcmc/so-noi-vu"

[[tasks]]
id = "review"
title = "Thẩm định"
duration = 10
depends = ["draft"]
deadline = 2021-04-23
lead = "hcmc/so-tu-phap"
unit = "hcmc/thu-duc"
"""
PROGRESS = """
[[progress]]
task = "draft"
reported_on = 2021-04-12
actual_start = 2021-04-05
percent_complete = 80

[[extensions]]
id = "x1"
task = "review"
requested_on = 2021-04-09
new_deadline = 2021-04-30
reason = "Chờ ý kiến"
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    (tmp_path / "progress.toml").write_text(PROGRESS, encoding="utf-8")
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_without_tracking_data_one_line_and_exit_2(
    urbangov: Callable[..., Done], plan: Path
) -> None:
    for fmt in ("status-md", "status-html"):
        done = urbangov("report", plan, "-f", fmt)
        assert done.code == 2
        assert done.out == ""
        assert done.err == (
            "error: plan 'demo' has no tracking data: give --progress FILE or --store "
            "LOCATION, or import some with `urbangov progress PLAN --import FILE` "
            f"(there is no store at {plan.with_name('plan.tracking.sqlite')})\n"
        )


def test_from_a_progress_file(urbangov: Callable[..., Done], plan: Path) -> None:
    done = urbangov("report", plan, "-f", "status-md", "--as-of", "2021-04-12",
                    "--progress", "progress.toml", "--lang", "en")  # fmt: skip
    assert done.code == 0, done.err
    assert "- **As of:** 2021-04-12" in done.out
    assert "| Not completed, overdue | 1 | 50.0% |" in done.out
    assert "| 1 | Soạn thảo (draft) | hcmc/so-noi-vu |" in done.out
    assert "| 2021-04-23 | 2021-04-30 | 2021-04-09 | Chờ ý kiến |" in done.out  # pending


def test_from_the_store_to_a_file(urbangov: Callable[..., Done], plan: Path) -> None:
    assert urbangov("progress", plan, "--import", "progress.toml").code == 0
    done = urbangov("report", plan, "-f", "status-html", "--as-of", "2021-04-12",
                    "--by", "unit", "--depth", "1", "-o", "status.html")  # fmt: skip
    assert (done.code, done.out, done.err) == (0, "", "")
    page = (plan.parent / "status.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in page
    assert "Thành phố Thủ Đức (hcmc/thu-duc)" in page
    assert "Theo cơ quan chủ trì" not in page  # --by unit: the unit table only


def test_ms_project_xml_with_progress_and_a_baseline(
    urbangov: Callable[..., Done], plan: Path
) -> None:
    """``-f mspdi`` writes what was done as MS Project keeps it (actual start, work
    done and left, percent complete, the status date) and the baseline as Baseline0."""
    from lxml import etree

    assert urbangov("baseline", plan, "save", "--name", "approved").code == 0
    assert urbangov("progress", plan, "--import", "progress.toml").code == 0
    done = urbangov("report", plan, "-f", "mspdi", "--as-of", "2021-04-12",
                    "--baseline", "approved", "-o", "plan.xml")  # fmt: skip
    assert (done.code, done.err) == (0, "")
    root = etree.parse(str(plan.parent / "plan.xml")).getroot()
    ns = {"p": "http://schemas.microsoft.com/project"}
    assert root.findtext("p:StatusDate", namespaces=ns) == "2021-04-12T17:00:00"
    draft, review = root.findall("p:Tasks/p:Task", namespaces=ns)
    assert draft.findtext("p:ActualStart", namespaces=ns) == "2021-04-05T08:00:00"
    assert draft.findtext("p:PercentComplete", namespaces=ns) == "80"
    # 80 % as reported; of the 5 days, 4 were done, stretched to the 6 working days up
    # to the status date (the task is behind: MS Project's Update Project), and the
    # last day resumes after it.
    assert draft.findtext("p:ActualDuration", namespaces=ns) == "PT48H0M0S"
    assert draft.findtext("p:RemainingDuration", namespaces=ns) == "PT8H0M0S"
    assert review.find("p:ActualStart", namespaces=ns) is None
    saved = draft.find("p:Baseline", namespaces=ns)
    assert saved is not None
    assert [saved.findtext(f"p:{f}", namespaces=ns) for f in ("Number", "Start", "Finish")] == [
        "0",
        "2021-04-05T08:00:00",
        "2021-04-09T17:00:00",
    ]


def test_bad_tracking_options_are_one_line(urbangov: Callable[..., Done], plan: Path) -> None:
    done = urbangov("report", plan, "-f", "status-md", "--progress", "progress.toml",
                    "--period", "2021-13")  # fmt: skip
    assert done.code == 2
    assert done.out == ""
    assert done.err.count("\n") == 1
    assert done.err.startswith("error: ")
    done = urbangov("report", plan, "-f", "status-md", "--progress", "nope.csv")
    assert done.code == 2
    assert done.err.count("\n") == 1
    assert "nope.csv" in done.err


def test_other_formats_are_unchanged_without_records(
    urbangov: Callable[..., Done], plan: Path
) -> None:
    done = urbangov("report", plan, "-f", "csv")
    assert done.code == 0
    assert done.out.startswith("id,title,")


def test_meetings_list_tracking_sections(urbangov: Callable[..., Done], plan: Path) -> None:
    plain = urbangov("meetings", plan, "--to", "2021-04-12", "--lang", "en")
    assert plain.code == 0
    assert "### Overdue" not in plain.out
    done = urbangov("meetings", plan, "--to", "2021-04-12", "--lang", "en",
                    "--progress", "progress.toml")  # fmt: skip
    assert done.code == 0, done.err
    assert "### Overdue\n\n- **draft** Soạn thảo (hcmc/so-noi-vu): deadline 2021-04-09;" in done.out
    assert "### Extension requested\n\n- **review** Thẩm định" in done.out
    assert "asks for a deadline of 2021-04-30 (Chờ ý kiến)" in done.out
    as_json = urbangov("meetings", plan, "--to", "2021-04-12", "--format", "json",
                       "--progress", "progress.toml")  # fmt: skip
    items = json.loads(as_json.out)["meetings"][0]["agenda"]["items"]
    assert {"overdue", "extension-requested"} <= {item["section"] for item in items}


def test_the_hcmc_june_2021_report_matches_urbangov_status() -> None:
    """The documented example, in a real process: the counts are the status command's."""

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "urbangov", *args], capture_output=True,
                              text=True, encoding="utf-8", check=False, cwd=ROOT)  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    common = (str(HCMC), "--as-of", "2021-06-14", *JUNE, "--period", "2021-06")
    status = json.loads(run("status", *common, "--by", "unit", "--format", "json"))
    overall = status["statistics"]["overall"]
    text = run("report", *common, "-f", "status-md", "--by", "unit", "--depth", "1")
    assert f"| Hoàn thành đúng hạn | {overall['done_on_time']} |" in text
    assert f"| Chưa hoàn thành, còn trong hạn | {overall['in_time']} |" in text
    assert f"| Có nguy cơ trễ hạn | {overall['at_risk']} |" in text
    assert "| Thành phố Thủ Đức (hcmc/thu-duc) |" in text
    assert "Sở Nội vụ Thành phố Hồ Chí Minh" in text  # leads named from organisation.toml
    assert "| 1 | Tham mưu UBND Thành phố ban hành" in text  # t03b's extension, granted
