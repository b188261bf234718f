"""Organisation files: organs, posts, people, appointments, competences and delegations
of a hierarchy, with errors that say where.

One file (TOML, JSON or YAML) holds any of the lists ``organs``, ``posts``, ``people``,
``appointments``, ``competences`` and ``delegations``. Periods are ``from``/``to``,
both inclusive; a missing date is open. Councils and committees are not listed: the
organ rules give them (``<unit id>/people_committee``, its chair ``…/chair``).
People and posts may have ``contacts``, a table of addresses by channel name
(``email``, ``webhook``, a plugin channel's own), where notifications reach them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs
from cattrs.gen import make_dict_structure_fn, override

from urbangov.errors import OrganisationError, OrganisationFileError
from urbangov.hierarchy import (
    VIETNAM_ORGAN_RULES,
    Appointment,
    Competence,
    Contacts,
    Delegation,
    DelegationKind,
    Hierarchy,
    LegalBasis,
    Organ,
    Organisation,
    OrganKind,
    OrganRule,
    Person,
    Post,
    PostRole,
)
from urbangov.io._structure import _location, converter, decode, read, show, structure

__all__ = ["load_organisation", "organisation_from_dict"]

T = TypeVar("T")


@attrs.frozen
class _Basis:
    number: str
    type: str = "resolution"
    signed: dt.date | None = None
    effective: dt.date | None = None


@attrs.frozen
class _Organ:
    id: str
    unit: str
    kind: OrganKind
    name: str
    from_: dt.date | None = None
    to: dt.date | None = None


@attrs.frozen
class _Post:
    id: str
    organ: str
    title: str
    role: PostRole
    from_: dt.date | None = None
    to: dt.date | None = None
    contacts: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class _Person:
    id: str
    name: str
    contacts: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class _Appointment:
    person: str
    post: str
    from_: dt.date | None = None
    to: dt.date | None = None
    basis: _Basis | None = None


@attrs.frozen
class _Competence:
    holder: str
    scope: list[str]
    from_: dt.date | None = None
    to: dt.date | None = None
    basis: _Basis | None = None


@attrs.frozen
class _Delegation:
    id: str
    giver: str
    receiver: str
    kind: DelegationKind
    scope: list[str]
    from_: dt.date | None = None
    to: dt.date | None = None
    basis: _Basis | None = None
    may_subdelegate: bool = False
    parent: str | None = None


@attrs.frozen
class _OrganisationFile:
    organs: list[_Organ] = attrs.Factory(list)
    posts: list[_Post] = attrs.Factory(list)
    people: list[_Person] = attrs.Factory(list)
    appointments: list[_Appointment] = attrs.Factory(list)
    competences: list[_Competence] = attrs.Factory(list)
    delegations: list[_Delegation] = attrs.Factory(list)


def _scope(value: object, _: type[Any]) -> list[str]:
    """A scope is one matter (a string) or a list of them."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        raise ValueError(f"expected a string or a list of strings, got {show(value)}")
    return items


_CONVERTER: Final = converter(OrganKind, PostRole, DelegationKind)
_FROM: Final = override(rename="from")
for _shape in (_Organ, _Post, _Appointment):
    _CONVERTER.register_structure_hook(
        _shape,
        make_dict_structure_fn(_shape, _CONVERTER, _cattrs_forbid_extra_keys=True, from_=_FROM),
    )
for _scoped in (_Competence, _Delegation):
    _CONVERTER.register_structure_hook(
        _scoped,
        make_dict_structure_fn(
            _scoped,
            _CONVERTER,
            _cattrs_forbid_extra_keys=True,
            from_=_FROM,
            scope=override(struct_hook=_scope),
        ),
    )


def _basis(basis: _Basis | None) -> LegalBasis | None:
    if basis is None:
        return None
    return LegalBasis(basis.number, basis.type, basis.signed, basis.effective)


def _each(
    items: Sequence[Any], make: Callable[[Any], T], section: str, data: Any, source: str | None
) -> list[T]:
    """``make`` every item; a bad period (``to`` before ``from``) is located."""
    out = []
    for i, item in enumerate(items):
        try:
            out.append(make(item))
        except ValueError as exc:
            where = _location(f"{section}[{i}]", data)
            raise OrganisationFileError(str(exc), path=source, location=where) from None
    return out


def _delegation(d: _Delegation) -> Delegation:
    return Delegation(
        d.id,
        d.giver,
        d.receiver,
        d.kind,
        d.scope,
        d.from_,
        d.to,
        _basis(d.basis),
        d.may_subdelegate,
        d.parent,
    )


def organisation_from_dict(
    data: object,
    hierarchy: Hierarchy,
    *,
    source: str | None = None,
    rules: Sequence[OrganRule] = VIETNAM_ORGAN_RULES,
) -> Organisation:
    """An :class:`~urbangov.hierarchy.Organisation` of ``hierarchy`` from decoded content."""
    shape = structure(
        _CONVERTER,
        data,
        _OrganisationFile,
        source=source,
        error=OrganisationFileError,
        what="organisation",
    )
    assert isinstance(data, dict)  # structure() refused anything else
    organs = _each(
        shape.organs,
        lambda o: Organ(o.id, o.unit, o.kind, o.name, o.from_, o.to),
        "organs",
        data,
        source,
    )
    posts = _each(
        shape.posts,
        lambda p: Post(
            p.id, p.organ, p.title, p.role, p.from_, p.to, contacts=Contacts(p.contacts)
        ),
        "posts",
        data,
        source,
    )
    appointments = _each(
        shape.appointments,
        lambda a: Appointment(a.person, a.post, a.from_, a.to, _basis(a.basis)),
        "appointments",
        data,
        source,
    )
    competences = _each(
        shape.competences,
        lambda c: Competence(c.holder, c.scope, c.from_, c.to, _basis(c.basis)),
        "competences",
        data,
        source,
    )
    delegations = _each(shape.delegations, _delegation, "delegations", data, source)
    people = _each(
        shape.people,
        lambda p: Person(p.id, p.name, contacts=Contacts(p.contacts)),
        "people",
        data,
        source,
    )
    try:
        return Organisation(
            hierarchy,
            organs=organs,
            posts=posts,
            people=people,
            appointments=appointments,
            competences=competences,
            delegations=delegations,
            rules=rules,
        )
    except OrganisationError as exc:
        where = None
        if exc.section is not None and exc.index is not None:
            where = _location(f"{exc.section}[{exc.index}]", data)
        raise OrganisationFileError(
            str(exc), path=source, location=where, item_id=exc.item_id
        ) from None


def load_organisation(
    path: str | Path, hierarchy: Hierarchy, *, rules: Sequence[OrganRule] = VIETNAM_ORGAN_RULES
) -> Organisation:
    """Read an organisation file (TOML, JSON or YAML) for ``hierarchy``."""
    path = Path(path)
    text, fmt = read(path, error=OrganisationFileError, what="organisation")
    data = decode(text, fmt, source=str(path), error=OrganisationFileError)
    return organisation_from_dict(data, hierarchy, source=str(path), rules=rules)
