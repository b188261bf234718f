"""Instants of working time as integers ("half-steps"), and their arithmetic.

MS Project keeps instants as date-times, so 17:00 on one working day and 08:00 on the
next are the same point of working time but different values: a task finishing at
17:00 is followed by one starting at 08:00, and a milestone keeps whichever of the two
drove it. At day granularity two forms are enough, so an instant is one integer::

    2*x      08:00 of working day x   ("start form": work is about to begin)
    2*x - 1  17:00 of working day x-1 ("end form": work has just ended)

where x counts working days from the project start. Ordering the integers orders the
date-times, and ``(t + 1) // 2`` is the amount of working time (in days) before t.
All functions work on numpy arrays and on plain ints alike.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import numpy.typing as npt

__all__ = [
    "add_work",
    "as_end",
    "as_start",
    "end_form",
    "start_form",
    "work_before",
]

I = TypeVar("I", int, npt.NDArray[np.int64])


def start_form(x: I) -> I:
    """08:00 of working day ``x``."""
    return 2 * x


def end_form(x: I) -> I:
    """17:00 of working day ``x - 1``: the end of ``x`` days of work."""
    return 2 * x - 1


def work_before(t: I) -> I:
    """Whole working days elapsed before instant ``t``."""
    return (t + 1) // 2


def as_start(t: I) -> I:
    """``t`` moved to the next 08:00 if it is a 17:00 (where work can begin)."""
    return t + (t & 1)


def as_end(t: I) -> I:
    """``t`` moved to the previous 17:00 if it is an 08:00 (where work can end)."""
    return t - 1 + (t & 1)


def add_work(t: I, days: I) -> I:
    """``t`` plus ``days`` of working time, as MS Project's calendar adds it.

    Adding work ends where the work ends (17:00); taking work away ends where it
    would begin (08:00); adding nothing leaves ``t`` as it is.
    """
    x = work_before(t) + days
    if isinstance(t, int) and isinstance(days, int):
        return t if days == 0 else (2 * x - 1 if days > 0 else 2 * x)
    return np.where(days == 0, t, np.where(days > 0, 2 * x - 1, 2 * x))  # type: ignore[return-value]
