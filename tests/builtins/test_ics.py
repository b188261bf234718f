"""The iCalendar reporter, read back by icalendar and, independently, by vobject."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

import urbangov.builtins.ics as ics_plugin
from tests.examples import HCMC_PLAN
from urbangov.builtins.ics import PRODID, render_ics, task_uid
from urbangov.io import load_plan
from urbangov.plan import Plan, Task
from urbangov.plugins import Plugins
from urbangov.reporting import ReportOptions
from urbangov.scheduling import Schedule, schedule

ROOT = Path(__file__).resolve().parents[2]
HCMC = HCMC_PLAN
ONE_DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def hcmc() -> Schedule:
    return schedule(load_plan(HCMC))


@pytest.fixture(scope="module")
def tet() -> Schedule:
    # 5 working days from Monday 8 February 2021 across Tết (10 to 16 February), then
    # a milestone with a deadline it misses.
    return schedule(
        Plan(
            "tet-2021",
            "Kế hoạch Tết Tân Sửu",
            dt.date(2021, 2, 8),
            tasks=[
                Task("chuan-bi", "Chuẩn bị Tết", 5, lead="Sở Nội vụ"),
                Task("xong", "Hoàn thành", 0, depends=["chuan-bi"], deadline=dt.date(2021, 2, 18)),
            ],
        )
    )


def by_uid_icalendar(data: bytes) -> tuple[icalendar.Calendar, dict[str, Any]]:
    calendar = icalendar.Calendar.from_ical(data)
    components = calendar.walk("VTODO") + calendar.walk("VEVENT")
    found = {str(c["UID"]): c for c in components}
    assert len(found) == len(components)
    return calendar, found


def by_uid_vobject(data: bytes) -> tuple[Any, dict[str, Any]]:
    calendar = vobject.readOne(data.decode("utf-8"))
    components = calendar.contents.get("vtodo", []) + calendar.contents.get("vevent", [])
    found = {c.uid.value: c for c in components}
    assert len(found) == len(components)
    return calendar, found


def test_hcmc_tasks_are_todos_and_milestones_events_in_both_parsers(hcmc: Schedule) -> None:
    data = render_ics(hcmc, ReportOptions())
    assert isinstance(data, bytes)
    milestones = {row.id for row in hcmc if row.milestone}
    assert len(milestones) == 3
    ical, ical_found = by_uid_icalendar(data)
    vcal, vobj_found = by_uid_vobject(data)
    assert len(ical.walk("VTODO")) == len(vcal.vtodo_list) == len(hcmc) - 3
    assert len(ical.walk("VEVENT")) == len(vcal.vevent_list) == 3
    uids = {task_uid(hcmc.plan, row.id) for row in hcmc}
    assert set(ical_found) == set(vobj_found) == uids
    assert task_uid(hcmc.plan, "t00-ke-hoach") == (
        "t00-ke-hoach@hcmc-2021-chinh-quyen-do-thi.urbangov"
    )
    for row, task in zip(hcmc, hcmc.plan.tasks, strict=True):
        uid = task_uid(hcmc.plan, row.id)
        ical_c, vobj_c = ical_found[uid], vobj_found[uid]
        assert ical_c.name == ("VEVENT" if row.milestone else "VTODO")
        assert vobj_c.name == ical_c.name
        # Titles with diacritics come back unchanged (and NFC) from both parsers.
        assert str(ical_c["SUMMARY"]) == vobj_c.summary.value == task.title
        assert unicodedata.is_normalized("NFC", vobj_c.summary.value)
        end_name = "DTEND" if row.milestone else "DUE"
        end = row.start + ONE_DAY if row.milestone else row.finish + ONE_DAY
        for start_value, end_value in (
            (ical_c.decoded("DTSTART"), ical_c.decoded(end_name)),
            (vobj_c.dtstart.value, vobj_c.contents[end_name.lower()][0].value),
        ):
            assert type(start_value) is dt.date  # all-day: a DATE, not a date-time
            assert (start_value, end_value) == (row.start, end)
        assert ("PRIORITY" in ical_c) == row.critical
        if row.critical:
            assert ical_c.decoded("PRIORITY") == 1
            assert vobj_c.priority.value == "1"
        assert (ical_c.get("TRANSP") == "TRANSPARENT") == row.milestone
        related = ical_c.get("RELATED-TO", [])
        related = related if isinstance(related, list) else [related]
        depends = [r for r in related if r.params["RELTYPE"] == "DEPENDS-ON"]
        assert [str(r) for r in depends] == [task_uid(hcmc.plan, d.task) for d in task.depends]


def test_the_network_travels_as_rfc_9253_temporal_links_in_both_parsers(
    hcmc: Schedule,
) -> None:
    """Each predecessor names its successors with the link's type and its lag as GAP;
    read back by icalendar and by vobject, they rebuild every link of the plan."""
    data = render_ics(hcmc, ReportOptions())
    assert isinstance(data, bytes)
    names = {
        "FINISHTOSTART": "FS",
        "STARTTOSTART": "SS",
        "FINISHTOFINISH": "FF",
        "STARTTOFINISH": "SF",
    }
    uid_to_id = {task_uid(hcmc.plan, t.id): t.id for t in hcmc.plan.tasks}
    expected = {(d.task, t.id, d.type.value, d.lag) for t in hcmc.plan.tasks for d in t.depends}
    _, ical_found = by_uid_icalendar(data)
    _, vobj_found = by_uid_vobject(data)
    from_icalendar, from_vobject = set(), set()
    for uid, component in ical_found.items():
        related = component.get("RELATED-TO", [])
        for link in related if isinstance(related, list) else [related]:
            kind = link.params["RELTYPE"]
            if kind in names:
                gap = link.params.get("GAP", "P0D")
                lag = -int(gap[2:-1]) if gap.startswith("-") else int(gap[1:-1])
                from_icalendar.add((uid_to_id[uid], uid_to_id[str(link)], names[kind], lag))
    for uid, component in vobj_found.items():
        for link in component.contents.get("related-to", []):
            kind = link.params["RELTYPE"][0]
            if kind in names:
                gap = link.params.get("GAP", ["P0D"])[0]
                lag = -int(gap[2:-1]) if gap.startswith("-") else int(gap[1:-1])
                from_vobject.add((uid_to_id[uid], uid_to_id[link.value], names[kind], lag))
    assert from_icalendar == from_vobject == expected
    assert any(lag < 0 for *_, lag in expected)  # a lead is written too
    unfolded = data.replace(b"\r\n ", b"")
    assert b"RELATED-TO;GAP=P2D;RELTYPE=STARTTOSTART:t01-ban-chi-dao@" in unfolded


def test_the_outline_travels_as_parents_in_both_parsers() -> None:
    """Each group is a to-do spanning its tasks; a task (and a group) under another
    names it as its PARENT, so a client shows the outline as subtasks."""
    from urbangov.plan import Group

    plan = Plan(
        "g",
        "Nhóm",
        dt.date(2021, 1, 4),
        tasks=[
            Task("a", "Đề án", 5, part_of="I", notes="Trình UBND"),
            Task("b", "Thành lập", 3, depends=["a"], part_of="I.1"),
            Task("c", "Chung", 2),
        ],
        groups=[
            Group("I", "Tổ chức bộ máy", lead="Sở Nội vụ"),
            Group("I.1", "Thủ Đức", part_of="I"),
            Group("II", "Trống"),
        ],
    )
    data = render_ics(schedule(plan), ReportOptions(lang="en"))
    _, ical_found = by_uid_icalendar(data)
    _, vobj_found = by_uid_vobject(data)
    uid = {key: task_uid(plan, key) for key in ("a", "b", "c", "I", "I.1", "II")}
    parents_ical, parents_vobj = {}, {}
    for key, found in ical_found.items():
        related = found.get("RELATED-TO", [])
        for link in related if isinstance(related, list) else [related]:
            if link.params["RELTYPE"] == "PARENT":
                parents_ical[key] = str(link)
    for key, found in vobj_found.items():
        for link in found.contents.get("related-to", []):
            if link.params["RELTYPE"][0] == "PARENT":
                parents_vobj[key] = link.value
    expected = {uid["a"]: uid["I"], uid["b"]: uid["I.1"], uid["I.1"]: uid["I"]}
    assert parents_ical == parents_vobj == expected
    group = ical_found[uid["I"]]
    assert str(group["SUMMARY"]) == "Tổ chức bộ máy"
    assert group.decoded("DTSTART") == dt.date(2021, 1, 4)
    assert group.decoded("DUE") == dt.date(2021, 1, 14)  # "b" finishes on the 13th
    assert "DTSTART" not in ical_found[uid["II"]]  # nothing under it: no dates
    assert "Notes: Trình UBND" in str(ical_found[uid["a"]]["DESCRIPTION"])


def test_the_calendar_names_itself_and_its_producer(hcmc: Schedule) -> None:
    data = render_ics(hcmc, ReportOptions())
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == PRODID == "-//urbangov//urbangov//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == hcmc.plan.title
    assert vobject.readOne(data.decode()).x_wr_calname.value == hcmc.plan.title


def test_lines_end_in_crlf_and_fold_at_75_octets(hcmc: Schedule) -> None:
    data = render_ics(hcmc, ReportOptions())
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    data.decode("utf-8")  # folding never splits a Vietnamese character


def test_a_task_across_tet_is_due_the_day_after_it_finishes(tet: Schedule) -> None:
    data = render_ics(tet, ReportOptions())
    _, ical = by_uid_icalendar(data)
    _, vobj = by_uid_vobject(data)
    todo_uid, milestone_uid = (task_uid(tet.plan, task.id) for task in tet.plan.tasks)
    assert b"DTSTART;VALUE=DATE:20210208\r\n" in data
    assert b"DUE;VALUE=DATE:20210220\r\n" in data  # finishes Friday 19 February
    assert vobj[todo_uid].due.value == dt.date(2021, 2, 20)
    assert vobj[milestone_uid].dtstart.value == dt.date(2021, 2, 19)
    assert vobj[milestone_uid].dtend.value == dt.date(2021, 2, 20)
    assert str(ical[todo_uid]["SUMMARY"]) == "Chuẩn bị Tết"
    assert ical[todo_uid]["DESCRIPTION"] == (
        "Cơ quan chủ trì: Sở Nội vụ\n"
        "Thời gian: 2021-02-08 đến 2021-02-19 (5 ngày làm việc)\n"
        "Thời gian dự trữ: -1 ngày làm việc\n"  # the milestone's deadline pulls it back
        "Thuộc đường găng: có"
    )
    assert vobj[milestone_uid].description.value == (
        "Thời gian: 2021-02-19\n"
        "Thời gian dự trữ: -1 ngày làm việc\n"
        "Thuộc đường găng: có\n"
        "Thời hạn: 2021-02-18 (trễ hạn)\n"
        "Công việc liền trước: chuan-bi"
    )


def test_descriptions_follow_the_language(hcmc: Schedule) -> None:
    data = render_ics(hcmc, ReportOptions(lang="en"))
    _, found = by_uid_vobject(data)
    assert found[task_uid(hcmc.plan, "t03b-huong-dan")].description.value == (
        "Lead: hcmc/so-noi-vu\n"
        "Dates: 2021-05-05 to 2021-06-08 (25 working days)\n"
        "Total slack: 16 working days\n"
        "Critical: no\n"
        "Deadline: 2021-06-30\n"
        "Depends on: t03a-ra-soat-van-ban"
    )


def test_output_is_deterministic_and_stamped_from_the_plan_or_status_date(
    hcmc: Schedule,
) -> None:
    first = render_ics(hcmc, ReportOptions())
    assert first == render_ics(schedule(load_plan(HCMC)), ReportOptions())
    assert first.count(b"DTSTAMP:20210407T000000Z\r\n") == len(hcmc)  # the plan's start
    as_of = render_ics(hcmc, ReportOptions(as_of=dt.date(2021, 5, 21)))
    assert as_of.count(b"DTSTAMP:20210521T000000Z\r\n") == len(hcmc)
    _, found = by_uid_icalendar(as_of)
    stamp = found[task_uid(hcmc.plan, "t00-ke-hoach")].decoded("DTSTAMP")
    assert stamp == dt.datetime(2021, 5, 21, tzinfo=dt.UTC)


def test_text_that_is_icalendar_syntax_survives_both_parsers() -> None:
    title = "Bước 1: rà soát, phân loại; ghi chú \\ mục #2\ndòng hai"
    plan = Plan("p,1", "Plan; A", dt.date(2021, 4, 5), tasks=[Task("a;b", title, 2, lead="A,B")])
    data = render_ics(schedule(plan), ReportOptions())
    _, ical = by_uid_icalendar(data)
    vcal, vobj = by_uid_vobject(data)
    assert set(ical) == set(vobj) == {"a;b@p,1.urbangov"}
    assert str(ical["a;b@p,1.urbangov"]["SUMMARY"]) == title
    assert vobj["a;b@p,1.urbangov"].summary.value == title
    assert vcal.x_wr_calname.value == "Plan; A"


def test_the_plugin_registers_the_ics_format(hcmc: Schedule) -> None:
    plugins = Plugins(builtins=False, entry_points=False, extra=[ics_plugin])
    reporter = plugins.reporter("ics")
    assert (reporter.suffix, reporter.media_type) == (".ics", "text/calendar")
    assert reporter.render(hcmc, ReportOptions()) == render_ics(hcmc, ReportOptions())
