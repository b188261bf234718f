"""The shipped holiday snapshot is the `holidays` package's own output."""

from __future__ import annotations

import importlib.metadata

import holidays
import pytest

from urbangov.calendar._calendar import (
    _installed_holidays_version,
    _named_holidays,
    _snapshot,
    _snapshot_names,
)

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


@pytest.mark.parametrize("language", [None, "en", "vi"])
def test_the_shipped_names_are_the_packages(language: str | None) -> None:
    """While the installed `holidays` made them; another version names days live."""
    names = _snapshot_names("VN", "default" if language is None else language)
    snapshot = _snapshot("VN")
    assert snapshot is not None
    if snapshot.version != INSTALLED:
        assert names is None
        return
    assert names is not None
    for year in names.years:
        live = holidays.country_holidays("VN", years=year, language=language)
        assert names.by_year.get(year, {}) == dict(live), year


def test_names_of_a_language_not_shipped_are_computed() -> None:
    assert _snapshot_names("VN", "th") is None
    assert _named_holidays("VN", 2026, "th") == dict(
        holidays.country_holidays("VN", years=2026, language="th")
    )
