"""The precomputed table that makes working-day arithmetic O(1).

Working days get integer *numbers* that count working days from the first day the
table was built for (negative before it). The number of a non-working day is that of
the first working day after it, so ``number(d)`` is also "roll forward to a working
day". The table covers whole years and grows on demand; numbers never change when it
grows, so they can be stored and compared for the life of the index.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from urbangov.errors import CalendarError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["MAX_YEAR", "MIN_YEAR", "CalendarIndex"]

_LAST_ORDINAL = dt.date.max.toordinal()
MIN_YEAR = 1900
MAX_YEAR = 2399
_GROWTH_YEARS = 8
_FIRST_YEARS_AHEAD = 3

#: Given a year range, says which days are working days: ``(first_ordinal, flags)``.
WorkingDayRule = Callable[[int, int], Iterable[bool]]


class CalendarIndex:
    """Working-day numbers for every day of a span of years, extended when needed."""

    __slots__ = (
        "_days",
        "_first_num",
        "_first_ord",
        "_hi_year",
        "_lo_year",
        "_num_at",
        "_ord_of",
        "_ord_of_np",
        "_rule",
        "_workdays",
    )

    def __init__(self, rule: WorkingDayRule) -> None:
        self._rule = rule
        self._lo_year = self._hi_year = 0
        self._first_ord = 0
        self._num_at: array[int] = array("q")
        self._ord_of: array[int] = array("q")
        self._ord_of_np: npt.NDArray[np.int64] | None = None
        self._days = self._workdays = self._first_num = 0
        # Built on first use, around the first date asked about: computing holidays
        # for years nobody asks about is the main cost of a small schedule.

    # -- building ---------------------------------------------------------------------

    def _build(self, lo_year: int, hi_year: int) -> None:
        first = dt.date(lo_year, 1, 1).toordinal()
        last = dt.date(hi_year, 12, 31).toordinal()
        flags = list(self._rule(first, last - first + 1))
        # Count working days from the anchor to `first` so numbers stay absolute.
        base = self._count_before(first) if self._num_at else 0
        num_at = array("q", bytes(8 * (len(flags) + 1)))
        ord_of = array("q")
        count = base
        for i, working in enumerate(flags):
            num_at[i] = count
            if working:
                ord_of.append(first + i)
                count += 1
        num_at[len(flags)] = count
        self._lo_year, self._hi_year, self._first_ord = lo_year, hi_year, first
        self._num_at, self._ord_of, self._ord_of_np = num_at, ord_of, None
        self._days, self._workdays, self._first_num = len(flags), len(ord_of), base

    def _count_before(self, ordinal: int) -> int:
        """The number a table starting at ``ordinal`` must start with to keep numbering."""
        if ordinal >= self._first_ord:
            return self.number(ordinal)
        gap = self._first_ord - ordinal
        return self._num_at[0] - sum(1 for w in self._rule(ordinal, gap) if w)

    def _cover_year(self, year: int) -> None:
        """Grow the table towards ``year`` (clamped to the supported range)."""
        target = min(MAX_YEAR, max(MIN_YEAR, year))
        if not self._days:
            self._build(max(MIN_YEAR, target - 1), min(MAX_YEAR, target + _FIRST_YEARS_AHEAD))
            return
        if self._lo_year <= target <= self._hi_year:
            raise CalendarError(
                f"date outside the calendar's supported range {MIN_YEAR}-{MAX_YEAR}"
            )
        lo = min(self._lo_year, max(MIN_YEAR, target - _GROWTH_YEARS))
        hi = max(self._hi_year, min(MAX_YEAR, target + _GROWTH_YEARS))
        self._build(lo, hi)

    # -- queries ----------------------------------------------------------------------

    def number(self, ordinal: int) -> int:
        """The number of the first working day on or after the day ``ordinal``."""
        i = ordinal - self._first_ord
        if 0 <= i < self._days:
            return self._num_at[i]
        return self._number_growing(ordinal)

    def _number_growing(self, ordinal: int) -> int:
        if not self._days:
            self._cover_year(dt.date.fromordinal(min(max(ordinal, 1), _LAST_ORDINAL)).year)
        while True:
            i = ordinal - self._first_ord
            if 0 <= i < len(self._num_at) - 1:
                return self._num_at[i]
            if i < 0:
                self._cover_year(self._lo_year - 1 + i // 366)
            else:
                self._cover_year(self._hi_year + 1 + (i - self._days) // 366)

    def ordinal(self, number: int) -> int:
        """The day ordinal of working day ``number``."""
        i = number - self._first_num
        if 0 <= i < self._workdays:
            return self._ord_of[i]
        return self._ordinal_growing(number)

    def _ordinal_growing(self, number: int) -> int:
        if not self._days:
            self._cover_year(dt.date.today().year)
        while True:
            i = number - self._num_at[0]
            if 0 <= i < len(self._ord_of):
                return self._ord_of[i]
            # At least 200 working days a year in any sane calendar: overshoot, not loop.
            if i < 0:
                self._cover_year(self._lo_year - 1 + i // 200)
            else:
                self._cover_year(self._hi_year + 1 + (i - len(self._ord_of)) // 200)

    def is_working(self, ordinal: int) -> bool:
        """Whether the day ``ordinal`` is a working day."""
        n = self.number(ordinal)
        return self.ordinal(n) == ordinal

    def ordinals(self, numbers: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Vectorised :meth:`ordinal` for a whole array of working-day numbers."""
        if numbers.size:
            self.ordinal(int(numbers.min()))
            self.ordinal(int(numbers.max()))
        if self._ord_of_np is None:
            import numpy as np  # only vectorised conversions need it

            self._ord_of_np = np.frombuffer(self._ord_of, dtype=np.int64)
        return self._ord_of_np[numbers - self._num_at[0]]
