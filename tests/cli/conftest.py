"""The command line as a user types it, run in-process in a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from urbangov.cli._main import main


@attrs.frozen
class Done:
    """What a command did: its exit status and what it printed."""

    code: int
    out: str
    err: str


@pytest.fixture
def urbangov(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., Done]:
    """``urbangov ARGS`` through the CLI's entry point, in ``tmp_path``."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str | Path) -> Done:
        capsys.readouterr()
        with pytest.raises(SystemExit) as info:
            main([str(a) for a in args])
        out, err = capsys.readouterr()
        code = info.value.code
        return Done(code if isinstance(code, int) else 1, out, err)

    return run
