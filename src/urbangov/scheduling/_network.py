"""The engine's data: a plan compiled to arrays, and what the passes find.

Tasks are rows ``0..n-1`` and links are parallel arrays. Times are quarter-steps
(see :mod:`urbangov.scheduling._time`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, final

import attrs
import numpy as np
import numpy.typing as npt

from urbangov.scheduling._codes import (
    ALAP,
    ASAP,
    FF,
    FNET,
    FNLT,
    FS,
    MFO,
    MSO,
    NO_DATE,
    NO_FLOOR,
    SF,
    SNET,
    SNLT,
    SS,
)

if TYPE_CHECKING:
    from urbangov.scheduling._topology import Topology

__all__ = [
    "ALAP",
    "ASAP",
    "FF",
    "FNET",
    "FNLT",
    "FS",
    "MFO",
    "MSO",
    "NOT_FLEXIBLE",
    "NO_DATE",
    "NO_FLOOR",
    "SF",
    "SNET",
    "SNLT",
    "SS",
    "Bools",
    "CycleFoundError",
    "Ints",
    "Network",
    "Passes",
    "Progress",
]

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

#: Which constraint codes carry a date (all but ASAP and ALAP).
NOT_FLEXIBLE: Final = np.array([kind not in (ASAP, ALAP) for kind in range(8)])


class CycleFoundError(Exception):
    """Raised with the rows that could not be ordered (they contain a cycle)."""

    def __init__(self, rows: Ints) -> None:
        self.rows = rows
        super().__init__(f"{rows.size} tasks are on or behind a dependency cycle")


@final
@attrs.frozen(eq=False)
class Progress:
    """What has happened: actual dates as instants (``NO_DATE`` where there is none)
    and the working days left. A progressed task's ``duration`` in the network is its
    actual plus remaining duration, as MS Project keeps it."""

    actual_start: Ints
    actual_finish: Ints
    remaining: Ints
    #: Reported 100 % complete (MS Project's critical flag looks at the stored
    #: percentage, not at the actual finish alone).
    complete: Bools

    @property
    def finished(self) -> Bools:
        return np.not_equal(self.actual_finish, NO_DATE)

    @property
    def started(self) -> Bools:
        """Started and not finished."""
        return np.not_equal(self.actual_start, NO_DATE) & np.equal(self.actual_finish, NO_DATE)

    @property
    def progressed(self) -> Bools:
        return np.not_equal(self.actual_start, NO_DATE)

    def permuted(self, order: Ints) -> Progress:
        return Progress(
            self.actual_start[order],
            self.actual_finish[order],
            self.remaining[order],
            self.complete[order],
        )


@final
@attrs.frozen(eq=False)
class Network:
    """A plan compiled to arrays. Times are quarter-steps from the project start.

    ``duration`` (and the progress's ``remaining``) may have a second axis: a batch
    of iterations, one column each, that the passes schedule side by side (see
    ``finish_passes``); every other array is the same for all of them."""

    duration: Ints
    constraint: npt.NDArray[np.int8]
    constraint_at: Ints
    deadline_at: Ints
    src: Ints
    dst: Ints
    kind: npt.NDArray[np.int8]
    lag: Ints
    #: Actual dates, when the plan is being tracked (see :mod:`._progressed`).
    progress: Progress | None = None

    @property
    def size(self) -> int:
        return int(self.duration.shape[0])


@final
@attrs.frozen(eq=False)
class Passes:
    """What the forward and backward passes found, one entry per task."""

    early_start: Ints
    early_finish: Ints
    late_start: Ints
    late_finish: Ints
    start: Ints
    finish: Ints
    total_slack: Ints
    free_slack: Ints
    critical: Bools
    project_finish: int
    topology: Topology
    #: Early dates before ALAP tasks' successors follow their late dates (MS Project
    #: takes the project finish from these); the same as the early dates without ALAP.
    first_early_start: Ints
    first_early_finish: Ints
