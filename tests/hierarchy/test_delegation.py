"""The delegation register: who may decide a matter in a unit on a date."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.hierarchy.test_hierarchy import hcmc
from tests.hierarchy.test_organisation import RULES
from urbangov.errors import OrganisationError, UnknownOrganError
from urbangov.hierarchy import (
    Appointment,
    Competence,
    Delegation,
    DelegationKind,
    Organisation,
    Person,
)

D = dt.date
ON = D(2021, 8, 1)
CITY = "hcmc/people_committee"
THU_DUC = "hcmc/thu-duc/people_committee"
WARD_CHAIR = "hcmc/thao-dien/people_committee/chair"
LAND = Competence(CITY, ["land", "planning"], basis=None)


def down(**extra: object) -> Delegation:
    fields: dict[str, object] = {
        "id": "d1",
        "giver": CITY,
        "receiver": THU_DUC,
        "kind": "decentralisation",
        "scope": "land/allocation",
        "valid_from": D(2021, 7, 1),
        "may_subdelegate": True,
    }
    fields.update(extra)
    return Delegation(**fields)  # type: ignore[arg-type]


def sub(**extra: object) -> Delegation:
    fields: dict[str, object] = {
        "id": "d2",
        "giver": THU_DUC,
        "receiver": WARD_CHAIR,
        "kind": "authorisation",
        "scope": ("land/allocation",),
        "valid_from": D(2021, 8, 1),
        "parent": "d1",
    }
    fields.update(extra)
    return Delegation(**fields)  # type: ignore[arg-type]


def register(
    *delegations: Delegation, competences: tuple[Competence, ...] = (LAND,)
) -> Organisation:
    return Organisation(
        hcmc(),
        people=[Person("a", "Người A")],
        appointments=[Appointment("a", WARD_CHAIR)],
        competences=competences,
        delegations=delegations,
        rules=RULES,
    )


def holders(org: Organisation, matter: str, unit: str, on: dt.date = ON) -> list[str]:
    return [a.holder for a in org.who_may_decide(matter, unit, on)]


def test_without_delegation_the_competent_organ_decides() -> None:
    org = register()
    (answer,) = org.who_may_decide("land/allocation", "hcmc/thao-dien", ON)
    assert (answer.holder, answer.person, answer.chain) == (CITY, None, ())
    assert answer.competence is LAND
    assert holders(org, "roads", "hcmc/thao-dien") == []


def test_decentralisation_applies_in_the_receivers_units_only() -> None:
    org = register(down())
    assert holders(org, "land/allocation", "hcmc/thao-dien") == [THU_DUC]
    assert holders(org, "land/allocation", "hcmc/thu-duc") == [THU_DUC]
    assert holders(org, "land/allocation", "hcmc/quan-1/ben-nghe") == [CITY]
    assert holders(org, "land/allocation", "hcmc/thao-dien", D(2021, 6, 30)) == [CITY]
    assert holders(org, "land/other", "hcmc/thao-dien") == [CITY]  # outside the scope


def test_sub_delegation_and_authorisation_keep_the_giver() -> None:
    org = register(down(), sub())
    answers = org.who_may_decide("land/allocation", "hcmc/thao-dien", ON)
    assert [(a.holder, [d.id for d in a.chain]) for a in answers] == [
        (WARD_CHAIR, ["d1", "d2"]),
        (THU_DUC, ["d1"]),  # an authorisation decides on the giver's behalf
    ]
    assert answers[0].person == Person("a", "Người A")
    assert answers[0].chain[0].kind is DelegationKind.DECENTRALISATION
    assert holders(org, "land/allocation", "hcmc/thao-dien", D(2021, 7, 31)) == [THU_DUC]


@pytest.mark.parametrize(
    ("delegations", "message"),
    [
        ((down(scope="roads"),), "holds no competence for 'roads'"),
        (
            (down(valid_from=None, receiver=THU_DUC),),
            None,
        ),
        ((down(), sub(parent="zz")), "unknown parent delegation 'zz'"),
        ((down(may_subdelegate=False), sub()), "sub-delegation is not permitted by 'd1'"),
        ((down(), sub(giver=CITY)), "its giver 'hcmc/people_committee' is not the receiver"),
        ((down(), sub(scope="land/other")), "'land/other' is not in the scope of 'd1'"),
        ((down(), sub(valid_from=D(2021, 1, 1))), "its period is not within that of 'd1'"),
        ((down(), sub(parent=None)), "holds no competence for 'land/allocation'"),
        ((down(), down()), "duplicate delegation id"),
        (
            (
                down(giver=THU_DUC, parent="d2", valid_from=ON),
                sub(giver=THU_DUC, parent="d1", may_subdelegate=True, receiver=THU_DUC),
            ),
            "cycle",
        ),
    ],
)
def test_bad_delegations_are_refused(
    delegations: tuple[Delegation, ...], message: str | None
) -> None:
    if message is None:  # a competence without dates covers an open-ended delegation
        register(*delegations)
        return
    with pytest.raises(OrganisationError, match=message) as info:
        register(*delegations)
    assert info.value.section == "delegations"


def test_a_delegation_period_must_lie_within_the_competence() -> None:
    dated = Competence(CITY, "land", D(2021, 1, 1), D(2021, 12, 31))
    with pytest.raises(OrganisationError, match="over its whole period"):
        register(down(), competences=(dated,))
    register(down(valid_to=D(2021, 12, 31)), competences=(dated,))


def test_unknown_givers_receivers_and_holders() -> None:
    with pytest.raises(UnknownOrganError, match="names unknown organ or post 'hcmc/nope'"):
        register(down(receiver="hcmc/nope"))
    with pytest.raises(UnknownOrganError, match="competence names unknown organ or post 'x'"):
        register(competences=(Competence("x", "land"),))
    with pytest.raises(ValueError, match="at least one matter"):
        Competence(CITY, [])
