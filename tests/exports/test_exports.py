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
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from committee import paths
from committee.domain.errors import UserError
from committee.domain.records import DecisionFacts
from committee.exports.annex import HEADERS, annex_workbook
from committee.exports.document_text import REFERENCE_BREAKS
from committee.exports.export_paths import ascii_slug
from committee.exports.export_rows import timeliness
from committee.exports.output_files import write_atomically
from committee.exports.workbooks import province_workbook
from committee.exports.xlsx_style import (
    A4_PORTRAIT_UNITS,
    break_in_two,
    line_count,
    row_height,
    text_points,
    text_units,
)
from committee.rosters.roster_reader import read_roster
from committee.rules.pack import load_rule_pack
from committee.store.database import Database
from committee.usecases.checking import select_units
from committee.usecases.decisions import current_decision, roster, roster_with_people
from committee.usecases.exports import (
    load_annex,
    province_data,
    write_district_workbook,
    write_province_workbook,
    write_roster_annex,
)
from committee.usecases.importing import ImportOptions, prepare_import, store_import
from committee.usecases.workspace import open_workspace

from ..conftest import EXAMPLES

DISTRICT_EXAMPLE = EXAMPLES / "roster-district-columns.xlsx"
COMMUNE_EXAMPLE = EXAMPLES / "roster-commune-sections.xlsx"
HEADER_ROW = 10  # of the annex
TABLE_HEADER = 7  # of the report sheets: heading block, blank, title, note, blank, header


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


def _annex_columns(sheet: Worksheet) -> dict[str, int]:
    """The annex's columns by header: each spans grid columns, merged; its first one."""
    return {cell.value: cell.column for cell in sheet[HEADER_ROW] if isinstance(cell.value, str)}


def _merged_at(sheet: Worksheet, coordinate: str) -> str:
    """The merged range starting at `coordinate` (the cell itself when not merged)."""
    for cells in sheet.merged_cells.ranges:
        if cells.coord.startswith(f"{coordinate}:"):
            return cells.coord
    return coordinate


def test_annex_heading_title_and_decision_line(examples: Database, tmp_path: Path) -> None:
    sheet = load_workbook(_annex(examples, tmp_path))["Danh sách"]
    columns = _annex_columns(sheet)
    right = f"{get_column_letter(columns['Chức vụ, đơn vị công tác'])}"
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN"
    assert sheet["A2"].value == "HUYỆN THANH HÀ"
    assert sheet[f"{right}1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet[f"{right}2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert sheet["A5"].value == "DANH SÁCH"
    assert sheet["A6"].value == (
        "Thành viên Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào "
        "toàn dân bảo vệ an ninh Tổ quốc huyện Thanh Hà"
    )
    # too long for one line: broken before "của", never one word alone on a line
    assert sheet["A7"].value == (
        "(Kèm theo Quyết định số 2105/QĐ-UBND ngày 12 tháng 6 năm 2023\ncủa UBND huyện Thanh Hà)"
    )
    last = get_column_letter(sheet.max_column)
    left_end = get_column_letter(columns["Chức vụ, đơn vị công tác"] - 1)
    for row in (1, 2):
        assert _merged_at(sheet, f"A{row}") == f"A{row}:{left_end}{row}"
        assert _merged_at(sheet, f"{right}{row}") == f"{right}{row}:{last}{row}"
    for row in (5, 6, 7):
        assert _merged_at(sheet, f"A{row}") == f"A{row}:{last}{row}"
    assert all(unicodedata.is_normalized("NFC", text) for text in _texts(sheet))


def _rule_extent(sheet: Worksheet, row: int) -> list[tuple[float, float]]:
    """The short rules drawn in `row`: runs of cells with a bottom border, as (start, end)
    in column-width units from the left edge."""
    runs: list[tuple[float, float]] = []
    edge = 0.0
    current: list[float] | None = None
    for column in range(1, sheet.max_column + 1):
        width = sheet.column_dimensions[get_column_letter(column)].width
        ruled = sheet.cell(row, column).border.bottom.style == "thin"
        if ruled and current is None:
            current = [edge, edge + width]
        elif ruled and current is not None:
            current[1] = edge + width
        elif current is not None:
            runs.append((current[0], current[1]))
            current = None
        edge += width
    if current is not None:
        runs.append((current[0], current[1]))
    return runs


def test_annex_short_rules_are_drawn_lines_centred_under_their_text(
    examples: Database, tmp_path: Path
) -> None:
    sheet = load_workbook(_annex(examples, tmp_path))["Danh sách"]
    columns = _annex_columns(sheet)
    edges = [0.0]
    for column in range(1, sheet.max_column + 1):
        edges.append(edges[-1] + sheet.column_dimensions[get_column_letter(column)].width)
    split = edges[columns["Chức vụ, đơn vị công tác"] - 1]
    agency, motto = _rule_extent(sheet, 3)
    assert abs((agency[0] + agency[1]) / 2 - split / 2) < 0.6  # centred under the agency
    agency_text = text_units("HUYỆN THANH HÀ", 12, bold=True)
    assert agency_text / 3 - 1 <= agency[1] - agency[0] <= agency_text / 2 + 1
    assert abs((motto[0] + motto[1]) / 2 - (split + edges[-1]) / 2) < 0.6
    assert abs((motto[1] - motto[0]) - text_units("Độc lập - Tự do - Hạnh phúc", 13, True)) < 3
    (title,) = _rule_extent(sheet, 8)
    assert abs((title[0] + title[1]) / 2 - edges[-1] / 2) < 0.6
    for cell in (sheet["A2"], sheet.cell(2, columns["Chức vụ, đơn vị công tác"])):
        assert not cell.font.u  # a rule, not an underline
    assert sheet.row_dimensions[3].height <= 8  # a thin row under the text


def _annex_rows(sheet: Worksheet) -> list[list[object]]:
    """The member rows under the header, one value per column of HEADERS."""
    columns = _annex_columns(sheet)
    rows = []
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        number = sheet.cell(row, columns["STT"]).value
        if not isinstance(number, int):
            break
        rows.append([sheet.cell(row, columns[header]).value for header in HEADERS])
    return rows


DISTRICT_PRINTED = [
    "Chủ tịch UBND huyện Thanh Hà",
    "Phó Chủ tịch UBND huyện",
    "Trưởng Công an huyện",
    "Trưởng phòng Y tế huyện",
    "Trưởng phòng Lao động - Thương binh và Xã hội huyện",
    "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
    "Phó Trưởng Công an huyện phụ trách Cảnh sát phòng, chống tội phạm",
    "Phó Trưởng Công an huyện phụ trách xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc",
    "Viện trưởng Viện Kiểm sát nhân dân huyện",
    "Trưởng phòng Văn hóa và Thông tin huyện",
]
COMMUNE_PRINTED = [
    "Chủ tịch UBND thị trấn Thanh Hà",
    "Phó Chủ tịch UBND thị trấn",
    "Trưởng Công an thị trấn",
    "Trạm trưởng Trạm Y tế thị trấn",
    "Công chức Văn hóa - Xã hội thị trấn",
    "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam thị trấn",
    "Phó Trưởng Công an thị trấn",
    "Chỉ huy trưởng Ban Chỉ huy Quân sự thị trấn",
    "Bí thư Đoàn Thanh niên thị trấn",
]


def test_annex_table_holds_the_roster_in_order(examples: Database, tmp_path: Path) -> None:
    sheet = load_workbook(_annex(examples, tmp_path))["Danh sách"]
    assert list(_annex_columns(sheet)) == list(HEADERS)
    rows = _annex_rows(sheet)
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


@pytest.mark.parametrize(
    ("unit", "printed"), [("294", DISTRICT_PRINTED), ("10813", COMMUNE_PRINTED)]
)
def test_annex_prints_official_titles_and_keeps_the_typed_ones_stored(
    examples: Database, tmp_path: Path, unit: str, printed: list[str]
) -> None:
    sheet = load_workbook(_annex(examples, tmp_path, unit))["Danh sách"]
    assert [row[2] for row in _annex_rows(sheet)] == printed
    example = DISTRICT_EXAMPLE if unit == "294" else COMMUNE_EXAMPLE
    with examples.session() as session:
        annex = load_annex(session, unit)
    assert [line.title for line in annex.lines] == [row.title for row in read_roster(example).rows]
    assert [line.printed_title for line in annex.lines] == printed


def test_an_unrecognised_post_is_printed_as_typed(examples: Database, tmp_path: Path) -> None:
    with examples.transaction() as session:
        decision = current_decision(session, "294")
        assert decision is not None
        line = roster(session, decision.id)[-1]
        line.title, line.post_kind, line.post_unit_code = "Trưởng thôn Đông Tảo", None, None
        session.add(line)
    sheet = load_workbook(_annex(examples, tmp_path))["Danh sách"]
    assert _annex_rows(sheet)[-1][2] == "Trưởng thôn Đông Tảo"


def test_annex_ends_with_the_signature_block_of_its_decision(
    examples: Database, tmp_path: Path
) -> None:
    sheet = load_workbook(_annex(examples, tmp_path))["Danh sách"]
    below = [
        (cell.value, cell.font.b)
        for row in sheet.iter_rows(min_row=HEADER_ROW + 11)
        for cell in row
        if cell.value is not None
    ]
    assert below == [
        ("TM. ỦY BAN NHÂN DÂN", True),
        ("CHỦ TỊCH", True),
        ("Hồ Văn Minh", True),  # no signer recorded: the Chủ tịch UBND on the roster
    ]
    columns = _annex_columns(sheet)
    signature = next(c for row in sheet.iter_rows() for c in row if c.value == "CHỦ TỊCH")
    assert signature.column >= columns["Chức danh trong Ban Chỉ đạo"]  # on the right


def _sign(database: Database, unit: str, signer: str) -> None:
    with database.transaction() as session:
        decision = current_decision(session, unit)
        assert decision is not None
        decision.signer = signer
        session.add(decision)


@pytest.mark.parametrize(
    ("signer", "authority", "post", "name"),
    [
        ("Khúc Thị Dung", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Khúc Thị Dung"),  # the roster's PCT
        ("KT. Chủ tịch - Phó Chủ tịch Lê Văn Bình", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình"),
        ("Chủ tịch UBND huyện Hồ Văn Minh", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hồ Văn Minh"),
        ("Phạm Văn Cường", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Văn Cường"),
    ],
)
def test_the_signature_block_follows_the_signers_post(
    examples: Database, signer: str, authority: str, post: str, name: str
) -> None:
    _sign(examples, "294", signer)
    with examples.session() as session:
        signature = load_annex(session, "294").signature
    assert signature is not None
    assert (signature.authority, signature.post, signature.name) == (authority, post, name)


def test_annex_typography_follows_decree_30(examples: Database, tmp_path: Path) -> None:
    workbook = load_workbook(_annex(examples, tmp_path))
    sheet = workbook["Danh sách"]
    right = get_column_letter(_annex_columns(sheet)["Chức vụ, đơn vị công tác"])
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                assert cell.font.name == "Times New Roman", cell.coordinate
    # the national heading: 12–13 pt bold capitals; the motto 13–14 pt bold
    for coordinate in ("A1", "A2", f"{right}1"):
        cell = sheet[coordinate]
        assert cell.font.b and 12 <= cell.font.sz <= 13, coordinate
        assert cell.value == cell.value.upper()
    assert sheet[f"{right}2"].font.b and 13 <= sheet[f"{right}2"].font.sz <= 14
    assert sheet["A5"].font.b and sheet["A6"].font.b
    assert sheet["A7"].font.i and 13 <= sheet["A7"].font.sz <= 14
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=sheet.max_row):
        for cell in row:
            if cell.value is not None:
                assert 13 <= cell.font.sz <= 14, cell.coordinate
    assert all(cell.font.b for cell in sheet[HEADER_ROW] if cell.value)
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
    widths = [
        sheet.column_dimensions[get_column_letter(column)].width
        for column in range(1, sheet.max_column + 1)
    ]
    assert abs(sum(widths) - A4_PORTRAIT_UNITS) < 1.5  # no shrinking below the type sizes
    assert widths[0] < widths[1] + widths[2]  # STT narrow, names wide


def _column_width(sheet: Worksheet, header: str) -> float:
    """The width of one annex column: its grid columns, up to the next header's."""
    columns = sorted(_annex_columns(sheet).items(), key=lambda item: item[1])
    starts = [column for _, column in columns] + [sheet.max_column + 1]
    index = [name for name, _ in columns].index(header)
    return sum(
        sheet.column_dimensions[get_column_letter(column)].width
        for column in range(starts[index], starts[index + 1])
    )


def test_annex_table_cells_have_thin_borders_and_wrap(examples: Database, tmp_path: Path) -> None:
    sheet = load_workbook(_annex(examples, tmp_path))["Danh sách"]
    last = HEADER_ROW + 10
    starts = set(_annex_columns(sheet).values())
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=last, max_col=sheet.max_column):
        for cell in row:  # each column's cells merged across its grid columns, boxed
            assert cell.border.top.style == cell.border.bottom.style == "thin", cell.coordinate
            if cell.column in starts:
                assert cell.border.left.style == "thin", cell.coordinate
        assert row[-1].border.right.style == "thin"
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=last, max_col=sheet.max_column):
        for cell in row:
            if cell.value is not None:
                assert cell.alignment.wrap_text, cell.coordinate
    # a long title is given the lines it needs
    height = sheet.row_dimensions[HEADER_ROW + 8].height  # "Phó Trưởng Công an huyện phụ trách…"
    assert height is not None and height >= 2 * 13


def test_two_lines_of_duties_make_a_row_two_lines_tall(examples: Database, tmp_path: Path) -> None:
    """The duties column is wide enough: duties that take two lines leave a row of two-line
    titles two lines tall, not four."""
    sheet = load_workbook(_annex(examples, tmp_path))["Danh sách"]
    duties = _column_width(sheet, "Nhiệm vụ được phân công")
    for text in (
        "Kiểm sát giải quyết tố giác, tin báo",  # Thái Văn An
        "Cai nghiện, phòng, chống mại dâm",  # Nông Văn Tùng
    ):
        assert line_count(text, duties, 13) == 2, text
    assert sheet.row_dimensions[HEADER_ROW + 9].height == row_height(2, 13)
    assert sheet.row_dimensions[HEADER_ROW + 10].height == row_height(2, 13)  # Mạc Thị Hương


def test_annex_of_a_commune_names_its_kind(examples: Database, tmp_path: Path) -> None:
    sheet = load_workbook(_annex(examples, tmp_path, "10813"))["Danh sách"]
    assert sheet["A2"].value == "THỊ TRẤN THANH HÀ"
    assert sheet["A7"].value.replace("\n", " ") == (
        "(Kèm theo Quyết định số 45/QĐ-UBND ngày 22 tháng 6 năm 2023 của UBND thị trấn Thanh Hà)"
    )
    assert _annex_rows(sheet)[4][2] == "Công chức Văn hóa - Xã hội thị trấn"


def test_the_decision_line_breaks_between_words_at_a_sensible_place() -> None:
    room = 400.0  # points: too narrow for the whole line at 13 pt
    line = "(Kèm theo Quyết định số 2105/QĐ-UBND ngày 12 tháng 6 năm 2023 của UBND huyện Thanh Hà)"
    broken = break_in_two(line, room, 13, before=REFERENCE_BREAKS)
    first, second = broken.split("\n")
    assert second == "của UBND huyện Thanh Hà)"
    assert text_points(first, 13) <= room
    assert break_in_two(line, 1000.0, 13, before=REFERENCE_BREAKS) == line  # fits: as it is
    long_issuer = line.replace("huyện Thanh Hà", "thị xã " + "Rất Dài " * 6)
    first, second = break_in_two(long_issuer, room, 13, before=REFERENCE_BREAKS).split("\n")
    assert len(first.split()) >= 2 and len(second.split()) >= 2


def _stored_posts(database: Database, unit: str) -> list[tuple[object, ...]]:
    with database.session() as session:
        decision = current_decision(session, unit)
        assert decision is not None
        return [
            (
                person.full_name,
                line.role,
                line.post_kind,
                line.post_unit_code,
                line.portfolio,
                line.duties,
                line.note,
            )
            for line, person in roster_with_people(session, decision.id)
        ]


@pytest.mark.parametrize(
    ("example", "unit"), [(DISTRICT_EXAMPLE, "294"), (COMMUNE_EXAMPLE, "10813")]
)
def test_annex_imports_back_as_the_same_roster(
    examples: Database, tmp_path: Path, example: Path, unit: str
) -> None:
    """Round trip: the exported annex, official titles and all, imported into another
    database gives the same people in the same seats, holding the same posts."""
    original = read_roster(example)
    path = _annex(examples, tmp_path, unit)
    exported = read_roster(path)
    assert (exported.decision_number, exported.signed_on) == (
        original.decision_number,
        original.signed_on,
    )
    assert exported.issuer == original.issuer
    assert [(r.name, r.role, r.duties, r.note) for r in exported.rows] == [
        (r.name, r.role, r.duties, r.note) for r in original.rows
    ]
    other = open_workspace(str(tmp_path / "other.sqlite"))
    try:
        _import(other, path, unit)
        assert _stored_posts(other, unit) == _stored_posts(examples, unit)
    finally:
        other.dispose()


def test_annex_of_an_older_decision_by_its_number(examples: Database, tmp_path: Path) -> None:
    _import(examples, DISTRICT_EXAMPLE, "294", number="2290/QĐ-UBND", signed_on=date(2024, 3, 1))
    with examples.session() as session:
        assert load_annex(session, "294").number == "2290/QĐ-UBND"
        older = load_annex(session, "294", "2105/qd-ubnd")  # typed as a clerk types it
        assert (older.number, older.signed_on) == ("2105/QĐ-UBND", date(2023, 6, 12))
        with pytest.raises(UserError, match="không có quyết định số 9/QĐ-UBND.*2290/QĐ-UBND"):
            load_annex(session, "294", "9/QĐ-UBND")
    path = _annex(examples, tmp_path, decision_number="2105/QĐ-UBND")
    line = load_workbook(path)["Danh sách"]["A7"].value
    assert "2105/QĐ-UBND ngày 12 tháng 6 năm 2023" in line


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
    # what the UI proposes is what the CLI writes without -o, the era included
    from committee.domain.vocabulary import Era
    from committee.usecases.exports import default_export_file

    assert default_export_file("annex", "294", "2105/QĐ-UBND") == annex
    assert default_export_file("district", "294") == district
    assert default_export_file("province", "30") == province
    assert default_export_file("decision", "11050", "1/QĐ-UBND", Era.Y2025) == (
        exports_dir / "quyet-dinh-2025-11050-1-QD-UBND.docx"
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
    assert load_workbook(target)["Danh sách"]["A5"].value == "DANH SÁCH"
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
        "Quy tắc",
        "294 Huyện Thanh Hà",
        "10813 Thị trấn Thanh Hà",
    ]
    annex = workbook["10813 Thị trấn Thanh Hà"]
    assert annex["A7"].value.startswith("(Kèm theo Quyết định số 45/QĐ-UBND ngày 22 tháng 6")
    assert [row[2] for row in _annex_rows(annex)] == COMMUNE_PRINTED
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
    # "Chưa kiện toàn" is counted apart from "Chưa đạt": no errors counted for it (its
    # BCD404 is listed in "Phát hiện")
    assert others["Số lỗi"].isna().all() and others["Số cảnh báo"].isna().all()


def test_district_summary_totals_and_counts(examples: Database, district_book: Path) -> None:
    count = len(_district_units(examples))
    sheet = load_workbook(district_book)["Tổng hợp"]
    assert sheet["A4"].value == "TỔNG HỢP KẾT QUẢ KIỆN TOÀN BAN CHỈ ĐẠO 138 HUYỆN THANH HÀ"
    assert "II.23.b" in sheet["A5"].value and "30/06/2023" in sheet["A5"].value
    totals = TABLE_HEADER + count + 1
    assert [sheet.cell(totals, column).value for column in (3, 6, 8, 9)] == [
        "Tổng cộng",
        19,
        1,  # the errors of the committees that have a decision: the police seat
        0,
    ]
    assert sheet.cell(totals, 3).font.b
    block = totals + 2
    assert [
        tuple(sheet.cell(block + i, column).value for column in (3, 4, 5)) for i in range(6)
    ] == [
        ("Kết quả", "Số Ban Chỉ đạo", "Tỷ lệ"),
        ("Đạt", 1, round(1 / count, 4)),
        ("Cảnh báo", 0, 0),
        ("Chưa đạt", 1, round(1 / count, 4)),
        ("Chưa kiện toàn", count - 2, round((count - 2) / count, 4)),
        ("Tổng cộng", count, 1),
    ]
    assert sheet.cell(block + 1, 5).number_format == "0.0%"  # a number shown as a percentage
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
    assert findings.auto_filter.ref.startswith(f"A{TABLE_HEADER}:G")
    assert (
        summary.print_title_rows == findings.print_title_rows == f"${TABLE_HEADER}:${TABLE_HEADER}"
    )
    assert summary.page_setup.orientation == "landscape"
    # widths fit the longest unit name; long texts wrap instead of widening without end
    longest = max(
        (summary.cell(row, 3).value for row in range(TABLE_HEADER + 1, TABLE_HEADER + count + 1)),
        key=len,
    )
    assert summary.column_dimensions["C"].width >= text_units(longest, 12) - 0.01
    message = findings.column_dimensions["G"]
    assert message.width <= 60
    assert findings.cell(TABLE_HEADER + 1, 7).alignment.wrap_text
    # unit names are plain text; a decision's number opens its annex sheet, in the
    # table's own font (no blue, no underline)
    assert summary.cell(TABLE_HEADER + 1, 3).hyperlink is None
    number = summary.cell(TABLE_HEADER + 1, 4)
    assert number.hyperlink is not None and number.hyperlink.location == "'294 Huyện Thanh Hà'!A1"
    assert not number.font.u
    assert number.font.color is None or number.font.color.rgb != "FF0563C1"


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
    ]
    frame = frame[frame["Mã đơn vị"].notna() & frame["STT"].str.isdigit().fillna(False)]
    assert list(frame["STT"]) == [str(n) for n in range(1, len(frame) + 1)]
    town = frame[frame["Mã đơn vị"] == "10813"]
    assert len(town) == 1 and town.iloc[0]["Mã quy tắc"] in ("BCD204", "BCD205")
    assert town.iloc[0]["Mức"] == "Lỗi"
    missing = frame[frame["Mã quy tắc"] == "BCD404"]
    assert len(missing) == count - 2
    # each rule's source sentence is printed once, on the rules sheet, referenced by code
    rules = pd.read_excel(
        district_book,
        engine="openpyxl",
        sheet_name="Quy tắc",
        header=TABLE_HEADER - 1,
        nrows=len(pack.rules),
        dtype=str,
    )
    assert list(rules["Mã quy tắc"]) == list(pack.codes)
    by_code = rules.set_index("Mã quy tắc")
    assert by_code.loc["BCD404", "Căn cứ (câu trong Kế hoạch)"] == pack.rule("BCD404").source
    sheet = load_workbook(district_book)["Phát hiện"]
    texts = [cell.value for row in sheet.iter_rows() for cell in row]
    assert pack.rule("BCD404").source not in texts
    link = sheet.cell(TABLE_HEADER + 2, 4).hyperlink  # a BCD404 row's code
    row_of = TABLE_HEADER + 1 + list(pack.codes).index("BCD404")
    assert link is not None and link.location == f"'Quy tắc'!A{row_of}"
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
    assert list(sheets) == ["Tổng hợp", "Ban Chỉ đạo", "Phát hiện", "Quy tắc"]

    summary = sheets["Tổng hợp"]
    districts, totals = summary.iloc[:12], summary.iloc[12]
    assert totals["Đơn vị cấp huyện"] == "Tổng cộng"
    thanh_ha = districts.set_index("Mã đơn vị").loc["294"]
    assert thanh_ha["Đơn vị cấp huyện"] == "Huyện Thanh Hà"
    assert thanh_ha[
        ["Số Ban Chỉ đạo", "Đạt", "Cảnh báo", "Chưa đạt", "Chưa kiện toàn"]
    ].tolist() == [len(_district_units(examples)), 1, 0, 1, len(_district_units(examples)) - 2]
    assert (thanh_ha["Đúng hạn"], thanh_ha["Chậm"]) == (2, 0)
    assert totals["Số Ban Chỉ đạo"] == 219 == districts["Số Ban Chỉ đạo"].sum()
    assert (totals["Đạt"], totals["Chưa đạt"], totals["Chưa kiện toàn"]) == (1, 1, 217)
    assert totals["Tỷ lệ Chưa kiện toàn"] == round(217 / 219, 4)  # beside each count
    assert thanh_ha["Tỷ lệ Đạt"] == round(1 / len(_district_units(examples)), 4)
    assert totals["Số lỗi"] == 1  # "Chưa kiện toàn" counted apart from "Chưa đạt"

    committees = sheets["Ban Chỉ đạo"].iloc[:219]
    assert committees["STT"].tolist() == list(range(1, 220))
    assert committees.columns[3] == "Thuộc đơn vị cấp huyện"
    town = committees.set_index("Mã đơn vị").loc["10813"]
    assert (town["Đơn vị"], town["Thuộc đơn vị cấp huyện"], town["Kết quả"]) == (
        "Thị trấn Thanh Hà",
        "Huyện Thanh Hà",
        "Chưa đạt",
    )

    findings = sheets["Phát hiện"].iloc[: len(data.findings)]
    assert len(data.findings) == 218  # 217 × BCD404 and the police seat
    assert findings["STT"].tolist() == list(range(1, 219))
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
        assert sheet.print_title_rows == f"${TABLE_HEADER}:${TABLE_HEADER}"
        assert sheet["A1"].font.name == "Times New Roman"
        assert sheet["A1"].value == "ỦY BAN NHÂN DÂN"
    assert workbook["Ban Chỉ đạo"].auto_filter.ref == f"A{TABLE_HEADER}:K{TABLE_HEADER + 219}"
    chart = _chart(path)
    assert chart.find(f"{CHART}grouping").get("val") == "stacked"
    series = chart.findall(f"{CHART}ser")
    assert len(series) == 4  # Đạt, Cảnh báo, Chưa đạt, Chưa kiện toàn
    first, last = TABLE_HEADER + 1, TABLE_HEADER + 12
    assert f"'Tổng hợp'!$C${first}:$C${last}" in _references(chart)  # the twelve districts


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


# --- 14.3: workbooks that can be sent upward -----------------------------------------------------


DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _values(sheet: Worksheet) -> list[tuple[int, int, object]]:
    return [
        (cell.row, cell.column, cell.value)
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def _assert_heading_and_closing(sheet: Worksheet, body: str, place: str) -> None:
    values = _values(sheet)
    heading = [value for row, _, value in values if row <= 2]
    assert heading == [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        body,
        "Độc lập - Tự do - Hạnh phúc",
    ], sheet.title
    title = sheet["A4"]
    assert title.alignment.horizontal == "center" and title.font.b
    assert any(str(cells).startswith("A4:") for cells in sheet.merged_cells.ranges)
    closing = [value for row, _, value in values if row > TABLE_HEADER and isinstance(value, str)]
    dated = [text for text in closing if text.startswith(f"{place}, ngày ")]
    assert len(dated) == 1, sheet.title
    after = closing[closing.index(dated[0]) :]
    assert after[1:5] == [
        "NGƯỜI LẬP BIỂU",
        "TM. ỦY BAN NHÂN DÂN",
        "(Ký, ghi rõ họ tên)",
        "CHỦ TỊCH",
    ]
    preparer = next(column for _, column, value in values if value == "NGƯỜI LẬP BIỂU")
    signer = next(column for _, column, value in values if value == "TM. ỦY BAN NHÂN DÂN")
    assert preparer < signer  # the preparer on the left, the signer on the right


def test_district_sheets_open_with_the_heading_block_and_end_with_the_signatures(
    district_book: Path,
) -> None:
    workbook = load_workbook(district_book)
    for name in ("Tổng hợp", "Phát hiện", "Quy tắc"):
        _assert_heading_and_closing(workbook[name], "HUYỆN THANH HÀ", "Thanh Hà")
    today = date.today()
    assert f"số liệu đến ngày {today:%d/%m/%Y}" in workbook["Tổng hợp"]["A5"].value


def test_province_sheets_open_with_the_heading_block_and_end_with_the_signatures(
    examples: Database, tmp_path: Path
) -> None:
    with examples.session() as session:
        path = write_province_workbook(session, output=tmp_path / "tinh.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Tổng hợp", "Ban Chỉ đạo", "Phát hiện", "Quy tắc"]
    for sheet in workbook.worksheets:
        _assert_heading_and_closing(sheet, "TỈNH HẢI DƯƠNG", "Hải Dương")


@pytest.mark.parametrize("kind", ["district", "province"])
def test_the_chart_title_fits_on_a_line_in_the_workbooks_font(
    examples: Database, tmp_path: Path, kind: str
) -> None:
    with examples.session() as session:
        if kind == "district":
            path = write_district_workbook(session, "294", output=tmp_path / "b.xlsx")
        else:
            path = write_province_workbook(session, output=tmp_path / "b.xlsx")
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        space = ElementTree.fromstring(archive.read(name))
        drawing = next(n for n in archive.namelist() if n.startswith("xl/drawings/drawing"))
        anchor = ElementTree.fromstring(archive.read(drawing))
    title = space.find(f".//{CHART}title")
    assert title is not None
    text = "".join(t.text or "" for t in title.iter(f"{DRAWING}t"))
    assert text.startswith("Kết quả kiện toàn")
    fonts = {latin.get("typeface") for latin in space.iter(f"{DRAWING}latin")}
    assert fonts == {"Times New Roman"}  # title, axes, legend and labels
    size = int(next(title.iter(f"{DRAWING}rPr")).get("sz", "0")) / 100
    extent = next(element for element in anchor.iter() if element.tag.endswith("ext"))
    width_points = int(extent.get("cx", "0")) / 12700
    assert text_points(text, size, bold=True) + 36 <= width_points  # one line, with margins


def test_each_rule_source_is_printed_once(examples: Database, tmp_path: Path) -> None:
    pack = load_rule_pack()
    with examples.session() as session:
        path = write_province_workbook(session, output=tmp_path / "tinh.xlsx")
    workbook = load_workbook(path)
    everywhere = [value for sheet in workbook.worksheets for _, _, value in _values(sheet)]
    assert everywhere.count(pack.rule("BCD404").source) == 1
    assert sum(1 for value in _values(workbook["Phát hiện"]) if value[2] == "BCD404") == 217
