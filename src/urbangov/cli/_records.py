"""Where a command's tracking records come from: the plan's store and progress files.

Shared by ``status``, ``progress``, ``baseline``, ``report`` and ``meetings``, so that
every command finds the same records the same way: the store is
``<plan>.tracking.sqlite`` beside the plan file unless ``--store`` names another, and
``--progress FILE`` adds a file's records without storing them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from urbangov.cli._params import PERIOD

if TYPE_CHECKING:
    from urbangov.calendar import ReportingPeriod
    from urbangov.plan import Language, Plan
    from urbangov.tracking import AsOf, Baseline, TrackingLog, TrackingStore

__all__ = [
    "DEPTH_OPTION",
    "PERIOD_OPTION",
    "PROGRESS_OPTION",
    "STORE_OPTION",
    "as_of_text",
    "baseline_named",
    "default_store",
    "existing_store",
    "has_records",
    "opened_store",
    "require_records",
    "status_as_of",
    "stored_log",
    "tracking_log",
]

STORE_OPTION = click.option(
    "--store",
    "store_location",
    metavar="LOCATION",
    help="The tracking store: a SQLite file path (default: PLAN's name + .tracking.sqlite) "
    "or SCHEME://... for a backend a plugin provides.",
)
PROGRESS_OPTION = click.option(
    "--progress",
    "progress_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also read progress from this file (.csv, .toml, .json, .yaml); repeatable.",
)
PERIOD_OPTION = click.option(
    "--period",
    type=PERIOD,
    help="Count only the tasks of a reporting period: 2021-04 (Decree 09: 15 Mar-14 Apr), "
    "2021-Q2, 2021-H1, 2021, or START..END.",
)
DEPTH_OPTION = click.option(
    "--depth",
    type=click.IntRange(min=0),
    help="With --by unit: only units at most N levels below the top (1: the districts).",
)


def default_store(plan_file: Path) -> Path:
    """Where a plan's records are kept unless ``--store`` says otherwise."""
    return plan_file.with_name(f"{plan_file.stem}.tracking.sqlite")


@contextmanager
def opened_store(plan_file: Path, location: str | None) -> Iterator[TrackingStore]:
    from urbangov.plugins import default_plugins

    store = default_plugins().open_store(location or str(default_store(plan_file)))
    try:
        yield store
    finally:
        store.close()


def existing_store(location: str) -> str:
    """``location`` when it names a store that exists: reading a store a typo names
    would create an empty one and report nothing as if it were the truth."""
    from urbangov.errors import StoreError

    if "://" not in location and not Path(location).exists():
        raise StoreError(
            f"{location}: no such tracking store "
            "(`urbangov progress PLAN --import FILE --store LOCATION` creates one)"
        )
    return location


def stored_log(plan_file: Path, location: str | None, plan: Plan) -> TrackingLog:
    """The store's records, or none when the default store was never created."""
    from urbangov.tracking import TrackingLog

    if location is None and not default_store(plan_file).exists():
        return TrackingLog()
    with opened_store(plan_file, location and existing_store(location)) as store:
        return store.log(plan.id)


def tracking_log(
    plan_file: Path, plan: Plan, location: str | None, progress_files: Sequence[Path]
) -> TrackingLog:
    """The store's records and the progress files', together."""
    from urbangov.io import load_progress

    log = stored_log(plan_file, location, plan)
    for path in progress_files:
        found = load_progress(path, plan)
        log = log.extended(found.updates, found.requests, found.decisions, found.withdrawals)
    return log


def baseline_named(plan_file: Path, location: str | None, plan: Plan, name: str) -> Baseline:
    """The plan's baseline ``name`` from the store; else an error naming the saved ones."""
    from urbangov.errors import TrackingError

    if location is None and not default_store(plan_file).exists():
        raise TrackingError(f"plan {plan.id!r} has no baselines yet (urbangov baseline PLAN save)")
    with opened_store(plan_file, location and existing_store(location)) as store:
        kept = {b.name: b for b in store.baselines(plan.id)}
    if name not in kept:
        known = ", ".join(kept) or "none"
        raise TrackingError(f"plan {plan.id!r} has no baseline {name!r} (saved: {known})")
    return kept[name]


def has_records(plan_file: Path, location: str | None, progress_files: Sequence[Path]) -> bool:
    """Whether there is anywhere to read records from: files, a named store, or the
    plan's default store."""
    return bool(progress_files) or location is not None or default_store(plan_file).exists()


def status_as_of(
    plan: Plan, log: TrackingLog | None, as_of: dt.date | None, period: ReportingPeriod | None
) -> AsOf:
    """The status date: ``--as-of``, else the end of ``--period``, else the plan's
    ``as_of``, else the latest record's day, else today (and which it was)."""
    from urbangov.tracking import as_of_day

    return as_of_day(plan, log, given=as_of, period=period)


def as_of_text(found: AsOf, lang: Language) -> str:
    """``as of 2021-06-14 (the latest tracking record)``, in ``lang``."""
    from urbangov._words import day
    from urbangov.cli._words import WORDS

    return WORDS(f"as_of.{found.source.value}", lang, day=day(found.day, lang))


def require_records(
    plan_file: Path,
    plan: Plan,
    location: str | None,
    progress_files: Sequence[Path],
) -> None:
    """Refuse to judge a plan without tracking data: every task would be "overdue"
    or "in time" on no evidence. Says what is missing and how to give it (in
    English, as every error is)."""
    from urbangov.errors import ReportError

    if not has_records(plan_file, location, progress_files):
        raise ReportError(
            f"plan {plan.id!r} has no tracking data: give --progress FILE or --store "
            "LOCATION, or import some with `urbangov progress PLAN --import FILE` "
            f"(there is no store at {default_store(plan_file)})"
        )
