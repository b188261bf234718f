"""Who governs: organs, the posts in them, the people who hold the posts, and the powers
they hold or hand down.

The shapes follow Popolo and W3C ORG: a :class:`Post` exists independently of whoever
holds it, and an :class:`Appointment` says who held it from when to when. Councils and
committees follow from the organ rules (:mod:`urbangov.hierarchy._organs`), so their
ids are derived, ``<unit id>/people_committee``; agencies (Sở Nội vụ) and ad-hoc bodies
(a Steering Committee) are listed. Periods are inclusive; ``None`` is open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import NamedTuple, final

import attrs

from urbangov.hierarchy._model import AdministrativeUnit, LegalBasis, _on, _period_check, nfc
from urbangov.hierarchy._organs import OrganKind

__all__ = [
    "Accountable",
    "Appointment",
    "Authority",
    "Competence",
    "Contacts",
    "Delegation",
    "DelegationKind",
    "Organ",
    "Person",
    "Post",
    "PostRole",
    "covers",
    "derived_organ_id",
]


class PostRole(StrEnum):
    """What a post is within its organ."""

    CHAIR = "chair"  # Chủ tịch
    VICE_CHAIR = "vice_chair"  # Phó Chủ tịch
    DIRECTOR = "director"  # Giám đốc (of a Sở)
    DEPUTY_DIRECTOR = "deputy_director"  # Phó Giám đốc
    HEAD = "head"  # Trưởng ban, Trưởng phòng
    DEPUTY_HEAD = "deputy_head"  # Phó Trưởng ban
    MEMBER = "member"  # Ủy viên
    OFFICER = "officer"  # công chức, e.g. the Tư pháp - hộ tịch officer of a ward


class DelegationKind(StrEnum):
    """The two ways Vietnamese law hands a power down."""

    #: Phân cấp: the power passes to the receiver, who decides in its own name.
    DECENTRALISATION = "decentralisation"
    #: Ủy quyền: the receiver decides on the giver's behalf, which keeps responsibility.
    AUTHORISATION = "authorisation"


def derived_organ_id(unit_id: str, kind: OrganKind | str) -> str:
    """The id of the council or committee the rules give ``unit_id``."""
    return f"{unit_id}/{OrganKind(kind).value}"


def _scope(value: str | Iterable[str]) -> tuple[str, ...]:
    items = (value,) if isinstance(value, str) else tuple(value)
    if not items:
        raise ValueError("a scope names at least one matter")
    return tuple(nfc(item.strip()) for item in items)


def covers(held: Iterable[str], matter: str) -> bool:
    """Whether a scope ``held`` includes ``matter``: the same matter or a narrower one,
    written with ``/`` ("land" covers "land/allocation")."""
    return any(matter == item or matter.startswith(item + "/") for item in held)


def _pairs(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    out = {}
    for channel, address in items:
        if not isinstance(channel, str) or not isinstance(address, str) or not address.strip():
            raise ValueError(f"a contact is a channel name and an address, not {channel!r}")
        out[channel.strip()] = address.strip()
    return tuple(sorted(out.items()))


@final
@attrs.frozen
class Contacts:
    """Where to reach a person or a post, by channel name: ``email``, ``webhook``, or a
    plugin channel's own (``apprise``). Hashable, so people and posts stay values.

    >>> from urbangov.hierarchy import Contacts
    >>> c = Contacts({"email": "chutich@thaodien.gov.vn"})
    >>> c.get("email"), c.get("webhook"), bool(Contacts())
    ('chutich@thaodien.gov.vn', None, False)
    """

    items: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)

    def get(self, channel: str) -> str | None:
        """The address on ``channel``, if any."""
        return next((address for name, address in self.items if name == channel), None)

    def over(self, other: Contacts) -> Contacts:
        """These contacts, completed by ``other``'s for the channels these lack."""
        return Contacts({**dict(other.items), **dict(self.items)})

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


@final
@attrs.frozen
class Organ:
    """A body of a unit's government: its council, its committee, an agency, a board."""

    id: str
    unit: str
    kind: OrganKind = attrs.field(converter=OrganKind)
    name: str = attrs.field(converter=nfc)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = attrs.field(default=None, validator=_period_check)

    def exists_on(self, day: dt.date) -> bool:
        return _on(self.valid_from, self.valid_to, day)


@final
@attrs.frozen
class Post:
    """A position in an organ, independent of whoever holds it."""

    id: str
    organ: str
    title: str = attrs.field(converter=nfc)
    role: PostRole = attrs.field(converter=PostRole)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = attrs.field(default=None, validator=_period_check)
    #: The post's own addresses (an office mailbox), for whoever holds it.
    contacts: Contacts = attrs.field(factory=Contacts, kw_only=True)

    def exists_on(self, day: dt.date) -> bool:
        return _on(self.valid_from, self.valid_to, day)


@final
@attrs.frozen
class Person:
    """Someone who holds posts."""

    id: str
    name: str = attrs.field(converter=nfc)
    #: Where notifications reach the person (see :mod:`urbangov.notify`).
    contacts: Contacts = attrs.field(factory=Contacts, kw_only=True)


@final
@attrs.frozen
class Appointment:
    """``person`` holds ``post`` from ``valid_from`` to ``valid_to`` (inclusive)."""

    person: str
    post: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = attrs.field(default=None, validator=_period_check)
    basis: LegalBasis | None = None

    def holds_on(self, day: dt.date) -> bool:
        return _on(self.valid_from, self.valid_to, day)


@final
@attrs.frozen
class Competence:
    """An organ or post that the law itself empowers to decide the matters of ``scope``
    for its unit and the units under it."""

    holder: str
    scope: tuple[str, ...] = attrs.field(converter=_scope)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = attrs.field(default=None, validator=_period_check)
    basis: LegalBasis | None = None

    def holds_on(self, day: dt.date) -> bool:
        return _on(self.valid_from, self.valid_to, day)


@final
@attrs.frozen
class Delegation:
    """``giver`` hands the power to decide ``scope`` to ``receiver`` for a period.

    The receiver's unit (and the units under it) is where the delegation applies. A
    giver that holds the power only by an earlier delegation names it as ``parent``;
    that delegation must allow it (``may_subdelegate``).
    """

    id: str
    giver: str
    receiver: str
    kind: DelegationKind = attrs.field(converter=DelegationKind)
    scope: tuple[str, ...] = attrs.field(converter=_scope)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = attrs.field(default=None, validator=_period_check)
    basis: LegalBasis | None = None
    may_subdelegate: bool = False
    parent: str | None = None

    def holds_on(self, day: dt.date) -> bool:
        return _on(self.valid_from, self.valid_to, day)


class Accountable(NamedTuple):
    """One step of an escalation chain: a unit, the post that answers for it, and the
    person holding that post on the date (``None`` when not known)."""

    unit: AdministrativeUnit
    post: Post
    person: Person | None


class Authority(NamedTuple):
    """Who may decide a matter: ``holder`` (an organ or post id), the person holding it
    when it is a post, the competence it all starts from and the delegations followed."""

    holder: str
    person: Person | None
    competence: Competence
    chain: tuple[Delegation, ...]
