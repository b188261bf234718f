"""What a report format is, and the options every format receives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, final

import attrs

from urbangov.plan import Language, Task

if TYPE_CHECKING:
    from urbangov.scheduling import Schedule

__all__ = ["GroupBy", "Language", "ReportOptions", "Reporter", "group_key"]


class GroupBy(StrEnum):
    """How a report groups tasks."""

    LEAD = "lead"
    UNIT = "unit"


def group_key(task: Task, group_by: GroupBy) -> str | None:
    """The group a task goes in: its lead, or its unit. A task without a ``unit`` is
    in its lead organ's unit: an organ id is ``<unit id>/<organ>``."""
    if group_by is GroupBy.LEAD:
        return task.lead
    if task.unit is not None:
        return task.unit
    if task.lead is None:
        return None
    unit, slash, _ = task.lead.rpartition("/")
    return unit if slash else task.lead


@final
@attrs.frozen
class ReportOptions:
    """What the person asking for a report chose; a format uses what applies to it."""

    #: The status date: tracking-aware formats show the plan as of this day.
    as_of: dt.date | None = None
    lang: Language = attrs.field(default=Language.VI, converter=Language)
    group_by: GroupBy | None = attrs.field(
        default=None, converter=attrs.converters.optional(GroupBy)
    )


#: Renders a schedule; text for text formats, bytes for binary ones (XLSX, PDF).
RenderFunction = Callable[["Schedule", ReportOptions], "str | bytes"]


@final
@attrs.frozen
class Reporter:
    """A report format, as a plugin registers it.

    >>> Reporter("hello", "Hello", ".txt", "text/plain", lambda schedule, options: "hi")
    Reporter(name='hello', ...)
    """

    #: What ``urbangov report --format`` takes: lowercase, digits and hyphens.
    name: str = attrs.field(validator=attrs.validators.matches_re(r"[a-z0-9][a-z0-9-]*"))
    #: One line for ``urbangov plugins`` and the docs.
    title: str
    #: The file suffix, with its dot (``.html``).
    suffix: str
    media_type: str
    #: Returns text (written as UTF-8) or bytes (written as they are).
    render: RenderFunction = attrs.field(repr=False)
