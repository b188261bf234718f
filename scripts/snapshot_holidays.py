"""Regenerate the public-holiday snapshot shipped with urbangov.

The snapshot is the `holidays` package's own output for years whose days off the
government has already announced. It exists only because importing `holidays` and
computing a year costs about 0.25 s, too much for a command that should answer in
a fraction of a second; ``tests/calendar/test_snapshot.py`` checks it still equals
the installed `holidays` output. Years after ``last`` are always computed live.

    python scripts/snapshot_holidays.py VN 1995 2026
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import holidays

DATA = Path(__file__).resolve().parents[1] / "src" / "urbangov" / "calendar" / "data"


def snapshot(country: str, first: int, last: int) -> dict[str, object]:
    years = range(first, last + 1)
    table = holidays.country_holidays(country, years=years)
    make_up = sorted(d for d in table.weekend_workdays if first <= d.year <= last)
    return {
        "source": f"holidays {holidays.__version__}",
        "country": country,
        "first_year": first,
        "last_year": last,
        "holidays": sorted(d.isoformat() for d in table),
        "working_days": [d.isoformat() for d in make_up],
    }


def main() -> None:
    country, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    path = DATA / f"holidays-{country.lower()}.json"
    path.write_text(json.dumps(snapshot(country, first, last), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
