"""``urbangov schedule``: schedule a plan file and print the result."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from urbangov.cli._output import FORMAT_OPTION, OUTPUT_OPTION, emit
from urbangov.cli._words import LANG_OPTION

if TYPE_CHECKING:
    from urbangov.plan import Plan
    from urbangov.scheduling import Schedule

#: The plan file argument every plan command takes.
PLAN_ARGUMENT = click.argument(
    "plan_file", metavar="PLAN", type=click.Path(dir_okay=False, path_type=Path)
)


def loaded(plan_file: Path) -> Plan:
    """Load a plan file and check that it schedules; errors name the file."""
    return scheduled(plan_file).plan


def scheduled(plan_file: Path) -> Schedule:
    """Load and schedule a plan file; errors found while scheduling name the file."""
    from urbangov.errors import PlanError, PlanFileError
    from urbangov.io import load_plan
    from urbangov.scheduling import schedule

    plan = load_plan(plan_file)
    try:
        return schedule(plan)
    except PlanFileError:
        raise
    except PlanError as exc:  # found while scheduling (a cycle): say which file
        raise PlanFileError(str(exc), path=str(plan_file), task_id=exc.task_id) from None


#: ``--expand``: list every task a cascade made, not one row per cascaded task.
EXPAND_OPTION = click.option(
    "--expand", is_flag=True, help="List each unit's task of a cascade (default: one row)."
)


@click.command("schedule")
@PLAN_ARGUMENT
@FORMAT_OPTION
@LANG_OPTION
@EXPAND_OPTION
@OUTPUT_OPTION
def schedule_command(
    plan_file: Path, fmt: str, lang: str | None, expand: bool, output: Path | None
) -> None:
    """Schedule PLAN (a .toml, .json or .yaml plan file): dates, slack, critical path."""
    from urbangov.cli._table import schedule_table, table_width
    from urbangov.plan import Language

    result = scheduled(plan_file)
    if fmt == "json":
        from urbangov.builtins.reporters import render_json
        from urbangov.reporting import ReportOptions

        text = render_json(result, ReportOptions())  # one JSON contract, one writer
    else:
        language = Language(lang or result.plan.lang)
        text = schedule_table(result, language, width=table_width(output), expand=expand)
    emit(text, output)
