"""Use-cases: the district workbook and the province workbook.

The district workbook is what a district hands to the province: "Tổng hợp" (one row per
committee of the district and its communes, totals and a chart of the results), "Phát
hiện" (every finding, with the plan's sentence it rests on) and one sheet per committee
holding its roster annex. The province workbook sums the districts up ("Tổng hợp" with a
chart), lists every committee ("Ban Chỉ đạo") and every finding ("Phát hiện"); it is
written in openpyxl's write-only mode, row by row, so that a whole province stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlmodel import Session

from committee.domain.dates import format_date
from committee.domain.errors import UserError
from committee.domain.records import UnitRef
from committee.domain.vocabulary import Level
from committee.exports.annex import Annex, annex_for_decision, write_annex_sheet
from committee.exports.document_font import use_document_font
from committee.exports.export_paths import default_export_path, output_path
from committee.exports.export_rows import (
    COMMITTEE_HEADERS,
    DISTRICT_COLUMN,
    DISTRICT_HEADERS,
    FINDING_HEADERS,
    LATE,
    ON_TIME,
    STATUS_ORDER,
    CommitteeRow,
    DistrictRow,
    FindingRow,
    committee_rows,
    district_row,
    district_rows,
    finding_rows,
)
from committee.exports.output_files import write_atomically
from committee.exports.report_sheets import (
    STATUS_COLOURS,
    STATUS_FILLS,
    TABLE_HEADER_ROW,
    Column,
    stream_table,
    style_totals,
    totals_cells,
    write_table,
)
from committee.exports.xlsx_cells import (
    WriteOnlySheet,
    sheet_name,
    sheet_reference,
    worksheet_text,
    write,
)
from committee.exports.xlsx_style import DEFAULT_SIZE, THIN_BORDER, WRAP_CENTRE, font
from committee.rules.pack import RulePack, load_rule_pack
from committee.store.models import AdminUnit
from committee.usecases.checking import check_units, select_units
from committee.usecases.units import child_unit_refs, get_unit, to_ref

SUMMARY_SHEET = "Tổng hợp"
FINDINGS_SHEET = "Phát hiện"
COMMITTEES_SHEET = "Ban Chỉ đạo"
COUNT_HEADER = "Số Ban Chỉ đạo"
TOTAL_LABEL = "Tổng cộng"
NO_DECISION = "Chưa có quyết định"

_COLUMNS: dict[str, Column] = {
    column.header: column
    for column in (
        Column("STT", 5, 6, centre=True),
        Column("Mã đơn vị", 8, 10, centre=True),
        Column("Đơn vị", 20, 26, wrap=True),
        Column(DISTRICT_COLUMN, 16, 24, wrap=True),
        Column("Đơn vị cấp huyện", 18, 26, wrap=True),
        Column("Số quyết định", 14, 20),
        Column("Ngày ký", 11, 12, centre=True),
        Column("Số thành viên", 10, 11, centre=True),
        Column("Kết quả", 12, 16, centre=True, status=True),
        Column("Số lỗi", 7, 8, centre=True),
        Column("Số cảnh báo", 9, 10, centre=True),
        Column("Thời hạn", 10, 11, centre=True),
        Column("Mã quy tắc", 9, 10, centre=True),
        Column("Mức", 9, 10, centre=True),
        Column("Thành viên", 14, 20, wrap=True),
        Column("Nội dung", 36, 48, wrap=True),
        Column("Căn cứ (câu trong Kế hoạch)", 30, 40, wrap=True),
        Column(COUNT_HEADER, 10, 11, centre=True),
        *(Column(label, 9, 10, centre=True) for label in (*STATUS_ORDER, ON_TIME, LATE)),
    )
}


def _columns(headers: Sequence[str]) -> list[Column]:
    return [_COLUMNS[header] for header in headers]


COMMITTEE_COLUMNS = _columns(COMMITTEE_HEADERS)
PROVINCE_COMMITTEE_HEADERS: tuple[str, ...] = (
    *COMMITTEE_HEADERS[:3],
    DISTRICT_COLUMN,
    *COMMITTEE_HEADERS[3:],
)
PROVINCE_COMMITTEE_COLUMNS = _columns(PROVINCE_COMMITTEE_HEADERS)
FINDING_COLUMNS = _columns(FINDING_HEADERS)
DISTRICT_COLUMNS = _columns(DISTRICT_HEADERS)


def _note(pack: RulePack) -> str:
    return (
        f"(Kiểm tra theo mục {pack.section} {pack.plan_short}; thời hạn ký quyết định "
        f"kiện toàn: {format_date(pack.deadline)}; số liệu đến ngày {format_date(date.today())})"
    )


def _chart_axes(chart: BarChart) -> None:
    chart.y_axis.title = COUNT_HEADER
    chart.y_axis.number_format = "0"
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False


# --- district ------------------------------------------------------------------------------


def committee_frame(rows: Sequence[CommitteeRow]) -> pd.DataFrame:
    """The district summary as a table, one row per committee, columns COMMITTEE_HEADERS."""
    frame = pd.DataFrame(
        [row.values(index) for index, row in enumerate(rows, start=1)],
        columns=list(COMMITTEE_HEADERS),
    )
    frame["Số thành viên"] = frame["Số thành viên"].astype("Int64")
    return frame


def _frame_rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    """The frame's rows as plain values, a missing value as an empty cell."""
    plain = frame.astype(object).where(frame.notna(), None)
    return list(plain.itertuples(index=False, name=None))


def _sheet_title(unit: UnitRef, taken: set[str]) -> str:
    """A worksheet name for a committee's annex: "10813 Thị trấn Thanh Hà", at most 31
    characters, none of []:*?/\\, unique in the workbook."""
    base = sheet_name(f"{unit.code} {unit.name}")
    title, number = base, 1
    while title.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        title = sheet_name(base[: 31 - len(suffix)]) + suffix
    taken.add(title.casefold())
    return title


def _summary_totals(worksheet: Worksheet, frame: pd.DataFrame, row: int) -> None:
    sums = frame[["Số thành viên", "Số lỗi", "Số cảnh báo"]].sum()
    values: dict[str, object] = {
        "Đơn vị": TOTAL_LABEL,
        "Số thành viên": int(sums["Số thành viên"]),
        "Số lỗi": int(sums["Số lỗi"]),
        "Số cảnh báo": int(sums["Số cảnh báo"]),
    }
    for index, header in enumerate(COMMITTEE_HEADERS, start=1):
        write(worksheet, row, index, values.get(header))
    style_totals(worksheet, row, COMMITTEE_COLUMNS)


def _count_block(
    worksheet: Worksheet, top: int, heading: str, counts: Sequence[tuple[str, int]]
) -> int:
    """A two-column block (label, number of committees) in columns C–D; returns its last
    row."""
    for column, text in ((3, heading), (4, COUNT_HEADER)):
        cell = write(worksheet, top, column, text)
        cell.font = font(DEFAULT_SIZE, bold=True)
        cell.alignment = WRAP_CENTRE
        cell.border = THIN_BORDER
    for offset, (label, count) in enumerate(counts, start=1):
        label_cell = write(worksheet, top + offset, 3, label)
        count_cell = write(worksheet, top + offset, 4, count)
        for cell in (label_cell, count_cell):
            cell.font = font(DEFAULT_SIZE, bold=label == TOTAL_LABEL)
            cell.border = THIN_BORDER
        count_cell.alignment = WRAP_CENTRE
        if label in STATUS_FILLS:
            label_cell.fill = STATUS_FILLS[label]
    return top + len(counts)


def _status_chart(worksheet: Worksheet, header_row: int, title: str) -> BarChart:
    """A column chart of the four results counted in rows header_row+1…+4, columns C–D."""
    chart = BarChart()
    chart.type = "col"
    chart.title = worksheet_text(title)
    chart.legend = None
    chart.add_data(
        Reference(worksheet, min_col=4, min_row=header_row, max_row=header_row + 4),
        titles_from_data=True,
    )
    chart.set_categories(
        Reference(worksheet, min_col=3, min_row=header_row + 1, max_row=header_row + 4)
    )
    series = chart.series[0]
    for index, label in enumerate(STATUS_ORDER):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = STATUS_COLOURS[label]
        point.graphicalProperties.line.solidFill = STATUS_COLOURS[label]
        series.dPt.append(point)
    chart.dataLabels = DataLabelList(
        showVal=True, showSerName=False, showCatName=False, showLegendKey=False, showPercent=False
    )
    _chart_axes(chart)
    chart.width = 14
    chart.height = 7.5
    return chart


def _link(worksheet: Worksheet, row: int, column: int, sheet: str) -> None:
    cell = worksheet.cell(row, column)
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{sheet_reference(sheet)}!A1")
    cell.font = font(DEFAULT_SIZE, underline=True, colour="0563C1")


def _district_summary(
    worksheet: Worksheet,
    district: UnitRef,
    pack: RulePack,
    rows: Sequence[CommitteeRow],
    annex_sheets: dict[str, str],
) -> None:
    frame = committee_frame(rows)
    title = f"TỔNG HỢP KẾT QUẢ KIỆN TOÀN BAN CHỈ ĐẠO 138 {district.name.upper()}"
    last = write_table(worksheet, title, _note(pack), COMMITTEE_COLUMNS, _frame_rows(frame))
    for offset, row in enumerate(rows, start=1):
        if row.unit.code in annex_sheets:
            _link(worksheet, TABLE_HEADER_ROW + offset, 3, annex_sheets[row.unit.code])
    _summary_totals(worksheet, frame, last + 1)

    by_status = frame["Kết quả"].value_counts().reindex(list(STATUS_ORDER), fill_value=0)
    status_top = last + 3
    status_end = _count_block(
        worksheet,
        status_top,
        "Kết quả",
        [*((label, int(count)) for label, count in by_status.items()), (TOTAL_LABEL, len(frame))],
    )
    by_time = frame["Thời hạn"].value_counts()
    _count_block(
        worksheet,
        status_end + 2,
        "Thời hạn",
        [
            (ON_TIME, int(by_time.get(ON_TIME, 0))),
            (LATE, int(by_time.get(LATE, 0))),
            (NO_DECISION, int(frame["Số quyết định"].isna().sum())),
        ],
    )
    chart = _status_chart(worksheet, status_top, f"Kết quả kiện toàn: {district.name}")
    worksheet.add_chart(chart, f"F{status_top}")


def district_workbook(
    district: UnitRef,
    pack: RulePack,
    rows: Sequence[CommitteeRow],
    findings: Sequence[FindingRow],
    annexes: Sequence[Annex],
) -> Workbook:
    workbook = Workbook()
    use_document_font(workbook)
    summary = workbook.active
    summary.title = SUMMARY_SHEET
    found = workbook.create_sheet(FINDINGS_SHEET)
    taken = {SUMMARY_SHEET.casefold(), FINDINGS_SHEET.casefold()}
    annex_sheets: dict[str, str] = {}
    for annex in annexes:
        sheet = workbook.create_sheet(_sheet_title(annex.unit, taken))
        write_annex_sheet(sheet, annex)
        annex_sheets[annex.unit.code] = sheet.title
    _district_summary(summary, district, pack, rows, annex_sheets)
    write_table(
        found,
        f"CÁC PHÁT HIỆN KHI KIỂM TRA BAN CHỈ ĐẠO 138 {district.name.upper()}",
        _note(pack),
        FINDING_COLUMNS,
        [finding.values(index) for index, finding in enumerate(findings, start=1)],
    )
    workbook.properties.title = worksheet_text(
        f"Tổng hợp kiện toàn Ban Chỉ đạo 138 {district.name}"
    )
    workbook.properties.creator = "bcd138"
    return workbook


def write_district_workbook(
    session: Session, district_code: str, output: Path | None = None, force: bool = False
) -> Path:
    """Write the workbook of a district-level unit and its communes; the default file is
    exports/tong-hop-huyen-<code>.xlsx. Returns the path written."""
    units = select_units(session, district=district_code)
    district = units[0]
    path = output_path(output, default_export_path("tong-hop-huyen", district.code), force)
    pack = load_rule_pack()
    report = check_units(session, units, pack)
    annexes = [
        annex_for_decision(session, committee.decision_id)
        for committee in report.committees
        if committee.decision_id is not None
    ]
    rows, findings = committee_rows(report, pack), finding_rows(report, pack)

    def write_workbook(stream: BinaryIO) -> None:
        district_workbook(district, pack, rows, findings, annexes).save(stream)

    return write_atomically(path, write_workbook, replace=force)


# --- province ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProvinceData:
    """Everything the province workbook shows, read and checked."""

    province: UnitRef
    pack: RulePack
    districts: tuple[DistrictRow, ...]
    committees: tuple[CommitteeRow, ...]
    findings: tuple[FindingRow, ...]
    district_names: dict[str, str]

    def sheet_rows(self) -> dict[str, tuple[Sequence[str], list[tuple[object, ...]]]]:
        """Each sheet's header and rows of values, as the workbook holds them."""
        districts = [row.values(index) for index, row in enumerate(self.districts, start=1)]
        committees = []
        for index, row in enumerate(self.committees, start=1):
            values = row.values(index)
            district = self.district_names.get(row.district_code, "")
            committees.append((*values[:3], district, *values[3:]))
        findings = [row.values(index) for index, row in enumerate(self.findings, start=1)]
        return {
            SUMMARY_SHEET: (DISTRICT_HEADERS, districts),
            COMMITTEES_SHEET: (PROVINCE_COMMITTEE_HEADERS, committees),
            FINDINGS_SHEET: (FINDING_HEADERS, findings),
        }


def _province(session: Session, code: str | None) -> UnitRef:
    if code is not None:
        unit = get_unit(session, code)
        if unit.level != Level.PROVINCE:
            raise UserError(f"Mã «{code}» là {unit.name}, không phải một tỉnh, thành phố.")
        return to_ref(unit)
    provinces = session.scalars(
        select(AdminUnit).where(AdminUnit.level == Level.PROVINCE.value).order_by(AdminUnit.code)
    ).all()
    if not provinces:
        raise UserError("Cơ sở dữ liệu chưa có tỉnh nào; hãy chạy: bcd138 init.")
    if len(provinces) > 1:
        listed = ", ".join(f"{unit.code} {unit.name}" for unit in provinces)
        raise UserError(f"Cơ sở dữ liệu có nhiều tỉnh ({listed}); hãy chọn bằng --province MÃ.")
    return to_ref(provinces[0])


def province_data(session: Session, province: str | None = None) -> ProvinceData:
    """Read and check every committee of the province (the only one in the database, or
    the one whose code is given)."""
    unit = _province(session, province)
    districts = child_unit_refs(session, [unit.code])
    communes: dict[str, list[UnitRef]] = {}
    for commune in child_unit_refs(session, [district.code for district in districts]):
        communes.setdefault(commune.parent_code or "", []).append(commune)
    units = [
        each for district in districts for each in (district, *communes.get(district.code, []))
    ]
    pack = load_rule_pack()
    report = check_units(session, units, pack)
    rows = committee_rows(report, pack)
    return ProvinceData(
        province=unit,
        pack=pack,
        districts=tuple(district_rows(districts, rows)),
        committees=tuple(rows),
        findings=tuple(finding_rows(report, pack)),
        district_names={district.code: district.name for district in districts},
    )


def _district_chart(worksheet: WriteOnlySheet, count: int, title: str) -> BarChart:
    """Stacked bars, one per district, split into the four results (columns E–H)."""
    first_status = DISTRICT_HEADERS.index(STATUS_ORDER[0]) + 1
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = worksheet_text(title)
    chart.add_data(
        Reference(
            worksheet,
            min_col=first_status,
            max_col=first_status + len(STATUS_ORDER) - 1,
            min_row=TABLE_HEADER_ROW,
            max_row=TABLE_HEADER_ROW + count,
        ),
        titles_from_data=True,
    )
    chart.set_categories(
        Reference(
            worksheet,
            min_col=DISTRICT_HEADERS.index("Đơn vị cấp huyện") + 1,
            min_row=TABLE_HEADER_ROW + 1,
            max_row=TABLE_HEADER_ROW + count,
        )
    )
    for series, label in zip(chart.series, STATUS_ORDER, strict=True):
        series.graphicalProperties.solidFill = STATUS_COLOURS[label]
        series.graphicalProperties.line.solidFill = STATUS_COLOURS[label]
    chart.x_axis.scaling.orientation = "maxMin"  # the first district at the top
    chart.legend.position = "b"
    _chart_axes(chart)
    chart.width = 22
    chart.height = max(8.0, 1.0 + 0.8 * count)
    return chart


def province_workbook(data: ProvinceData) -> Workbook:
    """The province workbook, written row by row (openpyxl write-only mode)."""
    workbook = Workbook(write_only=True)
    use_document_font(workbook)
    sheets = data.sheet_rows()
    name = data.province.name.upper()
    note = _note(data.pack)

    summary = workbook.create_sheet(SUMMARY_SHEET)
    rows = sheets[SUMMARY_SHEET][1]
    whole = district_row(data.province, data.committees).values(0)
    totals = [None, None, TOTAL_LABEL, *whole[3:]]
    last = stream_table(
        summary,
        f"TỔNG HỢP KẾT QUẢ KIỆN TOÀN BAN CHỈ ĐẠO 138 CẤP HUYỆN, CẤP XÃ {name}",
        note,
        DISTRICT_COLUMNS,
        rows,
        after=[totals_cells(summary, DISTRICT_COLUMNS, totals)],
    )
    chart = _district_chart(
        summary, len(rows), f"Kết quả kiện toàn theo đơn vị cấp huyện: {data.province.name}"
    )
    summary.add_chart(chart, f"B{last + 3}")

    stream_table(
        workbook.create_sheet(COMMITTEES_SHEET),
        f"DANH SÁCH BAN CHỈ ĐẠO 138 CẤP HUYỆN, CẤP XÃ {name}",
        note,
        PROVINCE_COMMITTEE_COLUMNS,
        sheets[COMMITTEES_SHEET][1],
    )
    stream_table(
        workbook.create_sheet(FINDINGS_SHEET),
        f"CÁC PHÁT HIỆN KHI KIỂM TRA BAN CHỈ ĐẠO 138 {name}",
        note,
        FINDING_COLUMNS,
        sheets[FINDINGS_SHEET][1],
    )
    workbook.properties.title = worksheet_text(
        f"Tổng hợp kiện toàn Ban Chỉ đạo 138 {data.province.name}"
    )
    workbook.properties.creator = "bcd138"
    return workbook


def write_province_workbook(
    session: Session,
    output: Path | None = None,
    force: bool = False,
    *,
    province: str | None = None,
) -> Path:
    """Write the province workbook; the default file is exports/tong-hop-tinh-<code>.xlsx.
    `province` (a code) is needed only when the database holds several provinces."""
    unit = _province(session, province)
    path = output_path(output, default_export_path("tong-hop-tinh", unit.code), force)
    data = province_data(session, unit.code)
    return write_atomically(
        path, lambda stream: province_workbook(data).save(stream), replace=force
    )
