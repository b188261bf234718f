"""Regenerate the public-holiday snapshot shipped with urbangov.

The snapshot is the `holidays` package's own output, stamped with its version. It
exists only because importing `holidays` and computing a year costs about 0.25 s,
too much for a command that should answer in a fraction of a second. The days'
names are kept too (English, Vietnamese and the package's default), used only while
the installed `holidays` is the version that made them. At run time
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


#: The names kept, by the ``language`` urbangov asks for (``None``: the package's own).
LANGUAGES = {"default": None, "en": "en", "vi": "vi"}


def snapshot(
    country: str, first: int, last: int, announced: int
) -> tuple[dict[str, object], dict[str, object]]:
    """The days (read at every start) and, apart, their names (read when asked for)."""
    years = range(first, last + 1)
    table = holidays.country_holidays(country, years=years)
    make_up = sorted(d for d in table.weekend_workdays if first <= d.year <= last)
    names = {
        key: {
            d.isoformat(): name
            for d, name in sorted(
                holidays.country_holidays(country, years=years, language=language).items()
            )
        }
        for key, language in LANGUAGES.items()
    }
    return {
        "source": f"holidays {holidays.__version__}",
        "country": country,
        "version": holidays.__version__,
        "first_year": first,
        "last_year": last,
        "announced_through": announced,
        "holidays": sorted(d.isoformat() for d in table),
        "working_days": [d.isoformat() for d in make_up],
    }, {"version": holidays.__version__, "names": names}


def main() -> None:
    country, first, last, announced = sys.argv[1], *map(int, sys.argv[2:5])
    days, names = snapshot(country, first, last, announced)
    for path, data in (
        (DATA / f"holidays-{country.lower()}.json", days),
        (DATA / f"holiday-names-{country.lower()}.json", names),
    ):
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
