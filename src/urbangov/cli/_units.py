"""``urbangov units`` and ``urbangov lineage``: the hierarchy as of a date."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from urbangov._words import day
from urbangov.cli._output import FORMAT_OPTION, OUTPUT_OPTION, emit
from urbangov.cli._params import DATE
from urbangov.cli._words import LANG_OPTION, WORDS

if TYPE_CHECKING:
    from urbangov.hierarchy import AdministrativeUnit, Hierarchy, Organisation, UnitKind

HIERARCHY_OPTION = click.option(
    "--hierarchy",
    "source",
    help="A hierarchy's name (shipped, or from a plugin), or a hierarchy file or folder "
    "(default: hcmc; for `units`, ROOT itself when it names a hierarchy: `units vn`).",
)
#: The hierarchy a command uses without --hierarchy.
DEFAULT_HIERARCHY = "hcmc"


def _hierarchy(source: str | None) -> Hierarchy:
    from urbangov.io._hierarchy_file import hierarchy_named

    return hierarchy_named(source or DEFAULT_HIERARCHY)


def _named_by_root(root: str) -> str:
    """``urbangov units vn``: a ROOT that names a hierarchy (shipped, or a plugin's) is
    that hierarchy, asked from its root unit."""
    from urbangov.io._hierarchy_file import SHIPPED
    from urbangov.plugins import default_plugins

    known = root in SHIPPED or root in default_plugins().hierarchies()
    return root if known else DEFAULT_HIERARCHY


ORGANISATION_OPTION = click.option(
    "--organisation",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An organisation file (posts, people, delegations) for the hierarchy.",
)


def _organisation(hierarchy: Hierarchy, path: Path | None) -> Organisation:
    """The organisation file's, or just the organs the plugins' rules give."""
    from urbangov.hierarchy import Organisation
    from urbangov.io import load_organisation
    from urbangov.plugins import default_plugins

    rules = default_plugins().all_organ_rules()
    if path is None:
        return Organisation(hierarchy, rules=rules)
    return load_organisation(path, hierarchy, rules=rules)


def _unit_dict(
    org: Organisation, unit: AdministrativeUnit, on: dt.date, chairs: bool
) -> dict[str, Any]:
    from urbangov.hierarchy import organs_on

    kind = unit.kind_on(on)
    out: dict[str, Any] = {
        "id": unit.id,
        "name": unit.name_on(on),
        "kind": kind.value if kind else None,
        "parent": unit.parent_on(on),
        "codes": unit.codes_on(on),
        "organs": [o.value for o in organs_on(org.hierarchy, unit.id, on, org.rules)],
    }
    if not chairs:
        return out
    answers = org.accountable(unit.id, on)
    out["chair"] = None
    if answers is not None:
        out["chair"] = {
            "post": answers.post.id,
            "title": answers.post.title,
            "holder": answers.person.name if answers.person else None,
        }
    return out


@click.command("units")
@click.argument("root")
@click.option(
    "--as-of",
    type=DATE,
    help="The date (YYYY-MM-DD); default: today.",
)
@click.option("--kind", help="Only units of this kind (ward, commune, urban_district, …).")
@click.option("--depth", type=click.IntRange(min=1), help="Only this many levels down.")
@FORMAT_OPTION
@HIERARCHY_OPTION
@ORGANISATION_OPTION
@LANG_OPTION
@OUTPUT_OPTION
def units_command(
    root: str,
    as_of: dt.date | None,
    kind: str | None,
    depth: int | None,
    fmt: str,
    source: str | None,
    organisation: Path | None,
    lang: str | None,
    output: Path | None,
) -> None:
    """The units under ROOT (an id, a code or a name, accents optional; or a hierarchy's
    name, for all of it) on a date; with --organisation, the chair of each unit's
    People's Committee and its holder."""
    from urbangov.cli._table import render_table, table_width
    from urbangov.hierarchy import UnitKind

    language = lang or "vi"
    on = as_of if as_of else dt.date.today()
    source = source or _named_by_root(root)
    hierarchy = _hierarchy(source)
    _refuse_before_the_data(hierarchy, source, on)
    top = hierarchy.find(root, on)
    if kind is not None and kind not in set(UnitKind):
        known = ", ".join(k.value for k in UnitKind)
        raise click.BadParameter(f"{kind!r} is not a unit kind ({known})", param_hint="--kind")
    found = hierarchy.descendants(top.id, on, kind=kind, depth=depth)
    org = _organisation(hierarchy, organisation)
    chairs = organisation is not None
    if fmt == "json":
        data = {
            "as_of": on.isoformat(),
            "root": _unit_dict(org, top, on, chairs),
            "units": [_unit_dict(org, unit, on, chairs) for unit in found],
        }
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
        return
    rows = [
        [
            unit.id,
            unit.name_on(on) or "",
            _kind(unit.kind_on(on), language),
            " ".join(f"{s}:{c}" for s, c in unit.codes_on(on).items()),
            *([_holder(org, unit.id, on, language)] if chairs else []),
        ]
        for unit in found
    ]
    head = WORDS(
        "units.head",
        language,
        name=top.name_on(on),
        id=top.id,
        day=day(on, language),
        count=len(found),
    )
    columns = [
        WORDS(f"col.{name}", language)
        for name in ("id", "name", "kind", "codes", *(["chair"] if chairs else []))
    ]
    table = render_table(columns, rows, right=set(), width=table_width(output), flex=(1,))
    emit(head + "\n\n" + table, output)


def _refuse_before_the_data(hierarchy: Hierarchy, source: str, on: dt.date) -> None:
    """A date before the data's first one would project today's units backwards."""
    from urbangov.errors import HierarchyError

    first = hierarchy.first_day
    if first is not None and on < first:
        raise HierarchyError(
            f"the {source!r} data begin on {first}: it knows no unit before that day"
        )


def _kind(kind: UnitKind | None, lang: str) -> str:
    return "" if kind is None else WORDS(f"kind.{kind.value}", lang)


def _holder(org: Organisation, unit_id: str, on: dt.date, lang: str) -> str:
    answers = org.accountable(unit_id, on)
    if answers is None:
        return ""
    return answers.person.name if answers.person else WORDS("units.unknown_holder", lang)


@click.command("lineage")
@click.argument("unit")
@click.option(
    "--as-of",
    type=DATE,
    help="Which unit a name means when it was several units' (YYYY-MM-DD).",
)
@HIERARCHY_OPTION
@LANG_OPTION
def lineage_command(unit: str, as_of: dt.date | None, source: str | None, lang: str | None) -> None:
    """UNIT's history: its names, and the changes it came from and went into, with
    their legal basis. Each side of a change is named as it was then."""
    from urbangov.hierarchy import EventKind

    language = lang or "vi"
    hierarchy = _hierarchy(source)
    found = hierarchy.find(unit, as_of)
    lines = [f"{found.latest_name} ({found.id})"]
    for name in found.names:
        lines.append(
            WORDS(
                "lineage.named",
                language,
                name=name.value,
                start=day(name.valid_from, language) or "…",
                end=day(name.valid_to, language) or "…",
            )
        )
    for event in hierarchy.lineage(found.id):
        before = event.effective - dt.timedelta(days=1)
        sources = ", ".join(unit_name(hierarchy, p.unit, before) for p in event.sources)
        name_after = (
            unit_name if event.kind is EventKind.RENAME else _renamed_name(language, before)
        )
        results = ", ".join(name_after(hierarchy, p.unit, event.effective) for p in event.results)
        change = f"{sources} → {results}" if results else sources
        basis = f" ({event.basis.number})" if event.basis else ""
        lines.append(
            WORDS(
                "lineage.event",
                language,
                day=day(event.effective, language),
                kind=WORDS(f"event.{event.kind.value}", language),
                change=change,
                basis=basis,
            )
        )
    emit("\n".join(lines) + "\n", None)


def unit_name(hierarchy: Hierarchy, unit_id: str, on: dt.date) -> str:
    """A unit's name on a day (its latest, if it had none then)."""
    unit = hierarchy.unit(unit_id)
    return unit.name_on(on) or unit.latest_name


def _renamed_name(lang: str, before: dt.date) -> Callable[[Hierarchy, str, dt.date], str]:
    """A unit's name after a change, with the name it had before if the change renamed
    it too: "Phường 19 (formerly Phường 21)", not "Phường 19 → Phường 19"."""

    def name(hierarchy: Hierarchy, unit_id: str, after: dt.date) -> str:
        new, old = unit_name(hierarchy, unit_id, after), hierarchy.unit(unit_id).name_on(before)
        if old is None or old == new:
            return new
        return WORDS("lineage.formerly", lang, new=new, old=old)

    return name
