"""Tasks as columns: the way to build a plan of many generated or imported tasks.

A plan of 100,000 :class:`~urbangov.plan.Task` objects costs more to build than to
schedule. A :class:`TaskTable` keeps the same facts as columns (one list per field,
one row per task; links as four columns of their own), checks them in bulk with the
same rules and messages a :class:`Task` applies (every bad value names its row and
task), and is a read-only sequence of :class:`Task`: an object is made only for a
row someone reads. The scheduler reads the columns directly.

The columns are a task's id, title, duration, links, constraint and its date, deadline,
lead, unit and ``part_of``: what generated and imported plans carry. A task that needs
``supporting`` organs, an ``accountable`` post or a cascade is a :class:`Task`.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Collection, Iterator, Sequence
from itertools import repeat
from typing import Any, Final, final, overload

from urbangov.errors import ConstraintError, DuplicateTaskError, PlanError, UnknownTaskError
from urbangov.plan._model import (
    MAX_DAYS,
    ConstraintType,
    Dependency,
    DependencyType,
    Task,
    nfc,
)

__all__ = ["TaskTable"]

_TYPES: Final = {kind.value: kind for kind in DependencyType} | {k: k for k in DependencyType}
_KINDS: Final = {kind.value: kind for kind in ConstraintType} | {k: k for k in ConstraintType}


def _where(row: int, task_id: object) -> str:
    return f"row {row} (id {task_id!r})"


@final
class TaskTable(Sequence[Task]):
    """Tasks as columns, checked once, read as :class:`Task` objects on demand.

    >>> from urbangov.plan import TaskTable
    >>> table = TaskTable.of(
    ...     ids=["draft", "review"], titles=["Soạn thảo", "Thẩm định"], durations=[5, 3],
    ...     link_from=["draft"], link_to=["review"], link_lag=[1],
    ... )
    >>> table[1]
    Task(id='review', title='Thẩm định', duration=3, depends=(Dependency(task='draft', ...),), ...)
    """

    __slots__ = (
        "_by_row",
        "_made",
        "constraint_dates",
        "constraints",
        "deadlines",
        "durations",
        "groups_named",
        "ids",
        "leads",
        "link_from",
        "link_lag",
        "link_to",
        "link_type",
        "notes",
        "part_of",
        "positions",
        "titles",
        "units",
    )

    ids: list[str]
    titles: list[str]
    durations: list[int]
    #: Links as rows of the table: predecessor row, successor row, type, lag.
    link_from: list[int]
    link_to: list[int]
    link_type: list[DependencyType]
    link_lag: list[int]
    constraints: list[ConstraintType] | None
    constraint_dates: list[dt.date | None] | None
    deadlines: list[dt.date | None] | None
    leads: list[str | None] | None
    units: list[str | None] | None
    part_of: list[str | None] | None
    notes: list[str | None] | None
    #: The ids in ``part_of`` that are groups, not rows (the plan checks they are).
    groups_named: frozenset[str]
    #: Row by task id.
    positions: dict[str, int]
    _by_row: dict[int, list[int]] | None
    _made: dict[int, Task]

    @classmethod
    def of(
        cls,
        *,
        ids: Sequence[str],
        titles: Sequence[str],
        durations: Sequence[int],
        link_from: Sequence[str | int] = (),
        link_to: Sequence[str | int] = (),
        link_type: Sequence[DependencyType | str] | None = None,
        link_lag: Sequence[int] | None = None,
        constraints: Sequence[ConstraintType | str] | None = None,
        constraint_dates: Sequence[dt.date | None] | None = None,
        deadlines: Sequence[dt.date | None] | None = None,
        leads: Sequence[str | None] | None = None,
        units: Sequence[str | None] | None = None,
        part_of: Sequence[str | None] | None = None,
        groups: Collection[str] = (),
        notes: Sequence[str | None] | None = None,
    ) -> TaskTable:
        """A table from columns, one value per task (``ids``, ``titles``, ...) and one
        per link (``link_from`` and ``link_to`` name tasks by id or by row; type FS
        and lag 0 when not given). ``part_of`` names a row's task or one of ``groups``,
        the ids of the plan's :class:`~urbangov.plan.Group` objects.

        Raises:
            PlanError: a value a :class:`Task` or :class:`Dependency` would refuse,
                naming its row and task (``DuplicateTaskError``, ``UnknownTaskError``
                and ``ConstraintError`` as a task would raise them).
        """
        self = cls.__new__(cls)
        n = len(ids)
        for name, column in (("titles", titles), ("durations", durations)):
            _same_length(name, column, n)
        self.ids = _text_ids(ids)
        positions = {task_id: row for row, task_id in enumerate(self.ids)}
        if len(positions) != n:
            _duplicate(self.ids)
        self.positions = positions
        self.titles = _titles(titles, self.ids)
        self.durations = _durations(durations, self.ids)
        self.link_from, self.link_to, self.link_type, self.link_lag = _links(
            self, link_from, link_to, link_type, link_lag
        )
        self.constraints, self.constraint_dates = _constraints(self, constraints, constraint_dates)
        self.deadlines = _dates("deadlines", deadlines, self.ids)
        self.leads = _optional_ids("leads", leads, self.ids)
        self.units = _optional_ids("units", units, self.ids)
        self.notes = _optional_ids("notes", notes, self.ids)
        self.part_of = _optional_ids("part_of", part_of, self.ids)
        self.groups_named = frozenset()
        if self.part_of is not None:
            allowed = frozenset(nfc(g) for g in groups)
            named: set[str] = set()
            for row, parent in enumerate(self.part_of):
                if parent is None or parent in positions:
                    continue
                if parent in allowed:
                    named.add(parent)
                else:
                    raise UnknownTaskError(
                        f"task {self.ids[row]!r} is part of unknown task {parent!r}",
                        task_id=self.ids[row],
                    )
            self.groups_named = frozenset(named)
        self._by_row = None
        self._made = {}
        return self

    # -- the sequence of tasks ---------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Task: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Task]: ...
    def __getitem__(self, index: int | slice) -> Task | Sequence[Task]:
        if isinstance(index, slice):
            return [self._task(row) for row in range(len(self))[index]]
        return self._task(range(len(self))[index])

    def __iter__(self) -> Iterator[Task]:
        return (self._task(row) for row in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"TaskTable({len(self)} tasks, {len(self.link_from)} links)"

    def _task(self, row: int) -> Task:
        made: dict[int, Task] = self._made
        task = made.get(row)
        if task is None:
            task = made[row] = self._make(row)
        return task

    def _make(self, row: int) -> Task:
        ids = self.ids
        depends = [
            Dependency(ids[self.link_from[e]], self.link_type[e], self.link_lag[e])
            for e in self._links_into(row)
        ]

        def pick(column: list[Any] | None) -> Any:
            return None if column is None else column[row]

        return Task(
            ids[row],
            self.titles[row],
            self.durations[row],
            depends=depends,
            constraint=ConstraintType.ASAP if self.constraints is None else self.constraints[row],
            constraint_date=pick(self.constraint_dates),
            deadline=pick(self.deadlines),
            lead=pick(self.leads),
            unit=pick(self.units),
            part_of=pick(self.part_of),
            notes=pick(self.notes),
        )

    def _links_into(self, row: int) -> list[int]:
        """The links whose successor is ``row``, in the order they were given."""
        if self._by_row is None:
            by_row: dict[int, list[int]] = {}
            for e, successor in enumerate(self.link_to):
                by_row.setdefault(successor, []).append(e)
            self._by_row = by_row
        found: list[int] = self._by_row.get(row, [])
        return found


# -- checking columns ------------------------------------------------------------------


def _same_length(name: str, column: Sequence[Any], n: int) -> None:
    if len(column) != n:
        raise PlanError(f"{name} has {len(column)} values for {n} tasks")


def _text_ids(values: Sequence[object]) -> list[str]:
    """Ids checked in bulk: all non-empty ASCII strings (the common case) in a few
    passes in C, else one by one, normalised to NFC."""
    ids = list(values)
    if (
        set(map(type, ids)) <= {str}
        and "".join(ids).isascii()  # type: ignore[arg-type]
        and all(map(len, ids))  # type: ignore[arg-type]
        and not any(map(str.isspace, ids))  # type: ignore[arg-type]
    ):
        return ids  # type: ignore[return-value]  # all str
    return [_text_id(value, row) for row, value in enumerate(ids)]


def _titles(values: Sequence[object], ids: list[str]) -> list[str]:
    titles = list(values)
    if set(map(type, titles)) <= {str} and "".join(titles).isascii():  # type: ignore[arg-type]
        return titles  # type: ignore[return-value]  # all str
    return [_title(value, row, ids[row]) for row, value in enumerate(titles)]


def _text_id(value: object, row: int) -> str:
    if type(value) is str and value.isascii() and value.strip():
        return value
    if not isinstance(value, str) or not value.strip():
        raise PlanError(f"row {row}: id must be a non-empty string, not {value!r}")
    return nfc(value)


def _title(value: object, row: int, task_id: str) -> str:
    if type(value) is str:
        return value if value.isascii() else nfc(value)
    raise PlanError(
        f"{_where(row, task_id)}: title must be a string, not {value!r}", task_id=task_id
    )


def _duplicate(ids: list[str]) -> None:
    seen: set[str] = set()
    for task_id in ids:
        if task_id in seen:
            raise DuplicateTaskError(f"duplicate task id {task_id!r}", task_id=task_id)
        seen.add(task_id)


def _durations(values: Sequence[int], ids: list[str]) -> list[int]:
    out = list(values)
    row = _first_not_whole(out, 0, MAX_DAYS) if out else None
    if row is not None:
        value = out[row]
        task_id = ids[row]
        if not isinstance(value, int) or isinstance(value, bool):
            why = f"must be a whole number of working days, not {value!r}"
        elif value < 0:
            why = f"cannot be negative ({value})"
        else:
            why = f"{value} is out of range (at most {MAX_DAYS} working days)"
        raise PlanError(f"task {task_id!r}: duration {why}", task_id=task_id)
    return out


def _links(
    table: TaskTable,
    link_from: Sequence[str | int],
    link_to: Sequence[str | int],
    link_type: Sequence[DependencyType | str] | None,
    link_lag: Sequence[int] | None,
) -> tuple[list[int], list[int], list[DependencyType], list[int]]:
    m = len(link_from)
    _same_length("link_to", link_to, m)
    sources = _rows(table, link_from, "link_from")
    targets = _rows(table, link_to, "link_to")
    if m and _any_equal(sources, targets):
        e = next(e for e in range(m) if sources[e] == targets[e])
        task_id = table.ids[targets[e]]
        raise PlanError(f"task {task_id!r} depends on itself", task_id=task_id)
    if link_type is None:
        types = [DependencyType.FS] * m
    else:
        _same_length("link_type", link_type, m)
        found = list(map(_TYPES.get, link_type))
        if None in found:
            e = found.index(None)
            choices = " ".join(k.value for k in DependencyType)
            task_id = table.ids[targets[e]]
            raise PlanError(
                f"link {e} into {task_id!r}: type must be one of {choices}, not {link_type[e]!r}",
                task_id=task_id,
            )
        types = found  # type: ignore[assignment]  # no None left
    if link_lag is None:
        lags = [0] * m
    else:
        _same_length("link_lag", link_lag, m)
        lags = list(link_lag)
        bad = _first_not_whole(lags, -MAX_DAYS, MAX_DAYS)
        if bad is not None:
            task_id = table.ids[targets[bad]]
            raise PlanError(
                f"link {bad} from {table.ids[sources[bad]]!r} into {task_id!r}: lag "
                f"{lags[bad]!r} must be a whole number of working days within {MAX_DAYS} "
                "either way",
                task_id=task_id,
            )
    return sources, targets, types, lags


def _any_equal(a: list[int], b: list[int]) -> bool:
    import numpy as np

    return bool((np.asarray(a) == np.asarray(b)).any())


def _all_int(values: Sequence[object]) -> bool:
    """Whether every value is exactly an ``int`` (not a bool): one pass in C."""
    return set(map(type, values)) <= {int}


def _first_not_whole(values: list[Any], low: int, high: int) -> int | None:
    """The position of the first value that is not a whole number (an ``int``, not a
    bool or a float) in ``[low, high]``; checked in bulk when every value is an int."""
    import numpy as np

    def first() -> int | None:
        bad = (i for i, v in enumerate(values) if not (type(v) is int and low <= v <= high))
        return next(bad, None)

    if not _all_int(values):
        return first()
    try:
        array = np.array(values, dtype=np.int64)
    except OverflowError:  # beyond 64 bits: out of range anyway
        return first()
    outside = np.flatnonzero((array < low) | (array > high))
    return int(outside[0]) if outside.size else None


def _rows(table: TaskTable, values: Sequence[str | int], column: str) -> list[int]:
    """Each link end as a row: given as rows (checked in bulk) or as task ids."""
    n = len(table.ids)
    if _all_int(values):
        rows = list(values)
        bad = _first_not_whole(rows, 0, n - 1) if rows else None
        if bad is not None:
            raise PlanError(f"link {bad}: {column} row {rows[bad]} is not a row of the table")
        return rows  # type: ignore[return-value]  # all int
    positions = table.positions
    found = [positions.get(value) for value in values]  # type: ignore[arg-type]
    for e, row in enumerate(found):
        if row is None:
            value = values[e]
            row = positions.get(nfc(value)) if isinstance(value, str) else None
            if row is None:
                if type(value) is int:
                    raise PlanError(f"link {e}: {column} row {value} is not a row of the table")
                raise UnknownTaskError(f"link {e}: {column} names unknown task {value!r}")
            found[e] = row
    return found  # type: ignore[return-value]  # no None left


def _constraints(
    table: TaskTable,
    constraints: Sequence[ConstraintType | str] | None,
    dates: Sequence[dt.date | None] | None,
) -> tuple[list[ConstraintType] | None, list[dt.date | None] | None]:
    n = len(table.ids)
    kinds: list[ConstraintType] | None = None
    if constraints is not None:
        _same_length("constraints", constraints, n)
        found = list(map(_KINDS.get, constraints))  # looked up in C
        if None in found:
            row = found.index(None)
            choices = " ".join(k.value for k in ConstraintType)
            task_id = table.ids[row]
            raise ConstraintError(
                f"task {task_id!r}: constraint must be one of {choices}, not {constraints[row]!r}",
                task_id=task_id,
            )
        kinds = found  # type: ignore[assignment]  # no None left
    days = _dates("constraint_dates", dates, table.ids)
    flags = list(map(_DATED.__contains__, kinds)) if kinds is not None else [False] * n
    given = list(map(operator.is_not, days, repeat(None))) if days is not None else [False] * n
    if flags != given:
        row = next(r for r in range(n) if flags[r] != given[r])
        kind = ConstraintType.ASAP if kinds is None else kinds[row]
        day = None if days is None else days[row]
        task_id = table.ids[row]
        why = "needs a constraint_date" if kind.dated else f"takes no date (got {day})"
        raise ConstraintError(f"task {task_id!r}: constraint {kind} {why}", task_id=task_id)
    return kinds, days


_DATED: Final = frozenset(kind for kind in ConstraintType if kind.dated)
_DATE_TYPES: Final = frozenset({dt.date, type(None)})


def _dates(
    name: str, values: Sequence[dt.date | None] | None, ids: list[str]
) -> list[dt.date | None] | None:
    if values is None:
        return None
    _same_length(name, values, len(ids))
    out = list(values)
    if set(map(type, out)) <= _DATE_TYPES:  # one pass in C; the loop finds the culprit
        return out
    for row, value in enumerate(out):
        if value is not None and type(value) is not dt.date:
            task_id = ids[row]
            raise PlanError(
                f"task {task_id!r}: {name.rstrip('s')} must be a calendar date, not {value!r}",
                task_id=task_id,
            )
    return out


def _optional_ids(
    name: str, values: Sequence[object] | None, ids: list[str]
) -> list[str | None] | None:
    if values is None:
        return None
    _same_length(name, values, len(ids))
    out: list[str | None] = []
    for row, value in enumerate(values):
        if value is None or (type(value) is str and value.isascii()):
            out.append(value)
        elif isinstance(value, str):
            out.append(nfc(value))
        else:
            task_id = ids[row]
            raise PlanError(
                f"task {task_id!r}: {name} must be a string, not {value!r}", task_id=task_id
            )
    return out
