"""The ``urbangov`` command: a thin face over the library."""

from urbangov.cli._main import cli, main

__all__ = ["cli", "main"]
