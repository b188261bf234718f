"""``urbangov explain``: why a task is where it is, its driving predecessors back to
the cause (MS Project's *Task Path*), in the plan's language."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import click

from urbangov._words import Catalogue, day
from urbangov.cli._output import FORMAT_OPTION, OUTPUT_OPTION, emit
from urbangov.cli._records import (
    PROGRESS_OPTION,
    STORE_OPTION,
    has_records,
    status_as_of,
    tracking_log,
)
from urbangov.cli._schedule import PLAN_ARGUMENT, scheduled
from urbangov.cli._tracking import AS_OF_OPTION
from urbangov.cli._words import LANG_OPTION

if TYPE_CHECKING:
    from urbangov.calendar import WorkCalendar
    from urbangov.plan import Language, Plan
    from urbangov.scheduling import Cause, Explanation, Step

__all__ = ["explain_command", "explanation_text"]

WORDS: Final = Catalogue(
    "explain",
    {
        "head": ("{task}: {start} → {finish}", "{task}: {start} → {finish}"),
        "late": (
            "trễ {days} ngày làm việc so với thời hạn",
            "{days} working day(s) past its deadline",
        ),
        "on-time": ("dự trữ {days} ngày làm việc", "{days} working day(s) of slack"),
        "chain": ("Chuỗi công việc quyết định (từ nguyên nhân):", "Driving path (from the cause):"),
        "link": ("sau {task} ({link}{lag})", "after {task} ({link}{lag})"),
        "over": ("qua ngày nghỉ: {days}", "over the holidays: {days}"),
        "cause.plan-start": (
            "Nguyên nhân: {task} bắt đầu cùng kế hoạch ({day}).",
            "Cause: {task} starts with the plan ({day}).",
        ),
        "cause.constraint": (
            "Nguyên nhân: ràng buộc {constraint} ngày {day} của {task}.",
            "Cause: the {constraint} constraint of {task} on {day}.",
        ),
        "cause.actual-start": (
            "Nguyên nhân: {task} thực tế bắt đầu ngày {day}, với phần việc còn lại "
            "kết thúc ngày {finish}.",
            "Cause: {task} actually started on {day}; with the work left it finishes on {finish}.",
        ),
        "cause.status-date": (
            "Nguyên nhân: {task} chưa bắt đầu đến ngày báo cáo {day}, nên được dự kiến từ "
            "ngày làm việc sau đó.",
            "Cause: {task} had not started by the status date {day}, so it is forecast "
            "from the next working day.",
        ),
    },
)


@click.command("explain")
@PLAN_ARGUMENT
@click.argument("task_id", metavar="TASK")
@AS_OF_OPTION
@PROGRESS_OPTION
@STORE_OPTION
@FORMAT_OPTION
@LANG_OPTION
@OUTPUT_OPTION
def explain_command(
    plan_file: Path,
    task_id: str,
    as_of: dt.date | None,
    progress_files: Sequence[Path],
    store_location: str | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
) -> None:
    """Why TASK starts and finishes when it does: the chain of driving predecessors
    back to its cause (a constraint, the plan's start, an actual start or the status
    date), with the lags and holidays on the way. With tracking records, as of the
    status date."""
    from urbangov.errors import UnknownTaskError
    from urbangov.plan import Language
    from urbangov.scheduling import explain
    from urbangov.tracking import status_report

    result = scheduled(plan_file)
    plan = result.plan
    if has_records(plan_file, store_location, progress_files):
        log = tracking_log(plan_file, plan, store_location, progress_files)
        when = status_as_of(plan, log, as_of, None).day
        result = status_report(plan, log, when).forecast
    try:
        found = explain(result, task_id)
    except UnknownTaskError as exc:
        raise click.BadParameter(str(exc), param_hint="TASK") from None
    if fmt == "json":
        emit(json.dumps(found.to_dict(), ensure_ascii=False, indent=2) + "\n", output)
    else:
        emit(explanation_text(found, plan, Language(lang or plan.lang)), output)


def explanation_text(found: Explanation, plan: Plan, lang: Language) -> str:
    """The task's dates, how late it is, the driving path and the cause."""
    last = found.chain[-1]
    state = (
        WORDS("late", lang, days=found.days_late)
        if found.days_late
        else WORDS("on-time", lang, days=last.total_slack)
    )
    head = WORDS("head", lang, task=_name(plan, last.task), start=day(last.start, lang),
                 finish=day(last.finish, lang))  # fmt: skip
    lines = [f"{head} ({state})", "", WORDS("chain", lang)]
    for step in found.chain:
        lines.append(_step_line(step, found.chain, plan, lang))
    lines += ["", _cause_text(found.cause, found.chain[0], plan, lang)]
    return "\n".join(lines) + "\n"


def _step_line(step: Step, chain: tuple[Step, ...], plan: Plan, lang: Language) -> str:
    dates = f"{day(step.start, lang)} → {day(step.finish, lang)}"
    line = f"  {_name(plan, step.task)}: {dates}"
    if step.link is not None:
        before = chain[chain.index(step) - 1].task
        lag = "" if not step.lag else f" {step.lag:+d}"
        line += ", " + WORDS("link", lang, task=before, link=step.link.value, lag=lag)
    if step.holidays:
        names = _holiday_names(plan.calendar, step.holidays, lang)
        line += "; " + WORDS("over", lang, days=", ".join(names))
    return line


def _holiday_names(calendar: WorkCalendar, days: tuple[dt.date, ...], lang: Language) -> list[str]:
    named: dict[dt.date, str] = {}
    for year in sorted({d.year for d in days}):
        named.update(calendar.public_holidays_in(year, language=lang.value))
    out: list[str] = []
    for d in days:
        name = named.get(d, "")
        text = f"{day(d, lang)} {name}".strip()
        out.append(text)
    return out


def _cause_text(cause: Cause, head: Step, plan: Plan, lang: Language) -> str:
    return WORDS(
        f"cause.{cause.kind.value}",
        lang,
        task=_name(plan, cause.task),
        day=day(cause.day, lang),
        constraint=cause.constraint or "",
        finish=day(head.finish, lang),
    )


def _name(plan: Plan, task_id: str) -> str:
    return f"{task_id} ({plan.task(task_id).title})"
