"""Write-only worksheets whose table rows go out as XML text.

openpyxl's write-only mode builds an element per cell and serialises it through a
namespace-aware XML writer: some 6 µs a cell, most of the time a province workbook takes.
A `StreamedWorksheet` is that same worksheet (same file, same everything else), except
that `append_rows` takes `TableRow`s — values, each with the id of its cell style, and the
row's height — and writes each as the text openpyxl would have written for it, at a
fraction of the cost.

Only plain values take the quick way: text, numbers, booleans, dates and empty cells. A
row holding anything else (a formula, an error code, a time, characters a worksheet
cannot hold) goes through openpyxl's own cell writer, so it fails or succeeds exactly as
it would have; so does every row when the XML writer is not the one this module knows
(lxml installed, or another openpyxl).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.xml import LXML

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_MARKUP = re.compile("[&<>]")
_MAX_TEXT = 32767  # characters a cell holds; openpyxl cuts longer text there
_EXACT_INTEGERS = 10**15  # below this, safe_string writes an integer as str() does


class TableRow(tuple[object, ...]):
    """A row of values, each cell with its style id, and the row's height (None: Excel's)."""

    styles: tuple[int, ...]
    height: float | None

    def __new__(
        cls, values: Sequence[object], styles: Sequence[int], height: float | None = None
    ) -> TableRow:
        row = super().__new__(cls, values)
        row.styles = tuple(styles)
        row.height = height
        return row


class _Rows(list[tuple[str | None, object]]):
    """Rows handed to the worksheet's row writer at once: each as XML text (None: to be
    written by openpyxl) with the row itself (a TableRow, or openpyxl cells)."""


def style_id(worksheet: WriteOnlyWorksheet, name: str) -> int:
    """The id cells with the named style `name` (registered before) get in the workbook."""
    probe = WriteOnlyCell(worksheet)
    probe.style = name
    return probe.style_id


def streamed_sheet(workbook: Workbook, title: str) -> StreamedWorksheet:
    """A new StreamedWorksheet at the end of a write-only workbook."""
    sheet = StreamedWorksheet(workbook, title)
    workbook._add_sheet(sheet)  # what Workbook.create_sheet does with the sheet it makes
    return sheet


class StreamedWorksheet(WriteOnlyWorksheet):
    """openpyxl's write-only worksheet that writes TableRows as text."""

    _rows_appended = 0

    def append(self, row):  # type: ignore[no-untyped-def]
        """WriteOnlyWorksheet.append, counting the rows (append_rows needs their numbers)."""
        super().append(row)
        self._rows_appended += len(row) if isinstance(row, _Rows) else 1

    def append_rows(self, rows: Iterable[TableRow]) -> None:
        """Append the rows, in order, after those appended before. A value openpyxl would
        refuse is refused here, before anything of these rows is written."""
        batch = _Rows()
        number = self._rows_appended
        for row in rows:
            number += 1
            text = self._row_text(row, number) if not LXML else None
            batch.append((text, row if text is not None else self._styled_cells(row, number)))
        self.append(batch)

    def _write_rows(self):  # type: ignore[no-untyped-def]
        """WriteOnlyWorksheet._write_rows, with rows from append_rows written as text."""
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        write_text = getattr(xf, "_file", None)  # et_xmlfile's incremental writer
        if not callable(write_text) or type(xf).__module__ != "et_xmlfile.xmlfile":
            write_text = None
        with xf.element("sheetData"):
            row_idx = 1
            try:
                while True:
                    appended = yield
                    for text, row in (
                        appended if isinstance(appended, _Rows) else [(None, appended)]
                    ):
                        if text is not None and write_text is not None:
                            write_text(text)
                        else:
                            if isinstance(row, TableRow):
                                row = self._styled_cells(row, row_idx)
                            cells = self._values_to_row(row, row_idx)
                            self._writer.write_row(xf, cells, row_idx)
                        row_idx += 1
            except GeneratorExit:
                pass
        self._writer.xf.send(None)

    def _row_text(self, row: TableRow, number: int) -> str | None:
        """The row as openpyxl writes it, or None when a value needs openpyxl itself."""
        columns = _columns(len(row))
        if row.height is not None:
            parts = [f'<row r="{number}" ht="{safe_string(row.height)}" customHeight="1">']
        else:
            parts = [f'<row r="{number}">']
        epoch = self.parent.epoch
        for column, value, style in zip(columns, row, row.styles, strict=False):
            if value is None and not style:
                continue  # an empty cell without a style is not written
            reference = f'r="{column}{number}" s="{style}"' if style else f'r="{column}{number}"'
            kind = type(value)
            if kind is str:
                if not value:
                    parts.append(f'<c {reference} t="inlineStr"/>')
                    continue
                if (
                    (value[0] == "=" and len(value) > 1)
                    or value in ERROR_CODES
                    or ILLEGAL_CHARACTERS_RE.search(value)
                ):
                    return None
                text = value[:_MAX_TEXT]
                stripped = text.strip()
                space = ' xml:space="preserve"' if stripped and stripped != text else ""
                parts.append(
                    f'<c {reference} t="inlineStr"><is><t{space}>'
                    f"{text.translate(_ESCAPES) if _MARKUP.search(text) else text}</t></is></c>"
                )
            elif kind is int:
                number_text = (
                    str(value) if -_EXACT_INTEGERS < value < _EXACT_INTEGERS else safe_string(value)
                )
                parts.append(f'<c {reference} t="n"><v>{number_text}</v></c>')
            elif value is None:
                parts.append(f'<c {reference} t="n"/>')
            elif kind is date or (kind is datetime and value.tzinfo is None):
                number_text = safe_string(to_excel(value, epoch))
                parts.append(f'<c {reference} t="n"><v>{number_text}</v></c>')
            elif kind is float:
                parts.append(f'<c {reference} t="n"><v>{safe_string(value)}</v></c>')
            elif kind is bool:
                parts.append(f'<c {reference} t="b"><v>{int(value)}</v></c>')
            else:
                return None
        parts.append("</row>")
        return "".join(parts)

    def _styled_cells(self, row: TableRow, number: int) -> list[WriteOnlyCell]:
        """The row as openpyxl cells with their styles (and its height), for openpyxl's own
        writer."""
        if row.height is not None:
            self.row_dimensions[number].height = row.height
        styles = self.parent._cell_styles
        cells = []
        for value, style in zip(row, row.styles, strict=False):
            cell = WriteOnlyCell(self, value)
            cell._style = copy(styles[style])
            cells.append(cell)
        return cells


_COLUMNS: list[str] = []


def _columns(count: int) -> list[str]:
    """The letters of the first `count` columns: A, B, …"""
    while len(_COLUMNS) < count:
        _COLUMNS.append(get_column_letter(len(_COLUMNS) + 1))
    return _COLUMNS
