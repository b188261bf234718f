"""The built-in working calendars: ``vn`` and ``mon-fri``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl

if TYPE_CHECKING:
    from urbangov.calendar import WorkCalendar


@hookimpl
def urbangov_register_calendars(register: Callable[[WorkCalendar], None]) -> None:
    from urbangov.calendar import BASE_CALENDARS

    for calendar in BASE_CALENDARS.values():
        register(calendar)
