"""Meeting programmes as iCalendar (RFC 5545): one recurring VEVENT per programme.

The RRULE carries the series, so a calendar shows meetings beyond the range asked
for; the meetings that move off a non-working day within the range are exception
VEVENTs (same UID, RECURRENCE-ID = the rule's date), and dates merged into another
meeting are EXDATEs. Times are local (TZID Asia/Ho_Chi_Minh, with its VTIMEZONE).
The output is the same bytes on every run, as the schedule's ``ics`` report is.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from urbangov.meetings._occurrences import Occurrence, held, nominal_window, zone
from urbangov.plan import Language

if TYPE_CHECKING:
    from urbangov.plan import Plan
    from urbangov.plan._programme import Programme

__all__ = ["PRODID", "programme_uid", "render_ics"]

#: The same product as the schedule's ``ics`` report.
PRODID = "-//urbangov//urbangov//EN"

_LABELS = {
    Language.VI: {"organ": "Cơ quan họp", "moved": "Dời từ ngày {date} (ngày nghỉ)"},
    Language.EN: {"organ": "Organ", "moved": "Moved from {date} (a non-working day)"},
}


def programme_uid(plan: Plan, programme_id: str) -> str:
    """The series' UID: stable across exports, and apart from the tasks' UIDs."""
    return f"meeting-{programme_id}@{plan.id}.urbangov"


def render_ics(
    plan: Plan, start: dt.date, end: dt.date, *, lang: Language | str | None = None
) -> bytes:
    """A VCALENDAR of the plan's programmes, exceptions written from ``start`` to ``end``.

    An exception is written for every meeting held in the range and for every rule
    date in the range, wherever it moved to.
    """
    from icalendar import Calendar  # only when this format is used

    labels = _LABELS[Language(lang or plan.lang)]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", plan.title or plan.id)
    for programme in plan.meetings:
        for component in _series(plan, programme, start, end, labels):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data


def _series(
    plan: Plan, programme: Programme, start: dt.date, end: dt.date, labels: dict[str, str]
) -> list[Any]:
    """The programme's VEVENT, then its exceptions in date order."""
    from icalendar import vRecur

    first, last = nominal_window(programme, plan.calendar, start, end, runs=2)
    in_range = [
        o
        for o in held(programme, plan.calendar, first, last)
        if any(start <= day <= end for day in (o.date, o.nominal, *o.merged))
    ]
    begin = _local(programme.first, programme)
    master = _event(plan, programme, begin, f"{labels['organ']}: {programme.organ}")
    rule = vRecur.from_ical(programme.rule)
    if programme.until is not None:  # RFC 5545: UTC when DTSTART has a TZID
        rule["UNTIL"] = _local(programme.until, programme).astimezone(dt.UTC)
    if programme.count is not None:
        rule["COUNT"] = programme.count
    master.add("rrule", rule)
    merged = [_local(day, programme) for o in in_range for day in o.merged]
    if merged:
        master.add("exdate", merged)
    out = [master]
    for occurrence in (o for o in in_range if o.moved):
        out.append(_exception(plan, programme, occurrence, labels))
    return out


def _exception(
    plan: Plan, programme: Programme, occurrence: Occurrence, labels: dict[str, str]
) -> Any:
    moved = labels["moved"].format(date=occurrence.nominal)
    description = f"{labels['organ']}: {programme.organ}\n{moved}"
    event = _event(plan, programme, occurrence.start, description)
    event.add("recurrence-id", _local(occurrence.nominal, programme))
    return event


def _event(plan: Plan, programme: Programme, begin: dt.datetime, description: str) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", programme_uid(plan, programme.id))
    # As in the schedule's report: the plan's start, not "now", so exports compare equal.
    event.add("dtstamp", dt.datetime.combine(plan.start, dt.time(), tzinfo=dt.UTC))
    event.add("summary", programme.title or programme.id)
    event.add("dtstart", begin)
    event.add("dtend", begin + programme.duration)
    if programme.place:
        event.add("location", programme.place)
    event.add("categories", [programme.organ])
    event.add("description", description)
    return event


def _local(day: dt.date, programme: Programme) -> dt.datetime:
    return dt.datetime.combine(day, programme.time, tzinfo=zone())
