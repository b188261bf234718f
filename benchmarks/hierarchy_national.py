"""The hierarchy benchmark: a synthetic national hierarchy, as-of queries, the shipped data.

    .venv/bin/python -m benchmarks.hierarchy_national [--quick] [--out FILE]

The synthetic country has Vietnam's 2025 shape at the end: 34 province-level units and
3,321 commune-level units. It starts on 2016-01-01 with 700 district-level units and
more communes, and over ten years goes through renames, merges (two communes become a
new one) and reparents (a commune moves to another district of its province); on
2025-07-01 the district level ends and every commune is reparented to its province, as
in the 2025 reform. The queries (parent, children, ancestors, find by code) are on
random dates of units that exist then; the baseline answers the same queries by a
plain linear scan over the units, as code without an index would.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._measure import Report, Row, Stats, rate, timeit, worker_main  # noqa: E402
from urbangov.errors import HierarchyError  # noqa: E402
from urbangov.hierarchy import (  # noqa: E402
    AdministrativeUnit,
    ChangeEvent,
    Dated,
    EventUnit,
    Hierarchy,
    UnitCode,
    UnitKind,
)

__all__ = ["generate", "main", "national_job", "queries"]

START, REFORM, END = dt.date(2016, 1, 1), dt.date(2025, 7, 1), dt.date(2025, 12, 31)
PROVINCES, DISTRICTS, COMMUNES = 34, 700, 3_321
MERGES, RENAMES, REPARENTS = 1_200, 600, 800
SHIPPED_FLOOR = 0.2  # seconds: load the shipped HCMC data + one as-of query
_DAY = dt.timedelta(days=1)
_WORDS = (
    "An Bình Phú Thạnh Long Hòa Tân Đông Tây Phước Lộc Thủy Hưng Mỹ Sơn Trung Nghĩa "
    "Thuận Quang Đức Hiệp Thới Xuân Hải Vĩnh Khánh Điền Lợi Thọ Linh"
)
_SYLLABLES = tuple(_WORDS.split())


@dataclass
class _Unit:
    """A unit while the ten years are generated; frozen into an AdministrativeUnit."""

    id: str
    kind: UnitKind
    code: str
    names: list[list[object]] = field(default_factory=list)  # [name, from, to]
    parents: list[list[object]] = field(default_factory=list)  # [parent, from, to]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def close(self, day: dt.date) -> None:
        """End the unit (and its open name and parent) the day before ``day``."""
        self.valid_to = day - _DAY
        for dated in (self.names[-1], self.parents[-1] if self.parents else None):
            if dated is not None and dated[2] is None:
                dated[2] = day - _DAY

    def frozen(self) -> AdministrativeUnit:
        return AdministrativeUnit(
            self.id,
            names=[Dated(n, f, t) for n, f, t in self.names],  # type: ignore[arg-type]
            kinds=[Dated(self.kind, self.valid_from, self.valid_to)],
            parents=[Dated(p, f, t) for p, f, t in self.parents],  # type: ignore[arg-type]
            codes=[UnitCode("gso", self.code, self.valid_from, self.valid_to)],
            valid_from=self.valid_from,
            valid_to=self.valid_to,
        )


def _name(rng: random.Random, prefix: str) -> str:
    return f"{prefix} {rng.choice(_SYLLABLES)} {rng.choice(_SYLLABLES)}"


def generate(seed: int = 2025) -> tuple[list[AdministrativeUnit], list[ChangeEvent]]:
    """The synthetic country: its units and the change events of ten years."""
    rng = random.Random(seed)
    units: dict[str, _Unit] = {}
    codes = iter(range(10_000, 99_999))
    provinces = []
    for p in range(PROVINCES):
        level = UnitKind.CENTRALLY_RUN_CITY if p < 6 else UnitKind.PROVINCE
        unit = _Unit(f"p{p:02d}", level, f"{p:02d}", [[_name(rng, "Tỉnh"), None, None]])
        units[unit.id] = unit
        provinces.append(unit.id)
    districts: dict[str, list[str]] = {p: [] for p in provinces}
    for d in range(DISTRICTS):
        province = provinces[d % PROVINCES]
        unit = _Unit(
            f"{province}/d{d:03d}",
            UnitKind.RURAL_DISTRICT,
            f"{100 + d}",
            [[_name(rng, "Huyện"), None, None]],
            [[province, None, REFORM - _DAY]],
            valid_to=REFORM - _DAY,
        )
        units[unit.id] = unit
        districts[province].append(unit.id)
    live: list[str] = []
    where: dict[str, str] = {}  # commune -> its district now

    def commune(district: str, day: dt.date | None) -> _Unit:
        unit = _Unit(
            f"c{len(units):05d}",
            UnitKind.COMMUNE,
            str(next(codes)),
            [[_name(rng, "Xã"), day, None]],
            [[district, day, None]],
            valid_from=day,
        )
        units[unit.id] = unit
        live.append(unit.id)
        where[unit.id] = district
        return unit

    all_districts = [d for ds in districts.values() for d in ds]
    for i in range(COMMUNES + MERGES):
        commune(all_districts[i % DISTRICTS], None)
    events: list[ChangeEvent] = []
    span = (REFORM - START).days - 1
    plan = ["merge"] * MERGES + ["rename"] * RENAMES + ["reparent"] * REPARENTS
    days = sorted(START + dt.timedelta(days=rng.randrange(1, span)) for _ in plan)
    rng.shuffle(plan)
    for n, (kind, day) in enumerate(zip(plan, days, strict=True)):
        picked = units[live[rng.randrange(len(live))]]
        if kind == "rename":
            picked.names[-1][2] = day - _DAY
            picked.names.append([_name(rng, "Xã"), day, None])
            sources, results = [picked.id], [picked.id]
        elif kind == "reparent":
            province = where[picked.id].split("/")[0]
            target = rng.choice(districts[province])
            picked.parents[-1][2] = day - _DAY
            picked.parents.append([target, day, None])
            where[picked.id] = target
            sources, results = [picked.id], [picked.id]
        else:
            district = where[picked.id]
            mates = [c for c in live if where[c] == district and c != picked.id] or [
                c for c in live if c != picked.id
            ]
            other = units[rng.choice(mates)]
            for gone in (picked, other):
                gone.close(day)
                live.remove(gone.id)
            sources, results = [picked.id, other.id], [commune(district, day).id]
        events.append(
            ChangeEvent(
                f"e{n:05d}",
                kind,
                day,
                sources=[EventUnit(u) for u in sources],
                results=[EventUnit(u) for u in results],
            )
        )
    for c in live:  # the 2025 reform: districts end, communes go to their province
        unit = units[c]
        unit.parents[-1][2] = REFORM - _DAY
        unit.parents.append([where[c].split("/")[0], REFORM, None])
    assert len(live) == COMMUNES
    return [u.frozen() for u in units.values()], events


# -- the queries, and the naive baseline ------------------------------------------------

Query = tuple[str, str, dt.date]


def queries(units: list[AdministrativeUnit], n: int, seed: int = 7) -> list[Query]:
    """``n`` queries on random dates, each of a unit existing then, the kinds in turn."""
    rng = random.Random(seed)
    kinds = ("parent", "children", "ancestors", "find")
    out: list[Query] = []
    while len(out) < n:
        unit = rng.choice(units)
        first, last = unit.valid_from or START, unit.valid_to or END
        day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
        kind = kinds[len(out) % 4]
        if kind == "children" and unit.kind_on(day) is UnitKind.COMMUNE:
            unit = next(u for u in units if u.id == unit.parent_on(day))
        out.append((kind, unit.id, day))
    return out


def _run_hierarchy(h: Hierarchy, unit_codes: dict[str, str], qs: list[Query]) -> int:
    for kind, unit_id, day in qs:
        if kind == "parent":
            h.parent(unit_id, day)
        elif kind == "children":
            h.children(unit_id, day)
        elif kind == "ancestors":
            h.ancestors(unit_id, day)
        else:
            with contextlib.suppress(HierarchyError):  # codes are never reused here
                h.find(unit_codes[unit_id], day)
    return len(qs)


def _run_naive(units: list[AdministrativeUnit], qs: list[Query]) -> int:
    """The same answers by scanning the list of units (a dict only for ids)."""
    by_id = {u.id: u for u in units}
    for kind, unit_id, day in qs:
        unit = by_id[unit_id]
        if kind == "parent":
            _ = by_id.get(unit.parent_on(day) or "")
        elif kind == "children":
            _ = [u for u in units if u.exists_on(day) and u.parent_on(day) == unit_id]
        elif kind == "ancestors":
            line, up = [], unit.parent_on(day)
            while up is not None:
                line.append(by_id[up])
                up = by_id[up].parent_on(day)
        else:
            code = unit.codes[0].code
            _ = [u for u in units if u.exists_on(day) and u.codes_on(day).get("gso") == code]
    return len(qs)


# -- the shipped data ---------------------------------------------------------------------

_SHIPPED = """
import time
start = time.perf_counter()
import datetime as dt
from urbangov.io import shipped_hierarchy
imported = time.perf_counter()
hcmc = shipped_hierarchy("hcmc")
wards = hcmc.descendants("hcmc/thu-duc", dt.date(2021, 7, 1), kind="ward")
done = time.perf_counter()
assert len(wards) == 34
print(done - imported, done - start)
"""


def _shipped(reps: int) -> tuple[Stats, Stats]:
    """(load + query, imports + load + query), each in a fresh interpreter."""
    after, whole = [], []
    for _ in range(reps):
        done = subprocess.run(
            [sys.executable, "-c", _SHIPPED], capture_output=True, text=True, check=True
        )
        a, w = map(float, done.stdout.split())
        after.append(a)
        whole.append(w)
    return Stats.of(after), Stats.of(whole)


def national_job(quick: bool) -> Report:
    report = Report()
    reps = 3 if quick else 5
    units, events = generate()
    size = f"{PROVINCES} prov / {len(units):,} units / {len(events):,} events"
    build = timeit(lambda: Hierarchy(units, events), reps, warmup=1)
    report.rows.append(Row.timed("6", "build the synthetic national Hierarchy", size, build))
    h = Hierarchy(units, events)
    unit_codes = {u.id: u.codes[0].code for u in units}
    qs = queries(units, 10_000)
    ours = rate(lambda: _run_hierarchy(h, unit_codes, qs), reps, warmup=1)
    naive_qs = qs[: 1_000 if quick else 2_000]
    naive = rate(lambda: _run_naive(units, naive_qs), 1 if quick else 3, warmup=0)
    first = timeit(lambda: _run_hierarchy(Hierarchy(units, events), unit_codes, qs), 1, 0)
    report.rows.append(
        Row.timed(
            "6",
            "naive baseline: linear scan over the units",
            f"{len(naive_qs):,} queries",
            naive,
            unit="/s",
            ratio=1.0,
            ratio_of="baseline",
        )
    )
    report.rows.append(
        Row.timed(
            "6",
            "Hierarchy: parent/children/ancestors/find as of a date",
            "10,000 queries",
            ours,
            unit="/s",
            ratio=ours.median / naive.median,
            ratio_of="this / naive",
            note=f"build + 10,000 queries from scratch (find index included): {first.median:.2f} s",
        )
    )
    load, whole = _shipped(reps)
    report.rows.append(
        Row.timed(
            "6",
            "shipped HCMC: load + one as-of query (fresh process)",
            "521 units",
            load,
            floor=f"< {SHIPPED_FLOOR} s",
            ok=load.median < SHIPPED_FLOOR,
        )
    )
    report.rows.append(
        Row.timed(
            "6",
            "shipped HCMC: imports + load + query (fresh process)",
            "521 units",
            whole,
            note="imports compile from source when PYTHONDONTWRITEBYTECODE is set",
        )
    )
    return report


def main(argv: list[str] | None = None) -> int:
    return worker_main(national_job, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
