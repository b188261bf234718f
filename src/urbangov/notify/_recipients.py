"""Who answers for a task, and the chain above them, as recipients; cached per run.

Many tasks share a lead (a cascade hands one task to 312 wards, each led by its own
committee, but every task of a ward has the same chair), so each distinct lead,
accountable post or unit is resolved once.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, final

import attrs

from urbangov.errors import UrbangovError
from urbangov.notify._model import UNASSIGNED, Recipient

if TYPE_CHECKING:
    from urbangov.hierarchy import Organisation, Person, Post
    from urbangov.plan import Task

__all__ = ["Recipients", "recipient_for"]


def recipient_for(post: Post | None, person: Person | None) -> Recipient:
    """The person holding ``post`` (reached at their contacts, completed by the
    post's), or the post itself when nobody is known to hold it."""
    if person is not None:
        where = post.contacts if post is not None else None
        contacts = person.contacts.over(where) if where is not None else person.contacts
        name = person.name if post is None else f"{person.name}, {post.title}"
        return Recipient(f"person:{person.id}", name, post and post.id, contacts)
    if post is not None:
        return Recipient(f"post:{post.id}", post.title, post.id, post.contacts)
    return UNASSIGNED


@final
class Recipients:
    """The escalation chain of each task on one day: whoever answers for it first
    (level 0), then the chair of each unit above."""

    def __init__(self, organisation: Organisation | None, on: dt.date) -> None:
        self.organisation = organisation
        self.on = on
        self._chains: dict[tuple[str | None, str | None, str | None], tuple[Recipient, ...]] = {}

    def chain(self, task: Task) -> tuple[Recipient, ...]:
        """Level 0 first; never empty (:data:`UNASSIGNED` when nothing resolves)."""
        key = (task.accountable, task.lead, task.unit)
        found = self._chains.get(key)
        if found is None:
            found = self._chains[key] = self._resolve(task)
        return found

    def _resolve(self, task: Task) -> tuple[Recipient, ...]:
        organisation = self.organisation
        if organisation is None:
            lead = task.lead or task.unit
            return (Recipient(f"organ:{lead}", lead),) if lead else (UNASSIGNED,)
        if task.accountable is not None:
            person = _person(organisation, task.accountable)
            if person is not None:
                # A person answers first; above them, the chain from a post they hold,
                # else that of the task's lead or unit.
                first = recipient_for(None, person)
                held = organisation.posts_held(person.id, self.on)
                above = self._up_from(held[0].id) if held else ()
                if not above:
                    above = self._chain_of(attrs.evolve(task, accountable=None))
                return (first, *(r for r in above if r.key != first.key and r is not UNASSIGNED))
        return self._chain_of(task)

    def _chain_of(self, task: Task) -> tuple[Recipient, ...]:
        """The chain from the task's accountable post, its lead's head, or its unit."""
        from urbangov.assignment import accountable_for

        assert self.organisation is not None
        found = accountable_for(task, self.organisation, self.on)
        if found is not None:
            return self._up_from(found[0].id) or (recipient_for(*found),)
        if task.unit is not None:
            return self._up_from(task.unit) or (UNASSIGNED,)
        return (UNASSIGNED,)

    def _up_from(self, start: str) -> tuple[Recipient, ...]:
        """The escalation chain from a post or a unit; empty when it does not resolve."""
        assert self.organisation is not None
        try:
            steps = self.organisation.escalation(start, self.on)
        except UrbangovError:
            return ()
        return tuple(recipient_for(step.post, step.person) for step in steps)

    def members(self, organ: str) -> tuple[Recipient, ...]:
        """Whoever sits in ``organ`` (its posts' holders, or the posts) on the day; the
        organ itself when the organisation does not know it."""
        if self.organisation is not None:
            try:
                posts = self.organisation.posts(organ, self.on)
            except UrbangovError:
                posts = ()
            found = [recipient_for(p, self.organisation.holder(p.id, self.on)) for p in posts]
            if found:
                return tuple({r.key: r for r in found}.values())
        return (Recipient(f"organ:{organ}", organ),)


def _person(organisation: Organisation, ref: str) -> Person | None:
    try:
        return organisation.person(ref)
    except UrbangovError:
        return None
