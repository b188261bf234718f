"""Every hook a plugin can implement.

A plugin is a module (or any object) with functions named like the hooks below and
marked with :data:`urbangov.plugins.hookimpl`. Installed packages are found through
the ``urbangov`` entry-point group; urbangov's own reporters, calendars and commands
are registered through these same hooks (see ``urbangov.builtins``).

Hooks that collect things take a ``register`` callback instead of returning a list, so
that urbangov can refuse two things with one name and say which plugins clash.
Arguments may be added to a hook in later versions; a plugin only receives the ones
its function names, so adding one never breaks it. Hooks that take ``config`` receive
the run's :class:`~urbangov.config.Config`: a plugin reads its own table with
``config.plugin(NAME)``, where secrets come from the environment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from urbangov.calendar import WorkCalendar
    from urbangov.config import Config
    from urbangov.hierarchy import HierarchySource, OrganRuleSet
    from urbangov.io import PlanReader
    from urbangov.notify import Notifier
    from urbangov.reporting import Reporter
    from urbangov.tracking import StoreBackend

__all__ = [
    "hookspec",
    "urbangov_register_calendars",
    "urbangov_register_commands",
    "urbangov_register_hierarchies",
    "urbangov_register_notifiers",
    "urbangov_register_organ_rules",
    "urbangov_register_plan_readers",
    "urbangov_register_reporters",
    "urbangov_register_stores",
]

#: Marks the hook specifications below (project name ``urbangov``).
hookspec = pluggy.HookspecMarker("urbangov")


@hookspec
def urbangov_register_reporters(register: Callable[[Reporter], None], config: Config) -> None:
    """Add report formats: call ``register(Reporter(...))`` once per format.

    Called once, the first time reporters are listed or a report is rendered. A
    format's ``name`` is what ``urbangov report --format NAME`` takes; two plugins
    registering one name is an error that names both. ``config`` is the run's
    configuration: read a table when rendering, so that a missing environment variable
    only matters to whoever uses the format.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 ``config``.
    """


@hookspec
def urbangov_register_calendars(register: Callable[[WorkCalendar], None], config: Config) -> None:
    """Add working calendars: call ``register(calendar)`` with a named
    :class:`~urbangov.calendar.WorkCalendar`; plan files then take its
    ``name`` as ``calendar = "..."``.

    Called once, the first time a plan names a calendar urbangov does not know.
    ``config`` is the run's configuration.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 ``config``.
    """


@hookspec
def urbangov_register_hierarchies(register: Callable[[HierarchySource], None]) -> None:
    """Add named administrative hierarchies: call
    ``register(HierarchySource(name, load))``.

    A plan file's ``hierarchy = "NAME"`` and ``urbangov units --hierarchy NAME`` then
    find it; ``load`` runs only when the hierarchy is needed. The hierarchies shipped
    with urbangov (``hcmc``) are registered this way too. A plugin package may carry
    data under its own licence (a GPL data set stays out of urbangov's core).

    Called once, the first time a name is not a shipped hierarchy or a file.

    .. versionadded:: 0.2
    """


@hookspec
def urbangov_register_stores(register: Callable[[StoreBackend], None], config: Config) -> None:
    """Add tracking-store backends: call ``register(StoreBackend(scheme, open))``.

    ``urbangov --store SCHEME://...`` (and :meth:`Plugins.open_store`) then opens a
    store of that kind; ``open`` gets the whole location and returns an object with
    the methods of :class:`~urbangov.tracking.TrackingStore`, which
    :class:`urbangov.testing.StoreContract` checks. ``config`` is the run's
    configuration: read the backend's table (a password from the environment) in
    ``open``. The built-in ``sqlite`` backend is registered this way too.

    .. versionadded:: 0.2
    .. versionchanged:: 0.2 ``config``.
    """


@hookspec
def urbangov_register_plan_readers(register: Callable[[PlanReader], None]) -> None:
    """Add plan file formats: call ``register(PlanReader(name, title, suffixes, load))``.

    Every command and function that takes a plan file (:func:`urbangov.io.load_plan`,
    ``urbangov schedule``, ``report``, ``status``, ``check``, ``meetings``, ``notify``)
    then reads the format: a file is matched by its suffix, else by a reader's
    ``sniff`` of its first bytes. ``load(path, hierarchy)`` returns the
    :class:`~urbangov.plan.Plan` or raises a :class:`~urbangov.errors.PlanFileError`
    that says where. TOML, JSON and YAML are registered this way too.

    .. versionadded:: 0.3
    """


@hookspec
def urbangov_register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``urbangov`` command line: ``cli.add_command(...)``.

    Called when the command line starts. A command should be a thin face over a
    library function, report bad input as an :class:`~urbangov.UrbangovError` (the
    command line prints it as one line and exits with status 2) and import heavy
    modules inside its function, not at module level.

    .. versionadded:: 0.1
    """


@hookspec
def urbangov_register_notifiers(register: Callable[[Notifier], None], config: Config) -> None:
    """Add notification channels: call ``register(Notifier(name, send))`` once per channel.

    ``send(digest)`` delivers one :class:`~urbangov.notify.Digest` (everything one
    recipient is told in one run) or raises; the ledger records the error and the next
    run sends it again. A recipient's address on the channel is their contact of the
    channel's name unless the notifier says otherwise. ``urbangov notify --channel NAME``
    picks channels by name; two plugins registering one name is an error that names
    both. ``config`` is the run's configuration: read the channel's table when
    sending, so that a missing secret only fails that channel.

    .. versionadded:: 0.2
    """


@hookspec
def urbangov_register_organ_rules(register: Callable[[OrganRuleSet], None]) -> None:
    """Add rules for which organs (People's Council, People's Committee) units have:
    call ``register(OrganRuleSet(name, rules))``.

    Called once, the first time the organ rules are asked for. Sets apply in the order
    plugins are registered, and for each organ the last rule that applies wins, so a
    province's or another country's set overrides urbangov's own (``vietnam``). Two
    plugins registering one name is an error that names both.

    .. versionadded:: 0.1
    """
