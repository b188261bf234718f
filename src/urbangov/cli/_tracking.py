"""``urbangov status``, ``urbangov progress`` and ``urbangov baseline``: tracking a plan.

Records live in a tracking store: by default ``<plan>.tracking.sqlite`` beside the
plan file, or ``--store LOCATION`` (a path, or ``SCHEME://...`` for a backend a
plugin provides). ``status`` can also read progress files directly with
``--progress FILE``, without a store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import click

from urbangov._words import day, percent
from urbangov.cli._output import FORMAT_OPTION, OUTPUT_OPTION, emit
from urbangov.cli._params import DATE
from urbangov.cli._records import (
    DEPTH_OPTION,
    PERIOD_OPTION,
    PROGRESS_OPTION,
    STORE_OPTION,
    as_of_text,
    baseline_named,
    opened_store,
    require_records,
    status_as_of,
    stored_log,
    tracking_log,
)
from urbangov.cli._schedule import EXPAND_OPTION, PLAN_ARGUMENT, loaded
from urbangov.cli._table import folded_label, render_table
from urbangov.cli._words import LANG_OPTION, WORDS

if TYPE_CHECKING:
    from urbangov.assignment import AssignmentProblem
    from urbangov.calendar import ReportingPeriod
    from urbangov.hierarchy import Hierarchy, Organisation
    from urbangov.plan import Language, Plan
    from urbangov.tracking import (
        PlanVariance,
        ReportingPolicy,
        Statistics,
        StatisticsRow,
        StatusReport,
        TaskStatus,
        TrackingLog,
    )

AS_OF_OPTION = click.option(
    "--as-of",
    type=DATE,
    help="The status date (YYYY-MM-DD; default: the end of --period, else the plan's "
    "as_of, else the day of the latest tracking record, else today).",
)


@click.command("status")
@PLAN_ARGUMENT
@AS_OF_OPTION
@click.option(
    "--by",
    type=click.Choice(["lead", "unit", "group"]),
    default="lead",
    show_default=True,
    help="Count per lead agency, per unit (units roll up the hierarchy) or per group of "
    "the plan (a group counts every task under it).",
)
@click.option(
    "--units-on",
    type=DATE,
    help="Count per unit on the units of this day (YYYY-MM-DD): a plan made before a "
    "reform counted on the units after it, its tasks carried as `urbangov rehome` does.",
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
@LANG_OPTION
@EXPAND_OPTION
@OUTPUT_OPTION
def status_command(
    plan_file: Path,
    as_of: dt.date | None,
    by: str,
    units_on: dt.date | None,
    period: ReportingPeriod | None,
    progress_files: Sequence[Path],
    depth: int | None,
    summary: bool,
    baseline_name: str | None,
    store_location: str | None,
    fmt: str,
    lang: str | None,
    expand: bool,
    output: Path | None,
) -> None:
    """Each task's official status (done on time, done late, in time, overdue,
    withdrawn; at risk) as of a day, and the counts per lead agency, unit or group."""
    from urbangov.cli._table import table_width
    from urbangov.io import hierarchy_of
    from urbangov.plan import Language
    from urbangov.tracking import statistics, status_report

    plan = loaded(plan_file)
    language = Language(lang or plan.lang)
    require_records(plan_file, plan, store_location, progress_files)
    log = tracking_log(plan_file, plan, store_location, progress_files)
    found = status_as_of(plan, log, as_of, period)
    baseline = None
    if baseline_name is not None:
        baseline = baseline_named(plan_file, store_location, plan, baseline_name)
    hierarchy = hierarchy_of(plan)
    if units_on is not None:
        plan = _on_units_of(plan, hierarchy, units_on)
    report = status_report(plan, log, found.day, baseline=baseline)
    stats = statistics(
        report, by=by, period=period, hierarchy=hierarchy, depth=depth, units_on=units_on
    )
    if fmt == "json":
        data = report.to_dict()
        data["as_of_source"] = found.source.value
        data["statistics"] = stats.to_dict()
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    else:
        head = as_of_text(found, language)
        table = StatusTable(report, stats, language, width=table_width(output), expand=expand)
        emit(table.render(head, summary=summary), output)


def _on_units_of(plan: Plan, hierarchy: Hierarchy | None, day: dt.date) -> Plan:
    """``plan`` with its tasks carried to the units of ``day`` (``--units-on``)."""
    from urbangov.assignment import rehome

    if hierarchy is None:
        raise click.UsageError("--units-on needs a plan that names its hierarchy")
    return rehome(plan, hierarchy, day).plan


@click.command("progress")
@PLAN_ARGUMENT
@click.option(
    "--import",
    "import_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A progress file (.csv, .toml, .json, .yaml) to add to the store.",
)
@click.option(
    "--author",
    metavar="ACCOUNT",
    help="Who is importing (a person or an agency account); the store keeps it with "
    "each record, and when it received it.",
)
@click.option(
    "--enforce-authority",
    is_flag=True,
    help="Refuse the file unless --author may write every record in it: the lead "
    "reports, the assigning body decides extensions and withdrawals (the plan's "
    "organisation and delegations, as of each record's date).",
)
@STORE_OPTION
@LANG_OPTION
def progress_command(
    plan_file: Path,
    import_file: Path,
    author: str | None,
    enforce_authority: bool,
    store_location: str | None,
    lang: str | None,
) -> None:
    """Import progress updates, extension requests and withdrawals into the store.

    The whole file is checked first (and against what the store holds); a file with
    any problem adds nothing.
    """
    from urbangov.errors import ProgressFileError, TrackingError
    from urbangov.io import load_progress
    from urbangov.tracking import check_new_records, import_records

    plan = loaded(plan_file)
    read = load_progress(import_file, plan)
    policy = _policy(plan, author) if enforce_authority else None
    if policy is not None and author is not None:
        policy.check(author, read)  # before any store is opened (or created)

    def check(stored: TrackingLog, new: TrackingLog) -> None:
        if policy is not None and author is not None:  # decisions on stored requests
            asked = {request.id: request.task for request in stored.requests}
            policy.check(author, new, task_of_request=asked.get)
        # Checked together with what is there (e.g. an extension id used twice, or a
        # finish before a start already stored): the store keeps whatever it is given.
        try:
            check_new_records(plan, stored, new)
        except TrackingError as exc:
            raise ProgressFileError(
                f"{exc.args[0]} (with the records already in the store)",
                path=str(import_file),
                task_id=exc.task_id,
            ) from None

    with opened_store(plan_file, store_location) as store:
        added = import_records(store, plan.id, read, check, author=author)
        where = getattr(store, "path", store_location)
    skipped = _size(read) - added
    language = lang or plan.lang
    again = WORDS("progress.again", language, skipped=skipped) if skipped else ""
    done = WORDS("progress.imported", language, added=added, file=import_file, store=where)
    click.echo(done + again)


def _policy(plan: Plan, author: str | None) -> ReportingPolicy:
    from urbangov.io import hierarchy_of, organisation_of
    from urbangov.tracking import ReportingPolicy

    if author is None:
        raise click.UsageError("--enforce-authority needs --author: whose authority?")
    organisation = organisation_of(plan, hierarchy_of(plan))
    if organisation is None:
        raise click.UsageError(
            "--enforce-authority needs the plan's organisation (organisation = FILE in [plan])"
        )
    return ReportingPolicy(plan, organisation)


def _size(log: TrackingLog) -> int:
    return len(log.updates) + len(log.requests) + len(log.decisions) + len(log.withdrawals)


@click.command("baseline")
@PLAN_ARGUMENT
@click.argument("action", type=click.Choice(["save", "show"]))
@click.option("--name", default="baseline", show_default=True, help="The baseline's name.")
@AS_OF_OPTION
@STORE_OPTION
@FORMAT_OPTION
@LANG_OPTION
@OUTPUT_OPTION
def baseline_command(
    plan_file: Path,
    action: str,
    name: str,
    as_of: dt.date | None,
    store_location: str | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
) -> None:
    """save: keep the plan as scheduled now as baseline NAME; show: each task's start
    and finish variance (working days) between NAME and the forecast as of a day."""
    from urbangov.plan import Language
    from urbangov.scheduling import schedule
    from urbangov.tracking import Baseline, reschedule, variance

    plan = loaded(plan_file)
    language = Language(lang or plan.lang)
    if action == "save":
        saved_on = status_as_of(plan, None, as_of, None).day
        baseline = Baseline.of(schedule(plan), name, saved_on)
        with opened_store(plan_file, store_location) as store:
            store.save_baseline(plan.id, baseline)
        count = len(baseline.tasks)
        click.echo(
            WORDS("baseline.saved", language, name=repr(name), plan=repr(plan.id), count=count)
        )
        return
    baseline = baseline_named(plan_file, store_location, plan, name)
    log = stored_log(plan_file, store_location, plan)
    found = status_as_of(plan, log, as_of, None)
    result = variance(reschedule(plan, log.progress_on(found.day), found.day), baseline)
    if fmt == "json":
        data = result.to_dict()
        data["as_of"] = found.day.isoformat()
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    else:
        emit(as_of_text(found, language) + "\n" + _variance_table(result, language), output)


# -- tables ------------------------------------------------------------------------------


class StatusTable:
    """The status of every task, then the counts, for a person at a terminal."""

    def __init__(
        self,
        report: StatusReport,
        stats: Statistics,
        lang: Language,
        *,
        width: int | None = None,
        expand: bool = False,
    ) -> None:
        self.report, self.stats, self.lang = report, stats, lang
        self.width, self.expand = width, expand

    def render(self, head: str, *, summary: bool = False) -> str:
        report, lang = self.report, self.lang
        plan = report.plan
        forecast = WORDS("status.forecast", lang, day=day(report.forecast.finish, lang))
        out = [f"{plan.title} ({plan.id})\n", f"{head}; {forecast}\n\n"]
        if not summary:
            out.append(self._tasks())
            out.append("\n" + WORDS("status.deadline_note", lang) + "\n\n")
        out.append(self._counts())
        return "".join(out)

    def _tasks(self) -> str:
        from urbangov.cli._table import render_table
        from urbangov.plan import cascaded_rows

        lang, plan = self.lang, self.report.plan
        names = ("id", "title", "lead", "deadline", "forecast", "progress", "status", "risk")
        header = [WORDS(f"col.{name}", lang) for name in names]
        folded = {} if self.expand else cascaded_rows(plan)
        hidden = {row for rows in folded.values() for row in rows}
        rows = []
        for position, (t, task) in enumerate(zip(self.report.tasks, plan.tasks, strict=True)):
            if position in hidden:
                continue
            rows.append(self._row(t, task.title))
            if task.id in folded:
                rows.append(self._folded([self.report.tasks[p] for p in folded[task.id]]))
        return render_table(header, rows, right={5}, width=self.width, flex=(1, 2, 6))

    def _row(self, t: TaskStatus, title: str) -> list[str]:
        from urbangov.tracking import DeadlineSource

        lang = self.lang
        mark = {DeadlineSource.EXTENSION: "*", DeadlineSource.PLANNED_FINISH: "~"}
        return [
            t.task,
            title,
            t.lead or "",
            day(t.deadline, lang) + mark.get(t.deadline_source, ""),
            day(t.forecast_finish, lang),
            str(t.progress),
            WORDS(f"status.{t.status.value}", lang),
            "!" if t.at_risk else "",
        ]

    def _folded(self, rows: Sequence[TaskStatus]) -> list[str]:
        """The tasks of a cascade in one row: how many of each status."""
        lang = self.lang
        counts = Counter(t.status.value for t in rows)
        shown = ", ".join(
            f"{counts[s]} {WORDS(f'status.{s}', lang)}" for s in _STATUS_ORDER if counts[s]
        )
        risky = sum(t.at_risk for t in rows)
        return [
            folded_label(len(rows)),
            shown,
            "",
            "",
            day(max(t.forecast_finish for t in rows), lang),
            "",
            "",
            f"{risky}!" if risky else "",
        ]

    def _counts(self) -> str:
        lang, stats = self.lang, self.stats
        period = (
            WORDS(
                "status.in_period",
                lang,
                label=stats.period.label,
                start=day(stats.period.start, lang),
                end=day(stats.period.end, lang),
            )
            if stats.period
            else ""
        )
        body = [
            [
                _row_label(row, lang, stats.by.value),
                *(str(getattr(row, c)) for c in _STATUS_COLUMNS),
                percent(row.on_time_rate, lang),
            ]
            for row in (*stats.rows, stats.overall)
        ]
        body[-1][0] = WORDS("status.all", lang)
        header = [
            WORDS(_STATISTICS_COLUMN[stats.by.value], lang),
            *(WORDS(f"status.{c}", lang) for c in _STATUS_COLUMNS),
            WORDS("col.on_time", lang),
        ]
        table = render_table(header, body, right=set(range(1, 9)), width=self.width, flex=(0,))
        return WORDS(f"status.by.{stats.by.value}", lang) + period + ":\n" + table


#: The words heading the first column of the statistics, by what they count.
_STATISTICS_COLUMN: Final = {"lead": "col.lead", "unit": "col.units", "group": "col.group"}
_STATUS_ORDER: Final = ("overdue", "in_time", "done_late", "done_on_time", "withdrawn")
_STATUS_COLUMNS: Final = (
    "done_on_time",
    "done_late",
    "in_time",
    "overdue",
    "withdrawn",
    "at_risk",
    "extended",
)


def _variance_table(result: PlanVariance, lang: Language) -> str:
    def show(value: object) -> str:
        if isinstance(value, dt.date):
            return day(value, lang)
        return "" if value is None else str(value)

    rows = [
        [
            t.task,
            show(t.baseline_start),
            show(t.start),
            show(t.start_variance),
            show(t.baseline_finish),
            show(t.finish),
            show(t.finish_variance),
        ]
        for t in result.tasks
    ]
    names = ("id", "baseline_start", "start", "variance", "baseline_finish", "finish", "variance")
    table = render_table([WORDS(f"col.{n}", lang) for n in names], rows, right={3, 6})
    moved = WORDS(
        "baseline.variance", lang, name=repr(result.baseline), days=result.finish_variance
    )
    return f"{moved}\n\n{table}"


def _row_label(row: StatisticsRow, lang: Language, by: str = "lead") -> str:
    if row.key is None:
        return WORDS("status.no_group" if by == "group" else "status.nobody", lang)
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
@click.option(
    "--quality",
    is_flag=True,
    help="Assess the schedule's quality instead (the DCMA 14 points), as of the status "
    "date when there are tracking records.",
)
@AS_OF_OPTION
@PROGRESS_OPTION
@STORE_OPTION
@click.option(
    "--baseline",
    "baseline_name",
    metavar="NAME",
    help="With --quality: the saved baseline the missed-task and BEI points compare with.",
)
@FORMAT_OPTION
@LANG_OPTION
@OUTPUT_OPTION
def check_command(
    plan_file: Path,
    organisation_file: Path | None,
    quality: bool,
    as_of: dt.date | None,
    progress_files: Sequence[Path],
    store_location: str | None,
    baseline_name: str | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
) -> None:
    """List every task lacking a lead, a deadline or an accountable person, and every
    reference that does not resolve on the task's dates; with --quality, the DCMA
    14-point assessment of the schedule. Exit status 1 if any problem or failed point."""
    from urbangov.assignment import check_assignments
    from urbangov.io import hierarchy_of, load_organisation, organisation_of
    from urbangov.plan import Language

    if quality:
        from urbangov.cli._quality import quality_check

        if organisation_file is not None:
            raise click.UsageError("--organisation does not apply with --quality")
        report = quality_check(
            plan_file,
            as_of=as_of,
            progress_files=progress_files,
            store_location=store_location,
            baseline_name=baseline_name,
            fmt=fmt,
            lang=lang,
            output=output,
        )
        if report.failed:
            raise SystemExit(1)
        return
    given = [
        option
        for option, value in (
            ("--as-of", as_of),
            ("--progress", progress_files),
            ("--store", store_location),
            ("--baseline", baseline_name),
        )
        if value
    ]
    if given:
        raise click.UsageError(f"{', '.join(given)}: only with --quality")
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
        emit(_problems_text(problems, len(plan), Language(lang or plan.lang)), output)
    if problems:
        raise SystemExit(1)


def _problems_text(problems: Sequence[AssignmentProblem], total: int, lang: Language) -> str:
    lines = []
    for p in problems:
        values = dict(p.values)
        if "role" in values:
            values["role"] = WORDS(f"role.{values['role']}", lang)
        if "day" in values:
            values["day"] = day(dt.date.fromisoformat(values["day"]), lang)
        message = WORDS(f"problem.{p.code}", lang, **values)
        kind = WORDS(f"problem.kind.{p.kind.value}", lang)
        lines.append(f"{kind}: " + WORDS("problem.task", lang, task=repr(p.task), message=message))
    kinds = sorted({p.kind.value for p in problems})
    counts = ", ".join(
        f"{sum(p.kind.value == k for p in problems)} {WORDS(f'problem.kind.{k}', lang)}"
        for k in kinds
    )
    tasks = len({p.task for p in problems})
    summary = WORDS("check.summary", lang, problems=len(problems), tasks=tasks, total=total)
    lines.append(summary + (f": {counts}" if problems else ""))
    return "\n".join(lines) + "\n"
