"""The ``apprise`` notification channel for urbangov.

Each digest goes to the recipient's ``apprise`` contact (one apprise URL, or several
separated by spaces) and to every URL of ``[plugins.apprise] urls``, for a channel
that sees everything (a Telegram group, a Teams channel). URLs that carry a token
belong in the environment::

    [plugins.apprise]
    urls = [{ "$env" = "URBANGOV_APPRISE_URL" }]

The title is the digest's subject, the body its text; the notification type is
``failure`` when something is overdue, ``warning`` when something is due or at risk,
else ``info``. An error names the recipient, never a URL (it may hold a secret).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

import attrs

from urbangov.plugins import hookimpl

if TYPE_CHECKING:
    from urbangov.config import Config, PluginConfig
    from urbangov.notify import Digest, Notifier, Recipient

__all__ = [
    "AppriseSettings",
    "load_apprise",
    "notify_type",
    "send",
    "urbangov_register_notifiers",
]

#: The address of a recipient without an ``apprise`` contact when ``urls`` are set.
BROADCAST = "(urls)"


@attrs.frozen
class AppriseSettings:
    """``[plugins.apprise]``."""

    urls: list[str] = attrs.Factory(list)


def load_apprise() -> ModuleType:
    """apprise with its services loaded: it is heavy, so only when a digest is sent; and
    on Python 3.11-3.12 loading touches the deprecated ``imghdr`` module, which is not
    ours to warn about."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="'imghdr' is deprecated", category=DeprecationWarning
        )
        import apprise
        import apprise.decorators  # for the tests' in-process services
        from apprise.manager_plugins import NotificationManager

        # apprise imports its services lazily; apprise is untyped.
        NotificationManager().load_modules()  # type: ignore[no-untyped-call]
    return apprise


def notify_type(digest: Digest) -> str:
    """``failure``, ``warning`` or ``info``: the most urgent item decides."""
    kinds = {item.kind.value for item in digest.items}
    if kinds & {"overdue", "escalation"}:
        return "failure"
    if kinds & {"deadline", "at_risk", "reminder"}:
        return "warning"
    return "info"


def send(digest: Digest, table: PluginConfig) -> None:
    """Send ``digest`` through apprise.

    Raises:
        ConfigError: ``[plugins.apprise]`` is wrong or a variable is missing.
        ChannelError: apprise cannot use a URL, or a service refused the message.
    """
    from urbangov.errors import ChannelError

    apprise = load_apprise()

    settings = table.structure(AppriseSettings)
    targets = [*settings.urls]
    if digest.address and digest.address != BROADCAST:
        targets[:0] = digest.address.split()
    client = apprise.Apprise()
    for url in targets:
        if not client.add(url):
            raise ChannelError(
                f"apprise: cannot use a URL for {digest.recipient.name}", channel="apprise"
            )
    result = client.notify(
        title=digest.subject, body=digest.text(), notify_type=notify_type(digest)
    )
    if not result:
        raise ChannelError(
            f"apprise: a service refused the message to {digest.recipient.name}",
            channel="apprise",
        )


@hookimpl
def urbangov_register_notifiers(register: Callable[[Notifier], None], config: Config) -> None:
    from urbangov.notify import Notifier

    table = config.plugin("apprise")
    broadcast = "urls" in table  # whether, not what: the URLs are read when sending

    def address(recipient: Recipient) -> str | None:
        return recipient.contacts.get("apprise") or (BROADCAST if broadcast else None)

    register(
        Notifier(
            "apprise",
            lambda digest: send(digest, table),
            "apprise URLs: recipients' contacts.apprise, and [plugins.apprise] urls",
            address=address,
        )
    )
