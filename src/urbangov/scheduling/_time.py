"""Instants of working time as integers ("quarter-steps"), and their arithmetic.

MS Project keeps instants as date-times, so 17:00 on one working day and 08:00 on the
next are the same point of working time but different values: a task finishing at
17:00 is followed by one starting at 08:00, and a milestone keeps whichever of the two
drove it. A constraint date on a rest day is a third kind of value, between the two.
At day granularity four values per working day are enough, so an instant is one
integer, with x counting working days from the project start::

    4*x      08:00 of working day x            ("start form": work is about to begin)
    4*x - 1  08:00 of a rest day before day x  (a start-type date on a rest day)
    4*x - 2  17:00 of a rest day before day x  (a finish-type date on a rest day)
    4*x - 3  17:00 of working day x-1          ("end form": work has just ended)

Ordering the integers orders the date-times, and ``(t + 3) // 4`` is the amount of
working time (in days) before ``t``. All functions work on numpy arrays and ints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "add_work",
    "as_end",
    "as_start",
    "day_of",
    "end_form",
    "on_rest_day",
    "rest_end",
    "rest_start",
    "start_form",
    "work_before",
]

IntOrArray = TypeVar("IntOrArray", int, "npt.NDArray[np.int64]")


def start_form(x: IntOrArray) -> IntOrArray:
    """08:00 of working day ``x``."""
    return 4 * x


def end_form(x: IntOrArray) -> IntOrArray:
    """17:00 of working day ``x - 1``: the end of ``x`` days of work."""
    return 4 * x - 3


def rest_start(x: IntOrArray) -> IntOrArray:
    """08:00 of a rest day that comes just before working day ``x``."""
    return 4 * x - 1


def rest_end(x: IntOrArray) -> IntOrArray:
    """17:00 of a rest day that comes just before working day ``x``."""
    return 4 * x - 2


# A shift is floor division by 4 for negative values too, and far cheaper on arrays
# (integer division is not vectorised); ``& ~3`` rounds down to a multiple of 4. The
# first step makes a new value, so the rest can work on it in place: for arrays one
# temporary fewer, for ints the same arithmetic.


def work_before(t: IntOrArray) -> IntOrArray:
    """Whole working days elapsed before instant ``t``."""
    x = t + 3
    x >>= 2
    return x


def day_of(t: IntOrArray) -> IntOrArray:
    """The working day an instant is shown on: its own day, or for a 17:00 the day
    that ends; a rest-day date shows as the working day after (a start) or before
    (a finish)."""
    x = t + 1
    x >>= 2
    return x


def as_start(t: IntOrArray) -> IntOrArray:
    """``t``, or the next 08:00 when no work can begin at ``t``."""
    x = t + 3
    x &= ~3
    return x


def as_end(t: IntOrArray) -> IntOrArray:
    """``t``, or the previous 17:00 when no work has just ended at ``t``."""
    x = as_start(t)
    x -= 3
    return x


def on_rest_day(t: IntOrArray) -> IntOrArray:
    """Whether ``t`` is one of the two rest-day forms (no work can start or end there)."""
    return (t & 3) >= 2  # type: ignore[return-value]


def add_work(t: IntOrArray, days: IntOrArray) -> IntOrArray:
    """``t`` plus ``days`` of working time, as MS Project's calendar adds it.

    Adding work ends where the work ends (17:00); taking work away ends where it
    would begin (08:00); adding nothing leaves ``t`` as it is.
    """
    x = work_before(t) + days
    if isinstance(t, int) and isinstance(days, int):
        return t if days == 0 else (4 * x - 3 if days > 0 else 4 * x)
    import numpy as np  # arrays come from the engine, which has imported it

    return np.where(days == 0, t, 4 * x - 3 * (days > 0))
