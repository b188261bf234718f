"""What is decided and what is sent: recipients, notifications, digests, channels."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Final, final

import attrs

from urbangov._words import day as show_day
from urbangov.hierarchy import Contacts
from urbangov.notify._words import WORDS
from urbangov.plan import Language

__all__ = ["UNASSIGNED", "Digest", "Kind", "Notification", "Notifier", "Recipient"]


class Kind(StrEnum):
    """Why a notification is sent: the rule that decided it."""

    #: N working days before a deadline.
    REMINDER = "reminder"
    #: On the deadline day.
    DEADLINE = "deadline"
    #: While overdue, every N working days, to whoever answers for the task.
    OVERDUE = "overdue"
    #: Overdue long enough to go one level up the chain.
    ESCALATION = "escalation"
    #: Within its deadline, but the forecast finish passes it.
    AT_RISK = "at_risk"
    #: N working days before a meeting of a programme.
    MEETING = "meeting"


@final
@attrs.frozen
class Recipient:
    """Whom a digest goes to: a person holding a post, or the post itself when nobody
    is known to hold it (or an organ, when a plan has no organisation data).

    ``key`` is what digests group by and what idempotency keys name: one person
    holding two posts gets one digest.
    """

    key: str
    name: str
    #: The post through which the person is reached (its id), when there is one.
    post: str | None = None
    contacts: Contacts = attrs.field(factory=Contacts)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "post": self.post}


#: Who receives what no one is known to answer for: it stays visible (the console
#: shows it) without reaching anyone by mistake.
UNASSIGNED: Final = Recipient("unassigned", "(no one answers for these)")


@final
@attrs.frozen
class Notification:
    """One thing to tell one recipient, due on one day.

    ``key`` (rule, subject, recipient, due day) is stable across runs: the ledger
    sends each key at most once per channel, and a receiver can drop a key it has seen.
    """

    kind: Kind = attrs.field(converter=Kind)
    #: The task id, or ``<programme id>@<meeting date>`` for a meeting.
    subject: str
    recipient: Recipient
    #: The day the rule made it due (on or before the run's date).
    due: dt.date
    #: One line for people: what happened and by when.
    text: str
    #: The deadline (or meeting day) the notification is about.
    deadline: dt.date | None = None
    #: Escalation: steps up the chain from whoever answers for the task (0: them).
    level: int = 0
    task: str | None = None

    @property
    def key(self) -> str:
        return json.dumps(
            [self.kind.value, self.subject, self.recipient.key, self.due.isoformat()],
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form the ledger keeps and the webhook sends."""
        return {
            "key": self.key,
            "kind": self.kind.value,
            "subject": self.subject,
            "task": self.task,
            "recipient": self.recipient.to_dict(),
            "due": self.due.isoformat(),
            "deadline": None if self.deadline is None else self.deadline.isoformat(),
            "level": self.level,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], contacts: Contacts | None = None) -> Notification:
        """Back from :meth:`to_dict` (the ledger's copy); ``contacts`` are not kept."""
        who = data["recipient"]
        deadline = data.get("deadline")
        return cls(
            Kind(data["kind"]),
            data["subject"],
            Recipient(who["key"], who["name"], who.get("post"), contacts or Contacts()),
            dt.date.fromisoformat(data["due"]),
            data["text"],
            None if deadline is None else dt.date.fromisoformat(deadline),
            int(data.get("level", 0)),
            data.get("task"),
        )


_ORDER: Final = {kind: i for i, kind in enumerate(Kind)}


@final
@attrs.frozen
class Digest:
    """Everything one recipient is told on one channel in one run: one message."""

    channel: str
    recipient: Recipient
    #: The recipient's address on the channel (``None`` for the console).
    address: str | None
    items: tuple[Notification, ...]
    plan_id: str
    plan_title: str
    as_of: dt.date
    #: The language of its subject, headings and (when decided in it) items.
    lang: Language = attrs.field(default=Language.VI, converter=Language)

    @property
    def key(self) -> str:
        """Stable for the same items to the same recipient on the same channel: a
        delivery id (``X-Urbangov-Delivery``, the e-mail's Message-ID)."""
        text = json.dumps([self.channel, self.recipient.key, sorted(n.key for n in self.items)])
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    @property
    def subject(self) -> str:
        counts = {kind: sum(n.kind is kind for n in self.items) for kind in Kind}
        parts = [WORDS(f"count.{kind.value}", self.lang, n=n) for kind, n in counts.items() if n]
        day = show_day(self.as_of, self.lang)
        return WORDS("subject", self.lang, plan=self.plan_id, day=day, counts=", ".join(parts))

    def text(self) -> str:
        """The message for people: one section per kind, one line per item."""
        who = self.recipient
        name = WORDS("unassigned", self.lang) if who.key == UNASSIGNED.key else who.name
        lines = [name, f"{self.plan_title} ({self.plan_id})"]
        lines.append(WORDS("as_of", self.lang, day=show_day(self.as_of, self.lang)))
        for kind in sorted({n.kind for n in self.items}, key=_ORDER.__getitem__):
            lines += ["", WORDS(f"heading.{kind.value}", self.lang) + ":"]
            lines += [f"- {n.text}" for n in self.items if n.kind is kind]
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """The JSON body of the webhook channel."""
        return {
            "delivery": self.key,
            "channel": self.channel,
            "plan": self.plan_id,
            "as_of": self.as_of.isoformat(),
            "recipient": self.recipient.to_dict(),
            "subject": self.subject,
            "items": [n.to_dict() for n in self.items],
            "text": self.text(),
        }


def _by_contact(name: str) -> Callable[[Recipient], str | None]:
    return lambda recipient: recipient.contacts.get(name)


@final
@attrs.frozen
class Notifier:
    """A channel: ``send(digest)`` delivers one digest or raises.

    ``address(recipient)`` says where the recipient is reached on this channel; by
    default the recipient's contact of the channel's name (``email = "..."``). A
    recipient without an address is not sent to on this channel.
    """

    name: str
    send: Callable[[Digest], None]
    description: str = ""
    address: Callable[[Recipient], str | None] | None = None

    def address_of(self, recipient: Recipient) -> str | None:
        find = self.address or _by_contact(self.name)
        return find(recipient)
