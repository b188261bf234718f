"""``urbangov report``: render a plan's schedule in any installed report format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from urbangov.cli._output import OUTPUT_OPTION, emit
from urbangov.cli._schedule import PLAN_ARGUMENT, scheduled


@click.command("report")
@PLAN_ARGUMENT
@click.option(
    "-f",
    "--format",
    "fmt",
    required=True,
    metavar="FORMAT",
    help="A report format (see `urbangov plugins`): json, csv, mermaid, …",
)
@OUTPUT_OPTION
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The status date (YYYY-MM-DD) for formats that show progress.",
)
@click.option(
    "--lang", type=click.Choice(["vi", "en"]), help="Labels' language (default: the plan's)."
)
@click.option("--group-by", type=click.Choice(["lead", "unit"]), help="How to group tasks.")
def report_command(
    plan_file: Path,
    fmt: str,
    output: Path | None,
    as_of: dt.datetime | None,
    lang: str | None,
    group_by: str | None,
) -> None:
    """Render PLAN's schedule as FORMAT."""
    from urbangov.plugins import default_plugins
    from urbangov.reporting import ReportOptions

    reporter = default_plugins().reporter(fmt)
    result = scheduled(plan_file)
    options = ReportOptions(
        as_of=as_of.date() if as_of else None, lang=lang or result.plan.lang, group_by=group_by
    )
    emit(reporter.render(result, options), output)
