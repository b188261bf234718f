"""A PostgreSQL tracking store for urbangov: ``--store postgresql://...``.

Many agencies report into one database that a server keeps, instead of one SQLite
file on one machine. The schema is created, and upgraded in place, when a store opens
a database; the password comes from the configuration's environment references::

    [plugins.postgres]
    password = { "$env" = "URBANGOV_PG_PASSWORD" }
    pool_max = 16
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl
from urbangov_postgres._store import (
    MIGRATIONS,
    PostgresSettings,
    PostgresStore,
    migrate,
    shown,
)

if TYPE_CHECKING:
    from urbangov.config import Config
    from urbangov.tracking import StoreBackend, TrackingStore

__all__ = [
    "MIGRATIONS",
    "PostgresSettings",
    "PostgresStore",
    "migrate",
    "shown",
    "urbangov_register_stores",
]

#: The plugin's table in the configuration file: ``[plugins.postgres]``.
NAME = "postgres"


@hookimpl
def urbangov_register_stores(register: Callable[[StoreBackend], None], config: Config) -> None:
    from urbangov.tracking import StoreBackend

    def open_store(location: str) -> TrackingStore:
        # Read when a store is opened: a run that never opens one needs no password.
        settings = config.plugin(NAME).structure(PostgresSettings)
        return PostgresStore(location, settings)

    for scheme in ("postgresql", "postgres"):
        register(StoreBackend(scheme, open_store, "PostgreSQL, one database many writers share"))
