"""Organs, posts, people and appointments of a hierarchy, asked as of a date."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hierarchy.test_hierarchy import hcmc
from urbangov.errors import (
    OrganisationError,
    UnknownOrganError,
    UnknownPersonError,
    UnknownPostError,
    UrbangovError,
)
from urbangov.hierarchy import (
    Appointment,
    Organ,
    Organisation,
    OrganKind,
    OrganRule,
    Person,
    Post,
    PostRole,
    UnitKind,
    derived_organ_id,
)

D = dt.date
ON = D(2021, 7, 1)
WARD = "hcmc/thao-dien"
COMMITTEE = f"{WARD}/people_committee"
CHAIR = f"{COMMITTEE}/chair"
NO_WARD_COUNCILS = OrganRule(
    OrganKind.PEOPLE_COUNCIL, False, {UnitKind.WARD, UnitKind.URBAN_DISTRICT}, "hcmc", ON
)
RULES = (
    OrganRule(OrganKind.PEOPLE_COUNCIL, True, set(UnitKind)),
    OrganRule(OrganKind.PEOPLE_COMMITTEE, True, set(UnitKind)),
    NO_WARD_COUNCILS,
)


def organisation(**extra: object) -> Organisation:
    parts: dict[str, object] = {
        "organs": [Organ("hcmc/so-noi-vu", "hcmc", "specialised_agency", "Sở Nội vụ")],
        "posts": [
            Post("hcmc/so-noi-vu/director", "hcmc/so-noi-vu", "Giám đốc Sở Nội vụ", "director"),
            Post(
                f"{COMMITTEE}/vice", COMMITTEE, "Phó Chủ tịch UBND phường Thảo Điền", "vice_chair"
            ),
        ],
        "people": [Person("a", "Người A"), Person("b", "Người B"), Person("c", "Người C")],
        "appointments": [
            Appointment("a", CHAIR, D(2021, 1, 1), D(2021, 12, 31)),
            Appointment("b", CHAIR, D(2022, 1, 1)),
            Appointment("c", "hcmc/people_committee/chair"),
        ],
    }
    parts.update(extra)
    return Organisation(hcmc(), rules=RULES, **parts)  # type: ignore[arg-type]


def test_organs_follow_from_the_rules_plus_the_listed_ones() -> None:
    org = organisation()
    assert [o.id for o in org.organs(WARD, D(2021, 6, 30))] == [
        f"{WARD}/people_council",
        COMMITTEE,
    ]
    assert [o.id for o in org.organs(WARD, ON)] == [COMMITTEE]
    assert [o.kind for o in org.organs("hcmc", ON)] == [
        OrganKind.PEOPLE_COUNCIL,
        OrganKind.PEOPLE_COMMITTEE,
        OrganKind.SPECIALISED_AGENCY,
    ]
    council = org.organ(f"{WARD}/people_council", D(2021, 6, 30))
    assert (council.name, council.valid_to) == (
        "Hội đồng nhân dân phường Thảo Điền",
        D(2021, 6, 30),
    )
    assert org.organ("hcmc/people_committee").name == "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    assert derived_organ_id(WARD, "people_committee") == COMMITTEE


def test_a_ruled_organ_lasts_as_long_as_its_unit_and_name() -> None:
    org = organisation()
    committee = org.organ("hcmc/thu-duc/people_committee", ON)
    assert (committee.valid_from, committee.valid_to) == (D(2021, 1, 1), None)
    assert org.organ("hcmc/quan-2/people_council", D(2020, 6, 1)).valid_to == D(2020, 12, 31)
    with pytest.raises(UnknownOrganError, match="no organ 'hcmc/thao-dien/people_council' on"):
        org.organ(f"{WARD}/people_council", ON)
    with pytest.raises(UnknownOrganError, match="no organ 'hcmc/so-noi-vu' on"):
        organisation(
            organs=[Organ("hcmc/so-noi-vu", "hcmc", "specialised_agency", "S", D(2022, 1, 1))],
            posts=[],
        ).organ("hcmc/so-noi-vu", ON)


def test_posts_and_their_holders_on_a_date() -> None:
    org = organisation()
    assert [p.id for p in org.posts(COMMITTEE)] == [CHAIR, f"{COMMITTEE}/vice"]
    chair = org.post(CHAIR, ON)
    assert (chair.title, chair.role) == (
        "Chủ tịch Ủy ban nhân dân phường Thảo Điền",
        PostRole.CHAIR,
    )
    assert org.holder(CHAIR, ON) == Person("a", "Người A")
    assert org.holder(CHAIR, D(2022, 5, 1)) == Person("b", "Người B")
    assert org.holder(CHAIR, D(2020, 5, 1)) is None
    assert org.holder(f"{COMMITTEE}/vice", ON) is None
    assert [a.person for a in org.appointments(CHAIR)] == ["a", "b"]
    assert [p.id for p in org.posts("hcmc/so-noi-vu", ON)] == ["hcmc/so-noi-vu/director"]


def test_names_are_nfc_and_lookups_take_them_without_accents() -> None:
    nfd = unicodedata.normalize("NFD", "Người Đặng")
    org = organisation(people=[Person("x", nfd)], appointments=[])
    assert org.person("x").name == unicodedata.normalize("NFC", nfd)
    assert org.find_person("nguoi dang").id == "x"
    assert org.find_person("x").id == "x"
    assert org.find_post("pho chu tich ubnd phuong thao dien").id == f"{COMMITTEE}/vice"
    assert org.find_post("hcmc/so-noi-vu/director").role is PostRole.DIRECTOR
    with pytest.raises(UnknownPersonError, match="no person called 'Z'"):
        org.find_person("Z")
    with pytest.raises(UnknownPostError, match="no post called"):
        org.find_post("Chủ tịch nước")


def test_whose_chair_is_accountable() -> None:
    org = organisation()
    answers = org.accountable(WARD, ON)
    assert answers is not None
    unit, post, person = answers
    assert (unit.id, post.id, person) == (WARD, CHAIR, Person("a", "Người A"))
    assert org.accountable("hcmc/quan-2", ON) is None  # dissolved
    listed = Post(CHAIR, COMMITTEE, "Chủ tịch UBND phường Thảo Điền", "chair")
    assert organisation(posts=[listed]).post(CHAIR).title == "Chủ tịch UBND phường Thảo Điền"


def test_the_escalation_chain_goes_up_chair_by_chair() -> None:
    org = organisation()
    chain = org.escalation(WARD, ON)
    assert [(s.unit.id, s.post.id) for s in chain] == [
        (WARD, CHAIR),
        ("hcmc/thu-duc", "hcmc/thu-duc/people_committee/chair"),
        ("hcmc", "hcmc/people_committee/chair"),
    ]
    assert [s.person.id if s.person else None for s in chain] == ["a", None, "c"]
    before = org.escalation(WARD, D(2020, 6, 1))
    assert [s.unit.id for s in before] == [WARD, "hcmc/quan-2", "hcmc"]
    from_post = org.escalation("hcmc/so-noi-vu/director", ON)
    assert [s.post.id for s in from_post] == [
        "hcmc/so-noi-vu/director",
        "hcmc/people_committee/chair",
    ]
    assert [s.post.id for s in org.escalation(CHAIR, ON)][:1] == [CHAIR]


@settings(max_examples=60, deadline=None)
@given(
    unit=st.sampled_from([u.id for u in hcmc()]),
    day=st.dates(D(2019, 1, 1), D(2026, 12, 31)),
)
def test_escalation_ends_at_the_root_through_ancestors(unit: str, day: dt.date) -> None:
    org = organisation()
    chain = org.escalation(unit, day)
    if not org.hierarchy.unit(unit).exists_on(day):
        assert chain == ()
        return
    assert chain[-1].unit.id == "hcmc"
    line = [unit, *(a.id for a in org.hierarchy.ancestors(unit, day))]
    assert [step.unit.id for step in chain] == line
    assert all(step.post.role is PostRole.CHAIR for step in chain)


@pytest.mark.parametrize(
    ("extra", "error", "message"),
    [
        (
            {"organs": [Organ("o", "nowhere", "ad_hoc_body", "B")]},
            OrganisationError,
            "unknown unit",
        ),
        (
            {"organs": [Organ("o", "hcmc", "people_committee", "UBND")]},
            OrganisationError,
            "follow from the organ rules; refer to them as 'hcmc/people_committee'",
        ),
        (
            {
                "organs": [
                    Organ("o", "hcmc", "ad_hoc_body", "B"),
                    Organ("o", "hcmc", "ad_hoc_body", "C"),
                ]
            },
            OrganisationError,
            "duplicate organ id 'o'",
        ),
        ({"posts": [Post("p", "nope", "T", "head")]}, UnknownOrganError, "unknown organ 'nope'"),
        (
            {"posts": [Post("p", f"{WARD}/people_council", "T", "chair", ON)]},
            OrganisationError,
            "starts on 2021-07-01, when organ 'hcmc/thao-dien/people_council' does not exist",
        ),
        (
            {"posts": [Post("p", COMMITTEE, "T", "head"), Post("p", COMMITTEE, "T", "head")]},
            OrganisationError,
            "duplicate post id 'p'",
        ),
        ({"people": [Person("a", "A"), Person("a", "B")]}, OrganisationError, "duplicate person"),
        ({"appointments": [Appointment("zz", CHAIR)]}, UnknownPersonError, "unknown person 'zz'"),
        ({"appointments": [Appointment("a", "hcmc/x")]}, UnknownPostError, "unknown post 'hcmc/x'"),
        (
            {
                "appointments": [
                    Appointment("a", CHAIR, ON),
                    Appointment("b", CHAIR, D(2021, 12, 1)),
                ]
            },
            OrganisationError,
            "overlaps that of 'a' \\(2021-07-01 to …\\): a post has one holder at a time",
        ),
    ],
)
def test_bad_organisations_are_refused(
    extra: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as info:
        organisation(**extra)
    assert isinstance(info.value, UrbangovError)
    assert isinstance(info.value, OrganisationError)
    assert info.value.section in {"organs", "posts", "people", "appointments"}


def test_unknown_ids_are_key_errors() -> None:
    org = organisation()
    for lookup in (org.post, org.person, org.organ):
        with pytest.raises(KeyError):
            lookup("nope")
    with pytest.raises(UnknownPostError, match="no post 'hcmc/quan-2/people_committee/chair'"):
        org.post("hcmc/quan-2/people_committee/chair", ON)
    with pytest.raises(ValueError, match="cannot end"):
        Post("p", "o", "T", "head", D(2021, 2, 1), D(2021, 1, 1))


def test_ambiguous_names_and_units_of_posts() -> None:
    twins = [Person("x", "Người X"), Person("y", "Nguoi X")]
    org = organisation(people=twins, appointments=[])
    with pytest.raises(UnknownPersonError, match="several people are called 'nguoi x'"):
        org.find_person("nguoi x")
    same = [Post("p", COMMITTEE, "Ủy viên", "member"), Post("q", COMMITTEE, "Uy vien", "member")]
    with pytest.raises(UnknownPostError, match="several posts are called"):
        organisation(posts=same).find_post("ủy viên")
    assert org.unit_of(CHAIR) == WARD
    assert org.unit_of("hcmc/so-noi-vu/director") == "hcmc"
    assert org.unit_of(COMMITTEE) == WARD


def test_the_posts_a_person_holds_on_a_date() -> None:
    org = organisation()
    assert [p.id for p in org.posts_held("a", ON)] == [CHAIR]
    assert org.posts_held("a", D(2022, 6, 1)) == ()  # b took over on 2022-01-01
    assert [p.id for p in org.posts_held("b", D(2022, 6, 1))] == [CHAIR]
    with pytest.raises(UnknownPersonError):
        org.posts_held("zz", ON)
