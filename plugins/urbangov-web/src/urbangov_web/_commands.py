"""``urbangov serve`` and ``urbangov web-hash``: thin faces over the app."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import click

__all__ = ["serve_command", "web_hash_command"]


@click.command("serve")
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--store",
    "store_location",
    metavar="LOCATION",
    help="The tracking store (default: PLAN's name + .tracking.sqlite); postgresql://... "
    "with the urbangov-postgres plugin.",
)
@click.option(
    "--accounts",
    "accounts_file",
    required=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Who may sign in: [[accounts]] with id, acts_as and argon2 hashes (web-hash).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
def serve_command(
    plan_file: Path, store_location: str | None, accounts_file: Path, host: str, port: int
) -> None:
    """Serve the plan's status, Gantt chart and progress form on the web.

    The session cookie is signed with URBANGOV_WEB_SECRET when it is set (else a
    random key: sessions end when the server stops).
    """
    import uvicorn

    from urbangov.plugins import default_plugins
    from urbangov_web._accounts import load_accounts
    from urbangov_web._app import create_app, load_site_files

    plan, organisation = load_site_files(plan_file)
    accounts = load_accounts(accounts_file)
    location = store_location or str(plan_file.with_name(f"{plan_file.stem}.tracking.sqlite"))
    store = default_plugins().open_store(location)
    app = create_app(
        plan,
        store,
        accounts,
        organisation=organisation,
        secret_key=os.environ.get("URBANGOV_WEB_SECRET"),
    )
    try:
        listening = _listening(host, port)
        click.echo(f"urbangov: serving {plan.id} on http://{host}:{port}/ (Ctrl+C stops)", err=True)
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listening])
    finally:
        store.close()


def _listening(host: str, port: int) -> socket.socket:
    """The server's socket, bound here so that an address in use is a one-line error
    (exit status 2) before anything claims to serve."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    found = socket.socket(family, socket.SOCK_STREAM)
    found.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        found.bind((host, port))
    except OSError as exc:
        found.close()
        raise click.BadParameter(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}", param_hint="'--port'"
        ) from None
    return found


@click.command("web-hash")
@click.password_option("--secret", prompt="Password or token", help="Read from a prompt.")
def web_hash_command(secret: str) -> None:
    """Print the argon2 hash of a password or an API token, for the accounts file."""
    from urbangov_web._accounts import hash_secret

    click.echo(hash_secret(secret))
