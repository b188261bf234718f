"""Which day a status is "as of" when nobody says: a 2021 plan is judged in 2021.

A status, a report or a reminder is always as of a day. Judged against today, an
example made for June 2021 shows everything overdue by years; so the day is, in
order: the day asked for, the end of the reporting period asked for, the plan's own
``as_of``, the day of the latest tracking record, and only then today. The result
says where its day came from, so that every output can say it too.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, final

import attrs

if TYPE_CHECKING:
    from urbangov.calendar import ReportingPeriod
    from urbangov.plan import Plan
    from urbangov.tracking._log import TrackingLog

__all__ = ["AsOf", "AsOfSource", "as_of_day"]


class AsOfSource(StrEnum):
    """Where an as-of day came from."""

    #: Asked for (``--as-of``, or the ``as_of`` argument).
    GIVEN = "given"
    #: The last day of the reporting period asked for.
    PERIOD = "period"
    #: The plan's ``as_of``.
    PLAN = "plan"
    #: The day of the latest tracking record (a report, a request, a decision).
    RECORDS = "records"
    #: Nothing said otherwise.
    TODAY = "today"


@final
@attrs.frozen
class AsOf:
    """A status day and where it came from."""

    day: dt.date
    source: AsOfSource


def as_of_day(
    plan: Plan,
    log: TrackingLog | None = None,
    *,
    given: dt.date | None = None,
    period: ReportingPeriod | None = None,
    today: dt.date | None = None,
) -> AsOf:
    """The day a status of ``plan`` is as of (see the module).

    >>> import datetime as dt
    >>> from urbangov.plan import Plan
    >>> from urbangov.tracking import ProgressUpdate, TrackingLog, as_of_day
    >>> plan = Plan("p", "P", dt.date(2021, 4, 5))
    >>> log = TrackingLog([ProgressUpdate("a", dt.date(2021, 6, 14))])
    >>> as_of_day(plan, log)
    AsOf(day=datetime.date(2021, 6, 14), source=<AsOfSource.RECORDS: 'records'>)
    """
    if given is not None:
        return AsOf(given, AsOfSource.GIVEN)
    if period is not None:
        return AsOf(period.end, AsOfSource.PERIOD)
    if plan.as_of is not None:
        return AsOf(plan.as_of, AsOfSource.PLAN)
    latest = None if log is None else log.latest_day()
    if latest is not None:
        return AsOf(latest, AsOfSource.RECORDS)
    return AsOf(today or dt.date.today(), AsOfSource.TODAY)
