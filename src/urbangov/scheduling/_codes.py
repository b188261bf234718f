"""The engine's codes for link kinds and constraints, and its "no date" sentinels.

Plain integers, kept apart from the arrays that use them so that the small-plan
path (:mod:`._small`) schedules without importing numpy.
"""

from __future__ import annotations

from typing import Final

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
    "NO_FLOOR",
    "SF",
    "SNET",
    "SNLT",
    "SS",
]

# Link kinds: bit 0 = the predecessor's end that drives (1: finish), bit 1 = the
# successor's end that is driven (1: finish).
SS: Final = 0
FS: Final = 1
SF: Final = 2
FF: Final = 3

ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO, MFO = range(8)

#: No date (an instant later than any a calendar can name); a quarter of the int64
#: range, so that sums of a few of them stay inside it.
NO_DATE: Final = (2**63 - 1) // 4
#: No lower bound: the opposite of ``NO_DATE``.
NO_FLOOR: Final = -(2**63) // 4
