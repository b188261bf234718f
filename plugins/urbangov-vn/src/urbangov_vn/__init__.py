"""Vietnam's administrative units as an urbangov hierarchy: ``--hierarchy vn``.

Every province, district and commune of the three-level state of 2025-01-01 to
2025-06-30 (63 provinces, 696 districts, 10,035 communes), every province and commune
of the two-level state from 2025-07-01 (34 provinces, 3,321 communes), and the reform
between them as events (provinces absorbed by the one whose code survives, districts
dissolved, communes merged whole or in part). Built by ``scripts/build_vn_hierarchy.py``
from vietnamadminunits 1.0.4 (MIT); the data starts on 2025-01-01.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib.resources import as_file, files
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl

if TYPE_CHECKING:
    from urbangov.hierarchy import Hierarchy, HierarchySource

__all__ = ["NAME", "national_hierarchy", "urbangov_register_hierarchies"]

#: The hierarchy's name: ``hierarchy = "vn"`` in a plan, ``--hierarchy vn``.
NAME = "vn"


@functools.cache
def national_hierarchy() -> Hierarchy:
    """Vietnam's units from 2025-01-01 (read once per process)."""
    from urbangov.io import load_hierarchy

    with as_file(files("urbangov_vn") / "data" / "hierarchy.json") as path:
        return load_hierarchy(path, trusted=True)  # checked when it was built


@hookimpl
def urbangov_register_hierarchies(register: Callable[[HierarchySource], None]) -> None:
    from urbangov.hierarchy import HierarchySource

    register(
        HierarchySource(
            NAME,
            national_hierarchy,
            "Vietnam: 63 provinces, 696 districts, 10,035 communes (2025-01-01 to 2025-06-30), "
            "then 34 provinces and 3,321 communes",
        )
    )
