"""The built-in commands: ``schedule``, ``report``, ``plugins``, ``units``, ``lineage``,
``status``, ``progress``, ``baseline``, ``check``, ``meetings``, ``notify``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl

if TYPE_CHECKING:
    import click


@hookimpl
def urbangov_register_commands(cli: click.Group) -> None:
    from urbangov.cli._main import BUILTIN_COMMANDS, builtin_command

    for name in BUILTIN_COMMANDS:
        if name not in cli.commands:
            cli.add_command(builtin_command(name))
