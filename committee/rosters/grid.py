"""A table as the roster reader walks it: rows of cell values, merged cells filled in.

A Grid is one sheet of a spreadsheet, or one table of a Word document with the paragraphs
above it as one-cell rows. A value merged over several cells belongs to each of them; the
grid remembers, for every cell a merge covers beyond its first, which cell that first one is
(`origins`), so that a reader can tell a value shared by two rows from the same text typed
twice, and a heading merged across the table from a row of cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from committee.domain.dates import format_date
from committee.domain.text import clean
from committee.rosters.limits import WorkbookRefused, format_count

Cell = tuple[int, int]  # 0-based (row, column)
MergedRange = tuple[Cell, Cell]  # first and last cell, inclusive


@dataclass
class Grid:
    """One table of a roster file.

    `sheet` names a spreadsheet's sheet; `table` numbers a Word document's table (1-based),
    whose rows start at grid row `first_table_row` (the rows before are the paragraphs
    above it). `notes` say what was done to the text on the way in (a legacy encoding
    converted)."""

    cells: list[list[object]]
    origins: dict[Cell, Cell] = field(default_factory=dict)
    sheet: str | None = None
    table: int | None = None
    first_table_row: int = 0
    notes: tuple[str, ...] = ()

    def row_number(self, index: int) -> int | None:
        """The 1-based row a clerk sees: of the sheet, or of the Word table (None for a
        paragraph above the table)."""
        if self.table is None:
            return index + 1
        return index - self.first_table_row + 1 if index >= self.first_table_row else None

    def origin(self, row: int, column: int) -> Cell:
        """The first cell of the merge covering (row, column), or the cell itself."""
        return self.origins.get((row, column), (row, column))

    def copied_from_above(self, row: int, column: int) -> bool:
        """Whether the cell holds a value merged down from a row above."""
        return self.origin(row, column)[0] < row

    def copied_from_left(self, row: int, column: int) -> bool:
        """Whether the cell holds a value merged across from a cell to its left in its row."""
        first_row, first_column = self.origin(row, column)
        return first_row == row and first_column < column


def fill_merges(
    cells: list[list[object]], ranges: Iterable[MergedRange], most: int
) -> dict[Cell, Cell]:
    """Copy the value of each merged range's first cell into the others; return the origins.

    Ranges are clipped to the cells there are; all of them together may cover at most
    `most` cells (WorkbookRefused beyond), so a file naming huge merges costs no more
    than a full sheet."""
    height = len(cells)
    clipped: list[MergedRange] = []
    covered = 0
    for (top, left), (bottom, right) in ranges:
        if top >= height or top < 0 or left < 0:
            continue
        bottom = min(bottom, height - 1)
        right = min(right, max(len(cells[top]), 1) - 1)
        if bottom < top or right < left or (bottom == top and right == left):
            continue
        covered += (bottom - top + 1) * (right - left + 1)
        if covered > most:
            raise WorkbookRefused(
                f"có các vùng ô gộp phủ hơn {format_count(most)} ô, quá giới hạn của một bảng "
                "danh sách"
            )
        clipped.append(((top, left), (bottom, right)))
    origins: dict[Cell, Cell] = {}
    for (top, left), (bottom, right) in clipped:
        value = cells[top][left] if left < len(cells[top]) else None
        for row in range(top, bottom + 1):
            line = cells[row]
            for column in range(left, min(right + 1, len(line))):
                if (row, column) != (top, left) and (row, column) not in origins:
                    line[column] = value
                    origins[(row, column)] = (top, left)
    return origins


def column_letter(index: int) -> str:
    """Excel column letter of a 0-based column index: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell as text: 1.0 → "1", 912345678.0 → "912345678", dates as dd/mm/yyyy, NFC."""
    if isinstance(value, str):
        return clean(value) if value else ""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return format_date(value.date()) if value.time() == time() else clean(value)
    if isinstance(value, date):
        return format_date(value)
    return clean(value)
