"""The built-in tracking store: SQLite, one file (``--store PATH`` or ``sqlite:PATH``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl

if TYPE_CHECKING:
    from urbangov.tracking import StoreBackend


@hookimpl
def urbangov_register_stores(register: Callable[[StoreBackend], None]) -> None:
    from urbangov.tracking import StoreBackend
    from urbangov.tracking._sqlite import open_sqlite

    register(StoreBackend("sqlite", open_sqlite, "SQLite, one file (the default)"))
