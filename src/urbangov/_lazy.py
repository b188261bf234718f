"""Package names that load their module on first use, so imports stay cheap."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, homes: Mapping[str, str], exported: Sequence[str], *, relative: bool = False
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__``: ``homes`` maps each name to the
    module that defines it (inside ``package`` when ``relative``); a name is imported
    once, then kept in the package."""
    namespace = sys.modules[package].__dict__

    def load(name: str) -> Any:
        module = homes.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        home = f"{package}.{module}" if relative else module
        value = getattr(importlib.import_module(home), name)
        namespace[name] = value
        return value

    def names() -> list[str]:
        return sorted(exported)

    return load, names
