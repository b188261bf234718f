"""Meeting programmes as values: which organ meets, how often, at what time and where.

The value lives beside the plan so that a :class:`~urbangov.plan.Plan` can carry its
programmes without the plan depending on what is done with them; occurrences, agendas
and iCalendar export are in :mod:`urbangov.meetings`, which depends on the plan.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Final, final

import attrs

from urbangov.errors import MeetingError

if TYPE_CHECKING:
    from dateutil.rrule import rrule

__all__ = ["TIME_ZONE", "Cadence", "OnHoliday", "Programme", "programmes"]

#: Where meeting times are local: Vietnam, UTC+7 all year (no daylight saving since 1975).
TIME_ZONE: Final = "Asia/Ho_Chi_Minh"


class Cadence(StrEnum):
    """The two cadences the seed names, as shorthands for RFC 5545 rules.

    Both meet on ``start``'s day of the month, and RFC 5545 *skips* a month that
    has no such day: a monthly programme starting on the 31st has no meeting in
    April. Write ``FREQ=MONTHLY;BYMONTHDAY=-1`` for "the last day of every month".
    """

    #: Every month: ``FREQ=MONTHLY``.
    MONTHLY = "monthly"
    #: Every third month from ``start``: ``FREQ=MONTHLY;INTERVAL=3``.
    QUARTERLY = "quarterly"

    @property
    def rule(self) -> str:
        """The RRULE value this shorthand stands for."""
        return "FREQ=MONTHLY" if self is Cadence.MONTHLY else "FREQ=MONTHLY;INTERVAL=3"


class OnHoliday(StrEnum):
    """What happens to a meeting whose date is not a working day."""

    #: Move it to the next working day (the default: the work is reviewed, late).
    NEXT = "next"
    #: Move it to the previous working day (a review that must precede a date).
    PREVIOUS = "previous"
    #: Hold it on the day anyway.
    KEEP = "keep"


# Sub-daily frequencies and time parts would say *when in the day*: ``time`` says that.
_ALLOWED_FREQ = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
_FORBIDDEN_PARTS = {
    "UNTIL": "give until in the programme, not UNTIL in the rule",
    "COUNT": "give count in the programme, not COUNT in the rule",
    "BYHOUR": "the programme's time says when in the day",
    "BYMINUTE": "the programme's time says when in the day",
    "BYSECOND": "the programme's time says when in the day",
}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _cadence(value: str) -> str:
    """A shorthand as a :class:`Cadence`, an RRULE without its optional ``RRULE:`` name."""
    if not isinstance(value, str) or not value.strip():
        raise MeetingError(
            f"expected monthly, quarterly or an RRULE value, not {value!r}",
            field="cadence",
        )
    text = value.strip()
    if text.lower() in {c.value for c in Cadence}:
        return Cadence(text.lower())
    if text[:6].upper() == "RRULE:":
        text = text[6:]
    return text.upper()


def _check_rule(text: str) -> None:
    """Refuse what is not one RRULE value or would fight the programme's own fields.

    Only the names of the rule's parts are looked at here (RFC 5545: ``NAME=VALUE``
    parts joined by ``;``); python-dateutil parses and checks the values when the
    programme expands the rule, right after."""
    if "=" not in text:
        raise ValueError("expected monthly, quarterly or an RRULE value such as FREQ=MONTHLY")
    if "\n" in text or ":" in text:
        raise ValueError("expected one RRULE value such as FREQ=MONTHLY;BYDAY=-1FR")
    pairs = [part.partition("=") for part in text.upper().split(";")]
    for name, equals, value in pairs:
        if not (name and equals and value):
            raise ValueError(f"each part of the rule is NAME=VALUE, not {name + equals + value!r}")
    parts = {name: value for name, _, value in pairs}
    interval = parts.get("INTERVAL", "1")
    if not (interval.isdigit() and int(interval) > 0):  # dateutil repeats or stops silently
        raise ValueError(f"INTERVAL must be a whole number of at least 1, not {interval}")
    freq = parts.get("FREQ")
    if freq not in _ALLOWED_FREQ:
        raise ValueError(f"FREQ must be one of DAILY WEEKLY MONTHLY YEARLY, not {freq}")
    for part, why in _FORBIDDEN_PARTS.items():
        if part in parts:
            raise ValueError(f"{part} is not allowed: {why}")


@final
@attrs.frozen
class Programme:
    """A standing series of meetings of one organ (chương trình họp định kỳ).

    ``cadence`` is ``"monthly"``, ``"quarterly"`` or any RFC 5545 RRULE value
    (``"FREQ=MONTHLY;BYDAY=-1FR"``), expanded by python-dateutil from ``start``.
    ``until`` (inclusive) or ``count`` ends the series; ``on_holiday`` says where a
    meeting that falls on a non-working day goes. ``time`` is local time in
    Asia/Ho_Chi_Minh.

    >>> import datetime as dt
    >>> from urbangov.meetings import Programme
    >>> p = Programme("giao-ban", "hcmc/ubnd", "Giao ban", "monthly", dt.date(2021, 7, 12))
    >>> p.rule, p.first
    ('FREQ=MONTHLY', datetime.date(2021, 7, 12))
    """

    id: str = attrs.field(converter=_nfc)
    #: The organ that meets: a reference such as ``hcmc/people_committee``, or free text.
    organ: str = attrs.field(converter=_nfc)
    title: str = attrs.field(converter=_nfc)
    cadence: str = attrs.field(converter=_cadence)
    start: dt.date
    until: dt.date | None = None
    count: int | None = None
    on_holiday: OnHoliday = attrs.field(default=OnHoliday.NEXT, converter=OnHoliday)
    time: dt.time = dt.time(8, 0)
    duration: dt.timedelta = dt.timedelta(hours=2)
    place: str | None = attrs.field(default=None, converter=attrs.converters.optional(_nfc))
    _first: dt.date = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._check_fields()
        try:
            if not isinstance(self.cadence, Cadence):
                _check_rule(self.cadence)
            first = self.rrule().after(dt.datetime.combine(self.start, self.time), inc=True)
        except (ValueError, TypeError) as exc:
            raise self._error("cadence", f"not a usable recurrence rule: {exc}") from None
        except IndexError:  # dateutil's, for an ordinal such as BYDAY=99MO
            raise self._error(
                "cadence", "not a usable recurrence rule: a value is out of range"
            ) from None
        if first is None:
            raise self._error("cadence", "the rule gives no meeting date from start on")
        object.__setattr__(self, "_first", first.date())

    def _check_fields(self) -> None:
        if not self.id.strip():
            raise MeetingError("a programme needs a non-empty id", field="id")
        if not self.organ.strip():
            raise self._error("organ", "a programme needs the organ that meets")
        for name in ("start", "until"):
            value = getattr(self, name)
            if value is not None and (
                not isinstance(value, dt.date) or isinstance(value, dt.datetime)
            ):
                raise self._error(name, f"expected a calendar date, not {value!r}")
        if self.until is not None and self.until < self.start:
            raise self._error("until", f"until {self.until} is before start {self.start}")
        if self.count is not None:
            if not isinstance(self.count, int) or isinstance(self.count, bool) or self.count < 1:
                raise self._error("count", f"expected a whole number ≥ 1, not {self.count!r}")
            if self.until is not None:
                raise self._error("count", "give until or count, not both")
        if not isinstance(self.time, dt.time) or self.time.tzinfo is not None:
            raise self._error("time", f"expected a local time of day, not {self.time!r}")
        if not isinstance(self.duration, dt.timedelta) or not (
            dt.timedelta(0) < self.duration <= dt.timedelta(days=1)
        ):
            raise self._error(
                "duration", f"expected more than 0 and at most a day, got {self.duration!r}"
            )

    def _error(self, field: str, message: str) -> MeetingError:
        return MeetingError(message, programme_id=self.id, field=field)

    @property
    def rule(self) -> str:
        """The RRULE value, without ``UNTIL`` or ``COUNT`` (those are separate fields)."""
        return self.cadence.rule if isinstance(self.cadence, Cadence) else self.cadence

    @property
    def first(self) -> dt.date:
        """The first meeting's nominal date: RFC 5545's DTSTART, which must match the rule."""
        return self._first

    def rrule(self) -> rrule:
        """The rule as python-dateutil expands it: naive local date-times at ``time``."""
        from dateutil.rrule import rrule, rrulestr

        rule = rrulestr(self.rule, dtstart=dt.datetime.combine(self.start, self.time))
        if not isinstance(rule, rrule):  # a set: the rule text held more than a rule
            raise ValueError("expected one RRULE value")
        if self.until is not None:
            return rule.replace(until=dt.datetime.combine(self.until, self.time))
        if self.count is not None:
            return rule.replace(count=self.count)
        return rule


def programmes(values: Iterable[Programme]) -> tuple[Programme, ...]:
    """``values`` as a tuple of programmes with distinct ids (a :class:`Plan` field)."""
    out = tuple(values)
    seen: set[str] = set()
    for programme in out:
        if not isinstance(programme, Programme):
            raise MeetingError(f"expected Programme objects, not {type(programme).__name__}")
        if programme.id in seen:
            raise MeetingError("duplicate programme id", programme_id=programme.id)
        seen.add(programme.id)
    return out
