"""``urbangov schedule``: schedule a plan file and print the result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import click

from urbangov.cli._output import FORMAT_OPTION, OUTPUT_OPTION, emit
from urbangov.cli._words import LANG_OPTION

if TYPE_CHECKING:
    from urbangov.plan import Plan
    from urbangov.scheduling import Schedule

F = TypeVar("F", bound=Callable[..., Any])

_READING: Final = "urbangov.reading"


def _remember(ctx: click.Context, param: click.Parameter, value: object) -> None:
    """Keep a reading option for :func:`scheduled`: every plan command takes them,
    none of the commands' own functions needs them."""
    if value not in (None, False) and param.name is not None:
        ctx.meta.setdefault(_READING, {})[param.name] = value


_ARGUMENT = click.argument(
    "plan_file", metavar="PLAN", type=click.Path(dir_okay=False, path_type=Path)
)
_CALENDAR = click.option(
    "--calendar",
    metavar="NAME",
    expose_value=False,
    callback=_remember,
    help="Schedule on this calendar instead of the plan's own: vn, mon-fri or a "
    "plugin's (e.g. vn for an MS Project file whose calendar is Vietnam's).",
)
_ROUND = click.option(
    "--round-durations",
    is_flag=True,
    expose_value=False,
    callback=_remember,
    help="MS Project XML: round durations and lags to whole working days instead of "
    "refusing the ones that are not.",
)


def PLAN_ARGUMENT(command: F) -> F:  # noqa: N802 (used as a decorator, like click's)
    """The plan file argument every plan command takes, with the options that say
    how to read it (``--calendar``, ``--round-durations``)."""
    return _ARGUMENT(_CALENDAR(_ROUND(command)))


def loaded(plan_file: Path) -> Plan:
    """Load a plan file and check that it schedules; errors name the file."""
    return scheduled(plan_file).plan


def scheduled(plan_file: Path) -> Schedule:
    """Load and schedule a plan file; errors found while scheduling name the file."""
    from urbangov.errors import PlanError, PlanFileError
    from urbangov.io import load_plan
    from urbangov.scheduling import schedule

    ctx = click.get_current_context(silent=True)
    reading = dict(ctx.meta.get(_READING, {})) if ctx is not None else {}
    calendar = reading.pop("calendar", None)
    plan = load_plan(plan_file, calendar=calendar, **reading)
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
    """Schedule PLAN (TOML, JSON, YAML, MS Project XML or a plugin's format): dates, slack,
    critical path."""
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
