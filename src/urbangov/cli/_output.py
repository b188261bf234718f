"""Writing command output to standard output or a file."""

from __future__ import annotations

import sys
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


def emit(content: str | bytes, output: Path | None, *, readable: bool = False) -> None:
    """Print ``content``, or write it to ``output`` (text as UTF-8, bytes as they are).

    ``-o -`` is standard output. Bytes (a workbook, a PDF) are not printed to a
    terminal unless they are ``readable`` (encoded text, such as XML), and no command
    writes over one of its own inputs (the plan, a progress file, the store).
    """
    if output is not None and str(output) == "-":
        output = None
    if output is None:
        if isinstance(content, bytes) and not readable and sys.stdout.isatty():
            raise OutputError(
                "this format is binary and would garble the terminal: "
                "write it to a file with -o FILE (or pipe it)"
            )
        click.echo(content, nl=False)
        return
    clash = _input_named(output)
    if clash is not None:
        raise OutputError(f"{output}: is this command's input ({clash}); choose another -o file")
    try:
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from None


_LABELS = {"plan_file": "PLAN", "progress_files": "--progress", "store_location": "the store"}


def _input_named(output: Path) -> str | None:
    """Which input of the running command ``output`` is, if any: a file argument or
    option (the plan, progress files), or the tracking store it reads."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return None
    candidates: list[tuple[str, Path]] = []
    for name, value in ctx.params.items():
        if name == "output" or value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        candidates += [(name, Path(v)) for v in values if isinstance(v, Path)]
    plan_file = ctx.params.get("plan_file")
    store = ctx.params.get("store_location")
    if isinstance(store, str) and "://" not in store:
        candidates.append(("store_location", Path(store)))
    elif isinstance(plan_file, Path):
        from urbangov.cli._records import default_store

        candidates.append(("store_location", default_store(plan_file)))
    target = _same_file_key(output)
    for name, path in candidates:
        if _same_file_key(path) == target:
            return _LABELS.get(name, "--" + name.replace("_", "-"))
    return None


def _same_file_key(path: Path) -> tuple[int, int] | Path:
    """What makes two paths one file: device and inode when it exists, else the
    resolved path."""
    try:
        found = path.stat()
    except OSError:
        return path.resolve()
    return (found.st_dev, found.st_ino)
