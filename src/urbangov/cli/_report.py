"""``urbangov report``: render a plan's schedule in any installed report format.

Formats that show tracking data (``status-md``, ``status-html``, a plugin's whose
reporter sets ``needs_tracking``) get the plan's status as of ``--as-of``, computed
from the tracking store and ``--progress`` files; any format gets it when records are
there to read.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import click

from urbangov.cli._output import OUTPUT_OPTION, emit
from urbangov.cli._params import DATE
from urbangov.cli._records import (
    DEPTH_OPTION,
    PERIOD_OPTION,
    PROGRESS_OPTION,
    STORE_OPTION,
    baseline_named,
    has_records,
    require_records,
    status_as_of,
    tracking_log,
)
from urbangov.cli._schedule import PLAN_ARGUMENT, scheduled
from urbangov.cli._words import LANG_OPTION

if TYPE_CHECKING:
    from urbangov.calendar import ReportingPeriod
    from urbangov.plan import Plan
    from urbangov.reporting import Reporter, ReportOptions
    from urbangov.risk import RiskResult
    from urbangov.scheduling import Schedule


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
    help="The status date (YYYY-MM-DD) for formats that show progress (default: the end "
    "of --period, else the plan's as_of, else the latest tracking record, else today).",
)
@LANG_OPTION
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
@click.option(
    "--estimates",
    "estimates_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="For risk formats: duration estimates (see urbangov risk).",
)
@click.option(
    "--range", "ratio_range", metavar="LOW,HIGH", help="For risk formats: every duration varies."
)
@click.option(
    "--iterations",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="For risk formats: how many draws.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="For risk formats.")
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
    estimates_file: Path | None,
    ratio_range: str | None,
    iterations: int,
    seed: int,
) -> None:
    """Render PLAN's schedule as FORMAT."""
    import attrs

    from urbangov.plan import Language
    from urbangov.plugins import default_plugins
    from urbangov.reporting import ReportOptions

    reporter = default_plugins().reporter(fmt)
    _warn_unused(reporter)
    tracked = has_records(plan_file, store_location, progress_files)
    result = scheduled(plan_file)
    language = Language(lang or result.plan.lang)
    if reporter.needs_tracking:
        require_records(plan_file, result.plan, store_location, progress_files)
    options = ReportOptions(as_of=as_of, lang=language, group_by=group_by)
    if baseline_name is not None:
        baseline = baseline_named(plan_file, store_location, result.plan, baseline_name)
        options = attrs.evolve(options, baseline=baseline)
    if tracked:
        sources = (progress_files, store_location)
        options = _with_tracking(options, plan_file, result.plan, as_of, period, depth, *sources)
    if reporter.needs_risk:
        options = attrs.evolve(
            options, risk=_simulated(result, options, estimates_file, ratio_range, iterations, seed)
        )
    emit(default_plugins().render(fmt, result, options), output, readable=_readable(reporter))


def _simulated(
    result: Schedule,
    options: ReportOptions,
    estimates_file: Path | None,
    ratio_range: str | None,
    iterations: int,
    seed: int,
) -> RiskResult:
    """The risk simulation a risk format shows: of the forecast when there is tracking."""
    from urbangov.cli._risk import actuals_of, estimates_given
    from urbangov.risk import simulate

    plan = result.plan
    estimates, correlated, events = estimates_given(plan, estimates_file, ratio_range)
    tracking = None if options.status is None else options.status.forecast.tracking
    return simulate(
        plan,
        estimates,
        iterations=iterations,
        seed=seed,
        actuals=None if tracking is None else actuals_of(tracking),
        status_date=None if tracking is None else tracking.status_date,
        correlated=correlated,
        events=events,
    )


#: Which :class:`~urbangov.reporting.ReportOptions` field each option fills.
_FILLS: Final = {
    "as_of": ("--as-of", "as_of"),
    "lang": ("--lang", "lang"),
    "group_by": ("--group-by", "group_by"),
    "period": ("--period", "period"),
    "depth": ("--depth", "depth"),
    "baseline_name": ("--baseline", "baseline"),
    "progress_files": ("--progress", "status"),
    "store_location": ("--store", "status"),
    "estimates_file": ("--estimates", "risk"),
    "ratio_range": ("--range", "risk"),
    "iterations": ("--iterations", "risk"),
    "seed": ("--seed", "risk"),
}


def _warn_unused(reporter: Reporter) -> None:
    """Say which options given on the command line the format does not read."""
    if reporter.uses is None:
        return
    ctx = click.get_current_context()
    unused = [
        option
        for name, (option, field) in _FILLS.items()
        if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE
        and field not in reporter.uses
    ]
    if unused:
        warnings.warn(
            f"report format {reporter.name!r} does not use {', '.join(unused)}: ignored",
            UserWarning,
            stacklevel=2,
        )


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

    log = tracking_log(plan_file, plan, store_location, progress_files)
    day = status_as_of(plan, log, as_of, period).day
    hierarchy = hierarchy_of(plan)
    return attrs.evolve(
        options,
        as_of=day,
        status=status_report(plan, log, day, baseline=options.baseline),
        log=log,
        period=period,
        depth=depth,
        hierarchy=hierarchy,
        organisation=organisation_of(plan, hierarchy),
    )


def _readable(reporter: Reporter) -> bool:
    """Whether the format is text a person can read in a terminal, even as bytes."""
    kind = reporter.media_type.split(";")[0].strip()
    return kind.startswith("text/") or kind.endswith(("/xml", "+xml", "/json", "+json"))
