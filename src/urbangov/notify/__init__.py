"""Notifications: reminders before deadlines, repeats and escalation while overdue,
at-risk alerts and meeting reminders; one digest per recipient per run; a ledger so
that each is sent once.

Deciding is a pure function (:func:`plan_notifications`) of a plan, its status as of a
day, the organisation and the :class:`Rules`. Sending goes through channels that
plugins register (:class:`Notifier`, the ``urbangov_register_notifiers`` hook:
``console``, ``email`` and ``webhook`` are built in) and is recorded in a
:class:`SQLiteLedger` (:func:`deliver`). Names load on first use, so that a plugin
registering a channel does not pay for the scheduler.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from urbangov._lazy import lazy_names

if TYPE_CHECKING:
    from urbangov.notify._decide import plan_notifications
    from urbangov.notify._deliver import Delivery, DeliveryReport, deliver, digests_for
    from urbangov.notify._ledger import LedgerEntry, Pending, SQLiteLedger
    from urbangov.notify._model import (
        UNASSIGNED,
        Digest,
        Kind,
        Notification,
        Notifier,
        Recipient,
    )
    from urbangov.notify._recipients import recipient_for
    from urbangov.notify._rules import Rules, rules_from_config

_WHERE = {
    "UNASSIGNED": "_model",
    "Delivery": "_deliver",
    "DeliveryReport": "_deliver",
    "Digest": "_model",
    "Kind": "_model",
    "LedgerEntry": "_ledger",
    "Notification": "_model",
    "Notifier": "_model",
    "Pending": "_ledger",
    "Recipient": "_model",
    "Rules": "_rules",
    "SQLiteLedger": "_ledger",
    "deliver": "_deliver",
    "digests_for": "_deliver",
    "plan_notifications": "_decide",
    "recipient_for": "_recipients",
    "rules_from_config": "_rules",
}

__all__ = [
    "UNASSIGNED",
    "Delivery",
    "DeliveryReport",
    "Digest",
    "Kind",
    "LedgerEntry",
    "Notification",
    "Notifier",
    "Pending",
    "Recipient",
    "Rules",
    "SQLiteLedger",
    "deliver",
    "digests_for",
    "plan_notifications",
    "recipient_for",
    "rules_from_config",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE, __all__, relative=True)
