"""The JSON contract of ``urbangov meetings --format json``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from urbangov.meetings._agenda import Agenda
    from urbangov.plan import Plan
    from urbangov.plan._programme import Programme

__all__ = ["meetings_dict", "render_json"]


def programme_dict(programme: Programme) -> dict[str, Any]:
    """A programme as the plan file writes it, with its rule spelt out."""
    return {
        "id": programme.id,
        "organ": programme.organ,
        "title": programme.title,
        "rrule": programme.rule,
        "start": programme.start.isoformat(),
        "first": programme.first.isoformat(),
        "until": programme.until.isoformat() if programme.until else None,
        "count": programme.count,
        "on_holiday": programme.on_holiday.value,
        "time": programme.time.isoformat(timespec="minutes"),
        "duration_minutes": programme.duration // dt.timedelta(minutes=1),
        "place": programme.place,
    }


def meetings_dict(
    plan: Plan, agendas: Sequence[Agenda], start: dt.date, end: dt.date
) -> dict[str, Any]:
    """The plan's programmes and the meetings from ``start`` to ``end`` with their agendas."""
    return {
        "plan": plan.id,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "programmes": [programme_dict(p) for p in plan.meetings],
        "meetings": [{**a.occurrence.to_dict(), "agenda": a.to_dict()} for a in agendas],
    }


def render_json(plan: Plan, agendas: Sequence[Agenda], start: dt.date, end: dt.date) -> str:
    """:func:`meetings_dict` as UTF-8 JSON text, Vietnamese unescaped."""
    data = meetings_dict(plan, agendas, start, end)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
