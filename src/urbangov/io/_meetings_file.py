"""The ``[[meetings]]`` tables of a plan file: meeting programmes, with located errors.

Structured by the plan file's own strict converter (see :mod:`urbangov.io._plan_file`),
so a wrong type or an unknown key is reported like any other, e.g.
``plan.toml: meetings[1] (id 'q').time: expected a time "HH:MM", got 'noon'``.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
import cattrs

from urbangov.errors import MeetingError, PlanFileError
from urbangov.io._structure import choice, show
from urbangov.plan._programme import Cadence, OnHoliday, Programme

__all__ = ["MeetingTable", "programmes_from", "register_meeting_hooks"]

_MINUTES_A_DAY = 24 * 60


@attrs.frozen
class MeetingTable:
    """One ``[[meetings]]`` table as the file writes it."""

    id: str
    organ: str
    title: str
    start: dt.date
    cadence: Cadence | None = None
    rrule: str | None = None
    until: dt.date | None = None
    count: int | None = None
    on_holiday: OnHoliday = OnHoliday.NEXT
    time: dt.time = dt.time(8, 0)
    duration_minutes: int = 120
    place: str | None = None


def _time(value: object, _: object) -> dt.time:
    """``"08:00"`` (or a TOML local time) as a time of day; nothing else."""
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}:\d{2}", value):
        hour, minute = (int(part) for part in value.split(":"))
        try:
            return dt.time(hour, minute)
        except ValueError:
            raise ValueError(f"no such time: {value!r}") from None
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 10:30 as the base-60 number 630.
        raise ValueError(
            f'expected a time "HH:MM", got {value} (YAML reads an unquoted 10:30 as 630)'
        )
    raise ValueError(f'expected a time "HH:MM", got {show(value)}')


def register_meeting_hooks(converter: cattrs.Converter) -> None:
    """Teach the plan file's converter the values only meetings have."""
    converter.register_structure_hook(dt.time, _time)
    converter.register_structure_hook(Cadence, choice(Cadence))
    converter.register_structure_hook(OnHoliday, choice(OnHoliday))


def programmes_from(tables: list[MeetingTable], source: str | None) -> tuple[Programme, ...]:
    """The programmes of the file's tables; the first problem raises, located."""
    out: list[Programme] = []
    for i, table in enumerate(tables):
        where = f"meetings[{i}] (id {table.id!r})"
        if any(p.id == table.id for p in out):
            raise PlanFileError("duplicate programme id", path=source, location=where)
        out.append(_programme(table, where, source))
    return tuple(out)


def _programme(table: MeetingTable, where: str, source: str | None) -> Programme:
    if (table.cadence is None) == (table.rrule is None):
        given = "both" if table.cadence is not None else "neither"
        raise PlanFileError(
            f"give cadence (monthly, quarterly) or rrule, one of them ({given} given)",
            path=source,
            location=where,
        )
    if not 0 < table.duration_minutes <= _MINUTES_A_DAY:
        raise PlanFileError(
            f"expected 1 to {_MINUTES_A_DAY} minutes, got {table.duration_minutes}",
            path=source,
            location=f"{where}.duration_minutes",
        )
    rule_key = "cadence" if table.cadence is not None else "rrule"
    try:
        return Programme(
            table.id,
            table.organ,
            table.title,
            table.cadence or table.rrule or "",
            table.start,
            until=table.until,
            count=table.count,
            on_holiday=table.on_holiday,
            time=table.time,
            duration=dt.timedelta(minutes=table.duration_minutes),
            place=table.place,
        )
    except MeetingError as exc:
        key = {"cadence": rule_key, "duration": "duration_minutes"}.get(exc.field or "", exc.field)
        location = f"{where}.{key}" if key and key != "id" else where
        raise PlanFileError(exc.reason, path=source, location=location) from None
