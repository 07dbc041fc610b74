"""The roster annex: the list of members printed with a decision ("Danh sách … kèm theo
Quyết định số …"), laid out after Nghị định 30/2020/NĐ-CP.

`write_annex_sheet` lays one annex out on a worksheet, so that the same layout serves a
standalone workbook (`write_roster_annex`) and a sheet of the district workbook. The
annex reads back with `bcd138 import`: the decision line, the header row and the role
column are words committee/roster_reader.py knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import Session

from committee.domain import validation
from committee.domain.dates import format_date
from committee.domain.errors import UserError
from committee.domain.records import UnitRef
from committee.domain.vocabulary import Level, Role
from committee.exports.document_font import use_document_font
from committee.exports.export_paths import default_export_path, output_path
from committee.exports.output_files import write_atomically
from committee.exports.xlsx_cells import worksheet_text, write
from committee.exports.xlsx_style import (
    CENTRE_TOP,
    THIN_BORDER,
    WRAP_CENTRE,
    WRAP_TOP,
    font,
    line_count,
    row_height,
    set_column_widths,
    set_up_page,
)
from committee.rules.engine import unit_phrase
from committee.store.models import Decision
from committee.usecases.decisions import current_decision, get_decision, list_decisions
from committee.usecases.documents import roster_with_duties
from committee.usecases.units import get_unit, to_ref

COMMITTEE_NAME = (
    "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân "
    "bảo vệ an ninh Tổ quốc"
)
AGENCY = "ỦY BAN NHÂN DÂN"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_KIND = "DANH SÁCH"
SHEET_TITLE = "Danh sách"

HEADERS = (
    "STT",
    "Họ và tên",
    "Chức vụ, đơn vị công tác",
    "Chức danh trong Ban Chỉ đạo",
    "Nhiệm vụ được phân công",
    "Ghi chú",
)
# Widths in Excel units, summing to the printable width of A4 portrait within the NĐ 30
# margins, so that fitting to the page width keeps the type at its size.
COLUMN_WIDTHS = (5.0, 19.0, 18.0, 15.0, 15.0, 6.0)

HEADING_SIZE = 12  # national heading and agency name: 12–13 pt bold capitals
MOTTO_SIZE = 13  # "Độc lập - Tự do - Hạnh phúc": 13–14 pt bold
TITLE_SIZE = 14  # "DANH SÁCH" and the committee's name: 13–14 pt bold
BODY_SIZE = 13  # the decision line and the table: 13–14 pt

HEADER_ROW = 8
FIRST_MEMBER_ROW = HEADER_ROW + 1
_LEFT_BLOCK = (1, 2)  # columns A–B: the issuing agency
_RIGHT_BLOCK = (3, 6)  # columns C–F: the national heading


@dataclass(frozen=True)
class AnnexLine:
    name: str
    title: str
    role: Role
    duties: str
    note: str


@dataclass(frozen=True)
class Annex:
    """One decision's roster as the annex prints it."""

    unit: UnitRef
    number: str
    signed_on: date | None
    lines: tuple[AnnexLine, ...]

    @property
    def issuer(self) -> str:
        """ "UBND huyện Thanh Hà"."""
        return f"UBND {unit_phrase(self.unit)}"

    @property
    def committee_line(self) -> str:
        return f"Thành viên {COMMITTEE_NAME} {unit_phrase(self.unit)}"

    @property
    def decision_line(self) -> str:
        """ "(Kèm theo Quyết định số 2105/QĐ-UBND ngày 12/06/2023 của UBND huyện Thanh Hà)";
        a draft with no signing date yet leaves the date out."""
        signed = f" ngày {format_date(self.signed_on)}" if self.signed_on else ""
        return f"(Kèm theo Quyết định số {self.number}{signed} của {self.issuer})"


def annex_for_decision(session: Session, decision_id: int) -> Annex:
    decision = get_decision(session, decision_id)
    unit = to_ref(get_unit(session, decision.unit_code))
    lines = tuple(
        AnnexLine(line.full_name, line.title, Role(line.role), duties, line.note)
        for line, duties in roster_with_duties(session, decision.id)
    )
    return Annex(unit, decision.number, decision.signed_on, lines)


def load_annex(session: Session, unit_code: str, decision_number: str | None = None) -> Annex:
    """The annex of the unit's decision numbered `decision_number`, by default of the one
    in force. Raises UserError when the unit or the decision is not there."""
    unit = get_unit(session, unit_code)
    if unit.level == Level.PROVINCE:
        raise UserError(
            f"{unit.name} là cấp tỉnh; danh sách Ban Chỉ đạo chỉ có ở cấp huyện, cấp xã."
        )
    decision = _chosen_decision(session, unit.code, unit.name, decision_number)
    return annex_for_decision(session, decision.id)


def _chosen_decision(session: Session, code: str, name: str, number: str | None) -> Decision:
    if number is None:
        decision = current_decision(session, code)
        if decision is None:
            raise UserError(
                f"{name} chưa có quyết định kiện toàn Ban Chỉ đạo nào đã ban hành; "
                f"hãy nhập danh sách trước: bcd138 import TỆP --unit {code}."
            )
        return decision
    wanted = validation.decision_number(number, "decision")
    decisions = list_decisions(session, code)
    for decision in decisions:  # the one in force first, then drafts, then older ones
        if decision.number == wanted:
            return decision
    known = ", ".join(dict.fromkeys(decision.number for decision in decisions))
    raise UserError(
        f"{name} không có quyết định số {wanted}"
        + (f"; các quyết định đã lưu: {known}." if known else "; chưa lưu quyết định nào.")
    )


def write_annex_sheet(worksheet: Worksheet, annex: Annex) -> None:
    """Lay the annex out on an empty worksheet: heading block, title, decision line, the
    member table, and the page set up for printing on A4."""
    set_column_widths(worksheet, COLUMN_WIDTHS)
    _heading(worksheet, annex)
    _table(worksheet, annex)
    set_up_page(worksheet, landscape=False, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    worksheet.sheet_view.showGridLines = False


def _block_width(block: tuple[int, int]) -> float:
    return sum(COLUMN_WIDTHS[block[0] - 1 : block[1]])


def _merged(worksheet: Worksheet, row: int, block: tuple[int, int], text: str, style: Font) -> None:
    worksheet.merge_cells(start_row=row, start_column=block[0], end_row=row, end_column=block[1])
    cell = write(worksheet, row, block[0], text)
    cell.font = style
    cell.alignment = WRAP_CENTRE


def _fit_row(worksheet: Worksheet, row: int, parts: list[tuple[str, float, float, bool]]) -> None:
    """Give a row the height its longest wrapped text needs: parts are (text, width of its
    cell or merged cells, font size, bold)."""
    height = max(
        row_height(line_count(text, width, size, bold), size) for text, width, size, bold in parts
    )
    worksheet.row_dimensions[row].height = height


def _heading(worksheet: Worksheet, annex: Annex) -> None:
    whole = (1, len(HEADERS))
    left, right = _block_width(_LEFT_BLOCK), _block_width(_RIGHT_BLOCK)
    unit_caps = annex.unit.name.upper()
    _merged(worksheet, 1, _LEFT_BLOCK, AGENCY, font(HEADING_SIZE, bold=True))
    _merged(worksheet, 1, _RIGHT_BLOCK, NATION, font(HEADING_SIZE, bold=True))
    _fit_row(
        worksheet,
        1,
        [(AGENCY, left, HEADING_SIZE, True), (NATION, right, HEADING_SIZE, True)],
    )
    _merged(worksheet, 2, _LEFT_BLOCK, unit_caps, font(HEADING_SIZE, bold=True, underline=True))
    _merged(worksheet, 2, _RIGHT_BLOCK, MOTTO, font(MOTTO_SIZE, bold=True, underline=True))
    _fit_row(
        worksheet,
        2,
        [(unit_caps, left, HEADING_SIZE, True), (MOTTO, right, MOTTO_SIZE, True)],
    )
    total = _block_width(whole)
    _merged(worksheet, 4, whole, DOCUMENT_KIND, font(TITLE_SIZE, bold=True))
    _merged(worksheet, 5, whole, annex.committee_line, font(TITLE_SIZE, bold=True))
    _fit_row(worksheet, 5, [(annex.committee_line, total, TITLE_SIZE, True)])
    _merged(worksheet, 6, whole, annex.decision_line, font(BODY_SIZE, italic=True))
    _fit_row(worksheet, 6, [(annex.decision_line, total, BODY_SIZE, False)])


def _table(worksheet: Worksheet, annex: Annex) -> None:
    header_font = font(BODY_SIZE, bold=True)
    for column, text in enumerate(HEADERS, start=1):
        cell = write(worksheet, HEADER_ROW, column, text)
        cell.font = header_font
        cell.alignment = WRAP_CENTRE
        cell.border = THIN_BORDER
    _fit_row(
        worksheet,
        HEADER_ROW,
        [(text, COLUMN_WIDTHS[i], BODY_SIZE, True) for i, text in enumerate(HEADERS)],
    )
    body_font = font(BODY_SIZE)
    for number, line in enumerate(annex.lines, start=1):
        row = HEADER_ROW + number
        values = (number, line.name, line.title, line.role.label, line.duties, line.note)
        for column, value in enumerate(values, start=1):
            cell = write(worksheet, row, column, value if value != "" else None)
            cell.font = body_font
            cell.alignment = CENTRE_TOP if column == 1 else WRAP_TOP
            cell.border = THIN_BORDER
        _fit_row(
            worksheet,
            row,
            [(str(value), COLUMN_WIDTHS[i], BODY_SIZE, False) for i, value in enumerate(values)],
        )


def annex_workbook(annex: Annex) -> Workbook:
    workbook = Workbook()
    use_document_font(workbook)
    worksheet = workbook.active
    worksheet.title = SHEET_TITLE
    write_annex_sheet(worksheet, annex)
    workbook.properties.title = worksheet_text(
        f"Danh sách thành viên {COMMITTEE_NAME} {unit_phrase(annex.unit)}"
    )
    workbook.properties.subject = worksheet_text(annex.decision_line.strip("()"))
    workbook.properties.creator = "bcd138"
    return workbook


def write_roster_annex(
    session: Session,
    unit_code: str,
    decision_number: str | None = None,
    output: Path | None = None,
    force: bool = False,
) -> Path:
    """Write a decision's roster annex (by default the decision in force) as a workbook;
    the default file is exports/danh-sach-<unit>-<number>.xlsx. Returns the path written."""
    annex = load_annex(session, unit_code, decision_number)
    default = default_export_path("danh-sach", annex.unit.code, annex.number)
    path = output_path(output, default, force)
    return write_atomically(path, lambda stream: annex_workbook(annex).save(stream), replace=force)
