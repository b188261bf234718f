"""Writing command output to standard output or a file."""

from __future__ import annotations

from pathlib import Path

import click

from urbangov.errors import OutputError


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` (UTF-8)."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from None
