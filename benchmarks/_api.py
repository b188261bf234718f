"""The parts of urbangov the benchmarks call, in one place.

``what_if`` is looked up rather than imported, so that the benchmarks still run (and
print "skipped" for it) on a tree that does not have it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import urbangov.scheduling as _package
from urbangov.scheduling import Schedule, schedule
from urbangov.scheduling import _engine as engine

__all__ = ["Schedule", "WhatIf", "engine", "package_name", "schedule", "what_if"]

#: The scheduler package in use (for the report).
package_name: str = _package.__name__

WhatIf = Callable[[Schedule, Mapping[str, int]], Schedule]

#: ``what_if(schedule, {task_id: new_duration}) -> Schedule``, or ``None``.
what_if: WhatIf | None = getattr(_package, "what_if", None)
