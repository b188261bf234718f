"""The built-in commands: ``schedule``, ``report``, ``plugins``, ``units``, ``lineage``,
``status``, ``progress``, ``baseline``, ``check``, ``meetings``, ``notify``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl

if TYPE_CHECKING:
    import click


@hookimpl
def urbangov_register_commands(cli: click.Group) -> None:
    from urbangov.cli._meetings import meetings_command
    from urbangov.cli._notify import notify_command
    from urbangov.cli._plugins import plugins_command
    from urbangov.cli._report import report_command
    from urbangov.cli._schedule import schedule_command
    from urbangov.cli._tracking import (
        baseline_command,
        check_command,
        progress_command,
        status_command,
    )
    from urbangov.cli._units import lineage_command, units_command

    for command in (
        schedule_command,
        report_command,
        plugins_command,
        units_command,
        lineage_command,
        status_command,
        progress_command,
        baseline_command,
        check_command,
        meetings_command,
        notify_command,
    ):
        cli.add_command(command)
