"""Working calendars: which days count, and arithmetic in working days."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
from collections.abc import Iterable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Final, final

import attrs

from urbangov.calendar._index import CalendarIndex
from urbangov.errors import CalendarError

__all__ = ["BASE_CALENDARS", "WorkCalendar", "calendar_named"]

_from_ordinal = dt.date.fromordinal


def _date_set(values: Iterable[dt.date]) -> frozenset[dt.date]:
    out = frozenset(values)
    for value in out:
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise CalendarError(f"not a calendar date: {value!r}")
    return out


def _weekend(values: Iterable[int]) -> frozenset[int]:
    out = frozenset(values)
    if not out <= set(range(7)):
        raise CalendarError(f"weekend days are weekday numbers 0 (Mon) to 6 (Sun), not {out}")
    if len(out) == 7:
        raise CalendarError("a calendar needs at least one working weekday")
    return out


@final
@attrs.frozen
class WorkCalendar:
    """A set of working days: weekdays minus weekends and holidays, plus make-up days.

    ``public_holidays`` names a country whose public holidays (from the `holidays`
    package, which follows each year's government announcements) are non-working,
    and whose announced make-up Saturdays are working days. ``holidays`` and
    ``working_days`` are the plan's own adjustments and win over everything else.

    >>> cal = WorkCalendar.vietnam()
    >>> cal.add_working_days(dt.date(2021, 2, 9), 1)   # Tết 2021: 10-16 Feb
    datetime.date(2021, 2, 17)
    """

    name: str = "mon-fri"
    weekend: frozenset[int] = attrs.field(default=frozenset({5, 6}), converter=_weekend)
    public_holidays: str | None = None
    holidays: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_date_set)
    working_days: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_date_set)
    _index: CalendarIndex | None = attrs.field(
        default=None, init=False, eq=False, hash=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        clash = self.holidays & self.working_days
        if clash:
            days = ", ".join(sorted(d.isoformat() for d in clash))
            raise CalendarError(f"days listed both as holiday and as working day: {days}")

    @classmethod
    def vietnam(cls) -> WorkCalendar:
        """Monday to Friday minus Vietnam's public holidays (Labour Code 2019 Art. 112)."""
        return cls(name="vn", public_holidays="VN")

    @classmethod
    def mon_fri(cls) -> WorkCalendar:
        """Monday to Friday, no holidays."""
        return cls(name="mon-fri")

    def adjusted(
        self, *, holidays: Iterable[dt.date] = (), working_days: Iterable[dt.date] = ()
    ) -> WorkCalendar:
        """This calendar with extra non-working and extra working days."""
        extra_off, extra_on = _date_set(holidays), _date_set(working_days)
        return attrs.evolve(
            self,
            holidays=(self.holidays - extra_on) | extra_off,
            working_days=(self.working_days - extra_off) | extra_on,
        )

    # -- single-day questions ----------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day."""
        return self.index.is_working(day.toordinal())

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self._date(self.index.number(day.toordinal() + 1))

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before ``day``."""
        return self._date(self.index.number(day.toordinal()) - 1)

    def roll_forward(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the next working day."""
        return self._date(self.index.number(day.toordinal()))

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """Move ``n`` working days from ``day`` (negative ``n`` moves back).

        A non-working ``day`` first rolls forward to the next working day, as
        ``numpy.busday_offset(roll="forward")`` does; ``n = 0`` just rolls.
        """
        index = self._index or self.index  # the hot path: no property call
        return _from_ordinal(index.ordinal(index.number(day.toordinal()) + n))

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``[start, end)``; negative when ``end`` precedes ``start``."""
        index = self.index
        return index.number(end.toordinal()) - index.number(start.toordinal())

    def iter_working_days(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """The working days in ``[start, end)``, in order."""
        index = self.index
        for n in range(index.number(start.toordinal()), index.number(end.toordinal())):
            yield dt.date.fromordinal(index.ordinal(n))

    def public_holidays_in(self, year: int, *, language: str | None = None) -> dict[dt.date, str]:
        """The named public holidays of ``year`` (empty without ``public_holidays``)."""
        if self.public_holidays is None:
            return {}
        table = dict(_named_holidays(self.public_holidays, year, language))
        for day in _announced(self.public_holidays).values():
            if day.date.year != year:
                continue
            if day.working:
                table.pop(day.date, None)
            else:
                table[day.date] = (
                    day.name_vi if (language or "en").startswith("vi") else day.name_en
                )
        return {day: name for day, name in sorted(table.items()) if day not in self.working_days}

    def public_holiday_dates(self, year: int) -> frozenset[dt.date]:
        """The days of :meth:`public_holidays_in` without their names: read from the
        shipped snapshot where it holds the year, so the `holidays` package (100 ms to
        import) is not loaded for what needs only the dates."""
        if self.public_holidays is None:
            return frozenset()
        days = _holiday_dates(self.public_holidays, year)
        return frozenset(day for day in days if day not in self.working_days)

    # -- the index ---------------------------------------------------------------------

    @property
    def index(self) -> CalendarIndex:
        """The precomputed working-day table, built on first use."""
        index = self._index
        if index is None:
            index = _index_for(self)
            object.__setattr__(self, "_index", index)  # a cache, not state
        return index

    def _date(self, number: int) -> dt.date:
        return dt.date.fromordinal(self.index.ordinal(number))

    def _working_flags(self, first_ordinal: int, days: int) -> Iterator[bool]:
        """One flag per day from ``first_ordinal``: the rule behind the index."""
        first = dt.date.fromordinal(first_ordinal)
        last = dt.date.fromordinal(first_ordinal + days - 1) if days else first
        off: set[int] = {d.toordinal() for d in self.holidays}
        on: set[int] = {d.toordinal() for d in self.working_days}
        if self.public_holidays is not None:
            for year in range(first.year, last.year + 1):
                days_off = _holiday_dates(self.public_holidays, year)
                off.update(d.toordinal() for d in days_off if d.toordinal() not in on)
                on.update(
                    d.toordinal()
                    for d in _make_up_days(self.public_holidays, year)
                    if d.toordinal() not in off
                )
        weekend = self.weekend
        for ordinal in range(first_ordinal, first_ordinal + days):
            if ordinal in on:
                yield True
            elif ordinal in off:
                yield False
            else:
                yield (ordinal + 6) % 7 not in weekend  # ordinal 1 (0001-01-01) was a Monday


@functools.lru_cache(maxsize=64)
def _index_for(calendar: WorkCalendar) -> CalendarIndex:
    return CalendarIndex(calendar._working_flags)


def _named_holidays(country: str, year: int, language: str | None) -> dict[dt.date, str]:
    """The `holidays` package's named days of ``year``: the shipped names while the
    installed package is the version that made them, else computed."""
    names = _snapshot_names(country, "default" if language is None else language)
    if names is not None and year in names.years:
        return names.by_year.get(year, {})
    return _country_holidays(country, year, language)


@attrs.frozen
class _Names:
    """Shipped holiday names of one language, by year (``years``: those it covers)."""

    years: range
    by_year: dict[int, dict[dt.date, str]]


@functools.lru_cache(maxsize=16)
def _snapshot_names(country: str, language: str) -> _Names | None:
    """The shipped names in ``language`` (see ``scripts/snapshot_holidays.py``), when
    they are the installed `holidays`' own; else ``None``."""
    snapshot, shipped = _snapshot(country), _shipped_names(country)
    found = None if shipped is None else shipped.get(language)
    if snapshot is None or found is None:
        return None
    by_year: dict[int, dict[dt.date, str]] = {}
    for text, name in found.items():
        day = dt.date.fromisoformat(text)
        by_year.setdefault(day.year, {})[day] = name
    return _Names(range(snapshot.first_year, snapshot.last_year + 1), by_year)


@functools.cache
def _shipped_names(country: str) -> dict[str, dict[str, str]] | None:
    """``language -> {ISO day: name}`` as shipped, read once; ``None`` when there are
    none or another `holidays` version is installed."""
    resource = files("urbangov.calendar") / "data" / f"holiday-names-{country.lower()}.json"
    if not resource.is_file():
        return None
    data = json.loads(resource.read_text(encoding="utf-8"))
    if data["version"] != _installed_holidays_version():
        return None
    names: dict[str, dict[str, str]] = data["names"]
    return names


@functools.lru_cache(maxsize=1024)
def _country_holidays(country: str, year: int, language: str | None) -> dict[dt.date, str]:
    import holidays  # heavy: imported only when a calendar with public holidays is used

    try:
        table = holidays.country_holidays(country, years=year, language=language)
    except NotImplementedError as exc:
        raise CalendarError(f"no public-holiday data for country {country!r}") from exc
    return dict(table)


@functools.lru_cache(maxsize=1024)
def _holiday_dates(country: str, year: int) -> frozenset[dt.date]:
    """The days off of ``year``: the `holidays` package's (from the shipped snapshot
    when it holds the year), corrected by the announcements urbangov ships."""
    snapshot = _snapshot(country)
    if snapshot is not None and snapshot.covers(year):
        days = snapshot.holidays.get(year, frozenset())
    else:
        days = frozenset(_country_holidays(country, year, None))
    return _corrected(days, country, year, working=False)


@functools.lru_cache(maxsize=1024)
def _make_up_days(country: str, year: int) -> frozenset[dt.date]:
    """Weekend days the government declared working days (swapped holidays)."""
    snapshot = _snapshot(country)
    if snapshot is not None and snapshot.covers(year):
        days = snapshot.working_days.get(year, frozenset())
    else:
        import holidays

        table = holidays.country_holidays(country, years=year)
        days = frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year == year)
    return _corrected(days, country, year, working=True)


def _corrected(
    days: frozenset[dt.date], country: str, year: int, *, working: bool
) -> frozenset[dt.date]:
    """``days`` (all off, or all make-up working days) with the shipped announcements
    of ``year`` applied: an announced day of the other kind leaves, one of this kind
    joins."""
    announced = [a for a in _announced(country).values() if a.date.year == year]
    if not announced:
        return days
    joins = {a.date for a in announced if a.working is working}
    leaves = {a.date for a in announced if a.working is not working}
    return frozenset((days - leaves) | joins)


@attrs.frozen
class Announcement:
    """A day off or make-up working day the government announced, with its basis."""

    date: dt.date
    working: bool
    name_vi: str
    name_en: str
    basis: str


@functools.cache
def _announced(country: str) -> dict[dt.date, Announcement]:
    """The announcements shipped for ``country`` (``data/announced-xx.json``)."""
    resource = files("urbangov.calendar") / "data" / f"announced-{country.lower()}.json"
    if not resource.is_file():
        return {}
    data = json.loads(resource.read_text(encoding="utf-8"))
    found = (
        Announcement(
            date=dt.date.fromisoformat(item["date"]),
            working=bool(item["working"]),
            name_vi=item["name_vi"],
            name_en=item["name_en"],
            basis=item["basis"],
        )
        for item in data["days"]
    )
    return {a.date: a for a in found}


@attrs.frozen
class _Snapshot:
    """The `holidays` package's output, shipped to start fast (see
    ``scripts/snapshot_holidays.py``): all of it holds while the installed `holidays`
    is the version that made it; otherwise only the years already announced."""

    version: str
    first_year: int
    last_year: int
    announced_through: int
    holidays: dict[int, frozenset[dt.date]]
    working_days: dict[int, frozenset[dt.date]]

    def covers(self, year: int) -> bool:
        last = (
            self.last_year
            if self.version == _installed_holidays_version()
            else min(self.last_year, self.announced_through)
        )
        return self.first_year <= year <= last


@functools.cache
def _installed_holidays_version() -> str | None:
    """The installed `holidays` version, read from its metadata folder's name.

    ``importlib.metadata`` would take about 0.1 s; a missing or unusual install
    gives None, which only means computing more years live.
    """
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    site = Path(spec.origin).parent.parent
    found = [p.name for p in site.glob("holidays-*.dist-info")]
    if len(found) != 1:
        return None
    return found[0].removeprefix("holidays-").removesuffix(".dist-info")


def _by_year(days: Iterable[str]) -> dict[int, frozenset[dt.date]]:
    out: dict[int, set[dt.date]] = {}
    for text in days:
        day = dt.date.fromisoformat(text)
        out.setdefault(day.year, set()).add(day)
    return {year: frozenset(found) for year, found in out.items()}


@functools.cache
def _snapshot(country: str) -> _Snapshot | None:
    resource = files("urbangov.calendar") / "data" / f"holidays-{country.lower()}.json"
    if not resource.is_file():
        return None
    data = json.loads(resource.read_text(encoding="utf-8"))
    return _Snapshot(
        version=data["version"],
        first_year=data["first_year"],
        last_year=data["last_year"],
        announced_through=data["announced_through"],
        holidays=_by_year(data["holidays"]),
        working_days=_by_year(data["working_days"]),
    )


BASE_CALENDARS: Final = {"vn": WorkCalendar.vietnam(), "mon-fri": WorkCalendar.mon_fri()}


def calendar_named(name: str) -> WorkCalendar:
    """The built-in calendar called ``name`` (``"vn"`` or ``"mon-fri"``)."""
    try:
        return BASE_CALENDARS[name]
    except KeyError:
        known = ", ".join(sorted(BASE_CALENDARS))
        raise CalendarError(f"unknown calendar {name!r} (known: {known})") from None
