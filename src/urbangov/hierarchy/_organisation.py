"""A hierarchy together with its organs, posts, people, appointments and delegations.

:class:`Organisation` holds a :class:`~urbangov.hierarchy.Hierarchy` rather than
extending it: the map of units and who governs them change for different reasons and
come from different sources. Everything is checked once, when it is built.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Final, final

from urbangov.errors import (
    OrganisationError,
    UnknownOrganError,
    UnknownPersonError,
    UnknownPostError,
)
from urbangov.hierarchy._delegation import check_delegations, resolve
from urbangov.hierarchy._hierarchy import Hierarchy
from urbangov.hierarchy._model import AdministrativeUnit, Dated, UnitKind, nfc, search_form
from urbangov.hierarchy._organs import (
    RULED_ORGANS,
    VIETNAM_ORGAN_RULES,
    OrganKind,
    OrganRule,
    organs_on,
)
from urbangov.hierarchy._posts import (
    Accountable,
    Appointment,
    Authority,
    Competence,
    Delegation,
    Organ,
    Person,
    Post,
    PostRole,
    derived_organ_id,
)

__all__ = ["Organisation"]

_DAY: Final = dt.timedelta(days=1)
_ORGAN_NAMES: Final = {
    OrganKind.PEOPLE_COUNCIL: "Hội đồng nhân dân",
    OrganKind.PEOPLE_COMMITTEE: "Ủy ban nhân dân",
}
#: Unit names kept capitalised after an organ's name ("Ủy ban nhân dân Thành phố Hồ
#: Chí Minh"); others read "Ủy ban nhân dân phường Thảo Điền".
_PROPER: Final = {UnitKind.CENTRALLY_RUN_CITY}


def _err(
    kind: type[OrganisationError], message: str, section: str, index: int, item: str
) -> OrganisationError:
    return kind(message, section=section, index=index, item_id=item)


@final
class Organisation:
    """Who governs each unit of ``hierarchy``, and who may decide what, on a date.

    Councils and committees come from ``rules`` (:func:`organs_on`) with derived ids
    (``hcmc/thu-duc/thao-dien/people_committee``) and a derived chair post
    (``…/people_committee/chair``); a listed post with that id replaces the derived one.

    Raises:
        OrganisationError: a duplicate id, an entry naming an unknown unit, organ,
            post or person (:class:`UnknownOrganError` …), two appointments to one post
            on one date, or a delegation its giver could not make.
    """

    def __init__(
        self,
        hierarchy: Hierarchy,
        *,
        organs: Iterable[Organ] = (),
        posts: Iterable[Post] = (),
        people: Iterable[Person] = (),
        appointments: Iterable[Appointment] = (),
        competences: Iterable[Competence] = (),
        delegations: Iterable[Delegation] = (),
        rules: Sequence[OrganRule] = VIETNAM_ORGAN_RULES,
    ) -> None:
        self.hierarchy = hierarchy
        self.rules = tuple(rules)
        self._organs: dict[str, Organ] = {}
        for i, organ in enumerate(organs):
            self._add_organ(organ, i)
        self._people = self._unique(people, "people")
        self._posts: dict[str, Post] = {}
        for i, post in enumerate(posts):
            self._add_post(post, i)
        self._appointments: dict[str, list[Appointment]] = defaultdict(list)
        for i, appointment in enumerate(appointments):
            self._add_appointment(appointment, i)
        self.competences = tuple(competences)
        for i, competence in enumerate(self.competences):
            if not self._known(competence.holder):
                msg = f"competence names unknown organ or post {competence.holder!r}"
                raise _err(UnknownOrganError, msg, "competences", i, competence.holder)
        self.delegations = tuple(delegations)
        check_delegations(self.competences, self.delegations, self._known)

    # -- building and checking -----------------------------------------------------------

    def _unique(self, people: Iterable[Person], section: str) -> dict[str, Person]:
        found: dict[str, Person] = {}
        for i, person in enumerate(people):
            if person.id in found:
                raise _err(
                    OrganisationError, f"duplicate person id {person.id!r}", section, i, person.id
                )
            found[person.id] = person
        return found

    def _add_organ(self, organ: Organ, i: int) -> None:
        if organ.id in self._organs:
            raise _err(OrganisationError, f"duplicate organ id {organ.id!r}", "organs", i, organ.id)
        if organ.kind in RULED_ORGANS:
            msg = (
                f"organ {organ.id!r}: {organ.kind.value} organs follow from the organ rules; "
                f"refer to them as {derived_organ_id(organ.unit, organ.kind)!r}"
            )
            raise _err(OrganisationError, msg, "organs", i, organ.id)
        if organ.unit not in self.hierarchy:
            msg = f"organ {organ.id!r} names unknown unit {organ.unit!r}"
            raise OrganisationError(
                msg, section="organs", index=i, item_id=organ.id, unit_id=organ.unit
            )
        self._organs[organ.id] = organ

    def _add_post(self, post: Post, i: int) -> None:
        if post.id in self._posts:
            raise _err(OrganisationError, f"duplicate post id {post.id!r}", "posts", i, post.id)
        if not self._is_organ(post.organ):
            raise _err(
                UnknownOrganError,
                f"post {post.id!r} names unknown organ {post.organ!r}",
                "posts",
                i,
                post.id,
            )
        if post.valid_from is not None and not self._organ_on(post.organ, post.valid_from):
            msg = (
                f"post {post.id!r} starts on {post.valid_from}, "
                f"when organ {post.organ!r} does not exist"
            )
            raise _err(OrganisationError, msg, "posts", i, post.id)
        self._posts[post.id] = post

    def _add_appointment(self, appointment: Appointment, i: int) -> None:
        what = f"appointment of {appointment.person!r} to {appointment.post!r}"
        if appointment.person not in self._people:
            raise _err(
                UnknownPersonError,
                f"{what} names unknown person {appointment.person!r}",
                "appointments",
                i,
                appointment.person,
            )
        if not self._is_post(appointment.post):
            raise _err(
                UnknownPostError,
                f"{what} names unknown post {appointment.post!r}",
                "appointments",
                i,
                appointment.post,
            )
        for other in self._appointments[appointment.post]:
            if _overlap(appointment, other):
                msg = (
                    f"{what} overlaps that of {other.person!r} "
                    f"({other.valid_from or '…'} to {other.valid_to or '…'}): "
                    "a post has one holder at a time"
                )
                raise _err(OrganisationError, msg, "appointments", i, appointment.post)
        self._appointments[appointment.post].append(appointment)

    # -- organs ------------------------------------------------------------------------

    def _ruled(self, organ_id: str) -> tuple[str, OrganKind] | None:
        unit, _, kind = organ_id.rpartition("/")
        if unit in self.hierarchy and kind in set(RULED_ORGANS):
            return unit, OrganKind(kind)
        return None

    def _is_organ(self, organ_id: str) -> bool:
        return organ_id in self._organs or self._ruled(organ_id) is not None

    def _organ_on(self, organ_id: str, on: dt.date) -> bool:
        ruled = self._ruled(organ_id)
        if ruled is not None:
            return ruled[1] in organs_on(self.hierarchy, ruled[0], on, self.rules)
        return self._organs[organ_id].exists_on(on)

    def organ(self, organ_id: str, on: dt.date | None = None) -> Organ:
        """The organ with this id (on ``on``: a council or committee is named after its
        unit's name then, and holds for as long as the rules and that name do)."""
        if organ_id in self._organs:
            organ = self._organs[organ_id]
            if on is None or organ.exists_on(on):
                return organ
        elif (ruled := self._ruled(organ_id)) is not None:
            unit = self.hierarchy.unit(ruled[0])
            if on is None:
                return Organ(
                    organ_id,
                    unit.id,
                    ruled[1],
                    _organ_name(unit, ruled[1], None),
                    unit.valid_from,
                    unit.valid_to,
                )
            if self._organ_on(organ_id, on):
                start, end = self._stretch(unit, ruled[1], on)
                return Organ(
                    organ_id, unit.id, ruled[1], _organ_name(unit, ruled[1], on), start, end
                )
        when = f" on {on}" if on else ""
        raise UnknownOrganError(f"no organ {organ_id!r}{when}", item_id=organ_id)

    def organs(self, unit_id: str, on: dt.date) -> tuple[Organ, ...]:
        """The organs of ``unit_id`` on ``on``: council and committee as the rules say,
        then the listed agencies and bodies."""
        ruled = [
            self.organ(derived_organ_id(unit_id, k), on)
            for k in organs_on(self.hierarchy, unit_id, on, self.rules)
        ]
        listed = [o for o in self._organs.values() if o.unit == unit_id and o.exists_on(on)]
        return (*ruled, *sorted(listed, key=lambda o: search_form(o.name)))

    def _stretch(
        self, unit: AdministrativeUnit, kind: OrganKind, on: dt.date
    ) -> tuple[dt.date | None, dt.date | None]:
        """The days around ``on`` on which the unit has the organ under the same name."""
        name = unit.name_on(on)

        def same(day: dt.date) -> bool:
            return unit.name_on(day) == name and kind in organs_on(
                self.hierarchy, unit.id, day, self.rules
            )

        cuts = sorted(self._cuts(unit, kind, on))
        start = end = None
        for cut in reversed([c for c in cuts if c <= on]):
            if not same(cut - _DAY):
                start = cut
                break
        for cut in (c for c in cuts if c > on):
            if not same(cut):
                end = cut - _DAY
                break
        return start, end

    def _cuts(self, unit: AdministrativeUnit, kind: OrganKind, on: dt.date) -> set[dt.date]:
        """The days on which whether (or as what) ``unit`` has ``kind`` may change."""
        periods: list[tuple[dt.date | None, dt.date | None]] = [
            (r.valid_from, r.valid_to) for r in self.rules if r.organ is kind
        ]
        for u in (unit, *self.hierarchy.ancestors(unit.id, on)):
            periods.append((u.valid_from, u.valid_to))
            dated: list[Dated[Any]] = [*u.names, *u.kinds, *u.parents]
            periods.extend((v.valid_from, v.valid_to) for v in dated)
        cuts = {start for start, _ in periods if start is not None and start > dt.date.min}
        return cuts | {end + _DAY for _, end in periods if end is not None and end < dt.date.max}

    # -- posts and people ----------------------------------------------------------------

    def _derived_post(self, post_id: str, on: dt.date | None) -> Post | None:
        organ_id, _, role = post_id.rpartition("/")
        ruled = self._ruled(organ_id)
        if role != PostRole.CHAIR.value or ruled is None:
            return None
        organ = self.organ(organ_id, on)
        return Post(
            post_id,
            organ_id,
            f"Chủ tịch {organ.name}",
            PostRole.CHAIR,
            organ.valid_from,
            organ.valid_to,
        )

    def _is_post(self, post_id: str) -> bool:
        return post_id in self._posts or self._derived_post(post_id, None) is not None

    def _known(self, organ_or_post: str) -> bool:
        return self._is_organ(organ_or_post) or self._is_post(organ_or_post)

    def post(self, post_id: str, on: dt.date | None = None) -> Post:
        """The post with this id; a council's or committee's chair is there unlisted."""
        if post_id in self._posts:
            return self._posts[post_id]
        try:
            found = self._derived_post(post_id, on)
        except UnknownOrganError:
            found = None
        if found is None:
            raise UnknownPostError(
                f"no post {post_id!r}" + (f" on {on}" if on else ""), item_id=post_id
            )
        return found

    def posts(self, organ_id: str, on: dt.date | None = None) -> tuple[Post, ...]:
        """The listed posts of an organ (on ``on``), and its chair if it is ruled."""
        self.organ(organ_id, on)
        found = [
            p
            for p in self._posts.values()
            if p.organ == organ_id and (on is None or p.exists_on(on))
        ]
        chair = f"{organ_id}/chair"
        if self._ruled(organ_id) is not None and chair not in self._posts:
            found.insert(0, self.post(chair, on))
        return tuple(found)

    def person(self, person_id: str) -> Person:
        try:
            return self._people[person_id]
        except KeyError:
            raise UnknownPersonError(f"no person {person_id!r}", item_id=person_id) from None

    def find_person(self, text: str) -> Person:
        """A person by id or by name, diacritics optional."""
        text = nfc(text.strip())
        if text in self._people:
            return self._people[text]
        found = [p for p in self._people.values() if search_form(p.name) == search_form(text)]
        if len(found) != 1:
            why = "no person called" if not found else "several people are called"
            raise UnknownPersonError(f"{why} {text!r}", item_id=None)
        return found[0]

    def find_post(self, text: str, on: dt.date | None = None) -> Post:
        """A listed post by id or by title (on ``on``), diacritics optional."""
        text = nfc(text.strip())
        if text in self._posts:
            return self._posts[text]
        found = [
            p
            for p in self._posts.values()
            if search_form(p.title) == search_form(text) and (on is None or p.exists_on(on))
        ]
        if len(found) != 1:
            why = "no post called" if not found else "several posts are called"
            raise UnknownPostError(f"{why} {text!r}", item_id=None)
        return found[0]

    def appointments(self, post_id: str) -> tuple[Appointment, ...]:
        """Who held ``post_id``, earliest first."""
        self.post(post_id)
        return tuple(sorted(self._appointments.get(post_id, ()), key=_start))

    def posts_held(self, person_id: str, on: dt.date) -> tuple[Post, ...]:
        """The posts ``person_id`` holds on ``on`` (by post id)."""
        self.person(person_id)
        return tuple(
            self.post(post_id)
            for post_id, appointments in sorted(self._appointments.items())
            if any(a.person == person_id and a.holds_on(on) for a in appointments)
        )

    def holder(self, post_id: str, on: dt.date) -> Person | None:
        """The person holding ``post_id`` on ``on``, if it is known."""
        for appointment in self.appointments(post_id):
            if appointment.holds_on(on):
                return self._people[appointment.person]
        return None

    # -- who answers, who decides --------------------------------------------------------

    def unit_of(self, organ_or_post: str) -> str:
        """The unit an organ or post belongs to."""
        if organ_or_post in self._posts:
            organ_or_post = self._posts[organ_or_post].organ
        elif not self._is_organ(organ_or_post) and self._is_post(organ_or_post):
            organ_or_post = organ_or_post.rpartition("/")[0]
        return self.organ(organ_or_post).unit

    def chair(self, unit_id: str, on: dt.date) -> Post | None:
        """The chair of ``unit_id``'s People's Committee on ``on`` (None without one)."""
        committee = derived_organ_id(unit_id, OrganKind.PEOPLE_COMMITTEE)
        if not self._organ_on(committee, on):
            return None
        listed = [
            p
            for p in self._posts.values()
            if p.organ == committee and p.role is PostRole.CHAIR and p.exists_on(on)
        ]
        return listed[0] if listed else self.post(f"{committee}/chair", on)

    def accountable(self, unit_id: str, on: dt.date) -> Accountable | None:
        """Whose chair answers for ``unit_id`` on ``on``: the unit, the chair post of its
        People's Committee and the person holding it (None when it has no committee)."""
        post = self.chair(unit_id, on)
        if post is None:
            return None
        return Accountable(self.hierarchy.unit(unit_id), post, self.holder(post.id, on))

    def escalation(self, start: str, on: dt.date) -> tuple[Accountable, ...]:
        """Who a matter goes up to from ``start`` (a unit, or a post) on ``on``: the post
        itself if it is not its unit's chair, then the chair of the unit's People's
        Committee, then that of each unit above, up to the top; nothing for a unit that
        does not exist on ``on``."""
        out: list[Accountable] = []
        if start in self.hierarchy:
            unit_id = start
        else:
            post = self.post(start, on)
            unit_id = self.unit_of(post.id)
            chair = self.chair(unit_id, on)
            if chair is None or chair.id != post.id:
                out.append(
                    Accountable(self.hierarchy.unit(unit_id), post, self.holder(post.id, on))
                )
        if not self.hierarchy.unit(unit_id).exists_on(on):
            return ()
        for unit in (self.hierarchy.unit(unit_id), *self.hierarchy.ancestors(unit_id, on)):
            step = self.accountable(unit.id, on)
            if step is not None:
                out.append(step)
        return tuple(out)

    def who_may_decide(self, matter: str, unit_id: str, on: dt.date) -> tuple[Authority, ...]:
        """Who may decide ``matter`` for ``unit_id`` on ``on``: the nearest organ or post
        competent for it (the unit's own, else its parent's, …), or whoever that
        competence was delegated to, following sub-delegations, for that unit."""
        area = [unit_id, *(u.id for u in self.hierarchy.ancestors(unit_id, on))]
        answers = resolve(
            self.competences, self.delegations, nfc(matter.strip()), area, self.unit_of, on
        )
        out = []
        for competence, chain in answers:
            holder = chain[-1].receiver if chain else competence.holder
            person = self.holder(holder, on) if self._is_post(holder) else None
            out.append(Authority(holder, person, competence, chain))
        return tuple(out)


def _start(appointment: Appointment) -> dt.date:
    return appointment.valid_from or dt.date.min


def _overlap(a: Appointment, b: Appointment) -> bool:
    return (a.valid_to is None or b.valid_from is None or b.valid_from <= a.valid_to) and (
        b.valid_to is None or a.valid_from is None or a.valid_from <= b.valid_to
    )


def _latest(kinds: Sequence[Dated[UnitKind]]) -> UnitKind | None:
    return max(kinds, key=lambda k: k.valid_from or dt.date.min).value if kinds else None


def _organ_name(unit: AdministrativeUnit, kind: OrganKind, on: dt.date | None) -> str:
    name = (unit.name_on(on) if on else None) or unit.latest_name
    unit_kind = (unit.kind_on(on) if on else None) or _latest(unit.kinds)
    if unit_kind not in _PROPER:
        name = name[:1].lower() + name[1:]
    return f"{_ORGAN_NAMES[kind]} {name}"
