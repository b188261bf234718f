"""The ``webhook`` channel: each digest as a JSON POST, signed with an HMAC.

Settings, ``[plugins.webhook]``::

    secret = { "$env" = "URBANGOV_WEBHOOK_SECRET" }   # the HMAC key (required)
    timeout = 10                                       # seconds
    allow_private = false    # true: also post to loopback and private-network addresses

Credentials in the URL (``https://user:password@host/...``) are sent as HTTP Basic
authentication. Where it posts: an http(s) URL whose host resolves only to public addresses, unless
``allow_private`` lets it reach loopback and private networks (a receiver on the same
machine or intranet). Link-local (cloud metadata), multicast, unspecified and reserved
addresses are refused always, and so is a host written as a disguised number
(``2130706433``, ``0x7f.1``, ``127.1``). Redirects are never followed: a 3xx is a
failure, so the signed body never reaches an address nobody configured. Errors name
the scheme, host and port, never the user, password, path or query.

The receiver checks ``X-Urbangov-Signature: sha256=<hex>``, the HMAC-SHA256 of the
exact body bytes under the shared secret, and may drop items whose ``key`` it has seen.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any

import attrs

from urbangov.config import Secret
from urbangov.errors import ChannelError

if TYPE_CHECKING:
    from urbangov.config import PluginConfig
    from urbangov.notify import Digest

__all__ = ["SIGNATURE_HEADER", "WebhookSettings", "check_address", "post_webhook", "sign"]

SIGNATURE_HEADER = "X-Urbangov-Signature"


@attrs.frozen
class WebhookSettings:
    """``[plugins.webhook]``."""

    secret: Secret
    timeout: float = 10.0
    allow_private: bool = False


def sign(body: bytes, secret: str) -> str:
    """The signature header's value for ``body``.

    >>> sign(b'{}', "khoa")
    'sha256=92b05519e6420de3c4fec8e5d7f99fbb3e21e83dad000c6b2092189f6fc6da41'
    """
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _where(url: str) -> str:
    """The URL without credentials, path and query, which may carry a token."""
    parts = urllib.parse.urlsplit(url)
    try:
        host, port = parts.hostname or "", parts.port
    except ValueError:
        return f"{parts.scheme}://(a malformed address)"
    shown = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{shown}" + (f":{port}" if port else "")


def _disguised_number(host: str) -> bool:
    """A host that resolvers read as an IPv4 address although it is not written as one
    (``2130706433``, ``0x7f.1``, ``127.1``, ``0177.0.0.1``)."""
    try:
        packed = socket.inet_aton(host)
    except OSError:
        return False
    return socket.inet_ntoa(packed) != host


def check_address(url: str, *, allow_private: bool) -> None:
    """Refuse a webhook URL that points where a signed digest must not go.

    Raises:
        ChannelError: not http(s), a disguised numeric host, or a host that resolves
            to a refused address (naming it).
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ChannelError(
            f"webhook address is not an http(s) URL: {_where(url)}", channel="webhook"
        )
    host = parts.hostname
    if _disguised_number(host):
        raise ChannelError(
            f"webhook {_where(url)}: a host written as a disguised number is refused",
            channel="webhook",
        )
    try:
        found = socket.getaddrinfo(host, parts.port or 0, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError, ValueError) as exc:
        reason = f"cannot resolve: {exc}"
        raise ChannelError(f"webhook {_where(url)}: {reason}", channel="webhook") from None
    for *_, sockaddr in found:
        address = ipaddress.ip_address(str(sockaddr[0]).partition("%")[0])
        mapped = getattr(address, "ipv4_mapped", None)
        address = mapped or address
        why = _refused(address, allow_private=allow_private)
        if why:
            raise ChannelError(
                f"webhook {_where(url)}: {address} is {why}; refused", channel="webhook"
            )


def _refused(address: ipaddress.IPv4Address | ipaddress.IPv6Address, *, allow_private: bool) -> str:
    if address.is_link_local:
        return "a link-local address (e.g. a cloud metadata service)"
    if address.is_multicast or address.is_unspecified:
        return "not a unicast host address"
    if address.is_loopback or address.is_private:
        private = "a loopback or private address (set allow_private = true to allow it)"
        return "" if allow_private else private
    return "not a unicast host address" if address.is_reserved else ""


def _without_credentials(url: str) -> tuple[str, str | None]:
    """``url`` without ``user:password@`` (which urllib cannot send), and the
    ``user:password`` for HTTP Basic authentication."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    plain = f"{urllib.parse.unquote(user)}:{urllib.parse.unquote(password)}"
    return urllib.parse.urlunsplit(parts._replace(netloc=hostport)), plain


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as a failure: a POST with its signature is not re-sent
    elsewhere (and never turned into a GET)."""

    def redirect_request(self, *args: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def post_webhook(digest: Digest, table: PluginConfig) -> None:
    """POST ``digest`` as JSON to its address; any status but 2xx is a failure.

    Raises:
        ConfigError: the settings are wrong or the secret is missing.
        ChannelError: the receiver refused it or could not be reached.
    """
    settings = table.structure(WebhookSettings)
    url = digest.address or ""
    check_address(url, allow_private=settings.allow_private)
    body = json.dumps(digest.to_dict(), ensure_ascii=False).encode("utf-8")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "urbangov",
        SIGNATURE_HEADER: sign(body, settings.secret.reveal()),
        "X-Urbangov-Delivery": digest.key,
    }
    target, credentials = _without_credentials(url)
    if credentials is not None:
        headers["Authorization"] = "Basic " + base64.b64encode(credentials.encode()).decode()
    request = urllib.request.Request(target, data=body, method="POST", headers=headers)
    try:
        with _OPENER.open(request, timeout=settings.timeout) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
        exc.close()
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ChannelError(f"webhook {_where(url)}: {reason}", channel="webhook") from None
    if 300 <= status < 400:
        raise ChannelError(
            f"webhook {_where(url)}: HTTP {status} (redirects are not followed)",
            channel="webhook",
        )
    if not 200 <= status < 300:
        raise ChannelError(f"webhook {_where(url)}: HTTP {status}", channel="webhook")
