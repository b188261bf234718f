"""Helpers for testing urbangov plugins (and urbangov itself).

>>> from urbangov.testing import render, sample_schedule
>>> render("csv", sample_schedule()).splitlines()[0][:18]
'id,title,duration,'
"""

from __future__ import annotations

import datetime as dt

from urbangov.plan import Dependency, Plan, Task
from urbangov.plugins import Plugins
from urbangov.reporting import ReportOptions
from urbangov.scheduling import Schedule, schedule
from urbangov.testing._store_contract import StoreContract
from urbangov.tracking import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    StatusReport,
    TrackingLog,
    status_report,
)

__all__ = [
    "StoreContract",
    "plugins_with",
    "render",
    "sample_log",
    "sample_plan",
    "sample_schedule",
    "sample_status",
]


def plugins_with(*plugins: object) -> Plugins:
    """urbangov's built-ins plus ``plugins``, without the installed packages: a test
    sees exactly the plugins it names."""
    return Plugins(entry_points=False, extra=plugins)


def sample_plan() -> Plan:
    """A small plan that has what reports must handle: Vietnamese titles, Tết 2021,
    all four link types, a lead, a milestone, a deadline missed, an ALAP task."""
    return Plan(
        "mau",
        "Kế hoạch mẫu",
        dt.date(2021, 1, 25),
        tasks=[
            Task("t1", "Soạn thảo quy định", 10, lead="hcmc/so-noi-vu"),
            Task("t2", "Thẩm định", 5, depends=["t1"], lead="hcmc/so-tu-phap"),
            Task("t3", "Tập huấn phường", 3, depends=[Dependency("t1", "SS", 2)]),
            Task("t4", "Lấy ý kiến", 4, depends=[Dependency("t2", "FF", -1)], constraint="ALAP"),
            Task("t5", "Chuẩn bị hội nghị", 2, depends=[Dependency("t3", "SF", 1)]),
            Task("m1", "Ban hành", 0, depends=["t2", "t4"], deadline=dt.date(2021, 2, 17)),
        ],
        calendar="vn",
    )


def sample_schedule() -> Schedule:
    """:func:`sample_plan`, scheduled."""
    return schedule(sample_plan())


SAMPLE_STATUS_DATE = dt.date(2021, 2, 9)


def sample_log() -> TrackingLog:
    """Progress on :func:`sample_plan` as of 9 February 2021 (just before Tết), with one
    task of each status a report must show: done on time (t3), done late (t5), overdue
    (t1), in time but at risk (t2), and an extension asked for and granted (m1)."""
    day = dt.date
    return TrackingLog(
        [
            ProgressUpdate(
                "t3",
                day(2021, 1, 29),
                actual_start=day(2021, 1, 27),
                actual_finish=day(2021, 1, 29),
                reported_by="UBND phường",
            ),
            ProgressUpdate(
                "t5", day(2021, 2, 2), actual_start=day(2021, 1, 28), actual_finish=day(2021, 2, 2)
            ),
            ProgressUpdate(
                "t1",
                day(2021, 2, 9),
                actual_start=day(2021, 1, 25),
                remaining_duration=3,
                note="Chờ ý kiến Sở Tư pháp",
            ),
        ],
        requests=[ExtensionRequest("x1", "m1", day(2021, 2, 8), day(2021, 3, 5), "Tết")],
        decisions=[ExtensionDecision("x1", day(2021, 2, 9), approved=True)],
    )


def sample_status() -> StatusReport:
    """:func:`sample_plan`'s official status as of 9 February 2021, from
    :func:`sample_log`: what a status-aware report format receives as
    ``ReportOptions(status=...)``.

    >>> sorted({t.status.value for t in sample_status()})
    ['done_late', 'done_on_time', 'in_time', 'overdue']
    """
    return status_report(sample_plan(), sample_log(), SAMPLE_STATUS_DATE)


def render(
    format: str,
    schedule: Schedule | None = None,
    options: ReportOptions | None = None,
    *,
    plugins: Plugins | None = None,
) -> str | bytes:
    """Render ``schedule`` (default: the sample) in ``format`` as ``urbangov report``
    would."""
    plugins = plugins if plugins is not None else plugins_with()
    reporter = plugins.reporter(format)
    return reporter.render(
        schedule if schedule is not None else sample_schedule(), options or ReportOptions()
    )
