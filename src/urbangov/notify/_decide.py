"""Deciding what is due as of a day: a pure function of the plan, its status and rules.

Every step of a rule falls on a working day, counted in working-day numbers of the
plan's calendar index (so a run is arithmetic, not date walking). A run on a day off
acts as on the last working day before it. For each task and rule only the latest step
due by then is decided, with that step's day as its ``due`` day: the idempotency key
is then the same on every run until the next step, and the ledger sends it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final

from urbangov._words import day
from urbangov.notify._model import Kind, Notification
from urbangov.notify._recipients import Recipients
from urbangov.notify._rules import Rules
from urbangov.notify._words import WORDS
from urbangov.plan import Language
from urbangov.tracking import DeadlineSource, Status

if TYPE_CHECKING:
    from urbangov.calendar import WorkCalendar
    from urbangov.hierarchy import Organisation
    from urbangov.meetings import Programme
    from urbangov.plan import Plan, Task
    from urbangov.tracking import StatusReport, TaskStatus

__all__ = ["plan_notifications"]

_ORDER: Final = {kind: i for i, kind in enumerate(Kind)}


class _Days:
    """Dates and working-day numbers of one calendar, around one run's date."""

    def __init__(self, calendar: WorkCalendar, as_of: dt.date, lang: Language) -> None:
        self.index = calendar.index
        self.as_of = as_of
        #: The language texts are written in.
        self.lang = lang
        #: The last working day on or before the run's date.
        self.today = self.last_on_or_before(as_of)

    def last_on_or_before(self, day: dt.date) -> int:
        return int(self.index.number(day.toordinal() + 1)) - 1

    def date(self, number: int) -> dt.date:
        return dt.date.fromordinal(int(self.index.ordinal(number)))

    def say(self, key: str, **values: object) -> str:
        """A text in the run's language; dates written as its readers write them."""
        shown = {k: day(v, self.lang) if isinstance(v, dt.date) else v for k, v in values.items()}
        return WORDS(key, self.lang, **shown)


def plan_notifications(
    plan: Plan,
    status: StatusReport,
    organisation: Organisation | None = None,
    rules: Rules | None = None,
    as_of: dt.date | None = None,
    *,
    meetings: Sequence[Programme] | None = None,
    lang: Language | str | None = None,
) -> tuple[Notification, ...]:
    """Every notification due as of ``as_of`` (default: the report's date), sorted by
    recipient, kind, due day and subject.

    Recipients come from ``organisation``: the holder of the post that answers for a
    task (the task's ``accountable``, else the head of its lead organ, else the chair
    of its unit), or the post when nobody is known to hold it; escalations go up
    :meth:`~urbangov.hierarchy.Organisation.escalation`. Without an organisation, the
    lead organ is the recipient. Meeting reminders go to the posts of the meeting's
    organ, for ``meetings`` (default: the plan's programmes). Texts are in ``lang``
    (default: the plan's).
    """
    rules = rules or Rules()
    day = as_of or status.as_of
    days = _Days(plan.calendar, day, Language(lang or plan.lang))
    people = Recipients(organisation, day)
    found: list[Notification] = []
    for task, row in zip(plan.tasks, status.tasks, strict=True):
        if rules.deadlines_only and row.deadline_source is DeadlineSource.PLANNED_FINISH:
            continue
        found.extend(_for_task(task, row, rules, days, people))
    programmes = plan.meetings if meetings is None else meetings
    for programme in programmes:
        found.extend(_for_meeting(programme, plan.calendar, rules, days, people))
    found.sort(key=lambda n: (n.recipient.key, _ORDER[n.kind], n.due, n.subject))
    return tuple(found)


def _for_task(
    task: Task, row: TaskStatus, rules: Rules, days: _Days, people: Recipients
) -> Iterator[Notification]:
    if row.status is Status.IN_TIME:
        yield from _before(task, row, rules, days, people)
    elif row.status is Status.OVERDUE:
        yield from _overdue(task, row, rules, days, people)


def _label(task: Task) -> str:
    title = task.title if len(task.title) <= 80 else task.title[:79] + "…"
    return f"{task.id} {title}"


def _before(
    task: Task, row: TaskStatus, rules: Rules, days: _Days, people: Recipients
) -> Iterator[Notification]:
    """The latest reminder step due (N days before, the day itself), and at-risk."""
    last = days.last_on_or_before(row.deadline)  # a Sunday deadline is met by Friday
    steps = [(last - n, Kind.REMINDER) for n in rules.before]
    if rules.on_deadline:
        steps.append((last, Kind.DEADLINE))
    due = [(number, kind) for number, kind in steps if number <= days.today]
    who = people.chain(task)[0]
    if due:
        number, kind = max(due)
        left = last - days.today
        text = (
            days.say("due_today", task=_label(task), deadline=row.deadline, progress=row.progress)
            if kind is Kind.DEADLINE or left <= 0
            else days.say(
                "due", task=_label(task), deadline=row.deadline, left=left, progress=row.progress
            )
        )
        yield Notification(kind, task.id, who, days.date(number), text, row.deadline, task=task.id)
    if row.at_risk and rules.at_risk_every:
        number = days.today - days.today % rules.at_risk_every
        text = days.say(
            "at_risk", task=_label(task), forecast=row.forecast_finish, deadline=row.deadline
        )
        yield Notification(
            Kind.AT_RISK, task.id, who, days.date(number), text, row.deadline, task=task.id
        )


def _overdue(
    task: Task, row: TaskStatus, rules: Rules, days: _Days, people: Recipients
) -> Iterator[Notification]:
    """A reminder every ``overdue_every`` days; one escalation per level reached."""
    first = days.last_on_or_before(row.deadline) + 1  # the first working day late
    if days.today < first:
        return  # late since a day off: nobody is at work to be told yet
    late = days.today - first + 1
    chain = people.chain(task)
    repeat = first + (days.today - first) // rules.overdue_every * rules.overdue_every
    what = days.say("overdue", task=_label(task), late=late, deadline=row.deadline)
    yield Notification(
        Kind.OVERDUE,
        task.id,
        chain[0],
        days.date(repeat),
        days.say("overdue_progress", what=what, progress=row.progress),
        row.deadline,
        task=task.id,
    )
    if not rules.escalate_after or len(chain) < 2:
        return
    level = min((late - 1) // rules.escalate_after, len(chain) - 1)
    if level:
        reached = first + level * rules.escalate_after
        text = days.say("escalated", what=what, who=chain[0].name)
        yield Notification(
            Kind.ESCALATION,
            task.id,
            chain[level],
            days.date(reached),
            text,
            row.deadline,
            level,
            task.id,
        )


def _for_meeting(
    programme: Programme, calendar: WorkCalendar, rules: Rules, days: _Days, people: Recipients
) -> Iterator[Notification]:
    """The latest reminder step due before the programme's next meeting."""
    from urbangov.meetings import next_occurrence

    meeting = next_occurrence(programme, calendar, days.as_of)
    if meeting is None:
        return
    held = days.last_on_or_before(meeting.date)
    due = [held - n for n in rules.meetings_before if held - n <= days.today]
    if not due:
        return
    place = f", {programme.place}" if programme.place else ""
    text = days.say(
        "meeting",
        title=programme.title,
        day=meeting.date,
        start=f"{meeting.start:%H:%M}",
        end=f"{meeting.end:%H:%M}",
        place=place,
    )
    subject = f"{programme.id}@{meeting.date}"
    for who in people.members(programme.organ):
        yield Notification(Kind.MEETING, subject, who, days.date(max(due)), text, meeting.date)
