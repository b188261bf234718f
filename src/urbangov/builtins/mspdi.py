"""The ``mspdi`` report: the plan as MS Project XML, for MS Project, ProjectLibre and MPXJ.

Tasks keep their order (UID and ID 1, 2, …; the task's id goes to the ``WBS`` field so
that it survives the trip), with durations, links and lags, constraints, deadlines and
milestones, and the dates and slack urbangov computed. The plan's calendar is written
as a working week of 8-hour days (08:00-12:00, 13:00-17:00) with every day that
differs from it, from the plan's start to a year after its finish, as an exception:
Vietnam's holidays as days off and its make-up Saturdays as working days. MPXJ reading
the file and scheduling it gives urbangov's dates (``tests/io/test_mspdi.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Final
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter, ReportOptions

if TYPE_CHECKING:
    from urbangov.calendar import WorkCalendar
    from urbangov.plan import Task
    from urbangov.scheduling import Schedule, TaskSchedule

__all__ = ["render_mspdi"]

_NS: Final = "http://schemas.microsoft.com/project"
_MINUTES_PER_DAY: Final = 480
_CONSTRAINTS: Final = {
    "ASAP": 0,
    "ALAP": 1,
    "MSO": 2,
    "MFO": 3,
    "SNET": 4,
    "SNLT": 5,
    "FNET": 6,
    "FNLT": 7,
}
_LINKS: Final = {"FF": 0, "FS": 1, "SF": 2, "SS": 3}
_START_KINDS: Final = frozenset({"SNET", "SNLT", "MSO"})
_HOURS: Final = (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00"))


def _add(parent: Element, tag: str, text: object) -> Element:
    child = SubElement(parent, tag)
    child.text = str(text)
    return child


def _at(day: dt.date, hour: int) -> str:
    return f"{day.isoformat()}T{hour:02d}:00:00"


def _work(days: int) -> str:
    return f"PT{days * 8}H0M0S"


def render_mspdi(schedule: Schedule, options: ReportOptions) -> str:
    """The schedule as an MSPDI document (UTF-8 XML)."""
    plan = schedule.plan
    root = Element("Project", xmlns=_NS)
    _add(root, "SaveVersion", 14)
    _add(root, "Name", f"{plan.id}.xml")
    _add(root, "Title", plan.title)
    _add(root, "ScheduleFromStart", 1)
    _add(root, "StartDate", _at(plan.start, 8))
    _add(root, "FinishDate", _at(schedule.finish, 17))
    _add(root, "CalendarUID", 1)
    _add(root, "DefaultStartTime", "08:00:00")
    _add(root, "DefaultFinishTime", "17:00:00")
    _add(root, "MinutesPerDay", _MINUTES_PER_DAY)
    _add(root, "MinutesPerWeek", _MINUTES_PER_DAY * (7 - len(plan.calendar.weekend)))
    _add(root, "DaysPerMonth", 20)
    _add(root, "DurationFormat", 7)
    _add(root, "NewTasksAreManual", 0)
    _calendar(SubElement(root, "Calendars"), plan.calendar, plan.start, schedule.finish)
    tasks = SubElement(root, "Tasks")
    uid = {task.id: n for n, task in enumerate(plan.tasks, 1)}
    for n, (task, row) in enumerate(zip(plan.tasks, schedule, strict=True), 1):
        _task(SubElement(tasks, "Task"), n, task, row, uid)
    indent(root, space=" ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + tostring(root, encoding="unicode")
        + "\n"
    )


def _calendar(parent: Element, calendar: WorkCalendar, first: dt.date, last: dt.date) -> None:
    box = SubElement(parent, "Calendar")
    _add(box, "UID", 1)
    _add(box, "Name", calendar.name)
    _add(box, "IsBaseCalendar", 1)
    _add(box, "BaseCalendarUID", -1)
    week = SubElement(box, "WeekDays")
    for day_type in range(1, 8):  # 1 Sunday .. 7 Saturday
        python_day = (day_type + 5) % 7
        working = python_day not in calendar.weekend
        day = SubElement(week, "WeekDay")
        _add(day, "DayType", day_type)
        _add(day, "DayWorking", int(working))
        if working:
            _hours(day)
    exceptions = SubElement(box, "Exceptions")
    for date, working in _exceptions(calendar, first, last):
        exception = SubElement(exceptions, "Exception")
        _add(exception, "EnteredByOccurrences", 0)
        period = SubElement(exception, "TimePeriod")
        _add(period, "FromDate", f"{date.isoformat()}T00:00:00")
        _add(period, "ToDate", f"{date.isoformat()}T23:59:00")
        _add(exception, "Occurrences", 1)
        _add(exception, "Name", "Làm bù" if working else "Nghỉ")
        _add(exception, "Type", 1)
        _add(exception, "DayWorking", int(working))
        if working:
            _hours(exception)


def _hours(parent: Element) -> None:
    times = SubElement(parent, "WorkingTimes")
    for start, end in _HOURS:
        time = SubElement(times, "WorkingTime")
        _add(time, "FromTime", start)
        _add(time, "ToTime", end)


def _exceptions(
    calendar: WorkCalendar, first: dt.date, last: dt.date
) -> Iterator[tuple[dt.date, bool]]:
    """Every day from a month before ``first`` to a year after ``last`` whose working
    state differs from the working week: (day, is it a working day)."""
    day = first - dt.timedelta(days=31)
    end = last + dt.timedelta(days=366)
    while day <= end:
        usual = day.weekday() not in calendar.weekend
        actual = calendar.is_working_day(day)
        if usual != actual:
            yield day, actual
        day += dt.timedelta(days=1)


def _task(box: Element, n: int, task: Task, row: TaskSchedule, uid: dict[str, int]) -> None:
    _add(box, "UID", n)
    _add(box, "ID", n)
    _add(box, "Name", task.title)
    _add(box, "Manual", 0)
    _add(box, "WBS", task.id)
    _add(box, "OutlineLevel", 1)
    _add(box, "Start", _at(row.start, 8))
    _add(box, "Finish", _at(row.finish, 8 if row.milestone else 17))
    _add(box, "Duration", _work(task.duration))
    _add(box, "DurationFormat", 7)
    _add(box, "Milestone", int(task.milestone))
    _add(box, "Summary", 0)
    _add(box, "Critical", int(row.critical))
    _add(box, "EarlyStart", _at(row.early_start, 8))
    _add(box, "EarlyFinish", _at(row.early_finish, 8 if row.milestone else 17))
    _add(box, "LateStart", _at(row.late_start, 8))
    _add(box, "LateFinish", _at(row.late_finish, 8 if row.milestone else 17))
    _add(box, "FreeSlack", row.free_slack * _MINUTES_PER_DAY * 10)
    _add(box, "TotalSlack", row.total_slack * _MINUTES_PER_DAY * 10)
    _add(box, "RemainingDuration", _work(task.duration))
    _add(box, "ActualDuration", _work(0))
    _add(box, "PercentComplete", 0)
    kind = task.constraint.value
    _add(box, "ConstraintType", _CONSTRAINTS[kind])
    if task.constraint_date is not None:
        _add(box, "ConstraintDate", _at(task.constraint_date, 8 if kind in _START_KINDS else 17))
    if task.deadline is not None:
        _add(box, "Deadline", _at(task.deadline, 17))
    for dep in task.depends:
        link = SubElement(box, "PredecessorLink")
        _add(link, "PredecessorUID", uid[dep.task])
        _add(link, "Type", _LINKS[dep.type.value])
        _add(link, "CrossProject", 0)
        _add(link, "LinkLag", dep.lag * _MINUTES_PER_DAY * 10)
        _add(link, "LagFormat", 7)


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    register(
        Reporter(
            "mspdi",
            "The plan as MS Project XML (MSPDI): MS Project, ProjectLibre, MPXJ",
            ".xml",
            "application/xml",
            render_mspdi,
            uses=(),
        )
    )
