"""The seed article's questions about HCMC's map, answered as of a date.

    python examples/hcmc-2021/hierarchy.py [YYYY-MM-DD]

- Which units had no People's Council when the urban government began (2021-07-01)?
- Where did Quận 2's wards go when Thủ Đức City was formed (2021-01-01), and in 2025?
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter

from urbangov.hierarchy import OrganKind, organs_on
from urbangov.io import shipped_hierarchy


def main() -> None:
    on = dt.date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else dt.date(2021, 7, 1)
    hcmc = shipped_hierarchy("hcmc")

    without = [
        unit
        for unit in hcmc.descendants("hcmc", on)
        if OrganKind.PEOPLE_COUNCIL not in organs_on(hcmc, unit.id, on)
    ]
    kinds = Counter(str(unit.kind_on(on)) for unit in without)
    print(f"On {on}, {len(without)} units of HCMC had no People's Council: {dict(kinds)}")

    before = dt.date(2020, 12, 31)
    quan_2 = hcmc.find("Quận 2", before)
    print(f"\n{quan_2.name_on(before)} ({quan_2.id}) had these wards on {before}:")
    for ward in hcmc.children(quan_2.id, before):
        fates = [
            f"{event.effective} {event.kind.value} → "
            + ", ".join(f"{hcmc.unit(p.unit).latest_name} ({p.unit})" for p in event.results)
            for event in hcmc.lineage(ward.id)
        ]
        print(f"  {ward.name_on(before)}: " + ("; ".join(fates) or "unchanged"))


if __name__ == "__main__":
    main()
