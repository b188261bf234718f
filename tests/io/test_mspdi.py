"""MS Project XML (MSPDI) read: the file's calendar, ids, links and lags; the schedule
MPXJ computes for the same project; untrusted XML refused; nothing silently changed."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.oracle._mpxj import mpxj_available, run_mpxj
from tests.plans import (
    DATES,
    mpxj_case,
    ms_project_dates,
    random_plan,
    random_progress,
    with_groups,
)
from urbangov.errors import CycleError, PlanFileError
from urbangov.io import load_plan
from urbangov.io._mspdi import loads_mspdi
from urbangov.plan import Plan
from urbangov.scheduling import schedule

live = pytest.mark.skipif(not mpxj_available(), reason="needs java, mpxj and JPype1 (see .ci/run)")
if not mpxj_available() and os.environ.get("URBANGOV_REQUIRE_TOOLS"):
    raise RuntimeError("URBANGOV_REQUIRE_TOOLS is set but java, mpxj or JPype1 is missing")

XML = """<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Name>demo.xml</Name><Title>Kế hoạch thử</Title>
  <StartDate>2021-01-04T08:00:00</StartDate><MinutesPerDay>480</MinutesPerDay>
  <CalendarUID>1</CalendarUID>
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
    <WeekDays>
      <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
      <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
    </WeekDays>
    <Exceptions>
      <Exception><TimePeriod><FromDate>2021-01-06T00:00:00</FromDate>
        <ToDate>2021-01-06T23:59:59</ToDate></TimePeriod><DayWorking>0</DayWorking></Exception>
    </Exceptions>
  </Calendar></Calendars>
  <Tasks>
    <Task><UID>0</UID><Name>demo</Name><Summary>1</Summary><OutlineLevel>0</OutlineLevel></Task>
    <Task><UID>1</UID><Name>Soạn thảo</Name><Duration>PT24H0M0S</Duration></Task>
    <Task><UID>2</UID><Name>Thẩm định</Name><Duration>PT16H0M0S</Duration>
      <Deadline>2021-01-08T17:00:00</Deadline>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type>
        <LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
    <Task><UID>3</UID><Name>Ban hành</Name><Duration>PT0H0M0S</Duration><Milestone>1</Milestone>
      <ConstraintType>4</ConstraintType><ConstraintDate>2021-01-18T08:00:00</ConstraintDate>
      <PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink></Task>
  </Tasks>
</Project>
"""


def test_ids_names_links_lags_and_the_files_own_calendar() -> None:
    plan = loads_mspdi(XML.encode(), source="demo.xml", name="demo")
    assert plan.title == "Kế hoạch thử"
    assert [t.id for t in plan.tasks] == ["1", "2", "3"]  # UID 0 is the project summary
    second = plan.task("2")
    assert (second.title, second.duration) == ("Thẩm định", 2)
    assert second.deadline == dt.date(2021, 1, 8)
    assert second.depends[0].task == "1"
    assert second.depends[0].lag == 1
    assert plan.task("3").constraint.value == "SNET"
    assert plan.calendar.weekend == frozenset({5, 6})
    assert not plan.calendar.is_working_day(dt.date(2021, 1, 6))  # the file's exception
    result = schedule(plan)
    assert result["1"].finish == dt.date(2021, 1, 7)  # Monday, Tuesday, (Wed off), Thursday
    assert result["3"].start == dt.date(2021, 1, 18)


def test_the_lead_is_the_first_assigned_resource() -> None:
    resources = """<Resources>
      <Resource><UID>0</UID><ID>0</ID></Resource>
      <Resource><UID>7</UID><Name>Sở Nội vụ</Name></Resource>
      <Resource><UID>8</UID><Name>Sở Tư pháp</Name></Resource></Resources>
    <Assignments>
      <Assignment><UID>1</UID><TaskUID>2</TaskUID><ResourceUID>8</ResourceUID></Assignment>
      <Assignment><UID>2</UID><TaskUID>2</TaskUID><ResourceUID>7</ResourceUID></Assignment>
      <Assignment><UID>3</UID><TaskUID>3</TaskUID><ResourceUID>-65535</ResourceUID></Assignment>
    </Assignments>
</Project>"""
    plan = loads_mspdi(XML.replace("</Project>", resources).encode())
    assert [t.lead for t in plan.tasks] == [None, "Sở Tư pháp", None]


def test_durations_that_are_not_whole_days_are_listed() -> None:
    text = XML.replace("PT16H0M0S", "PT12H0M0S").replace("<LinkLag>4800", "<LinkLag>2400")
    with pytest.raises(PlanFileError) as caught:
        loads_mspdi(text.encode(), source="demo.xml")
    message = str(caught.value)
    assert "whole working days of 480 minutes" in message
    assert "UID 2 (PT12H0M0S)" in message
    assert "UID 2: the lag from UID 1 (240 min)" in message
    rounded = loads_mspdi(text.encode(), round_durations=True)
    assert rounded.task("2").duration == 2  # 1.5 days, rounded to even


def test_what_urbangov_does_not_model_is_a_warning_naming_the_task() -> None:
    text = XML.replace("<UID>2</UID>", "<UID>2</UID><Manual>1</Manual>")
    with pytest.warns(UserWarning, match="UID 2 is manually scheduled"):
        loads_mspdi(text.encode(), source="demo.xml")
    text = XML.replace(
        "<UID>1</UID>",
        "<UID>1</UID><Recurring>1</Recurring><LevelingDelay>4800</LevelingDelay>"
        "<Cost>1500000</Cost>",
    )
    with pytest.warns(UserWarning, match="UID 1 is recurring") as caught:
        loads_mspdi(text.encode(), source="demo.xml")
    message = str(caught[0].message)
    assert "UID 1 is recurring" in message
    assert "UID 1 has a levelling delay (not applied)" in message
    assert "UID 1 has a cost (not read)" in message


def test_elapsed_durations_and_lags_are_listed_not_counted_as_working_time() -> None:
    """Two elapsed days (48 hours of calendar time) are not six 8-hour working days."""
    text = XML.replace(
        "<Duration>PT24H0M0S</Duration>",
        "<Duration>PT48H0M0S</Duration><DurationFormat>8</DurationFormat>",
    ).replace("<LagFormat>7</LagFormat>", "<LagFormat>8</LagFormat>")  # 4800 = 480 min
    with pytest.raises(PlanFileError) as caught:
        loads_mspdi(text.encode(), source="demo.xml")
    message = str(caught.value)
    assert "elapsed (calendar) time cannot be counted in working days" in message
    assert "UID 1 (PT48H0M0S, elapsed)" in message
    assert "UID 2: the lag from UID 1 (480 min, elapsed)" in message
    with pytest.warns(UserWarning, match=r"UID 1 \(PT48H0M0S, elapsed\) read as working days"):
        plan = loads_mspdi(text.encode(), round_durations=True)
    assert plan.task("1").duration == 2
    assert plan.task("2").depends[0].lag == 0  # a third of an elapsed day, rounded


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Project>&lol2;</Project>',
            "refused: the XML declares",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<Project>&x;</Project>",
            "refused: the XML declares",
        ),
        (  # a DTD fetched from elsewhere: never loaded
            '<!DOCTYPE Project SYSTEM "http://127.0.0.1:9/project.dtd"><Project/>',
            "refused: the XML declares a DTD",
        ),
        (  # parameter entities, the out-of-band exfiltration trick
            '<!DOCTYPE p [<!ENTITY % x SYSTEM "http://127.0.0.1:9/x.dtd"> %x;]><Project/>',
            "refused: the XML declares a DTD",
        ),
        ("<Project>&undeclared;</Project>", "invalid XML: Entity 'undeclared' not defined"),
        ("<Project><Tasks></Project>", "invalid XML: Opening and ending tag mismatch"),
        ("", "invalid XML: Document is empty"),
        ("<Plan/>", "not an MS Project XML file"),
    ],
)
def test_untrusted_or_broken_xml_is_a_one_line_error(text: str, message: str) -> None:
    with pytest.raises(PlanFileError, match=message) as caught:
        loads_mspdi(text.encode(), source="evil.xml")
    assert "\n" not in str(caught.value)


def test_malformed_xml_says_line_and_column() -> None:
    with pytest.raises(PlanFileError) as caught:
        loads_mspdi(b"<Project>\n  <Tasks>\n</Project>\n", source="bad.xml")
    assert caught.value.location == "line 3, column 11"


def test_a_billion_laughs_is_refused_before_anything_is_expanded() -> None:
    entities = (
        '<!ENTITY a "'
        + "x" * 1000
        + '">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    )
    text = f"<!DOCTYPE Project [{entities}]><Project>&i;</Project>"  # 10^11 bytes
    # libxml2 stops it at its own amplification limit, or the DTD is refused after.
    refused = "refused: the XML declares a DTD|entity amplification factor exceeded"
    with pytest.raises(PlanFileError, match=refused) as caught:
        loads_mspdi(text.encode(), source="laughs.xml")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        (
            "<UID>2</UID>",
            "<UID>2</UID><ConstraintType>4</ConstraintType>"
            "<ConstraintDate>2021-13-45T08:00:00</ConstraintDate><Deadline>soon</Deadline>",
            "Tasks: not a date: UID 2 ConstraintDate '2021-13-45T08:00:00', UID 2 Deadline 'soon'",
        ),
        (
            "<StartDate>2021-01-04T08:00:00</StartDate>",
            "<StartDate>yesterday</StartDate>",
            "Project.StartDate: not a date: 'yesterday'",
        ),
        (
            "<ToDate>2021-01-06T23:59:59</ToDate>",
            "<ToDate>06/01/2021</ToDate>",
            r"a calendar exception \(line \d+\): not a date: '06/01/2021'",
        ),
    ],
)
def test_a_date_that_is_not_one_is_a_located_error(before: str, after: str, message: str) -> None:
    assert before in XML
    with pytest.raises(PlanFileError, match=message):
        loads_mspdi(XML.replace(before, after).encode(), source="dates.xml")


def test_the_command_line_reads_it_by_suffix_or_by_its_first_bytes(tmp_path: Path) -> None:
    for name in ("demo.xml", "demo.mpp-export"):
        path = tmp_path / name
        path.write_text(XML, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "urbangov", "schedule", str(path), "--format", "json"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert '"finish": "2021-01-18"' in done.stdout


def _urbangov(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "urbangov", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_round_durations_from_the_command_line_and_the_api(tmp_path: Path) -> None:
    path = tmp_path / "uneven.xml"
    path.write_text(XML.replace("PT16H0M0S", "PT12H0M0S"), encoding="utf-8")
    refused = _urbangov("schedule", str(path))
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert "(--round-durations, or round_durations=True, rounds them): UID 2" in refused.stderr
    rounded = _urbangov("schedule", str(path), "--round-durations", "--format", "json")
    assert rounded.returncode == 0, rounded.stderr
    assert load_plan(path, round_durations=True).task("2").duration == 2


def test_an_option_a_format_does_not_take_is_refused(tmp_path: Path) -> None:
    from tests.examples import HCMC_PLAN

    with pytest.raises(PlanFileError, match=r"toml files do not take round_durations"):
        load_plan(HCMC_PLAN, round_durations=True)
    done = _urbangov("schedule", str(HCMC_PLAN), "--round-durations")
    assert done.returncode == 2
    assert "do not take round_durations (--round-durations); their options: none" in done.stderr


def test_a_file_whose_calendar_is_vietnams_can_say_so(tmp_path: Path) -> None:
    """``--calendar vn`` (``load_plan(..., calendar="vn")``): the file's plain
    Monday-Friday calendar gives way to Vietnam's, Tết included."""
    tet = XML.replace("2021-01-04T08:00:00</StartDate>", "2021-02-08T08:00:00</StartDate>")
    path = tmp_path / "tet.xml"
    path.write_text(tet, encoding="utf-8")
    own = schedule(load_plan(path))
    vn = schedule(load_plan(path, calendar="vn"))
    assert vn.plan.calendar.name == "vn"
    assert own.finish < vn.finish  # 10-16 February 2021 were Tết holidays
    done = _urbangov("schedule", str(path), "--calendar", "vn", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert f'"finish": "{vn.finish.isoformat()}"' in done.stdout
    unknown = _urbangov("schedule", str(path), "--calendar", "lunar")
    assert (unknown.returncode, unknown.stderr.count("\n")) == (2, 1)
    assert "unknown calendar 'lunar' (known: mon-fri, vn)" in unknown.stderr


# -- the oracle: MPXJ writes the project as MSPDI and schedules it ------------------------


@pytest.mark.oracle
@live
def test_mspdi_written_by_mpxj_schedules_as_mpxj_schedules_it(tmp_path: Path) -> None:
    """150 random plans (every link type, leads and lags, the 8 constraints, deadlines,
    holidays and make-up days): MPXJ writes each as MSPDI and schedules it; urbangov
    reads the file and must give every field of every task."""
    plans: list[Plan] = [random_plan(seed) for seed in range(150)]
    cases = []
    for plan in plans:
        case = mpxj_case(plan)
        case["write_mspdi"] = str(tmp_path / f"{plan.id}.xml")
        cases.append(case)
    failures = {}
    for plan, case, result in zip(plans, cases, run_mpxj(cases), strict=True):
        assert result["error"] is None, result["error"]
        read = load_plan(case["write_mspdi"])
        ours = schedule(read)
        by_name = {t.id: t for t in plan.tasks}
        names = {task.id: task.title for task in read.tasks}
        diffs = []
        for row in ours:
            task = by_name[names[row.id]]  # MPXJ names each task by the plan's id
            ms = result["tasks"][task.id]
            shown = ms_project_dates(plan, task, ms, milestone=task.milestone)
            diffs += [
                f"{task.id}.{field}" for field in DATES if getattr(row, field) != shown[field]
            ]
            if row.total_slack != round(ms["total_slack"]):
                diffs.append(f"{task.id}.total_slack")
        if diffs:
            failures[plan.id] = diffs[:5]
    assert not failures, f"{len(failures)} of {len(plans)} plans differ: {failures}"


# -- written: MPXJ reads what urbangov writes and schedules it the same way ------------


def _written(plan: Plan, folder: Path) -> Path:
    from urbangov.builtins.mspdi import render_mspdi
    from urbangov.reporting import ReportOptions

    path = folder / f"{plan.id}.xml"
    path.write_bytes(render_mspdi(schedule(plan), ReportOptions()))
    return path


def test_a_written_plan_reads_back_as_the_same_schedule(tmp_path: Path) -> None:
    from tests.examples import HCMC_PLAN

    plan = load_plan(HCMC_PLAN)
    back = load_plan(_written(plan, tmp_path))
    assert [t.title for t in back.tasks] == [t.title for t in plan.tasks]
    assert [t.lead for t in back.tasks] == [t.lead for t in plan.tasks]  # as resources
    ours, theirs = schedule(plan), schedule(back)
    for a, b in zip(ours, theirs, strict=True):
        assert (a.start, a.finish, a.late_start, a.late_finish, a.total_slack) == (
            b.start,
            b.finish,
            b.late_start,
            b.late_finish,
            b.total_slack,
        ), a.id


@pytest.mark.oracle
@live
def test_mpxj_reading_what_urbangov_writes_schedules_as_urbangov(tmp_path: Path) -> None:
    """The oracle test set's random plans (and the HCMC plan, Tết and all): written by
    urbangov, read and scheduled by MPXJ, every field of every task equal."""
    from tests.examples import HCMC_PLAN

    plans: list[Plan] = [random_plan(seed) for seed in range(150)]
    plans.append(load_plan(HCMC_PLAN))
    cases = [
        {"read_mspdi": str(_written(plan, tmp_path)), "start": plan.start.isoformat()}
        for plan in plans
    ]
    failures = {}
    for plan, result in zip(plans, run_mpxj(cases), strict=True):
        assert result["error"] is None, result["error"]
        ours = schedule(plan)
        diffs = []
        for n, (task, row) in enumerate(zip(plan.tasks, ours, strict=True), 1):
            ms = result["tasks"][str(n)]
            shown = ms_project_dates(plan, task, ms, milestone=task.milestone)
            diffs += [f"{task.id}.{f}" for f in DATES if getattr(row, f) != shown[f]]
            if row.total_slack != round(ms["total_slack"]):
                diffs.append(f"{task.id}.total_slack")
            if row.free_slack != round(ms["free_slack"]):
                diffs.append(f"{task.id}.free_slack")
        if diffs:
            failures[plan.id] = diffs[:5]
    assert not failures, f"{len(failures)} of {len(plans)} plans differ: {failures}"


@pytest.mark.oracle
@live
def test_written_files_follow_microsofts_schema(tmp_path: Path) -> None:
    """Every element one the MSPDI schema (as MPXJ's JAXB classes carry it) defines,
    in its order, required ones present, every value accepted: for plain, tracked and
    baselined plans, and the HCMC plan."""
    from tests.examples import HCMC_PLAN
    from urbangov.builtins.mspdi import render_mspdi
    from urbangov.reporting import ReportOptions
    from urbangov.tracking import Baseline

    paths = []
    plans = [load_plan(HCMC_PLAN), *(random_plan(seed) for seed in range(20))]
    plans.append(with_groups(with_notes(random_plan(20)), 20))
    for n, plan in enumerate(plans):
        status, actuals = random_progress(plan, n)
        tracked = schedule(plan, actuals=actuals, status_date=status)
        baseline = Baseline.of(schedule(plan), "approved", plan.start)
        path = tmp_path / f"{n}.xml"
        path.write_bytes(render_mspdi(tracked, ReportOptions(baseline=baseline)))
        paths.append(path)
    results = run_mpxj([{"check_mspdi": str(path)} for path in paths])
    problems = {
        str(p.name): r["problems"] or r["error"] for p, r in zip(paths, results, strict=True)
    }
    assert not any(problems.values()), problems


@pytest.mark.oracle
@live
def test_mpxj_scheduling_a_tracked_file_gives_the_forecast(tmp_path: Path) -> None:
    """Actual starts and finishes, work done and left, percent complete and the status
    date's floors, written as MS Project keeps them (half the plans with groups, as
    summary tasks): MPXJ's MicrosoftScheduler reading the file gives urbangov's
    forecast field by field, and reads back what was done."""
    from urbangov.builtins.mspdi import render_mspdi
    from urbangov.reporting import ReportOptions

    forecasts = []
    cases = []
    for seed in range(100):
        plan = random_plan(seed)
        if seed % 2:  # and under summary tasks
            plan = with_groups(plan, seed)
        status, actuals = random_progress(plan, seed)
        forecast = schedule(plan, actuals=actuals, status_date=status)
        path = tmp_path / f"{plan.id}.xml"
        path.write_bytes(render_mspdi(forecast, ReportOptions()))
        forecasts.append((plan, forecast))
        cases.append({"read_mspdi": str(path), "start": plan.start.isoformat()})
    failures = {}
    for (plan, ours), result in zip(forecasts, run_mpxj(cases), strict=True):
        assert result["error"] is None, result["error"]
        tracking = ours.tracking
        assert tracking is not None
        diffs = []
        for n, (task, row) in enumerate(zip(plan.tasks, ours, strict=True), 1):
            ms = result["tasks"][str(n)]
            shown = ms_project_dates(plan, task, ms, milestone=row.milestone)
            diffs += [f"{task.id}.{f}" for f in DATES if getattr(row, f) != shown[f]]
            for field in ("total_slack", "free_slack"):
                if getattr(row, field) != round(ms[field]):
                    diffs.append(f"{task.id}.{field}")
            work = tracking.work.get(task.id)
            if work is not None:
                if ms["actual_start"][:10] != work.actual_start.isoformat():
                    diffs.append(f"{task.id}.actual_start")
                if (ms["actual_finish"] or "")[:10] != (
                    "" if work.actual_finish is None else work.actual_finish.isoformat()
                ):
                    diffs.append(f"{task.id}.actual_finish")
                if (ms["actual_duration"], ms["remaining_duration"]) != (work.done, work.remaining):
                    diffs.append(f"{task.id}.work")
                if round(ms["percent_complete"]) != work.percent:
                    diffs.append(f"{task.id}.percent_complete")
        if diffs:
            failures[plan.id] = diffs[:5]
    assert not failures, f"{len(failures)} of {len(forecasts)} plans differ: {failures}"


# -- summary tasks: groups, names kept; their links hold for the tasks under them -----

OUTLINE = """<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2021-01-04T08:00:00</StartDate>
  <Tasks>
    <Task><UID>0</UID><Summary>1</Summary><OutlineLevel>0</OutlineLevel></Task>
    <Task><UID>10</UID><Name>I. Tổ chức bộ máy</Name><Summary>1</Summary>
      <OutlineLevel>1</OutlineLevel></Task>
    <Task><UID>1</UID><Name>Đề án</Name><Duration>PT24H0M0S</Duration>
      <OutlineLevel>2</OutlineLevel></Task>
    <Task><UID>11</UID><Name>1. Thủ Đức</Name><Summary>1</Summary>
      <OutlineLevel>2</OutlineLevel></Task>
    <Task><UID>2</UID><Name>Thành lập</Name><Duration>PT16H0M0S</Duration>
      <OutlineLevel>3</OutlineLevel></Task>
    <Task><UID>3</UID><Name>Kiện toàn</Name><Duration>PT8H0M0S</Duration>
      <OutlineLevel>3</OutlineLevel></Task>
    <Task><UID>4</UID><Name>Báo cáo</Name><Duration>PT8H0M0S</Duration>
      <OutlineLevel>1</OutlineLevel>
      <PredecessorLink><PredecessorUID>11</PredecessorUID><Type>1</Type></PredecessorLink>
      <PredecessorLink><PredecessorUID>10</PredecessorUID><Type>3</Type></PredecessorLink>
    </Task>
  </Tasks>
</Project>
"""


def with_notes(plan: Plan) -> Plan:
    """``plan`` with a note on every other task (markup and line breaks in some)."""
    import attrs

    notes = ["Theo Nghị định 33/2021/NĐ-CP", "Dòng 1\nDòng 2 <b>&amp;</b>", None]
    tasks = [attrs.evolve(t, notes=notes[i % 3]) for i, t in enumerate(plan.tasks)]
    return attrs.evolve(plan, tasks=tasks)


def test_notes_are_read_and_written(tmp_path: Path) -> None:
    text = XML.replace("<Name>Soạn thảo</Name>", "<Name>Soạn thảo</Name><Notes>Ghi chú</Notes>")
    assert [t.notes for t in loads_mspdi(text.encode()).tasks] == ["Ghi chú", None, None]
    plan = with_notes(random_plan(3))
    back = load_plan(_written(plan, tmp_path))
    assert [t.notes for t in back.tasks] == [t.notes for t in plan.tasks]


def test_summary_tasks_are_groups_that_keep_their_names() -> None:
    with pytest.warns(UserWarning, match=r"the SS link from UID 10 to UID 4 \(left out\)"):
        plan = loads_mspdi(OUTLINE.encode())
    assert [t.id for t in plan.tasks] == ["1", "2", "3", "4"]  # summaries are not rows
    assert [(g.id, g.title, g.part_of) for g in plan.groups] == [
        ("10", "I. Tổ chức bộ máy", None),
        ("11", "1. Thủ Đức", "10"),
    ]
    assert [t.part_of for t in plan.tasks] == ["10", "11", "11", None]
    # A successor of a summary waits for every task under it (FS here).
    assert {d.task for d in plan.task("4").depends} == {"2", "3"}
    result = schedule(plan)
    assert result["4"].start == dt.date(2021, 1, 6)  # after "2" (Mon-Tue) and "3" (Mon)
    by_id = {g.id: g for g in result.groups}
    assert (by_id["10"].start, by_id["10"].finish) == (dt.date(2021, 1, 4), dt.date(2021, 1, 6))
    assert (by_id["11"].start, by_id["11"].finish) == (dt.date(2021, 1, 4), dt.date(2021, 1, 5))


def test_a_link_between_a_summary_and_a_task_under_it_is_left_out_and_named() -> None:
    text = OUTLINE.replace(
        "<OutlineLevel>3</OutlineLevel></Task>",
        "<OutlineLevel>3</OutlineLevel><PredecessorLink><PredecessorUID>10</PredecessorUID>"
        "</PredecessorLink></Task>",
        1,
    )
    with pytest.warns(UserWarning, match="link between summary UID 10 and a task under it"):
        plan = loads_mspdi(text.encode())
    assert plan.task("2").depends == ()


def test_a_summary_uid_that_a_task_has_too_is_a_located_error() -> None:
    text = OUTLINE.replace("<UID>4</UID>", "<UID>11</UID>")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # its links, said before the error
        with pytest.raises(PlanFileError, match="duplicate id '11'"):
            loads_mspdi(text.encode(), source="o.xml")


def test_a_summarys_own_constraint_and_deadline_are_named_not_applied() -> None:
    text = OUTLINE.replace(
        "<Name>1. Thủ Đức</Name>",
        "<Name>1. Thủ Đức</Name><ConstraintType>4</ConstraintType>"
        "<ConstraintDate>2021-01-06T08:00:00</ConstraintDate>"
        "<Deadline>2021-01-05T17:00:00</Deadline>",
    )
    with pytest.warns(UserWarning, match="summary UID 11 has a SNET") as caught:
        plan = loads_mspdi(text.encode())
    message = " ".join(str(w.message) for w in caught)
    assert "summary UID 11 has a SNET constraint (not applied)" in message
    assert "summary UID 11 has a deadline (not applied)" in message
    assert plan.task("2").constraint.value == "ASAP"


def test_a_summarys_predecessor_holds_back_each_task_under_it() -> None:
    text = OUTLINE.replace(
        "<OutlineLevel>1</OutlineLevel></Task>",
        "<OutlineLevel>1</OutlineLevel><PredecessorLink><PredecessorUID>5</PredecessorUID>"
        "<Type>1</Type><LinkLag>4800</LinkLag></PredecessorLink></Task>",
        1,
    ).replace(
        "</Tasks>",
        "<Task><UID>5</UID><Name>Nghị quyết</Name><Duration>PT8H0M0S</Duration>"
        "<OutlineLevel>1</OutlineLevel></Task></Tasks>",
    )
    with pytest.warns(UserWarning, match="the SS link from UID 10"):
        plan = loads_mspdi(text.encode())
    for task_id in ("1", "2", "3"):
        assert [(d.task, d.type, d.lag) for d in plan.task(task_id).depends] == [("5", "FS", 1)]
    assert schedule(plan)["1"].start == dt.date(2021, 1, 6)  # Monday, a day's lag


def test_a_summarys_lead_and_a_written_groups_round_trip(tmp_path: Path) -> None:
    from urbangov.plan import Group, Task

    plan = Plan(
        "p",
        "Kế hoạch",
        dt.date(2021, 1, 4),
        tasks=[
            Task("c", "Cuối", 1, depends=["a"]),
            Task("a", "Đầu", 3, part_of="II", lead="Sở Nội vụ"),
            Task("b", "Giữa", 2, part_of="I"),
        ],
        groups=[Group("I", "Nhóm I", lead="UBND"), Group("II", "Nhóm II", part_of="I")],
    )
    back = load_plan(_written(plan, tmp_path))
    # Rows follow the outline, in the order of the first task at each level: "c", then
    # group I: its group II with "a", then "b".
    assert [t.title for t in back.tasks] == ["Cuối", "Đầu", "Giữa"]
    assert [(g.title, g.lead) for g in back.groups] == [("Nhóm I", "UBND"), ("Nhóm II", None)]
    titles = {g.id: g.title for g in back.groups}
    assert [titles.get(t.part_of or "") for t in back.tasks] == [None, "Nhóm II", "Nhóm I"]
    assert titles[back.groups[1].part_of or ""] == "Nhóm I"
    ours = {plan.task(r.id).title: r for r in schedule(plan)}
    theirs = {back.task(r.id).title: r for r in schedule(back)}
    assert ours.keys() == theirs.keys()
    for title, row in ours.items():
        assert (row.start, row.finish, row.total_slack) == (
            theirs[title].start,
            theirs[title].finish,
            theirs[title].total_slack,
        )


def _summary_links(path: Path, seed: int) -> Path:
    """The file at ``path`` with links added to and from its summary tasks (never
    between a summary and what is under it, which MS Project refuses)."""
    import random

    from lxml import etree

    rng = random.Random(seed)
    ns = "{http://schemas.microsoft.com/project}"
    root = etree.parse(str(path)).getroot()
    boxes = root.findall(f"{ns}Tasks/{ns}Task")
    level = [int(b.findtext(f"{ns}OutlineLevel") or 1) for b in boxes]
    under: dict[int, set[str]] = {}  # summary box -> UIDs below it
    for i in range(len(boxes)):
        j = i + 1
        while j < len(boxes) and level[j] > level[i]:
            under.setdefault(i, set()).add(boxes[j].findtext(f"{ns}UID") or "")
            j += 1
    summaries = [i for i, b in enumerate(boxes) if b.findtext(f"{ns}Summary") == "1"]
    plain = [i for i, b in enumerate(boxes) if b.findtext(f"{ns}Summary") == "0"]
    for _ in range(rng.randint(1, 3)):
        s, t = rng.choice(summaries), rng.choice(plain)
        uid_s, uid_t = (boxes[x].findtext(f"{ns}UID") or "" for x in (s, t))
        if uid_t in under.get(s, set()):
            continue
        into = rng.random() < 0.5
        kind = rng.choice(["1", "3"] if into else ["1", "0"])  # FS/SS into, FS/FF from
        link = etree.SubElement(boxes[s] if into else boxes[t], f"{ns}PredecessorLink")
        etree.SubElement(link, f"{ns}PredecessorUID").text = uid_t if into else uid_s
        etree.SubElement(link, f"{ns}Type").text = kind
        lag = rng.choice([0, 0, 4800, 9600])
        etree.SubElement(link, f"{ns}LinkLag").text = str(lag)
        etree.SubElement(link, f"{ns}LagFormat").text = "7"
    out = path.with_suffix(".links.xml")
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return out


@pytest.mark.oracle
@live
def test_mpxj_schedules_grouped_files_as_urbangov(tmp_path: Path) -> None:
    """Random plans with groups (nested, in no order), written by urbangov: MPXJ reads
    the outline and gives every task urbangov's dates and slack. Then links to and
    from the summaries are added to each file: urbangov reading it gives MPXJ's dates
    and total slack for every task, and where MPXJ finds a loop, so does urbangov."""
    plans = [with_groups(random_plan(seed), seed) for seed in range(100)]
    written = [_written(plan, tmp_path) for plan in plans]
    linked = [_summary_links(path, seed) for seed, path in enumerate(written)]
    cases = [
        {"read_mspdi": str(path), "start": plan.start.isoformat()}
        for plan, path in zip(plans * 2, written + linked, strict=True)
    ]
    results = run_mpxj(cases)
    failures = {}
    for plan, result in zip(plans, results[: len(plans)], strict=True):
        assert result["error"] is None, result["error"]
        diffs = []
        for n, (task, row) in enumerate(zip(plan.tasks, schedule(plan), strict=True), 1):
            ms = result["tasks"][str(n)]
            shown = ms_project_dates(plan, task, ms, milestone=task.milestone)
            diffs += [f"{task.id}.{f}" for f in DATES if getattr(row, f) != shown[f]]
            for field in ("total_slack", "free_slack"):
                if getattr(row, field) != round(ms[field]):
                    diffs.append(f"{task.id}.{field}")
        if diffs:
            failures[plan.id] = diffs[:5]
    compared = 0
    for plan, path, result in zip(plans, linked, results[len(plans) :], strict=True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            read = load_plan(path)
        if result["error"] is not None:  # a summary link that closes a loop: both say so
            assert "CycleException" in result["error"], result["error"]
            with pytest.raises(CycleError):
                schedule(read)
            continue
        compared += 1
        diffs = []
        for row in schedule(read):
            task = read.task(row.id)
            ms = result["tasks"][row.id]
            shown = ms_project_dates(read, task, ms, milestone=task.milestone)
            diffs += [f"{task.id}.{f}" for f in DATES if getattr(row, f) != shown[f]]
            # Free slack is left out: MPXJ counts a summary's successor in the
            # summary's free slack, not in that of the tasks under it (~1 file in 5).
            if row.total_slack != round(ms["total_slack"]):
                diffs.append(f"{row.id}.total_slack")
        if diffs:
            failures[f"{plan.id} with summary links"] = diffs[:5]
    assert compared >= 40  # of 100: the others loop
    assert not failures, f"{len(failures)} files differ: {failures}"


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 100_000),
    grouped=st.booleans(),
    noted=st.booleans(),
    led=st.booleans(),
)
def test_what_urbangov_writes_reads_back_as_the_same_plan_and_schedule(
    seed: int, grouped: bool, noted: bool, led: bool
) -> None:
    """Any plan (every link type, lags and leads, the eight constraints, deadlines,
    holidays; groups, notes and leads or not) written as MSPDI and read back: the same
    tasks (by UID, their place in the plan), links, groups and the same schedule."""
    import attrs

    from urbangov.builtins.mspdi import render_mspdi
    from urbangov.reporting import ReportOptions

    plan = random_plan(seed)
    if led:
        leads = ["Sở Nội vụ", "Sở Tư pháp", None]
        tasks = [attrs.evolve(t, lead=leads[i % 3]) for i, t in enumerate(plan.tasks)]
        plan = attrs.evolve(plan, tasks=tasks)
    if noted:
        plan = with_notes(plan)
    if grouped:
        plan = with_groups(plan, seed)
    back = loads_mspdi(render_mspdi(schedule(plan), ReportOptions()))
    ids = {task.id: str(n) for n, task in enumerate(plan.tasks, 1)}
    titles = {g.id: g.title for g in back.groups}
    group_title = {g.id: g.title for g in plan.groups}
    # A group with no task under it comes back as the milestone MS Project makes of it.
    empty = [g.title for g in plan.groups if not _holds_tasks(plan, g.id)]
    extra = [t for t in back.tasks if int(t.id) > len(plan.tasks)]
    assert sorted(t.title for t in extra) == sorted(empty)
    assert all(t.milestone for t in extra)
    assert len(back.tasks) == len(plan.tasks) + len(empty)
    for task in plan.tasks:
        again = back.task(ids[task.id])
        assert (again.title, again.duration, again.constraint, again.constraint_date) == (
            task.title,
            task.duration,
            task.constraint,
            task.constraint_date,
        )
        assert (again.deadline, again.notes, again.lead) == (task.deadline, task.notes, task.lead)
        assert sorted((d.task, d.type, d.lag) for d in again.depends) == sorted(
            (ids[d.task], d.type, d.lag) for d in task.depends
        )
        assert titles.get(again.part_of or "") == group_title.get(task.part_of or "")
    assert sorted((g.title, titles.get(g.part_of or "")) for g in back.groups) == sorted(
        (g.title, group_title.get(g.part_of or "")) for g in plan.groups if _holds_tasks(plan, g.id)
    )
    ours, theirs = schedule(plan), schedule(back)
    for task, row in zip(plan.tasks, ours, strict=True):
        other = theirs[ids[task.id]]
        assert attrs.evolve(row, id=other.id) == other, task.id


def _holds_tasks(plan: Plan, group_id: str) -> bool:
    """Whether a task is under the group at any depth (an empty group is read back as
    the ordinary task MS Project makes of it)."""
    below = {group_id}
    for group in plan.groups:
        if group.part_of in below:
            below.add(group.id)
    return any(task.part_of in below for task in plan.tasks)
