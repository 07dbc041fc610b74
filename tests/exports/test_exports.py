"""Exported workbooks, written for real and read back with openpyxl and pandas: the roster
annex's layout (Nghị định 30), the district and province workbooks' contents, default
names, --force and saving whole or not at all."""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

import openpyxl
import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from committee import paths
from committee.domain.errors import UserError
from committee.domain.records import DecisionFacts
from committee.exports.annex import HEADERS, annex_workbook, load_annex, write_roster_annex
from committee.exports.export_paths import ascii_slug
from committee.exports.export_rows import timeliness
from committee.exports.output_files import write_atomically
from committee.exports.workbooks import (
    province_data,
    province_workbook,
    write_district_workbook,
    write_province_workbook,
)
from committee.exports.xlsx_style import A4_PORTRAIT_UNITS, line_count, text_units
from committee.rosters.roster_reader import read_roster
from committee.rules.pack import load_rule_pack
from committee.store.database import Database
from committee.usecases.checking import select_units
from committee.usecases.importing import ImportOptions, prepare_import, store_import

from ..conftest import EXAMPLES

DISTRICT_EXAMPLE = EXAMPLES / "roster-district-columns.xlsx"
COMMUNE_EXAMPLE = EXAMPLES / "roster-commune-sections.xlsx"
HEADER_ROW = 8  # of the annex
TABLE_HEADER = 4  # of the report sheets: title, note, blank, header


def _import(database: Database, path: Path, unit: str, **options: object) -> None:
    with database.transaction() as session:
        preview = prepare_import(
            session,
            path,
            ImportOptions(
                unit,
                regulation_number="01/QĐ-BCĐ",
                regulation_date=date(2023, 6, 26),  # after both decisions: their new Quy chế
                **options,  # type: ignore[arg-type]
            ),
        )
        store_import(session, preview)


def import_examples(database: Database) -> Database:
    """Thanh Hà (294) and thị trấn Thanh Hà (10813) imported with a Quy chế recorded."""
    _import(database, DISTRICT_EXAMPLE, "294")
    _import(database, COMMUNE_EXAMPLE, "10813")
    return database


@pytest.fixture
def examples(database: Database) -> Database:
    return import_examples(database)


@pytest.fixture
def exports_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "exports"
    monkeypatch.setattr(paths, "EXPORTS_DIR", folder)
    yield folder


def _annex(examples: Database, tmp_path: Path, unit: str = "294", **kw: object) -> Path:
    with examples.session() as session:
        return write_roster_annex(session, unit, output=tmp_path / f"annex-{unit}.xlsx", **kw)  # type: ignore[arg-type]


CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _chart(path: Path) -> ElementTree.Element:
    """The bar chart of the workbook's only chart."""
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert len(names) == 1, names
        root = ElementTree.fromstring(archive.read(names[0]))
    chart = root.find(f".//{CHART}barChart")
    assert chart is not None
    return chart


def _references(chart: ElementTree.Element) -> set[str]:
    return {element.text or "" for element in chart.iter(f"{CHART}f")}


def _mm(inches: float) -> float:
    return inches * 25.4


def _texts(sheet: Worksheet) -> list[str]:
    return [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]


# --- the roster annex ------------------------------------------------------------------------


def test_annex_heading_title_and_decision_line(examples: Database, tmp_path: Path) -> None:
    sheet = load_workbook(_annex(examples, tmp_path))["Danh sách"]
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN"
    assert sheet["A2"].value == "HUYỆN THANH HÀ"
    assert sheet["C1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet["C2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert sheet["A4"].value == "DANH SÁCH"
    assert sheet["A5"].value == (
        "Thành viên Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào "
        "toàn dân bảo vệ an ninh Tổ quốc huyện Thanh Hà"
    )
    assert sheet["A6"].value == (
        "(Kèm theo Quyết định số 2105/QĐ-UBND ngày 12/06/2023 của UBND huyện Thanh Hà)"
    )
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {"A1:B1", "C1:F1", "A2:B2", "C2:F2", "A4:F4", "A5:F5", "A6:F6"} <= merged
    assert all(unicodedata.is_normalized("NFC", text) for text in _texts(sheet))


def test_annex_table_holds_the_roster_in_order(examples: Database, tmp_path: Path) -> None:
    sheet = load_workbook(_annex(examples, tmp_path))["Danh sách"]
    assert [cell.value for cell in sheet[HEADER_ROW]] == list(HEADERS)
    rows = [
        [cell.value for cell in row]
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=sheet.max_row)
    ]
    assert len(rows) == 10
    assert rows[0] == [
        1,
        "Hồ Văn Minh",
        "Chủ tịch UBND huyện Thanh Hà",
        "Trưởng ban",
        "Chỉ đạo chung",
        None,
    ]
    assert [row[0] for row in rows] == list(range(1, 11))
    assert [row[3] for row in rows] == [
        "Trưởng ban",
        "Phó Trưởng ban Thứ nhất",
        "Phó Trưởng ban Thường trực",
        *["Phó Trưởng ban"] * 5,
        "Ủy viên",
        "Ủy viên",
    ]
    assert rows[-1][1] == "Mạc Thị Hương"


def test_annex_typography_follows_decree_30(examples: Database, tmp_path: Path) -> None:
    workbook = load_workbook(_annex(examples, tmp_path))
    sheet = workbook["Danh sách"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                assert cell.font.name == "Times New Roman", cell.coordinate
    # the national heading: 12–13 pt bold capitals; the motto 13–14 pt bold
    for coordinate in ("A1", "A2", "C1"):
        cell = sheet[coordinate]
        assert cell.font.b and 12 <= cell.font.sz <= 13, coordinate
        assert cell.value == cell.value.upper()
    assert sheet["C2"].font.b and 13 <= sheet["C2"].font.sz <= 14
    assert sheet["A4"].font.b and sheet["A5"].font.b
    assert sheet["A6"].font.i and 13 <= sheet["A6"].font.sz <= 14
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=sheet.max_row):
        for cell in row:
            assert 13 <= cell.font.sz <= 14, cell.coordinate
    assert all(cell.font.b for cell in sheet[HEADER_ROW])
    # unstyled cells and column widths go by the workbook's default font (font 0)
    with zipfile.ZipFile(_annex(examples, tmp_path, force=True)) as archive:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    default = styles.find(f"{main}fonts/{main}font/{main}name")
    assert default is not None and default.get("val") == "Times New Roman"


def test_annex_page_is_a4_portrait_with_decree_30_margins(
    examples: Database, tmp_path: Path
) -> None:
    sheet = load_workbook(_annex(examples, tmp_path))["Danh sách"]
    setup = sheet.page_setup
    assert int(setup.paperSize) == 9  # A4
    assert setup.orientation == "portrait"
    margins = sheet.page_margins
    assert 20 <= round(_mm(margins.top), 3) <= 25
    assert 20 <= round(_mm(margins.bottom), 3) <= 25
    assert 30 <= round(_mm(margins.left), 3) <= 35
    assert 15 <= round(_mm(margins.right), 3) <= 20
    # the header row repeats on every printed page; the table fits the page width
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEF"]
    assert abs(sum(widths) - A4_PORTRAIT_UNITS) < 1.5  # no shrinking below the type sizes
    assert widths[0] < widths[1]  # STT narrow, names wide


def test_annex_table_cells_have_thin_borders_and_wrap(examples: Database, tmp_path: Path) -> None:
    sheet = load_workbook(_annex(examples, tmp_path))["Danh sách"]
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=sheet.max_row, max_col=len(HEADERS)):
        for cell in row:
            sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
            assert all(side.style == "thin" for side in sides), cell.coordinate
            assert cell.alignment.wrap_text, cell.coordinate
    # a long title is given the lines it needs
    height = sheet.row_dimensions[HEADER_ROW + 8].height  # "Phó Trưởng Công an huyện phụ trách…"
    assert height is not None and height >= 2 * 13


def test_annex_of_a_commune_names_its_kind(examples: Database, tmp_path: Path) -> None:
    sheet = load_workbook(_annex(examples, tmp_path, "10813"))["Danh sách"]
    assert sheet["A2"].value == "THỊ TRẤN THANH HÀ"
    assert sheet["A6"].value == (
        "(Kèm theo Quyết định số 45/QĐ-UBND ngày 22/06/2023 của UBND thị trấn Thanh Hà)"
    )
    assert sheet.cell(HEADER_ROW + 5, 3).value == "Công chức Văn hóa - Xã hội"


@pytest.mark.parametrize(
    ("example", "unit"), [(DISTRICT_EXAMPLE, "294"), (COMMUNE_EXAMPLE, "10813")]
)
def test_annex_reads_back_as_the_roster_it_came_from(
    examples: Database, tmp_path: Path, example: Path, unit: str
) -> None:
    original = read_roster(example)
    exported = read_roster(_annex(examples, tmp_path, unit))
    assert (exported.decision_number, exported.signed_on) == (
        original.decision_number,
        original.signed_on,
    )
    assert exported.issuer == original.issuer

    def lines(roster):  # type: ignore[no-untyped-def]
        return [(r.name, r.title, r.role, r.duties, r.note) for r in roster.rows]

    assert lines(exported) == lines(original)


def test_annex_of_an_older_decision_by_its_number(examples: Database, tmp_path: Path) -> None:
    _import(examples, DISTRICT_EXAMPLE, "294", number="2290/QĐ-UBND", signed_on=date(2024, 3, 1))
    with examples.session() as session:
        assert load_annex(session, "294").number == "2290/QĐ-UBND"
        older = load_annex(session, "294", "2105/qd-ubnd")  # typed as a clerk types it
        assert (older.number, older.signed_on) == ("2105/QĐ-UBND", date(2023, 6, 12))
        with pytest.raises(UserError, match="không có quyết định số 9/QĐ-UBND.*2290/QĐ-UBND"):
            load_annex(session, "294", "9/QĐ-UBND")
    path = _annex(examples, tmp_path, decision_number="2105/QĐ-UBND")
    assert "2105/QĐ-UBND ngày 12/06/2023" in load_workbook(path)["Danh sách"]["A6"].value


def test_annex_refuses_what_has_no_roster(examples: Database) -> None:
    with examples.session() as session:
        with pytest.raises(UserError, match="99999"):
            load_annex(session, "99999")
        with pytest.raises(UserError, match="Huyện Nam Sách chưa có quyết định"):
            load_annex(session, "291")
        with pytest.raises(UserError, match="cấp tỉnh"):
            load_annex(session, "30")


# --- files: default names, --force, whole or nothing ------------------------------------------


def test_ascii_slug_folds_diacritics() -> None:
    assert ascii_slug("2105/QĐ-UBND") == "2105-QD-UBND"
    assert ascii_slug("Thị trấn Thanh Hà") == "Thi-tran-Thanh-Ha"
    assert ascii_slug("15/2023/QĐ-UBND") == "15-2023-QD-UBND"


def test_default_names_under_exports(examples: Database, exports_dir: Path) -> None:
    with examples.session() as session:
        annex = write_roster_annex(session, "294")
        district = write_district_workbook(session, "294")
        province = write_province_workbook(session)
    assert annex == exports_dir / "danh-sach-294-2105-QD-UBND.xlsx"
    assert district == exports_dir / "tong-hop-huyen-294.xlsx"
    assert province == exports_dir / "tong-hop-tinh-30.xlsx"
    for path in (annex, district, province):
        assert path.name.isascii()
        load_workbook(path)  # a real workbook
    assert sorted(p.name for p in exports_dir.iterdir()) == sorted(
        p.name for p in (annex, district, province)
    )


def test_an_existing_file_is_replaced_only_with_force(examples: Database, tmp_path: Path) -> None:
    target = tmp_path / "annex-294.xlsx"
    target.write_bytes(b"the clerk's own file")
    with pytest.raises(UserError, match="đã có; thêm --force"):
        _annex(examples, tmp_path)
    assert target.read_bytes() == b"the clerk's own file"
    with examples.session() as session, pytest.raises(UserError, match="--force"):
        write_district_workbook(session, "294", output=target)
    assert target.read_bytes() == b"the clerk's own file"
    _annex(examples, tmp_path, force=True)
    assert load_workbook(target)["Danh sách"]["A4"].value == "DANH SÁCH"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_save_that_fails_half_way_leaves_nothing(tmp_path: Path) -> None:
    def fail_half_way(stream: BinaryIO) -> None:
        stream.write(b"PK\x03\x04 half a workbook")
        raise OSError(28, "No space left on device")

    target = tmp_path / "out.xlsx"
    with pytest.raises(UserError, match="ổ đĩa đã đầy"):
        write_atomically(target, fail_half_way, replace=False)
    assert list(tmp_path.iterdir()) == []

    target.write_bytes(b"previous")
    with pytest.raises(UserError):
        write_atomically(target, fail_half_way, replace=True)
    assert target.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [target]


def test_a_file_that_appears_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"

    def save_while_someone_else_writes(stream: BinaryIO) -> None:
        stream.write(b"ours")
        target.write_bytes(b"theirs")

    with pytest.raises(UserError, match="đã có"):
        write_atomically(target, save_while_someone_else_writes, replace=False)
    assert target.read_bytes() == b"theirs"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing/out.xlsx", "«.*missing» không tồn tại"),
        ("file.txt/out.xlsx", "«.*file.txt» không phải một thư mục"),
        ("out.csv", "đuôi .xlsx"),
        (".", "đó là một thư mục"),
    ],
)
def test_output_paths_that_cannot_be_used(
    examples: Database, tmp_path: Path, name: str, message: str
) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    output = tmp_path / name if name != "." else tmp_path / "folder.xlsx"
    if name == ".":
        output.mkdir()
    with examples.session() as session, pytest.raises(UserError, match=message):
        write_roster_annex(session, "294", output=output)


# --- the district workbook ---------------------------------------------------------------------


@pytest.fixture
def district_book(examples: Database, tmp_path: Path) -> Path:
    with examples.session() as session:
        return write_district_workbook(session, "294", output=tmp_path / "huyen.xlsx")


def _district_units(database: Database) -> list[str]:
    with database.session() as session:
        return [unit.code for unit in select_units(session, district="294")]


def test_district_workbook_sheets(district_book: Path) -> None:
    workbook = load_workbook(district_book)
    assert workbook.sheetnames == [
        "Tổng hợp",
        "Phát hiện",
        "294 Huyện Thanh Hà",
        "10813 Thị trấn Thanh Hà",
    ]
    annex = workbook["10813 Thị trấn Thanh Hà"]
    assert annex["A6"].value.startswith("(Kèm theo Quyết định số 45/QĐ-UBND ngày 22/06/2023")
    assert annex.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert annex.page_setup.orientation == "portrait"


def test_district_summary_one_row_per_committee(examples: Database, district_book: Path) -> None:
    codes = _district_units(examples)
    frame = pd.read_excel(
        district_book,
        engine="openpyxl",
        sheet_name="Tổng hợp",
        header=TABLE_HEADER - 1,
        nrows=len(codes),
        dtype={"Mã đơn vị": str},
    )
    assert list(frame.columns) == [
        "STT",
        "Mã đơn vị",
        "Đơn vị",
        "Số quyết định",
        "Ngày ký",
        "Số thành viên",
        "Kết quả",
        "Số lỗi",
        "Số cảnh báo",
        "Thời hạn",
    ]
    assert list(frame["Mã đơn vị"]) == codes
    rows = frame.set_index("Mã đơn vị")
    district = rows.loc["294"]
    assert district["Đơn vị"] == "Huyện Thanh Hà"
    assert district["Số quyết định"] == "2105/QĐ-UBND"
    assert district["Ngày ký"] == pd.Timestamp(2023, 6, 12)
    assert (district["Số thành viên"], district["Kết quả"]) == (10, "Đạt")
    assert (district["Số lỗi"], district["Số cảnh báo"], district["Thời hạn"]) == (0, 0, "Đúng hạn")
    town = rows.loc["10813"]
    assert (town["Số thành viên"], town["Kết quả"], town["Số lỗi"]) == (9, "Chưa đạt", 1)
    others = rows.drop(index=["294", "10813"])
    assert len(others) == len(codes) - 2 > 10
    assert set(others["Kết quả"]) == {"Chưa kiện toàn"}
    assert others["Số quyết định"].isna().all() and others["Số thành viên"].isna().all()
    assert others["Thời hạn"].isna().all()
    assert set(others["Số lỗi"]) == {1}  # BCD404, listed in "Phát hiện"


def test_district_summary_totals_and_counts(examples: Database, district_book: Path) -> None:
    count = len(_district_units(examples))
    sheet = load_workbook(district_book)["Tổng hợp"]
    assert sheet["A1"].value == "TỔNG HỢP KẾT QUẢ KIỆN TOÀN BAN CHỈ ĐẠO 138 HUYỆN THANH HÀ"
    assert "II.23.b" in sheet["A2"].value and "30/06/2023" in sheet["A2"].value
    totals = TABLE_HEADER + count + 1
    assert [sheet.cell(totals, column).value for column in (3, 6, 8, 9)] == [
        "Tổng cộng",
        19,
        count - 1,
        0,
    ]
    assert sheet.cell(totals, 3).font.b
    block = totals + 2
    assert [(sheet.cell(block + i, 3).value, sheet.cell(block + i, 4).value) for i in range(6)] == [
        ("Kết quả", "Số Ban Chỉ đạo"),
        ("Đạt", 1),
        ("Cảnh báo", 0),
        ("Chưa đạt", 1),
        ("Chưa kiện toàn", count - 2),
        ("Tổng cộng", count),
    ]
    timing = block + 7
    assert [
        (sheet.cell(timing + i, 3).value, sheet.cell(timing + i, 4).value) for i in range(4)
    ] == [
        ("Thời hạn", "Số Ban Chỉ đạo"),
        ("Đúng hạn", 2),
        ("Chậm", 0),
        ("Chưa có quyết định", count - 2),
    ]


def test_district_summary_has_a_native_bar_chart_of_the_results(
    examples: Database, district_book: Path
) -> None:
    count = len(_district_units(examples))
    chart = _chart(district_book)
    assert chart.find(f"{CHART}barDir").get("val") == "col"
    block = TABLE_HEADER + count + 3
    references = _references(chart)
    assert f"'Tổng hợp'!$D${block + 1}:$D${block + 4}" in references  # the four counts
    assert f"'Tổng hợp'!$C${block + 1}:$C${block + 4}" in references  # their labels
    sheet = load_workbook(district_book)["Tổng hợp"]
    assert len(sheet._charts) == 1


def test_district_tables_are_frozen_filtered_and_fitted(
    examples: Database, district_book: Path
) -> None:
    count = len(_district_units(examples))
    workbook = load_workbook(district_book)
    summary, findings = workbook["Tổng hợp"], workbook["Phát hiện"]
    assert summary.freeze_panes == findings.freeze_panes == f"D{TABLE_HEADER + 1}"
    assert summary.auto_filter.ref == f"A{TABLE_HEADER}:J{TABLE_HEADER + count}"
    assert findings.auto_filter.ref.startswith(f"A{TABLE_HEADER}:H")
    assert summary.print_title_rows == findings.print_title_rows == "$4:$4"
    assert summary.page_setup.orientation == "landscape"
    # widths fit the longest unit name; long texts wrap instead of widening without end
    longest = max(
        (summary.cell(row, 3).value for row in range(TABLE_HEADER + 1, TABLE_HEADER + count + 1)),
        key=len,
    )
    assert summary.column_dimensions["C"].width >= text_units(longest, 12) - 0.01
    message = findings.column_dimensions["G"]
    assert message.width <= 48
    assert findings.cell(TABLE_HEADER + 1, 7).alignment.wrap_text
    # each committee with a roster links to its annex sheet
    link = summary.cell(TABLE_HEADER + 1, 3).hyperlink
    assert link is not None and link.location == "'294 Huyện Thanh Hà'!A1"


def test_district_findings_sheet(examples: Database, district_book: Path) -> None:
    pack = load_rule_pack()
    count = len(_district_units(examples))
    frame = pd.read_excel(
        district_book, engine="openpyxl", sheet_name="Phát hiện", header=TABLE_HEADER - 1, dtype=str
    )
    assert list(frame.columns) == [
        "STT",
        "Mã đơn vị",
        "Đơn vị",
        "Mã quy tắc",
        "Mức",
        "Thành viên",
        "Nội dung",
        "Căn cứ (câu trong Kế hoạch)",
    ]
    assert list(frame["STT"]) == [str(n) for n in range(1, len(frame) + 1)]
    town = frame[frame["Mã đơn vị"] == "10813"]
    assert len(town) == 1 and town.iloc[0]["Mã quy tắc"] in ("BCD204", "BCD205")
    assert town.iloc[0]["Mức"] == "Lỗi"
    assert (
        town.iloc[0]["Căn cứ (câu trong Kế hoạch)"] == pack.rule(town.iloc[0]["Mã quy tắc"]).source
    )
    missing = frame[frame["Mã quy tắc"] == "BCD404"]
    assert len(missing) == count - 2
    assert set(missing["Căn cứ (câu trong Kế hoạch)"]) == {pack.rule("BCD404").source}
    assert "294" not in set(frame["Mã đơn vị"])  # Đạt: nothing to report


def test_district_workbook_refuses_a_commune_or_an_unknown_code(examples: Database) -> None:
    with examples.session() as session:
        with pytest.raises(UserError, match="không phải đơn vị cấp huyện"):
            write_district_workbook(session, "10813")
        with pytest.raises(UserError, match="99999"):
            write_district_workbook(session, "99999")


# --- the province workbook ---------------------------------------------------------------------


def test_province_workbook_per_district_committee_and_finding(
    examples: Database, tmp_path: Path
) -> None:
    with examples.session() as session:
        path = write_province_workbook(session, output=tmp_path / "tinh.xlsx")
        data = province_data(session)
    # read with calamine, the reader `bcd138 import` uses, as well as with openpyxl
    sheets = pd.read_excel(
        path, engine="calamine", sheet_name=None, header=TABLE_HEADER - 1, dtype={"Mã đơn vị": str}
    )
    assert list(sheets) == ["Tổng hợp", "Ban Chỉ đạo", "Phát hiện"]

    summary = sheets["Tổng hợp"]
    districts, totals = summary.iloc[:12], summary.iloc[12]
    assert len(summary) == 13 and totals["Đơn vị cấp huyện"] == "Tổng cộng"
    thanh_ha = districts.set_index("Mã đơn vị").loc["294"]
    assert thanh_ha["Đơn vị cấp huyện"] == "Huyện Thanh Hà"
    assert thanh_ha[
        ["Số Ban Chỉ đạo", "Đạt", "Cảnh báo", "Chưa đạt", "Chưa kiện toàn"]
    ].tolist() == [len(_district_units(examples)), 1, 0, 1, len(_district_units(examples)) - 2]
    assert (thanh_ha["Đúng hạn"], thanh_ha["Chậm"]) == (2, 0)
    assert totals["Số Ban Chỉ đạo"] == 219 == districts["Số Ban Chỉ đạo"].sum()
    assert (totals["Đạt"], totals["Chưa đạt"], totals["Chưa kiện toàn"]) == (1, 1, 217)

    committees = sheets["Ban Chỉ đạo"]
    assert len(committees) == 219
    assert committees.columns[3] == "Thuộc đơn vị cấp huyện"
    town = committees.set_index("Mã đơn vị").loc["10813"]
    assert (town["Đơn vị"], town["Thuộc đơn vị cấp huyện"], town["Kết quả"]) == (
        "Thị trấn Thanh Hà",
        "Huyện Thanh Hà",
        "Chưa đạt",
    )

    findings = sheets["Phát hiện"]
    assert len(findings) == len(data.findings) == 218  # 217 × BCD404 and the police seat
    assert (findings["Mã quy tắc"] == "BCD404").sum() == 217


def test_province_workbook_is_streamed_with_chart_filters_and_panes(
    examples: Database, tmp_path: Path
) -> None:
    with examples.session() as session:
        data = province_data(session)
        path = write_province_workbook(session, output=tmp_path / "tinh.xlsx")
    streamed = province_workbook(data)
    assert streamed.write_only  # rows go out one by one
    streamed.save(tmp_path / "again.xlsx")
    workbook = load_workbook(path)
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == f"D{TABLE_HEADER + 1}", sheet.title
        assert sheet.auto_filter.ref.startswith(f"A{TABLE_HEADER}:"), sheet.title
        assert sheet.print_title_rows == "$4:$4"
        assert sheet["A1"].font.name == "Times New Roman"
    assert workbook["Ban Chỉ đạo"].auto_filter.ref == f"A{TABLE_HEADER}:K{TABLE_HEADER + 219}"
    chart = _chart(path)
    assert chart.find(f"{CHART}grouping").get("val") == "stacked"
    series = chart.findall(f"{CHART}ser")
    assert len(series) == 4  # Đạt, Cảnh báo, Chưa đạt, Chưa kiện toàn
    assert "'Tổng hợp'!$C$5:$C$16" in _references(chart)  # the twelve districts


def test_province_needs_a_choice_when_there_are_several(examples: Database) -> None:
    from committee.usecases.units import load_province

    with examples.transaction() as session:
        load_province(session, "27")  # Bắc Ninh
    with examples.session() as session:
        with pytest.raises(UserError, match="--province"):
            write_province_workbook(session)
        assert province_data(session, "30").province.name == "Tỉnh Hải Dương"
        with pytest.raises(UserError, match="không phải một tỉnh"):
            province_data(session, "294")


# --- small parts ------------------------------------------------------------------------------


def test_on_time_is_signed_on_or_before_the_deadline() -> None:
    deadline = date(2023, 6, 30)
    assert timeliness(DecisionFacts("1/QĐ-UBND", date(2023, 6, 30)), deadline) == "Đúng hạn"
    assert timeliness(DecisionFacts("1/QĐ-UBND", date(2023, 7, 1)), deadline) == "Chậm"
    assert timeliness(None, deadline) == ""


def test_text_estimates_wrap_long_text_and_keep_short_text_on_one_line() -> None:
    name = "Nguyễn Thị Thanh Hương"
    assert line_count(name, text_units(name, 13), 13) == 1
    assert line_count(name, text_units(name, 13) / 2, 13) >= 2
    assert text_units(name, 13, bold=True) > text_units(name, 13)
    sentence = " ".join([name] * 10)
    assert line_count(sentence, 20, 13) > line_count(sentence, 60, 13)


def test_annex_workbook_is_built_in_memory_before_any_file(examples: Database) -> None:
    with examples.session() as session:
        workbook = annex_workbook(load_annex(session, "294"))
    assert isinstance(workbook, openpyxl.Workbook)
    assert workbook.properties.creator == "bcd138"
    assert workbook.sheetnames == ["Danh sách"]
