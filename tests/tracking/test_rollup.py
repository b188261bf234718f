"""Progress rolls up the ``part_of`` tree, weighted by duration."""

from __future__ import annotations

import datetime as dt

import pytest

from urbangov.errors import PlanError
from urbangov.plan import Plan, Task
from urbangov.tracking import ProgressUpdate, TrackingLog, rolled_up_progress

D = dt.date


def _plan(*tasks: Task) -> Plan:
    return Plan("p", "P", D(2021, 4, 5), tasks=tasks)


def test_a_parent_shows_its_parts_weighted_by_duration() -> None:
    plan = _plan(
        Task("city", "City", 2),
        Task("d1", "District", 2, part_of="city"),
        Task("w1", "Ward 1", 6, part_of="d1"),
        Task("w2", "Ward 2", 2, part_of="d1"),
    )
    progress = TrackingLog(
        [
            ProgressUpdate("w1", D(2021, 4, 9), actual_start=D(2021, 4, 5), percent_complete=50),
            ProgressUpdate(
                "w2", D(2021, 4, 9), actual_start=D(2021, 4, 5), actual_finish=D(2021, 4, 6)
            ),
        ]
    ).progress_on(D(2021, 4, 9))
    out = rolled_up_progress(plan, progress)
    assert out["w1"] == 50
    assert out["w2"] == 100
    assert out["d1"] == round((6 * 50 + 2 * 100) / 10)  # 50
    assert out["city"] == round((6 * 50 + 2 * 100) / 12)  # 42


def test_milestones_alone_count_as_the_share_done() -> None:
    plan = _plan(Task("m", "M", 0), Task("a", "A", 0, part_of="m"), Task("b", "B", 0, part_of="m"))
    progress = TrackingLog(
        [
            ProgressUpdate(
                "a", D(2021, 4, 5), actual_start=D(2021, 4, 5), actual_finish=D(2021, 4, 5)
            )
        ]
    ).progress_on(D(2021, 4, 5))
    assert rolled_up_progress(plan, progress)["m"] == 33


def test_a_part_of_loop_is_named() -> None:
    plan = _plan(Task("a", "A", 1, part_of="b"), Task("b", "B", 1, part_of="a"))
    with pytest.raises(PlanError, match=r"part_of loop: (a -> b -> a|b -> a -> b)"):
        rolled_up_progress(plan, {})
