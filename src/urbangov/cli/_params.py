"""Option types every command shares: dates and reporting periods that name the option
and say what is wrong with a value, not just that it "does not match the format"."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import click

__all__ = ["DATE", "PERIOD"]


class _Date(click.ParamType):  # type: ignore[type-arg]
    """A calendar day written YYYY-MM-DD."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            year, month, day = (int(part) for part in text.split("-"))
            try:
                return dt.date(year, month, day)
            except ValueError as exc:
                self.fail(f"{text!r} is not a day of the calendar ({exc})", param, ctx)
        return self.fail(f"{text!r} is not a date; write it as YYYY-MM-DD", param, ctx)


class _Period(click.ParamType):  # type: ignore[type-arg]
    """A reporting period (see :func:`urbangov.calendar.parse_period`)."""

    name = "period"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from urbangov.calendar import ReportingPeriod, parse_period
        from urbangov.errors import CalendarError

        if isinstance(value, ReportingPeriod):
            return value
        try:
            return parse_period(str(value))
        except CalendarError as exc:
            return self.fail(str(exc), param, ctx)


DATE: Any = _Date()
PERIOD: Any = _Period()
