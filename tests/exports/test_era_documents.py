"""Issue 13: the Quyết định and its Danh sách of a unit of the era 2025 (a phường, an đặc
khu of Hải Phòng), written for real and read back with python-docx: the template's words
for the two-level local government (data/templates/quyet-dinh-kien-toan.toml, [eras."2025"])
and the official titles by the decision's date (data/official_titles.toml, [[renamed]]);
the legacy units' words unchanged."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from committee.domain.errors import UserError
from committee.domain.vocabulary import Era
from committee.exports.annex import HEADERS
from committee.exports.decision_template import TEMPLATE_FILE, read_decision_template
from committee.store.database import Database
from committee.usecases.exports import export_decision
from committee.usecases.importing import ImportOptions, prepare_import, store_import
from committee.usecases.units import load_province

from .test_exports import import_examples

Y2025 = Era.Y2025
THANH_DONG, CAT_HAI = "10507", "11914"  # phường Thành Đông, đặc khu Cát Hải (Hải Phòng)
ROWS = [  # (name, title with {kind} for the unit's kind word, role)
    ("Nguyễn Thị Mai", "Chủ tịch UBND {kind}", "Trưởng ban"),
    ("Phạm Văn Nam", "Phó Chủ tịch UBND {kind}", "Phó Trưởng ban Thứ nhất"),
    ("Trần Văn Oanh", "Trưởng Công an {kind}", "Phó Trưởng ban Thường trực"),
    ("Lê Thị Phương", "GĐ TYT", "Phó Trưởng ban"),
    ("Vũ Văn Quý", "TP VH-XH", "Phó Trưởng ban"),
    ("Đặng Thị Rạng", "Chủ tịch Ủy ban MTTQ {kind}", "Phó Trưởng ban"),
    ("Bùi Văn Sáng", "Phó Trưởng Công an {kind} phụ trách phòng, chống tội phạm", "Phó Trưởng ban"),
    ("Hồ Văn Tài", "Phó Trưởng Công an {kind} phụ trách an ninh", "Phó Trưởng ban"),
    ("Ngô Thị Uyên", "CVP HĐND&UBND", "Ủy viên"),
    ("Đỗ Văn Xuân", "Chỉ huy trưởng Ban CHQS {kind}", "Ủy viên"),
]


@pytest.fixture
def hai_phong(database: Database) -> Database:
    with database.transaction() as session:
        load_province(session, "Hải Phòng", Y2025)
    return database


def _import(database: Database, folder: Path, code: str, kind: str, unit: str, signed: str) -> None:
    """A roster of the unit, its decision 12/QĐ-UBND signed on `signed` (d/m/yyyy)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([f"(Kèm theo Quyết định số 12/QĐ-UBND ngày {signed} của UBND {unit})"])
    sheet.append(list(HEADERS))
    for number, (name, title, role) in enumerate(ROWS, start=1):
        sheet.append([number, name, title.format(kind=kind), role, "Theo Quy chế", ""])
    path = folder / f"{code}.xlsx"
    workbook.save(path)
    with database.transaction() as session:
        preview = prepare_import(session, path, ImportOptions(code, era=Y2025))
        assert preview.problems == ()
        store_import(session, preview)


def _decision(database: Database, folder: Path, code: str, era: Era = Y2025) -> list[str]:
    """The exported Quyết định's paragraphs, then those of its tables' cells (the
    heading block, Nơi nhận and the signature, the Danh sách)."""
    with database.session() as session:
        path = export_decision(session, code, output=folder / f"qd-{code}.docx", era=era).path
    document = Document(str(path))
    cells = [
        paragraph.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
    ]
    return [paragraph.text for paragraph in document.paragraphs] + cells


def test_a_phuongs_decision_names_its_office_the_2025_law_and_the_city_above(
    hai_phong: Database, tmp_path: Path
) -> None:
    _import(hai_phong, tmp_path, THANH_DONG, "phường", "phường Thành Đông", "4/8/2025")
    texts = _decision(hai_phong, tmp_path, THANH_DONG)
    article_3 = next(text for text in texts if text.startswith("Điều 3."))
    assert article_3.startswith(
        "Điều 3. Chánh Văn phòng HĐND và UBND phường Thành Đông, Trưởng Công an phường Thành Đông,"
    )
    assert not any("Văn phòng - Thống kê" in text for text in texts)  # a legacy post
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in texts
    assert not any("19 tháng 6 năm 2015" in text for text in texts)
    for recipient in (
        "- Ban Chỉ đạo 138 thành phố Hải Phòng (để báo cáo);",
        "- Công an thành phố Hải Phòng (để báo cáo);",
        "- Thường trực Đảng ủy phường Thành Đông (để báo cáo);",
    ):
        assert recipient in texts
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG THÀNH ĐÔNG" in texts
    # signed in 2025: the head of the Trạm Y tế is still its Trạm trưởng
    assert "Trạm trưởng Trạm Y tế phường" in texts
    assert not any("Giám đốc Trạm Y tế" in text for text in texts)
    assert "Chánh Văn phòng HĐND và UBND phường" in texts  # "CVP HĐND&UBND" spelt out


def test_an_dac_khus_decision_of_2026_titles_the_head_of_the_health_station_giam_doc(
    hai_phong: Database, tmp_path: Path
) -> None:
    _import(hai_phong, tmp_path, CAT_HAI, "đặc khu", "đặc khu Cát Hải", "10/2/2026")
    texts = _decision(hai_phong, tmp_path, CAT_HAI)
    assert "Giám đốc Trạm Y tế đặc khu" in texts
    assert not any("Trạm trưởng" in text for text in texts)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN ĐẶC KHU CÁT HẢI" in texts
    assert any(
        text.startswith("Điều 3. Chánh Văn phòng HĐND và UBND đặc khu Cát Hải, Trưởng Công an")
        for text in texts
    )
    assert "- Thường trực Đảng ủy đặc khu Cát Hải (để báo cáo);" in texts


def test_a_legacy_communes_decision_keeps_the_2023_words(
    database: Database, tmp_path: Path
) -> None:
    import_examples(database)
    texts = _decision(database, tmp_path, "10813", Era.LEGACY)  # thị trấn Thanh Hà
    article_3 = next(text for text in texts if text.startswith("Điều 3."))
    assert article_3.startswith("Điều 3. Công chức Văn phòng - Thống kê, Trưởng Công an thị trấn")
    assert any("ngày 19 tháng 6 năm 2015" in text for text in texts)
    assert "- Thường trực Đảng ủy (để báo cáo);" in texts
    assert not any("Giám đốc Trạm Y tế" in text for text in texts)


def _shipped() -> dict[str, object]:
    with TEMPLATE_FILE.open("rb") as handle:
        return tomllib.load(handle)


def test_an_era_gives_only_what_differs_and_the_rest_is_the_tops() -> None:
    template = read_decision_template(_shipped(), "mau.toml")
    legacy, new = template.words(Era.LEGACY), template.words(Y2025)
    assert new.summary == legacy.summary and new.article_2 == legacy.article_2
    assert new.legal_bases != legacy.legal_bases
    assert new.levels.keys() == legacy.levels.keys()  # no 2025 district: the top's, unused
    raw = _shipped()
    del raw["eras"]  # a province's own template of before: the same words for every era
    older = read_decision_template(raw, "mau.toml")
    assert older.words(Y2025) == older.words(Era.LEGACY)


def test_a_template_naming_an_unknown_era_or_key_is_refused() -> None:
    raw = _shipped()
    raw["eras"] = {"2030": {"summary": "Về việc"}}
    with pytest.raises(UserError, match=r"mục «eras\.2030»: không có thời kỳ này"):
        read_decision_template(raw, "mau.toml")
    raw["eras"] = {"2025": {"sumary": "Về việc"}}
    with pytest.raises(UserError, match=r"mục «eras\.\"2025\"\.sumary»: mẫu không có mục này"):
        read_decision_template(raw, "mau.toml")
    raw["eras"] = {"2025": {"levels": {"commune": {"article_3": "không phải danh sách"}}}}
    with pytest.raises(
        UserError, match=r"mục «eras\.\"2025\"\.levels\.commune\.article_3»: phải là một danh sách"
    ):
        read_decision_template(raw, "mau.toml")
    raw["eras"] = {"2025": {"legal_bases": ["Căn cứ {province};"]}}
    with pytest.raises(UserError, match=r"\{province\}"):
        read_decision_template(raw, "mau.toml")
