"""A throwaway PostgreSQL server for the session, and a new database per test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest
from urbangov_postgres.testing import Server, server_tools, throwaway_server

_numbers = itertools.count()


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    if server_tools() is None:
        reason = "PostgreSQL is not installed (apt-get install postgresql)"
        if os.environ.get("URBANGOV_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{reason}, and URBANGOV_REQUIRE_TOOLS=1 says it must be")
        pytest.skip(reason)
    with throwaway_server() as running:
        yield running


@pytest.fixture
def database(server: Server) -> str:
    """The location of a new, empty database."""
    return server.create_database(f"test_{os.getpid()}_{next(_numbers)}")
