"""Finding plugins, and asking them for what they provide: the typed face of pluggy.

Nothing else in urbangov calls ``pm.hook`` directly. :func:`default_plugins` is built
on first use (never at import): urbangov's built-ins, then every installed package
in the ``urbangov`` entry-point group, then the modules named in ``URBANGOV_PLUGINS``.

Environment variables:

``URBANGOV_DISABLE_PLUGINS``
    Comma-separated plugin names not to load (built-ins included).
``URBANGOV_PLUGINS``
    Comma-separated module names to load as plugins as well.
``URBANGOV_STRICT_PLUGINS``
    ``1``: a plugin that fails to load is an error, not a warning.
``URBANGOV_TRACE_PLUGINS``
    ``1``: one line on stderr per hook call: the plugins that ran, how long it took.
``URBANGOV_CONFIG``
    The configuration file plugins receive (default ``urbangov.toml``), see
    :mod:`urbangov.config`.
"""

from __future__ import annotations

import functools
import importlib
import os
import warnings
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final, final

import attrs
import pluggy

from urbangov import hookspecs
from urbangov._plugin_trace import TRACE_ENV, trace_hook_calls
from urbangov.errors import (
    NotifyError,
    PluginError,
    StoreError,
    UnknownFormatError,
    UrbangovError,
)

if TYPE_CHECKING:
    import click

    from urbangov.calendar import WorkCalendar
    from urbangov.config import Config
    from urbangov.hierarchy import HierarchySource, OrganRule, OrganRuleSet
    from urbangov.io import PlanReader
    from urbangov.notify import Notifier
    from urbangov.reporting import Reporter, ReportOptions
    from urbangov.scheduling import Schedule
    from urbangov.tracking import StoreBackend, TrackingStore

__all__ = [
    "BUILTIN_PLUGINS",
    "ENTRY_POINT_GROUP",
    "PluginInfo",
    "Plugins",
    "default_plugins",
    "hookimpl",
]

#: Marks a plugin's hook implementations.
hookimpl = pluggy.HookimplMarker("urbangov")

ENTRY_POINT_GROUP: Final = "urbangov"

#: urbangov's own plugins: they use the same hooks a third-party plugin would.
BUILTIN_PLUGINS: Final = (
    "urbangov.builtins.calendars",
    "urbangov.builtins.commands",
    "urbangov.builtins.reporters",
    "urbangov.builtins.mermaid",
    "urbangov.builtins.ics",
    "urbangov.builtins.gantt_html",
    "urbangov.builtins.status_report",
    "urbangov.builtins.organ_rules",
    "urbangov.builtins.stores",
    "urbangov.builtins.notifiers",
    "urbangov.builtins.hierarchies",
    "urbangov.builtins.plan_readers",
    "urbangov.builtins.mspdi",
    "urbangov.builtins.risk_html",
)


@final
@attrs.frozen
class PluginInfo:
    """What ``urbangov plugins`` shows about one plugin."""

    name: str
    version: str | None
    builtin: bool
    hooks: tuple[str, ...]


@final
class Plugins:
    """The plugins of one run, and what they register.

    >>> plugins = Plugins(entry_points=False)
    >>> {"csv", "json", "mermaid"} <= set(plugins.reporters())
    True
    """

    def __init__(
        self,
        *,
        builtins: bool = True,
        entry_points: bool = True,
        extra: Iterable[object] = (),
        strict: bool | None = None,
        config: Config | None = None,
        trace: bool | None = None,
    ) -> None:
        self.manager = pluggy.PluginManager("urbangov")
        self.manager.add_hookspecs(hookspecs)
        self._config = config
        if os.environ.get(TRACE_ENV) == "1" if trace is None else trace:
            trace_hook_calls(self.manager)
        self.strict = os.environ.get("URBANGOV_STRICT_PLUGINS") == "1" if strict is None else strict
        self._versions: dict[str, str | None] = {}
        self._builtin: set[str] = set()
        for blocked in _names(os.environ.get("URBANGOV_DISABLE_PLUGINS", "")):
            self.manager.set_blocked(blocked)
        if builtins:
            for module in BUILTIN_PLUGINS:
                self._load_module(module)
                self._builtin.add(module)
        if entry_points:
            self._load_entry_points()
        for module in _names(os.environ.get("URBANGOV_PLUGINS", "")):
            self._guarded(module, functools.partial(self._load_module, module))
        for plugin in extra:
            self._register(plugin, None)
        self.manager.check_pending()
        self._reporters: dict[str, Reporter] | None = None
        self._calendars: dict[str, WorkCalendar] | None = None
        self._organ_rules: dict[str, OrganRuleSet] | None = None
        self._owners: dict[tuple[str, str], str] = {}
        self._stores: dict[str, StoreBackend] | None = None
        self._hierarchies: dict[str, HierarchySource] | None = None
        self._plan_readers: dict[str, PlanReader] | None = None
        self._notifiers: dict[str, Notifier] | None = None

    # -- loading ----------------------------------------------------------------------

    def _register(self, plugin: object, name: str | None) -> None:
        if name is not None and self.manager.is_blocked(name):
            return
        try:
            registered = self.manager.register(plugin, name=name)
        except ValueError as exc:  # pluggy: the name or the object is already there
            raise PluginError(f"plugin {name!r} cannot be registered: {exc}", plugin=name) from None
        if registered is None:
            return
        unknown = sorted(
            caller.name
            for caller in self.manager.get_hookcallers(plugin) or ()
            if caller.spec is None
        )
        if unknown:  # a misspelt hook would never be called: say so, and keep the rest
            self.manager.unregister(plugin)
            raise PluginError(
                f"plugin {registered!r} implements unknown hook(s) "
                + ", ".join(f"{hook!r}{_did_you_mean(hook)}" for hook in unknown),
                plugin=registered,
            )

    def _load_module(self, module: str) -> None:
        if not self.manager.is_blocked(module):
            self._register(importlib.import_module(module), module)

    def _load_entry_points(self) -> None:
        from importlib.metadata import entry_points

        for entry in entry_points(group=ENTRY_POINT_GROUP):
            if self.manager.is_blocked(entry.name):
                continue

            def load(entry: Any = entry) -> None:
                self._register(entry.load(), entry.name)
                self._versions[entry.name] = entry.dist.version if entry.dist else None

            self._guarded(entry.name, load)

    def _guarded(self, name: str, step: Callable[[], None], *, doing: str = "load") -> bool:
        """Run one plugin's ``step``; a broken plugin warns and is skipped (or raises, if
        strict). Whether it worked."""
        try:
            step()
        except PluginError as exc:
            if self.strict:
                raise
            warnings.warn(str(exc), RuntimeWarning, stacklevel=3)
            return False
        except Exception as exc:  # a plugin can fail in any way
            failed = "failed to load" if doing == "load" else f"failed in {doing}"
            message = f"plugin {name!r} {failed}: {type(exc).__name__}: {exc}"
            if self.strict and isinstance(exc, UrbangovError):
                raise  # e.g. its configuration is wrong: the user's error, as it is
            if self.strict:
                raise PluginError(message, plugin=name) from exc
            warnings.warn(message, RuntimeWarning, stacklevel=3)
            return False
        return True

    # -- configuration ------------------------------------------------------------------

    @property
    def config(self) -> Config:
        """What hooks that take a ``config`` receive: the one given or set by
        :meth:`configure` (``urbangov --config``), else read on first use by
        :func:`~urbangov.config.load_config` (``URBANGOV_CONFIG``, ``./urbangov.toml``)."""
        if self._config is None:
            from urbangov.config import load_config

            self._config = load_config()
        return self._config

    def configure(self, config: Config) -> None:
        """Use ``config`` from now on; reporters, calendars, notifiers and stores (the
        hooks that take a configuration) are asked for again, so that they see it."""
        self._config = config
        self._reporters = self._calendars = None
        self._notifiers = self._stores = None
        for kind, name in list(self._owners):
            if kind in ("reporter", "calendar", "notifier", "store"):
                del self._owners[kind, name]

    def _call_one(self, caller: pluggy.HookCaller, impl: pluggy.HookImpl, **kwargs: Any) -> None:
        """One plugin's implementation, called through pluggy (so tracing sees it), with
        the configuration when the hook takes one."""
        if caller.spec is not None and "config" in caller.spec.argnames:
            kwargs["config"] = self.config
        others = [plugin for plugin in self.manager.get_plugins() if plugin is not impl.plugin]
        self.manager.subset_hook_caller(caller.name, others)(**kwargs)

    # -- what the plugins provide ------------------------------------------------------

    def reporters(self) -> dict[str, Reporter]:
        """Every report format, by name."""
        if self._reporters is None:
            self._reporters = self._collect(
                "urbangov_register_reporters", lambda reporter: reporter.name, "reporter"
            )
        return self._reporters

    def reporter(self, name: str) -> Reporter:
        """The report format called ``name``."""
        found = self.reporters()
        if name not in found:
            known = ", ".join(sorted(found)) or "none"
            raise UnknownFormatError(f"unknown report format {name!r} (available: {known})")
        return found[name]

    def calendars(self) -> dict[str, WorkCalendar]:
        """Every working calendar plugins provide, by name."""
        if self._calendars is None:
            self._calendars = self._collect(
                "urbangov_register_calendars", lambda calendar: calendar.name, "calendar"
            )
        return self._calendars

    def organ_rules(self) -> dict[str, OrganRuleSet]:
        """Every set of organ rules plugins provide, by name, in registration order."""
        if self._organ_rules is None:
            self._organ_rules = self._collect(
                "urbangov_register_organ_rules", lambda rules: rules.name, "organ rule set"
            )
        return self._organ_rules

    def all_organ_rules(self) -> tuple[OrganRule, ...]:
        """The rules of every set, in order: what :func:`~urbangov.hierarchy.organs_on`
        and :class:`~urbangov.hierarchy.Organisation` take as ``rules``."""
        return tuple(rule for rules in self.organ_rules().values() for rule in rules.rules)

    def owner(self, kind: str, name: str) -> str:
        """The plugin that registered the ``kind`` (reporter, calendar) ``name``."""
        collectors = {
            "reporter": self.reporters,
            "calendar": self.calendars,
            "organ rule set": self.organ_rules,
            "store": self.stores,
            "hierarchy": self.hierarchies,
            "notifier": self.notifiers,
            "plan reader": self.plan_readers,
        }
        collectors[kind]()  # collect first
        return self._owners[kind, name]

    def hierarchies(self) -> dict[str, HierarchySource]:
        """Every named hierarchy plugins provide (the shipped ones included)."""
        if self._hierarchies is None:
            self._hierarchies = self._collect(
                "urbangov_register_hierarchies", lambda source: source.name, "hierarchy"
            )
        return self._hierarchies

    def plan_readers(self) -> dict[str, PlanReader]:
        """Every plan file format, by name (urbangov's own TOML, JSON and YAML first)."""
        if self._plan_readers is None:
            self._plan_readers = self._collect(
                "urbangov_register_plan_readers", lambda reader: reader.name, "plan reader"
            )
        return self._plan_readers

    def stores(self) -> dict[str, StoreBackend]:
        """Every tracking-store backend, by scheme."""
        if self._stores is None:
            self._stores = self._collect(
                "urbangov_register_stores", lambda backend: backend.scheme, "store"
            )
        return self._stores

    def open_store(self, location: str) -> TrackingStore:
        """Open the tracking store at ``location``: ``SCHEME://...`` picks a backend,
        anything else is a SQLite file path."""
        scheme, sep, rest = location.partition(":")
        found = self.stores()
        if not (sep and (rest.startswith("//") or scheme in found)) or len(scheme) == 1:
            scheme = "sqlite"  # a path (C:\\... too)
        if scheme not in found:
            known = ", ".join(sorted(found)) or "none"
            raise PluginError(f"no tracking store backend {scheme!r} (available: {known})")
        owner = self.owner("store", scheme)
        try:
            store = found[scheme].open(location)
        except UrbangovError:
            raise
        except Exception as exc:  # a plugin can fail in any way
            raise StoreError(
                f"tracking store {scheme!r} (plugin {owner!r}) cannot open the store: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        return store if owner in self._builtin else _NamedStore(store, owner)

    def notifiers(self) -> dict[str, Notifier]:
        """Every notification channel, by name."""
        if self._notifiers is None:
            self._notifiers = self._collect(
                "urbangov_register_notifiers", lambda notifier: notifier.name, "notifier"
            )
        return self._notifiers

    def notifier(self, name: str) -> Notifier:
        """The notification channel called ``name``."""
        found = self.notifiers()
        if name not in found:
            known = ", ".join(sorted(found)) or "none"
            raise NotifyError(f"unknown notification channel {name!r} (available: {known})")
        return found[name]

    def register_commands(self, cli: click.Group) -> None:
        """Let every plugin add its subcommands to ``cli`` (one that fails is left out,
        with a warning naming it)."""
        caller = self.manager.hook.urbangov_register_commands
        for impl in caller.get_hookimpls():

            def call(impl: Any = impl) -> None:
                self._call_one(caller, impl, cli=cli)

            self._guarded(_label(impl), call, doing="urbangov_register_commands")

    def render(self, name: str, schedule: Schedule, options: ReportOptions) -> str | bytes:
        """The report ``name`` of ``schedule``: text or bytes, or an error that names
        the plugin whose reporter failed or returned something else."""
        reporter = self.reporter(name)
        owner = self.owner("reporter", name)
        try:
            content = reporter.render(schedule, options)
        except UrbangovError:
            raise
        except Exception as exc:  # a plugin can fail in any way
            raise PluginError(
                f"report format {name!r} (plugin {owner!r}) failed: {type(exc).__name__}: {exc}",
                plugin=owner,
            ) from exc
        if not isinstance(content, str | bytes):
            raise PluginError(
                f"report format {name!r} (plugin {owner!r}) returned "
                f"{type(content).__name__}, not text or bytes",
                plugin=owner,
            )
        return content

    def info(self) -> list[PluginInfo]:
        """Every registered plugin, with the hooks it implements."""
        out = []
        own_version = _urbangov_version()
        for name, plugin in self.manager.list_name_plugin():
            callers = self.manager.get_hookcallers(plugin) or ()
            hooks = tuple(sorted(caller.name for caller in callers))
            builtin = name in self._builtin
            version = own_version if builtin else self._versions.get(name)
            out.append(PluginInfo(name, version, builtin, hooks))
        return sorted(out, key=lambda info: (not info.builtin, info.name))

    def _collect(self, hook: str, key: Callable[[Any], str], kind: str) -> dict[str, Any]:
        """Call a ``register`` hook plugin by plugin; refuse a name registered twice.

        A plugin whose hook raises is left out, with a warning that names it (an error
        when strict): what the other plugins register still works.
        """
        found: dict[str, Any] = {}
        caller = getattr(self.manager.hook, hook)
        for impl in caller.get_hookimpls():  # in registration order
            plugin_name = impl.plugin_name
            mine: list[Any] = []

            def call(caller: Any = caller, impl: Any = impl, mine: list[Any] = mine) -> None:
                self._call_one(caller, impl, register=mine.append)

            if not self._guarded(_label(impl), call, doing=hook):
                continue
            for item in mine:
                name = key(item)
                if name in found:
                    first = self._owners[kind, name]
                    raise PluginError(
                        f"{kind} {name!r} is registered by both {first!r} and {plugin_name!r}",
                        plugin=plugin_name,
                    )
                found[name] = item
                self._owners[kind, name] = plugin_name
        return found


class _NamedStore:
    """A plugin's tracking store whose failures name the plugin: a store that raises
    anything but an urbangov error raises a :class:`StoreError` saying whose it is."""

    def __init__(self, store: TrackingStore, plugin: str) -> None:
        self._store = store
        self._plugin = plugin
        if hasattr(store, "append_new"):
            self.append_new = functools.partial(self._call, "append_new")

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(self._store, method)(*args, **kwargs)
        except UrbangovError:
            raise
        except Exception as exc:  # a plugin can fail in any way
            raise StoreError(
                f"tracking store of plugin {self._plugin!r} failed in {method}: "
                f"{type(exc).__name__}: {exc}"
            ) from exc

    def append(self, plan_id: str, **records: Any) -> int:
        added: int = self._call("append", plan_id, **records)
        return added

    def log(self, plan_id: str, **filters: Any) -> Any:
        return self._call("log", plan_id, **filters)

    def receipts(self, plan_id: str, **filters: Any) -> Any:
        return self._call("receipts", plan_id, **filters)

    def save_baseline(self, plan_id: str, baseline: Any) -> None:
        self._call("save_baseline", plan_id, baseline)

    def baselines(self, plan_id: str) -> Any:
        return self._call("baselines", plan_id)

    def close(self) -> None:
        self._call("close")

    def __getattr__(self, name: str) -> Any:  # e.g. ``path``
        return getattr(self._store, name)


def _label(impl: pluggy.HookImpl) -> str:
    """A plugin's name for a person: an object registered without a name (which
    pluggy names by its id) is called by its class."""
    name = impl.plugin_name
    return type(impl.plugin).__name__ if name.isdigit() else name


def _did_you_mean(hook: str) -> str:
    import difflib

    close = difflib.get_close_matches(hook, _HOOK_NAMES, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


_HOOK_NAMES: Final = tuple(name for name in dir(hookspecs) if name.startswith("urbangov_"))


def _urbangov_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("urbangov")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return None


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


@functools.cache
def default_plugins() -> Plugins:
    """The plugins of this process: built-ins, installed packages, ``URBANGOV_PLUGINS``."""
    return Plugins()
