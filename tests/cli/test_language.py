"""One language per run: what a command prints for people follows the plan's ``lang``
(or ``--lang``), and a Vietnamese run prints no English phrase of any catalogue."""

from __future__ import annotations

import re
import shutil
import string
from collections.abc import Callable
from pathlib import Path

import pytest

# Every catalogue is made on import.
import urbangov.cli._words
import urbangov.notify._words  # noqa: F401
from tests.cli.conftest import Done
from tests.examples import HCMC_DIR
from urbangov._words import CATALOGUES


def _fragments(text: str) -> list[str]:
    """The fixed parts of a phrase (between its placeholders) worth looking for."""
    parts = [literal for literal, *_ in string.Formatter().parse(text)]
    return [p.strip(" :;,.()") for p in parts if len(p.strip(" :;,.()")) >= 5]


def _english_only() -> dict[str, str]:
    """English fragments (by where they come from) that their Vietnamese does not share."""
    out = {}
    for catalogue in CATALOGUES:
        for key, (vi, en) in catalogue.entries.items():
            for fragment in _fragments(en):
                if fragment not in vi and re.search(r"[a-z]{3}", fragment):
                    out[fragment] = f"{catalogue.name}:{key}"
    return out


def test_every_phrase_has_both_languages() -> None:
    assert {c.name for c in CATALOGUES} >= {"cli", "notify"}
    for catalogue in CATALOGUES:
        for key, (vi, en) in catalogue.entries.items():
            assert vi.strip(), f"{catalogue.name}:{key}"
            assert en.strip(), f"{catalogue.name}:{key}"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    for name in ("plan.toml", "organisation.toml", "progress-2021-06-14.csv"):
        shutil.copy(HCMC_DIR / name, tmp_path / name)
    return tmp_path / "plan.toml"


COMMANDS = [
    ("schedule", "{plan}"),
    ("schedule", "{plan}", "--expand"),
    ("status", "{plan}", "--progress", "{progress}"),
    ("status", "{plan}", "--progress", "{progress}", "--by", "unit", "--period", "2021-06"),
    ("check", "{plan}"),
    ("units", "Thủ Đức", "--as-of", "2021-07-01", "--organisation", "{organisation}"),
    ("lineage", "hcmc/binh-thanh/phuong-21"),
    ("notify", "{plan}", "--progress", "{progress}", "--dry-run", "--ledger", "{ledger}"),
    ("meetings", "{plan}", "--to", "2021-07-31", "--progress", "{progress}"),
    ("progress", "{plan}", "--import", "{progress}", "--store", "{store}"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:1] + c[2:3]))
def test_a_vietnamese_run_prints_no_english_phrase(
    urbangov: Callable[..., Done], example: Path, command: tuple[str, ...]
) -> None:
    folder = example.parent
    values = {
        "plan": str(example),
        "progress": str(folder / "progress-2021-06-14.csv"),
        "organisation": str(folder / "organisation.toml"),
        "ledger": str(folder / "ledger.sqlite"),
        "store": str(folder / "store.sqlite"),
    }
    args = [part.format(**values) for part in command]
    done = urbangov(*args)
    assert done.code in (0, 1), done.err  # check exits 1 when it finds something
    shown = done.out + "".join(line for line in done.err.splitlines() if "error" not in line)
    assert shown.strip()
    english = _english_only()
    leaked = {fragment: where for fragment, where in english.items() if _said(fragment, shown)}
    assert not leaked, f"English in a Vietnamese run of {args[0]}: {leaked}"
    english_run = urbangov(*args, "--lang", "en")
    assert english_run.code in (0, 1), english_run.err
    assert any(_said(fragment, english_run.out + english_run.err) for fragment in english)


def _said(fragment: str, text: str) -> bool:
    """``fragment`` in ``text`` as words, not inside an id (``hcmc/x/chair``)."""
    return re.search(rf"(?<![\w/_-]){re.escape(fragment)}(?![\w/_-])", text) is not None
