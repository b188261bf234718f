"""The apprise channel, through an in-process apprise service (no network)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import urbangov_apprise

from urbangov.config import config_from_dict
from urbangov.errors import ChannelError
from urbangov.hierarchy import Contacts
from urbangov.notify import Digest, Kind, Notification, Recipient
from urbangov.plugins import Plugins

try:
    apprise = urbangov_apprise.load_apprise()
except ImportError:  # pragma: no cover
    pytest.skip("the plugin needs apprise (pip install apprise)", allow_module_level=True)
notify = apprise.decorators.notify

RECEIVED: list[tuple[str, str, str]] = []


def _sink(body: str, title: str, notify_type: Any, *args: Any, **kwargs: Any) -> bool:
    RECEIVED.append((title, body, str(notify_type)))
    return "refuse" not in title


notify(on="ugtest")(_sink)  # an apprise service in this process: ugtest://


def _digest(contact: str | None, kind: Kind = Kind.OVERDUE, title: str = "p") -> Digest:
    who = Recipient(
        "person:a", "Người A", contacts=Contacts({"apprise": contact} if contact else {})
    )
    day = dt.date(2021, 7, 1)
    item = Notification(kind, "t1", who, day, "t1 Rà soát: 1 working day(s) overdue")
    return Digest("apprise", who, contact, (item,), title, "Kế hoạch", day, lang="en")


def _channel(**table: Any) -> Any:
    config = config_from_dict(
        {"plugins": {"apprise": table}} if table else {}, environ={"U": "ugtest://b"}
    )
    plugins = Plugins(entry_points=False, extra=[urbangov_apprise], config=config)
    return plugins.notifier("apprise")


def test_a_digest_reaches_the_recipients_url_with_the_right_type() -> None:
    RECEIVED.clear()
    channel = _channel()
    assert channel.address_of(_digest("ugtest://a").recipient) == "ugtest://a"
    assert channel.address_of(_digest(None).recipient) is None
    channel.send(_digest("ugtest://a"))
    [(title, body, kind)] = RECEIVED
    assert title == "[urbangov] p as of 2021-07-01: 1 overdue"
    assert "t1 Rà soát: 1 working day(s) overdue" in body
    assert kind == "failure"


def test_configured_urls_see_everything_and_come_from_the_environment() -> None:
    RECEIVED.clear()
    channel = _channel(urls=[{"$env": "U"}])
    assert channel.address_of(_digest(None).recipient) == "(urls)"
    channel.send(_digest("ugtest://a", Kind.MEETING))
    assert [kind for _, _, kind in RECEIVED] == ["info", "info"]


def test_a_refusal_is_a_channel_error_without_the_url() -> None:
    with pytest.raises(ChannelError, match="refused the message to Người A") as caught:
        _channel().send(_digest("ugtest://secret-token", title="refuse"))
    assert "secret-token" not in str(caught.value)
    with pytest.raises(ChannelError, match="cannot use a URL for Người A"):
        _channel().send(_digest("nosuchscheme://secret-token"))
