"""``URBANGOV_TRACE_PLUGINS=1``: one line on stderr per hook call, through pluggy's own
hook-call monitoring, saying which plugins' implementations ran and how long it took.

urbangov calls a ``register`` hook plugin by plugin, so each of those lines names one
plugin; a hook called once for all (``urbangov_register_commands``) names them all.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pluggy

__all__ = ["TRACE_ENV", "trace_hook_calls"]

#: The environment variable that turns tracing on (``1``).
TRACE_ENV = "URBANGOV_TRACE_PLUGINS"


def trace_hook_calls(
    manager: pluggy.PluginManager, write: Callable[[str], object] | None = None
) -> Callable[[], None]:
    """Report every hook call of ``manager`` to ``write`` (default: standard error,
    looked up at each call); returns the function that stops it.

    A line reads ``urbangov: hook urbangov_register_reporters <- urbangov.builtins.ics
    (0.04 ms)``; a call that raised ends ``raised PluginError``. Arguments are not
    shown: they may hold configuration, and a configuration may hold secrets.
    """
    started: list[float] = []  # a stack: a hook may call another

    def before(name: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, object]) -> None:
        started.append(time.perf_counter())

    def after(
        outcome: pluggy.Result[object],
        name: str,
        impls: Sequence[pluggy.HookImpl],
        kwargs: Mapping[str, object],
    ) -> None:
        elapsed = (time.perf_counter() - started.pop()) * 1000
        plugins = ", ".join(impl.plugin_name for impl in reversed(impls)) or "(none)"
        line = f"urbangov: hook {name} <- {plugins} ({elapsed:.2f} ms)"
        if outcome.exception is not None:
            line += f" raised {type(outcome.exception).__name__}"
        (write or sys.stderr.write)(line + "\n")

    return manager.add_hookcall_monitoring(before, after)
