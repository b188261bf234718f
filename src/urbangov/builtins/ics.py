"""The schedule as an iCalendar file (RFC 5545): tasks as to-dos, milestones as events.

A task under another task or a group names it as its parent (``RELATED-TO``, RFC
5545's default ``RELTYPE=PARENT``), and each group of the plan is a to-do of its own,
spanning the tasks under it, so that clients show the plan's outline as subtasks.

The dependency network travels with it (RFC 9253): each task names its predecessors
(``RELATED-TO;RELTYPE=DEPENDS-ON``), and each predecessor its successors with the
link's temporal type (``FINISHTOSTART``, ``STARTTOSTART``, ``FINISHTOFINISH``,
``STARTTOFINISH``) and its lag or lead as ``GAP`` (in days of the plan's working
calendar, the only days urbangov counts lags in).

Every date is an all-day DATE, so the file needs no time zone and each client shows
the plan's days whatever its own zone. The output is the same bytes on every run,
so a calendar that subscribes to it only sees a change when the schedule changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl
from urbangov.reporting import Language, Reporter, ReportOptions

if TYPE_CHECKING:
    from icalendar import Todo

    from urbangov.plan import Group, Plan, Task
    from urbangov.scheduling import GroupSchedule, Schedule, TaskSchedule

__all__ = ["PRODID", "render_ics", "task_uid"]

PRODID = "-//urbangov//urbangov//EN"

_ONE_DAY = dt.timedelta(days=1)

_LABELS = {
    Language.VI: {
        "lead": "Cơ quan chủ trì",
        "dates": "Thời gian",
        "to": "đến",
        "days": "ngày làm việc",
        "slack": "Thời gian dự trữ",
        "critical": "Thuộc đường găng",
        "yes": "có",
        "no": "không",
        "deadline": "Thời hạn",
        "missed": "trễ hạn",
        "depends": "Công việc liền trước",
        "notes": "Ghi chú",
    },
    Language.EN: {
        "lead": "Lead",
        "dates": "Dates",
        "to": "to",
        "days": "working days",
        "slack": "Total slack",
        "critical": "Critical",
        "yes": "yes",
        "no": "no",
        "deadline": "Deadline",
        "missed": "missed",
        "depends": "Depends on",
        "notes": "Notes",
    },
}


def task_uid(plan: Plan, task_id: str) -> str:
    """The task's UID: the same on every export, so re-importing updates, not duplicates."""
    return f"{task_id}@{plan.id}.urbangov"


def render_ics(schedule: Schedule, options: ReportOptions) -> bytes:
    """A VCALENDAR with one VTODO per task and one all-day VEVENT per milestone."""
    from icalendar import Calendar, Event, Todo  # only when this format is used

    plan = schedule.plan
    # DTSTAMP must be a UTC date-time. "Now" would make every export differ; the status
    # date (or else the plan's start) says as of when the information holds, and a later
    # status date gives a later stamp, as a newer revision should.
    stamp = dt.datetime.combine(options.as_of or plan.start, dt.time(), tzinfo=dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", plan.title or plan.id)
    successors = _successors(plan)
    for row, task in zip(schedule, plan.tasks, strict=True):
        component = Event() if row.milestone else Todo()
        component.add("uid", task_uid(plan, task.id))
        component.add("dtstamp", stamp)
        component.add("summary", task.title or task.id)
        component.add("description", _description(row, task, _LABELS[options.lang]))
        component.add("dtstart", row.start)
        if row.milestone:
            # An all-day event's DTEND is exclusive: the milestone covers its one day.
            # TRANSPARENT: a milestone is a date to see, not time to block.
            component.add("dtend", row.start + _ONE_DAY)
            component.add("transp", "TRANSPARENT")
        else:
            # RFC 5545 §3.8.2.3: DUE is the moment *before which* the to-do is to be done,
            # and must be later than DTSTART; its own example DUE;VALUE=DATE:20070501 is
            # "overdue at midnight May 1st". So a task finishing on the 13th is DUE on the
            # 14th, like an all-day DTEND (and icalendar's Todo.end). Clients that follow
            # the RFC (Thunderbird, eM Client) then do not flag it overdue on its last day;
            # the finish day itself is written in DESCRIPTION for people.
            component.add("due", row.finish + _ONE_DAY)
        if row.critical:
            component.add("priority", 1)
        if task.lead:
            component.add("categories", [task.lead])
        for link in task.depends:
            # RFC 9253: the predecessor's UID, so a tool can rebuild the network.
            component.add(
                "related-to", task_uid(plan, link.task), parameters={"RELTYPE": "DEPENDS-ON"}
            )
        if task.part_of is not None:
            component.add("related-to", task_uid(plan, task.part_of), parameters=_PARENT)
        for successor, kind, lag in successors.get(task.id, ()):
            # RFC 9253's temporal relationship, from the predecessor to its successor.
            parameters = {"RELTYPE": _TEMPORAL[kind]}
            if lag:
                parameters["GAP"] = f"{'-' if lag < 0 else ''}P{abs(lag)}D"
            component.add("related-to", task_uid(plan, successor), parameters=parameters)
        calendar.add_component(component)
    for group, dates in zip(plan.groups, schedule.groups, strict=True):
        calendar.add_component(_group_todo(plan, group, dates, stamp, _LABELS[options.lang]))
    data: bytes = calendar.to_ical()
    return data


_PARENT = {"RELTYPE": "PARENT"}


def _group_todo(
    plan: Plan, group: Group, dates: GroupSchedule, stamp: dt.datetime, labels: dict[str, str]
) -> Todo:
    """A group as the to-do its tasks are under, from their first start to their last
    finish (a group with no task under it has no dates)."""
    from icalendar import Todo

    component = Todo()
    component.add("uid", task_uid(plan, group.id))
    component.add("dtstamp", stamp)
    component.add("summary", group.title or group.id)
    lines = [f"{labels['lead']}: {group.lead}"] if group.lead else []
    if dates.start is not None and dates.finish is not None:
        component.add("dtstart", dates.start)
        component.add("due", dates.finish + _ONE_DAY)  # as a task's (see above)
        lines.append(
            f"{labels['dates']}: {dates.start.isoformat()} {labels['to']} "
            f"{dates.finish.isoformat()}"
        )
    if lines:
        component.add("description", "\n".join(lines))
    if group.lead:
        component.add("categories", [group.lead])
    if group.part_of is not None:
        component.add("related-to", task_uid(plan, group.part_of), parameters=_PARENT)
    return component


#: RFC 9253's RELTYPE for each link type.
_TEMPORAL = {
    "FS": "FINISHTOSTART",
    "SS": "STARTTOSTART",
    "FF": "FINISHTOFINISH",
    "SF": "STARTTOFINISH",
}


def _successors(plan: Plan) -> dict[str, list[tuple[str, str, int]]]:
    """Each task's successors: (successor id, link type, lag in working days)."""
    out: dict[str, list[tuple[str, str, int]]] = {}
    for task in plan.tasks:
        for link in task.depends:
            out.setdefault(link.task, []).append((task.id, link.type.value, link.lag))
    return out


def _description(row: TaskSchedule, task: Task, labels: dict[str, str]) -> str:
    """Lead, dates, slack, critical, deadline, predecessors: one ``Label: value`` a line.

    The deadline stays here rather than in DUE (which is the scheduled finish) or in a
    VALARM (which imported files commonly drop, and which would ring for every task).
    """
    lines = []
    if task.lead:
        lines.append(f"{labels['lead']}: {task.lead}")
    dates = row.start.isoformat()
    if not row.milestone:
        dates += f" {labels['to']} {row.finish.isoformat()} ({task.duration} {labels['days']})"
    lines.append(f"{labels['dates']}: {dates}")
    lines.append(f"{labels['slack']}: {row.total_slack} {labels['days']}")
    lines.append(f"{labels['critical']}: {labels['yes'] if row.critical else labels['no']}")
    if task.deadline:
        missed = f" ({labels['missed']})" if row.finish > task.deadline else ""
        lines.append(f"{labels['deadline']}: {task.deadline.isoformat()}{missed}")
    if task.depends:
        lines.append(f"{labels['depends']}: {', '.join(link.task for link in task.depends)}")
    if task.notes:
        lines.append(f"{labels['notes']}: {task.notes}")
    return "\n".join(lines)


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    register(
        Reporter(
            "ics",
            "The schedule as an iCalendar file: tasks as to-dos, milestones as events",
            ".ics",
            "text/calendar",
            render_ics,
            uses=("as_of", "lang"),
        )
    )
