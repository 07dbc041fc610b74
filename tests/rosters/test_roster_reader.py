"""Reading roster spreadsheets: the two shipped examples and rosters built here in .xlsx,
.xls and .ods, written to a temporary folder and read back."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from committee.domain.vocabulary import Role
from committee.rosters.roster_reader import (
    ParsedRoster,
    RoleSource,
    RosterError,
    RosterRow,
    read_roster,
)
from tests.roster_files import WRITERS, Cell, Rows, write_xls, write_xlsx

EXAMPLES = Path("/work/shared/examples")
if not EXAMPLES.is_dir():
    EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"


@pytest.fixture(params=sorted(WRITERS))
def write(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., Path]:
    """write(rows) or write(sheets={...}): a roster file in the parametrised format."""
    suffix = request.param

    def _write(rows: Rows | None = None, *, sheets: dict[str, Rows] | None = None) -> Path:
        path = tmp_path / f"roster.{suffix}"
        return WRITERS[suffix](path, sheets if sheets is not None else {"Danh sách": rows or []})

    return _write


TITLE_BLOCK: list[list[Cell]] = [
    ["ỦY BAN NHÂN DÂN", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["HUYỆN GIA LỘC", "", "", "Độc lập - Tự do - Hạnh phúc"],
    ["DANH SÁCH"],
    ["Thành viên Ban Chỉ đạo 138 huyện Gia Lộc"],
    ["(Kèm theo Quyết định số 1234/QĐ-UBND ngày 20/6/2023 của UBND huyện Gia Lộc)"],
    [],
]
HEADER_ROW = len(TITLE_BLOCK) + 1  # 1-based sheet row of the header in these rosters


def with_columns(
    *members: Sequence[Cell], header: Sequence[Cell] | None = None
) -> list[list[Cell]]:
    header = header or ["STT", "Họ và tên", "Chức vụ", "Chức danh trong Ban Chỉ đạo", "Nhiệm vụ"]
    return [*TITLE_BLOCK, list(header), *[list(m) for m in members]]


def names(roster: ParsedRoster) -> list[str]:
    return [row.name for row in roster.rows]


def roles(roster: ParsedRoster) -> list[Role]:
    return [row.role for row in roster.rows]


# --- the shipped examples --------------------------------------------------------------------


def test_district_example_reads_its_ten_members_with_the_roles_of_its_column() -> None:
    roster = read_roster(EXAMPLES / "roster-district-columns.xlsx")

    assert roster.sheet == "Danh sach"
    assert roster.decision_number == "2105/QĐ-UBND"
    assert roster.signed_on == date(2023, 6, 12)
    assert roster.issuer == "UBND huyện Thanh Hà"
    assert names(roster) == [
        "Hồ Văn Minh",
        "Khúc Thị Dung",
        "Giang Văn Hiếu",
        "Lò Thị Ngọc",
        "Nông Văn Tùng",
        "Ma Văn Kiên",
        "Triệu Văn Phong",
        "La Thị Vân",
        "Thái Văn An",
        "Mạc Thị Hương",
    ]
    assert roles(roster) == [
        Role.CHAIR,
        Role.FIRST_VICE_CHAIR,
        Role.STANDING_VICE_CHAIR,
        *[Role.VICE_CHAIR] * 5,
        Role.MEMBER,
        Role.MEMBER,
    ]
    assert [row.row for row in roster.rows] == list(range(9, 19))
    assert roster.rows[0] == RosterRow(
        row=9,
        name="Hồ Văn Minh",
        title="Chủ tịch UBND huyện Thanh Hà",
        role=Role.CHAIR,
        duties="Chỉ đạo chung",
        note="",
        phone="",
        role_source=RoleSource.COLUMN,
        title_columns=("C",),
    )


def test_commune_example_takes_roles_from_sections_and_skips_the_signer() -> None:
    roster = read_roster(EXAMPLES / "roster-commune-sections.xlsx")

    assert roster.decision_number == "45/QĐ-UBND"
    assert roster.signed_on == date(2023, 6, 22)
    assert roster.issuer == "UBND thị trấn Thanh Hà"
    assert len(roster.rows) == 9
    assert roles(roster) == [
        Role.CHAIR,
        Role.FIRST_VICE_CHAIR,
        Role.STANDING_VICE_CHAIR,
        *[Role.VICE_CHAIR] * 4,
        Role.MEMBER,
        Role.MEMBER,
    ]
    assert names(roster)[0] == "Lương Văn Thành"
    assert names(roster)[-1] == "Khổng Thị Lý"
    assert [row.row for row in roster.rows] == [10, 12, 14, 16, 17, 18, 19, 21, 22]
    assert all("CHỦ TỊCH" not in row.name and row.name for row in roster.rows)
    assert roster.rows[6].title == "Phó Trưởng Công an thị trấn"
    assert roster.rows[6].duties == "Phòng, chống tội phạm"


# --- layouts ---------------------------------------------------------------------------------


def test_header_synonyms_without_diacritics_and_labels_in_any_case(write) -> None:
    rows = [
        *TITLE_BLOCK,
        [
            "so tt",
            "HO VA TEN",
            "chuc vu, don vi:",
            "Chuc danh BCD",
            "PHAN CONG NHIEM VU",
            "SĐT",
            "ghi chu",
        ],
        [1, "Phạm Văn Một", "Chủ tịch UBND huyện", "trưởng ban", "Chỉ đạo chung", 912345678, ""],
        [2, "Phạm Văn Hai", "Phó Chủ tịch UBND huyện", "PHÓ TRƯỞNG BAN THỨ NHẤT", "", "", ""],
        [3, "Phạm Văn Ba", "Trưởng Công an huyện", "phó trưởng ban thường trực", "", "", ""],
        [4, "Phạm Văn Bốn", "Trưởng phòng Y tế", "Phó ban", "", "", ""],
        [5, "Phạm Văn Năm", "Chánh án TAND huyện", "Thành viên", "", "", "kiêm nhiệm"],
        [6, "Phạm Văn Sáu", "Trưởng phòng Tư pháp", "Uỷ viên", "", "0220.3855.123", ""],
        [7, "Phạm Văn Bảy", "Bí thư Huyện đoàn", "uy vien", "", "", ""],
    ]
    roster = read_roster(write(rows))

    assert roles(roster) == [
        Role.CHAIR,
        Role.FIRST_VICE_CHAIR,
        Role.STANDING_VICE_CHAIR,
        Role.VICE_CHAIR,
        Role.MEMBER,
        Role.MEMBER,
        Role.MEMBER,
    ]
    assert roster.rows[0].phone == "912345678"
    assert roster.rows[5].phone == "0220.3855.123"
    assert roster.rows[4].note == "kiêm nhiệm"
    assert roster.rows[0].duties == "Chỉ đạo chung"
    assert roster.rows[0].row == HEADER_ROW + 1
    assert roster.decision_number == "1234/QĐ-UBND"
    assert roster.signed_on == date(2023, 6, 20)
    assert roster.issuer == "UBND huyện Gia Lộc"


def test_sections_with_prefixes_and_a_generic_vice_chair_section(write) -> None:
    rows = [
        *TITLE_BLOCK,
        ["TT", "Họ tên", "Chức vụ, đơn vị công tác", "Nhiệm vụ được phân công", "Ghi chú"],
        ["A. TRƯỞNG BAN"],
        [1, "Đỗ Văn A", "Chủ tịch UBND xã", "Chỉ đạo chung", ""],
        ["II", "CÁC PHÓ TRƯỞNG BAN:"],
        [2, "Đỗ Văn B", "Phó Chủ tịch UBND xã", "", "Phó Trưởng ban Thứ nhất"],
        [3, "Đỗ Văn C", "Trưởng Công an xã - Phó Trưởng ban thường trực", "", ""],
        [4, "Đỗ Văn D", "Trạm trưởng Trạm Y tế", "", ""],
        ["3. Các Ủy viên (02 đồng chí)"],
        [5, "Đỗ Văn E", "Bí thư Đoàn xã", "", ""],
        [6, "Đỗ Văn G", "", "", ""],
    ]
    roster = read_roster(write(rows))

    assert [(r.name, r.role) for r in roster.rows] == [
        ("Đỗ Văn A", Role.CHAIR),
        ("Đỗ Văn B", Role.FIRST_VICE_CHAIR),
        ("Đỗ Văn C", Role.STANDING_VICE_CHAIR),
        ("Đỗ Văn D", Role.VICE_CHAIR),
        ("Đỗ Văn E", Role.MEMBER),
        ("Đỗ Văn G", Role.MEMBER),
    ]
    assert roster.rows[-1].title == ""


def test_section_heading_thanh_vien_and_the_role_column_wins_over_sections(write) -> None:
    rows = with_columns(
        ["I. TRƯỞNG BAN"],
        [1, "Vũ Văn A", "Chủ tịch UBND huyện", "", "Chỉ đạo chung"],
        ["THÀNH VIÊN"],
        [2, "Vũ Văn B", "Phó Chủ tịch UBND huyện", "Phó Trưởng ban Thứ nhất", ""],
        [3, "Vũ Văn C", "Trưởng phòng Tư pháp", "", ""],
    )
    roster = read_roster(write(rows))

    assert roles(roster) == [Role.CHAIR, Role.FIRST_VICE_CHAIR, Role.MEMBER]


def test_the_signer_block_and_blank_rows(write) -> None:
    rows = with_columns(
        [1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""],
        [],
        [2, "Lê Văn B", "Trưởng phòng Tư pháp", "Ủy viên", ""],
        [],
        ["", "", "", "KT. CHỦ TỊCH"],
        ["", "", "", "PHÓ CHỦ TỊCH"],
        [],
        [],
        ["", "", "", "Lê Văn Ký"],
    )
    roster = read_roster(write(rows))

    assert names(roster) == ["Lê Văn A", "Lê Văn B"]


def test_a_run_of_blank_rows_ends_the_table(write) -> None:
    rows = with_columns(
        [1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""],
        [],
        [],
        [],
        ["", "Lê Văn Ký"],
        ["Nơi nhận:"],
    )
    roster = read_roster(write(rows))

    assert names(roster) == ["Lê Văn A"]


def test_noi_nhan_and_place_date_line_are_not_members(write) -> None:
    rows = with_columns(
        [1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""],
        ["", "", "", "Gia Lộc, ngày 20 tháng 6 năm 2023"],
        ["Nơi nhận:", "", "", "TM. ỦY BAN NHÂN DÂN"],
        ["- Như trên;", "", "", "CHỦ TỊCH"],
    )
    roster = read_roster(write(rows))

    assert names(roster) == ["Lê Văn A"]


def test_numbers_become_plain_digits(write) -> None:
    rows = with_columns(
        [1.0, "Hà Văn A", "Chủ tịch UBND huyện", "Trưởng ban", 2023.0],
        header=["STT", "Họ và tên", "Chức vụ", "Chức danh", "Ghi chú"],
    )
    roster = read_roster(write(rows))

    assert roster.rows[0].note == "2023"


def test_nfd_text_is_read_and_stored_as_nfc(write) -> None:
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    rows = [
        *TITLE_BLOCK[:4],
        [nfd("(Kèm theo Quyết định số 77/QĐ-UBND ngày 05 tháng 6 năm 2023 của UBND xã Yết Kiêu)")],
        [nfd("Số TT"), nfd("Họ  và   tên"), nfd("Chức vụ"), nfd("Chức danh trong BCĐ")],
        [1, nfd("Nguyễn   Thị Hường "), nfd("Chủ tịch UBND xã"), nfd("Trưởng ban")],
        [2, nfd("Đặng Văn Đức"), nfd("Bí thư Đoàn xã"), nfd("Ủy viên")],
    ]
    roster = read_roster(write(rows))

    assert names(roster) == ["Nguyễn Thị Hường", "Đặng Văn Đức"]
    assert all(unicodedata.is_normalized("NFC", r.name + r.title) for r in roster.rows)
    assert roles(roster) == [Role.CHAIR, Role.MEMBER]
    assert roster.decision_number == "77/QĐ-UBND"
    assert unicodedata.is_normalized("NFC", roster.decision_number)
    assert roster.signed_on == date(2023, 6, 5)
    assert roster.issuer == "UBND xã Yết Kiêu"


def test_decision_date_written_in_words(write) -> None:
    rows = with_columns([1, "A", "Chủ tịch UBND huyện", "Trưởng ban", ""])
    rows[4] = ["(Kèm theo Quyết định số 2105/QĐ-UBND ngày 05 tháng 6 năm 2023 của UBND huyện)"]
    roster = read_roster(write(rows))

    assert roster.decision_number == "2105/QĐ-UBND"
    assert roster.signed_on == date(2023, 6, 5)
    assert roster.issuer == "UBND huyện"


def test_without_a_decision_line_the_decision_is_left_to_the_caller(write) -> None:
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Chức danh"],
        [1, "A", "Chủ tịch UBND xã", "Trưởng ban"],
    ]
    roster = read_roster(write(rows))

    assert (roster.decision_number, roster.signed_on, roster.issuer) == (None, None, None)
    assert roster.rows[0].row == 2


def test_a_table_away_from_the_corner_keeps_real_rows_and_columns(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "DS"
    sheet["C4"], sheet["D4"], sheet["E4"] = "Họ và tên", "Chức vụ", "Chức danh"
    sheet["C5"], sheet["D5"], sheet["E5"] = "Trần A", "Chủ tịch UBND xã", "Trưởng ban"
    sheet["E6"] = "Ủy viên"
    path = tmp_path / "offset.xlsx"
    workbook.save(path)

    with pytest.raises(RosterError) as caught:
        read_roster(path)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("DS", 6, "C")


def test_the_first_sheet_with_a_header_is_read(write) -> None:
    path = write(
        sheets={
            "Hướng dẫn": [["Danh sách gửi về Công an tỉnh trước 30/6/2023"]],
            "BCĐ 138": [
                ["STT", "Họ và tên", "Chức vụ", "Chức danh"],
                [1, "A", "CT UBND", "Trưởng ban"],
            ],
        }
    )
    roster = read_roster(path)

    assert roster.sheet == "BCĐ 138"
    assert names(roster) == ["A"]


def test_a_wrapped_row_continues_the_member_above(write) -> None:
    rows = with_columns(
        [1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", "Chỉ đạo chung;"],
        ["", "", "", "", "phụ trách địa bàn xã Yết Kiêu"],
        [2, "Lê Văn B", "Trưởng phòng Tư pháp", "Ủy viên", ""],
    )
    roster = read_roster(write(rows))

    assert names(roster) == ["Lê Văn A", "Lê Văn B"]
    assert roster.rows[0].duties == "Chỉ đạo chung; phụ trách địa bàn xã Yết Kiêu"


def test_column_numbering_and_a_repeated_header_are_skipped(write) -> None:
    rows = with_columns(
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        [1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""],
        ["STT", "Họ và tên", "Chức vụ", "Chức danh trong Ban Chỉ đạo", "Nhiệm vụ"],
        [2, "Lê Văn B", "Trưởng phòng Tư pháp", "Ủy viên", ""],
    )
    roster = read_roster(write(rows))

    assert names(roster) == ["Lê Văn A", "Lê Văn B"]


# --- errors ----------------------------------------------------------------------------------


def test_a_role_without_a_name_names_sheet_row_and_name_column(write) -> None:
    rows = with_columns(
        [1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""],
        ["", "", "Trưởng phòng Tư pháp", "Ủy viên", ""],
    )
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))

    error = caught.value
    assert (error.sheet, error.row, error.column) == ("Danh sách", HEADER_ROW + 2, "B")
    assert str(error) == (
        f"Trang tính «Danh sách», dòng {HEADER_ROW + 2}, cột B: "
        "dòng có chức danh nhưng thiếu họ tên."
    )
    assert isinstance(error, ValueError)


def test_an_stt_without_a_name_is_an_error(write) -> None:
    rows = [
        ["STT", "Họ và tên", "Chức vụ"],
        ["I. TRƯỞNG BAN"],
        [1, "Lê Văn A", "Chủ tịch UBND xã"],
        [2, "", "Phó Chủ tịch UBND xã"],
    ]
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))

    assert (caught.value.row, caught.value.column) == (4, "B")
    assert "thiếu họ tên" in str(caught.value)


def test_an_unknown_role_label_names_the_role_cell(write) -> None:
    rows = with_columns([1, "Lê Văn A", "Chủ tịch UBND huyện", "Tổ trưởng", ""])
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))

    assert (caught.value.row, caught.value.column) == (HEADER_ROW + 1, "D")
    assert "«Tổ trưởng»" in str(caught.value)


def test_a_member_before_any_section_without_role_column(write) -> None:
    rows = [
        ["STT", "Họ và tên", "Chức vụ"],
        [1, "Lê Văn A", "Chủ tịch UBND xã"],
        ["I. TRƯỞNG BAN"],
    ]
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))

    assert (caught.value.sheet, caught.value.row) == ("Danh sách", 2)
    assert "Lê Văn A" in str(caught.value)


def test_an_unknown_section_heading_is_not_read_as_a_member(write) -> None:
    rows = [
        ["STT", "Họ và tên", "Chức vụ"],
        ["I. TRƯỞNG BAN"],
        [1, "Lê Văn A", "Chủ tịch UBND xã"],
        ["II", "LÃNH ĐẠO CÁC BAN NGÀNH"],
        [2, "Lê Văn B", "Bí thư Đoàn xã"],
    ]
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))

    assert (caught.value.row, caught.value.column) == (4, "A")
    assert "LÃNH ĐẠO CÁC BAN NGÀNH" in str(caught.value)


def test_no_header_row_names_the_sheet(write) -> None:
    rows = [["DANH SÁCH"], ["1", "Lê Văn A", "Chủ tịch UBND xã", "Trưởng ban"]]
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))

    assert caught.value.sheet == "Danh sách"
    assert str(caught.value) == (
        "Trang tính «Danh sách»: không tìm thấy dòng tiêu đề bảng (Họ và tên, Chức vụ…)."
    )


def test_a_header_needs_both_name_and_title(write) -> None:
    rows = [["STT", "Họ và tên", "Nhiệm vụ"], [1, "Lê Văn A", "Chỉ đạo chung"]]
    with pytest.raises(RosterError, match="không tìm thấy dòng tiêu đề bảng"):
        read_roster(write(rows))


def test_no_member_rows_names_the_sheet(write) -> None:
    rows = with_columns([], ["", "", "", "CHỦ TỊCH"], ["", "", "", "Lê Văn Ký"])
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))

    assert caught.value.sheet == "Danh sách"
    assert "không có thành viên nào" in str(caught.value)


def test_an_unreadable_decision_date_names_its_cell(write) -> None:
    rows = with_columns([1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""])
    rows[4] = ["", "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 31/02/2023 của UBND huyện)"]
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))

    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("Danh sách", 5, "B")
    assert "«31/02/2023»" in str(caught.value)
    assert "dd/mm/yyyy" in str(caught.value)


def test_a_blank_decision_date_template_is_an_error(write) -> None:
    rows = with_columns([1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""])
    rows[4] = ["(Kèm theo Quyết định số      /QĐ-UBND ngày    tháng   năm 2023 của UBND huyện)"]
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))

    assert (caught.value.row, caught.value.column) == (5, "A")


def test_a_text_file_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("STT;Họ và tên;Chức vụ\n1;Lê Văn A;Chủ tịch\n", encoding="utf-8")
    with pytest.raises(RosterError) as caught:
        read_roster(path)

    assert str(path) in str(caught.value)
    assert "không đọc được như một bảng tính" in str(caught.value)
    assert caught.value.sheet is None


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "khong-co.xlsx"
    with pytest.raises(RosterError, match="Không tìm thấy tệp") as caught:
        read_roster(path)
    assert str(path) in str(caught.value)


def test_an_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "danh-sach.csv"
    path.write_text("STT,Họ và tên,Chức vụ\n", encoding="utf-8")
    with pytest.raises(RosterError, match=r"\.xlsx, \.xls, \.ods, \.docx hoặc \.doc") as caught:
        read_roster(path)
    assert str(path) in str(caught.value)


def test_an_xls_saved_under_an_xlsx_name_is_read_by_its_content(tmp_path: Path) -> None:
    real = write_xls(
        tmp_path / "real.xls",
        {"DS": [["Họ và tên", "Chức vụ", "Chức danh"], ["A", "CT", "Trưởng ban"]]},
    )
    renamed = tmp_path / "renamed.xlsx"
    shutil.copy(real, renamed)

    assert names(read_roster(renamed)) == ["A"]


# --- what a cell may hold ------------------------------------------------------------------


@pytest.mark.parametrize("value", [45000.5, 12, "15/03/2023", "Nguyễn Văn 2"])
def test_a_number_or_a_date_in_the_name_column_names_its_cell(write, value: Cell) -> None:
    rows = with_columns(
        [1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""],
        [2, value, "Phó Chủ tịch UBND huyện", "Phó Trưởng ban Thứ nhất", ""],
    )
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))

    assert (caught.value.sheet, caught.value.row, caught.value.column) == (
        "Danh sách",
        HEADER_ROW + 2,
        "B",
    )


def test_an_excel_date_in_the_name_column_is_no_name(tmp_path: Path) -> None:
    from datetime import datetime

    rows = with_columns([1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""])
    path = write_xlsx(tmp_path / "roster.xlsx", {"Danh sách": rows})
    workbook = openpyxl.load_workbook(path)
    workbook["Danh sách"].cell(row=HEADER_ROW + 1, column=2, value=datetime(2023, 3, 15))
    workbook.save(path)
    with pytest.raises(RosterError, match="một ngày «15/03/2023»") as caught:
        read_roster(path)
    assert (caught.value.row, caught.value.column) == (HEADER_ROW + 1, "B")


def test_control_characters_refused_in_names_removed_elsewhere(tmp_path: Path) -> None:
    # .xls holds any character as it is; openpyxl would refuse to write these
    rows = with_columns(
        [1, "Lê Văn A", "Chủ tịch\x1b[2J UBND huyện", "Trưởng\x00 ban", "Phụ trách\x07 chung"]
    )
    roster = read_roster(write_xls(tmp_path / "roster.xls", {"Danh sách": rows}))
    assert (roster.rows[0].title, roster.rows[0].role, roster.rows[0].duties) == (
        "Chủ tịch[2J UBND huyện",
        Role.CHAIR,
        "Phụ trách chung",
    )

    rows[HEADER_ROW][1] = "Lê Văn\x1b A"
    with pytest.raises(RosterError, match="U\\+001B") as caught:
        read_roster(write_xls(tmp_path / "other.xls", {"Danh sách": rows}))
    assert (caught.value.row, caught.value.column) == (HEADER_ROW + 1, "B")


def test_a_control_character_in_the_decision_line_names_its_cell(tmp_path: Path) -> None:
    rows = with_columns([1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""])
    rows[4] = ["", "(Kèm theo Quyết định số 12/\x1bQĐ-UBND ngày 20/6/2023)"]
    with pytest.raises(RosterError) as caught:
        read_roster(write_xls(tmp_path / "roster.xls", {"Danh sách": rows}))
    assert (caught.value.row, caught.value.column) == (5, "B")


def test_full_width_digits_in_the_decision_line_are_found(write) -> None:
    rows = with_columns([1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""])
    rows[4] = ["(Kèm theo Quyết định số １２/QĐ-UBND ngày 20/6/2023 của UBND huyện)"]
    assert read_roster(write(rows)).decision_number == "１２/QĐ-UBND"  # normalised on import


# --- bounded reading -----------------------------------------------------------------------


def test_a_sheet_beyond_the_limits_is_refused_before_it_is_read(write) -> None:
    from committee.rosters.limits import ReadingLimits, WorkbookRefused, check_file

    small = ReadingLimits.from_table(
        {
            "file_megabytes": 1,
            "rows": HEADER_ROW,
            "columns": 10,
            "text_characters": 10_000,
            "zip_entries": 20,
            "entry_megabytes": 1,
            "unpacked_megabytes": 1,
            "xml_elements": 10_000,
            "table_depth": 2,
        }
    )
    rows = with_columns([1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""])
    data = write(rows).read_bytes()
    with pytest.raises(WorkbookRefused) as caught:
        check_file(data, small)
    assert caught.value.sheet == "Danh sách"
    assert "7 dòng × 10 cột" in caught.value.message


def test_the_shipped_limits_refuse_what_a_sheet_declares_naming_it(tmp_path: Path) -> None:
    rows = with_columns([1, "Lê Văn A", "Chủ tịch UBND huyện", "Trưởng ban", ""])
    path = write_xlsx(tmp_path / "roster.xlsx", {"Danh sách": rows})
    workbook = openpyxl.load_workbook(path)
    workbook["Danh sách"]["ZZ100000"] = 1  # openpyxl declares the dimension A1:ZZ100000
    workbook.save(path)
    with pytest.raises(RosterError, match="100.000 dòng × 702 cột") as caught:
        read_roster(path)
    assert caught.value.sheet == "Danh sách"
    assert "5.000 dòng × 100 cột" in str(caught.value)
    assert str(path) in str(caught.value)
