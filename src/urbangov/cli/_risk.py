"""``urbangov risk``: how likely the plan and each deadline are, by Monte Carlo
simulation of the durations (see :mod:`urbangov.risk`), in the plan's language."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import click

from urbangov._words import Catalogue, day, percent
from urbangov.cli._output import FORMAT_OPTION, OUTPUT_OPTION, emit
from urbangov.cli._records import (
    PROGRESS_OPTION,
    STORE_OPTION,
    has_records,
    status_as_of,
    tracking_log,
)
from urbangov.cli._schedule import PLAN_ARGUMENT, scheduled
from urbangov.cli._table import render_table
from urbangov.cli._tracking import AS_OF_OPTION
from urbangov.cli._words import LANG_OPTION

if TYPE_CHECKING:
    from urbangov.plan import Language, Plan
    from urbangov.risk import Correlated, Estimate, History, KindOf, RiskEvent, RiskResult
    from urbangov.scheduling import Actual, Schedule, Tracking
    from urbangov.tracking import TrackingLog

__all__ = ["actuals_of", "estimates_given", "risk_command", "risk_text", "simulated"]

#: How many tasks the table lists (the least likely to meet their deadline first).
SHOWN: Final = 20

WORDS: Final = Catalogue(
    "risk",
    {
        "head": (
            "Mô phỏng {iterations} lần (seed {seed}){settled}. Hoàn thành kế hoạch: "
            "P10 {p10}, P50 {p50}, P80 {p80}, P90 {p90}.",
            "{iterations} iterations (seed {seed}){settled}. Plan finish: P10 {p10}, "
            "P50 {p50}, P80 {p80}, P90 {p90}.",
        ),
        "settled": (", P80 đã ổn định", ", the P80 settled"),
        "unsettled": (", P80 chưa ổn định", ", the P80 had not settled"),
        "by": (
            "Khả năng hoàn thành đến ngày {day} (theo tiến độ đã lập): {chance}.",
            "Chance of finishing by {day} (the deterministic finish): {chance}.",
        ),
        "col.task": ("nhiệm vụ", "task"),
        "col.deadline": ("hạn", "deadline"),
        "col.p50": ("P50 xong", "P50 finish"),
        "col.p80": ("P80 xong", "P80 finish"),
        "col.on_time": ("khả năng đúng hạn", "on time"),
        "col.critical": ("tỷ lệ găng", "critical"),
        "col.sensitivity": ("độ nhạy", "sensitivity"),
        "deadlines": (
            "Các nhiệm vụ có hạn, khả năng đúng hạn thấp nhất trước:",
            "Tasks with a deadline, the least likely to meet it first:",
        ),
        "more": ("… và {n} nhiệm vụ khác", "… and {n} more"),
        "history": (
            "Theo số liệu đã báo cáo, thời gian thực tế / kế hoạch của các nhiệm vụ đã xong "
            "(cơ quan có ít hơn {n} nhiệm vụ đã xong lấy số liệu của loại đơn vị mình, "
            "nếu không thì số liệu chung):",
            "What the records say, actual over planned working days of finished tasks "
            "(an agency with fewer than {n} finished tasks takes its kind of unit's, "
            "else everyone's):",
        ),
        "all": ("tất cả các cơ quan", "all agencies"),
        "col.lead": ("cơ quan chủ trì / loại đơn vị", "lead agency / kind of unit"),
        "col.finished": ("đã xong", "finished"),
        "col.h10": ("P10", "P10"),
        "col.h50": ("P50", "P50"),
        "col.h90": ("P90", "P90"),
        "events": ("Rủi ro có thể xảy ra:", "Risk events:"),
        "col.event": ("rủi ro", "event"),
        "col.probability": ("xác suất", "probability"),
        "col.occurred": ("đã xảy ra", "occurred"),
        "col.delay": ("làm chậm kế hoạch (ngày làm việc)", "plan delay (working days)"),
        "cascades": (
            "Theo cấp nhận nhiệm vụ: khả năng mọi đơn vị cùng cấp đều đúng hạn của cấp mình:",
            "Cascade levels: the chance that every unit of a level meets its level's deadline:",
        ),
        "col.level": ("cấp", "level"),
        "col.units": ("số đơn vị", "units"),
        "col.all_on_time": ("tất cả đúng hạn", "all on time"),
        "col.expected_late": ("số đơn vị trễ (trung bình)", "late units (mean)"),
        "drivers": (
            "Các nhiệm vụ quyết định ngày hoàn thành nhiều nhất:",
            "The tasks the finish follows most:",
        ),
    },
)


@click.command("risk")
@PLAN_ARGUMENT
@click.option(
    "--estimates",
    "estimates_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Duration estimates (TOML, JSON or YAML): defaults, per lead agency, per task.",
)
@click.option(
    "--range",
    "ratio_range",
    metavar="LOW,HIGH",
    help="Every task with work varies from LOW to HIGH times its duration (e.g. 0.9,1.5).",
)
@click.option(
    "--from-history",
    is_flag=True,
    help="Estimate from the tracking records: what each lead agency's finished tasks "
    "took against their plan (the outside view).",
)
@click.option(
    "--distribution",
    type=click.Choice(["pert", "triangular"]),
    default="pert",
    show_default=True,
    help="With --range: the distribution of each duration.",
)
@click.option(
    "--iterations",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="How many draws (with --until-stable, the most).",
)
@click.option(
    "--until-stable",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help="Stop once the P80 finish moves by at most DAYS working days between checks "
    "(every 500 iterations).",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="The same seed, the same result."
)
@AS_OF_OPTION
@PROGRESS_OPTION
@STORE_OPTION
@FORMAT_OPTION
@LANG_OPTION
@OUTPUT_OPTION
def risk_command(
    plan_file: Path,
    estimates_file: Path | None,
    ratio_range: str | None,
    from_history: bool,
    distribution: str,
    iterations: int,
    until_stable: int | None,
    seed: int,
    as_of: dt.date | None,
    progress_files: Sequence[Path],
    store_location: str | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
) -> None:
    """How likely PLAN finishes by each date and each task meets its deadline:
    percentiles of the finish, the chance of every deadline, how often each task is
    critical and how much the finish follows it. With tracking records, what has
    happened stays and the rest is drawn from the status date."""
    from urbangov.plan import Language
    from urbangov.risk import simulate

    chosen = [estimates_file is not None, ratio_range is not None, from_history]
    if sum(chosen) != 1:
        raise click.UsageError("give one of --estimates FILE, --range LOW,HIGH, --from-history")
    given = click.get_current_context().get_parameter_source("distribution")
    if estimates_file is not None and given is click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError("--distribution goes with --range; an estimates file says its own")
    result = scheduled(plan_file)
    plan = result.plan
    actuals, status_date, history, kind_of = None, None, None, None
    correlated: Sequence[Correlated] = ()
    events: Sequence[RiskEvent] = ()
    tracked = has_records(plan_file, store_location, progress_files)
    if from_history and not tracked:
        raise click.UsageError("--from-history needs tracking records (--progress or --store)")
    if tracked:
        from urbangov.risk import learn
        from urbangov.tracking import status_report

        log = tracking_log(plan_file, plan, store_location, progress_files)
        status_date = status_as_of(plan, log, as_of, None).day
        forecast = status_report(plan, log, status_date).forecast
        tracking = forecast.tracking
        actuals = None if tracking is None else actuals_of(tracking)
        result = forecast
        if from_history:
            kind_of = _unit_kinds(plan)
            history = learn(plan, log.progress_on(status_date), kind_of=kind_of)
    if history is not None:
        from urbangov.risk import learned_estimates

        estimates = learned_estimates(plan, history, kind_of=kind_of)
    else:
        estimates, correlated, events = estimates_given(
            plan, estimates_file, ratio_range, distribution
        )
    found = simulate(
        plan,
        estimates,
        iterations=iterations,
        seed=seed,
        actuals=actuals,
        status_date=status_date,
        correlated=correlated,
        events=events,
        until_stable=until_stable,
    )
    if fmt == "json":
        data = found.to_dict()
        data["deterministic_finish"] = result.finish.isoformat()
        data["probability_by_deterministic_finish"] = found.probability_by(result.finish)
        if history is not None:
            data["history"] = [h.to_dict() for h in history.values()]
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    else:
        text = risk_text(found, result.finish, Language(lang or plan.lang))
        if history is not None:
            text = history_text(history, Language(lang or plan.lang)) + "\n" + text
        emit(text, output)


def estimates_given(
    plan: Plan, estimates_file: Path | None, ratio_range: str | None, distribution: str = "pert"
) -> tuple[dict[str, Estimate], tuple[Correlated, ...], tuple[RiskEvent, ...]]:
    """The estimates (and the correlated groups and risk events of a file) of
    ``--estimates FILE`` or ``--range``."""
    from urbangov.io import load_correlated, load_estimates, load_events, ratio_estimates

    if estimates_file is not None:
        return (
            load_estimates(estimates_file, plan),
            load_correlated(estimates_file, plan),
            load_events(estimates_file, plan),
        )
    if ratio_range is None:
        raise click.UsageError("give --estimates FILE or --range LOW,HIGH")
    low, high = _ratios(ratio_range)
    kind: Literal["pert", "triangular"] = "triangular" if distribution == "triangular" else "pert"
    return ratio_estimates(plan, low, high, kind), (), ()


def simulated(
    result: Schedule,
    estimates_file: Path | None,
    ratio_range: str | None,
    iterations: int,
    seed: int,
    *,
    log: TrackingLog | None = None,
) -> RiskResult:
    """A risk simulation of ``result``'s plan from ``--estimates`` or ``--range``;
    with a tracking ``log``, from its status date (the plan's ``as_of``, else the
    latest record): what has happened stays."""
    from urbangov.risk import simulate

    plan = result.plan
    if estimates_file is not None and ratio_range is not None:
        raise click.UsageError("give --estimates FILE or --range LOW,HIGH, not both")
    estimates, correlated, events = estimates_given(plan, estimates_file, ratio_range)
    actuals, status_date = None, None
    if log is not None:
        from urbangov.tracking import status_report

        status_date = status_as_of(plan, log, None, None).day
        tracking = status_report(plan, log, status_date).forecast.tracking
        actuals = None if tracking is None else actuals_of(tracking)
    return simulate(
        plan,
        estimates,
        iterations=iterations,
        seed=seed,
        actuals=actuals,
        status_date=status_date,
        correlated=correlated,
        events=events,
    )


def actuals_of(tracking: Tracking) -> dict[str, Actual]:
    """The actual work a forecast was computed with, as :func:`simulate` takes it."""
    from urbangov.scheduling import Actual

    return {
        task_id: Actual(w.actual_start, w.actual_finish, done=w.done, remaining=w.remaining)
        for task_id, w in tracking.work.items()
    }


def _signed(value: float, lang: Language) -> str:
    text = f"{value:+.2f}"
    return text.replace(".", ",") if lang == "vi" else text


def _ratios(text: str) -> tuple[float, float]:
    try:
        low, high = (float(part) for part in text.split(","))
    except ValueError:
        raise click.BadParameter(
            f"expected LOW,HIGH such as 0.9,1.5, got {text!r}", param_hint="--range"
        ) from None
    if not 0 <= low <= 1 <= high:
        raise click.BadParameter(
            f"expected 0 <= LOW <= 1 <= HIGH, got {text!r}", param_hint="--range"
        )
    return low, high


def _unit_kinds(plan: Plan) -> KindOf | None:
    """Each task's kind of unit, when the plan names its hierarchy."""
    from urbangov.io import hierarchy_of
    from urbangov.risk import unit_kinds

    hierarchy = hierarchy_of(plan)
    return None if hierarchy is None else unit_kinds(plan, hierarchy)


def history_text(history: Mapping[str | None, History], lang: Language) -> str:
    """What the records say: actual over planned working days, for every task, each
    kind of unit and each agency."""
    from urbangov.cli._words import WORDS as NAMES
    from urbangov.risk._history import MIN_FINISHED

    def group(h: History) -> str:
        if h.kind is not None:
            return NAMES(f"kind.{h.kind}", lang)
        return WORDS("all", lang) if h.lead is None else h.lead

    def order(h: History) -> tuple[int, int, str]:
        rank = 1 if h.kind is not None else (0 if h.lead is None else 2)
        return rank, -h.count, group(h)

    shown = sorted(history.values(), key=order)
    rows = [
        [
            group(h),
            str(h.count),
            _ratio(h.low, lang),
            _ratio(h.typical, lang),
            _ratio(h.high, lang),
        ]
        for h in shown
        if (h.lead is None and h.kind is None) or h.count >= MIN_FINISHED
    ]
    names = ("lead", "finished", "h10", "h50", "h90")
    table = render_table([WORDS(f"col.{n}", lang) for n in names], rows, right={1, 2, 3, 4})
    return WORDS("history", lang, n=MIN_FINISHED) + "\n\n" + table


def _ratio(value: float, lang: Language, digits: int = 2) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "vi" else text


def risk_text(found: RiskResult, deterministic: dt.date, lang: Language) -> str:
    """The plan's finish percentiles, the deadlines least likely met, the drivers."""
    p10, p50, p80, p90 = (day(d, lang) for d in found.finish)
    settled = {None: "", True: WORDS("settled", lang), False: WORDS("unsettled", lang)}[
        found.converged
    ]
    lines = [
        WORDS(
            "head",
            lang,
            iterations=found.iterations,
            seed=found.seed,
            settled=settled,
            p10=p10,
            p50=p50,
            p80=p80,
            p90=p90,
        ),
        WORDS(
            "by",
            lang,
            day=day(deterministic, lang),
            chance=percent(found.probability_by(deterministic), lang),
        ),
    ]
    dated = sorted(
        (t for t in found.tasks if t.on_time is not None),
        key=lambda t: (t.on_time, t.task),
    )
    if dated:
        names = ("task", "deadline", "p50", "p80", "on_time", "critical")
        rows = [
            [
                t.task,
                day(t.deadline, lang),
                day(t.finish[1], lang),
                day(t.finish[2], lang),
                percent(t.on_time, lang),
                percent(t.criticality, lang),
            ]
            for t in dated[:SHOWN]
        ]
        table = render_table([WORDS(f"col.{n}", lang) for n in names], rows, right={4, 5})
        lines += ["", WORDS("deadlines", lang), "", table.rstrip("\n")]
        if len(dated) > SHOWN:
            lines.append(WORDS("more", lang, n=len(dated) - SHOWN))
    drivers = sorted(
        (t for t in found.tasks if t.sensitivity),
        key=lambda t: (-abs(t.sensitivity or 0), t.task),
    )[:5]
    if drivers:
        rows = [
            [t.task, _signed(t.sensitivity or 0, lang), percent(t.criticality, lang)]
            for t in drivers
        ]
        header = [WORDS(f"col.{n}", lang) for n in ("task", "sensitivity", "critical")]
        table = render_table(header, rows, right={1, 2})
        lines += ["", WORDS("drivers", lang), "", table.rstrip("\n")]
    lines += _events_text(found, lang) + _cascades_text(found, lang)
    return "\n".join(lines) + "\n"


def _events_text(found: RiskResult, lang: Language) -> list[str]:
    if not found.events:
        return []
    rows = [
        [
            e.title or e.event,
            percent(e.probability, lang),
            percent(e.occurred, lang),
            "" if e.delay is None else _ratio(e.delay, lang, 1),
        ]
        for e in found.events
    ]
    names = ("event", "probability", "occurred", "delay")
    table = render_table([WORDS(f"col.{n}", lang) for n in names], rows, right={1, 2, 3})
    return ["", WORDS("events", lang), "", table.rstrip("\n")]


def _cascades_text(found: RiskResult, lang: Language) -> list[str]:
    if not found.cascades:
        return []
    rows = [
        [
            c.task,
            str(c.depth),
            str(c.units),
            percent(c.all_on_time, lang),
            _ratio(c.expected_late, lang, 1),
        ]
        for c in found.cascades
    ]
    names = ("task", "level", "units", "all_on_time", "expected_late")
    table = render_table([WORDS(f"col.{n}", lang) for n in names], rows, right={1, 2, 3, 4})
    return ["", WORDS("cascades", lang), "", table.rstrip("\n")]
