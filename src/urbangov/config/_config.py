"""The configuration file: one table per plugin, values or ``$env`` references."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final, TypeVar, cast, final

import attrs

from urbangov.config._secret import Secret
from urbangov.config._values import EnvRef, find_refs, plugin_converter, resolve
from urbangov.errors import ConfigError

__all__ = [
    "CONFIG_ENV",
    "DEFAULT_CONFIG_FILE",
    "Config",
    "PluginConfig",
    "config_from_dict",
    "load_config",
]

#: The environment variable naming the configuration file.
CONFIG_ENV: Final = "URBANGOV_CONFIG"
#: The file read from the working directory when neither ``--config`` nor
#: ``URBANGOV_CONFIG`` names one.
DEFAULT_CONFIG_FILE: Final = "urbangov.toml"
#: Top-level tables urbangov itself reads, besides ``[plugins.NAME]``:
#: ``[notify]``, the notification rules (see :mod:`urbangov.notify`).
SECTIONS: Final = ("notify",)

T = TypeVar("T")


@final
@attrs.frozen
class PluginConfig:
    """One plugin's table (or a table inside it), with references resolved on access.

    Read values with ``table["key"]`` / ``table.get("key")`` (a value from the
    environment comes back as a :class:`Secret`), or, better, structure the whole table
    into the plugin's own attrs class with :meth:`structure`.
    """

    #: Where the table is in the file: ``plugins.<name>`` (or deeper).
    path: str
    data: Mapping[str, object] = attrs.field(repr=False)
    #: The file it came from.
    source: str | None = None
    #: Where ``$env`` is looked up; ``None``: ``os.environ`` when a value is read.
    environ: Mapping[str, str] | None = attrs.field(default=None, repr=False, eq=False)

    def __getitem__(self, key: str) -> object:
        return self._value(self.data[key], f"{self.path}.{key}")

    def get(self, key: str, default: object = None) -> object:
        """The value of ``key``, or ``default`` when the table does not have it."""
        return self[key] if key in self.data else default

    def __contains__(self, key: object) -> bool:
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def structure(self, shape: type[T]) -> T:
        """The table as ``shape`` (an attrs class): unknown keys and wrong types are
        errors that name their key path; a field typed :class:`Secret` must come from
        the environment; ``$env`` values may also fill ``str`` and ``int`` fields.

        Raises:
            ConfigError: every problem at once, the first in the message.
        """
        from urbangov.io._structure import structure

        data = resolve(self.data, self._environ())
        try:
            return structure(
                plugin_converter(),
                data,
                shape,
                source=self.source,
                error=ConfigError,
                what="configuration",
            )
        except ConfigError as exc:
            raise self._relocated(exc) from None

    def _relocated(self, exc: ConfigError) -> ConfigError:
        """``exc`` with its key paths below this table's path."""
        problems = [(self._below(where), message) for where, message in exc.problems]
        where, _ = problems[0]
        found = ConfigError(exc.reason, path=self.source, location=where)
        found.problems = problems
        return found

    def _below(self, where: str) -> str:
        return self.path if where in ("", "(top level)") else f"{self.path}.{where}"

    def _value(self, value: object, where: str) -> object:
        if isinstance(value, EnvRef):
            found = self._environ().get(value.variable)
            if found is None:
                message = f"the environment variable {value.variable!r} is not set"
                raise ConfigError(message, path=self.source, location=where)
            return Secret(found, variable=value.variable)
        if isinstance(value, Mapping):
            return attrs.evolve(self, path=where, data=value)
        if isinstance(value, list):
            return tuple(self._value(item, f"{where}[{i}]") for i, item in enumerate(value))
        return value

    def _environ(self) -> Mapping[str, str]:
        return os.environ if self.environ is None else self.environ


@final
@attrs.frozen
class Config:
    """The configuration of a run: a table per plugin, by the plugin's name.

    A plugin's name is the one ``urbangov plugins`` lists (its entry-point name).
    """

    #: Every plugin's table as written, ``$env`` references not yet looked up.
    plugins: Mapping[str, Mapping[str, object]] = attrs.field(factory=dict, repr=False)
    #: The file it was read from; ``None`` when there is none.
    source: str | None = None
    #: Where ``$env`` is looked up; ``None``: ``os.environ`` when a value is read.
    environ: Mapping[str, str] | None = attrs.field(default=None, repr=False, eq=False)
    #: urbangov's own top-level tables (:data:`SECTIONS`), as written.
    sections: Mapping[str, Mapping[str, object]] = attrs.field(factory=dict, repr=False)

    def plugin(self, name: str) -> PluginConfig:
        """The table ``[plugins.<name>]``; empty when the file has none."""
        return PluginConfig(
            f"plugins.{name}", self.plugins.get(name, {}), self.source, self.environ
        )

    def section(self, name: str) -> PluginConfig:
        """urbangov's own top-level table ``[<name>]`` (``notify``); empty when absent."""
        return PluginConfig(name, self.sections.get(name, {}), self.source, self.environ)


def config_from_dict(
    data: Mapping[str, Any],
    *,
    source: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """A configuration from decoded data (``tomllib.loads(...)``); ``source`` names the
    file in errors, ``environ`` replaces ``os.environ`` (for tests).

    >>> config = config_from_dict(
    ...     {"plugins": {"webhook": {"token": {"$env": "HOOK_TOKEN"}}}},
    ...     environ={"HOOK_TOKEN": "s3cret"},
    ... )
    >>> config.plugin("webhook")["token"]
    Secret('***')

    Raises:
        ConfigError: every problem of shape or of a malformed ``$env`` reference at
            once, the first in the message.
    """
    problems: list[tuple[str, str]] = []
    tables: dict[str, Mapping[str, object]] = {}
    sections: dict[str, Mapping[str, object]] = {}
    for key in data:
        if key in SECTIONS:
            table = data[key]
            if not isinstance(table, Mapping):
                problems.append((key, f"expected a table, got {_show(table)}"))
                continue
            found = find_refs(table, key, problems)
            sections[key] = cast("Mapping[str, object]", found)
        elif key != "plugins":
            known = ", ".join(f"[{name}]" for name in SECTIONS)
            problems.append(
                ("(top level)", f"unknown key {key!r} (a file has [plugins.NAME] and {known})")
            )
    plugins = data.get("plugins", {})
    if not isinstance(plugins, Mapping):
        problems.append(("plugins", f"expected a table, got {_show(plugins)}"))
        plugins = {}
    for name, table in plugins.items():
        if not isinstance(table, Mapping):
            problems.append((f"plugins.{name}", f"expected a table, got {_show(table)}"))
            continue
        found = find_refs(table, f"plugins.{name}", problems)
        tables[str(name)] = cast("Mapping[str, object]", found)  # a table stays a table
    if problems:
        where, message = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        error = ConfigError(message + more, path=source, location=where)
        error.problems = problems
        raise error
    return Config(tables, source, environ, sections)


def _show(value: object) -> str:
    """What a misplaced value is, never the value: it may be a password."""
    if isinstance(value, list):
        return "a list"
    return "text" if isinstance(value, str) else type(value).__name__


def load_config(
    path: str | os.PathLike[str] | None = None, *, environ: Mapping[str, str] | None = None
) -> Config:
    """The configuration in ``path``; without one, the file named by
    ``URBANGOV_CONFIG``, else ``urbangov.toml`` in the working directory, else none.

    A file that is named (by ``path`` or the variable) must exist; the default one
    may be absent. TOML, JSON and YAML files are read alike.

    Raises:
        ConfigError: the file is missing, unreadable or wrong, saying where.
    """
    env = os.environ if environ is None else environ
    if path is None and env.get(CONFIG_ENV):
        path = env[CONFIG_ENV]
    if path is None:
        if not Path(DEFAULT_CONFIG_FILE).is_file():
            return Config(environ=environ)
        path = DEFAULT_CONFIG_FILE
    from urbangov.io._structure import decode, read

    text, fmt = read(Path(path), error=ConfigError, what="configuration")
    data = decode(text, fmt, source=str(path), error=ConfigError)
    if not isinstance(data, Mapping):
        raise ConfigError("a configuration file holds a table at the top level", path=str(path))
    return config_from_dict(data, source=str(path), environ=environ)
