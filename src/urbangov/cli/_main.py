"""The command group, and how user errors become one line and exit status 2."""

from __future__ import annotations

import importlib
import sys
import warnings
from pathlib import Path
from typing import Final, NoReturn

import click

from urbangov.errors import UrbangovError

__all__ = ["cli", "main"]

#: Exit status for bad input: the same as click's usage errors.
EXIT_BAD_INPUT = 2


#: The built-in commands, by name: the module that defines each is imported only when
#: the command runs (or ``--help`` lists them), so that ``urbangov schedule`` starts
#: without loading reports, notifications or the hierarchy it does not need.
BUILTIN_COMMANDS: Final = {
    "schedule": "urbangov.cli._schedule:schedule_command",
    "report": "urbangov.cli._report:report_command",
    "plugins": "urbangov.cli._plugins:plugins_command",
    "units": "urbangov.cli._units:units_command",
    "lineage": "urbangov.cli._units:lineage_command",
    "rehome": "urbangov.cli._rehome:rehome_command",
    "status": "urbangov.cli._tracking:status_command",
    "progress": "urbangov.cli._tracking:progress_command",
    "baseline": "urbangov.cli._tracking:baseline_command",
    "check": "urbangov.cli._tracking:check_command",
    "explain": "urbangov.cli._explain:explain_command",
    "risk": "urbangov.cli._risk:risk_command",
    "meetings": "urbangov.cli._meetings:meetings_command",
    "notify": "urbangov.cli._notify:notify_command",
}


def builtin_command(name: str) -> click.Command:
    """The built-in command ``name``, imported now."""
    module, _, attr = BUILTIN_COMMANDS[name].partition(":")
    command: click.Command = getattr(importlib.import_module(module), attr)
    return command


class _Commands(click.Group):
    """Built-in commands on demand; plugins' commands (through the
    ``urbangov_register_commands`` hook) only when a name is not built in or every
    command is listed."""

    _plugins_loaded = False

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in BUILTIN_COMMANDS and cmd_name not in self.commands:
            self.add_command(builtin_command(cmd_name))
        if cmd_name not in self.commands:
            self._load_plugins()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_plugins()
        return sorted(set(BUILTIN_COMMANDS) | set(self.commands))

    def _load_plugins(self) -> None:
        if not self._plugins_loaded:
            from urbangov.plugins import default_plugins

            self._plugins_loaded = True
            default_plugins().register_commands(self)  # the built-ins come this way too


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="urbangov")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Plugin configuration (default: $URBANGOV_CONFIG, else ./urbangov.toml).",
)
def cli(config_file: Path | None) -> None:
    """Plan, schedule and track how a government carries out its decisions."""
    if config_file is not None:
        from urbangov.config import load_config
        from urbangov.plugins import default_plugins

        default_plugins().configure(load_config(config_file))


def _one_line_warning(message: Warning | str, *_: object, **__: object) -> str:
    """A warning as a person reads it on the command line: no file, line or source."""
    return f"warning: {message}\n"


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the CLI; an :class:`UrbangovError` is printed as one line, exit status 2."""
    warnings.formatwarning = _one_line_warning
    try:
        cli.main(args=argv, prog_name="urbangov", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.format_message())  # `urbangov` alone: the help, not an error
        sys.exit(0)
    except click.UsageError as exc:
        # One line, like every other user error; the usage is one --help away.
        where = exc.ctx.command_path if exc.ctx is not None else "urbangov"
        click.echo(f"error: {exc.format_message()} (see '{where} --help')", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except UrbangovError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(0)
