"""The ``webhook`` channel: each digest as a JSON POST, signed with an HMAC.

Settings, ``[plugins.webhook]``::

    secret = { "$env" = "URBANGOV_WEBHOOK_SECRET" }   # the HMAC key (required)
    timeout = 10                                       # seconds

The receiver checks ``X-Urbangov-Signature: sha256=<hex>``, the HMAC-SHA256 of the
exact body bytes under the shared secret, and may drop items whose ``key`` it has seen.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING

import attrs

from urbangov.config import Secret
from urbangov.errors import ChannelError

if TYPE_CHECKING:
    from urbangov.config import PluginConfig
    from urbangov.notify import Digest

__all__ = ["SIGNATURE_HEADER", "WebhookSettings", "post_webhook", "sign"]

SIGNATURE_HEADER = "X-Urbangov-Signature"


@attrs.frozen
class WebhookSettings:
    """``[plugins.webhook]``."""

    secret: Secret
    timeout: float = 10.0


def sign(body: bytes, secret: str) -> str:
    """The signature header's value for ``body``.

    >>> sign(b'{}', "khoa")
    'sha256=92b05519e6420de3c4fec8e5d7f99fbb3e21e83dad000c6b2092189f6fc6da41'
    """
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _where(url: str) -> str:
    """The URL without its path and query, which may carry a token."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def post_webhook(digest: Digest, table: PluginConfig) -> None:
    """POST ``digest`` as JSON to its address; any status but 2xx is a failure.

    Raises:
        ConfigError: the settings are wrong or the secret is missing.
        ChannelError: the receiver refused it or could not be reached.
    """
    settings = table.structure(WebhookSettings)
    url = digest.address or ""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ChannelError(f"webhook address is not an http(s) URL: {url!r}", channel="webhook")
    body = json.dumps(digest.to_dict(), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "urbangov",
            SIGNATURE_HEADER: sign(body, settings.secret.reveal()),
            "X-Urbangov-Delivery": digest.key,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.timeout) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ChannelError(f"webhook {_where(url)}: {reason}", channel="webhook") from None
    if not 200 <= status < 300:
        raise ChannelError(f"webhook {_where(url)}: HTTP {status}", channel="webhook")
