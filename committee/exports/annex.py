"""The roster annex as a worksheet: the list of members printed with a decision ("Danh sách
… kèm theo Quyết định số …"), laid out after Nghị định 30/2020/NĐ-CP.

`write_annex_sheet` lays one annex (a plain record, committee/exports/records.py) out on a
worksheet, so that the same layout serves a standalone workbook (`annex_workbook`) and a
sheet of the district workbook. The annex reads back with `bcd138 import`: the decision
line, the header row, the role column and the official titles are words
committee/rosters/roster_reader.py and data/titles.toml know, and the signature block below
the table is where the reader stops.

The short rules of the heading are drawn as the bottom border of a run of narrow cells,
centred under their line (an underline would be as long as the text, and drawn shapes are
beyond openpyxl): the sheet's grid has a column boundary at each end of each rule, and the
table's cells are merged across the grid columns of their column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font
from openpyxl.worksheet.worksheet import Worksheet

from committee.exports.document_text import (
    AGENCY,
    ANNEX_HEADERS,
    COMMITTEE_NAME,
    MOTTO,
    NATION,
    REFERENCE_BREAKS,
    issuing_body,
)
from committee.exports.records import Annex, Signature
from committee.exports.xlsx_cells import worksheet_text, write
from committee.exports.xlsx_style import (
    CENTRE_TOP,
    THIN,
    THIN_BORDER,
    WRAP_CENTRE,
    WRAP_TOP,
    break_in_two,
    cell_room,
    font,
    line_count,
    row_height,
    set_column_widths,
    set_up_page,
    text_points,
)

DOCUMENT_KIND = "DANH SÁCH"
SHEET_TITLE = "Danh sách"

HEADERS = ANNEX_HEADERS
# Widths in Excel units, summing to the printable width of A4 portrait within the NĐ 30
# margins, so that fitting to the page width keeps the type at its size. The official
# titles and the duties get the room: two lines of duties stay two lines.
COLUMN_WIDTHS = (4.5, 15.5, 23.0, 12.0, 19.0, 4.0)

HEADING_SIZE = 12  # national heading and agency name: 12–13 pt bold capitals
MOTTO_SIZE = 13  # "Độc lập - Tự do - Hạnh phúc": 13–14 pt bold
TITLE_SIZE = 14  # "DANH SÁCH" and the committee's name: 13–14 pt bold
BODY_SIZE = 13  # the decision line and the table: 13–14 pt
SIGNATURE_SIZE = 13  # the signature block: 13–14 pt bold

AGENCY_ROW, BODY_ROW, RULE_ROW = 1, 2, 3
KIND_ROW, COMMITTEE_ROW, DECISION_ROW, TITLE_RULE_ROW = 5, 6, 7, 8
HEADER_ROW = 10
FIRST_MEMBER_ROW = HEADER_ROW + 1
RULE_ROW_HEIGHT = 6.0  # points: a thin row whose bottom border is the rule
SPACER_ROWS = (4, 9)  # a little room around the title
SPACER_HEIGHT = 9.0
SIGNATURE_GAP = 3  # empty lines left for the signature and the seal

_LEFT = (0, 1)  # logical columns STT–Họ và tên: the issuing agency
_RIGHT = (2, 5)  # Chức vụ–Ghi chú: the national heading
_SIGNATURE = (3, 5)  # Chức danh–Ghi chú: the signature block, on the right
_AGENCY_RULE_SHARE = 0.4  # of the agency's line: NĐ 30 asks for 1/3 to 1/2
_TITLE_RULE_SHARE = 0.3  # of the page's width, under the title
_NARROWEST = 0.5  # no grid column narrower than this (Excel units)

_BOTTOM_RULE = Border(bottom=THIN)
_CENTRE = Alignment(horizontal="center", vertical="center")


@dataclass(frozen=True)
class Grid:
    """The sheet's columns: `widths` of the grid, and for each logical column (HEADERS)
    the first and last grid column it spans, 1-based."""

    widths: tuple[float, ...]
    columns: tuple[tuple[int, int], ...]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The grid columns of logical columns first…last."""
        return self.columns[first][0], self.columns[last][1]

    def between(self, start: float, end: float) -> tuple[int, int]:
        """The grid columns between two boundaries (in units from the left edge)."""
        edges = _edges(self.widths)
        first = min(range(len(edges)), key=lambda i: abs(edges[i] - start)) + 1
        last = min(range(len(edges)), key=lambda i: abs(edges[i] - end))
        return first, max(first, last)


def _edges(widths: Sequence[float]) -> list[float]:
    edges = [0.0]
    for width in widths:
        edges.append(edges[-1] + width)
    return edges


def make_grid(logical: Sequence[float], cuts: Iterable[float]) -> Grid:
    """A grid with the boundaries of the logical columns and a boundary at each cut (kept
    apart from its neighbours by at least _NARROWEST)."""
    boundaries = _edges(logical)
    total = boundaries[-1]
    for cut in sorted(cuts):
        cut = round(cut * 4) / 4
        if 0 < cut < total and all(abs(cut - edge) >= _NARROWEST for edge in boundaries):
            boundaries.append(cut)
    boundaries.sort()
    widths = tuple(round(b - a, 2) for a, b in zip(boundaries, boundaries[1:], strict=False))
    logical_edges = _edges(logical)
    columns = tuple(
        (boundaries.index(start) + 1, boundaries.index(end))
        for start, end in zip(logical_edges, logical_edges[1:], strict=False)
    )
    return Grid(widths, columns)


def _centred(start: float, end: float, length: float) -> tuple[float, float]:
    middle = (start + end) / 2
    return middle - length / 2, middle + length / 2


def _units(points: float) -> float:
    return points / (HEADING_SIZE / 2)  # one unit is half the 12 pt document font's em


def _rules(annex: Annex) -> dict[str, tuple[float, float]]:
    """Where the three short rules go, in units from the left edge: under the agency's
    name, under the motto (as long as it), and under the decision line."""
    edges = _edges(COLUMN_WIDTHS)
    left = (edges[_LEFT[0]], edges[_LEFT[1] + 1])
    right = (edges[_RIGHT[0]], edges[_RIGHT[1] + 1])
    agency = _units(text_points(issuing_body(annex.unit), HEADING_SIZE, bold=True))
    motto = _units(text_points(MOTTO, MOTTO_SIZE, bold=True))
    return {
        "agency": _centred(*left, min(agency * _AGENCY_RULE_SHARE, (left[1] - left[0]) / 2)),
        "motto": _centred(*right, min(motto, right[1] - right[0])),
        "title": _centred(0, edges[-1], edges[-1] * _TITLE_RULE_SHARE),
    }


def _merged(
    worksheet: Worksheet,
    row: int,
    columns: tuple[int, int],
    value: object,
    style: Font,
    alignment: Alignment = WRAP_CENTRE,
    border: Border | None = None,
) -> None:
    first, last = columns
    if last > first:
        worksheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = write(worksheet, row, first, value)
    cell.font = style
    cell.alignment = alignment
    if border is not None:
        for column in range(first, last + 1):  # Excel draws each covered cell's own border
            worksheet.cell(row, column).border = border


def _width(grid: Grid, columns: tuple[int, int]) -> float:
    return sum(grid.widths[columns[0] - 1 : columns[1]])


def _fit_row(worksheet: Worksheet, row: int, parts: list[tuple[str, float, float, bool]]) -> None:
    """Give a row the height its longest wrapped text needs: parts are (text, width of its
    cell or merged cells, font size, bold)."""
    height = max(
        row_height(line_count(text, width, size, bold), size) for text, width, size, bold in parts
    )
    worksheet.row_dimensions[row].height = height


def _rule(worksheet: Worksheet, grid: Grid, row: int, extent: tuple[float, float]) -> None:
    first, last = grid.between(*extent)
    for column in range(first, last + 1):
        worksheet.cell(row, column).border = _BOTTOM_RULE


def write_annex_sheet(worksheet: Worksheet, annex: Annex) -> None:
    """Lay the annex out on an empty worksheet: heading block with its short rules, title,
    decision line, the member table, the signature block, and the page set up for
    printing on A4."""
    rules = _rules(annex)
    grid = make_grid(COLUMN_WIDTHS, [end for extent in rules.values() for end in extent])
    set_column_widths(worksheet, grid.widths)
    _heading(worksheet, grid, annex, rules)
    last = _table(worksheet, grid, annex)
    if annex.signature is not None:
        write_signature(worksheet, last + 2, grid.span(*_SIGNATURE), annex.signature)
    set_up_page(worksheet, landscape=False, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    worksheet.sheet_view.showGridLines = False


def _heading(
    worksheet: Worksheet, grid: Grid, annex: Annex, rules: dict[str, tuple[float, float]]
) -> None:
    left, right, whole = grid.span(*_LEFT), grid.span(*_RIGHT), (1, len(grid.widths))
    body = issuing_body(annex.unit)
    _merged(worksheet, AGENCY_ROW, left, AGENCY, font(HEADING_SIZE, bold=True))
    _merged(worksheet, AGENCY_ROW, right, NATION, font(HEADING_SIZE, bold=True))
    _merged(worksheet, BODY_ROW, left, body, font(HEADING_SIZE, bold=True))
    _merged(worksheet, BODY_ROW, right, MOTTO, font(MOTTO_SIZE, bold=True))
    for row, texts in (
        (AGENCY_ROW, ((AGENCY, HEADING_SIZE), (NATION, HEADING_SIZE))),
        (BODY_ROW, ((body, HEADING_SIZE), (MOTTO, MOTTO_SIZE))),
    ):
        (left_text, left_size), (right_text, right_size) = texts
        _fit_row(
            worksheet,
            row,
            [
                (left_text, _width(grid, left), left_size, True),
                (right_text, _width(grid, right), right_size, True),
            ],
        )
    worksheet.row_dimensions[RULE_ROW].height = RULE_ROW_HEIGHT
    for row in SPACER_ROWS:
        worksheet.row_dimensions[row].height = SPACER_HEIGHT
    _rule(worksheet, grid, RULE_ROW, rules["agency"])
    _rule(worksheet, grid, RULE_ROW, rules["motto"])

    total = _width(grid, whole)
    _merged(worksheet, KIND_ROW, whole, DOCUMENT_KIND, font(TITLE_SIZE, bold=True))
    _merged(worksheet, COMMITTEE_ROW, whole, annex.committee_line, font(TITLE_SIZE, bold=True))
    _fit_row(worksheet, COMMITTEE_ROW, [(annex.committee_line, total, TITLE_SIZE, True)])
    reference = break_in_two(
        annex.decision_line, cell_room(total), BODY_SIZE, before=REFERENCE_BREAKS
    )
    _merged(worksheet, DECISION_ROW, whole, reference, font(BODY_SIZE, italic=True))
    _fit_row(worksheet, DECISION_ROW, [(reference, total, BODY_SIZE, False)])
    worksheet.row_dimensions[TITLE_RULE_ROW].height = RULE_ROW_HEIGHT
    _rule(worksheet, grid, TITLE_RULE_ROW, rules["title"])


def _table(worksheet: Worksheet, grid: Grid, annex: Annex) -> int:
    """The header and one row per member; returns the last row."""
    widths = [_width(grid, columns) for columns in grid.columns]
    header_font = font(BODY_SIZE, bold=True)
    for index, text in enumerate(HEADERS):
        _merged(
            worksheet, HEADER_ROW, grid.columns[index], text, header_font, WRAP_CENTRE, THIN_BORDER
        )
    _fit_row(
        worksheet,
        HEADER_ROW,
        [(text, widths[i], BODY_SIZE, True) for i, text in enumerate(HEADERS)],
    )
    body_font = font(BODY_SIZE)
    row = HEADER_ROW
    for number, line in enumerate(annex.lines, start=1):
        row = HEADER_ROW + number
        values = (number, line.name, line.printed_title, line.role.label, line.duties, line.note)
        for index, value in enumerate(values):
            alignment = CENTRE_TOP if index == 0 else WRAP_TOP
            _merged(
                worksheet,
                row,
                grid.columns[index],
                value if value != "" else None,
                body_font,
                alignment,
                THIN_BORDER,
            )
        _fit_row(
            worksheet,
            row,
            [(str(value), widths[i], BODY_SIZE, False) for i, value in enumerate(values)],
        )
    return row


def write_signature(
    worksheet: Worksheet, top: int, columns: tuple[int, int], signature: Signature
) -> int:
    """The signature block from row `top` in the given grid columns: authority and post in
    bold capitals, room for the signature and the seal, the signer's name in bold. Returns
    its last row."""
    style = font(SIGNATURE_SIZE, bold=True)
    _merged(worksheet, top, columns, signature.authority, style, _CENTRE)
    _merged(worksheet, top + 1, columns, signature.post, style, _CENTRE)
    name_row = top + 2 + SIGNATURE_GAP
    _merged(worksheet, name_row, columns, signature.name or None, style, _CENTRE)
    return name_row


def annex_workbook(annex: Annex) -> Workbook:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = SHEET_TITLE
    write_annex_sheet(worksheet, annex)
    workbook.properties.title = worksheet_text(
        f"Danh sách thành viên {COMMITTEE_NAME} {annex.unit.phrase}"
    )
    workbook.properties.subject = worksheet_text(annex.decision_line.strip("()"))
    workbook.properties.creator = "bcd138"
    return workbook
