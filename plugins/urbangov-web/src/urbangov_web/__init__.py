"""A web page for urbangov: ``urbangov serve PLAN --store LOCATION --accounts FILE``.

Agencies sign in and report progress through a form; everyone signed in follows the
status and the Gantt chart, live from the tracking store (SQLite or PostgreSQL). The
form and the JSON API are checked by the same code as ``urbangov progress``, and by
the reporting policy when the plan names its organisation: a ward reports only on
its own tasks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl
from urbangov_web._accounts import Account, Accounts, hash_secret, load_accounts
from urbangov_web._app import create_app, load_site_files

if TYPE_CHECKING:
    import click

__all__ = [
    "Account",
    "Accounts",
    "create_app",
    "hash_secret",
    "load_accounts",
    "load_site_files",
    "urbangov_register_commands",
]


@hookimpl
def urbangov_register_commands(cli: click.Group) -> None:
    from urbangov_web._commands import serve_command, web_hash_command

    cli.add_command(serve_command)
    cli.add_command(web_hash_command)
