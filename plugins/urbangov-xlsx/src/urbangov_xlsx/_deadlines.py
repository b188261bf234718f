"""Deadlines as officials write them in a plan's appendix, and the day each one means.

The rule, for each phrase (any case, with or without diacritics):

==============================================  ==========================================
``30/6/2021``, ``Trước ngày 30/6/2021``,          that day
``Hoàn thành trước 15/5/2021``, ``Ngày 30/6``
``Tháng 5/2021``, ``tháng 5 năm 2021``            the last day of that month
``Quý II/2021``, ``Quý 2 năm 2021``               the last day of that quarter
``6 tháng đầu năm 2021``                          30 June of that year
``6 tháng cuối năm 2021``                         31 December of that year
``Năm 2021``, ``Trong năm 2021``                  31 December of that year
``Thường xuyên``, ``Hằng năm`` (continuing)       no deadline; the task is flagged
==============================================  ==========================================

A day or month without a year takes the year of the plan (``year``). Anything else is
an error that quotes the phrase: a deadline is never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import Final, final

import attrs

__all__ = ["Deadline", "parse_deadline"]

_ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@final
@attrs.frozen
class Deadline:
    """What a deadline phrase says: a day, or that the task is continuing."""

    day: dt.date | None
    continuing: bool = False


def _plain(text: str) -> str:
    """Lower case, no diacritics, đ as d, single spaces."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def _last_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str, year: int | None = None) -> Deadline:
    """The deadline ``text`` states (see the module for the rule).

    >>> parse_deadline("Quý II/2021").day
    datetime.date(2021, 6, 30)
    >>> parse_deadline("Thường xuyên")
    Deadline(day=None, continuing=True)

    Raises:
        ValueError: the phrase is not one of the rule's (the message quotes it).
    """
    plain = _plain(text)
    if not plain:
        return Deadline(None)
    if re.fullmatch(r"(thuong xuyen|hang nam|hang thang|hang quy|lien tuc)\.?", plain):
        return Deadline(None, continuing=True)
    found = _day(plain, year) or _period(plain, year)
    if found is None:
        raise ValueError(f"not a deadline urbangov understands: {text!r}")
    return Deadline(found)


def _year(found: str | None, year: int | None, text: str) -> int:
    if found:
        return int(found)
    if year is None:
        raise ValueError(f"{text!r} names no year, and the plan has none")
    return year


def _day(plain: str, year: int | None) -> dt.date | None:
    match = re.fullmatch(
        r"(?:(?:hoan thanh |xong )?truoc |den |ngay |trong ngay )*(?:ngay )?"
        r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?\.?",
        plain,
    )
    if match is None:
        return None
    day, month = int(match[1]), int(match[2])
    try:
        return dt.date(_year(match[3], year, plain), month, day)
    except ValueError as exc:
        if "no year" in str(exc):
            raise
        raise ValueError(f"not a day of the calendar: {plain!r} ({exc})") from None


def _period(plain: str, year: int | None) -> dt.date | None:
    plain = re.sub(r"^(truoc |trong |hoan thanh (trong |truoc )?|den (het )?|cuoi )", "", plain)
    match = re.fullmatch(r"thang (\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?\.?", plain)
    if match:
        return _last_of_month(_year(match[2], year, plain), int(match[1]))
    match = re.fullmatch(r"quy ([ivx]+|[1-4])(?:\s*(?:/|nam)\s*(\d{4}))?\.?", plain)
    if match:
        quarter = int(match[1]) if match[1].isdigit() else _ROMAN.get(match[1], 0)
        if not 1 <= quarter <= 4:
            return None
        return _last_of_month(_year(match[2], year, plain), 3 * quarter)
    match = re.fullmatch(r"6 thang (dau|cuoi) nam(?:\s*(\d{4}))?\.?", plain)
    if match:
        half_end = 6 if match[1] == "dau" else 12
        return _last_of_month(_year(match[2], year, plain), half_end)
    match = re.fullmatch(r"nam (\d{4})\.?", plain)
    if match:
        return dt.date(int(match[1]), 12, 31)
    return None
