"""``urbangov notify``: decide what is due as of a day, send it once, record it.

Digests go out on the channels of ``--channel`` (else ``[notify] channels`` of the
configuration, else ``console``); the ledger is ``<plan>.notify.sqlite`` beside the
plan file unless ``--ledger`` names another. ``--dry-run`` prints what would be sent
and writes nothing, not even the ledger.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from urbangov.cli._params import DATE
from urbangov.cli._records import (
    PROGRESS_OPTION,
    STORE_OPTION,
    as_of_text,
    status_as_of,
    tracking_log,
)
from urbangov.cli._schedule import PLAN_ARGUMENT, loaded
from urbangov.cli._words import LANG_OPTION, WORDS

if TYPE_CHECKING:
    from urbangov.hierarchy import Organisation
    from urbangov.notify import DeliveryReport, Notification, Notifier
    from urbangov.plan import Language, Plan
    from urbangov.tracking import AsOf


def default_ledger(plan_file: Path) -> Path:
    """Where a plan's deliveries are recorded unless ``--ledger`` says otherwise."""
    return plan_file.with_name(f"{plan_file.stem}.notify.sqlite")


@click.command("notify")
@PLAN_ARGUMENT
@click.option(
    "--as-of",
    type=DATE,
    help="The day to decide for (YYYY-MM-DD): what is due by then and not yet sent "
    "(default: the plan's as_of, else the latest tracking record, else today).",
)
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send and record nothing.")
@click.option(
    "--channel",
    "channels",
    multiple=True,
    metavar="NAME",
    help="Send on this channel (console, email, webhook, or a plugin's); repeatable. "
    "Default: [notify] channels of the configuration, else console.",
)
@click.option(
    "--ledger",
    "ledger_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The delivery ledger (default: PLAN's name + .notify.sqlite).",
)
@PROGRESS_OPTION
@STORE_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: what was (or would be) sent, for a person; json: the machine contract.",
)
@click.option(
    "--organisation",
    "organisation_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Organs, posts, people and their contacts (default: the plan's plan.organisation).",
)
@LANG_OPTION
def notify_command(
    plan_file: Path,
    as_of: dt.date | None,
    dry_run: bool,
    channels: Sequence[str],
    ledger_file: Path | None,
    progress_files: Sequence[Path],
    store_location: str | None,
    fmt: str,
    organisation_file: Path | None,
    lang: str | None,
) -> None:
    """Remind, repeat and escalate: one digest per recipient per channel, each
    notification sent once (a failed one again on the next run). Exit status 1 if a
    send failed."""
    from urbangov.notify import SQLiteLedger, deliver, plan_notifications, rules_from_config
    from urbangov.plan import Language
    from urbangov.plugins import default_plugins
    from urbangov.tracking import status_report

    plugins = default_plugins()
    rules = rules_from_config(plugins.config)
    notifiers = _notifiers(channels or rules.channels)
    plan = loaded(plan_file)
    language = Language(lang or plan.lang)
    log = tracking_log(plan_file, plan, store_location, progress_files)
    found = status_as_of(plan, log, as_of, None)
    day = found.day
    organisation = _organisation(plan, organisation_file)
    status = status_report(plan, log, day)
    decided = plan_notifications(plan, status, organisation, rules, day, lang=language)
    with SQLiteLedger(ledger_file or default_ledger(plan_file), read_only=dry_run) as ledger:
        report = deliver(
            decided,
            notifiers,
            ledger,
            plan_id=plan.id,
            plan_title=plan.title,
            as_of=day,
            dry_run=dry_run,
            lang=language,
        )
    if fmt == "json":
        data = {"plan": plan.id, "as_of": day.isoformat(), "decided": len(decided)}
        data.update(report.to_dict())
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        if dry_run:
            click.echo(_dry_run_text(report, language), nl=False)
        click.echo(_summary(decided, report, found, language), err=True, nl=False)
    if not report.ok:
        raise SystemExit(1)


def _notifiers(names: Sequence[str]) -> list[Notifier]:
    from urbangov.plugins import default_plugins

    plugins = default_plugins()
    return [plugins.notifier(name) for name in dict.fromkeys(names)]


def _organisation(plan: Plan, organisation_file: Path | None) -> Organisation | None:
    from urbangov.io import hierarchy_of, load_organisation, organisation_of

    hierarchy = hierarchy_of(plan)
    if organisation_file is None:
        return organisation_of(plan, hierarchy)
    if hierarchy is None:
        raise click.UsageError("--organisation needs the plan to name its hierarchy")
    return load_organisation(organisation_file, hierarchy)


def _dry_run_text(report: DeliveryReport, lang: Language) -> str:
    out = []
    for delivery in report.deliveries:
        digest = delivery.digest
        where = f" <{digest.address}>" if digest.channel != "console" else ""
        name = digest.recipient.name
        out.append(WORDS("notify.dry_run", lang, channel=digest.channel, name=name, where=where))
        out.append("\n" + WORDS("notify.subject", lang, subject=digest.subject))
        out.append(f"\n\n{digest.text()}\n")
    return "".join(out)


def _summary(
    decided: Sequence[Notification], report: DeliveryReport, found: AsOf, lang: Language
) -> str:
    recipients = len({n.recipient.key for n in decided})
    as_of = as_of_text(found, lang)
    lines = [WORDS("notify.decided", lang, count=len(decided), recipients=recipients, as_of=as_of)]
    channels = dict.fromkeys(d.digest.channel for d in report.deliveries)
    channels.update(dict.fromkeys(report.unreachable))
    lines += [
        WORDS("notify.channel_failed", lang, channel=name, error=error)
        for name, error in report.channel_errors.items()
    ]
    verb = "notify.would_send" if report.dry_run else "notify.sent"
    for channel in channels:
        mine = [d for d in report.deliveries if d.digest.channel == channel]
        sent = sum(d.sent for d in mine) if not report.dry_run else len(mine)
        parts = [WORDS(verb, lang, channel=channel, count=sent)]
        failed = [d for d in mine if d.failed]
        if failed:
            parts.append(WORDS("notify.failed", lang, count=len(failed)))
        missed = report.unreachable.get(channel, ())
        if missed:
            parts.append(WORDS("notify.unreachable", lang, count=len(missed), channel=channel))
        lines.append(", ".join(parts))
        lines += [
            WORDS("notify.failed_one", lang, name=d.digest.recipient.name, error=d.error)
            for d in failed
        ]
    return "".join(f"notify: {line}\n" for line in lines)
