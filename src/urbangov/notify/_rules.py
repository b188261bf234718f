"""The notification rules: when to remind, repeat, escalate; as data, from ``[notify]``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, final

import attrs

from urbangov.errors import NotifyError

if TYPE_CHECKING:
    from urbangov.config import Config

__all__ = ["Rules", "rules_from_config"]


def _steps(value: Iterable[int]) -> tuple[int, ...]:
    """Working-day offsets, largest first, each once."""
    items = tuple(value)
    if any(isinstance(n, bool) or not isinstance(n, int) or n < 1 for n in items):
        raise NotifyError(f"expected whole numbers of working days of 1 or more, got {items!r}")
    return tuple(sorted(set(items), reverse=True))


def _at_least(low: int) -> Any:
    def check(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise NotifyError(f"{attribute.name} must be a whole number >= {low}, got {value!r}")

    return check


def _channels(value: Iterable[str]) -> tuple[str, ...]:
    items = tuple(value)
    if not items or not all(isinstance(c, str) and c.strip() for c in items):
        raise NotifyError(f"channels must name at least one channel, got {items!r}")
    return tuple(dict.fromkeys(c.strip() for c in items))


@final
@attrs.frozen
class Rules:
    """When notifications are due, in working days of the plan's calendar.

    A run decides, for each task, only the latest step due by its date (a missed run
    catches up with one message, not a backlog); the ledger sends each step once.

    >>> from urbangov.notify import Rules
    >>> Rules().before, Rules(before=[1, 10, 5]).before
    ((5, 1), (10, 5, 1))
    """

    #: Remind this many working days before a deadline (each once).
    before: tuple[int, ...] = attrs.field(default=(5, 1), converter=_steps)
    #: Remind on the deadline day itself.
    on_deadline: bool = True
    #: While overdue, remind whoever answers for the task every N working days.
    overdue_every: int = attrs.field(default=5, validator=_at_least(1))
    #: Go one level up the chain (the chair of the unit above) every N working days
    #: overdue; 0 never escalates.
    escalate_after: int = attrs.field(default=10, validator=_at_least(0))
    #: Alert about a task at risk at most every N working days; 0 never alerts.
    at_risk_every: int = attrs.field(default=5, validator=_at_least(0))
    #: Remind the members of the meeting organ this many working days before a meeting.
    meetings_before: tuple[int, ...] = attrs.field(default=(2,), converter=_steps)
    #: Only tasks with a deadline (else also those judged by their planned finish).
    deadlines_only: bool = False
    #: The channels ``urbangov notify`` sends through unless ``--channel`` is given.
    channels: tuple[str, ...] = attrs.field(default=("console",), converter=_channels)


@attrs.frozen
class _RulesTable:
    """``[notify]`` as written: lists, which become tuples."""

    before: list[int] = attrs.Factory(lambda: [5, 1])
    on_deadline: bool = True
    overdue_every: int = 5
    escalate_after: int = 10
    at_risk_every: int = 5
    meetings_before: list[int] = attrs.Factory(lambda: [2])
    deadlines_only: bool = False
    channels: list[str] = attrs.Factory(lambda: ["console"])


def rules_from_config(config: Config) -> Rules:
    """The rules of the configuration's ``[notify]`` table (the defaults without one).

    Raises:
        ConfigError: a wrong key or type, or a value out of range, with its key path.
    """
    from urbangov.errors import ConfigError

    table = config.section("notify")
    for key in ("before", "meetings_before", "channels"):  # text would become its letters
        if key in table and not isinstance(table.data[key], list):
            message = "expected a list"
            raise ConfigError(message, path=table.source, location=f"{table.path}.{key}")
    shape = table.structure(_RulesTable)
    try:
        return Rules(**attrs.asdict(shape))
    except NotifyError as exc:
        raise ConfigError(str(exc), path=table.source, location=table.path) from None
