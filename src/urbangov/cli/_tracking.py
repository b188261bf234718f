"""``urbangov status``, ``urbangov progress`` and ``urbangov baseline``: tracking a plan.

Records live in a tracking store: by default ``<plan>.tracking.sqlite`` beside the
plan file, or ``--store LOCATION`` (a path, or ``SCHEME://...`` for a backend a
plugin provides). ``status`` can also read progress files directly with
``--progress FILE``, without a store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from urbangov.cli._output import FORMAT_OPTION, OUTPUT_OPTION, emit
from urbangov.cli._params import DATE
from urbangov.cli._records import (
    DEPTH_OPTION,
    PERIOD_OPTION,
    PROGRESS_OPTION,
    STORE_OPTION,
    baseline_named,
    opened_store,
    status_day,
    stored_log,
    tracking_log,
)
from urbangov.cli._schedule import PLAN_ARGUMENT, loaded

if TYPE_CHECKING:
    from urbangov.calendar import ReportingPeriod
    from urbangov.hierarchy import Organisation
    from urbangov.tracking import (
        PlanVariance,
        Statistics,
        StatisticsRow,
        StatusReport,
        TrackingLog,
    )

AS_OF_OPTION = click.option(
    "--as-of",
    type=DATE,
    help="The status date (YYYY-MM-DD; default: the end of --period, else today).",
)


def _day(value: dt.date | None) -> dt.date | None:
    return value


@click.command("status")
@PLAN_ARGUMENT
@AS_OF_OPTION
@click.option(
    "--by",
    type=click.Choice(["lead", "unit"]),
    default="lead",
    show_default=True,
    help="Count per lead agency or per unit (units roll up the hierarchy).",
)
@PERIOD_OPTION
@PROGRESS_OPTION
@DEPTH_OPTION
@click.option(
    "--summary", is_flag=True, help="Print only the counts, not every task (table format)."
)
@click.option(
    "--baseline", "baseline_name", help="Judge tasks without a deadline by this baseline."
)
@STORE_OPTION
@FORMAT_OPTION
@OUTPUT_OPTION
def status_command(
    plan_file: Path,
    as_of: dt.date | None,
    by: str,
    period: ReportingPeriod | None,
    progress_files: Sequence[Path],
    depth: int | None,
    summary: bool,
    baseline_name: str | None,
    store_location: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Each task's official status (done on time, done late, in time, overdue,
    withdrawn; at risk) as of a day, and the counts per lead agency or unit."""
    from urbangov.io import hierarchy_of
    from urbangov.tracking import statistics, status_report

    plan = loaded(plan_file)
    reporting = period
    day = status_day(as_of, reporting)
    log = tracking_log(plan_file, plan, store_location, progress_files)
    baseline = None
    if baseline_name is not None:
        baseline = baseline_named(plan_file, store_location, plan, baseline_name)
    report = status_report(plan, log, day, baseline=baseline)
    stats = statistics(report, by=by, period=reporting, hierarchy=hierarchy_of(plan), depth=depth)
    if fmt == "json":
        data = report.to_dict()
        data["statistics"] = stats.to_dict()
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    else:
        emit(_status_table(report, stats, summary=summary), output)


@click.command("progress")
@PLAN_ARGUMENT
@click.option(
    "--import",
    "import_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A progress file (.csv, .toml, .json, .yaml) to add to the store.",
)
@STORE_OPTION
def progress_command(plan_file: Path, import_file: Path, store_location: str | None) -> None:
    """Import progress updates, extension requests and withdrawals into the store.

    The whole file is checked first (and against what the store holds); a file with
    any problem adds nothing.
    """
    from urbangov.errors import ProgressFileError, TrackingError
    from urbangov.io import load_progress
    from urbangov.tracking import import_records

    plan = loaded(plan_file)
    read = load_progress(import_file, plan)

    def check(stored: TrackingLog, new: TrackingLog) -> None:
        # Checked together with what is there (e.g. an extension id used twice, or a
        # finish before a start already stored): the store keeps whatever it is given.
        try:
            stored.extended(new.updates, new.requests, new.decisions, new.withdrawals).progress_on(
                dt.date.max
            )
        except TrackingError as exc:
            raise ProgressFileError(
                f"{exc.args[0]} (with the records already in the store)",
                path=str(import_file),
                task_id=exc.task_id,
            ) from None

    with opened_store(plan_file, store_location) as store:
        added = import_records(store, plan.id, read, check)
        where = getattr(store, "path", store_location)
    skipped = _size(read) - added
    again = f" ({skipped} already there)" if skipped else ""
    click.echo(f"imported {added} record(s) from {import_file} into {where}{again}")


def _size(log: TrackingLog) -> int:
    return len(log.updates) + len(log.requests) + len(log.decisions) + len(log.withdrawals)


@click.command("baseline")
@PLAN_ARGUMENT
@click.argument("action", type=click.Choice(["save", "show"]))
@click.option("--name", default="baseline", show_default=True, help="The baseline's name.")
@AS_OF_OPTION
@STORE_OPTION
@FORMAT_OPTION
@OUTPUT_OPTION
def baseline_command(
    plan_file: Path,
    action: str,
    name: str,
    as_of: dt.date | None,
    store_location: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """save: keep the plan as scheduled now as baseline NAME; show: each task's start
    and finish variance (working days) between NAME and the forecast as of a day."""
    from urbangov.scheduling import schedule
    from urbangov.tracking import Baseline, reschedule, variance

    plan = loaded(plan_file)
    day = _day(as_of) or dt.date.today()
    if action == "save":
        baseline = Baseline.of(schedule(plan), name, day)
        with opened_store(plan_file, store_location) as store:
            store.save_baseline(plan.id, baseline)
        click.echo(f"saved baseline {name!r} of plan {plan.id!r} ({len(baseline.tasks)} tasks)")
        return
    baseline = baseline_named(plan_file, store_location, plan, name)
    log = stored_log(plan_file, store_location, plan)
    result = variance(reschedule(plan, log.progress_on(day), day), baseline)
    if fmt == "json":
        emit(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", output)
    else:
        emit(_variance_table(result), output)


# -- tables ------------------------------------------------------------------------------


def _status_table(report: StatusReport, stats: Statistics, *, summary: bool = False) -> str:
    from urbangov.cli._table import clip, render_table

    plan = report.plan
    header = ["id", "title", "lead", "deadline", "forecast", "%", "status", "risk"]
    rows = [
        [
            t.task,
            clip(task.title, 40),
            t.lead or "",
            t.deadline.isoformat() + ("*" if t.extended else ""),
            t.forecast_finish.isoformat(),
            str(t.progress),
            t.status.value,
            "at risk" if t.at_risk else "",
        ]
        for t, task in zip(report.tasks, plan.tasks, strict=True)
    ]
    out = [
        f"{plan.title} ({plan.id})\n",
        f"as of {report.as_of}: forecast finish {report.forecast.finish}\n\n",
    ]
    if not summary:
        extended = any(t.extended for t in report.tasks)
        out.append(render_table(header, rows, right={5}))
        out.append("\n(* deadline extended)\n\n" if extended else "\n")
    period = (
        f" in {stats.period.label} ({stats.period.start}..{stats.period.end})"
        if stats.period
        else ""
    )
    out.append(f"by {stats.by.value}{period}:\n")
    columns = [
        "done_on_time",
        "done_late",
        "in_time",
        "overdue",
        "withdrawn",
        "at_risk",
        "extended",
    ]
    body = [
        [_row_label(row), *(str(getattr(row, c)) for c in columns), _rate(row.on_time_rate)]
        for row in (*stats.rows, stats.overall)
    ]
    body[-1][0] = "all"
    out.append(render_table([stats.by.value, *columns, "on time"], body, right=set(range(1, 9))))
    return "".join(out)


def _rate(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f}%"


def _variance_table(result: PlanVariance) -> str:
    from urbangov.cli._table import render_table

    def show(value: object) -> str:
        return "" if value is None else str(value)

    rows = [
        [
            t.task,
            show(t.baseline_start),
            t.start.isoformat(),
            show(t.start_variance),
            show(t.baseline_finish),
            t.finish.isoformat(),
            show(t.finish_variance),
        ]
        for t in result.tasks
    ]
    header = ["id", "baseline start", "start", "var", "baseline finish", "finish", "var"]
    table = render_table(header, rows, right={3, 6})
    moved = result.finish_variance
    return f"baseline {result.baseline!r}: finish variance {moved} working day(s)\n\n{table}"


def _row_label(row: StatisticsRow) -> str:
    if row.key is None:
        return "(none)"
    return f"{row.name} ({row.key})" if row.name else row.key


@click.command("check")
@PLAN_ARGUMENT
@click.option(
    "--organisation",
    "organisation_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Organs, posts and people to resolve leads against (default: the plan's "
    "plan.organisation).",
)
@FORMAT_OPTION
@OUTPUT_OPTION
def check_command(
    plan_file: Path, organisation_file: Path | None, fmt: str, output: Path | None
) -> None:
    """List every task lacking a lead, a deadline or an accountable person, and every
    reference that does not resolve on the task's dates. Exit status 1 if any."""
    from urbangov.assignment import check_assignments
    from urbangov.io import hierarchy_of, load_organisation, organisation_of

    plan = loaded(plan_file)
    hierarchy = hierarchy_of(plan)
    organisation: Organisation | None
    if organisation_file is not None:
        if hierarchy is None:
            raise click.UsageError("--organisation needs the plan to name its hierarchy")
        organisation = load_organisation(organisation_file, hierarchy)
    else:
        organisation = organisation_of(plan, hierarchy)
    problems = check_assignments(plan, organisation=organisation, hierarchy=hierarchy)
    if fmt == "json":
        data = {"plan": plan.id, "problems": [p.to_dict() for p in problems]}
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    else:
        lines = [f"{p.kind.value}: {p.message}\n" for p in problems]
        kinds = sorted({p.kind.value for p in problems})
        counts = ", ".join(f"{sum(p.kind.value == k for p in problems)} {k}" for k in kinds)
        tasks = len({p.task for p in problems})
        lines.append(
            f"{len(problems)} problem(s) in {tasks} of {len(plan)} task(s)"
            + (f": {counts}\n" if problems else "\n")
        )
        emit("".join(lines), output)
    if problems:
        raise SystemExit(1)
