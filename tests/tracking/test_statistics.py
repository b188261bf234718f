"""Counts per lead agency and per unit (rolled up the hierarchy), for a period."""

from __future__ import annotations

import datetime as dt

import attrs

from urbangov.calendar import ReportingPeriod, WorkCalendar
from urbangov.hierarchy import AdministrativeUnit, Dated, Hierarchy, UnitKind
from urbangov.plan import Group, Plan, Task
from urbangov.tracking import (
    GroupKey,
    ProgressUpdate,
    StatisticsRow,
    TrackingLog,
    statistics,
    status_report,
)

D = dt.date


def _unit(uid: str, name: str, kind: UnitKind, parent: str | None = None) -> AdministrativeUnit:
    return AdministrativeUnit(
        uid,
        names=[Dated(name)],
        kinds=[Dated(kind)],
        parents=[Dated(parent)] if parent else [],
    )


CITY = Hierarchy(
    [
        _unit("city", "Thành phố", UnitKind.CENTRALLY_RUN_CITY),
        _unit("city/d1", "Quận 1", UnitKind.URBAN_DISTRICT, "city"),
        _unit("city/d1/w1", "Phường A", UnitKind.WARD, "city/d1"),
        _unit("city/d1/w2", "Phường B", UnitKind.WARD, "city/d1"),
        _unit("city/d2", "Quận 2", UnitKind.URBAN_DISTRICT, "city"),
    ]
)
PLAN = Plan(
    "p",
    "Plan",
    D(2021, 4, 5),
    tasks=[
        Task("w1", "Ward A", 3, deadline=D(2021, 4, 9), lead="w1/ubnd", unit="city/d1/w1"),
        Task("w2", "Ward B", 3, deadline=D(2021, 4, 9), lead="w2/ubnd", unit="city/d1/w2"),
        Task("d2", "District 2", 3, deadline=D(2021, 4, 9), lead="d2/ubnd", unit="city/d2"),
        Task("c", "City", 2, depends=["w1", "w2", "d2"], deadline=D(2021, 5, 28), unit="city"),
    ],
    calendar=WorkCalendar.mon_fri(),
)
LOG = TrackingLog(
    [
        ProgressUpdate(
            "w1", D(2021, 4, 8), actual_start=D(2021, 4, 5), actual_finish=D(2021, 4, 8)
        ),
        ProgressUpdate(
            "w2", D(2021, 4, 12), actual_start=D(2021, 4, 5), actual_finish=D(2021, 4, 12)
        ),
    ]
)


def test_counts_per_lead_with_the_on_time_rate() -> None:
    stats = statistics(status_report(PLAN, LOG, D(2021, 4, 14)))
    rows = {row.key: row for row in stats}
    assert rows["w1/ubnd"].done_on_time == 1
    assert rows["w1/ubnd"].on_time_rate == 1.0
    assert rows["w2/ubnd"].done_late == 1
    assert rows["w2/ubnd"].on_time_rate == 0.0
    assert rows["d2/ubnd"].overdue == 1
    assert rows["d2/ubnd"].on_time_rate is None
    assert rows[None].in_time == 1  # the city task has no lead
    overall = stats.overall
    assert (overall.done, overall.done_on_time, overall.total) == (2, 1, 4)
    assert overall.on_time_rate == 0.5


def test_a_group_row_counts_every_task_under_it_in_the_plans_order() -> None:
    grouped = attrs.evolve(
        PLAN,
        tasks=[
            attrs.evolve(PLAN.tasks[0], part_of="II.1"),
            attrs.evolve(PLAN.tasks[1], part_of="w1"),  # under a task under II.1
            attrs.evolve(PLAN.tasks[2], part_of="I"),
            PLAN.tasks[3],
        ],
        groups=[Group("II", "Hai"), Group("I", "Một"), Group("II.1", "Hai.1", part_of="II")],
    )
    stats = statistics(status_report(grouped, LOG, D(2021, 4, 14)), by="group")
    assert stats.by is GroupKey.GROUP
    assert [(r.key, r.name) for r in stats] == [
        ("II", "Hai"),
        ("I", "Một"),
        ("II.1", "Hai.1"),
        (None, None),
    ]
    rows = {row.key: row for row in stats}
    assert (rows["II"].done_on_time, rows["II"].done_late) == (1, 1)  # w1 and w2
    assert rows["II.1"].total == 2
    assert rows["I"].overdue == 1
    assert rows[None].in_time == 1
    assert stats.overall.total == 4  # each task once, however many groups it is in


def test_a_unit_row_counts_the_units_under_it() -> None:
    stats = statistics(status_report(PLAN, LOG, D(2021, 4, 14)), by="unit", hierarchy=CITY)
    rows = {row.key: row for row in stats}
    assert rows["city/d1"].total == 2
    assert rows["city/d1"].name == "Quận 1"
    assert rows["city/d1"].done_on_time == 1
    assert rows["city/d1"].done_late == 1
    assert rows["city"].total == 4  # everything rolls up to the city
    assert rows["city/d1/w1"].total == 1
    flat = {
        row.key: row
        for row in statistics(status_report(PLAN, LOG, D(2021, 4, 14)), by=GroupKey.UNIT)
    }
    assert flat["city"].total == 1  # without a hierarchy, no roll-up


def test_depth_counts_from_the_province_under_a_country_root() -> None:
    """In a national hierarchy the country sits above the provinces: depth 1 is still
    the city and its districts (and the country's row, its total)."""
    country = Hierarchy(
        [
            _unit("vn", "Việt Nam", UnitKind.COUNTRY),
            *(attrs.evolve(unit, parents=unit.parents or [Dated("vn")]) for unit in CITY),
        ]
    )
    report = status_report(PLAN, LOG, D(2021, 4, 14))
    shallow = statistics(report, by="unit", hierarchy=country, depth=1)
    assert [row.key for row in shallow] == ["city", "city/d1", "city/d2", "vn"]
    assert statistics(report, by="unit", hierarchy=CITY, depth=1).rows == shallow.rows[:3]


def test_a_period_counts_what_was_due_finished_or_open_in_it() -> None:
    report = status_report(PLAN, LOG, D(2021, 5, 14))
    april = statistics(report, period=ReportingPeriod.month(2021, 4))  # 15 Mar - 14 Apr
    assert april.overall.total == 3  # the city task is due in May and not started
    may = statistics(report, period=ReportingPeriod.month(2021, 5))  # 15 Apr - 14 May
    keys = {row.key for row in may}
    assert "w1/ubnd" not in keys
    assert "w2/ubnd" not in keys
    assert {row.key: row for row in may}["d2/ubnd"].overdue == 1  # still open: carried over
    data = may.to_dict()
    assert data["period"] == {"label": "2021-05", "start": "2021-04-15", "end": "2021-05-14"}


def test_row_arithmetic() -> None:
    row = StatisticsRow("x", None, done_on_time=3, done_late=1, in_time=2, overdue=4, withdrawn=5)
    assert (row.total, row.done, row.on_time_rate) == (10, 4, 0.75)
    assert row.to_dict()["total"] == 10
