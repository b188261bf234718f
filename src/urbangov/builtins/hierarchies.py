"""The hierarchies shipped with urbangov, registered like a plugin's (``hcmc``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl

if TYPE_CHECKING:
    from urbangov.hierarchy import HierarchySource

_DESCRIPTIONS = {
    "hcmc": "Ho Chi Minh City 2021-2025 and after the 2025 reform (MIT sources)",
}


@hookimpl
def urbangov_register_hierarchies(register: Callable[[HierarchySource], None]) -> None:
    from urbangov.hierarchy import HierarchySource
    from urbangov.io._hierarchy_file import SHIPPED, shipped_hierarchy

    for name in SHIPPED:
        load = functools.partial(shipped_hierarchy, name)
        register(HierarchySource(name, load, _DESCRIPTIONS.get(name, "")))
