"""When a programme meets: the rule's dates, moved off the calendar's non-working days."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, final
from zoneinfo import ZoneInfo

import attrs

from urbangov.plan._programme import TIME_ZONE, OnHoliday, Programme

if TYPE_CHECKING:
    from urbangov.calendar import WorkCalendar

__all__ = ["Occurrence", "held", "next_occurrence", "nominal_window", "occurrences", "zone"]

_ONE_DAY = dt.timedelta(days=1)


@functools.cache
def zone() -> ZoneInfo:
    """Asia/Ho_Chi_Minh, where every meeting time is local."""
    return ZoneInfo(TIME_ZONE)


@final
@attrs.frozen
class Occurrence:
    """One meeting of a programme.

    ``nominal`` is the date the rule gives; ``date`` is the day the meeting is held,
    moved off a non-working day as the programme says. When moving puts two meetings
    of one programme on the same day they are held as one, and the other nominal
    dates are listed in ``merged``.
    """

    programme: str
    nominal: dt.date
    date: dt.date
    #: Aware date-times in Asia/Ho_Chi_Minh.
    start: dt.datetime
    end: dt.datetime
    merged: tuple[dt.date, ...] = ()

    @property
    def moved(self) -> bool:
        """Whether the meeting is held on another day than the rule's."""
        return self.date != self.nominal

    def to_dict(self) -> dict[str, Any]:
        """Dates as ISO strings: part of the ``urbangov meetings --format json`` contract."""
        return {
            "programme": self.programme,
            "nominal": self.nominal.isoformat(),
            "date": self.date.isoformat(),
            "moved": self.moved,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "merged": [day.isoformat() for day in self.merged],
        }


def occurrences(
    programme: Programme, calendar: WorkCalendar, start: dt.date, end: dt.date
) -> list[Occurrence]:
    """The meetings held (after moving) from ``start`` to ``end``, both included, in order.

    >>> import datetime as dt
    >>> from urbangov.calendar import WorkCalendar
    >>> from urbangov.meetings import Programme, occurrences
    >>> tet = Programme("m", "ubnd", "Giao ban", "monthly", dt.date(2021, 1, 12))
    >>> [o.date.isoformat() for o in occurrences(tet, WorkCalendar.vietnam(),
    ...                                          dt.date(2021, 1, 1), dt.date(2021, 3, 31))]
    ['2021-01-12', '2021-02-17', '2021-03-12']
    """
    first, last = nominal_window(programme, calendar, start, end)
    return [o for o in held(programme, calendar, first, last) if start <= o.date <= end]


def next_occurrence(
    programme: Programme, calendar: WorkCalendar, as_of: dt.date
) -> Occurrence | None:
    """The first meeting held on ``as_of`` or later; None once the series has ended."""
    first, _ = nominal_window(programme, calendar, as_of, as_of)
    for found in _held(programme, calendar, _nominal_dates(programme, first)):
        if found.date >= as_of:
            return found
    return None


def nominal_window(
    programme: Programme, calendar: WorkCalendar, start: dt.date, end: dt.date, *, runs: int = 1
) -> tuple[dt.date, dt.date]:
    """The nominal dates to expand so that every meeting held from ``start`` to ``end``
    is found with all the dates merged into it.

    A meeting moves at most across one run of non-working days, so the range widens
    by ``runs`` such runs on each side (two also find every nominal date's meeting).
    """
    if programme.on_holiday is OnHoliday.KEEP:
        return start, end
    first, last = start, end
    for _ in range(runs):
        first = calendar.previous_working_day(first)
        last = calendar.next_working_day(last)
    return first + _ONE_DAY, last - _ONE_DAY


def held(
    programme: Programme, calendar: WorkCalendar, first: dt.date, last: dt.date
) -> list[Occurrence]:
    """The meetings of the rule's dates from ``first`` to ``last`` (a nominal range)."""
    nominal = itertools.takewhile(lambda day: day <= last, _nominal_dates(programme, first))
    return list(_held(programme, calendar, nominal))


def _nominal_dates(programme: Programme, first: dt.date) -> Iterator[dt.date]:
    """The rule's dates from ``first`` on, lazily (an open rule never ends)."""
    rule = programme.rrule()
    for moment in rule.xafter(dt.datetime.combine(first, dt.time.min), inc=True):
        yield moment.date()


def _move(programme: Programme, calendar: WorkCalendar, day: dt.date) -> dt.date:
    if programme.on_holiday is OnHoliday.KEEP or calendar.is_working_day(day):
        return day
    if programme.on_holiday is OnHoliday.NEXT:
        return calendar.next_working_day(day)
    return calendar.previous_working_day(day)


def _held(
    programme: Programme, calendar: WorkCalendar, nominal: Iterable[dt.date]
) -> Iterator[Occurrence]:
    """Each nominal date moved, and dates moved onto one day merged into one meeting.

    Moving to the next (or previous) working day never reorders dates, so the dates
    that land on one day come one after another.
    """
    moved = ((day, _move(programme, calendar, day)) for day in nominal)
    for held, group in itertools.groupby(moved, key=lambda pair: pair[1]):
        days = [day for day, _ in group]
        # The meeting that was due that day keeps it; else the nearest moved one does.
        keep = min(days, key=lambda day: (abs((held - day).days), day))
        start = dt.datetime.combine(held, programme.time, tzinfo=zone())
        yield Occurrence(
            programme=programme.id,
            nominal=keep,
            date=held,
            start=start,
            end=start + programme.duration,
            merged=tuple(day for day in days if day != keep),
        )
