"""urbangov's own plan file formats, through the plugin hook: TOML, JSON and YAML, and
MS Project XML (MSPDI)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from urbangov.io import PlanReader
from urbangov.plugins import hookimpl

if TYPE_CHECKING:
    from urbangov.hierarchy import Hierarchy
    from urbangov.plan import Plan


def _load(path: Path, hierarchy: Hierarchy | None) -> Plan:
    from urbangov.io._plan_file import load_plan_file

    return load_plan_file(path, hierarchy=hierarchy)


def _load_mspdi(path: Path, hierarchy: Hierarchy | None, *, round_durations: bool = False) -> Plan:
    from urbangov.io._mspdi import load_mspdi

    return load_mspdi(path, hierarchy, round_durations=round_durations)


def _sniff_mspdi(head: bytes) -> bool:
    from urbangov.io._mspdi import looks_like_mspdi

    return looks_like_mspdi(head)


@hookimpl
def urbangov_register_plan_readers(register: Callable[[PlanReader], None]) -> None:
    register(PlanReader("toml", "A plan file in TOML (the reference format)", (".toml",), _load))
    register(PlanReader("json", "A plan file in JSON", (".json",), _load))
    register(PlanReader("yaml", "A plan file in YAML", (".yaml", ".yml"), _load))
    register(
        PlanReader(
            "mspdi",
            "MS Project XML (MSPDI): MS Project, ProjectLibre, GanttProject, MPXJ",
            (".xml",),
            _load_mspdi,
            sniff=_sniff_mspdi,
            options=("round_durations",),
        )
    )
