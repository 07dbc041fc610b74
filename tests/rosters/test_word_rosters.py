"""Rosters kept in Word (issue 12, point 9): the Danh sách as a table of a .docx, after the
decision's text and a page break, with merged cells, section rows, a two-row header, the
role in the title cell, legacy fonts; messages naming the table, row and column; a Word
97-2003 .doc converted through LibreOffice, or refused with what to do. Files are written
here with python-docx, read back, and some imported and checked through `bcd138`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from viparse.normalize.tcvn3 import TCVN3

from committee.domain.vocabulary import Role
from committee.libreoffice import convert
from committee.rosters.roster_reader import (
    SUPPORTED_SUFFIXES,
    RoleSource,
    RosterError,
    read_roster,
)
from tests.roster_files import typed_in, write_docx
from tests.rosters.test_roster_shapes import THANH_HA, THANH_HA_TOWN, imported_and_checked, posts

DECISION_TEXT = [
    "ỦY BAN NHÂN DÂN HUYỆN THANH HÀ",
    "QUYẾT ĐỊNH",
    "Về việc kiện toàn Ban Chỉ đạo 138 huyện Thanh Hà",
    "Căn cứ Quyết định số 99/QĐ-UBND ngày 01/01/2020 của UBND tỉnh Hải Dương;",
    "Điều 1. Kiện toàn Ban Chỉ đạo 138 huyện Thanh Hà gồm các ông, bà có tên kèm theo.",
]
LINE = "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 20/6/2023 của UBND huyện Thanh Hà)"

SECTIONS_TABLE = [
    ["DANH SÁCH THÀNH VIÊN BAN CHỈ ĐẠO 138 HUYỆN THANH HÀ"],
    [LINE],
    ["STT", "Họ và tên", "Chức vụ", "", "Nhiệm vụ"],
    ["", "", "Chính quyền", "Ban Chỉ đạo", ""],
    ["I", "LÃNH ĐẠO BAN CHỈ ĐẠO"],
    [1, "Lê Văn An", "Chủ tịch UBND huyện", "Trưởng ban", "Chỉ đạo chung"],
    [2, "Trần Thị Bình", "Phó Chủ tịch UBND huyện", "Phó Trưởng ban Thứ nhất", "Giúp Trưởng ban"],
    [3, "Phạm Văn Cường", "Trưởng Công an huyện", "Phó Trưởng ban Thường trực", "Thường trực"],
    [4, "Nguyễn Thị Dung", "Trưởng phòng Y tế", "Phó Trưởng ban", "Y tế"],
    [5, "Hoàng Văn Em", "Trưởng phòng LĐ-TB&XH", "Phó Trưởng ban", "Xã hội"],
    [6, "Vũ Thị Giang", "Chủ tịch UBMTTQ huyện", "Phó Trưởng ban", "Mặt trận"],
    [7, "Đỗ Văn Hải", "Phó Trưởng CA huyện phụ trách Cảnh sát", "Phó Trưởng ban", "Tội phạm"],
    [8, "Bùi Thị Khánh", "Phó Trưởng CA huyện phụ trách phong trào", "Phó Trưởng ban", ""],
    ["II", "CÁC ỦY VIÊN"],
    [9, "Đặng Văn Long", "Trưởng phòng Tư pháp", "Ủy viên", "Pháp luật"],
    [10, "Ngô Thị Mai", "Chánh án TAND huyện", "Ủy viên", ""],
    ["Tổng số: 10 đồng chí"],
]
# The table's own rows (1-based) of the rows above that are merged.
MERGES = [
    "A1:A2",  # STT over the two header rows
    "B1:B2",  # Họ và tên too
    "C1:D1",  # Chức vụ over Chính quyền | Ban Chỉ đạo
    "E1:E2",
    "B3:E3",  # I. LÃNH ĐẠO… across the table
    "E10:E11",  # the two police deputies share their duties
    "B12:E12",
    "E13:E14",  # the justice office and the court too
    "A15:E15",  # Tổng số
]


def table_rows(rows: list[list[object]]) -> list[list[object]]:
    """The rows written as the roster table (one-cell rows are paragraphs above it)."""
    return [row for row in rows if len(row) != 1] + [["Tổng số: 10 đồng chí", "", "", "", ""]]


def sections_docx(path: Path, **options: object) -> Path:
    rows = [*SECTIONS_TABLE[:2], *table_rows(SECTIONS_TABLE)]
    return write_docx(path, rows, before=DECISION_TEXT, merges=MERGES, **options)  # type: ignore[arg-type]


def test_a_word_roster_after_the_decision_text_is_read_and_judged(tmp_path: Path) -> None:
    path = sections_docx(tmp_path / "quyet-dinh.docx")
    roster = read_roster(path)

    assert (roster.table, roster.sheet, roster.place) == (2, None, "bảng 2")
    assert (roster.decision_number, roster.signed_on) == ("1234/QĐ-UBND", date(2023, 6, 20))
    assert roster.issuer == "UBND huyện Thanh Hà"
    assert [row.name for row in roster.rows][-1] == "Ngô Thị Mai"
    assert len(roster.rows) == 10
    assert [row.role for row in roster.rows][:3] == [
        Role.CHAIR,
        Role.FIRST_VICE_CHAIR,
        Role.STANDING_VICE_CHAIR,
    ]
    assert roster.rows[7].duties == "Tội phạm"  # merged with the row above
    assert roster.rows[9].duties == "Pháp luật"
    assert roster.rows[0].row == 4  # the table's fourth row, under the two header rows
    assert all(row.role_source is RoleSource.COLUMN for row in roster.rows)
    assert posts(roster)[6:8] == ["police_deputy", "police_deputy"]

    output, codes, status = imported_and_checked(path, THANH_HA, tmp_path)
    assert (codes, status) == ([], "ok"), output
    assert "bảng 2" in output


def test_a_word_roster_with_sections_and_the_role_in_the_title_cell(tmp_path: Path) -> None:
    rows = [
        ["DANH SÁCH"],
        ["(Kèm theo Quyết định số 45/QĐ-UBND ngày 22/6/2023 của UBND thị trấn Thanh Hà)"],
        ["TT", "Họ tên", "Chức vụ", "Đơn vị công tác", "Nhiệm vụ được phân công"],
        [1, "Lê Thị Hoa", "Chủ tịch - Trưởng ban", "UBND thị trấn", "Chung"],
        [2, "Trần Văn Bình", "Phó Trưởng ban Thứ nhất, Phó Chủ tịch", "UBND thị trấn", "Văn xã"],
        [3, "Phạm Văn Cường", "Trưởng ban: không", "", ""],
    ]
    rows[-1] = [
        3,
        "Phạm Văn Cường",
        "Phó Trưởng ban Thường trực, Trưởng",
        "Công an thị trấn",
        "An ninh",
    ]
    rows.append([4, "Đặng Văn Long", "Bí thư - Ủy viên", "Đoàn Thanh niên thị trấn", "Thanh niên"])
    roster = read_roster(write_docx(tmp_path / "ds.docx", rows, title_block=False, after=False))

    assert roster.table == 1
    assert [row.title for row in roster.rows] == [
        "Chủ tịch UBND thị trấn",
        "Phó Chủ tịch UBND thị trấn",
        "Trưởng Công an thị trấn",
        "Bí thư Đoàn Thanh niên thị trấn",
    ]
    assert [row.role for row in roster.rows] == [
        Role.CHAIR,
        Role.FIRST_VICE_CHAIR,
        Role.STANDING_VICE_CHAIR,
        Role.MEMBER,
    ]
    assert {row.role_source for row in roster.rows} == {RoleSource.TITLE}
    assert roster.rows[0].title_columns == ("C", "D")
    assert posts(roster, THANH_HA_TOWN) == [
        "ubnd_chair",
        "ubnd_vice_chair",
        "police_chief",
        "youth_union_secretary",
    ]


def test_a_word_error_names_the_table_row_and_column(tmp_path: Path) -> None:
    rows = [
        [LINE],
        ["STT", "Họ và tên", "Chức vụ", "Chức danh"],
        [1, "Lê Văn An", "Chủ tịch UBND huyện", "Trưởng ban"],
        [2, "Trần Thị Bình", "Phó Chủ tịch UBND huyện", "Phó Trưởng ban Thứ nhất"],
        [3, "", "Trưởng Công an huyện", "Phó Trưởng ban Thường trực"],
    ]
    with pytest.raises(RosterError) as caught:
        read_roster(write_docx(tmp_path / "thieu-ten.docx", rows))
    error = caught.value
    assert (error.table, error.row, error.column, error.sheet) == (2, 4, "B", None)
    assert str(error).startswith("Bảng 2, dòng 4, cột B: dòng có chức danh nhưng thiếu họ tên")


def test_a_word_document_without_a_roster_table(tmp_path: Path) -> None:
    rows = [["Họ và tên: Lê Văn An"], ["Số", "Nội dung"], [1, "Không phải danh sách"]]
    with pytest.raises(RosterError, match="trong 3 bảng của tài liệu"):
        read_roster(write_docx(tmp_path / "khong-co.docx", rows))


def test_a_word_roster_typed_in_tcvn3_is_converted(tmp_path: Path) -> None:
    rows = [[LINE], *[row for row in SECTIONS_TABLE if len(row) != 1]]
    rows = [[typed_in(v, TCVN3) if isinstance(v, str) else v for v in row] for row in rows]
    path = write_docx(tmp_path / "tcvn3.docx", rows, merges=MERGES[:4], font=".VnTime")
    roster = read_roster(path)
    assert roster.rows[3].title == "Trưởng phòng Y tế"
    assert roster.rows[0].name == "Lê Văn An"
    assert roster.notes == ("đã chuyển mã TCVN3 → Unicode",)
    assert roster.signed_on == date(2023, 6, 20)

    db = tmp_path / "tcvn3.sqlite"
    assert bcd138("init", db=db).returncode == 0
    preview = bcd138("import", str(path), "--unit", THANH_HA, "--dry-run", db=db)
    assert preview.returncode in (0, 1), preview.stderr
    assert "(đã chuyển mã TCVN3 → Unicode)" in preview.stdout.splitlines()[0]
    assert "Trưởng phòng Y tế" in preview.stdout


def test_the_reader_accepts_word_and_spreadsheets_but_not_xlsm() -> None:
    assert SUPPORTED_SUFFIXES == (".xlsx", ".xls", ".ods", ".docx", ".doc")
    assert ".xlsm" not in SUPPORTED_SUFFIXES


def test_a_spreadsheet_named_docx_and_a_docx_named_xlsx(tmp_path: Path) -> None:
    from tests.roster_files import write_xlsx

    sheet = write_xlsx(tmp_path / "bang.docx", {"DS": [["Họ và tên", "Chức vụ"], ["A", "B"]]})
    with pytest.raises(RosterError, match="không phải tài liệu Word"):
        read_roster(sheet)
    document = sections_docx(tmp_path / "van-ban.docx")
    renamed = tmp_path / "van-ban.xlsx"
    shutil.copy(document, renamed)
    with pytest.raises(RosterError, match="đuôi .docx"):
        read_roster(renamed)


# --- Word 97-2003 -------------------------------------------------------------------------------


def bcd138(*args: str, db: Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path} if path is not None else None
    return subprocess.run(
        [sys.executable, "-m", "committee.cli.app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.fixture(scope="module")
def word_97(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sections roster saved as .doc by LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("doc")
    return convert(sections_docx(folder / "danh-sach.docx"), "doc", folder, 180)


def test_a_word_97_file_is_converted_through_libreoffice(word_97: Path, tmp_path: Path) -> None:
    roster = read_roster(word_97)
    assert roster.decision_number == "1234/QĐ-UBND"
    assert len(roster.rows) == 10
    assert roster.rows[7].duties == "Tội phạm"


def test_a_word_97_file_without_libreoffice_says_to_save_it_as_docx(
    word_97: Path, tmp_path: Path
) -> None:
    db = tmp_path / "doc.sqlite"
    assert bcd138("init", db=db).returncode == 0
    result = bcd138("import", str(word_97), "--unit", THANH_HA, db=db, path=str(tmp_path))
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "Word 97-2003 (.doc)" in lines[0] and ".docx" in lines[0]
    assert str(word_97) in lines[0]
