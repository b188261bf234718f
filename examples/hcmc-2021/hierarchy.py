"""The seed article's questions about HCMC's map, answered as of a date.

    python examples/hcmc-2021/hierarchy.py [YYYY-MM-DD]

- Which units had no People's Council when the urban government began (2021-07-01)?
- Who answered for Phường Thảo Điền, and to whom did a matter go up from there?
  (``organisation.toml`` beside this script; its people are fictional placeholders.)
- Where did Quận 2's wards go when Thủ Đức City was formed (2021-01-01), and in 2025?
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from urbangov.hierarchy import OrganKind, organs_on
from urbangov.io import load_organisation, shipped_hierarchy

HERE = Path(__file__).resolve().parent


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

    organisation = load_organisation(HERE / "organisation.toml", hcmc)
    ward = hcmc.find("Thảo Điền", dt.date(2021, 7, 1))  # merged away on 2025-07-01
    answers = organisation.accountable(ward.id, on)
    if answers is None:
        print(f"\n{ward.latest_name} had no People's Committee on {on}")
    else:
        holder = answers.person.name if answers.person else "not known"
        print(f"\nOn {on}, {answers.post.title} answered for {ward.latest_name}: {holder}")
    print("Escalation chain:")
    for step in organisation.escalation(ward.id, on):
        holder = step.person.name if step.person else "not known"
        print(f"  {step.unit.name_on(on)}: {step.post.title} ({holder})")
    matter = "certification/copies-and-signatures"
    deciders = organisation.who_may_decide(matter, ward.id, on) if answers else ()
    print(f"Who may decide {matter!r} there:")
    for authority in deciders:
        via = " → ".join(d.id for d in authority.chain) or "own competence"
        print(f"  {authority.holder} ({via})")

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
