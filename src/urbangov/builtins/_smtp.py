"""The ``email`` channel: one message per digest over SMTP (standard library only).

Settings, ``[plugins.email]``::

    host = "smtp.hochiminhcity.gov.vn"
    port = 587                 # default 587
    sender = "thongbao@hochiminhcity.gov.vn"
    starttls = true            # default; or ssl = true for SMTPS (port 465)
    user = "thongbao"          # optional: log in
    password = { "$env" = "URBANGOV_SMTP_PASSWORD" }
    ca_file = "/etc/ssl/city-ca.pem"   # optional: a private CA to trust
"""

from __future__ import annotations

import email.utils
import smtplib
import ssl
from email.message import EmailMessage
from typing import TYPE_CHECKING

import attrs

from urbangov.config import Secret
from urbangov.errors import ChannelError, ConfigError

if TYPE_CHECKING:
    from urbangov.config import PluginConfig
    from urbangov.notify import Digest

__all__ = ["EmailSettings", "message_for", "send_email"]


@attrs.frozen
class EmailSettings:
    """``[plugins.email]``."""

    host: str
    sender: str
    port: int = 587
    starttls: bool = True
    ssl: bool = False
    user: str | None = None
    password: Secret | None = None
    timeout: float = 30.0
    ca_file: str | None = None


def message_for(digest: Digest, sender: str) -> EmailMessage:
    """The digest as an e-mail; its Message-ID is the digest's delivery key, so a mail
    system that drops repeated Message-IDs drops a message resent after a crash."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = digest.address or ""
    message["Subject"] = digest.subject
    message["Date"] = email.utils.formatdate(localtime=True)
    message["Message-ID"] = f"<{digest.key}@urbangov>"
    message["X-Urbangov-Delivery"] = digest.key
    message.set_content(digest.text())
    return message


def _settings(table: PluginConfig) -> EmailSettings:
    settings = table.structure(EmailSettings)
    if settings.user is not None and settings.password is None:
        raise ConfigError("user needs a password", path=table.source, location=table.path)
    if settings.user is not None and not (settings.starttls or settings.ssl):
        raise ConfigError(
            "logging in without starttls or ssl would send the password in clear",
            path=table.source,
            location=table.path,
        )
    return settings


def send_email(digest: Digest, table: PluginConfig) -> None:
    """Send ``digest`` to its address through the server of ``table``.

    Raises:
        ConfigError: the settings are wrong or a secret is missing.
        ChannelError: the server refused the message or could not be reached.
    """
    settings = _settings(table)
    message = message_for(digest, settings.sender)
    context = ssl.create_default_context(cafile=settings.ca_file)
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.ssl:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.starttls and not settings.ssl:
                client.starttls(context=context)
            if settings.user is not None and settings.password is not None:
                client.login(settings.user, settings.password.reveal())
            client.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise ChannelError(
            f"email to {digest.address} via {where}: {type(exc).__name__}: {exc}",
            channel="email",
        ) from None
