"""A throwaway PostgreSQL server for tests: ``initdb`` and ``pg_ctl`` in a temporary
folder, listening on a Unix socket there and on 127.0.0.1, gone afterwards.

>>> from urbangov_postgres.testing import server_tools
>>> server_tools() is None or server_tools().name == "bin"
True
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, final

import attrs

__all__ = ["Server", "server_tools", "throwaway_server"]

#: The role the tests connect as; its password works over TCP (scram-sha-256).
ROLE: Final = "urbangov"
PASSWORD: Final = "throwaway-secret"


def server_tools() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl``: on ``PATH``, or where Debian's
    ``postgresql`` package puts them (``/usr/lib/postgresql/N/bin``, not on ``PATH``)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return versions[0].parent if versions else None


@final
@attrs.frozen
class Server:
    """A running throwaway server."""

    socket_dir: Path
    port: int

    def location(self, database: str = "postgres") -> str:
        """A store location on the Unix socket (no password needed there)."""
        return f"postgresql://{ROLE}@/{database}?host={self.socket_dir}&port={self.port}"

    def tcp_location(self, database: str = "postgres") -> str:
        """A store location on 127.0.0.1, where the password is asked for."""
        return f"postgresql://{ROLE}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its location."""
        import psycopg

        with psycopg.connect(self.location(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.location(name)


@contextmanager
def throwaway_server() -> Iterator[Server]:
    """Start a server in a new temporary folder, stop it and remove the folder after.

    initdb refuses to run as root: as root, the server runs as the ``postgres``
    user Debian's package creates. fsync is off: the tests kill clients, not the
    server.

    Raises:
        RuntimeError: the tools are missing, or the server did not start (its log).
    """
    tools = server_tools()
    if tools is None:
        raise RuntimeError("PostgreSQL's initdb and pg_ctl are not installed")
    # A short path: a Unix socket's path is limited to about 100 bytes.
    folder = Path(tempfile.mkdtemp(prefix="ugpg-"))
    as_user = _as_server_user(folder)
    data, log = folder / "data", folder / "server.log"
    password_file = folder / "password"
    password_file.write_text(PASSWORD, encoding="utf-8")
    port = _free_port()
    try:
        _run(
            [
                *as_user,
                *(str(tools / "initdb"), "-D", str(data), "-U", ROLE, "-E", "UTF8"),
                *("--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256"),
                f"--pwfile={password_file}",
            ]
        )
        options = f"-k {folder} -h 127.0.0.1 -p {port} -F -c max_connections=200"
        ctl = [*as_user, str(tools / "pg_ctl"), "-D", str(data)]
        _run([*ctl, "-l", str(log), "-w", "-o", options, "start"], log)
        try:
            yield Server(folder, port)
        finally:
            subprocess.run([*ctl, "-m", "immediate", "stop"], capture_output=True, check=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _as_server_user(folder: Path) -> list[str]:
    if os.geteuid() != 0:
        return []
    import pwd

    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError(
            "running as root, and there is no 'postgres' user for the server"
        ) from None
    os.chown(folder, user.pw_uid, user.pw_gid)
    return ["runuser", "-u", "postgres", "--"]


def _run(args: list[str], log: Path | None = None) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        told = log.read_text(errors="replace") if log is not None and log.exists() else ""
        raise RuntimeError(f"{' '.join(args[:3])} failed:\n{done.stdout}{done.stderr}{told}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
