"""What a report format is, and the options every format receives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, final

import attrs

from urbangov.errors import ReportError
from urbangov.plan import Language, Task

if TYPE_CHECKING:
    from urbangov.calendar import ReportingPeriod
    from urbangov.hierarchy import Hierarchy, Organisation
    from urbangov.risk import RiskResult
    from urbangov.scheduling import Schedule
    from urbangov.tracking import Baseline, StatusReport, TrackingLog

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
    """What the person asking for a report chose, and the data around the schedule; a
    format uses what applies to it.

    The tracking fields are empty unless tracking data was asked for: ``urbangov
    report`` fills them for a format whose :attr:`Reporter.needs_tracking` is set, and
    for any format when ``--progress`` or ``--store`` is given; ``baseline`` only with
    ``--baseline NAME``.
    """

    #: The status date: tracking-aware formats show the plan as of this day.
    as_of: dt.date | None = None
    lang: Language = attrs.field(default=Language.VI, converter=Language)
    #: How tasks are grouped; status reports count per lead, per unit, or (None) both.
    group_by: GroupBy | None = attrs.field(
        default=None, converter=attrs.converters.optional(GroupBy)
    )
    #: Every task's official status as of a day (see :mod:`urbangov.tracking`).
    status: StatusReport | None = attrs.field(default=None, kw_only=True)
    #: The records ``status`` was computed from: extension requests, reasons, decisions.
    log: TrackingLog | None = attrs.field(default=None, kw_only=True)
    #: Count only the tasks of this reporting period (Decree 09/2019/NĐ-CP).
    period: ReportingPeriod | None = attrs.field(default=None, kw_only=True)
    #: Per unit, only units at most this many levels below the top (1: the districts).
    depth: int | None = attrs.field(
        default=None,
        kw_only=True,
        validator=attrs.validators.optional(attrs.validators.ge(0)),
    )
    #: The plan's hierarchy: units roll up and are named.
    hierarchy: Hierarchy | None = attrs.field(default=None, kw_only=True)
    #: The plan's organs and posts: leads are named, accountable people found.
    organisation: Organisation | None = attrs.field(default=None, kw_only=True)
    #: A saved baseline to draw or compare with (``urbangov report --baseline NAME``).
    baseline: Baseline | None = attrs.field(default=None, kw_only=True)
    #: A schedule risk simulation (``urbangov report --estimates FILE | --range``).
    risk: RiskResult | None = attrs.field(default=None, kw_only=True)

    def require_status(self, format_name: str) -> StatusReport:
        """``status``, or a :class:`~urbangov.errors.ReportError` saying the format
        needs it: what a tracking-aware format calls first."""
        if self.status is None:
            raise ReportError(
                f"report format {format_name!r} needs tracking data: "
                "ReportOptions(status=...) from urbangov.tracking.status_report"
            )
        return self.status


#: Renders a schedule; text for text formats, bytes for binary ones (XLSX, PDF).
RenderFunction = Callable[["Schedule", ReportOptions], "str | bytes"]


def _names(values: Iterable[str] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(values)


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
    #: The format shows tracking data: ``urbangov report`` computes
    #: :attr:`ReportOptions.status` for it and refuses to run without progress records.
    needs_tracking: bool = attrs.field(default=False, kw_only=True)
    #: The format shows a risk simulation: ``urbangov report`` runs one (from
    #: ``--estimates`` or ``--range``) into :attr:`ReportOptions.risk`.
    needs_risk: bool = attrs.field(default=False, kw_only=True)
    #: The :class:`ReportOptions` fields the format reads (``as_of``, ``lang``,
    #: ``group_by``, ``status``, ``period``, ``depth``, ``baseline``): ``urbangov
    #: report`` warns about an option given for a field it does not read. ``None``:
    #: not declared, no warning.
    uses: frozenset[str] | None = attrs.field(default=None, kw_only=True, converter=_names)
