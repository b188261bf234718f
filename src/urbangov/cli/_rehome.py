"""``urbangov rehome``: a plan carried to the units of a later day."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from urbangov._words import day
from urbangov.cli._output import FORMAT_OPTION, OUTPUT_OPTION, emit
from urbangov.cli._params import DATE
from urbangov.cli._schedule import PLAN_ARGUMENT, loaded
from urbangov.cli._table import render_table, table_width
from urbangov.cli._units import unit_name
from urbangov.cli._words import LANG_OPTION, WORDS

if TYPE_CHECKING:
    from urbangov.assignment import Rehoming
    from urbangov.hierarchy import Hierarchy
    from urbangov.plan import Plan


@click.command("rehome")
@PLAN_ARGUMENT
@click.option(
    "--as-of",
    type=DATE,
    required=True,
    help="The day whose units the plan's tasks move to (YYYY-MM-DD), e.g. after a reform.",
)
@click.option(
    "--hierarchy",
    "source",
    help="The hierarchy to follow (default: the plan's): a name or a hierarchy file.",
)
@FORMAT_OPTION
@LANG_OPTION
@OUTPUT_OPTION
def rehome_command(
    plan_file: Path,
    as_of: dt.date,
    source: str | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
) -> None:
    """Move PLAN's tasks from units a reform merged, divided or dissolved to the units
    that carry their work on --as-of: every move, and every case a person must decide.
    Task ids stay, so progress, extensions and deadlines carry over."""
    from urbangov.assignment import rehome
    from urbangov.plan import Language
    from urbangov.plugins import default_plugins

    plan = loaded(plan_file)
    language = Language(lang or plan.lang)
    hierarchy = _hierarchy(plan_file, plan, source)
    done = rehome(plan, hierarchy, as_of, rules=default_plugins().all_organ_rules())
    if fmt == "json":
        emit(json.dumps(done.to_dict(), ensure_ascii=False, indent=2) + "\n", output)
        return
    emit(_text(done, hierarchy, language, table_width(output)), output)


def _hierarchy(plan_file: Path, plan: Plan, source: str | None) -> Hierarchy:
    """--hierarchy's, else the plan's (a file's path the loader already resolved)."""
    from urbangov.errors import PlanFileError
    from urbangov.io import hierarchy_named, hierarchy_of

    found = hierarchy_named(source) if source is not None else hierarchy_of(plan)
    if found is None:
        raise PlanFileError(
            "the plan names no hierarchy whose units it follows: add hierarchy = ... under "
            "[plan], or give --hierarchy",
            path=str(plan_file),
            location="plan.hierarchy",
        )
    return found


def _text(done: Rehoming, hierarchy: Hierarchy, lang: str, width: int | None) -> str:
    on = done.on
    head = WORDS(
        "rehome.head",
        lang,
        plan=done.plan.title,
        day=day(on, lang),
        moved=done.moved_tasks,
        decisions=len(done.decisions),
        orphans=len(done.orphans),
    )
    if not done.moves:
        return head + "\n\n" + WORDS("rehome.none", lang, day=day(on, lang)) + "\n"
    tasks: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    others: dict[str, tuple[str, ...]] = {}
    for move in done.moves:
        found = move.succession
        tasks[found.unit, found.to or "", found.kind.value].add(move.task)
        others[found.unit] = found.others
    rows = [
        [
            _named(hierarchy, old, hierarchy.unit(old).valid_to or on),
            _named(hierarchy, new, on) if new else "",
            _how(hierarchy, how, others[old], on, lang),
            str(len(ids)),
        ]
        for (old, new, how), ids in sorted(tasks.items())
    ]
    columns = [WORDS(f"col.{c}", lang) for c in ("old_unit", "new_unit", "how", "tasks")]
    out = head + "\n\n" + render_table(columns, rows, right={3}, width=width, flex=(0, 1))
    if done.decisions:
        rows = [
            [
                move.task,
                move.field,
                move.old,
                ", ".join(
                    u for u in (move.succession.to, *move.succession.others) if u is not None
                ),
                WORDS(f"decision.{move.decision}", lang),
            ]
            for move in done.decisions
        ]
        columns = [
            WORDS(f"col.{c}", lang) for c in ("id", "field", "old_unit", "candidates", "reason")
        ]
        table = render_table(columns, rows, right=set(), width=width, flex=(0, 3, 2))
        out += "\n" + WORDS("rehome.decisions", lang) + "\n\n" + table
    return out


def _how(hierarchy: Hierarchy, how: str, others: tuple[str, ...], on: dt.date, lang: str) -> str:
    """The rule that moved a unit's tasks, and where the rest of a divided unit went."""
    text = WORDS(f"succession.{how}", lang)
    if not others:
        return text
    names = ", ".join(hierarchy.unit(u).name_on(on) or u for u in others)
    return WORDS("rehome.others", lang, how=text, others=names)


def _named(hierarchy: Hierarchy, unit_id: str, on: dt.date) -> str:
    """``Phường Bến Nghé (hcmc/quan-1/ben-nghe)``: its name on ``on`` (else its latest)."""
    return f"{unit_name(hierarchy, unit_id, on)} ({unit_id})"
