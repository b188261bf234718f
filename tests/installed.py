"""Installing a plugin package the way a user would, without changing this environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command; a failure shows its output."""
    done = subprocess.run(list(args), capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done


def install(package: Path, site: Path) -> dict[str, str]:
    """pip-install ``package`` into the folder ``site``; the environment that sees it.

    ``--no-build-isolation`` builds with the hatchling of the test extras (no PyPI);
    ``--no-deps``: urbangov and the plugin's dependencies are already here.
    """
    run(
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--target",
        str(site),
        str(package),
    )
    return os.environ | {"PYTHONPATH": os.pathsep.join([str(site), *sys.path])}


def urbangov(*args: str, env: dict[str, str]) -> str:
    """``urbangov ARGS`` in ``env``; its standard output."""
    return run(sys.executable, "-m", "urbangov", *args, env=env).stdout


def pytest_in(folder: Path, env: dict[str, str]) -> str:
    """A plugin package's own tests, run in ``env``; pytest's summary."""
    return run(
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder), env=env
    ).stdout
