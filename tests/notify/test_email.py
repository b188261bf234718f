"""The email channel against a real SMTP server on loopback (aiosmtpd), plain and with
STARTTLS and login (a certificate from a throwaway CA, trustme)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.loopback import free_port
from tests.notify.sample import organisation, plan, status
from urbangov.errors import ChannelError, ConfigError
from urbangov.notify import Rules, SQLiteLedger, deliver, plan_notifications
from urbangov.plugins import Plugins

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is a test extra")

DAY = dt.date(2021, 6, 30)


class Inbox:
    """An aiosmtpd handler that keeps every message and the AUTH used."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(  # noqa: N802 - aiosmtpd's name
        self,
        server: Any,
        session: Any,
        envelope: Any,
    ) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


@contextmanager
def smtp_server(**kwargs: Any) -> Iterator[tuple[int, Inbox]]:
    inbox = Inbox()
    port = free_port()
    controller = aiosmtpd_controller.Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


def _send(table: dict[str, Any], *, environ: dict[str, str] | None = None) -> Any:
    from urbangov.config import config_from_dict

    settings = config_from_dict({"plugins": {"email": table}}, environ=environ or {})
    email_channel = Plugins(entry_points=False, config=settings).notifier("email")
    found = plan_notifications(plan(), status(DAY), organisation(), Rules(), DAY)
    ledger = SQLiteLedger(":memory:")
    report = deliver(
        found,
        [email_channel],
        ledger,
        plan_id="p",
        plan_title="Kế hoạch mẫu",
        as_of=DAY,
        lang="en",
    )
    return report, ledger


def test_one_message_per_recipient_with_the_digest() -> None:
    with smtp_server() as (port, inbox):
        table = {
            "host": "127.0.0.1",
            "port": port,
            "sender": "thongbao@hcmc.example",
            "starttls": False,
        }
        report, _ = _send(table)
    assert not report.failed
    by_rcpt = {rcpts[0]: message for rcpts, message in inbox.messages}
    assert set(by_rcpt) == {"a@thaodien.example", "snv@hcmc.example"}  # one each
    message = by_rcpt["a@thaodien.example"]
    assert message["From"] == "thongbao@hcmc.example"
    assert message["Subject"].startswith("[urbangov] p as of 2021-06-30: ")
    body = message.get_content()
    assert "Người A, Chủ tịch Ủy ban nhân dân phường Thảo Điền" in body
    assert "ward Rà soát công chức phường: due today (2021-06-30)" in body
    delivery = next(d for d in report.deliveries if d.digest.address == "a@thaodien.example")
    assert message["Message-ID"] == f"<{delivery.digest.key}@urbangov>"


def test_starttls_and_login_with_a_secret_from_the_environment(tmp_path: Any) -> None:
    trustme = pytest.importorskip("trustme", reason="trustme makes the test certificate")
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    logins: list[tuple[str, str]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        assert isinstance(data, LoginPassword)
        logins.append((data.login.decode(), data.password.decode()))
        return AuthResult(success=data.password == b"mat-khau-smtp")

    with smtp_server(
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
    ) as (port, inbox):
        table = {
            "host": "127.0.0.1",
            "port": port,
            "sender": "thongbao@hcmc.example",
            "user": "thongbao",
            "password": {"$env": "SMTP_PASSWORD"},
            "ca_file": str(ca_file),
        }
        report, _ = _send(table, environ={"SMTP_PASSWORD": "mat-khau-smtp"})
        assert not report.failed, report.failed
        assert logins[:1] == [("thongbao", "mat-khau-smtp")]
        assert len(inbox.messages) == 2
        # aiosmtpd then stalls on smtplib's next mechanism (AUTH LOGIN): a short timeout.
        wrong, _ = _send({**table, "timeout": 2}, environ={"SMTP_PASSWORD": "sai-mat-khau"})
    assert len(wrong.failed) == 2
    assert all("sai-mat-khau" not in (d.error or "") for d in wrong.failed)  # never the password


def test_a_missing_secret_or_an_unreachable_server_fails_the_digest_not_the_run() -> None:
    table = {"host": "127.0.0.1", "port": free_port(), "sender": "t@x", "starttls": False}
    report, ledger = _send(table)
    assert len(report.failed) == 2
    assert "ConnectionRefusedError" in report.failed[0].error
    assert {e.state for e in ledger.entries()} == {"failed"}
    missing = {**table, "user": "u", "password": {"$env": "SMTP_PASSWORD"}}
    report, _ = _send(missing)
    assert (
        "plugins.email.password: the environment variable 'SMTP_PASSWORD' is not set"
        in report.failed[0].error
    )
    plain = {**table, "user": "u", "password": {"$env": "P"}}
    report, _ = _send(plain, environ={"P": "x"})
    assert "would send the password in clear" in report.failed[0].error


def test_errors_are_urbangov_errors() -> None:
    assert issubclass(ChannelError, OSError)
    assert issubclass(ConfigError, ValueError)


def test_an_unconfigured_channel_says_which_table_it_needs() -> None:
    report, ledger = _send({})  # no [plugins.email] table at all
    assert not report.ok
    error = report.channel_errors["email"]
    assert "the email channel needs its [plugins.email] table" in error
    assert "plugins.email.host: required key missing" in error
    assert len(report.deliveries) == 1  # not one failure per recipient
    ledger.close()
