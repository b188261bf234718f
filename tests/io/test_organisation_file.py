"""Organisation files: the example loads; errors name the file, the key and the entry."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.examples import HCMC_DIR
from tests.hierarchy.test_hierarchy import hcmc
from urbangov.errors import OrganisationFileError
from urbangov.hierarchy import DelegationKind, LegalBasis
from urbangov.io import load_organisation, organisation_from_dict, shipped_hierarchy

EXAMPLE = HCMC_DIR / "organisation.toml"
COMMITTEE = "hcmc/thao-dien/people_committee"


def test_the_shipped_example_loads_against_the_shipped_hierarchy() -> None:
    org = load_organisation(EXAMPLE, shipped_hierarchy("hcmc"))
    on = dt.date(2021, 7, 1)
    answers = org.accountable("hcmc/thu-duc/thao-dien", on)
    assert answers is not None
    assert answers.person is not None
    assert "(minh hoạ)" in answers.person.name  # placeholders, never real people
    assert all("(minh hoạ)" in org.person(p).name for p in ("nguoi-a", "nguoi-e"))
    (delegation,) = [d for d in org.delegations if d.id == "thao-dien-chung-thuc"]
    assert delegation.kind is DelegationKind.AUTHORISATION
    assert delegation.basis == LegalBasis(
        "33/2021/NĐ-CP", "decree", dt.date(2021, 3, 29), dt.date(2021, 3, 29)
    )


def _base(**extra: object) -> dict[str, object]:
    return {
        "people": [{"id": "a", "name": "Người A"}, {"id": "b", "name": "Người B"}],
        "posts": [{"id": "v", "organ": COMMITTEE, "title": "Phó Chủ tịch", "role": "vice_chair"}],
        "competences": [{"holder": "hcmc/people_committee", "scope": ["land", "roads"]}],
    } | extra


def test_json_and_yaml_files(tmp_path: Path) -> None:
    data = _base(
        delegations=[
            {
                "id": "d",
                "giver": "hcmc/people_committee",
                "receiver": "hcmc/thu-duc/people_committee",
                "kind": "decentralisation",
                "scope": "land",
                "from": "2021-07-01",
            }
        ]
    )
    as_json = tmp_path / "o.json"
    as_json.write_text(json.dumps(data), encoding="utf-8")
    org = load_organisation(as_json, hcmc())
    assert org.delegations[0].scope == ("land",)
    as_yaml = tmp_path / "o.yaml"
    as_yaml.write_text("people:\n  - id: a\n    name: Người A\n", encoding="utf-8")
    assert load_organisation(as_yaml, hcmc()).person("a").name == "Người A"


def _delegation(**extra: object) -> dict[str, object]:
    return {
        "id": "d",
        "giver": "hcmc/people_committee",
        "receiver": "hcmc/thu-duc/people_committee",
        "kind": "decentralisation",
        "scope": "land",
    } | extra


@pytest.mark.parametrize(
    ("data", "where", "what"),
    [
        (
            _base(organs=[{"id": "o", "unit": "nowhere", "kind": "ad_hoc_body", "name": "B"}]),
            "organs[0] (id 'o')",
            "unknown unit 'nowhere'",
        ),
        (
            _base(organs=[{"id": "o", "unit": "hcmc", "kind": "club", "name": "B"}]),
            "organs[0] (id 'o').kind",
            "expected one of",
        ),
        (
            _base(posts=[{"id": "p", "organ": "hcmc/x", "title": "T", "role": "head"}]),
            "posts[0] (id 'p')",
            "unknown organ 'hcmc/x'",
        ),
        (
            _base(appointments=[{"person": "zz", "post": "v"}]),
            "appointments[0]",
            "unknown person 'zz'",
        ),
        (
            _base(appointments=[{"person": "a", "post": "nope"}]),
            "appointments[0]",
            "unknown post 'nope'",
        ),
        (
            _base(
                appointments=[
                    {"person": "a", "post": "v", "from": "2021-01-01"},
                    {"person": "b", "post": "v", "from": "2021-06-01", "to": "2021-12-31"},
                ]
            ),
            "appointments[1]",
            "overlaps that of 'a'",
        ),
        (
            _base(appointments=[{"person": "a", "post": "v", "from": "2021-02-30"}]),
            "appointments[0].from",
            "no such date",
        ),
        (
            _base(
                appointments=[
                    {"person": "a", "post": "v", "from": "2021-03-01", "to": "2021-02-01"}
                ]
            ),
            "appointments[0]",
            "cannot end (2021-02-01) before it starts (2021-03-01)",
        ),
        (
            _base(delegations=[_delegation(scope="schools")]),
            "delegations[0] (id 'd')",
            "holds no competence for 'schools'",
        ),
        (
            _base(
                delegations=[
                    _delegation(),
                    _delegation(
                        id="d2",
                        giver="hcmc/thu-duc/people_committee",
                        receiver=f"{COMMITTEE}/chair",
                        kind="authorisation",
                        parent="d",
                    ),
                ]
            ),
            "delegations[1] (id 'd2')",
            "sub-delegation is not permitted by 'd'",
        ),
        (
            _base(delegations=[_delegation(scope=[])]),
            "delegations[0] (id 'd').scope",
            "expected a string or a list of strings",
        ),
        (
            _base(delegations=[_delegation(receiver="hcmc/nope")]),
            "delegations[0] (id 'd')",
            "unknown organ or post 'hcmc/nope'",
        ),
        (_base(colour="red"), "(top level)", "unknown key 'colour'"),
        (
            _base(competences=[{"holder": "x", "scope": "land"}]),
            "competences[0]",
            "competence names unknown organ or post 'x'",
        ),
    ],
)
def test_errors_say_where(data: dict[str, object], where: str, what: str) -> None:
    with pytest.raises(OrganisationFileError) as info:
        organisation_from_dict(data, hcmc(), source="o.toml")
    assert info.value.location == where
    assert what in str(info.value)
    assert str(info.value).startswith(f"o.toml: {where}: ")


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(OrganisationFileError, match="no such file"):
        load_organisation(tmp_path / "missing.toml", hcmc())
    bad = tmp_path / "bad.toml"
    bad.write_text("people = [", encoding="utf-8")
    with pytest.raises(OrganisationFileError, match="invalid TOML"):
        load_organisation(bad, hcmc())
    with pytest.raises(OrganisationFileError, match="holds a table at the top level"):
        organisation_from_dict([], hcmc())
