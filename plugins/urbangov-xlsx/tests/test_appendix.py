"""A plan's appendix table read from Excel: the header found by its labels, groups,
merged cells, several sheets, deadline phrases, and errors that say where."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font
from urbangov_xlsx._appendix import DEFAULT_DAYS, load_appendix
from urbangov_xlsx._deadlines import Deadline, parse_deadline

from urbangov.errors import PlanFileError
from urbangov.scheduling import schedule

D = dt.date
HEADER = [
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Sản phẩm",
]


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("Tháng 5/2021", D(2021, 5, 31)),
        ("tháng 5 năm 2021", D(2021, 5, 31)),
        ("Quý II/2021", D(2021, 6, 30)),
        ("Quý 4 năm 2021", D(2021, 12, 31)),
        ("Trước ngày 30/6/2021", D(2021, 6, 30)),
        ("Hoàn thành trước 15/5/2021", D(2021, 5, 15)),
        ("6 tháng đầu năm 2021", D(2021, 6, 30)),
        ("6 tháng cuối năm 2021", D(2021, 12, 31)),
        ("Năm 2021", D(2021, 12, 31)),
        ("30/6/2021", D(2021, 6, 30)),
        ("QUY II/2021", D(2021, 6, 30)),  # without diacritics, any case
    ],
)
def test_deadline_phrases(phrase: str, day: dt.date) -> None:
    assert parse_deadline(phrase) == Deadline(day)


def test_a_continuing_task_has_no_deadline_and_is_flagged() -> None:
    assert parse_deadline("Thường xuyên") == Deadline(None, continuing=True)


@pytest.mark.parametrize("phrase", ["Sớm nhất có thể", "Quý V/2021", "31/2/2021", "Quý II"])
def test_a_phrase_not_understood_is_an_error_that_quotes_it(phrase: str) -> None:
    with pytest.raises(ValueError, match=r"2021|Quý|Sớm|no year"):
        parse_deadline(phrase)


def _workbook(path: Path, *, bad: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Phụ lục I"
    sheet["A1"] = "PHỤ LỤC: Danh mục nhiệm vụ triển khai chính quyền đô thị năm 2021"
    sheet.append([])
    sheet.append(HEADER)
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    sheet.append(["I", "Hoàn thiện thể chế", None, None, None, None])
    sheet.append(
        [1, "Rà soát văn bản", "Sở Tư pháp", "Sở Nội vụ, Văn phòng UBND", "Tháng 5/2021", "Báo cáo"]
    )
    sheet.append([2, "Ban hành hướng dẫn", "Sở Nội vụ", None, bad or "Quý II/2021", "Văn bản"])
    sheet.append(["II", "Tổ chức bộ máy", None, None, "Quý III/2021", None])
    sheet.append([1, "Kiện toàn UBND quận", "Sở Nội vụ", None, "Trước ngày 30/6/2021", None])
    sheet.append([2, "Kiện toàn UBND phường", None, None, "30/6/2021", None])
    sheet.append([3, "Tuyên truyền", None, None, "Thường xuyên", None])
    sheet.append([4, "Báo cáo kết quả", None, None, None, None])  # due with its group
    sheet.merge_cells("C9:C11")  # one lead for three tasks
    bold = book.create_sheet("Phụ lục II")
    bold.append(["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Số ngày"])
    bold.append([None, "Sơ kết", None, None, None])
    bold["B2"].font = Font(bold=True)
    bold.append([1, "Báo cáo sơ kết", "UBND Thành phố", "Năm 2021", 10])
    path = path / "phu-luc.xlsx"
    book.save(path)
    return path


def test_the_appendix_becomes_a_plan(tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="continuing tasks \\(no deadline\\): S1.II.3") as said:
        plan = load_appendix(_workbook(tmp_path))
    assert "Sản phẩm" not in str(said[0].message)  # kept now: as the task's notes
    assert plan.title.startswith("PHỤ LỤC: Danh mục nhiệm vụ")
    assert plan.start == D(2021, 1, 1)
    ids = [t.id for t in plan.tasks]
    assert ids == ["S1.I.1", "S1.I.2", "S1.II.1", "S1.II.2", "S1.II.3", "S1.II.4", "S2.r2.1"]
    # Group rows are the plan's groups, not tasks (a bold row without STT: by its row).
    assert [(g.id, g.title) for g in plan.groups] == [
        ("S1.I", "Hoàn thiện thể chế"),
        ("S1.II", "Tổ chức bộ máy"),
        ("S2.r2", "Sơ kết"),
    ]
    first = plan.task("S1.I.1")
    assert (first.lead, first.supporting, first.deadline) == (
        "Sở Tư pháp",
        ("Sở Nội vụ", "Văn phòng UBND"),
        D(2021, 5, 31),
    )
    assert first.part_of == "S1.I"
    assert first.duration == DEFAULT_DAYS
    assert plan.task("S1.I.2").notes == "Văn bản"  # its Sản phẩm
    assert plan.task("S1.II.1").notes is None
    # The merged lead counts for each of its three rows.
    assert [plan.task(i).lead for i in ("S1.II.1", "S1.II.2", "S1.II.3")] == ["Sở Nội vụ"] * 3
    assert plan.task("S1.II.3").deadline is None  # continuing, whatever its group's
    assert plan.task("S1.II.4").deadline == D(2021, 9, 30)  # none of its own: its group's
    assert plan.task("S1.II.1").deadline == D(2021, 6, 30)  # its own
    # A bold row without a deadline is a group too; a Số ngày column gives durations.
    assert plan.task("S2.r2.1").part_of == "S2.r2"
    assert plan.task("S2.r2.1").duration == 10
    assert schedule(plan).finish > plan.start


def test_a_deadline_not_understood_names_sheet_and_cell(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="not a deadline urbangov understands: 'sớm'") as e:
        load_appendix(_workbook(tmp_path, bad="sớm"))
    assert e.value.location == "sheet 'Phụ lục I', cell E7"


def test_a_workbook_without_an_appendix_table_says_what_it_looks_for(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["a", "b"])
    book.save(tmp_path / "x.xlsx")
    with pytest.raises(PlanFileError, match="no appendix table: no sheet has a header row"):
        load_appendix(tmp_path / "x.xlsx")
    (tmp_path / "y.xlsx").write_bytes(b"not a zip")
    with pytest.raises(PlanFileError, match="cannot read the workbook"):
        load_appendix(tmp_path / "y.xlsx")
