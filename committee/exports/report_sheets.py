"""Tabular report sheets that can be sent upward: the heading block, a centred title, a
header row and styled rows, ready to filter and print, and the closing lines.

Every such sheet has the same shape, so that a reader (a clerk, pandas, a macro) finds
things where it expects them: the heading block of Nghị định 30 in rows 1–2 (the sending
body on the left, the national motto on the right), the title in row 4, a note in row 5,
the header in row 7 (TABLE_HEADER_ROW), the rows below it; after the table, the place and
date of the report, "NGƯỜI LẬP BIỂU" on the left and the signer's place on the right. Panes
are frozen under the header, the header has an autofilter, and the sheet prints on A4
landscape with the header on every page.

`write_table` fills an ordinary worksheet; `stream_table` writes the same thing row by
row to a write-only worksheet, for tables with many rows. Every value goes into its cell
through committee/xlsx_cells.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from committee.domain.records import UnitRef
from committee.exports.document_text import AGENCY, MOTTO, NATION, issuing_body
from committee.exports.export_rows import STATUS_ORDER
from committee.exports.records import Signature
from committee.exports.xlsx_cells import RowCells, WriteOnlySheet, new_cell, put, write
from committee.exports.xlsx_style import (
    DEFAULT_SIZE,
    THIN_BORDER,
    WRAP_CENTRE,
    display_text,
    fitted_widths,
    font,
    line_count,
    row_height,
    set_column_widths,
    set_up_page,
)

AGENCY_ROW = 1
BODY_ROW = 2
TITLE_ROW = 4
NOTE_ROW = 5
TABLE_HEADER_ROW = 7
DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"
TITLE_SIZE = 14
PREPARER = "NGƯỜI LẬP BIỂU"
PREPARER_NOTE = "(Ký, ghi rõ họ tên)"
SIGNATURE_GAP = 4  # empty rows left for the signatures
_LEFT_SHARE = 0.4  # of the table's width: the sending body's half of the heading block

HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
STATUS_COLOURS: dict[str, str] = dict(
    zip(STATUS_ORDER, ("70AD47", "FFC000", "C00000", "A6A6A6"), strict=True)
)
"""Chart colours of the four results: Đạt green, Cảnh báo amber, Chưa đạt red, no decision
grey."""
STATUS_FILLS: dict[str, PatternFill] = {
    label: PatternFill("solid", fgColor=colour)
    for label, colour in zip(STATUS_ORDER, ("E2EFDA", "FFF2CC", "F8CBAD", "EDEDED"), strict=True)
}
"""Light cell fills of the same four results, readable when printed in grey."""

_LEFT = Alignment(vertical="top")
_LEFT_WRAP = Alignment(vertical="top", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="top")


@dataclass(frozen=True)
class Column:
    """A column of a report table: its heading, width limits and how its cells look."""

    header: str
    least: float  # width limits in Excel units; the width fits the text within them
    most: float
    wrap: bool = False  # long text wraps at `most` instead of running on
    centre: bool = False
    status: bool = False  # the cell holds a result (Đạt…) and is filled in its colour
    percent: bool = False  # the cell holds a fraction, shown as a percentage


@dataclass(frozen=True)
class ReportHeading:
    """What a report sheet opens with: the sending unit's heading block, the title, and a
    note under it (the plan, the deadline, the date of the figures)."""

    unit: UnitRef
    title: str
    note: str


@dataclass(frozen=True)
class ReportClosing:
    """What a report sheet ends with: "Thanh Hà, ngày 05 tháng 6 năm 2023", the preparer
    on the left and the signer's place on the right."""

    place_date: str
    signature: Signature


# Cells take named styles (shown in Excel's style gallery), one per look: setting a whole
# style by name is far cheaper than setting font, border and alignment on every cell.
HEADER_STYLE = "Bảng - tiêu đề cột"
_SHAPES: dict[str, tuple[Alignment, str | None]] = {
    "trái": (_LEFT, None),
    "xuống dòng": (_LEFT_WRAP, None),
    "giữa": (_CENTRE, None),
    "ngày": (_CENTRE, DATE_FORMAT),
    "phần trăm": (_CENTRE, PERCENT_FORMAT),
}


_BOLD_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_ITALIC_CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)
# The looks of the heading block and the closing lines: (size, bold, italic).
_TEXT_LOOKS = ((12, True, False), (13, True, False), (14, True, False), (12, False, True))


def _text_style(size: float, bold: bool, italic: bool) -> str:
    """The named style of a heading or closing text: "Văn bản 12 đậm"."""
    return f"Văn bản {size:g}{' đậm' if bold else ''}{' nghiêng' if italic else ''}"


def _named_styles() -> list[NamedStyle]:
    styles = [
        NamedStyle(
            HEADER_STYLE,
            font=font(DEFAULT_SIZE, bold=True),
            fill=HEADER_FILL,
            border=THIN_BORDER,
            alignment=WRAP_CENTRE,
        )
    ]
    for shape, (alignment, number_format) in _SHAPES.items():
        for bold in (False, True):
            styles.append(
                NamedStyle(
                    f"Bảng - {shape}{' đậm' if bold else ''}",
                    font=font(DEFAULT_SIZE, bold=bold),
                    border=THIN_BORDER,
                    alignment=alignment,
                    number_format=number_format or "General",
                )
            )
    for size, bold, italic in _TEXT_LOOKS:
        styles.append(
            NamedStyle(
                _text_style(size, bold, italic),
                font=font(size, bold=bold, italic=italic),
                alignment=_ITALIC_CENTRE if italic else _BOLD_CENTRE,
            )
        )
    for label, fill in STATUS_FILLS.items():
        styles.append(
            NamedStyle(
                f"Bảng - {label}",
                font=font(DEFAULT_SIZE),
                fill=fill,
                border=THIN_BORDER,
                alignment=_CENTRE,
            )
        )
    return styles


_STYLE_NAMES = frozenset(style.name for style in _named_styles())


def register_styles(workbook: Workbook) -> None:
    """Add the table styles to a workbook (once; again is harmless, and costs nothing)."""
    known = set(workbook.named_styles)
    if known >= _STYLE_NAMES:
        return
    for style in _named_styles():
        if style.name not in known:
            workbook.add_named_style(style)


def _style_name(column: Column, value: object, bold: bool = False) -> str:
    if column.status and not bold and value in STATUS_FILLS:
        return f"Bảng - {value}"
    if isinstance(value, date):
        shape = "ngày"
    elif column.percent:
        shape = "phần trăm"
    else:
        shape = "giữa" if column.centre else "xuống dòng" if column.wrap else "trái"
    return f"Bảng - {shape}{' đậm' if bold else ''}"


class _ColumnStyles:
    """Each column's style names worked out once, for tables of many rows: the name of a
    cell's style depends only on its column, whether it holds a date, and for a result
    column on the result."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self._plain = [_style_name(column, None) for column in columns]
        self._dated = [_style_name(column, date.min) for column in columns]
        self._status = [column.status for column in columns]

    def names(self, values: Sequence[object]) -> list[str]:
        names = []
        for index, value in enumerate(values):
            if self._status[index] and value in STATUS_FILLS:
                names.append(f"Bảng - {value}")
            elif isinstance(value, date):
                names.append(self._dated[index])
            else:
                names.append(self._plain[index])
        return names


def _header_height(columns: Sequence[Column], widths: Sequence[float]) -> float:
    lines = max(
        line_count(column.header, width, DEFAULT_SIZE, bold=True)
        for column, width in zip(columns, widths, strict=True)
    )
    return row_height(lines, DEFAULT_SIZE)


def _row_height(
    columns: Sequence[Column], widths: Sequence[float], values: Sequence[object]
) -> float | None:
    """The height a row with wrapped text needs; None when one line is enough."""
    lines = 1
    for column, width, value in zip(columns, widths, values, strict=True):
        if column.wrap and value:
            lines = max(lines, line_count(display_text(value), width, DEFAULT_SIZE))
    return row_height(lines, DEFAULT_SIZE) if lines > 1 else None


def _prepare(
    worksheet: Worksheet | WriteOnlySheet,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
) -> list[float]:
    """Widths, frozen panes, filter and page setup: all a write-only sheet needs before
    its first row."""
    widths = fitted_widths(
        [column.header for column in columns],
        rows,
        DEFAULT_SIZE,
        [(column.least, column.most) for column in columns],
    )
    set_column_widths(worksheet, widths)
    worksheet.freeze_panes = f"D{TABLE_HEADER_ROW + 1}"
    last_column = get_column_letter(len(columns))
    worksheet.auto_filter.ref = f"A{TABLE_HEADER_ROW}:{last_column}{TABLE_HEADER_ROW + len(rows)}"
    set_up_page(
        worksheet,
        landscape=True,
        title_rows=f"{TABLE_HEADER_ROW}:{TABLE_HEADER_ROW}",
        page_number_size=DEFAULT_SIZE,
    )
    worksheet.row_dimensions[TABLE_HEADER_ROW].height = _header_height(columns, widths)
    return widths


# --- the heading block and the closing lines ------------------------------------------------


@dataclass(frozen=True)
class _Text:
    """One text of the heading or closing: where it goes and how it looks."""

    row: int
    first: int  # columns, 1-based
    last: int
    value: str
    size: float = DEFAULT_SIZE
    bold: bool = False
    italic: bool = False


def _blocks(widths: Sequence[float]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The left (sending body, preparer) and right (motto, signer) blocks: columns
    1…k and k+1…n, the left as near 40 % of the table's width as the columns allow."""
    total = sum(widths)
    edges = [sum(widths[:k]) for k in range(1, len(widths))]
    split = min(range(1, len(widths)), key=lambda k: abs(edges[k - 1] - total * _LEFT_SHARE))
    return (1, split), (split + 1, len(widths))


def _heading_texts(heading: ReportHeading, widths: Sequence[float]) -> list[_Text]:
    (l1, l2), (r1, r2) = _blocks(widths)
    n = len(widths)
    return [
        _Text(AGENCY_ROW, l1, l2, AGENCY, bold=True),
        _Text(AGENCY_ROW, r1, r2, NATION, bold=True),
        _Text(BODY_ROW, l1, l2, issuing_body(heading.unit), bold=True),
        _Text(BODY_ROW, r1, r2, MOTTO, size=13, bold=True),
        _Text(TITLE_ROW, 1, n, heading.title, size=TITLE_SIZE, bold=True),
        _Text(NOTE_ROW, 1, n, heading.note, italic=True),
    ]


def _closing_texts(closing: ReportClosing, widths: Sequence[float], top: int) -> list[_Text]:
    """The closing lines from row `top`: place and date, then the two signatures."""
    (l1, l2), (r1, r2) = _blocks(widths)
    signature = closing.signature
    texts = [
        _Text(top, r1, r2, closing.place_date, italic=True),
        _Text(top + 1, l1, l2, PREPARER, bold=True),
        _Text(top + 1, r1, r2, signature.authority, bold=True),
        _Text(top + 2, l1, l2, PREPARER_NOTE, italic=True),
        _Text(top + 2, r1, r2, signature.post, bold=True),
    ]
    if signature.name:
        texts.append(_Text(top + 3 + SIGNATURE_GAP, r1, r2, signature.name, bold=True))
    return texts


def closing_rows(closing: ReportClosing) -> int:
    """How many rows the closing lines take."""
    return 4 + SIGNATURE_GAP if closing.signature.name else 3


def _style(cell: Cell, text: _Text) -> Cell:
    cell.style = _text_style(text.size, text.bold, text.italic)  # one of _TEXT_LOOKS
    return cell


def _merge(worksheet: Worksheet | WriteOnlySheet, text: _Text) -> None:
    if text.last <= text.first:
        return
    ref = f"{get_column_letter(text.first)}{text.row}:{get_column_letter(text.last)}{text.row}"
    if isinstance(worksheet, Worksheet):
        worksheet.merge_cells(ref)
    else:  # a write-only worksheet keeps its merged ranges in the same public list
        worksheet.merged_cells.add(ref)


def _heights(texts: Sequence[_Text], widths: Sequence[float]) -> dict[int, float]:
    heights: dict[int, float] = {}
    for text in texts:
        width = sum(widths[text.first - 1 : text.last])
        lines = line_count(text.value, width, text.size, text.bold)
        heights[text.row] = max(heights.get(text.row, 0.0), row_height(lines, text.size))
    return heights


def _put_texts(worksheet: Worksheet, texts: Sequence[_Text], widths: Sequence[float]) -> None:
    for text in texts:
        _style(write(worksheet, text.row, text.first, text.value), text)
        _merge(worksheet, text)
    for row, height in _heights(texts, widths).items():
        worksheet.row_dimensions[row].height = height


def _stream_texts(
    worksheet: WriteOnlySheet,
    texts: Sequence[_Text],
    widths: Sequence[float],
    first: int,
    last: int,
) -> None:
    """Append rows first…last holding `texts` to a write-only worksheet."""
    heights = _heights(texts, widths)
    for row in range(first, last + 1):
        if row in heights:
            worksheet.row_dimensions[row].height = heights[row]
        placed = {text.first: text for text in texts if text.row == row}
        cells: list[Cell | None] = [None] * (max(placed, default=0))
        for column, text in placed.items():
            cells[column - 1] = _style(put(new_cell(worksheet, None), text.value), text)
            _merge(worksheet, text)
        worksheet.append(cells)


def write_closing(
    worksheet: Worksheet, top: int, columns: Sequence[Column], closing: ReportClosing
) -> int:
    """The closing lines of an ordinary worksheet from row `top`; returns their last row."""
    register_styles(worksheet.parent)
    widths = [
        worksheet.column_dimensions[get_column_letter(i)].width for i in range(1, len(columns) + 1)
    ]
    _put_texts(worksheet, _closing_texts(closing, widths, top), widths)
    return top + closing_rows(closing) - 1


# --- the tables -----------------------------------------------------------------------------


def write_table(
    worksheet: Worksheet,
    heading: ReportHeading,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
) -> int:
    """Write a report table on an ordinary worksheet; returns the row of its last line."""
    register_styles(worksheet.parent)
    widths = _prepare(worksheet, columns, rows)
    _put_texts(worksheet, _heading_texts(heading, widths), widths)
    for index, column in enumerate(columns, start=1):
        write(worksheet, TABLE_HEADER_ROW, index, column.header).style = HEADER_STYLE
    row_number = TABLE_HEADER_ROW
    for values in rows:
        row_number += 1
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            write(worksheet, row_number, index, value).style = _style_name(column, value)
        height = _row_height(columns, widths, values)
        if height is not None:
            worksheet.row_dimensions[row_number].height = height
    return row_number


def stream_table(
    worksheet: WriteOnlySheet,
    heading: ReportHeading,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    after: Iterable[Sequence[Cell]] = (),
    closing: ReportClosing | None = None,
) -> int:
    """Write a report table to a write-only worksheet, row by row, then the `after` rows
    (a totals line…) below it and, a row further down, the closing lines; returns the row
    of the table's last line."""
    register_styles(worksheet.parent)
    widths = _prepare(worksheet, columns, rows)
    _stream_texts(worksheet, _heading_texts(heading, widths), widths, 1, TABLE_HEADER_ROW - 1)
    worksheet.append([new_cell(worksheet, column.header, HEADER_STYLE) for column in columns])
    row_number = TABLE_HEADER_ROW
    cells = RowCells(worksheet)
    styles = _ColumnStyles(columns)
    for values in rows:
        row_number += 1
        height = _row_height(columns, widths, values)
        if height is not None:
            worksheet.row_dimensions[row_number].height = height
        worksheet.append(cells.row(zip(values, styles.names(values), strict=True)))
    last = row_number
    for extra in after:
        worksheet.append(list(extra))
        last += 1
    if closing is not None:
        worksheet.append([])
        top = last + 2
        texts = _closing_texts(closing, widths, top)
        _stream_texts(worksheet, texts, widths, top, top + closing_rows(closing) - 1)
    return row_number


def totals_cells(
    worksheet: WriteOnlySheet, columns: Sequence[Column], values: Sequence[object]
) -> list[Cell]:
    """A bold totals line under a table, as cells for a write-only sheet (`stream_table`'s
    `after`), styled like the table."""
    register_styles(worksheet.parent)
    return [
        new_cell(worksheet, value, _style_name(column, value, bold=True))
        for column, value in zip(columns, values, strict=True)
    ]


def style_totals(worksheet: Worksheet, row: int, columns: Sequence[Column]) -> None:
    """Style an ordinary worksheet's totals line like the table above it, in bold."""
    for index, column in enumerate(columns, start=1):
        cell = worksheet.cell(row, index)
        cell.style = _style_name(column, cell.value, bold=True)
