"""``urbangov meetings``: a plan's meetings over a range, with their agendas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import click

from urbangov.cli._output import OUTPUT_OPTION, emit
from urbangov.cli._params import DATE
from urbangov.cli._records import PROGRESS_OPTION, STORE_OPTION, has_records, tracking_log
from urbangov.cli._schedule import PLAN_ARGUMENT, scheduled


@click.command("meetings")
@PLAN_ARGUMENT
@click.option("--from", "start", type=DATE, help="First day (YYYY-MM-DD); default: plan start.")
@click.option("--to", "end", type=DATE, help="Last day (YYYY-MM-DD); default: plan finish.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "ics", "json"]),
    default="md",
    show_default=True,
    help="md: the meetings and their agendas; ics: iCalendar; json: the machine contract.",
)
@click.option(
    "--lang", type=click.Choice(["vi", "en"]), help="Labels' language (default: the plan's)."
)
@PROGRESS_OPTION
@STORE_OPTION
@click.option(
    "--estimates",
    "estimates_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Rank each agenda by risk, from these duration estimates (see urbangov risk).",
)
@click.option(
    "--range",
    "ratio_range",
    metavar="LOW,HIGH",
    help="Rank each agenda by risk, every duration varying from LOW to HIGH times its own.",
)
@click.option(
    "--iterations",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="With a ranking: how many draws.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="With a ranking.")
@click.option(
    "--most",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="With a ranking: at most this many items per agenda section (the rest counted).",
)
@OUTPUT_OPTION
def meetings_command(
    plan_file: Path,
    start: dt.date | None,
    end: dt.date | None,
    fmt: str,
    lang: str | None,
    progress_files: Sequence[Path],
    store_location: str | None,
    estimates_file: Path | None,
    ratio_range: str | None,
    iterations: int,
    seed: int,
    most: int,
    output: Path | None,
) -> None:
    """The meetings of PLAN's programmes ([[meetings]]) from --from to --to, with agendas.

    With tracking records (--progress, --store, or the plan's store), each agenda also
    lists the overdue and at-risk tasks and the pending extension requests as of its
    meeting. With --estimates or --range, a risk simulation ranks each agenda section
    (the tasks least likely to meet their deadline first, at most --most of them)."""
    from urbangov.errors import PlanFileError
    from urbangov.meetings import (
        agendas,
        render_ics,
        render_json,
        render_markdown,
        tracking_items,
    )

    result = scheduled(plan_file)
    plan = result.plan
    if not plan.meetings:
        no_meetings = "the plan has no meeting programmes ([[meetings]])"
        raise PlanFileError(no_meetings, path=str(plan_file))
    first = start if start else plan.start
    last = end if end else result.finish
    if last < first:
        raise click.BadParameter(f"{last} is before --from {first}", param_hint="'--to'")
    content: str | bytes
    if fmt == "ics":
        content = render_ics(plan, first, last, lang=lang)
    else:
        extra, log = None, None
        if has_records(plan_file, store_location, progress_files):
            log = tracking_log(plan_file, plan, store_location, progress_files)
            extra = tracking_items(plan, log, lang=lang)
        chances = None
        if estimates_file is not None or ratio_range is not None:
            from urbangov.cli._risk import simulated

            risk = simulated(result, estimates_file, ratio_range, iterations, seed, log=log)
            chances = risk.on_time_chances()
        found = agendas(result, first, last, extra=extra, chances=chances, most=most)
        if fmt == "json":
            content = render_json(plan, found, first, last)
        else:
            content = render_markdown(plan, found, first, last, lang=lang)
    emit(content, output)
