"""Where command output goes: standard output, a file, never a terminal for bytes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from urbangov.cli._output import emit
from urbangov.errors import OutputError, UrbangovError


def test_bytes_are_not_printed_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(OutputError, match=r"binary .* -o FILE") as caught:
        emit(b"PK\x03\x04", None)
    assert isinstance(caught.value, UrbangovError)


def test_readable_bytes_are_printed_to_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    emit("<Project>Kế hoạch</Project>".encode(), None, readable=True)  # MSPDI is bytes
    assert capsysbinary.readouterr().out.decode() == "<Project>Kế hoạch</Project>"


@pytest.mark.parametrize(
    ("media_type", "readable"),
    [
        ("application/xml", True),
        ("text/calendar; charset=utf-8", True),
        ("application/ld+json", True),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
        ("application/pdf", False),
    ],
)
def test_a_format_is_readable_when_its_media_type_is_text(media_type: str, readable: bool) -> None:
    from urbangov.cli._report import _readable
    from urbangov.reporting import Reporter

    reporter = Reporter("x", "X", ".x", media_type, lambda schedule, options: b"")
    assert _readable(reporter) is readable


def test_bytes_go_to_a_pipe(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    emit(b"PK\x03\x04", None)
    assert capsysbinary.readouterr().out == b"PK\x03\x04"


def test_dash_is_standard_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    emit("hello\n", Path("-"))
    assert capsys.readouterr().out == "hello\n"
    assert not (tmp_path / "-").exists()
