"""Deciding: the reminder ladder, repeats while overdue, escalation, at risk, meetings."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.notify.sample import DEADLINE, organisation, plan, status
from urbangov.notify import (
    UNASSIGNED,
    Kind,
    Notification,
    Notifier,
    Rules,
    SQLiteLedger,
    digests_for,
    plan_notifications,
)
from urbangov.tracking import ProgressUpdate, TrackingLog

D = dt.date


def decided(
    day: dt.date, rules: Rules | None = None, log: TrackingLog | None = None
) -> list[Notification]:
    return list(plan_notifications(plan(), status(day, log), organisation(), rules or Rules(), day))


def about(found: list[Notification], task: str) -> list[tuple[str, str, dt.date, int]]:
    """The deadline rules' notifications about ``task`` (not at-risk alerts)."""
    return [
        (n.kind.value, n.recipient.key, n.due, n.level)
        for n in found
        if n.task == task and n.kind is not Kind.AT_RISK
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2021, 6, 22), []),
        (D(2021, 6, 23), [("reminder", "person:nguoi-a", D(2021, 6, 23), 0)]),
        (D(2021, 6, 28), [("reminder", "person:nguoi-a", D(2021, 6, 23), 0)]),  # the same key
        (D(2021, 6, 29), [("reminder", "person:nguoi-a", D(2021, 6, 29), 0)]),
        (D(2021, 6, 30), [("deadline", "person:nguoi-a", D(2021, 6, 30), 0)]),
        (D(2021, 7, 1), [("overdue", "person:nguoi-a", D(2021, 7, 1), 0)]),
        (D(2021, 7, 7), [("overdue", "person:nguoi-a", D(2021, 7, 1), 0)]),
        (D(2021, 7, 8), [("overdue", "person:nguoi-a", D(2021, 7, 8), 0)]),
        (
            D(2021, 7, 15),  # 11 working days late: one level up, to Thủ Đức's chair
            [
                ("overdue", "person:nguoi-a", D(2021, 7, 15), 0),
                ("escalation", "person:nguoi-d", D(2021, 7, 15), 1),
            ],
        ),
        (
            D(2021, 7, 29),  # 21 days late: the City's chair
            [
                ("overdue", "person:nguoi-a", D(2021, 7, 29), 0),
                ("escalation", "person:nguoi-e", D(2021, 7, 29), 2),
            ],
        ),
        (
            D(2021, 8, 20),  # the top of the chain: no further level, the same key
            [
                ("escalation", "person:nguoi-e", D(2021, 7, 29), 2),
                ("overdue", "person:nguoi-a", D(2021, 8, 19), 0),
            ],
        ),
    ],
)
def test_the_latest_step_due_goes_to_whoever_answers_then_up_the_chain(
    day: dt.date, expected: list[tuple[str, str, dt.date, int]]
) -> None:
    assert sorted(about(decided(day), "ward")) == sorted(expected)


def test_a_run_on_a_day_off_acts_as_on_the_working_day_before() -> None:
    saturday = D(2021, 7, 3)
    assert about(decided(saturday), "ward") == about(decided(D(2021, 7, 2)), "ward")
    # The deadline passed on Wednesday; late is counted in working days only.
    assert "2 working day(s) overdue" in next(n.text for n in decided(saturday) if n.task == "ward")


def test_a_post_nobody_holds_is_the_recipient_and_done_tasks_are_quiet() -> None:
    found = decided(D(2021, 6, 30))
    assert {n.recipient.key for n in found if n.task == "city"} == {"post:hcmc/so-noi-vu/director"}
    director = next(n.recipient for n in found if n.task == "city")
    assert director.contacts.get("email") == "snv@hcmc.example"
    done = TrackingLog(
        [
            ProgressUpdate(
                "ward", D(2021, 6, 29), actual_start=D(2021, 6, 1), actual_finish=D(2021, 6, 29)
            )
        ]
    )
    assert about(decided(D(2021, 7, 15), log=done), "ward") == []


def test_at_risk_alerts_repeat_at_most_every_n_working_days() -> None:
    early = [n for n in decided(D(2021, 6, 14)) if n.kind is Kind.AT_RISK]
    assert [n.task for n in early] == ["big"]
    assert "after its deadline 2021-06-30" in early[0].text
    days = sorted(
        {n.due for day in range(7, 26) for n in decided(D(2021, 6, day)) if n.kind is Kind.AT_RISK}
    )
    vn = plan().calendar
    assert [vn.working_days_between(a, b) for a, b in itertools.pairwise(days)] == [5, 5, 5]
    assert not [
        n for n in decided(D(2021, 6, 14), Rules(at_risk_every=0)) if n.kind is Kind.AT_RISK
    ]


def test_meeting_reminders_go_to_every_post_of_the_organ() -> None:
    found = [n for n in decided(D(2021, 6, 23)) if n.kind is Kind.MEETING]
    assert {n.recipient.key for n in found} == {
        "person:nguoi-a",
        "post:hcmc/thu-duc/thao-dien/people_committee/vice_chair",
    }
    assert {n.subject for n in found} == {"giao-ban@2021-06-25"}
    assert {n.due for n in found} == {D(2021, 6, 23)}  # 2 working days before Friday
    assert not [n for n in decided(D(2021, 6, 22)) if n.kind is Kind.MEETING]


def test_rules_change_the_ladder() -> None:
    rules = Rules(before=[10], on_deadline=False, escalate_after=0)
    assert about(decided(D(2021, 6, 16), rules), "ward") == [
        ("reminder", "person:nguoi-a", D(2021, 6, 16), 0)
    ]
    assert about(decided(D(2021, 6, 30), rules), "ward") == [
        ("reminder", "person:nguoi-a", D(2021, 6, 16), 0)
    ]
    assert {n.kind for n in decided(D(2021, 8, 20), rules) if n.task == "ward"} == {Kind.OVERDUE}


def test_without_an_organisation_the_lead_organ_is_told() -> None:
    found = plan_notifications(plan(), status(D(2021, 6, 30)), None, Rules(), D(2021, 6, 30))
    assert {n.recipient.key for n in found if n.task == "city"} == {"organ:hcmc/so-noi-vu"}


def test_a_task_with_no_lead_goes_to_unassigned() -> None:
    import attrs

    from urbangov.plan import Task

    bare = attrs.evolve(plan(), tasks=[Task("x", "X", 2, deadline=DEADLINE)], meetings=())
    from urbangov.tracking import status_report

    found = plan_notifications(
        bare, status_report(bare, TrackingLog(), DEADLINE), organisation(), Rules()
    )
    assert {n.recipient for n in found} == {UNASSIGNED}


def test_keys_are_stable_and_name_rule_subject_recipient_and_day() -> None:
    first = {n.key for n in decided(D(2021, 7, 2))}
    assert first == {n.key for n in decided(D(2021, 7, 7))}
    ward = next(n for n in decided(D(2021, 7, 2)) if n.task == "ward")
    assert ward.key == '["overdue","ward","person:nguoi-a","2021-07-01"]'
    assert Notification.from_dict(ward.to_dict(), ward.recipient.contacts) == ward


def test_rules_refuse_nonsense() -> None:
    from urbangov.errors import NotifyError

    with pytest.raises(NotifyError, match="whole numbers of working days"):
        Rules(before=[0])
    with pytest.raises(NotifyError, match="overdue_every must be a whole number >= 1"):
        Rules(overdue_every=0)
    with pytest.raises(NotifyError, match="channels must name at least one channel"):
        Rules(channels=[])


_DAYS = st.dates(D(2021, 6, 1), D(2021, 9, 30))


@given(
    day=_DAYS,
    channels=st.lists(st.sampled_from(["console", "email", "webhook"]), min_size=1, unique=True),
)
def test_every_notification_reaches_exactly_one_digest_per_channel_that_reaches_it(
    day: dt.date, channels: list[str]
) -> None:
    found = decided(day)
    ledger = SQLiteLedger(":memory:", read_only=True)
    for channel in channels:
        notifier = Notifier(
            channel, lambda d: None, address=(lambda r: "-") if channel == "console" else None
        )
        digests, unreachable = digests_for(
            notifier, found, ledger, plan_id="p", plan_title="P", as_of=day
        )
        placed = [n.key for d in digests for n in d.items]
        assert len(placed) == len(set(placed))  # in one digest only
        missed = {r.key for r in unreachable}
        assert set(placed) == {n.key for n in found if n.recipient.key not in missed}
        assert len({d.recipient.key for d in digests}) == len(digests)  # one per recipient
        for digest in digests:
            assert {n.recipient.key for n in digest.items} == {digest.recipient.key}


def test_a_person_accountable_answers_first_then_the_chain_above_the_lead() -> None:
    import attrs

    from urbangov.notify._recipients import Recipients

    ward = next(t for t in plan().tasks if t.id == "ward")
    org, day = organisation(), D(2021, 7, 15)
    # Người D, Thủ Đức's chair, answers for it: above D, the City's chair (Người E).
    by_d = Recipients(org, day).chain(attrs.evolve(ward, accountable="nguoi-d"))
    assert [r.key for r in by_d] == ["person:nguoi-d", "person:nguoi-e"]
    # Người A holds Thảo Điền's chair: the same chain as the lead's, A told once.
    by_a = Recipients(org, day).chain(attrs.evolve(ward, accountable="nguoi-a"))
    assert [r.key for r in by_a] == ["person:nguoi-a", "person:nguoi-d", "person:nguoi-e"]


def test_texts_and_digests_follow_the_plan_language() -> None:
    import attrs

    from urbangov.notify import Notifier, SQLiteLedger, digests_for

    vietnamese = attrs.evolve(plan(), lang="vi")
    day = dt.date(2021, 6, 30)
    found = plan_notifications(vietnamese, status(day), organisation(), Rules(), day)
    texts = {n.task: n.text for n in found if n.kind is Kind.DEADLINE}
    assert texts["ward"] == "ward Rà soát công chức phường: đến hạn hôm nay (30/06/2021), " + (
        "đã thực hiện 0%"
    )
    console = Notifier("console", lambda d: None, address=lambda r: "-")
    with SQLiteLedger(":memory:") as ledger:
        digests, _ = digests_for(
            console, found, ledger, plan_id="p", plan_title="P", as_of=day, lang="vi"
        )
    text = digests[0].text()
    assert "Số liệu đến ngày 30/06/2021" in text
    assert "Đến hạn hôm nay:" in text
    assert digests[0].subject.startswith("[urbangov] p, số liệu đến ngày 30/06/2021: ")
    english = plan_notifications(vietnamese, status(day), organisation(), Rules(), day, lang="en")
    due = next(n.text for n in english if n.task == "ward" and n.kind is Kind.DEADLINE)
    assert "due today (2021-06-30)" in due
