"""``urbangov plugins``: what is installed, and what each plugin provides."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from urbangov.cli._output import FORMAT_OPTION, emit

if TYPE_CHECKING:
    from urbangov.plugins import Plugins


@click.command("plugins")
@click.option("--all", "show_all", is_flag=True, help="Include urbangov's built-in plugins.")
@FORMAT_OPTION
def plugins_command(show_all: bool, fmt: str) -> None:
    """List the plugins: name, version, hooks and what each registers."""
    from urbangov.cli._table import render_table
    from urbangov.plugins import default_plugins

    plugins = default_plugins()
    owners = _owners(plugins)
    shown = [info for info in plugins.info() if show_all or not info.builtin]
    if fmt == "json":
        rows = [
            {
                "name": info.name,
                "version": info.version,
                "builtin": info.builtin,
                "hooks": list(info.hooks),
                "registers": owners.get(info.name, []),
            }
            for info in shown
        ]
        emit(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", None)
        return
    if not shown:
        emit("no plugins installed (`urbangov plugins --all` lists the built-ins)\n", None)
        return
    table = [
        [info.name, info.version or "", ", ".join(info.hooks), ", ".join(owners.get(info.name, []))]
        for info in shown
    ]
    emit(render_table(["name", "version", "hooks", "registers"], table, right=set()), None)


def _owners(plugins: Plugins) -> dict[str, list[str]]:
    """``plugin name -> ["reporter:json", "calendar:vn", "store:sqlite", ...]``."""
    out: dict[str, list[str]] = {}
    kinds = (
        ("reporter", plugins.reporters()),
        ("calendar", plugins.calendars()),
        ("organ rule set", plugins.organ_rules()),
        ("store", plugins.stores()),
        ("hierarchy", plugins.hierarchies()),
        ("notifier", plugins.notifiers()),
        ("plan reader", plugins.plan_readers()),
    )
    for kind, found in kinds:
        for name in found:
            out.setdefault(plugins.owner(kind, name), []).append(f"{kind}:{name}")
    return out
