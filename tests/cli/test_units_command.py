"""``urbangov units`` and ``urbangov lineage`` as a user types them."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "urbangov", *args], capture_output=True, text=True, check=False
    )


def test_the_wards_of_thu_duc_in_2021_as_json() -> None:
    done = run("units", "Thu Duc", "--as-of", "2021-07-01", "--kind", "ward", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["root"] == {
        "id": "hcmc/thu-duc",
        "name": "Thành phố Thủ Đức",
        "kind": "municipal_city",
        "parent": "hcmc",
        "codes": {"gso": "769"},
        "organs": ["people_council", "people_committee"],
    }
    assert len(data["units"]) == 34
    assert {"id", "name", "kind", "parent", "codes", "organs"} == set(data["units"][0])
    assert data["units"][0]["organs"] == ["people_committee"]  # Resolution 131


def test_the_table_and_the_lineage() -> None:
    table = run("units", "hcmc", "--as-of", "2025-07-01", "--depth", "1")
    assert "168 đơn vị" in table.stdout  # Vietnamese unless --lang en
    assert "168 units" in run("units", "hcmc", "--as-of", "2025-07-01", "--lang", "en").stdout
    lineage = run("lineage", "Thảo Điền", "--lang", "en")
    assert "2021-01-01 reparent" in lineage.stdout
    assert "1111/NQ-UBTVQH14" in lineage.stdout
    assert "01/01/2021 chuyển trực thuộc" in run("lineage", "Thảo Điền").stdout


def test_lineage_names_each_side_as_it_was() -> None:
    """An absorb that also renames is not "Phường 19 → Phường 19"; a dissolution has no
    empty target."""
    absorbed = run("lineage", "hcmc/binh-thanh/phuong-21", "--lang", "en").stdout
    assert "absorb: Phường 19 → Phường 19 (formerly Phường 21)" in absorbed
    assert "rename: Phường 21 → Phường 19 (" in absorbed
    dissolved = run("lineage", "hcmc/thu-duc", "--lang", "en").stdout
    assert "2025-07-01 dissolve: Thành phố Thủ Đức (203/2025/QH15)" in dissolved
    assert "→ \n" not in dissolved
    assert "→  " not in dissolved


def test_lineage_finds_what_units_finds() -> None:
    assert run("lineage", "thu-duc").stdout.startswith("Thành phố Thủ Đức (hcmc/thu-duc)")
    dated = run("lineage", "thu duc", "--as-of", "2021-07-01")
    assert dated.returncode == 0, dated.stderr
    assert dated.stdout.startswith("Thành phố Thủ Đức (hcmc/thu-duc)")
    vague = run("lineage", "thu duc")
    assert vague.returncode == 2
    assert "give a date (--as-of) or an id" in vague.stderr


def test_no_units_before_the_data_begin() -> None:
    done = run("units", "hcmc", "--as-of", "1990-01-01")
    assert done.returncode == 2
    assert done.stderr == (
        "error: the 'hcmc' data begin on 2021-01-01: it knows no unit before that day\n"
    )


def test_unknown_units_and_kinds_are_one_line_errors() -> None:
    done = run("units", "Quận 2", "--as-of", "2021-06-30")
    assert done.returncode == 2
    assert done.stderr == "error: no unit called 'Quận 2' on 2021-06-30\n"
    done = run("units", "hcmc", "--kind", "village")
    assert done.returncode == 2
    assert "'village' is not a unit kind" in done.stderr
    assert done.stderr.count("\n") == 1


def test_units_with_an_organisation_show_chairs_and_holders() -> None:
    example = "examples/hcmc-2021/organisation.toml"
    done = run("units", "Thủ Đức", "--as-of", "2021-07-01", "--kind", "ward", "--format", "json",
               "--organisation", example)  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["root"]["chair"]["holder"] == "Người giữ chức D (minh hoạ)"
    (ward,) = [u for u in data["units"] if u["id"] == "hcmc/thu-duc/thao-dien"]
    assert ward["chair"] == {
        "post": "hcmc/thu-duc/thao-dien/people_committee/chair",
        "title": "Chủ tịch Ủy ban nhân dân phường Thảo Điền",
        "holder": "Người giữ chức A (minh hoạ)",
    }
    table = run(
        "units", "Thủ Đức", "--as-of", "2021-07-01", "--depth", "1", "--organisation", example
    )
    assert "Người giữ chức A (minh hoạ)" in table.stdout
    assert "(chưa rõ)" in table.stdout
    bad = run("units", "hcmc", "--organisation", "nope.toml")
    assert bad.returncode == 2
    assert bad.stderr == "error: nope.toml: no such file\n"
