"""What bcd138 puts into a workbook: every cell value, sheet name and document property of
every export goes through this module.

Stored text is data, never a command: a text is written as a text cell whatever it starts
with ("=HYPERLINK(…)", "=cmd|' /C calc'!A0", "+", "-", "@", "#REF!"), never as a formula
or an error value. Characters a worksheet cannot hold are dropped (control characters,
XML's non-characters) or replaced (a lone surrogate by "\ufffd"), and a text longer than
a cell holds is cut with a visible mark, so that no stored text can make an export fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.worksheet.worksheet import Worksheet

from committee.exports.safe_text import xml_text

MAX_CELL_TEXT = 32767
"""The most a cell holds, in UTF-16 code units (Excel's measure: an emoji counts two)."""
CUT_MARK = " … [đã cắt bớt]"
"""Ends a text that was cut to fit in a cell."""

WriteOnlySheet = Any
"""A worksheet of a write-only workbook (`Workbook(write_only=True).create_sheet()`):
openpyxl gives its class no public name."""


def worksheet_text(text: str) -> str:
    """`text` as a workbook can hold it: tab and newline kept, other control characters
    and non-characters dropped, lone surrogates replaced, over-long text cut with
    CUT_MARK."""
    text = xml_text(text)
    if len(text) * 2 > MAX_CELL_TEXT and _utf16_units(text) > MAX_CELL_TEXT:
        room = MAX_CELL_TEXT - _utf16_units(CUT_MARK)
        # cut at a code-unit boundary; half a surrogate pair at the end is dropped
        kept = text.encode("utf-16-le")[: 2 * room].decode("utf-16-le", errors="ignore")
        text = kept + CUT_MARK
    return text


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def cell_value(value: object) -> object:
    """A value as a cell gets it: text made fit (worksheet_text); numbers, dates,
    booleans and None as they are."""
    return worksheet_text(value) if isinstance(value, str) else value


def put(cell: Cell, value: object) -> Cell:
    """Give `cell` the value, text always as text (openpyxl's data type "s"): a text
    starting with "=" is not a formula, "#REF!" is not an error."""
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def write(worksheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """The cell at (row, column) of an ordinary worksheet, given `value` (see put)."""
    return put(worksheet.cell(row=row, column=column), value)


def new_cell(worksheet: WriteOnlySheet, value: object, style: str | None = None) -> Cell:
    """A cell for a write-only worksheet's row, holding `value` (see put), in the named
    style `style` if given."""
    cell = put(WriteOnlyCell(worksheet), value)
    if style is not None:
        cell.style = style
    return cell


class RowCells:
    """Cells for the rows of one write-only worksheet: one per column and named style,
    given new values for each row. A write-only worksheet writes a row out when it is
    appended, so its cells are free again for the next one; making and styling a cell
    costs more than writing it."""

    def __init__(self, worksheet: WriteOnlySheet) -> None:
        self._worksheet = worksheet
        self._cells: dict[tuple[int, str], Cell] = {}

    def row(self, values: Iterable[tuple[object, str]]) -> list[Cell]:
        """The cells of one row, from (value, style name) pairs; append them before
        asking for the next row."""
        cells = []
        for column, (value, style) in enumerate(values):
            cell = self._cells.get((column, style))
            if cell is None:
                cell = self._cells[(column, style)] = new_cell(self._worksheet, None, style)
            cells.append(put(cell, value))
        return cells


_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31


def sheet_name(text: str) -> str:
    """A worksheet name made of `text`: at most 31 characters, none of []:*?/\\ and no
    apostrophe at either end (Excel refuses them)."""
    name = _SHEET_NAME_FORBIDDEN.sub(" ", worksheet_text(text))
    return name[:SHEET_NAME_LENGTH].strip().strip("'").strip()


def sheet_reference(name: str) -> str:
    """The name as a formula or a link location writes it: "'Danh sách'", "'O''Neil'"."""
    return "'" + name.replace("'", "''") + "'"
