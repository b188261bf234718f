"""``urbangov report``: render a plan's schedule in any installed report format.

Formats that show tracking data (``status-md``, ``status-html``, a plugin's whose
reporter sets ``needs_tracking``) get the plan's status as of ``--as-of``, computed
from the tracking store and ``--progress`` files; any format gets it when records are
there to read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from urbangov.cli._output import OUTPUT_OPTION, emit
from urbangov.cli._params import DATE
from urbangov.cli._records import (
    DEPTH_OPTION,
    PERIOD_OPTION,
    PROGRESS_OPTION,
    STORE_OPTION,
    baseline_named,
    default_store,
    has_records,
    status_day,
    tracking_log,
)
from urbangov.cli._schedule import PLAN_ARGUMENT, scheduled

if TYPE_CHECKING:
    from urbangov.calendar import ReportingPeriod
    from urbangov.plan import Plan
    from urbangov.reporting import ReportOptions


@click.command("report")
@PLAN_ARGUMENT
@click.option(
    "-f",
    "--format",
    "fmt",
    required=True,
    metavar="FORMAT",
    help="A report format (see `urbangov plugins`): json, csv, mermaid, status-md, …",
)
@OUTPUT_OPTION
@click.option(
    "--as-of",
    type=DATE,
    help="The status date (YYYY-MM-DD) for formats that show progress "
    "(status reports: default the end of --period, else today).",
)
@click.option(
    "--lang", type=click.Choice(["vi", "en"]), help="Labels' language (default: the plan's)."
)
@click.option(
    "--group-by",
    "--by",
    "group_by",
    type=click.Choice(["lead", "unit"]),
    help="How to group tasks; status reports: count per lead agency or per unit (default: both).",
)
@PERIOD_OPTION
@PROGRESS_OPTION
@STORE_OPTION
@DEPTH_OPTION
@click.option(
    "--baseline",
    "baseline_name",
    metavar="NAME",
    help="Draw (or compare with) the baseline NAME kept in the store (urbangov baseline).",
)
def report_command(
    plan_file: Path,
    fmt: str,
    output: Path | None,
    as_of: dt.date | None,
    lang: str | None,
    group_by: str | None,
    period: ReportingPeriod | None,
    progress_files: Sequence[Path],
    store_location: str | None,
    depth: int | None,
    baseline_name: str | None,
) -> None:
    """Render PLAN's schedule as FORMAT."""
    import attrs

    from urbangov.errors import ReportError
    from urbangov.plugins import default_plugins
    from urbangov.reporting import ReportOptions

    reporter = default_plugins().reporter(fmt)
    tracked = has_records(plan_file, store_location, progress_files)
    if reporter.needs_tracking and not tracked:
        raise ReportError(
            f"report format {fmt!r} needs tracking data: give --progress FILE or "
            f"--store LOCATION (there is no store at {default_store(plan_file)})"
        )
    result = scheduled(plan_file)
    options = ReportOptions(
        as_of=as_of if as_of else None, lang=lang or result.plan.lang, group_by=group_by
    )
    if baseline_name is not None:
        baseline = baseline_named(plan_file, store_location, result.plan, baseline_name)
        options = attrs.evolve(options, baseline=baseline)
    if tracked:
        sources = (progress_files, store_location)
        options = _with_tracking(options, plan_file, result.plan, as_of, period, depth, *sources)
    emit(default_plugins().render(fmt, result, options), output)


def _with_tracking(
    options: ReportOptions,
    plan_file: Path,
    plan: Plan,
    as_of: dt.date | None,
    period: ReportingPeriod | None,
    depth: int | None,
    progress_files: Sequence[Path],
    store_location: str | None,
) -> ReportOptions:
    """``options`` with the plan's status as of the day (tasks without a deadline judged
    by ``options.baseline`` when there is one), and what names and rolls it up."""
    import attrs

    from urbangov.io import hierarchy_of, organisation_of
    from urbangov.tracking import status_report

    reporting = period
    day = status_day(as_of, reporting)
    log = tracking_log(plan_file, plan, store_location, progress_files)
    hierarchy = hierarchy_of(plan)
    return attrs.evolve(
        options,
        as_of=day,
        status=status_report(plan, log, day, baseline=options.baseline),
        log=log,
        period=reporting,
        depth=depth,
        hierarchy=hierarchy,
        organisation=organisation_of(plan, hierarchy),
    )
