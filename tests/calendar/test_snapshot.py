"""The shipped holiday snapshot is the `holidays` package's own output."""

from __future__ import annotations

import importlib.metadata

import holidays

from urbangov.calendar._calendar import _installed_holidays_version, _snapshot

INSTALLED = importlib.metadata.version("holidays")


def test_the_snapshot_equals_the_installed_package() -> None:
    snapshot = _snapshot("VN")
    assert snapshot is not None
    same_version = snapshot.version == INSTALLED
    assert snapshot.covers(snapshot.announced_through)
    assert snapshot.covers(snapshot.last_year) == same_version
    for year in range(snapshot.first_year, snapshot.last_year + 1):
        if not snapshot.covers(year):
            continue
        table = holidays.country_holidays("VN", years=year)
        assert snapshot.holidays.get(year, frozenset()) == frozenset(table), year
        make_up = {d for d in table.weekend_workdays if d.year == year}
        assert snapshot.working_days.get(year, frozenset()) == make_up, year


def test_the_installed_version_is_found_without_importlib_metadata() -> None:
    assert _installed_holidays_version() == INSTALLED
