"""Issue 13: units of two eras in one database, on vietnamadminunits' real data: the
counts, a code reused with another meaning, the succession with a split unit, rosters of a
new commune checked by the 2025 pack, and the province workbook of a two-level province."""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import count
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import Session

from committee.catalogue.admin_units import province_units, provinces
from committee.domain.errors import UserError
from committee.domain.vocabulary import Era, Level
from committee.exports.annex import HEADERS
from committee.store.database import Database
from committee.usecases.checking import check_units, select_units
from committee.usecases.decisions import DecisionDetails, create_draft, list_decisions
from committee.usecases.exports import province_data
from committee.usecases.importing import ImportOptions, prepare_import, store_import
from committee.usecases.rulebook import explain_rule, rulebook
from committee.usecases.search import ResultKind, search
from committee.usecases.succession import confirm_successor, succession
from committee.usecases.units import get_unit, list_units, load_province

Y2025 = Era.Y2025


def test_the_2025_catalogue_has_34_provinces_and_3321_communes() -> None:
    new = provinces(Y2025)
    assert len(new) == 34
    communes = [
        unit
        for province in new
        for unit in province_units(province.code, Y2025)
        if unit.level is Level.COMMUNE
    ]
    assert len(communes) == 3321
    assert {unit.era for unit in communes} == {Y2025}
    assert len(provinces(Era.LEGACY)) == 63


def test_hai_phong_2025_has_114_units_45_phuong_67_xa_2_dac_khu() -> None:
    units = province_units("Hải Phòng", Y2025)
    city, communes = units[0], units[1:]
    assert (city.code, city.name, city.level) == ("31", "Thành phố Hải Phòng", Level.PROVINCE)
    assert len(communes) == 114
    assert Counter(unit.kind for unit in communes) == {"phường": 45, "xã": 67, "đặc khu": 2}
    assert {unit.parent_code for unit in communes} == {"31"}  # two levels: no districts


@pytest.fixture
def both(database: Database) -> Database:
    """Hải Dương (legacy, loaded when the workspace opened) and Hải Phòng from 2025."""
    with database.transaction() as session:
        load_province(session, "Hải Phòng", Y2025)
    return database


def test_loading_a_2025_province_twice_changes_nothing(both: Database) -> None:
    with both.transaction() as session:
        assert load_province(session, "31", Y2025) == 0
        units = list_units(session, era=Y2025, province="31")
    assert len(units) == 115
    assert units[0].level == Level.PROVINCE.value


def test_a_reused_code_names_two_units_told_apart_by_era(both: Database) -> None:
    with both.transaction() as session:
        assert get_unit(session, "11050").name == "Xã Hồng Hưng"
        assert get_unit(session, "11050", Y2025).name == "Xã Gia Phúc"
        create_draft(session, "11050", DecisionDetails("1/QĐ-UBND", None))
        create_draft(session, "11050", DecisionDetails("2/QĐ-UBND", None), era=Y2025)
    with both.session() as session:
        assert [d.number for d in list_decisions(session, "11050")] == ["1/QĐ-UBND"]
        assert [d.number for d in list_decisions(session, "11050", Y2025)] == ["2/QĐ-UBND"]
        found = {(r.key, r.era) for r in search(session, "gia phuc") if r.kind is ResultKind.UNIT}
    assert ("11035", Era.LEGACY) in found and ("11050", Y2025) in found


def test_a_split_legacy_unit_lists_every_candidate_until_one_is_confirmed(
    both: Database,
) -> None:
    with both.session() as session:
        old = succession(session, "11035")  # xã Gia Phúc before 2025, split in two
    assert old.heading == "sáp nhập vào"
    assert [(link.unit.code, link.unit.era) for link in old.links] == [
        ("10999", Y2025),
        ("11050", Y2025),
    ]
    assert all(link.needs_confirmation for link in old.links)
    assert [link.package_default for link in old.links] == [True, False]
    with both.transaction() as session:
        confirmed = confirm_successor(session, "11050", Y2025, "11035")
    assert confirmed.confirmed and confirmed.unit.name == "Xã Gia Phúc"
    with both.session() as session:
        again = succession(session, "11035")
        new = succession(session, "11050", Y2025)
    assert [(link.confirmed, link.settled_elsewhere) for link in again.links] == [
        (False, True),
        (True, False),
    ]
    assert new.phrase.startswith("hình thành từ: xã Toàn Thắng, xã Hoàng Diệu, xã Hồng Hưng")
    assert new.phrase.endswith("(huyện Gia Lộc)")
    assert {link.status for link in new.links} == {"Chưa kiện toàn"}


def test_confirming_a_unit_that_did_not_go_there_is_refused(both: Database) -> None:
    with both.transaction() as session, pytest.raises(UserError, match="không nằm trong"):
        confirm_successor(session, "11050", Y2025, "11020")  # xã Yết Kiêu went elsewhere


# --- rosters of a new commune, checked by the 2025 pack ---------------------------------------

_NUMBERS = count(301)
NEW_TITLES = [
    ("Nguyễn Thị Mai", "Chủ tịch UBND xã", "Trưởng ban"),
    ("Phạm Văn Nam", "Phó Chủ tịch UBND xã", "Phó Trưởng ban Thứ nhất"),
    ("Trần Văn Oanh", "Trưởng Công an xã", "Phó Trưởng ban Thường trực"),
    ("Lê Thị Phương", "GĐ TYT", "Phó Trưởng ban"),
    ("Vũ Văn Quý", "TP VH-XH", "Phó Trưởng ban"),
    ("Đặng Thị Rạng", "Chủ tịch Ủy ban MTTQ xã", "Phó Trưởng ban"),
    ("Bùi Văn Sáng", "Phó Trưởng Công an xã phụ trách phòng, chống tội phạm", "Phó Trưởng ban"),
    ("Hồ Văn Tài", "Phó Trưởng Công an xã phụ trách an ninh", "Phó Trưởng ban"),
    ("Ngô Thị Uyên", "CVP HĐND&UBND", "Ủy viên"),
    ("Dương Văn Việt", "Trưởng phòng Kinh tế", "Ủy viên"),
    ("Đỗ Văn Xuân", "Chỉ huy trưởng Ban CHQS xã", "Ủy viên"),
    ("Phan Thị Yến", "Hiệu trưởng Trường THCS Gia Phúc", "Ủy viên"),
]


def _roster(path: Path, rows: list[tuple[str, str, str]], issuer: str) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [f"(Kèm theo Quyết định số {next(_NUMBERS)}/QĐ-UBND ngày 4/8/2025 của UBND {issuer})"]
    )
    sheet.append(list(HEADERS))
    for number, (name, title, role) in enumerate(rows, start=1):
        sheet.append([number, name, title, role, "Theo Quy chế hoạt động", ""])
    workbook.save(path)
    return path


def _import_and_check(database: Database, path: Path, code: str) -> tuple[str, list[str]]:
    regulation = date(2025, 8, 11)
    options = ImportOptions(
        code, regulation_number="05/QĐ-BCĐ", regulation_date=regulation, era=Y2025
    )
    with database.transaction() as session:
        preview = prepare_import(session, path, options)
        assert preview.problems == ()
        store_import(session, preview)
    with database.session() as session:
        committee = check_units(session, select_units(session, [code], era=Y2025)).committees[0]
    return committee.status_label, [finding.code for finding in committee.findings]


def test_a_new_communes_roster_with_the_new_titles_imports_and_is_dat(
    both: Database, tmp_path: Path
) -> None:
    path = _roster(tmp_path / "gia-phuc.xlsx", NEW_TITLES, "xã Gia Phúc")
    status, codes = _import_and_check(both, path, "11050")
    assert (status, codes) == ("Đạt", [])
    with both.session() as session:
        legacy = check_units(session, select_units(session, ["11050"])).committees[0]
    assert legacy.unit.name == "Xã Hồng Hưng" and legacy.decision is None  # not touched


def test_the_old_lđtbxh_civil_servant_in_the_labour_seat_gets_the_2025_finding(
    both: Database, tmp_path: Path
) -> None:
    rows = list(NEW_TITLES)
    rows[4] = ("Mạc Thị Bích", "Công chức LĐTBXH xã", "Phó Trưởng ban")
    path = _roster(tmp_path / "truong-tan.xlsx", rows, "xã Trường Tân")
    status, codes = _import_and_check(both, path, "11065")
    assert status == "Chưa đạt"
    assert codes == ["BCD202", "BCD303"]


def test_the_import_preview_of_a_new_commune_is_checked_by_the_2025_pack(
    both: Database, tmp_path: Path
) -> None:
    """What the clerk is shown before storing (bcd138 import, the UI's preview) is the
    check the stored decision gets: the pack of the unit's era, not the 2023 one."""
    good = _roster(tmp_path / "gia-phuc.xlsx", NEW_TITLES, "xã Gia Phúc")
    rows = list(NEW_TITLES)
    rows[4] = ("Mạc Thị Bích", "Công chức LĐTBXH xã", "Phó Trưởng ban")
    old_post = _roster(tmp_path / "truong-tan.xlsx", rows, "xã Trường Tân")
    regulation = {"regulation_number": "05/QĐ-BCĐ", "regulation_date": date(2025, 8, 11)}
    with both.session() as session:
        clean = prepare_import(session, good, ImportOptions("11050", era=Y2025, **regulation))
        faulty = prepare_import(session, old_post, ImportOptions("11065", era=Y2025, **regulation))
    assert clean.findings == ()
    assert [finding.code for finding in faulty.findings] == ["BCD202", "BCD303"]
    assert "Trưởng phòng (hoặc một Phó Trưởng phòng) Văn hóa - Xã hội" in (
        faulty.findings[0].message
    )


def test_a_new_unit_with_no_decision_is_bcd404_and_no_deadline_applies(both: Database) -> None:
    with both.session() as session:
        report = check_units(session, select_units(session, era=Y2025, province="31"))
    assert len(report.committees) == 114
    assert {c.findings[0].code for c in report.committees} == {"BCD404"}
    assert report.rules_version == "ii23b-cap-xa-2025.1"


def test_the_2025_pack_says_it_is_a_reading_and_has_no_deadline() -> None:
    book = rulebook(era=Y2025)
    assert "đọc theo cơ cấu cấp xã từ 01/07/2025" in book.name
    assert "BCD403" not in [rule.code for rule in book.rules]
    assert any("Văn hóa - Xã hội" in reading for reading in book.readings)
    text = explain_rule("BCD202", era=Y2025)
    assert "Cách hiểu của bcd138" in text
    assert "Phòng Văn hóa - Xã hội" in text
    assert "Cách hiểu của bcd138" not in explain_rule("BCD202")  # the legacy pack's own words


def test_the_province_workbook_of_a_two_level_province_groups_communes_by_former_district(
    both: Database, session: Session
) -> None:
    with both.session() as reading:
        data = province_data(reading, "31", era=Y2025)
    assert len(data.committees) == 114
    names = {row.unit.name for row in data.districts}
    assert "Huyện Gia Lộc" in names
    gia_loc = next(row for row in data.districts if row.unit.name == "Huyện Gia Lộc")
    grouped = [row.unit.name for row in data.committees if row.district_code == gia_loc.unit.code]
    assert "Xã Gia Phúc" in grouped and "Xã Trường Tân" in grouped
    assert data.district_names[gia_loc.unit.code] == "Huyện Gia Lộc (trước 01/07/2025)"


def test_exports_of_2025_units_name_the_era_and_read_back(
    both: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    from committee import paths
    from committee.usecases.exports import export_province, export_roster

    monkeypatch.setattr(paths, "EXPORTS_DIR", tmp_path)
    path = _roster(tmp_path / "gia-phuc.xlsx", NEW_TITLES, "xã Gia Phúc")
    _import_and_check(both, path, "11050")
    with both.session() as session:
        roster = export_roster(session, "11050", era=Y2025).path
        province = export_province(session, province="31", era=Y2025).path
    assert roster.name.startswith("danh-sach-2025-11050-")
    assert province.name == "tong-hop-tinh-2025-31.xlsx"
    texts = {
        str(cell.value)
        for sheet in load_workbook(province).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    assert "Huyện Gia Lộc (trước 01/07/2025)" in texts
    # no district level in a two-level province: its headings name the communes' only
    assert (
        "TỔNG HỢP KẾT QUẢ KIỆN TOÀN BAN CHỈ ĐẠO 138 CẤP XÃ (TỪ 01/07/2025) THÀNH PHỐ HẢI PHÒNG"
        in (texts)
    )
    assert not any("CẤP HUYỆN" in text for text in texts)
    assert any("đọc theo cơ cấu cấp xã từ 01/07/2025" in text for text in texts)
    with both.session() as session:  # the annex reads back: the same people, seats, posts
        first = prepare_import(session, path, ImportOptions("11050", era=Y2025))
        again = prepare_import(session, roster, ImportOptions("11050", era=Y2025))
    assert [(m.row.name, m.row.role, m.post) for m in again.members] == [
        (m.row.name, m.row.role, m.post) for m in first.members
    ]
