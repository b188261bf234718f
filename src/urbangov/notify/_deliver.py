"""Sending a run's notifications: one digest per recipient and channel, through the ledger.

For each channel: what the ledger still owes (failed, or in doubt after a crash) joins
what was decided and not yet sent; each recipient's items make one digest; each digest
is claimed in the ledger (committed), sent, then settled (committed). A channel that
raises fails only its own digest; every other digest and channel goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, final

import attrs

from urbangov.errors import LedgerError
from urbangov.notify._ledger import SQLiteLedger
from urbangov.notify._model import Digest, Kind, Notification, Notifier, Recipient
from urbangov.plan import Language

__all__ = ["Delivery", "DeliveryReport", "deliver", "digests_for"]


@final
@attrs.frozen
class Delivery:
    """One digest on one channel: sent, failed (``error``), or only planned (a dry run)."""

    digest: Digest
    sent: bool
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


@final
@attrs.frozen
class DeliveryReport:
    """What a run sent, or would send (``dry_run``)."""

    deliveries: tuple[Delivery, ...]
    #: Per channel, the recipients it has no address for (their items were not sent).
    unreachable: dict[str, tuple[Recipient, ...]]
    dry_run: bool = False
    #: Channels that failed before any digest (a broken ``address`` function).
    channel_errors: dict[str, str] = attrs.Factory(dict)

    @property
    def failed(self) -> tuple[Delivery, ...]:
        return tuple(d for d in self.deliveries if d.failed)

    @property
    def ok(self) -> bool:
        """Nothing failed: every digest went out (or would, in a dry run)."""
        return not self.failed and not self.channel_errors

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``urbangov notify --format json``."""
        return {
            "dry_run": self.dry_run,
            "ok": self.ok,
            "deliveries": [
                {
                    "channel": d.digest.channel,
                    "address": d.digest.address,
                    "sent": d.sent,
                    "error": d.error,
                    "digest": d.digest.to_dict(),
                }
                for d in self.deliveries
            ],
            "unreachable": {
                channel: [r.to_dict() for r in recipients]
                for channel, recipients in self.unreachable.items()
            },
            "channel_errors": dict(self.channel_errors),
        }


def digests_for(
    notifier: Notifier,
    notifications: Sequence[Notification],
    ledger: SQLiteLedger,
    *,
    plan_id: str,
    plan_title: str,
    as_of: dt.date,
    lang: Language | str = Language.VI,
) -> tuple[list[Digest], tuple[Recipient, ...]]:
    """The digests due on ``notifier``'s channel, and the recipients it cannot reach.

    Items already ``sent`` on the channel are left out; what the ledger still owes
    is added, to the address it was last sent to unless the recipient has one now.
    """
    channel = notifier.name
    addresses: dict[str, str | None] = {}
    unreachable: dict[str, Recipient] = {}
    for note in notifications:
        who = note.recipient
        if who.key not in addresses:
            addresses[who.key] = notifier.address_of(who)
            if addresses[who.key] is None:
                unreachable[who.key] = who
    reachable = [n for n in notifications if addresses[n.recipient.key] is not None]
    states = ledger.states([n.key for n in reachable], channel)
    todo: dict[str, tuple[Notification, str | None]] = {}
    for owed in ledger.pending(channel):
        fresh = addresses.get(owed.notification.recipient.key)
        todo[owed.notification.key] = (owed.notification, fresh or owed.address)
    for note in reachable:
        if states.get(note.key) != "sent":
            todo.setdefault(note.key, (note, addresses[note.recipient.key]))
    groups: dict[tuple[str, str | None], list[Notification]] = {}
    recipients: dict[str, Recipient] = {}
    for note, address in todo.values():
        groups.setdefault((note.recipient.key, address), []).append(note)
        recipients.setdefault(note.recipient.key, note.recipient)
    order = {kind: i for i, kind in enumerate(Kind)}
    digests = [
        Digest(
            channel,
            recipients[key],
            address,
            tuple(sorted(items, key=lambda n: (order[n.kind], n.due, n.subject))),
            plan_id,
            plan_title,
            as_of,
            Language(lang),
        )
        for (key, address), items in groups.items()
    ]
    return digests, tuple(unreachable.values())


def deliver(
    notifications: Sequence[Notification],
    notifiers: Sequence[Notifier],
    ledger: SQLiteLedger,
    *,
    plan_id: str,
    plan_title: str,
    as_of: dt.date,
    dry_run: bool = False,
    lang: Language | str = Language.VI,
) -> DeliveryReport:
    """Send ``notifications`` on every channel of ``notifiers`` (see the module).

    With ``dry_run`` nothing is sent or recorded: the report lists what would be.
    """
    done: list[Delivery] = []
    unreachable: dict[str, tuple[Recipient, ...]] = {}
    broken: dict[str, str] = {}
    for notifier in notifiers:
        try:
            digests, missed = digests_for(
                notifier,
                notifications,
                ledger,
                plan_id=plan_id,
                plan_title=plan_title,
                as_of=as_of,
                lang=lang,
            )
        except LedgerError:
            raise
        except Exception as exc:  # a plugin's address function: fail that channel only
            broken[notifier.name] = _describe(exc)
            continue
        if missed:
            unreachable[notifier.name] = missed
        for digest in digests:
            if dry_run:
                done.append(Delivery(digest, False))
                continue
            delivery, unconfigured = _send(notifier, digest, ledger)
            done.append(delivery)
            if unconfigured:  # every other digest would fail the same way: say it once
                broken[notifier.name] = _not_configured(notifier.name, delivery.error)
                break
    return DeliveryReport(tuple(done), unreachable, dry_run, broken)


def _not_configured(channel: str, error: str | None) -> str:
    return (
        f"not configured ({error}): the {channel} channel needs its [plugins.{channel}] "
        "table in the configuration (urbangov.toml, $URBANGOV_CONFIG or --config); "
        "the rest are sent on a later run"
    )


def _send(notifier: Notifier, digest: Digest, ledger: SQLiteLedger) -> tuple[Delivery, bool]:
    """Claim, send, settle: a crash between claim and settle leaves ``sending`` rows.
    Also whether the channel's configuration is what failed."""
    from urbangov.errors import ConfigError

    claimed = ledger.claim(digest)
    if not claimed.items:
        return Delivery(claimed, False), False
    error = None
    unconfigured = False
    try:
        notifier.send(claimed)
    except Exception as exc:  # a channel (a plugin) may fail in any way: record it
        error = _describe(exc)
        unconfigured = isinstance(exc, ConfigError)
    ledger.settle(claimed, error)
    return Delivery(claimed, error is None, error), unconfigured


def _describe(exc: Exception) -> str:
    """The error as recorded: urbangov's own messages as they are (they never hold a
    secret), anything else with its type."""
    from urbangov.errors import UrbangovError

    return str(exc) if isinstance(exc, UrbangovError) else f"{type(exc).__name__}: {exc}"
