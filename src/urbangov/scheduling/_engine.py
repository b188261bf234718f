"""The critical-path engine: integer arrays in, integer arrays out.

``compute`` schedules a :class:`Network` (a plan as arrays) as MS Project would;
``update`` redoes it after durations change, touching only what moves. The pieces:
:mod:`._network` (the data), :mod:`._topology` (levels and link order),
:mod:`._passes` (the passes), :mod:`._incremental` (what-if updates).
"""

from urbangov.scheduling._incremental import update
from urbangov.scheduling._network import (
    ALAP,
    ASAP,
    FF,
    FNET,
    FNLT,
    FS,
    MFO,
    MSO,
    NO_DATE,
    SF,
    SNET,
    SNLT,
    SS,
    CycleFoundError,
    Network,
    Passes,
    Progress,
)
from urbangov.scheduling._passes import compute
from urbangov.scheduling._topology import Topology, levels

__all__ = [
    "ALAP",
    "ASAP",
    "FF",
    "FNET",
    "FNLT",
    "FS",
    "MFO",
    "MSO",
    "NO_DATE",
    "SF",
    "SNET",
    "SNLT",
    "SS",
    "CycleFoundError",
    "Network",
    "Passes",
    "Progress",
    "Topology",
    "compute",
    "levels",
    "update",
]
