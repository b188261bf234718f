"""Reporting periods of Decree 09/2019/NĐ-CP (Art. 12), and custom ones.

A periodic report's data run from the 15th of the month before the period to the
14th of its last month: April 2021 is 2021-03-15 … 2021-04-14, Q1 2021 is
2020-12-15 … 2021-03-14, the year 2021 is 2020-12-15 … 2021-12-14.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Final, final

import attrs
from dateutil.relativedelta import relativedelta

from urbangov.errors import CalendarError

__all__ = ["PeriodKind", "ReportingPeriod", "parse_period"]

_CUT_OFF_DAY: Final = 14  # the data of a period run to the 14th (Art. 12)


class PeriodKind(StrEnum):
    """The kinds of periodic reports, and ``custom`` for any range."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    CUSTOM = "custom"


_MONTHS: Final = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF_YEAR: 6,
    PeriodKind.YEAR: 12,
}


@final
@attrs.frozen
class ReportingPeriod:
    """The days a report covers, both ends included.

    >>> april = ReportingPeriod.month(2021, 4)
    >>> april.label, april.start, april.end
    ('2021-04', datetime.date(2021, 3, 15), datetime.date(2021, 4, 14))
    >>> ReportingPeriod.quarter(2021, 1).start
    datetime.date(2020, 12, 15)
    """

    kind: PeriodKind
    label: str
    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise CalendarError(
                f"period {self.label}: ends {self.end} before it starts {self.start}"
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @classmethod
    def month(cls, year: int, month: int) -> ReportingPeriod:
        return cls._ending(PeriodKind.MONTH, f"{year:04d}-{month:02d}", year, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> ReportingPeriod:
        _check(quarter, 1, 4, "quarter")
        return cls._ending(PeriodKind.QUARTER, f"{year:04d}-Q{quarter}", year, 3 * quarter)

    @classmethod
    def half_year(cls, year: int, half: int) -> ReportingPeriod:
        _check(half, 1, 2, "half")
        return cls._ending(PeriodKind.HALF_YEAR, f"{year:04d}-H{half}", year, 6 * half)

    @classmethod
    def year(cls, year: int) -> ReportingPeriod:
        return cls._ending(PeriodKind.YEAR, f"{year:04d}", year, 12)

    @classmethod
    def custom(cls, start: dt.date, end: dt.date) -> ReportingPeriod:
        return cls(PeriodKind.CUSTOM, f"{start.isoformat()}..{end.isoformat()}", start, end)

    @classmethod
    def containing(cls, kind: PeriodKind | str, day: dt.date) -> ReportingPeriod:
        """The period of ``kind`` whose data include ``day`` (the 15th opens the next)."""
        kind = PeriodKind(kind)
        if kind is PeriodKind.CUSTOM:
            raise CalendarError("a custom period has no fixed grid; give its start and end")
        try:
            shifted = day + relativedelta(months=1) if day.day > _CUT_OFF_DAY else day
        except (ValueError, OverflowError):
            raise CalendarError(f"{day}: outside the years urbangov handles") from None
        months = _MONTHS[kind]
        last = ((shifted.month - 1) // months + 1) * months
        if kind is PeriodKind.MONTH:
            return cls.month(shifted.year, last)
        if kind is PeriodKind.QUARTER:
            return cls.quarter(shifted.year, last // 3)
        if kind is PeriodKind.HALF_YEAR:
            return cls.half_year(shifted.year, last // 6)
        return cls.year(shifted.year)

    @classmethod
    def _ending(cls, kind: PeriodKind, label: str, year: int, month: int) -> ReportingPeriod:
        _check(month, 1, 12, "month")
        try:
            end = dt.date(year, month, _CUT_OFF_DAY)
            start = end - relativedelta(months=_MONTHS[kind]) + dt.timedelta(days=1)
        except (ValueError, OverflowError):
            raise CalendarError(f"period {label}: outside the years urbangov handles") from None
        return cls(kind, label, start, end)


def _check(value: int, low: int, high: int, what: str) -> None:
    if not low <= value <= high:
        raise CalendarError(f"{what} must be between {low} and {high}, not {value}")


_PATTERNS: Final[tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], ReportingPeriod]], ...]] = (
    (re.compile(r"(\d{4})-(\d{2})"), lambda m: ReportingPeriod.month(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})-[Qq]([1-4])"), lambda m: ReportingPeriod.quarter(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})-[Hh]([12])"), lambda m: ReportingPeriod.half_year(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})"), lambda m: ReportingPeriod.year(int(m[1]))),
)


def parse_period(text: str) -> ReportingPeriod:
    """A period from ``2021-04``, ``2021-Q2``, ``2021-H1``, ``2021`` or
    ``2021-03-01..2021-03-31`` (custom, both ends included).

    >>> parse_period("2021-H1").start
    datetime.date(2020, 12, 15)
    """
    text = text.strip()
    if ".." in text:
        first, _, last = text.partition("..")
        try:
            start, end = dt.date.fromisoformat(first.strip()), dt.date.fromisoformat(last.strip())
        except ValueError as exc:
            raise CalendarError(f"period {text!r}: {exc}") from None
        return ReportingPeriod.custom(start, end)
    for pattern, build in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return build(match)
            except CalendarError as exc:
                raise CalendarError(f"period {text!r}: {exc}") from None
    raise CalendarError(f"period {text!r}: expected YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY or START..END")
