"""What a meeting reviews: the plan's tasks that need the organ's attention that day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, final

import attrs

from urbangov.meetings._occurrences import Occurrence, next_occurrence, occurrences
from urbangov.plan._programme import Programme

if TYPE_CHECKING:
    from urbangov.scheduling import Schedule, TaskSchedule

__all__ = [
    "Agenda",
    "AgendaItem",
    "ExtraItems",
    "Section",
    "agendas",
    "build_agenda",
    "ranked_by_risk",
]

_ONE_DAY = dt.timedelta(days=1)


class Section(StrEnum):
    """The parts of an agenda, in the order a meeting takes them.

    The schedule fills ``deadline-missed``, ``due`` and ``critical``. ``overdue``,
    ``at-risk`` and ``extension-requested`` need progress reports: tracking adds
    them as extra items (see :func:`build_agenda`).
    """

    #: Not finished although its deadline has passed (from tracking).
    OVERDUE = "overdue"
    #: Scheduled to finish after its deadline, and not finished before this meeting.
    DEADLINE_MISSED = "deadline-missed"
    #: Likely to slip, by its progress (from tracking).
    AT_RISK = "at-risk"
    #: The lead asked for more time (from tracking).
    EXTENSION_REQUESTED = "extension-requested"
    #: Due (deadline, or scheduled finish without one) from this meeting to the next.
    DUE = "due"
    #: On the critical path and under way between this meeting and the next.
    CRITICAL = "critical"


_ORDER = {section: rank for rank, section in enumerate(Section)}


@final
@attrs.frozen
class AgendaItem:
    """One task on an agenda, under one section; a task may be under several.

    The dates are the schedule's, where it has them; ``note`` is a line of free text
    (a reason, a requested date) for items from elsewhere.
    """

    section: Section = attrs.field(converter=Section)
    task_id: str
    title: str
    lead: str | None = None
    start: dt.date | None = None
    finish: dt.date | None = None
    deadline: dt.date | None = None
    note: str = ""
    #: The chance that the task meets its deadline, when a risk simulation ranked
    #: the agenda (see :func:`ranked_by_risk`).
    on_time: float | None = None

    @property
    def due(self) -> dt.date | None:
        """The date the task answers for: its deadline, else its scheduled finish."""
        return self.deadline or self.finish

    def to_dict(self) -> dict[str, Any]:
        """Part of the ``urbangov meetings --format json`` contract."""
        return {
            "section": self.section.value,
            "task": self.task_id,
            "title": self.title,
            "lead": self.lead,
            "start": _iso(self.start),
            "finish": _iso(self.finish),
            "deadline": _iso(self.deadline),
            "note": self.note,
            "on_time": self.on_time,
        }


def _items(values: Iterable[AgendaItem]) -> tuple[AgendaItem, ...]:
    return tuple(values)


@final
@attrs.frozen
class Agenda:
    """The agenda of one meeting: the items for the time until the next meeting."""

    occurrence: Occurrence
    #: The next meeting's date (excluded from this one's window); None after the last.
    until: dt.date | None
    items: tuple[AgendaItem, ...] = attrs.field(converter=_items)
    #: How many items each section left out to stay readable (see
    #: :func:`ranked_by_risk`).
    omitted: Mapping[Section, int] = attrs.field(factory=dict)

    def section(self, section: Section | str) -> tuple[AgendaItem, ...]:
        """The items under ``section``, in agenda order."""
        wanted = Section(section)
        return tuple(item for item in self.items if item.section is wanted)

    @property
    def sections(self) -> tuple[tuple[Section, tuple[AgendaItem, ...]], ...]:
        """The sections that have items, in :class:`Section` order."""
        found = (self.section(s) for s in Section)
        return tuple((s, items) for s, items in zip(Section, found, strict=True) if items)

    def to_dict(self) -> dict[str, Any]:
        """Part of the ``urbangov meetings --format json`` contract."""
        return {
            "until": _iso(self.until),
            "items": [item.to_dict() for item in self.items],
            "omitted": {section.value: n for section, n in self.omitted.items()},
        }


#: Extra items for a meeting, given the meeting and the next meeting's date (or None):
#: how tracking adds overdue, at-risk and extension-requested tasks as of each meeting.
ExtraItems = Callable[[Occurrence, "dt.date | None"], Iterable[AgendaItem]]


def build_agenda(
    schedule: Schedule,
    occurrence: Occurrence,
    until: dt.date | None,
    *,
    extra: Iterable[AgendaItem] = (),
) -> Agenda:
    """The agenda of ``occurrence``, whose window runs to ``until`` (the next meeting).

    ``extra`` items (from tracking, or anything else) join the schedule's, each in its
    own section; every section is sorted by due date, then by the plan's task order.
    """
    plan = schedule.plan
    items = [
        *_from_schedule(schedule, occurrence.date, until),
        *(_checked(item) for item in extra),
    ]

    def order(item: AgendaItem) -> tuple[int, dt.date, int, str]:
        position = plan.position(item.task_id) if item.task_id in plan else len(plan)
        return (_ORDER[item.section], item.due or dt.date.max, position, item.task_id)

    return Agenda(occurrence, until, sorted(items, key=order))


def ranked_by_risk(
    agenda: Agenda, chances: Mapping[str, float], *, most: int | None = None
) -> Agenda:
    """``agenda`` with each section ranked by risk: the items least likely to meet
    their deadline first (``chances``: task id -> the chance, as a risk simulation
    gives it; items without one keep their order, after those with one), and at
    most ``most`` items per section, the rest counted in :attr:`Agenda.omitted`.

    A meeting cannot discuss 249 wards; it can discuss the ten least likely to make it.
    """
    if most is not None and most < 1:
        raise ValueError(f"most must be at least 1, not {most}")
    items: list[AgendaItem] = []
    omitted: dict[Section, int] = {}
    for section, found in agenda.sections:
        rated = [attrs.evolve(item, on_time=chances.get(item.task_id)) for item in found]
        rated.sort(key=lambda item: 2.0 if item.on_time is None else item.on_time)
        if most is not None and len(rated) > most:
            omitted[section] = len(rated) - most
            rated = rated[:most]
        items += rated
    return attrs.evolve(agenda, items=items, omitted=omitted)


def agendas(
    schedule: Schedule,
    start: dt.date,
    end: dt.date,
    *,
    programmes: Iterable[Programme] | None = None,
    extra: ExtraItems | None = None,
    chances: Mapping[str, float] | None = None,
    most: int | None = None,
) -> list[Agenda]:
    """The agenda of every meeting from ``start`` to ``end``, ordered by start time.

    ``programmes`` defaults to the plan's. Each meeting's window runs to the next
    meeting of the same programme, even when that is after ``end``. With
    ``chances``, every agenda is ranked by risk and cut at ``most`` items per
    section (see :func:`ranked_by_risk`).
    """
    chosen = schedule.plan.meetings if programmes is None else tuple(programmes)
    found = [a for p in chosen for a in _programme_agendas(schedule, p, start, end, extra)]
    if chances is not None:
        found = [ranked_by_risk(a, chances, most=most) for a in found]
    rank = {p.id: i for i, p in enumerate(chosen)}
    return sorted(found, key=lambda a: (a.occurrence.start, rank[a.occurrence.programme]))


def _programme_agendas(
    schedule: Schedule,
    programme: Programme,
    start: dt.date,
    end: dt.date,
    extra: ExtraItems | None,
) -> list[Agenda]:
    calendar = schedule.plan.calendar
    held = occurrences(programme, calendar, start, end)
    out = []
    for i, occurrence in enumerate(held):
        if i + 1 < len(held):
            until: dt.date | None = held[i + 1].date
        else:
            following = next_occurrence(programme, calendar, occurrence.date + _ONE_DAY)
            until = following.date if following else None
        more = extra(occurrence, until) if extra is not None else ()
        out.append(build_agenda(schedule, occurrence, until, extra=more))
    return out


def _from_schedule(schedule: Schedule, day: dt.date, until: dt.date | None) -> list[AgendaItem]:
    """The schedule's items for the window from ``day`` up to ``until`` (excluded)."""
    return [
        AgendaItem(section, row.id, task.title, task.lead, row.start, row.finish, task.deadline)
        for row, task in zip(schedule, schedule.plan.tasks, strict=True)
        for section in _sections(row, task.deadline, day, until)
    ]


def _sections(
    row: TaskSchedule, deadline: dt.date | None, day: dt.date, until: dt.date | None
) -> list[Section]:
    """Where one task belongs on the agenda of the meeting on ``day``."""
    out = []
    not_done = row.finish >= day
    if deadline is not None and row.finish > deadline and not_done:
        out.append(Section.DEADLINE_MISSED)
    due = deadline or row.finish
    if day <= due and (until is None or due < until):
        out.append(Section.DUE)
    if row.critical and not_done and (until is None or row.start < until):
        out.append(Section.CRITICAL)
    return out


def _checked(item: AgendaItem) -> AgendaItem:
    if not isinstance(item, AgendaItem):
        raise TypeError(f"extra agenda items must be AgendaItem objects, not {item!r}")
    return item


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
