"""Who may write what: the lead reports, the assigning body decides, on the HCMC plan
cascaded to its wards, with its organisation and a delegation."""

from __future__ import annotations

import datetime as dt
import logging

import attrs
import pytest

from tests.examples import HCMC_PLAN
from urbangov.errors import AuthorityError, TrackingError
from urbangov.hierarchy import Competence, Delegation, Organisation
from urbangov.io import hierarchy_of, load_plan, organisation_of
from urbangov.plan import Plan
from urbangov.tracking import (
    ExtensionDecision,
    ExtensionRequest,
    ProgressUpdate,
    ReportingPolicy,
    TrackingLog,
    Withdrawal,
)

D = dt.date
TOP = "t09-bo-tri-cong-chuc"  # led by Sở Nội vụ, handed down to districts and wards
DISTRICT = f"{TOP}/hcmc/quan-1"
WARD = f"{TOP}/hcmc/quan-1/ben-nghe"
WARD_COMMITTEE = "hcmc/quan-1/ben-nghe/people_committee"
DISTRICT_COMMITTEE = "hcmc/quan-1/people_committee"
DAY = D(2021, 6, 14)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(HCMC_PLAN)


@pytest.fixture(scope="module")
def organisation(plan: Plan) -> Organisation:
    found = organisation_of(plan, hierarchy_of(plan))
    assert found is not None
    return found


@pytest.fixture
def policy(plan: Plan, organisation: Organisation) -> ReportingPolicy:
    return ReportingPolicy(plan, organisation)


def _progress(task: str, day: dt.date = DAY) -> TrackingLog:
    return TrackingLog([ProgressUpdate(task, day, percent_complete=50)])


def test_the_lead_reports_and_others_do_not(policy: ReportingPolicy) -> None:
    assert policy.refusals(WARD_COMMITTEE, _progress(WARD)) == []
    assert policy.refusals("hcmc/so-noi-vu", _progress(TOP)) == []
    [refused] = policy.refusals("hcmc/quan-1/ben-thanh/people_committee", _progress(WARD))
    assert refused.task == WARD
    assert refused.reason == (
        f"it is neither the task's lead, {WARD_COMMITTEE}, nor an organ it handed the task to"
    )
    # The district does not report for its ward, nor the ward for the district.
    assert policy.refusals(DISTRICT_COMMITTEE, _progress(WARD))
    assert policy.refusals(WARD_COMMITTEE, _progress(DISTRICT))


def test_an_unknown_account_is_refused_and_says_so(policy: ReportingPolicy) -> None:
    [refused] = policy.refusals("nobody-at-all", _progress(WARD))
    assert "not an organ, a post or a person holding a post" in refused.reason


def test_a_post_and_a_person_act_for_their_organ(policy: ReportingPolicy) -> None:
    assert policy.refusals("hcmc/so-noi-vu/director", _progress(TOP)) == []
    chair = "hcmc/quan-1/ben-nghe/people_committee/chair"  # derived for every committee
    assert policy.refusals(chair, _progress(WARD)) == []
    # nguoi-a chairs Thảo Điền's committee from 1 July 2021: as of each record's date.
    thao_dien = f"{TOP}/hcmc/thu-duc/thao-dien"
    assert policy.refusals("nguoi-a", _progress(thao_dien, D(2021, 7, 5))) == []
    assert policy.refusals("nguoi-a", _progress(thao_dien, D(2021, 6, 30)))
    assert policy.refusals("nguoi-a", _progress(WARD, D(2021, 7, 5)))


def test_a_delegation_of_the_task_lets_the_receiver_report_while_it_holds(
    plan: Plan, organisation: Organisation
) -> None:
    handed = Delegation(
        "d-t09",
        giver=WARD_COMMITTEE,
        receiver="hcmc/quan-1/ben-nghe/people_committee/chair",
        kind="authorisation",
        scope=f"task/{WARD}",
        valid_from=D(2021, 6, 1),
        valid_to=D(2021, 6, 30),
    )
    other = Delegation(
        "d-other",
        giver=WARD_COMMITTEE,
        receiver="hcmc/quan-1/ben-thanh/people_committee",
        kind="authorisation",
        scope="task/something-else",
    )
    with_them = Organisation(
        organisation.hierarchy,
        organs=[organisation.organ("hcmc/so-noi-vu")],
        # The register checks that a giver holds what it hands down: a lead its tasks.
        competences=[Competence(WARD_COMMITTEE, "task")],
        delegations=[handed, other],
    )
    policy = ReportingPolicy(plan, with_them)
    receiver = "hcmc/quan-1/ben-nghe/people_committee/chair"
    assert receiver in policy.leads(WARD, DAY)
    assert policy.leads(WARD, D(2021, 7, 1)) == {WARD_COMMITTEE}  # it ended on 30 June
    assert policy.refusals("hcmc/quan-1/ben-thanh/people_committee", _progress(WARD))


def test_the_assigning_body_decides_extensions_and_withdrawals(policy: ReportingPolicy) -> None:
    request = ExtensionRequest("x1", WARD, D(2021, 6, 10), D(2021, 7, 15))
    asked = TrackingLog(requests=[request])
    assert policy.refusals(WARD_COMMITTEE, asked) == []  # the lead asks
    decided = TrackingLog(requests=[request], decisions=[ExtensionDecision("x1", DAY, True)])
    decision_only = TrackingLog(decisions=[ExtensionDecision("x1", DAY, True)], partial=True)
    assert policy.assigner(WARD) == DISTRICT_COMMITTEE  # the level above hands it down
    assert policy.assigner(DISTRICT) == "hcmc/so-noi-vu"
    assert policy.assigner(TOP) == "hcmc/people_committee"  # the plan's issued_by
    # The ward may not grant itself the extension; its district decides.
    [refused] = policy.refusals(WARD_COMMITTEE, decided)
    assert refused.kind == "extension decision"
    assert refused.reason == (
        f"only the body that assigned the task, {DISTRICT_COMMITTEE}, decides it"
    )
    stored = {"x1": WARD}.get  # the request is in the store already
    assert policy.refusals(DISTRICT_COMMITTEE, decision_only, task_of_request=stored) == []
    withdrawn = TrackingLog(withdrawals=[Withdrawal(TOP, DAY, "Gộp vào nhiệm vụ khác")])
    assert policy.refusals("hcmc/people_committee", withdrawn) == []
    assert policy.refusals("hcmc/so-noi-vu", withdrawn)  # the lead does not withdraw it


def test_without_an_issuer_nobody_decides_the_top_tasks(
    plan: Plan, organisation: Organisation
) -> None:
    policy = ReportingPolicy(attrs.evolve(plan, issued_by=None), organisation)
    withdrawn = TrackingLog(withdrawals=[Withdrawal(TOP, DAY)])
    [refused] = policy.refusals("hcmc/people_committee", withdrawn)
    assert "set the plan's issued_by" in refused.reason


def test_check_refuses_the_whole_submission_and_logs_each_refusal(
    policy: ReportingPolicy, caplog: pytest.LogCaptureFixture
) -> None:
    records = TrackingLog(
        [
            ProgressUpdate(WARD, DAY, percent_complete=50),
            ProgressUpdate(f"{TOP}/hcmc/quan-1/ben-thanh", DAY, percent_complete=10),
            ProgressUpdate(f"{TOP}/hcmc/quan-1/da-kao", DAY, percent_complete=10),
        ]
    )
    with (
        caplog.at_level(logging.WARNING, logger="urbangov.authority"),
        pytest.raises(AuthorityError) as refused,
    ):
        policy.check(WARD_COMMITTEE, records)
    error = refused.value
    assert isinstance(error, PermissionError)
    assert isinstance(error, TrackingError)
    assert len(error.refusals) == 2
    assert str(error).startswith(
        f"{WARD_COMMITTEE} may not write the progress report of 2021-06-14 on task "
        f"'{TOP}/hcmc/quan-1/ben-thanh'"
    )
    assert str(error).endswith("(and 1 more)")
    assert error.task_id == f"{TOP}/hcmc/quan-1/ben-thanh"
    assert len([r for r in caplog.records if "refused" in r.getMessage()]) == 2
