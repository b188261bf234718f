"""The examples run and say what the README and docs promise."""

from __future__ import annotations

import subprocess
import sys

from tests.examples import HCMC_DIR, HCMC_PLAN

EXAMPLES = HCMC_DIR


def test_the_hierarchy_example_answers_the_seed_questions() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "hierarchy.py")], capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "On 2021-07-01, 265 units of HCMC had no People's Council: "
        "{'urban_district': 16, 'ward': 249}"
    )
    assert "Phường Thảo Điền: 2021-01-01 reparent → Thành phố Thủ Đức (hcmc/thu-duc)" in done.stdout


def test_the_hierarchy_example_says_who_answered_for_thao_dien() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "hierarchy.py")], capture_output=True, text=True, check=True
    )
    assert (
        "On 2021-07-01, Chủ tịch Ủy ban nhân dân phường Thảo Điền answered for "
        "Phường Thảo Điền: Người giữ chức A (minh hoạ)"
    ) in done.stdout
    chain = done.stdout.split("Escalation chain:\n")[1].splitlines()[:3]
    assert [line.split(":")[0].strip() for line in chain] == [
        "Phường Thảo Điền",
        "Thành phố Thủ Đức",
        "Thành phố Hồ Chí Minh",
    ]
    assert "tu-phap-ho-tich (thao-dien-chung-thuc)" in done.stdout


def test_the_status_example_prints_the_city_report_of_june_2021() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "status_2021_06.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[1] == "as of 2021-06-14 (2021-06: 2021-05-15 to 2021-06-14)"
    rows = {line[:32].strip(): [int(n) for n in line[32:].split()] for line in lines[5:25]}
    # on time, late, in time, overdue, at risk: the city counts all but the one task
    # without a unit (polling day), its districts their phường.
    assert rows["all tasks"] == [158, 2, 102, 0, 15]
    assert rows["Thành phố Hồ Chí Minh"] == [157, 2, 102, 0, 15]
    assert rows["Thành phố Thủ Đức"] == [23, 0, 12, 0, 4]
    assert len([name for name in rows if name.startswith("Quận")]) == 16
    assert "extended: t03b-huong-dan from 2021-06-30 to 2021-07-15" in lines


def test_the_reminders_example_is_a_dry_run_of_the_notifications() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "reminders.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "As of 2021-06-21: 195 notification(s) for 116 recipient(s)"
    assert lines[2] == "By e-mail: 2 digest(s); 114 without an address"
    assert "--- To: nguoi-d@example.org" in done.stdout
    assert "- Sơ kết quý việc thực hiện tổ chức chính quyền đô thị: 2021-06-21 14:00" in done.stdout
    assert not list(EXAMPLES.glob("*.notify.sqlite*"))  # nothing recorded


def test_the_ms_project_export_is_the_plan_as_written_today() -> None:
    """``plan.ms-project.xml`` is ``urbangov report plan.toml -f mspdi``: regenerate it
    with that command when the plan or the writer changes."""
    from urbangov.builtins.mspdi import render_mspdi
    from urbangov.io import load_plan
    from urbangov.reporting import ReportOptions
    from urbangov.scheduling import schedule

    plan = load_plan(HCMC_PLAN)
    exported = HCMC_DIR / "plan.ms-project.xml"
    assert exported.read_bytes() == render_mspdi(schedule(plan), ReportOptions())
    read = schedule(load_plan(exported))
    assert [(r.start, r.finish) for r in read] == [(r.start, r.finish) for r in schedule(plan)]
