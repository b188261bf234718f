"""Hierarchy files: errors that name the file, the key and the unit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from urbangov.errors import HierarchyFileError
from urbangov.io import hierarchy_from_dict, load_hierarchy

CITY = {"id": "c", "names": [{"name": "Thành phố C"}], "kinds": [{"kind": "centrally_run_city"}]}


def _ward(**extra: object) -> dict[str, object]:
    return {
        "id": "w",
        "names": [{"name": "Phường W", "from": "2021-01-01"}],
        "kinds": [{"kind": "ward"}],
        "parents": [{"parent": "c"}],
    } | extra


def test_a_file_and_a_folder(tmp_path: Path) -> None:
    single = tmp_path / "h.json"
    single.write_text(json.dumps({"units": [CITY, _ward()]}), encoding="utf-8")
    assert len(load_hierarchy(single)) == 2
    folder = tmp_path / "h"
    folder.mkdir()
    (folder / "units.json").write_text(json.dumps([CITY, _ward()]), encoding="utf-8")
    (folder / "events.json").write_text("[]", encoding="utf-8")
    assert load_hierarchy(folder).find("W").id == "w"


@pytest.mark.parametrize(
    ("units", "where", "what"),
    [
        (
            [CITY, _ward(kinds=[{"kind": "village"}])],
            "units[1] (id 'w').kinds[0].kind",
            "expected one of",
        ),
        (
            [CITY, _ward(names=[{"name": "W", "from": "2021-02-30"}])],
            "units[1] (id 'w').names[0].from",
            "no such date",
        ),
        ([CITY, _ward(colour="red")], "units[1] (id 'w')", "unknown key 'colour'"),
        ([CITY, _ward(parents=[{"parent": "x"}])], "units[1] (id 'w')", "unknown parent 'x'"),
        ([CITY, CITY], "units[1] (id 'c')", "duplicate unit id 'c'"),
    ],
)
def test_errors_say_where(units: list[object], where: str, what: str) -> None:
    with pytest.raises(HierarchyFileError) as info:
        hierarchy_from_dict({"units": units}, source="h.json")
    assert info.value.location == where
    assert what in str(info.value)
    assert str(info.value).startswith(f"h.json: {where}: ")
