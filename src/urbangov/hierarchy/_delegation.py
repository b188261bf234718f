"""The delegation register: checking that every power handed down was held by its giver,
and following the chains to whoever may decide a matter on a date.

A delegation applies in its receiver's unit and the units under it: when the city
decentralises a power to Thủ Đức City, Thủ Đức decides for its wards, while the city
still decides for Quận 1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Sequence

from urbangov.errors import OrganisationError, UnknownOrganError
from urbangov.hierarchy._posts import Competence, Delegation, DelegationKind, covers

__all__ = ["check_delegations", "resolve"]


def _within(
    inner: tuple[dt.date | None, dt.date | None], outer: tuple[dt.date | None, dt.date | None]
) -> bool:
    starts = outer[0] is None or (inner[0] is not None and inner[0] >= outer[0])
    ends = outer[1] is None or (inner[1] is not None and inner[1] <= outer[1])
    return starts and ends


def _period(item: Competence | Delegation) -> tuple[dt.date | None, dt.date | None]:
    return item.valid_from, item.valid_to


def _fail(message: str, index: int, delegation: Delegation) -> OrganisationError:
    return OrganisationError(
        f"delegation {delegation.id!r}: {message}",
        section="delegations",
        index=index,
        item_id=delegation.id,
    )


def check_delegations(
    competences: Sequence[Competence],
    delegations: Sequence[Delegation],
    known: Callable[[str], bool],
) -> None:
    """Refuse a delegation of an unknown giver or receiver, of a power its giver does
    not hold for the whole period, or a sub-delegation its parent does not allow."""
    by_id = {d.id: d for d in delegations}
    for i, d in enumerate(delegations):
        if by_id[d.id] is not d:
            raise _fail("duplicate delegation id", i, d)
        for end in (d.giver, d.receiver):
            if not known(end):
                raise UnknownOrganError(
                    f"delegation {d.id!r} names unknown organ or post {end!r}",
                    section="delegations",
                    index=i,
                    item_id=d.id,
                )
        if d.parent is None:
            _check_held(competences, d, i)
        else:
            _check_parent(by_id, d, i)


def _check_held(competences: Sequence[Competence], d: Delegation, i: int) -> None:
    for matter in d.scope:
        if not any(
            c.holder == d.giver and covers(c.scope, matter) and _within(_period(d), _period(c))
            for c in competences
        ):
            raise _fail(
                f"its giver {d.giver!r} holds no competence for {matter!r} over its whole "
                "period (name the delegation it received the power by as its parent)",
                i,
                d,
            )


def _check_parent(by_id: dict[str, Delegation], d: Delegation, i: int) -> None:
    seen = {d.id}
    parent = by_id.get(d.parent or "")
    if parent is None:
        raise _fail(f"unknown parent delegation {d.parent!r}", i, d)
    if parent.receiver != d.giver:
        raise _fail(f"its giver {d.giver!r} is not the receiver of {parent.id!r}", i, d)
    if not parent.may_subdelegate:
        raise _fail(f"sub-delegation is not permitted by {parent.id!r}", i, d)
    for matter in d.scope:
        if not covers(parent.scope, matter):
            raise _fail(f"{matter!r} is not in the scope of {parent.id!r}", i, d)
    if not _within(_period(d), _period(parent)):
        raise _fail(f"its period is not within that of {parent.id!r}", i, d)
    while parent is not None:  # a loop of parents would never end at a competence
        if parent.id in seen:
            raise _fail("its parent delegations form a cycle", i, d)
        seen.add(parent.id)
        parent = by_id.get(parent.parent or "")


def resolve(
    competences: Sequence[Competence],
    delegations: Sequence[Delegation],
    matter: str,
    area: Sequence[str],
    unit_of: Callable[[str], str],
    on: dt.date,
) -> list[tuple[Competence, tuple[Delegation, ...]]]:
    """Who may decide ``matter`` on ``on`` in the first unit of ``area`` (the unit, then
    its ancestors): the nearest competence, followed down every delegation that holds
    on ``on`` and applies in ``area``. Each answer is the competence and the chain.

    A decentralisation (phân cấp) passes the power on; an authorisation (ủy quyền)
    lets the receiver decide on the giver's behalf, so the giver is an answer too,
    after those it authorised.
    """
    found: list[Competence] = []
    for unit in area:
        found = [
            c
            for c in competences
            if c.holds_on(on) and covers(c.scope, matter) and unit_of(c.holder) == unit
        ]
        if found:
            break
    live = [d for d in delegations if d.holds_on(on) and covers(d.scope, matter)]
    inside = set(area)
    return [
        (competence, chain)
        for competence in found
        for chain in _follow(competence.holder, None, live, inside, unit_of)
    ]


def _follow(
    holder: str,
    via: Delegation | None,
    live: Sequence[Delegation],
    area: Collection[str],
    unit_of: Callable[[str], str],
) -> Iterator[tuple[Delegation, ...]]:
    onward = [
        d
        for d in live
        if d.giver == holder
        and d.parent == (via.id if via else None)
        and unit_of(d.receiver) in area
    ]
    for d in onward:
        for rest in _follow(d.receiver, d, live, area, unit_of):
            yield (d, *rest)
    if all(d.kind is DelegationKind.AUTHORISATION for d in onward):
        yield ()  # nothing handed down, or only on its behalf: the holder still decides
