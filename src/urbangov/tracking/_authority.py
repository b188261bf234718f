"""Who may write which tracking record: the lead reports, the assigning body decides.

Many agencies write to one store; a ward must not report on another ward's task, nor
grant itself an extension. The rules are resolved from the organisation (organs,
posts, who holds them) and its delegation register, as of each record's own date:

- progress and extension requests: the task's lead organ, or an organ the lead handed
  the task to by a delegation whose scope covers the matter ``task/<id>`` (``task``
  covers every task of the giver);
- extension decisions and withdrawals: the body that assigned the task, the lead of
  the task it is part of (a cascade's level above), else the plan's ``issued_by``.

An account is an organ, a post (it acts for its organ) or a person (for the organs of
the posts they hold on the record's date).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, final

import attrs

from urbangov.errors import (
    AuthorityError,
    UnknownOrganError,
    UnknownPersonError,
    UnknownPostError,
)
from urbangov.plan import Group, Plan, Task
from urbangov.tracking._log import TrackingLog

if TYPE_CHECKING:
    from urbangov.hierarchy import Organisation

__all__ = ["Refusal", "ReportingPolicy"]

#: Refusals are logged here (at WARNING), whoever calls the policy; an application
#: (a web server) routes them where it keeps its logs, a library prints nothing.
LOGGER: Final = logging.getLogger("urbangov.authority")
LOGGER.addHandler(logging.NullHandler())
_UNKNOWN_ACCOUNT: Final = "it is not an organ, a post or a person holding a post on that day"


@final
@attrs.frozen
class Refusal:
    """A record an account may not write, and why (in a sentence)."""

    account: str
    kind: str
    task: str
    dated: dt.date
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.account} may not write the {self.kind} of {self.dated} on task "
            f"{self.task!r}: {self.reason}"
        )


@final
@attrs.frozen
class ReportingPolicy:
    """The rules of who may write what for ``plan``, from ``organisation``: see the
    module's description, and ``docs/authority.md`` for an example."""

    plan: Plan
    organisation: Organisation

    def refusals(
        self,
        account: str,
        records: TrackingLog,
        *,
        task_of_request: Callable[[str], str | None] = lambda _: None,
    ) -> list[Refusal]:
        """Every record of ``records`` that ``account`` may not write. A decision on a
        request ``records`` does not hold asks ``task_of_request`` (the store); one on a
        request nobody holds is left to the store, which refuses it."""
        asked = {r.id: r.task for r in records.requests}
        found: list[Refusal] = []
        for update in records.updates:
            found += self._as_lead(account, "progress report", update.task, update.reported_on)
        for request in records.requests:
            found += self._as_lead(account, "extension request", request.task, request.requested_on)
        for decision in records.decisions:
            task = asked.get(decision.request) or task_of_request(decision.request)
            if task is not None:
                found += self._as_assigner(account, "extension decision", task, decision.decided_on)
        for withdrawal in records.withdrawals:
            found += self._as_assigner(
                account, "withdrawal", withdrawal.task, withdrawal.withdrawn_on
            )
        for refusal in found:
            LOGGER.warning("plan %s: refused: %s", self.plan.id, refusal)
        return found

    def check(
        self,
        account: str,
        records: TrackingLog,
        *,
        task_of_request: Callable[[str], str | None] = lambda _: None,
    ) -> None:
        """Refuse the whole of ``records`` when ``account`` may not write one of them.

        Raises:
            AuthorityError: names the first refused record, why, and how many more.
        """
        found = self.refusals(account, records, task_of_request=task_of_request)
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            raise AuthorityError(f"{found[0]}{more}", refusals=found)

    # -- the rules ----------------------------------------------------------------

    def organs_of(self, account: str, on: dt.date) -> frozenset[str]:
        """The organs and posts ``account`` acts as on ``on``: an organ itself; a post
        and its organ; a person the posts they hold then, and their organs (none for
        an account the organisation does not know)."""
        org = self.organisation
        try:
            org.organ(account)
            return frozenset({account})
        except UnknownOrganError:
            pass
        try:
            return frozenset({account, org.post(account).organ})
        except UnknownPostError:
            pass
        try:
            held = org.posts_held(account, on)
        except UnknownPersonError:
            return frozenset()
        return frozenset({post.id for post in held} | {post.organ for post in held})

    def leads(self, task_id: str, on: dt.date) -> frozenset[str]:
        """The organs (and posts) that may report on ``task_id`` on ``on``: its lead,
        and whoever the lead (or one of its posts, or an organ it handed the task to)
        delegated it to by then."""
        from urbangov.hierarchy import covers

        task = self.plan.task(task_id)
        if task.lead is None:
            return frozenset()
        matter = f"task/{task.id}"
        live = [
            d for d in self.organisation.delegations if d.holds_on(on) and covers(d.scope, matter)
        ]
        found, todo = {task.lead}, [task.lead]
        while todo:
            giver = todo.pop()
            for d in live:
                if self._acts_for(d.giver, giver) and d.receiver not in found:
                    found.add(d.receiver)
                    todo.append(d.receiver)
        return frozenset(found)

    def _acts_for(self, giver: str, organ_or_post: str) -> bool:
        """Whether a delegation's ``giver`` is ``organ_or_post`` or one of its posts."""
        if giver == organ_or_post:
            return True
        try:
            return self.organisation.post(giver).organ == organ_or_post
        except UnknownPostError:
            return False

    def assigner(self, task_id: str) -> str | None:
        """The organ that assigned ``task_id``: the lead of the nearest task or group it
        is part of that has one, else the plan's ``issued_by``."""
        plan = self.plan
        parent: Task | Group = plan.task(task_id)
        while parent.part_of is not None:
            up = parent.part_of
            parent = plan.group(up) if plan.is_group(up) else plan.task(up)
            if parent.lead is not None:
                return parent.lead
        return plan.issued_by

    def _as_lead(self, account: str, kind: str, task: str, on: dt.date) -> list[Refusal]:
        mine = self.organs_of(account, on)
        may = self.leads(task, on)
        if mine & may:
            return []
        if not mine:
            reason = _UNKNOWN_ACCOUNT
        elif not may:
            reason = "the task has no lead to report for it"
        else:
            lead = self.plan.task(task).lead
            reason = f"it is neither the task's lead, {lead}, nor an organ it handed the task to"
        return [Refusal(account, kind, task, on, reason)]

    def _as_assigner(self, account: str, kind: str, task: str, on: dt.date) -> list[Refusal]:
        mine = self.organs_of(account, on)
        body = self.assigner(task)
        if body is not None and body in mine:
            return []
        if body is None:
            reason = "the task was assigned by nobody the plan names (set the plan's issued_by)"
        elif not mine:
            reason = _UNKNOWN_ACCOUNT
        else:
            reason = f"only the body that assigned the task, {body}, decides it"
        return [Refusal(account, kind, task, on, reason)]
