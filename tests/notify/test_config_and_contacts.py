"""``[notify]`` in the configuration file, and ``contacts`` in organisation files."""

from __future__ import annotations

from typing import Any

import pytest

from tests.notify.sample import hcmc
from urbangov.config import config_from_dict
from urbangov.errors import ConfigError, OrganisationFileError
from urbangov.hierarchy import Contacts
from urbangov.io import organisation_from_dict
from urbangov.notify import Rules, rules_from_config


def test_rules_default_without_a_table_and_read_every_key() -> None:
    assert rules_from_config(config_from_dict({})) == Rules()
    table = {
        "before": [1, 10],
        "on_deadline": False,
        "overdue_every": 3,
        "escalate_after": 0,
        "at_risk_every": 0,
        "meetings_before": [5],
        "deadlines_only": True,
        "channels": ["email", "webhook"],
    }
    rules = rules_from_config(config_from_dict({"notify": table}))
    assert rules == Rules(
        before=(10, 1),
        on_deadline=False,
        overdue_every=3,
        escalate_after=0,
        at_risk_every=0,
        meetings_before=(5,),
        deadlines_only=True,
        channels=("email", "webhook"),
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"befor": [1]}, "urbangov.toml: notify: unknown key 'befor'"),
        ({"overdue_every": 0}, "urbangov.toml: notify: overdue_every must be a whole number >= 1"),
        ({"channels": "email"}, "urbangov.toml: notify.channels: expected a list"),
    ],
)
def test_a_wrong_notify_table_is_located(table: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        rules_from_config(config_from_dict({"notify": table}, source="urbangov.toml"))
    assert str(caught.value).startswith(message), str(caught.value)


def test_notify_must_be_a_table_and_other_top_level_keys_are_refused() -> None:
    with pytest.raises(ConfigError, match="notify: expected a table"):
        config_from_dict({"notify": 3})
    with pytest.raises(
        ConfigError, match=r"unknown key 'notfy' \(a file has \[plugins.NAME\] and \[notify\]\)"
    ):
        config_from_dict({"notfy": {}})


def test_contacts_of_people_and_posts_are_read_and_checked() -> None:
    data = {
        "people": [{"id": "a", "name": "A", "contacts": {"email": " a@example.org "}}],
        "posts": [
            {
                "id": "hcmc/people_committee/chair",
                "organ": "hcmc/people_committee",
                "title": "Chủ tịch",
                "role": "chair",
                "contacts": {"webhook": "https://hooks.example.org/ubnd"},
            }
        ],
    }
    organisation = organisation_from_dict(data, hcmc())
    assert organisation.person("a").contacts == Contacts({"email": "a@example.org"})
    post = organisation.post("hcmc/people_committee/chair")
    assert post.contacts.get("webhook") == "https://hooks.example.org/ubnd"
    assert organisation.person("a").contacts.over(post.contacts) == Contacts(
        {"email": "a@example.org", "webhook": "https://hooks.example.org/ubnd"}
    )
    bad = {"people": [{"id": "a", "name": "A", "contacts": {"email": ""}}]}
    with pytest.raises(OrganisationFileError, match=r"people\[0\].*a contact is a channel name"):
        organisation_from_dict(bad, hcmc(), source="org.toml")
    wrong = {"people": [{"id": "a", "name": "A", "contacts": {"email": 3}}]}
    with pytest.raises(
        OrganisationFileError,
        match=r"people\[0\] \(id 'a'\)\.contacts\['email'\]: expected a string",
    ):
        organisation_from_dict(wrong, hcmc(), source="org.toml")
    assert hash(organisation.person("a"))  # people stay values
