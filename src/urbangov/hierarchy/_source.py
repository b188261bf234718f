"""A named hierarchy a plugin provides: another province, another country, a live registry."""

from __future__ import annotations

from collections.abc import Callable
from typing import final

import attrs

from urbangov.hierarchy._hierarchy import Hierarchy

__all__ = ["HierarchySource"]


@final
@attrs.frozen
class HierarchySource:
    """How to get the hierarchy called ``name`` (``hierarchy = "NAME"`` in a plan file,
    ``--hierarchy NAME`` on the command line). ``load`` is called only when the
    hierarchy is needed, and may read files, a package's data or a service.

    >>> from urbangov.io import shipped_hierarchy
    >>> HierarchySource("hcmc", lambda: shipped_hierarchy("hcmc")).load().unit("hcmc").latest_name
    'Thành phố Hồ Chí Minh'
    """

    name: str
    load: Callable[[], Hierarchy]
    description: str = ""
