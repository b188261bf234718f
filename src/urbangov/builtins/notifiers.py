"""The built-in notification channels: ``console`` (the default), ``email`` (SMTP) and
``webhook`` (a signed JSON POST). Their settings are read when a digest is sent, so a
missing secret fails only its channel."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl

if TYPE_CHECKING:
    from urbangov.config import Config
    from urbangov.notify import Digest, Notifier


def print_digest(digest: Digest) -> None:
    """The ``console`` channel: the digest's text on standard output."""
    rule = "-" * 72
    sys.stdout.write(f"{rule}\nTo: {digest.recipient.name}\nSubject: {digest.subject}\n\n")
    sys.stdout.write(digest.text())
    sys.stdout.flush()


@hookimpl
def urbangov_register_notifiers(register: Callable[[Notifier], None], config: Config) -> None:
    from urbangov.builtins._smtp import send_email
    from urbangov.builtins._webhook import post_webhook
    from urbangov.notify import Notifier

    register(
        Notifier(
            "console",
            print_digest,
            "prints each digest (the default)",
            address=lambda recipient: "-",
        )
    )
    register(
        Notifier(
            "email",
            lambda digest: send_email(digest, config.plugin("email")),
            "SMTP, [plugins.email]; recipients' contacts.email",
        )
    )
    register(
        Notifier(
            "webhook",
            lambda digest: post_webhook(digest, config.plugin("webhook")),
            "signed JSON POST, [plugins.webhook]; recipients' contacts.webhook",
        )
    )
