"""The ``mspdi`` report: the plan as MS Project XML, for MS Project, ProjectLibre and MPXJ.

Tasks keep their UIDs in plan order (1, 2, …; the task's id goes to the ``WBS`` field
so that it survives the trip), with durations, links and lags, constraints, deadlines
and milestones, and the dates and slack urbangov computed. The plan's groups are
summary tasks (UIDs after the tasks', their dates rolled up, a lead as the summary's
resource) with the tasks under them outlined beneath (``OutlineLevel``; a task under a
task is outlined under that task's group, as MS Project gives a task with duration no
subtasks); rows (``ID``) follow that outline. The plan's calendar is written
as a working week of 8-hour days (08:00-12:00, 13:00-17:00) with every day that
differs from it, from the plan's start to a year after its finish, as an exception:
Vietnam's holidays as days off and its make-up Saturdays as working days. MPXJ reading
the file and scheduling it gives urbangov's dates (``tests/io/test_mspdi.py``).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Final
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from urbangov.plan import outline
from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter, ReportOptions

if TYPE_CHECKING:
    from urbangov.calendar import WorkCalendar
    from urbangov.plan import OutlineLine, Plan, Task
    from urbangov.scheduling import GroupSchedule, Schedule, TaskSchedule, Tracking
    from urbangov.tracking import BaselineTask

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
#: Where the tasks (and assignments) go in the serialized skeleton; not XML text.
_HOLE: Final = "\x00"


def _add(parent: Element, tag: str, text: object) -> Element:
    child = SubElement(parent, tag)
    child.text = str(text)
    return child


def _at(day: dt.date, hour: int) -> str:
    return f"{day.isoformat()}T{hour:02d}:00:00"


def _work(days: int) -> str:
    return f"PT{days * 8}H0M0S"


def render_mspdi(schedule: Schedule, options: ReportOptions) -> bytes:
    """The schedule as an MSPDI document, UTF-8 encoded.

    Written a task at a time into one growing buffer, never as a whole tree: 100,000
    tasks take about 150 MB of XML, and a tree of them several times that.
    """
    if options.status is not None:  # tracked: the forecast as of the status date
        schedule = options.status.forecast
    tracking = schedule.tracking
    plan = schedule.plan
    saved = None if options.baseline is None else options.baseline.tasks
    root = Element("Project", xmlns=_NS)
    _add(root, "SaveVersion", 14)
    _add(root, "Name", f"{plan.id}.xml")
    _add(root, "Title", plan.title)
    _add(root, "ScheduleFromStart", 1)
    _add(root, "StartDate", _at(plan.start, 8))
    _add(root, "FinishDate", _at(schedule.finish, 17))
    _add(root, "CurrencyCode", "VND")  # required by the schema; urbangov keeps no costs
    _add(root, "CalendarUID", 1)
    _add(root, "DefaultStartTime", "08:00:00")
    _add(root, "DefaultFinishTime", "17:00:00")
    _add(root, "MinutesPerDay", _MINUTES_PER_DAY)
    _add(root, "MinutesPerWeek", _MINUTES_PER_DAY * (7 - len(plan.calendar.weekend)))
    _add(root, "DaysPerMonth", 20)
    _add(root, "DurationFormat", 7)
    status_date = None if tracking is None else tracking.status_date
    if options.status is not None:
        status_date = options.status.as_of
    if status_date is not None:
        _add(root, "StatusDate", _at(status_date, 17))
    _add(root, "NewTasksAreManual", 0)
    _calendar(SubElement(root, "Calendars"), plan.calendar, plan.start, schedule.finish)
    leads = list(dict.fromkeys(t.lead for t in plan.tasks if t.lead))
    leads.extend(g.lead for g in plan.groups if g.lead and g.lead not in leads)
    SubElement(root, "Tasks").text = _HOLE
    if leads:
        _resources(SubElement(root, "Resources"), leads)
        SubElement(root, "Assignments").text = _HOLE
    indent(root, space=" ")
    skeleton = tostring(root, encoding="unicode").split(_HOLE)
    if len(skeleton) != (3 if leads else 2):  # a NUL in the title: XML cannot hold it
        raise ValueError(f"plan {plan.id!r}: a NUL character cannot be written as XML")
    head, tasks_end, *rest = skeleton
    out = io.BytesIO()
    out.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
    out.write(head.encode())
    uid = {task.id: n for n, task in enumerate(plan.tasks, 1)}
    n_tasks = len(plan.tasks)
    rolled_up = schedule.groups
    for number, line in enumerate(outline(plan), 1):
        if line.slot < n_tasks:
            task, row = plan.tasks[line.slot], schedule[line.slot]
            baseline = None if saved is None else saved.get(task.id)
            box = _head(line, number, task.title, task.id)
            _task(box, task, row, uid, tracking, baseline)
        else:
            group = plan.groups[line.slot - n_tasks]
            box = _head(line, number, group.title, group.id)
            _summary(box, rolled_up[line.slot - n_tasks], plan)
        _write(out, box)
    out.write(tasks_end.encode())
    if rest:
        _assignments(out, plan, schedule, {lead: n for n, lead in enumerate(leads, 1)})
        out.write(rest[0].encode())
    out.write(b"\n")
    return out.getvalue()


def _write(out: io.BytesIO, element: Element) -> None:
    """One element, indented as a grandchild of the project."""
    indent(element, space=" ", level=2)
    out.write(b"\n  ")
    out.write(tostring(element, encoding="utf-8", xml_declaration=False))


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


def _head(line: OutlineLine, number: int, name: str, wbs: str) -> Element:
    """A task's or summary's first elements: its UID (a task's place in the plan, a
    group's after the tasks'), its row in the outline, name, urbangov id and level.
    Every element goes in the order of Microsoft's schema (MS Project refuses a file
    whose elements are out of order)."""
    box = Element("Task")
    _add(box, "UID", line.slot + 1)
    _add(box, "ID", number)
    _add(box, "Name", name)
    _add(box, "Manual", 0)
    _add(box, "Type", 1)  # fixed duration: an assigned lead never changes it
    _add(box, "WBS", wbs)
    _add(box, "OutlineLevel", line.level)
    return box


def _task(
    box: Element,
    task: Task,
    row: TaskSchedule,
    uid: dict[str, int],
    tracking: Tracking | None,
    baseline: BaselineTask | None,
) -> None:
    """The rest of one task: dates, slack, work, constraint, links, baseline."""
    work = None if tracking is None else tracking.work.get(task.id)
    floor = None if tracking is None else tracking.floors.get(task.id)
    duration = task.duration if work is None else work.done + work.remaining
    end = 8 if row.milestone else 17
    _add(box, "Start", _at(row.start, 8))
    _add(box, "Finish", _at(row.finish, end))
    _add(box, "Duration", _work(duration))
    _add(box, "DurationFormat", 7)
    _add(box, "EffortDriven", 0)
    _add(box, "Milestone", int(task.milestone))
    _add(box, "Summary", 0)
    _add(box, "Critical", int(row.critical))
    _add(box, "EarlyStart", _at(row.early_start, 8))
    _add(box, "EarlyFinish", _at(row.early_finish, end))
    _add(box, "LateStart", _at(row.late_start, 8))
    _add(box, "LateFinish", _at(row.late_finish, end))
    _add(box, "FreeSlack", row.free_slack * _MINUTES_PER_DAY * 10)
    _add(box, "TotalSlack", row.total_slack * _MINUTES_PER_DAY * 10)
    _add(box, "PercentComplete", 0 if work is None else work.percent)
    if work is not None:
        _add(box, "ActualStart", _at(work.actual_start, 8))
        if work.actual_finish is not None:
            same_day = duration == 0 and work.actual_finish == work.actual_start
            _add(box, "ActualFinish", _at(work.actual_finish, 8 if same_day else 17))
    _add(box, "ActualDuration", _work(0 if work is None else work.done))
    _add(box, "RemainingDuration", _work(duration if work is None else work.remaining))
    if floor is not None:  # the status date's floor on work not started
        _add(box, "ConstraintType", _CONSTRAINTS["SNET"])
        _add(box, "ConstraintDate", _at(floor, 8))
    else:
        kind = task.constraint.value
        _add(box, "ConstraintType", _CONSTRAINTS[kind])
        if task.constraint_date is not None:
            hour = 8 if kind in _START_KINDS else 17
            _add(box, "ConstraintDate", _at(task.constraint_date, hour))
    if task.deadline is not None:
        _add(box, "Deadline", _at(task.deadline, 17))
    if task.notes:
        _add(box, "Notes", task.notes)
    for dep in task.depends:
        link = SubElement(box, "PredecessorLink")
        _add(link, "PredecessorUID", uid[dep.task])
        _add(link, "Type", _LINKS[dep.type.value])
        _add(link, "CrossProject", 0)
        _add(link, "LinkLag", dep.lag * _MINUTES_PER_DAY * 10)
        _add(link, "LagFormat", 7)
    if baseline is not None:
        saved = SubElement(box, "Baseline")
        _add(saved, "Number", 0)
        _add(saved, "Start", _at(baseline.start, 8))
        _add(saved, "Finish", _at(baseline.finish, 8 if baseline.duration == 0 else 17))
        _add(saved, "Duration", _work(baseline.duration))
        _add(saved, "DurationFormat", 7)


def _summary(box: Element, dates: GroupSchedule, plan: Plan) -> None:
    """The rest of a group as a summary task: its dates those of the tasks under it
    (MS Project rolls them up again when it opens the file). A group with no task
    under it is a milestone at the plan's start, as MS Project reads a summary with
    nothing under it (an ordinary task): so is it read back."""
    start = dates.start or plan.start
    finish = dates.finish or start
    days = plan.calendar.working_days_between(start, finish) + int(dates.finish is not None)
    _add(box, "Start", _at(start, 8))
    _add(box, "Finish", _at(finish, 17 if days else 8))
    _add(box, "Duration", _work(days))
    _add(box, "DurationFormat", 7)
    _add(box, "Milestone", int(dates.start is None))  # empty: what MS Project reads
    _add(box, "Summary", 1)
    _add(box, "PercentComplete", 0)
    _add(box, "ActualDuration", _work(0))
    _add(box, "RemainingDuration", _work(days))


def _resources(box: Element, leads: list[str]) -> None:
    """Each lead as a resource, so that MS Project's Resource Names column shows who
    leads (read back as the lead)."""
    for n, lead in enumerate(leads, 1):
        resource = SubElement(box, "Resource")
        _add(resource, "UID", n)
        _add(resource, "ID", n)
        _add(resource, "Name", lead)
        _add(resource, "Type", 1)


def _assignments(
    out: io.BytesIO, plan: Plan, schedule: Schedule, resource_uid: dict[str, int]
) -> None:
    """Each led task (and group) assigned to its lead. The tasks are fixed duration,
    so an assignment never changes a date; a summary's carries no work."""
    count = 0
    for n, (task, row) in enumerate(zip(plan.tasks, schedule, strict=True), 1):
        if not task.lead:
            continue
        count += 1
        assignment = Element("Assignment")
        _add(assignment, "UID", count)
        _add(assignment, "TaskUID", n)
        _add(assignment, "ResourceUID", resource_uid[task.lead])
        _add(assignment, "Finish", _at(row.finish, 8 if row.milestone else 17))
        _add(assignment, "Start", _at(row.start, 8))
        _add(assignment, "Units", 1)
        _add(assignment, "Work", _work(task.duration))
        _write(out, assignment)
    n = len(plan.tasks)
    for k, (group, dates) in enumerate(zip(plan.groups, schedule.groups, strict=True)):
        if not group.lead:
            continue
        count += 1
        start = dates.start or plan.start
        assignment = Element("Assignment")
        _add(assignment, "UID", count)
        _add(assignment, "TaskUID", n + k + 1)
        _add(assignment, "ResourceUID", resource_uid[group.lead])
        _add(assignment, "Finish", _at(dates.finish or start, 17))
        _add(assignment, "Start", _at(start, 8))
        _add(assignment, "Units", 1)
        _add(assignment, "Work", _work(0))
        _write(out, assignment)


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    register(
        Reporter(
            "mspdi",
            "The plan as MS Project XML (MSPDI): MS Project, ProjectLibre, MPXJ",
            ".xml",
            "application/xml",
            render_mspdi,
            uses=("as_of", "status", "baseline"),
        )
    )
