"""Writing command output to standard output or a file."""

from __future__ import annotations

from pathlib import Path

import click

from urbangov.errors import OutputError

#: ``-o/--output FILE``: every command that writes a result takes it.
OUTPUT_OPTION = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)


#: ``--format table|json``: a table for a person, or the command's JSON contract.
FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: for a person; json: the machine contract.",
)


def emit(content: str | bytes, output: Path | None) -> None:
    """Print ``content``, or write it to ``output`` (text as UTF-8, bytes as they are)."""
    if output is None:
        click.echo(content, nl=False)
        return
    try:
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from None
