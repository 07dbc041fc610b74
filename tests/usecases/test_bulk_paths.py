"""The quick paths of bulk work say exactly what the plain ones say: the bulk check and the
check of one decision, a report table written row by row and the same table on an ordinary
worksheet (the JSON text and json.dumps: tests/cli/test_json_output.py)."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from benchmarks import dataset
from committee.domain.records import (
    CommitteeFacts,
    DecisionFacts,
    Finding,
    MemberFacts,
    RecognisedTitle,
    UnitRef,
)
from committee.domain.vocabulary import Level, Role
from committee.exports.report_sheets import (
    TABLE_HEADER_ROW,
    Column,
    ReportHeading,
    stream_table,
    write_table,
)
from committee.rules.engine import check_committee
from committee.rules.report import CheckReport, CommitteeReport
from committee.usecases import checking
from committee.usecases.checking import check_units, decision_facts, select_units


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


def test_member_facts_stay_frozen() -> None:
    member = MemberFacts(1, "Nguyễn Văn Hùng", "7", Role.CHAIR, "Chủ tịch UBND", None, None)
    with pytest.raises(AttributeError):
        member.name = "Khác"  # type: ignore[misc]
    assert member._replace(position=2).position == 2
    assert member == MemberFacts(1, "Nguyễn Văn Hùng", "7", Role.CHAIR, "Chủ tịch UBND", None, None)
    assert hash(member) == hash(member._replace())


@pytest.mark.parametrize(
    "record",
    [
        UnitRef,
        RecognisedTitle,
        DecisionFacts,
        CommitteeFacts,
        Finding,
        CommitteeReport,
        CheckReport,
    ],
)
def test_the_other_records_are_frozen_with_slots(record: type) -> None:
    assert dataclasses.fields(record)
    assert record.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert "__slots__" in vars(record) and "__dict__" not in vars(record)


# --- report tables -----------------------------------------------------------------------

ROWS: list[tuple[object, ...]] = [
    (1, "Xã Tân Việt", "  spaces around  ", "a & b < c > d", "Đạt", date(2023, 6, 30)),
    (2, "line\nbreak " * 20, "=not a formula", "#N/A", None, None),
    (3, "x" * 40_000, "Chưa đạt", "", math.nan, datetime(2023, 7, 1, 8, 30)),
]
COLUMNS = [
    Column("STT", 5, 6, centre=True),
    Column("Đơn vị", 20, 26, wrap=True),
    Column("Ghi chú", 10, 20),
    Column("Khác", 10, 20, wrap=True),
    Column("Kết quả", 12, 16, centre=True, status=True),
    Column("Ngày ký", 11, 12, centre=True),
]


HEADING = ReportHeading(
    UnitRef("294", "Huyện Thanh Hà", "huyện", Level.DISTRICT, "30"), "TIÊU ĐỀ", "(ghi chú)"
)


def _cells(path: Path) -> list[list[tuple[object, ...]]]:
    sheet = load_workbook(path).active
    return [
        [(cell.value, cell.data_type, cell.style, cell.font.b, cell.number_format) for cell in row]
        for row in sheet.iter_rows()
    ] + [[(number, dimension.height)] for number, dimension in sheet.row_dimensions.items()]


def test_a_streamed_table_is_the_table_written_on_an_ordinary_sheet(tmp_path: Path) -> None:
    ordinary = Workbook()
    write_table(ordinary.active, HEADING, COLUMNS, ROWS)
    ordinary.save(tmp_path / "ordinary.xlsx")
    streamed = Workbook(write_only=True)
    stream_table(streamed.create_sheet(), HEADING, COLUMNS, ROWS)
    streamed.save(tmp_path / "streamed.xlsx")
    assert _cells(tmp_path / "streamed.xlsx") == _cells(tmp_path / "ordinary.xlsx")
    sheet = load_workbook(tmp_path / "streamed.xlsx").active
    first = TABLE_HEADER_ROW + 1
    assert sheet[f"C{first + 1}"].value == "=not a formula"
    assert sheet[f"C{first + 1}"].data_type == "s"
    assert sheet[f"E{first}"].style == "Bảng - Đạt"
