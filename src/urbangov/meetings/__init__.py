"""Meeting programmes: when an organ meets, what each meeting reviews, and exports.

A :class:`Programme` is a value a :class:`~urbangov.plan.Plan` carries (it is defined
beside the plan, so that the plan does not depend on this package); this package
expands it into :class:`Occurrence` objects on the plan's working calendar, builds an
:class:`Agenda` for each from the schedule (and, with :func:`tracking_items`, from the
progress reported by each meeting's day), and writes Markdown, iCalendar and JSON.
"""

from urbangov.meetings._agenda import (
    Agenda,
    AgendaItem,
    ExtraItems,
    Section,
    agendas,
    build_agenda,
    ranked_by_risk,
)
from urbangov.meetings._ics import programme_uid, render_ics
from urbangov.meetings._json import meetings_dict, render_json
from urbangov.meetings._markdown import render_markdown
from urbangov.meetings._occurrences import Occurrence, next_occurrence, occurrences
from urbangov.meetings._tracking import status_items, tracking_items
from urbangov.plan._programme import TIME_ZONE, Cadence, OnHoliday, Programme

__all__ = [
    "TIME_ZONE",
    "Agenda",
    "AgendaItem",
    "Cadence",
    "ExtraItems",
    "Occurrence",
    "OnHoliday",
    "Programme",
    "Section",
    "agendas",
    "build_agenda",
    "meetings_dict",
    "next_occurrence",
    "occurrences",
    "programme_uid",
    "ranked_by_risk",
    "render_ics",
    "render_json",
    "render_markdown",
    "status_items",
    "tracking_items",
]
