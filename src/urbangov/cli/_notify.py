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
from urbangov.cli._records import PROGRESS_OPTION, STORE_OPTION, tracking_log
from urbangov.cli._schedule import PLAN_ARGUMENT, loaded

if TYPE_CHECKING:
    from urbangov.hierarchy import Organisation
    from urbangov.notify import DeliveryReport, Notification, Notifier
    from urbangov.plan import Plan


def default_ledger(plan_file: Path) -> Path:
    """Where a plan's deliveries are recorded unless ``--ledger`` says otherwise."""
    return plan_file.with_name(f"{plan_file.stem}.notify.sqlite")


@click.command("notify")
@PLAN_ARGUMENT
@click.option(
    "--as-of",
    required=True,
    type=DATE,
    help="The day to decide for (YYYY-MM-DD): what is due by then and not yet sent.",
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
def notify_command(
    plan_file: Path,
    as_of: dt.date,
    dry_run: bool,
    channels: Sequence[str],
    ledger_file: Path | None,
    progress_files: Sequence[Path],
    store_location: str | None,
    fmt: str,
    organisation_file: Path | None,
) -> None:
    """Remind, repeat and escalate: one digest per recipient per channel, each
    notification sent once (a failed one again on the next run). Exit status 1 if a
    send failed."""
    from urbangov.notify import SQLiteLedger, deliver, plan_notifications, rules_from_config
    from urbangov.plugins import default_plugins
    from urbangov.tracking import status_report

    plugins = default_plugins()
    rules = rules_from_config(plugins.config)
    notifiers = _notifiers(channels or rules.channels)
    plan = loaded(plan_file)
    day = as_of
    log = tracking_log(plan_file, plan, store_location, progress_files)
    organisation = _organisation(plan, organisation_file)
    decided = plan_notifications(plan, status_report(plan, log, day), organisation, rules, day)
    with SQLiteLedger(ledger_file or default_ledger(plan_file), read_only=dry_run) as ledger:
        report = deliver(
            decided,
            notifiers,
            ledger,
            plan_id=plan.id,
            plan_title=plan.title,
            as_of=day,
            dry_run=dry_run,
        )
    if fmt == "json":
        data = {"plan": plan.id, "as_of": day.isoformat(), "decided": len(decided)}
        data.update(report.to_dict())
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        if dry_run:
            click.echo(_dry_run_text(report), nl=False)
        click.echo(_summary(decided, report, day), err=True, nl=False)
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


def _dry_run_text(report: DeliveryReport) -> str:
    out = []
    for delivery in report.deliveries:
        digest = delivery.digest
        where = f" <{digest.address}>" if digest.channel != "console" else ""
        out.append(f"--- would send on {digest.channel} to {digest.recipient.name}{where}\n")
        out.append(f"Subject: {digest.subject}\n\n{digest.text()}\n")
    return "".join(out)


def _summary(decided: Sequence[Notification], report: DeliveryReport, day: dt.date) -> str:
    recipients = len({n.recipient.key for n in decided})
    lines = [f"{len(decided)} notification(s) due for {recipients} recipient(s) as of {day}"]
    channels = dict.fromkeys(d.digest.channel for d in report.deliveries)
    channels.update(dict.fromkeys(report.unreachable))
    lines += [f"{name}: failed: {error}" for name, error in report.channel_errors.items()]
    verb = "would send" if report.dry_run else "sent"
    for channel in channels:
        mine = [d for d in report.deliveries if d.digest.channel == channel]
        sent = sum(d.sent for d in mine) if not report.dry_run else len(mine)
        parts = [f"{channel}: {verb} {sent} digest(s)"]
        failed = [d for d in mine if d.failed]
        if failed:
            parts.append(f"{len(failed)} failed (retried on the next run)")
        missed = report.unreachable.get(channel, ())
        if missed:
            parts.append(f"{len(missed)} recipient(s) without an address on {channel}")
        lines.append(", ".join(parts))
        lines += [f"  failed: {d.digest.recipient.name}: {d.error}" for d in failed]
    return "".join(f"notify: {line}\n" for line in lines)
