"""Rosters kept in Word: the tables of a .docx document as grids, read with python-docx.

A decision and its Danh sách are often one document: the decision's text, a page break,
"DANH SÁCH … (Kèm theo Quyết định số …)", then the roster as a table. Each top-level table
becomes a Grid whose first rows are the paragraphs above it (since the previous table, or
from the last paragraph starting with "Danh sách"), so the decision line is found as in a
sheet. A cell merged across columns is the same cell in each grid position of its row
(python-docx's row.cells); the cells continuing a vertical merge are those the bounded scan
of word/document.xml saw (python-docx gives them the merged cell's text). Fonts are read
from the runs, for text typed in a legacy encoding.

A Word 97-2003 file (.doc) is converted to .docx by LibreOffice when it is installed, in a
temporary folder and within a time limit; otherwise the message says to save it as .docx.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from committee.domain.errors import RosterError
from committee.domain.text import clean
from committee.libreoffice import ConversionFailed, convert
from committee.rosters.grid import Cell, Grid
from committee.rosters.layout import RosterLayout, layout_key, roster_layout
from committee.rosters.legacy_text import convert_cells
from committee.rosters.limits import FileKind, FileScan, WorkbookRefused, read_file
from committee.rosters.spreadsheets import bounded_contents, existing_file

if TYPE_CHECKING:  # python-docx is imported when a Word file is read (it takes 0,1 s)
    from docx.document import Document
    from docx.styles.style import BaseStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph

WORD_SUFFIXES = (".docx", ".doc")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# How long LibreOffice may take to convert one .doc, in seconds.
CONVERSION_SECONDS = 60
_SAVE_AS_DOCX = (
    "hãy mở tệp bằng Word hoặc LibreOffice, chọn Lưu thành (Save As) kiểu «Word Document "
    "(.docx)» rồi nhập tệp .docx đó"
)


def word_grids(path: Path) -> tuple[list[str], Iterator[Grid]]:
    """The tables of a Word roster ("Bảng 1", "Bảng 2"…) and each as a grid, in order."""
    path = existing_file(path, WORD_SUFFIXES, "tệp .docx hoặc .doc")
    if path.suffix.lower() == ".doc":
        data, scan = _converted(path)
    else:
        data, scan = bounded_contents(path, FileKind.WORD)
    document = _document(path, data)
    tables = len(document.tables)
    return [f"Bảng {n}" for n in range(1, tables + 1)], _grids(path, document, scan)


def _document(path: Path, data: bytes) -> Document:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on a damaged file
        raise RosterError(
            f"Tệp «{path}» không đọc được như một tài liệu Word (.docx): tệp bị hỏng, có mật "
            "khẩu hoặc không phải tài liệu Word.",
            path=path,
        ) from error


def _grids(path: Path, document: Document, scan: FileScan) -> Iterator[Grid]:
    from docx.text.paragraph import Paragraph

    layout = roster_layout()
    fonts = _Fonts(document)
    above: list[Paragraph] = []
    number = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if layout_key(block.text).startswith(layout.list_heading):
                above = []  # what came before the list's own heading is the decision's text
            if block.text.strip():
                above.append(block)
            continue
        number += 1
        continued = scan.continued[number - 1] if number <= len(scan.continued) else set()
        try:
            yield _grid(block, number, above, continued, fonts, layout)
        except RecursionError as error:  # python-docx follows a vertical merge recursively
            raise RosterError(
                "có ô gộp dọc qua quá nhiều dòng, không phải một bảng danh sách.",
                table=number,
                path=path,
            ) from error
        above = []


def _grid(
    table: Table,
    number: int,
    above: list[Paragraph],
    continued: set[Cell],
    fonts: _Fonts,
    layout: RosterLayout,
) -> Grid:
    cells: list[list[object]] = [[clean(paragraph.text)] for paragraph in above]
    font_of: dict[Cell, str] = {}
    for row, paragraph in enumerate(above):
        font = fonts.of_paragraphs([paragraph])
        if font:
            font_of[(row, 0)] = font
    first = len(cells)
    origins: dict[Cell, Cell] = {}
    for row_number, row in enumerate(table.rows):
        index = first + row_number
        line: list[object] = [""] * row.grid_cols_before
        previous = None
        for cell in row.cells:
            column = len(line)
            if cell is previous:  # a cell merged across: the same cell object again
                origins[(index, column)] = origins.get((index, column - 1), (index, column - 1))
                line.append(line[-1])
                continue
            previous = cell
            line.append(clean(cell.text))
            font = fonts.of_paragraphs(cell.paragraphs)
            if font:
                font_of[(index, column)] = font
        cells.append(line)
        for column in range(len(line)):
            if (row_number, column) in continued and index > first:
                origins[(index, column)] = origins.get((index - 1, column), (index - 1, column))
    notes = convert_cells(cells, _spread(font_of, origins), layout)
    return Grid(cells, origins, table=number, first_table_row=first, notes=notes)


def _spread(fonts: dict[Cell, str], origins: dict[Cell, Cell]) -> dict[Cell, str]:
    """The font of each merged cell's first position given to every position it covers
    (python-docx fills their text already)."""
    spread = dict(fonts)
    for cell, origin in origins.items():
        if origin in fonts:
            spread[cell] = fonts[origin]
    return spread


class _Fonts:
    """The font text is set in: a run's own, else its paragraph style's (or the style it is
    based on), else the document's Normal style's."""

    def __init__(self, document: Document) -> None:
        self.styles: dict[str, str | None] = {}
        try:
            self.default = document.styles["Normal"].font.name  # type: ignore[attr-defined]
        except KeyError:
            self.default = None

    def of_paragraphs(self, paragraphs: list[Paragraph]) -> str | None:
        for paragraph in paragraphs:
            for run in paragraph.runs:
                if run.text.strip():
                    return run.font.name or self._style(paragraph.style) or self.default
        return None

    def _style(self, style: BaseStyle | None) -> str | None:
        seen = 0
        while style is not None and seen < 16:
            name = getattr(getattr(style, "font", None), "name", None)
            if name:
                return name
            style = style.base_style
            seen += 1
        return None


# --- Word 97-2003 -------------------------------------------------------------------------------


def _converted(path: Path) -> tuple[bytes, FileScan]:
    """A .doc turned into .docx by LibreOffice, read within the limits like any .docx."""
    limits = roster_layout().limits
    try:
        data = read_file(path, limits)
    except WorkbookRefused as refused:
        raise RosterError(f"Tệp «{path}» {refused.message}.", path=path) from refused
    if not data.startswith(_OLE_MAGIC):
        if data.startswith(b"PK\x03\x04"):
            message = (
                "thực ra là tệp .docx (hoặc một tệp nén khác); hãy đổi đuôi tên tệp thành .docx"
            )
        else:
            message = "không phải tài liệu Word 97-2003 (.doc)"
        raise RosterError(f"Tệp «{path}» {message}.", path=path)
    with tempfile.TemporaryDirectory(prefix="bcd138-doc-") as folder:
        source = Path(folder) / "danh-sach.doc"
        source.write_bytes(data)
        try:
            result = convert(source, "docx", Path(folder), CONVERSION_SECONDS)
        except ConversionFailed as failed:
            raise RosterError(
                f"Tệp «{path}» là tài liệu Word 97-2003 (.doc), chưa đọc trực tiếp được: "
                f"{failed.reason}; {_SAVE_AS_DOCX}.",
                path=path,
            ) from failed
        return bounded_contents(path, FileKind.WORD, read_from=result)
