"""Run MPXJ's ``MicrosoftScheduler`` (MS Project's CPM, re-implemented in Java) as a test oracle.

The JVM runs in a subprocess (``mpxj_runner.py``), because a JVM can be started only once per
Python process; ``run_mpxj`` sends a whole batch of cases to one subprocess. See
``mpxj_runner.py`` for the case and result formats.
"""

from __future__ import annotations

import functools
import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

RUNNER = Path(__file__).with_name("mpxj_runner.py")


@functools.cache
def mpxj_available() -> bool:
    """True if ``java`` is on PATH and ``mpxj`` and ``jpype`` import (no JVM is started)."""
    if shutil.which("java") is None:
        return False
    try:
        importlib.import_module("jpype")
        importlib.import_module("mpxj")  # only adds jars to the class path
    except Exception:
        return False
    return True


def run_mpxj(cases: list[dict[str, Any]], timeout: float = 600.0) -> list[dict[str, Any]]:
    """Schedule ``cases`` with MPXJ in one subprocess; one result per case, same order.

    A case MPXJ rejects (e.g. a link cycle) gives ``{"tasks": None, "error": "<class>: <msg>"}``;
    a crash of the runner itself raises ``RuntimeError`` with its stderr.
    """
    if not cases:
        return []
    proc = subprocess.run(
        [sys.executable, str(RUNNER)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"mpxj_runner failed (exit {proc.returncode}):\n{proc.stderr}")
    results: list[dict[str, Any]] = json.loads(proc.stdout)
    if len(results) != len(cases):
        raise RuntimeError(f"mpxj_runner returned {len(results)} results for {len(cases)} cases")
    return results
