"""The official taxonomy as of a day: on time, late, in time, overdue, withdrawn, at risk."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from urbangov.calendar import WorkCalendar
from urbangov.errors import TrackingError
from urbangov.plan import Plan, Task
from urbangov.scheduling import schedule
from urbangov.tracking import (
    Baseline,
    DeadlineSource,
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    Status,
    TrackingLog,
    Withdrawal,
    status_report,
)

D = dt.date
PLAN = Plan(
    "p",
    "Plan",
    D(2021, 4, 5),
    tasks=[
        Task("draft", "Draft", 5, deadline=D(2021, 4, 9), lead="so-noi-vu"),
        Task("review", "Review", 5, depends=["draft"], deadline=D(2021, 4, 16), lead="so-tu-phap"),
        Task("issue", "Issue", 3, depends=["review"], deadline=D(2021, 4, 23), lead="ubnd"),
        Task("train", "Train", 10, depends=["draft"], lead="so-noi-vu"),
    ],
    calendar=WorkCalendar.mon_fri(),
)


def _log(*updates: ProgressUpdate, **more: object) -> TrackingLog:
    return TrackingLog(updates, **more)  # type: ignore[arg-type]


def test_done_on_time_and_done_late_follow_the_actual_finish() -> None:
    log = _log(
        ProgressUpdate(
            "draft", D(2021, 4, 9), actual_start=D(2021, 4, 5), actual_finish=D(2021, 4, 9)
        ),
        ProgressUpdate(
            "review", D(2021, 4, 20), actual_start=D(2021, 4, 12), actual_finish=D(2021, 4, 20)
        ),
    )
    report = status_report(PLAN, log, D(2021, 4, 21))
    assert report["draft"].status is Status.DONE_ON_TIME
    assert report["review"].status is Status.DONE_LATE
    assert report["review"].days_late == 2  # Mon 19 and Tue 20
    assert report["issue"].status is Status.IN_TIME  # due the 23rd, not started
    assert not report["issue"].started


def test_overdue_once_the_deadline_day_has_passed() -> None:
    log = _log(
        ProgressUpdate("draft", D(2021, 4, 9), actual_start=D(2021, 4, 5), percent_complete=60)
    )
    assert status_report(PLAN, log, D(2021, 4, 9))["draft"].status is Status.IN_TIME
    late = status_report(PLAN, log, D(2021, 4, 13))["draft"]
    assert late.status is Status.OVERDUE
    assert late.days_late == 2  # Mon 12, Tue 13
    assert late.progress == 60


def test_at_risk_when_the_forecast_passes_the_deadline() -> None:
    # draft is behind: 1 of 5 days done on Thursday; the rest cannot end by Friday.
    log = _log(
        ProgressUpdate("draft", D(2021, 4, 8), actual_start=D(2021, 4, 5), remaining_duration=4)
    )
    report = status_report(PLAN, log, D(2021, 4, 8))
    draft = report["draft"]
    assert draft.status is Status.IN_TIME
    assert draft.at_risk
    assert draft.forecast_finish == D(2021, 4, 14)
    assert report["review"].at_risk  # pushed past the 16th by its predecessor
    before_start = status_report(PLAN, _log(), D(2021, 4, 2))
    assert not any(t.at_risk for t in before_start)
    # At the end of the first day with nothing started, the work is a day behind.
    first_day = status_report(PLAN, _log(), D(2021, 4, 5))
    assert first_day["draft"].at_risk
    assert first_day["draft"].forecast_finish == D(2021, 4, 12)


def test_an_approved_extension_moves_the_deadline_and_is_counted() -> None:
    request = ExtensionRequest("x1", "issue", D(2021, 4, 20), D(2021, 4, 30), reason="waiting")
    log = _log(requests=[request], decisions=[ExtensionDecision("x1", D(2021, 4, 22), True)])
    before = status_report(PLAN, log, D(2021, 4, 21))
    assert before["issue"].deadline == D(2021, 4, 23)
    assert not before["issue"].extended
    assert before.pending_extensions == ("issue",)
    after = status_report(PLAN, log, D(2021, 4, 26))
    issue = after["issue"]
    assert issue.deadline == D(2021, 4, 30)
    assert issue.original_deadline == D(2021, 4, 23)
    assert issue.deadline_source is DeadlineSource.EXTENSION
    assert issue.extensions == 1
    assert issue.status is Status.IN_TIME  # would be overdue on the original deadline
    assert after.counts()["extended"] == 1


def test_a_rejected_extension_changes_nothing() -> None:
    request = ExtensionRequest("x1", "issue", D(2021, 4, 20), D(2021, 4, 30))
    log = _log(requests=[request], decisions=[ExtensionDecision("x1", D(2021, 4, 22), False)])
    issue = status_report(PLAN, log, D(2021, 4, 26))["issue"]
    assert issue.status is Status.OVERDUE
    assert issue.extensions == 0


def test_withdrawn_tasks_are_counted_apart() -> None:
    log = _log(withdrawals=[Withdrawal("train", D(2021, 4, 14), reason="merged into issue")])
    report = status_report(PLAN, log, D(2021, 4, 30))
    assert report["train"].status is Status.WITHDRAWN
    counts = report.counts()
    assert counts["withdrawn"] == 1
    assert sum(counts[s.value] for s in Status) == 4


def test_a_task_without_deadline_is_judged_by_its_planned_finish() -> None:
    train = status_report(PLAN, _log(), D(2021, 4, 30))["train"]
    assert train.deadline_source is DeadlineSource.PLANNED_FINISH
    assert train.deadline == schedule(PLAN)["train"].finish == D(2021, 4, 23)
    assert train.status is Status.OVERDUE
    baseline = Baseline.of(schedule(PLAN), "approved", D(2021, 4, 5))
    later = attrs.evolve(baseline.tasks["train"], finish=D(2021, 5, 7))
    moved = attrs.evolve(baseline, tasks={**baseline.tasks, "train": later})
    judged = status_report(PLAN, _log(), D(2021, 4, 30), baseline=moved)["train"]
    assert judged.deadline == D(2021, 5, 7)
    assert judged.status is Status.IN_TIME


def test_the_picture_is_rebuilt_as_it_was_on_a_past_day() -> None:
    log = _log(
        ProgressUpdate("draft", D(2021, 4, 7), actual_start=D(2021, 4, 5), percent_complete=40),
        ProgressUpdate("draft", D(2021, 4, 9), actual_finish=D(2021, 4, 9), percent_complete=100),
    )
    assert status_report(PLAN, log, D(2021, 4, 8))["draft"].progress == 40
    assert status_report(PLAN, log, D(2021, 4, 9))["draft"].status is Status.DONE_ON_TIME


def test_records_about_unknown_tasks_are_refused() -> None:
    log = _log(ProgressUpdate("nope", D(2021, 4, 9), actual_start=D(2021, 4, 5)))
    with pytest.raises(TrackingError, match="'nope'"):
        status_report(PLAN, log, D(2021, 4, 9))


def test_percent_without_an_actual_start_is_refused_with_the_task() -> None:
    log = _log(ProgressUpdate("draft", D(2021, 4, 9), percent_complete=50))
    with pytest.raises(TrackingError, match=r"'draft'.*actual_start"):
        status_report(PLAN, log, D(2021, 4, 9))


def test_json_contract() -> None:
    report = status_report(PLAN, _log(), D(2021, 4, 12))
    data = report.to_dict()
    assert set(data) == {"plan", "as_of", "forecast_finish", "counts", "tasks"}
    first = data["tasks"][0]
    assert first["status"] in {s.value for s in Status}
    assert {"at_risk", "progress", "deadline", "deadline_source", "lead", "unit"} <= set(first)
