"""Delivery through the ledger, and the webhook channel against a real HTTP server."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from pathlib import Path

import pytest

from tests.notify.sample import SECRET, config, http_receiver, organisation, plan, status, verified
from urbangov.builtins._webhook import check_address
from urbangov.errors import ChannelError, LedgerError
from urbangov.notify import (
    DeliveryReport,
    Digest,
    Notification,
    Notifier,
    Rules,
    SQLiteLedger,
    deliver,
    plan_notifications,
)
from urbangov.plugins import Plugins

DAY = dt.date(2021, 6, 30)


def _decided(
    webhook: str = "http://127.0.0.1:9/hook", day: dt.date = DAY
) -> tuple[Notification, ...]:
    return plan_notifications(plan(), status(day), organisation(webhook=webhook), Rules(), day)


def _run(
    notifiers: list[Notifier],
    ledger: SQLiteLedger,
    webhook: str = "http://127.0.0.1:9/hook",
    day: dt.date = DAY,
    dry_run: bool = False,
) -> DeliveryReport:
    return deliver(
        _decided(webhook, day),
        notifiers,
        ledger,
        plan_id="p",
        plan_title="P",
        as_of=day,
        dry_run=dry_run,
        lang="en",
    )


def _webhook() -> Notifier:
    settings = config(
        webhook={"secret": {"$env": "HOOK_SECRET"}, "timeout": 5, "allow_private": True}
    )
    return Plugins(entry_points=False, config=settings).notifier("webhook")


class Recorder:
    def __init__(self, name: str, fail: bool = False) -> None:
        self.sent: list[Digest] = []
        self.fail = fail
        self.notifier = Notifier(name, self.send, address=lambda r: "-")

    def send(self, digest: Digest) -> None:
        if self.fail:
            raise RuntimeError("down")
        self.sent.append(digest)


def test_the_webhook_posts_signed_json_and_is_retried_after_a_500(tmp_path: Path) -> None:
    with http_receiver() as (url, receiver):
        receiver.fail_next = 1
        with SQLiteLedger(tmp_path / "ledger.sqlite") as ledger:
            first = _run([_webhook()], ledger, url)
            assert [d.error for d in first.failed] == [
                "webhook http://127.0.0.1:" + url.split(":")[2].split("/")[0] + ": HTTP 500"
            ]
            assert receiver.requests == []
            again = _run([_webhook()], ledger, url)
            assert not again.failed
            third = _run([_webhook()], ledger, url)
            assert third.deliveries == ()  # sent once, never again
    [(headers, body)] = receiver.requests
    assert verified(headers, body)
    assert not verified(headers, body, SECRET + "x")
    data = json.loads(body)
    assert data["recipient"]["key"] == "person:nguoi-a"
    assert headers["X-Urbangov-Delivery"] == data["delivery"]
    assert [(item["kind"], item["subject"]) for item in data["items"]] == [
        ("deadline", "big"),
        ("deadline", "ward"),
        ("at_risk", "big"),
        ("at_risk", "ward"),
    ]
    assert data["items"][1]["key"] == '["deadline","ward","person:nguoi-a","2021-06-30"]'
    assert "ward Rà soát công chức phường: due today" in data["text"]


def test_one_failing_channel_does_not_stop_another_and_is_retried_later(tmp_path: Path) -> None:
    broken, working = Recorder("pager", fail=True), Recorder("console")
    with SQLiteLedger(tmp_path / "l.sqlite") as ledger:
        report = _run([broken.notifier, working.notifier], ledger)
        assert {d.digest.channel for d in report.failed} == {"pager"}
        assert {d.recipient.key for d in working.sent} == {
            "person:nguoi-a",
            "post:hcmc/so-noi-vu/director",
        }
        assert all(d.error == "RuntimeError: down" for d in report.failed)
        states = {(e.channel, e.state) for e in ledger.entries()}
        assert states == {("pager", "failed"), ("console", "sent")}
        broken.fail = False
        # A later day: the failed items come back from the ledger with the new ones.
        later = _run([broken.notifier, working.notifier], ledger, day=dt.date(2021, 7, 1))
    assert not later.failed
    keys = [n.key for d in broken.sent for n in d.items]
    assert '["deadline","ward","person:nguoi-a","2021-06-30"]' in keys
    assert '["overdue","ward","person:nguoi-a","2021-07-01"]' in keys
    assert len(keys) == len(set(keys))
    assert len({d.recipient.key for d in broken.sent}) == len(broken.sent)  # one digest each


def test_a_channel_that_cannot_even_address_fails_alone(tmp_path: Path) -> None:
    def address(recipient: object) -> str:
        raise KeyError("no such column")

    broken = Notifier("broken", print, address=address)
    working = Recorder("console")
    with SQLiteLedger(tmp_path / "l.sqlite") as ledger:
        report = _run([broken, working.notifier], ledger)
    assert report.channel_errors == {"broken": "KeyError: 'no such column'"}
    assert not report.ok
    assert working.sent


def test_a_dry_run_records_nothing_and_creates_no_file(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    console = Recorder("console")
    with SQLiteLedger(path, read_only=True) as ledger:
        report = _run([console.notifier], ledger, dry_run=True)
    assert report.dry_run
    assert report.deliveries
    assert not console.sent
    assert not path.exists()
    with SQLiteLedger(path) as ledger:
        _run([console.notifier], ledger)
        assert ledger.entries()
    rows = len(SQLiteLedger(path, read_only=True).entries())
    with SQLiteLedger(path, read_only=True) as ledger:
        again = _run([console.notifier], ledger, dry_run=True)
        assert again.deliveries == ()  # already sent: nothing would be
        with pytest.raises(LedgerError, match="read-only"):
            ledger.claim(report.deliveries[0].digest)
    assert len(SQLiteLedger(path, read_only=True).entries()) == rows


def test_rows_in_doubt_after_a_crash_are_sent_again(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    console = Recorder("console")
    with SQLiteLedger(path) as ledger:
        report = _run([console.notifier], ledger, dry_run=True)
        ledger.claim(report.deliveries[0].digest)  # then the process "dies"
        assert {e.state for e in ledger.entries()} == {"sending"}
    with SQLiteLedger(path) as ledger:
        _run([console.notifier], ledger)
        assert {e.state for e in ledger.entries()} == {"sent"}
        assert {
            e.attempts
            for e in ledger.entries()
            if e.recipient == report.deliveries[0].digest.recipient.key
        } == {2}


def test_two_runs_cannot_share_a_ledger(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with SQLiteLedger(path), pytest.raises(LedgerError, match="another urbangov notify"):
        SQLiteLedger(path)
    SQLiteLedger(path).close()  # released


def test_recipients_without_an_address_are_reported_not_recorded(tmp_path: Path) -> None:
    with SQLiteLedger(tmp_path / "l.sqlite") as ledger:
        report = _run([_webhook()], ledger, dry_run=True)
    assert [r.key for r in report.unreachable["webhook"]] == ["post:hcmc/so-noi-vu/director"]


# -- where a signed digest may go -----------------------------------------------------


def _redirecting_server(target: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(302)
            self.send_header("Location", target)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://user:pa55@127.0.0.1:{server.server_address[1]}/hook?token=t"


def test_a_redirect_is_a_failure_and_is_not_followed(tmp_path: Path) -> None:
    with http_receiver() as (target, receiver):
        server, url = _redirecting_server(target)
        try:
            with SQLiteLedger(tmp_path / "ledger.sqlite") as ledger:
                report = _run([_webhook()], ledger, url)
        finally:
            server.shutdown()
            server.server_close()
        assert receiver.requests == []  # neither re-posted nor turned into a GET
    (error,) = {d.error for d in report.failed}
    assert "HTTP 302 (redirects are not followed)" in str(error)
    assert "pa55" not in str(error)
    assert "user" not in str(error)
    assert "token" not in str(error)


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://[fe80::1]/hook", "link-local"),
        ("http://2130706433/hook", "disguised number"),
        ("http://0x7f.0.0.1/hook", "disguised number"),
        ("http://127.1/hook", "disguised number"),
        ("http://224.0.0.1/hook", "not a unicast host"),
        ("ftp://example.org/hook", "not an http"),
    ],
)
def test_refused_addresses_even_with_allow_private(url: str, why: str) -> None:
    with pytest.raises(ChannelError, match=why):
        check_address(url, allow_private=True)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8/h", "http://[::1]:8/h", "http://10.0.0.8/h", "http://localhost/h"]
)
def test_loopback_and_private_addresses_need_allow_private(url: str) -> None:
    with pytest.raises(ChannelError, match="allow_private = true"):
        check_address(url, allow_private=False)
    check_address(url, allow_private=True)


def test_errors_never_show_credentials() -> None:
    with pytest.raises(ChannelError) as caught:
        check_address("http://me:s3cret@169.254.169.254/x?k=v", allow_private=True)
    assert "s3cret" not in str(caught.value)
    assert "http://169.254.169.254" in str(caught.value)
