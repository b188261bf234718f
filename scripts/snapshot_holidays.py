"""Regenerate the public-holiday snapshot shipped with urbangov.

The snapshot is the `holidays` package's own output, stamped with its version. It
exists only because importing `holidays` and computing a year costs about 0.25 s,
too much for a command that should answer in a fraction of a second. At run time
urbangov uses all of it when the installed `holidays` is the version that made it,
and otherwise only the years up to ``announced`` (those whose days off the
government has already announced, which a newer `holidays` will not change);
other years are computed live. ``tests/calendar/test_snapshot.py`` checks it.

    python scripts/snapshot_holidays.py VN 1995 2035 2026
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import holidays

DATA = Path(__file__).resolve().parents[1] / "src" / "urbangov" / "calendar" / "data"


def snapshot(country: str, first: int, last: int, announced: int) -> dict[str, object]:
    years = range(first, last + 1)
    table = holidays.country_holidays(country, years=years)
    make_up = sorted(d for d in table.weekend_workdays if first <= d.year <= last)
    return {
        "source": f"holidays {holidays.__version__}",
        "country": country,
        "version": holidays.__version__,
        "first_year": first,
        "last_year": last,
        "announced_through": announced,
        "holidays": sorted(d.isoformat() for d in table),
        "working_days": [d.isoformat() for d in make_up],
    }


def main() -> None:
    country, first, last, announced = sys.argv[1], *map(int, sys.argv[2:5])
    path = DATA / f"holidays-{country.lower()}.json"
    data = snapshot(country, first, last, announced)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
