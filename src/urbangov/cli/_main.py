"""The command group, and how user errors become one line and exit status 2."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import NoReturn

import click

from urbangov.errors import UrbangovError

__all__ = ["cli", "main"]

#: Exit status for bad input: the same as click's usage errors.
EXIT_BAD_INPUT = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    from urbangov.plugins import default_plugins

    warnings.formatwarning = _one_line_warning
    try:
        default_plugins().register_commands(cli)  # the built-in commands come this way too
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
