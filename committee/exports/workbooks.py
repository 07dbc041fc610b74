"""The district workbook and the province workbook, laid out from plain records.

The district workbook is what a district hands to the province: "Tổng hợp" (one row per
committee of the district and its communes, totals, the results counted with their
percentages and a chart of them), "Phát hiện" (every finding, its rule referenced by
code), "Quy tắc" (each rule once, with the sentence of the plan it rests on) and one sheet
per committee holding its roster annex. The province workbook sums the districts up
("Tổng hợp" with a chart), lists every committee ("Ban Chỉ đạo"), every finding ("Phát
hiện") and the rules ("Quy tắc"); it is written in openpyxl's write-only mode, row by row,
so that a whole province stays light. Every sheet opens with the heading block and ends
with the date and the signatures (committee/exports/report_sheets.py).

committee/usecases/exports.py reads and checks the committees and builds the records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)
from openpyxl.drawing.text import (
    Font as DrawingFont,
)
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from committee.domain.dates import format_date
from committee.domain.records import UnitRef
from committee.exports.annex import write_annex_sheet
from committee.exports.document_text import place_and_date
from committee.exports.export_rows import (
    COMMITTEE_HEADERS,
    DISTRICT_COLUMN,
    DISTRICT_HEADERS,
    FINDING_HEADERS,
    LATE,
    ON_TIME,
    RULE_HEADERS,
    SHARE_HEADERS,
    STATUS_ORDER,
    CommitteeRow,
    DistrictRow,
    FindingRow,
    district_row,
    rule_rows,
    share,
)
from committee.exports.records import Annex, Signature
from committee.exports.report_sheets import (
    PERCENT_FORMAT,
    STATUS_COLOURS,
    STATUS_FILLS,
    TABLE_HEADER_ROW,
    Column,
    ReportClosing,
    ReportHeading,
    stream_table,
    style_totals,
    totals_cells,
    write_closing,
    write_table,
)
from committee.exports.xlsx_cells import (
    WriteOnlySheet,
    sheet_name,
    sheet_reference,
    worksheet_text,
    write,
)
from committee.exports.xlsx_style import (
    DEFAULT_SIZE,
    FONT_NAME,
    THIN_BORDER,
    WRAP_CENTRE,
    font,
    text_points,
)
from committee.rules.pack import RulePack

if TYPE_CHECKING:  # pandas is imported where the district summary is built, when used
    import pandas as pd

SUMMARY_SHEET = "Tổng hợp"
FINDINGS_SHEET = "Phát hiện"
RULES_SHEET = "Quy tắc"
COMMITTEES_SHEET = "Ban Chỉ đạo"
COUNT_HEADER = "Số Ban Chỉ đạo"
SHARE_HEADER = "Tỷ lệ"
TOTAL_LABEL = "Tổng cộng"
NO_DECISION = "Chưa có quyết định"
CHART_TITLE_SIZE = 12  # points, bold, in the workbook's font
CHART_TEXT_SIZE = 10

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
        Column("Nội dung", 40, 60, wrap=True),
        Column("Nội dung kiểm tra", 30, 40, wrap=True),
        Column("Căn cứ (câu trong Kế hoạch)", 40, 56, wrap=True),
        Column("Cách khắc phục", 30, 40, wrap=True),
        Column(COUNT_HEADER, 10, 11, centre=True),
        *(Column(label, 9, 10, centre=True) for label in (*STATUS_ORDER, ON_TIME, LATE)),
        *(Column(header, 8, 9, centre=True, percent=True) for header in SHARE_HEADERS),
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
RULE_COLUMNS = _columns(RULE_HEADERS)
DISTRICT_COLUMNS = _columns(DISTRICT_HEADERS)


def report_note(pack: RulePack, report_date: date) -> str:
    return (
        f"(Kiểm tra theo mục {pack.section} {pack.plan_short}; "
        + (
            f"thời hạn ký quyết định kiện toàn: {format_date(pack.deadline)}; "
            if pack.deadline is not None
            else "không có thời hạn kiện toàn; "
        )
        + f"số liệu đến ngày {format_date(report_date)})"
    )


# --- charts in the workbook's font --------------------------------------------------------------


def _characters(size: float, bold: bool = False) -> CharacterProperties:
    return CharacterProperties(
        latin=DrawingFont(typeface=FONT_NAME),
        cs=DrawingFont(typeface=FONT_NAME),
        sz=int(size * 100),
        b=bold,
    )


def _rich(size: float, bold: bool = False) -> RichText:
    """Text properties for a chart's axis, legend or labels: the workbook's font."""
    properties = _characters(size, bold)
    return RichText(
        p=[Paragraph(pPr=ParagraphProperties(defRPr=properties), endParaRPr=properties)]
    )


def _title(text: str, size: float = CHART_TITLE_SIZE, bold: bool = True) -> Title:
    properties = _characters(size, bold)
    paragraph = Paragraph(
        pPr=ParagraphProperties(defRPr=properties),
        r=[RegularTextRun(rPr=properties, t=worksheet_text(text))],
    )
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _chart_text(chart: BarChart, title: str, least_cm: float) -> None:
    """Title, axes, legend and labels in the workbook's font; the chart wide enough for
    its title to stay on one line."""
    chart.title = _title(title)
    chart.width = max(least_cm, text_points(title, CHART_TITLE_SIZE, bold=True) / 72 * 2.54 + 3)
    chart.y_axis.title = _title(COUNT_HEADER, CHART_TEXT_SIZE, bold=False)
    chart.y_axis.number_format = "0"
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    for axis in (chart.x_axis, chart.y_axis):
        axis.txPr = _rich(CHART_TEXT_SIZE)
    if chart.legend is not None:
        chart.legend.txPr = _rich(CHART_TEXT_SIZE)


# --- district ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictData:
    """Everything the district workbook shows, read and checked."""

    district: UnitRef
    pack: RulePack
    rows: tuple[CommitteeRow, ...]
    findings: tuple[FindingRow, ...]
    annexes: tuple[Annex, ...]
    report_date: date
    signature: Signature  # the signer's place at the end of each report sheet


def committee_frame(rows: Sequence[CommitteeRow]) -> pd.DataFrame:
    """The district summary as a table, one row per committee, columns COMMITTEE_HEADERS."""
    import pandas as pd

    frame = pd.DataFrame(
        [row.values(index) for index, row in enumerate(rows, start=1)],
        columns=list(COMMITTEE_HEADERS),
    )
    for header in ("Số thành viên", "Số lỗi", "Số cảnh báo"):
        frame[header] = frame[header].astype("Int64")
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
    worksheet: Worksheet, top: int, heading: str, counts: Sequence[tuple[str, int]], total: int
) -> int:
    """A three-column block (label, number of committees, its share of `total`) in columns
    C–E; returns its last row."""
    for column, text in ((3, heading), (4, COUNT_HEADER), (5, SHARE_HEADER)):
        cell = write(worksheet, top, column, text)
        cell.font = font(DEFAULT_SIZE, bold=True)
        cell.alignment = WRAP_CENTRE
        cell.border = THIN_BORDER
    for offset, (label, count) in enumerate(counts, start=1):
        cells = (
            write(worksheet, top + offset, 3, label),
            write(worksheet, top + offset, 4, count),
            write(worksheet, top + offset, 5, share(count, total)),
        )
        for cell in cells:
            cell.font = font(DEFAULT_SIZE, bold=label == TOTAL_LABEL)
            cell.border = THIN_BORDER
        for cell in cells[1:]:
            cell.alignment = WRAP_CENTRE
        cells[2].number_format = PERCENT_FORMAT
        if label in STATUS_FILLS:
            cells[0].fill = STATUS_FILLS[label]
    return top + len(counts)


def _status_chart(worksheet: Worksheet, header_row: int, title: str) -> BarChart:
    """A column chart of the four results counted in rows header_row+1…+4, columns C–D."""
    chart = BarChart()
    chart.type = "col"
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
    chart.dataLabels.txPr = _rich(CHART_TEXT_SIZE, bold=True)
    _chart_text(chart, title, least_cm=14)
    chart.height = 7.5
    return chart


_CHART_ROWS = 16  # rows of 15 pt a 7.5 cm chart covers, and a little room


def _link(worksheet: Worksheet, row: int, column: int, location: str) -> None:
    """A link inside the workbook, on a cell that keeps its table style: not a web link."""
    cell = worksheet.cell(row, column)
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location)


def _district_summary(
    worksheet: Worksheet, data: DistrictData, annex_sheets: dict[str, str]
) -> None:
    frame = committee_frame(data.rows)
    heading = ReportHeading(
        data.district,
        f"TỔNG HỢP KẾT QUẢ KIỆN TOÀN BAN CHỈ ĐẠO 138 {data.district.name.upper()}",
        report_note(data.pack, data.report_date),
    )
    last = write_table(worksheet, heading, COMMITTEE_COLUMNS, _frame_rows(frame))
    number_column = COMMITTEE_HEADERS.index("Số quyết định") + 1
    for offset, row in enumerate(data.rows, start=1):
        if row.unit.code in annex_sheets:  # the decision's number opens its annex
            location = f"{sheet_reference(annex_sheets[row.unit.code])}!A1"
            _link(worksheet, TABLE_HEADER_ROW + offset, number_column, location)
    _summary_totals(worksheet, frame, last + 1)
    worksheet.row_breaks.append(Break(id=last + 1))  # the counts and chart on a page of their own

    by_status = frame["Kết quả"].value_counts().reindex(list(STATUS_ORDER), fill_value=0)
    status_top = last + 3
    status_end = _count_block(
        worksheet,
        status_top,
        "Kết quả",
        [*((label, int(count)) for label, count in by_status.items()), (TOTAL_LABEL, len(frame))],
        len(frame),
    )
    by_time = frame["Thời hạn"].value_counts()
    time_end = _count_block(
        worksheet,
        status_end + 2,
        "Thời hạn",
        [
            (ON_TIME, int(by_time.get(ON_TIME, 0))),
            (LATE, int(by_time.get(LATE, 0))),
            (NO_DECISION, int(frame["Số quyết định"].isna().sum())),
        ],
        len(frame),
    )
    chart = _status_chart(worksheet, status_top, f"Kết quả kiện toàn: {data.district.name}")
    worksheet.add_chart(chart, f"G{status_top}")
    closing = ReportClosing(place_and_date(data.district, data.report_date), data.signature)
    write_closing(
        worksheet, max(time_end, status_top + _CHART_ROWS) + 2, COMMITTEE_COLUMNS, closing
    )


def _findings_sheet(
    worksheet: Worksheet, data: DistrictData, heading: ReportHeading, closing: ReportClosing
) -> None:
    rows = [finding.values(index) for index, finding in enumerate(data.findings, start=1)]
    last = write_table(worksheet, heading, FINDING_COLUMNS, rows)
    code_column = FINDING_HEADERS.index("Mã quy tắc") + 1
    rule_row = {code: TABLE_HEADER_ROW + i for i, code in enumerate(data.pack.codes, start=1)}
    for offset, finding in enumerate(data.findings, start=1):
        if finding.code in rule_row:  # the code opens the rule, on the rules sheet
            location = f"{sheet_reference(RULES_SHEET)}!A{rule_row[finding.code]}"
            _link(worksheet, TABLE_HEADER_ROW + offset, code_column, location)
    write_closing(worksheet, last + 2, FINDING_COLUMNS, closing)


def district_workbook(data: DistrictData) -> Workbook:
    workbook = Workbook()
    summary = workbook.active
    summary.title = SUMMARY_SHEET
    found = workbook.create_sheet(FINDINGS_SHEET)
    rules = workbook.create_sheet(RULES_SHEET)
    taken = {name.casefold() for name in (SUMMARY_SHEET, FINDINGS_SHEET, RULES_SHEET)}
    annex_sheets: dict[str, str] = {}
    for annex in data.annexes:
        sheet = workbook.create_sheet(_sheet_title(annex.unit, taken))
        write_annex_sheet(sheet, annex)
        annex_sheets[annex.unit.code] = sheet.title
    _district_summary(summary, data, annex_sheets)
    name = data.district.name.upper()
    note = report_note(data.pack, data.report_date)
    closing = ReportClosing(place_and_date(data.district, data.report_date), data.signature)
    _findings_sheet(
        found,
        data,
        ReportHeading(data.district, f"CÁC PHÁT HIỆN KHI KIỂM TRA BAN CHỈ ĐẠO 138 {name}", note),
        closing,
    )
    last = write_table(
        rules,
        ReportHeading(data.district, "CÁC QUY TẮC KIỂM TRA VÀ CĂN CỨ", note),
        RULE_COLUMNS,
        rule_rows(data.pack),
    )
    write_closing(rules, last + 2, RULE_COLUMNS, closing)
    workbook.properties.title = worksheet_text(
        f"Tổng hợp kiện toàn Ban Chỉ đạo 138 {data.district.name}"
    )
    workbook.properties.creator = "bcd138"
    return workbook


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
    report_date: date
    signature: Signature

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
            RULES_SHEET: (RULE_HEADERS, rule_rows(self.pack)),
        }


def _district_chart(worksheet: WriteOnlySheet, count: int, title: str) -> BarChart:
    """Stacked bars, one per district, split into the four results."""
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    for label in STATUS_ORDER:
        column = DISTRICT_HEADERS.index(label) + 1
        series = Series(
            Reference(
                worksheet,
                min_col=column,
                min_row=TABLE_HEADER_ROW + 1,
                max_row=TABLE_HEADER_ROW + count,
            ),
            title_from_data=False,
            title=label,
        )
        series.graphicalProperties.solidFill = STATUS_COLOURS[label]
        series.graphicalProperties.line.solidFill = STATUS_COLOURS[label]
        chart.series.append(series)
    chart.set_categories(
        Reference(
            worksheet,
            min_col=DISTRICT_HEADERS.index("Đơn vị cấp huyện") + 1,
            min_row=TABLE_HEADER_ROW + 1,
            max_row=TABLE_HEADER_ROW + count,
        )
    )
    chart.x_axis.scaling.orientation = "maxMin"  # the first district at the top
    chart.legend.position = "b"
    _chart_text(chart, title, least_cm=22)
    chart.height = max(8.0, 1.0 + 0.8 * count)
    return chart


def province_workbook(data: ProvinceData) -> Workbook:
    """The province workbook, written row by row (openpyxl write-only mode)."""
    workbook = Workbook(write_only=True)
    sheets = data.sheet_rows()
    name = data.province.name.upper()
    # the levels the pack checks: "CẤP HUYỆN, CẤP XÃ"; a 2025 province "CẤP XÃ (TỪ 01/07/2025)"
    levels = ", ".join(seats.label for seats in data.pack.levels.values()).upper()
    note = report_note(data.pack, data.report_date)
    closing = ReportClosing(place_and_date(data.province, data.report_date), data.signature)

    def heading(title: str) -> ReportHeading:
        return ReportHeading(data.province, title, note)

    summary = workbook.create_sheet(SUMMARY_SHEET)
    rows = sheets[SUMMARY_SHEET][1]
    whole = district_row(data.province, data.committees).values(0)
    totals = [None, None, TOTAL_LABEL, *whole[3:]]
    chart_rows = int(max(8.0, 1.0 + 0.8 * len(rows)) / 0.53) + 2  # cm to 15 pt rows
    summary.row_breaks.append(Break(id=TABLE_HEADER_ROW + len(rows) + 1))  # chart: next page
    last = stream_table(
        summary,
        heading(f"TỔNG HỢP KẾT QUẢ KIỆN TOÀN BAN CHỈ ĐẠO 138 {levels} {name}"),
        DISTRICT_COLUMNS,
        rows,
        after=[totals_cells(summary, DISTRICT_COLUMNS, totals), *([[]] * chart_rows)],
        closing=closing,
    )
    chart = _district_chart(
        summary, len(rows), f"Kết quả kiện toàn theo đơn vị cấp huyện: {data.province.name}"
    )
    summary.add_chart(chart, f"B{last + 2}")

    stream_table(
        workbook.create_sheet(COMMITTEES_SHEET),
        heading(f"DANH SÁCH BAN CHỈ ĐẠO 138 {levels} {name}"),
        PROVINCE_COMMITTEE_COLUMNS,
        sheets[COMMITTEES_SHEET][1],
        closing=closing,
    )
    stream_table(
        workbook.create_sheet(FINDINGS_SHEET),
        heading(f"CÁC PHÁT HIỆN KHI KIỂM TRA BAN CHỈ ĐẠO 138 {name}"),
        FINDING_COLUMNS,
        sheets[FINDINGS_SHEET][1],
        closing=closing,
    )
    stream_table(
        workbook.create_sheet(RULES_SHEET),
        heading("CÁC QUY TẮC KIỂM TRA VÀ CĂN CỨ"),
        RULE_COLUMNS,
        sheets[RULES_SHEET][1],
        closing=closing,
    )
    workbook.properties.title = worksheet_text(
        f"Tổng hợp kiện toàn Ban Chỉ đạo 138 {data.province.name}"
    )
    workbook.properties.creator = "bcd138"
    return workbook
