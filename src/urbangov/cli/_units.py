"""``urbangov units`` and ``urbangov lineage``: the hierarchy as of a date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from urbangov.cli._output import FORMAT_OPTION, OUTPUT_OPTION, emit
from urbangov.cli._params import DATE

if TYPE_CHECKING:
    from urbangov.hierarchy import AdministrativeUnit, Hierarchy, Organisation

HIERARCHY_OPTION = click.option(
    "--hierarchy",
    "source",
    default="hcmc",
    show_default=True,
    help="A hierarchy's name (shipped, or from a plugin), or a hierarchy file or folder.",
)


def _hierarchy(source: str) -> Hierarchy:
    from urbangov.io._hierarchy_file import hierarchy_named

    return hierarchy_named(source)


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
@OUTPUT_OPTION
def units_command(
    root: str,
    as_of: dt.date | None,
    kind: str | None,
    depth: int | None,
    fmt: str,
    source: str,
    organisation: Path | None,
    output: Path | None,
) -> None:
    """The units under ROOT (an id, a code or a name, accents optional) on a date;
    with --organisation, the chair of each unit's People's Committee and its holder."""
    from urbangov.cli._table import render_table
    from urbangov.hierarchy import UnitKind

    on = as_of if as_of else dt.date.today()
    hierarchy = _hierarchy(source)
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
            str(unit.kind_on(on) or ""),
            " ".join(f"{s}:{c}" for s, c in unit.codes_on(on).items()),
            *([_holder(org, unit.id, on)] if chairs else []),
        ]
        for unit in found
    ]
    head = f"{top.name_on(on)} ({top.id}) on {on}: {len(found)} units\n\n"
    columns = ["id", "name", "kind", "codes", *(["chair"] if chairs else [])]
    emit(head + render_table(columns, rows, right=set()), output)


def _holder(org: Organisation, unit_id: str, on: dt.date) -> str:
    answers = org.accountable(unit_id, on)
    if answers is None:
        return ""
    return answers.person.name if answers.person else "(not known)"


@click.command("lineage")
@click.argument("unit")
@HIERARCHY_OPTION
def lineage_command(unit: str, source: str) -> None:
    """UNIT's history: the changes it came from and went into, with their legal basis."""
    hierarchy = _hierarchy(source)
    found = hierarchy.find(unit)
    lines = [f"{found.latest_name} ({found.id})"]
    for name in found.names:
        lines.append(
            f"  named {name.value!r} from {name.valid_from or '…'} to {name.valid_to or '…'}"
        )
    for event in hierarchy.lineage(found.id):
        sources = ", ".join(hierarchy.unit(p.unit).latest_name for p in event.sources)
        results = ", ".join(hierarchy.unit(p.unit).latest_name for p in event.results)
        basis = f" ({event.basis.number})" if event.basis else ""
        lines.append(f"  {event.effective} {event.kind.value}: {sources} → {results}{basis}")
    emit("\n".join(lines) + "\n", None)
