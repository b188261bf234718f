"""``urbangov schedule``: schedule a plan file and print the result."""

from __future__ import annotations

import json
from pathlib import Path

import click

from urbangov.cli._output import emit


@click.command("schedule")
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: for a person; json: the machine contract.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of standard output.",
)
def schedule_command(plan_file: Path, fmt: str, output: Path | None) -> None:
    """Schedule PLAN (a .toml, .json or .yaml plan file): dates, slack, critical path."""
    from urbangov.cli._table import schedule_table
    from urbangov.errors import PlanError, PlanFileError
    from urbangov.io import load_plan
    from urbangov.scheduling import schedule

    plan = load_plan(plan_file)
    try:
        result = schedule(plan)
    except PlanFileError:
        raise
    except PlanError as exc:  # found while scheduling (a cycle): say which file
        raise PlanFileError(str(exc), path=str(plan_file), task_id=exc.task_id) from None
    if fmt == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = schedule_table(result)
    emit(text, output)
