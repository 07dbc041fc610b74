"""The quick paths of bulk work say exactly what the plain ones say: the bulk check and the
check of one decision, the JSON text and json.dumps, streamed worksheet rows and openpyxl's
own cells."""

from __future__ import annotations

import dataclasses
import json
import math
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from benchmarks import dataset
from committee import checking, json_text
from committee.checking import CheckReport, check_units, decision_facts, select_units
from committee.compliance import check_committee
from committee.facts import MemberFacts
from committee.report_sheets import register_styles
from committee.vocabulary import Role
from committee.xlsx_stream import StreamedWorksheet, TableRow, streamed_sheet, style_id


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    database, data = dataset.build_database(tmp_path_factory.mktemp("bulk") / "p.sqlite")
    yield database
    database.dispose()


def test_the_bulk_check_agrees_with_each_decision_checked_alone(province) -> None:  # type: ignore[no-untyped-def]
    with province.session() as session:
        report = check_units(session, select_units(session))
        assert len(report.committees) == 219
        for committee in report.committees:
            if committee.decision_id is None:
                assert [f.code for f in committee.findings] == ["BCD404"]
                continue
            alone = check_committee(decision_facts(session, committee.decision_id))
            assert list(committee.findings) == alone, committee.unit.code


def test_reading_the_units_asked_for_or_every_unit_gives_the_same_report(
    province,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with province.session() as session:
        units = select_units(session)
        every = check_units(session, units)
        monkeypatch.setattr(checking, "_FEW_UNITS", 10_000)  # units named in the SQL
        named = check_units(session, units)
        district = select_units(session, district="297")
        part = check_units(session, district)
    assert named == every
    assert part.committees == tuple(c for c in every.committees if c in part.committees)
    assert [c.unit.code for c in part.committees] == [u.code for u in district]


def test_the_json_text_is_json_dumps_character_for_character(province) -> None:  # type: ignore[no-untyped-def]
    with province.session() as session:
        report = check_units(session, select_units(session))
    for each in (report, CheckReport("v1"), CheckReport("v1", report.committees[:3])):
        assert each.to_json_text() == json.dumps(each.to_json(), ensure_ascii=False, indent=2)


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1, 2.5, True, False, None, 'é\n"\\\u2028', [], {}], "b": {"c": ()}},
        {1: "a number as a key", None: 2},
        [float("nan"), math.inf, 10**20, -0.0],
        "text",
        [],
        {},
    ],
)
def test_indented_json_text(value: object) -> None:
    assert json_text.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_member_facts_stay_frozen() -> None:
    member = MemberFacts(1, "Nguyễn Văn Hùng", "7", Role.CHAIR, "Chủ tịch UBND", None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        member.name = "Khác"  # type: ignore[misc]
    assert dataclasses.replace(member, position=2).position == 2
    assert member == MemberFacts(1, "Nguyễn Văn Hùng", "7", Role.CHAIR, "Chủ tịch UBND", None, None)
    assert hash(member) == hash(dataclasses.replace(member))


# --- streamed worksheets --------------------------------------------------------------------

ROWS: list[tuple[object, ...]] = [
    (1, "Xã Tân Việt", "  spaces around  ", "a & b < c > d", "", None, 2.5),
    (2, "line\nbreak", date(2023, 6, 30), datetime(2023, 7, 1, 8, 30), True, False, 10**17),
    (3, "=not a formula?", "#N/A", "Đạt", None, math.nan, -7),
    (4, "x" * 40_000, "Chưa đạt", None, None, None, 0),
]


def _workbook(streamed: bool, rows: list[tuple[object, ...]]) -> Workbook:
    workbook = Workbook(write_only=True)
    register_styles(workbook)
    name = "Bảng - trái"
    if streamed:
        sheet = streamed_sheet(workbook, "Bảng")
        ids = [style_id(sheet, name)] * len(rows[0])
        sheet.append(["tiêu đề"])
        sheet.append_rows(
            TableRow(row, ids, 30.5 if index % 2 else None) for index, row in enumerate(rows)
        )
        sheet.append(["sau"])
    else:
        sheet = workbook.create_sheet("Bảng")
        sheet.append(["tiêu đề"])
        from openpyxl.cell import WriteOnlyCell

        for index, row in enumerate(rows, start=2):
            if index % 2 == 1:
                sheet.row_dimensions[index].height = 30.5
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value)
                cell.style = name
                cells.append(cell)
            sheet.append(cells)
        sheet.append(["sau"])
    return workbook


def _sheet_xml(path: Path) -> object:
    def canonical(element: ElementTree.Element) -> object:
        text = (element.text or "") if len(element) == 0 else ""
        return (element.tag, sorted(element.attrib.items()), text, [canonical(c) for c in element])

    with zipfile.ZipFile(path) as archive:
        return canonical(ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml")))


def test_streamed_rows_are_the_xml_openpyxl_writes(tmp_path: Path) -> None:
    plain, streamed = tmp_path / "plain.xlsx", tmp_path / "streamed.xlsx"
    _workbook(False, ROWS).save(plain)
    workbook = _workbook(True, ROWS)
    assert isinstance(workbook.worksheets[0], StreamedWorksheet)
    workbook.save(streamed)
    assert _sheet_xml(streamed) == _sheet_xml(plain)
    values = [[cell.value for cell in row] for row in load_workbook(streamed).active.iter_rows()]
    assert values[1][:5] == [1, "Xã Tân Việt", "  spaces around  ", "a & b < c > d", None]
    assert values[3][1] == "=not a formula?"  # openpyxl's own writer made it a formula


def test_a_value_a_worksheet_cannot_hold_fails_as_in_openpyxl(tmp_path: Path) -> None:
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    register_styles(workbook)
    with pytest.raises(IllegalCharacterError):
        WriteOnlyCell(workbook.create_sheet("openpyxl"), "bad \x07 bell")
    sheet = streamed_sheet(workbook, "streamed")
    with pytest.raises(IllegalCharacterError):
        sheet.append_rows([TableRow(["bad \x07 bell"], [style_id(sheet, "Bảng - trái")])])
    sheet.append_rows([TableRow(["good"], [style_id(sheet, "Bảng - trái")])])
    workbook.save(tmp_path / "after.xlsx")  # the sheet is still whole
    assert load_workbook(tmp_path / "after.xlsx")["streamed"]["A1"].value == "good"
