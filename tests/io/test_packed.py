"""Packed hierarchy files: the same facts as the readable form, loaded lazily when trusted,
checked when not, and bad content named by where it is."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from urbangov.errors import HierarchyError, HierarchyFileError
from urbangov.hierarchy import Hierarchy
from urbangov.io import hierarchy_from_dict, load_hierarchy, pack_hierarchy, shipped_hierarchy

DAYS = [dt.date(2020, 6, 1), dt.date(2021, 7, 1), dt.date(2025, 3, 1), dt.date(2025, 7, 15)]


def _found(hierarchy: Hierarchy, text: str, day: dt.date) -> str:
    """The unit's id, or the error's message (several units, or none, that day)."""
    try:
        return hierarchy.find(text, day).id
    except HierarchyError as exc:
        return str(exc)


def _same(a: Hierarchy, b: Hierarchy) -> None:
    assert [u.id for u in a] == [u.id for u in b]
    assert list(a) == list(b)
    assert a.events == b.events
    assert a.first_day == b.first_day


@pytest.mark.parametrize("trusted", [True, False])
def test_hcmc_packed_and_read_back_is_the_same_hierarchy(tmp_path: Path, trusted: bool) -> None:
    hcmc = shipped_hierarchy("hcmc")
    path = tmp_path / "hierarchy.json"
    path.write_text(json.dumps(pack_hierarchy(hcmc), ensure_ascii=False), encoding="utf-8")
    again = load_hierarchy(path, trusted=trusted)
    _same(hcmc, again)
    for day in DAYS:  # the same answers, through the lazy table's index and children
        for text in ("thu duc", "Quận 1", "769", "27094", "ben-nghe", "an khanh"):
            assert _found(again, text, day) == _found(hcmc, text, day)
        assert [u.id for u in again.descendants("hcmc", day)] == [
            u.id for u in hcmc.descendants("hcmc", day)
        ]
    assert again.succession("hcmc/quan-1/ben-nghe", DAYS[-1]) == hcmc.succession(
        "hcmc/quan-1/ben-nghe", DAYS[-1]
    )


def test_a_folder_with_a_packed_file_reads_it(tmp_path: Path) -> None:
    (tmp_path / "hierarchy.json").write_text(
        json.dumps(pack_hierarchy(shipped_hierarchy("hcmc"))), encoding="utf-8"
    )
    assert len(load_hierarchy(tmp_path)) == len(shipped_hierarchy("hcmc"))


def test_an_untrusted_packed_file_is_checked() -> None:
    packed = pack_hierarchy(shipped_hierarchy("hcmc"))
    packed["parents"][1] = 1  # the row is not changed: the checks read the rows
    row = json.loads(packed["units"][1])
    row[2] = [[1, None, None]]  # its own parent
    packed["units"][1] = json.dumps(row)
    with pytest.raises(HierarchyFileError, match="cycle of parents"):
        hierarchy_from_dict(packed, source="h.json")


@pytest.mark.parametrize(
    ("change", "message", "where"),
    [
        (lambda p: p.update(version=99), "version 99: this urbangov reads version 1", None),
        (lambda p: p.update(days=["2025-13-01"]), "ValueError", "days"),
        (lambda p: p["units"].__setitem__(3, "[1, 2]"), "ValueError", "units[3]"),
        (lambda p: p.update(ids=p["ids"][:-1]), "ValueError", "units"),
        (lambda p: p.update(events="[[1]]"), "ValueError", "events"),
    ],
)
def test_malformed_packed_content_says_where(
    change: object, message: str, where: str | None
) -> None:
    packed = pack_hierarchy(shipped_hierarchy("hcmc"))
    change(packed)  # type: ignore[operator]
    with pytest.raises(HierarchyFileError, match=message) as info:
        hierarchy_from_dict(packed, source="h.json")
    assert info.value.location == where
    assert "h.json" in str(info.value)


def test_packing_gives_the_same_bytes_whatever_the_hash_seed() -> None:
    """A package's data file is built twice to the same bytes (reviewable diffs)."""
    code = (
        "import json; from urbangov.io import pack_hierarchy, shipped_hierarchy; "
        "print(json.dumps(pack_hierarchy(shipped_hierarchy('hcmc')), ensure_ascii=False))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True, text=True, check=True, env=os.environ | {"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }  # fmt: skip
    assert len(runs) == 1
