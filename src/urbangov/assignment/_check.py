"""Is every task assigned? Clear lead, clear person, clear deadline ("rõ người, rõ
việc, rõ thời hạn"), and references that resolve on the task's own dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, Final, final

import attrs

from urbangov.errors import UrbangovError
from urbangov.hierarchy import Hierarchy, Organisation, Person, Post, PostRole
from urbangov.plan import Plan, Task
from urbangov.scheduling import Schedule, schedule

__all__ = ["AssignmentProblem", "ProblemKind", "accountable_for", "check_assignments"]

#: The roles that head an organ, the first found answering for it.
_HEADS: Final = (PostRole.CHAIR, PostRole.DIRECTOR, PostRole.HEAD)


class ProblemKind(StrEnum):
    """What is unclear about a task's assignment."""

    NO_LEAD = "no-lead"
    NO_DEADLINE = "no-deadline"
    NO_ACCOUNTABLE = "no-accountable"
    UNKNOWN_REFERENCE = "unknown-reference"
    NOT_ON_DATE = "not-on-date"


@final
@attrs.frozen
class AssignmentProblem:
    """One thing to fix before a task is clearly assigned."""

    task: str
    kind: ProblemKind
    #: In English, for logs and the JSON contract.
    message: str
    #: Which problem of its kind (``unknown-unit``, ``no-holder`` …), and the values
    #: its message is made of: what a face needs to say it in another language.
    code: str = ""
    values: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "kind": self.kind.value, "message": self.message}


def check_assignments(
    plan: Plan,
    *,
    organisation: Organisation | None = None,
    hierarchy: Hierarchy | None = None,
    scheduled: Schedule | None = None,
) -> tuple[AssignmentProblem, ...]:
    """Every task lacking a lead, a deadline or an accountable person, and every lead,
    supporting organ, unit or accountable post that does not resolve on the task's
    scheduled start and finish. Without ``organisation`` no person can be resolved,
    so only tasks naming no ``accountable`` are reported for it."""
    if hierarchy is None and organisation is not None:
        hierarchy = organisation.hierarchy
    result = scheduled or schedule(plan)
    found: list[AssignmentProblem] = []
    for task in plan.tasks:
        row = result[task.id]
        found.extend(_problems(task, (row.start, row.finish), organisation, hierarchy))
    return tuple(found)


def _problems(
    task: Task,
    days: tuple[dt.date, dt.date],
    organisation: Organisation | None,
    hierarchy: Hierarchy | None,
) -> Iterator[AssignmentProblem]:
    def problem(kind: ProblemKind, code: str, message: str, **values: object) -> AssignmentProblem:
        shown = tuple((k, str(v)) for k, v in values.items() if v is not None)
        return AssignmentProblem(task.id, kind, f"task {task.id!r}: {message}", code, shown)

    if task.lead is None:
        yield problem(ProblemKind.NO_LEAD, "no-lead", "no lead organ (cơ quan chủ trì)")
    if task.deadline is None:
        yield problem(ProblemKind.NO_DEADLINE, "no-deadline", "no deadline")
    if hierarchy is not None and task.unit is not None:
        if task.unit not in hierarchy:
            yield problem(
                ProblemKind.UNKNOWN_REFERENCE,
                "unknown-unit",
                f"unknown unit {task.unit!r}",
                ref=task.unit,
            )
        else:
            for day in days:
                if not hierarchy.unit(task.unit).exists_on(day):
                    yield problem(
                        ProblemKind.NOT_ON_DATE,
                        "unit-not-on-date",
                        f"unit {task.unit!r} does not exist on {day}",
                        ref=task.unit,
                        day=day,
                    )
    if organisation is None:
        if task.accountable is None:
            yield problem(
                ProblemKind.NO_ACCOUNTABLE, "no-accountable", "no accountable post or person"
            )
        return
    for role, organ in [("lead", task.lead), *(("supporting", s) for s in task.supporting)]:
        if organ is not None:
            yield from (
                problem(kind, code, f"{_ROLES[role]} {text}", role=role, ref=organ, day=day)
                for kind, code, text, day in _organ_problems(organisation, organ, days)
            )
    if task.accountable is not None and not _resolves_person(organisation, task.accountable, days):
        yield problem(
            ProblemKind.UNKNOWN_REFERENCE,
            "unknown-accountable",
            f"accountable {task.accountable!r} is neither a person nor a post held on {days[1]}",
            ref=task.accountable,
            day=days[1],
        )
    elif task.accountable is None:
        found = accountable_for(task, organisation, days[1])
        if found is None:
            yield problem(ProblemKind.NO_ACCOUNTABLE, "no-head", "no post heads its lead organ")
        elif found[1] is None:
            yield problem(
                ProblemKind.NO_ACCOUNTABLE,
                "no-holder",
                f"nobody is known to hold {found[0].id!r} ({found[0].title}) on {days[1]}",
                ref=found[0].id,
                title=found[0].title,
                day=days[1],
            )


_ROLES: Final = {"lead": "lead", "supporting": "supporting organ"}


def _organ_problems(
    organisation: Organisation, organ_id: str, days: tuple[dt.date, dt.date]
) -> Iterator[tuple[ProblemKind, str, str, dt.date | None]]:
    try:
        organisation.organ(organ_id)
    except UrbangovError:
        text = f"{organ_id!r} is not a known organ"
        yield ProblemKind.UNKNOWN_REFERENCE, "unknown-organ", text, None
        return
    for day in days:
        try:
            organisation.organ(organ_id, day)
        except UrbangovError:
            text = f"{organ_id!r} does not exist on {day}"
            yield ProblemKind.NOT_ON_DATE, "organ-not-on-date", text, day
            return


def _resolves_person(organisation: Organisation, ref: str, days: tuple[dt.date, dt.date]) -> bool:
    try:
        organisation.person(ref)
        return True
    except UrbangovError:
        pass
    try:
        post = organisation.post(ref, days[1])
    except UrbangovError:
        return False
    return organisation.holder(post.id, days[1]) is not None


def accountable_for(
    task: Task, organisation: Organisation, on: dt.date
) -> tuple[Post, Person | None] | None:
    """The post that answers for ``task`` on ``on`` and who holds it: the task's own
    ``accountable`` post, else the head of its lead organ (a committee's chair, a
    department's director, a body's head). ``None`` when nothing resolves."""
    if task.accountable is not None:
        try:
            post = organisation.post(task.accountable, on)
        except UrbangovError:
            return None
        return post, organisation.holder(post.id, on)
    if task.lead is None:
        return None
    try:
        posts = organisation.posts(task.lead, on)
    except UrbangovError:
        return None
    for role in _HEADS:
        for post in posts:
            if post.role is role:
                return post, organisation.holder(post.id, on)
    return None
