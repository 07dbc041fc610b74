"""Tabular report sheets: a title, a header row and styled rows, ready to filter and print.

Every such sheet has the same shape, so that a reader (a clerk, pandas, a macro) finds
things where it expects them: the title in row 1, a note in row 2, the header in row 4
(TABLE_HEADER_ROW), the rows below it. Panes are frozen under the header, the header has
an autofilter, and the sheet prints on A4 landscape with the header on every page.

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

from committee.exports.export_rows import STATUS_ORDER
from committee.exports.xlsx_cells import RowCells, WriteOnlySheet, new_cell, write
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

TITLE_ROW = 1
NOTE_ROW = 2
TABLE_HEADER_ROW = 4
DATE_FORMAT = "dd/mm/yyyy"

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


# Cells take named styles (shown in Excel's style gallery), one per look: setting a whole
# style by name is far cheaper than setting font, border and alignment on every cell.
HEADER_STYLE = "Bảng - tiêu đề cột"
_SHAPES: dict[str, tuple[Alignment, str | None]] = {
    "trái": (_LEFT, None),
    "xuống dòng": (_LEFT_WRAP, None),
    "giữa": (_CENTRE, None),
    "ngày": (_CENTRE, DATE_FORMAT),
}


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
    else:
        shape = "giữa" if column.centre else "xuống dòng" if column.wrap else "trái"
    return f"Bảng - {shape}{' đậm' if bold else ''}"


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


def write_table(
    worksheet: Worksheet,
    title: str,
    note: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
) -> int:
    """Write a report table on an ordinary worksheet; returns the row of its last line."""
    register_styles(worksheet.parent)
    widths = _prepare(worksheet, columns, rows)
    write(worksheet, TITLE_ROW, 1, title).font = font(14, bold=True)
    write(worksheet, NOTE_ROW, 1, note).font = font(DEFAULT_SIZE, italic=True)
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
    title: str,
    note: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    after: Iterable[Sequence[Cell]] = (),
) -> int:
    """Write a report table to a write-only worksheet, row by row, then the `after` rows
    (a totals line…) below it; returns the row of the table's last line."""
    register_styles(worksheet.parent)
    widths = _prepare(worksheet, columns, rows)
    title_cell = new_cell(worksheet, title)
    title_cell.font = font(14, bold=True)
    note_cell = new_cell(worksheet, note)
    note_cell.font = font(DEFAULT_SIZE, italic=True)
    worksheet.append([title_cell])
    worksheet.append([note_cell])
    worksheet.append([])
    worksheet.append([new_cell(worksheet, column.header, HEADER_STYLE) for column in columns])
    row_number = TABLE_HEADER_ROW
    cells = RowCells(worksheet)
    for values in rows:
        row_number += 1
        height = _row_height(columns, widths, values)
        if height is not None:
            worksheet.row_dimensions[row_number].height = height
        worksheet.append(
            cells.row(
                (value, _style_name(column, value))
                for column, value in zip(columns, values, strict=True)
            )
        )
    for cells in after:
        worksheet.append(list(cells))
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
