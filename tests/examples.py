"""The shipped examples, copied once per test run into a folder of their own.

A user who follows the README imports progress into ``plan.tracking.sqlite`` beside
the example, and every command then reads it. Tests read this pristine copy, so that
what was done in the checkout cannot change what they see.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pristine_copy() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="urbangov-examples-"))
    atexit.register(shutil.rmtree, folder, True)
    ignore = shutil.ignore_patterns("*.sqlite", "*.sqlite-*", "__pycache__", "*.xlsx", "*.html")
    shutil.copytree(ROOT / "examples", folder / "examples", ignore=ignore)
    return folder / "examples"


EXAMPLES = _pristine_copy()
HCMC_DIR = EXAMPLES / "hcmc-2021"
HCMC_PLAN = HCMC_DIR / "plan.toml"
