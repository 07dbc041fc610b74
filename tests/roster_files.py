"""Rosters written in each format the reader takes, for the tests: .xlsx with openpyxl,
.xls with xlwt, .ods with pandas (odfpy). `sheets` maps each sheet's name to its rows."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pandas as pd
import xlwt

Cell = object
Rows = Sequence[Sequence[Cell]]


def write_xlsx(path: Path, sheets: dict[str, Rows]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value not in (None, ""):
                    sheet.cell(row=r, column=c, value=value)
    workbook.save(path)
    return path


def write_xls(path: Path, sheets: dict[str, Rows]) -> Path:
    workbook = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = workbook.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value not in (None, ""):
                    sheet.write(r, c, value)
    workbook.save(str(path))
    return path


def write_ods(path: Path, sheets: dict[str, Rows]) -> Path:
    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in sheets.items():
            width = max((len(row) for row in rows), default=1)
            padded = [
                [None if v == "" else v for v in row] + [None] * (width - len(row)) for row in rows
            ]
            frame = pd.DataFrame(padded, dtype=object)
            frame.to_excel(writer, sheet_name=name, header=False, index=False)
    return path


WRITERS: dict[str, Callable[[Path, dict[str, Rows]], Path]] = {
    "xlsx": write_xlsx,
    "xls": write_xls,
    "ods": write_ods,
}


# --- merged cells, fonts and Word documents (issue 12) ------------------------------------------

Merges = Sequence[str]  # Excel ranges, "A10:E10"


def cell_range(text: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """ "B2:C4" → ((1, 1), (3, 2)), 0-based."""
    first, _, last = text.partition(":")
    return _cell(first), _cell(last or first)


def _cell(text: str) -> tuple[int, int]:
    letters = "".join(ch for ch in text if ch.isalpha())
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(text[len(letters) :]) - 1, column - 1


def write_xlsx_shaped(
    path: Path, rows: Rows, merges: Merges = (), font: str | None = None, sheet: str = "Danh sách"
) -> Path:
    """An .xlsx with merged ranges, every written cell in `font` if given."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value not in (None, ""):
                cell = worksheet.cell(row=r, column=c, value=value)
                if font is not None:
                    cell.font = openpyxl.styles.Font(name=font)
    for merged in merges:
        worksheet.merge_cells(merged)
    workbook.save(path)
    return path


def write_xls_shaped(
    path: Path, rows: Rows, merges: Merges = (), font: str | None = None, sheet: str = "Danh sách"
) -> Path:
    """An .xls with merged ranges (xlwt's write_merge), every cell in `font` if given."""
    workbook = xlwt.Workbook(encoding="utf-8")
    worksheet = workbook.add_sheet(sheet)
    style = xlwt.easyxf(f"font: name {font}") if font is not None else xlwt.Style.default_style
    dates = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    firsts = {}
    covered = set()
    for merged in merges:
        (top, left), (bottom, right) = cell_range(merged)
        firsts[(top, left)] = (bottom, right)
        covered |= {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell_style = dates if isinstance(value, datetime.date) else style
            if (r, c) in firsts:
                bottom, right = firsts[(r, c)]
                worksheet.write_merge(r, bottom, c, right, value, cell_style)
            elif (r, c) not in covered and value not in (None, ""):
                worksheet.write(r, c, value, cell_style)
    workbook.save(str(path))
    return path


def write_ods_shaped(
    path: Path, rows: Rows, merges: Merges = (), font: str | None = None, sheet: str = "Danh sách"
) -> Path:
    """An .ods written with odfpy: merged ranges as table:number-rows/columns-spanned with
    covered cells, every text cell in `font` (a style:font-face) if given."""
    from datetime import date, datetime

    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import FontFace, Style, TextProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    cell_style = None
    if font is not None:
        document.fontfacedecls.addElement(FontFace(name=font, fontfamily=font))
        cell_style = Style(name="legacy", family="table-cell")
        cell_style.addElement(TextProperties(fontname=font))
        document.automaticstyles.addElement(cell_style)
    spans = {}
    covered = set()
    for merged in merges:
        (top, left), (bottom, right) = cell_range(merged)
        spans[(top, left)] = (bottom - top + 1, right - left + 1)
        covered |= {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
    table = Table(name=sheet)
    width = max((len(row) for row in rows), default=1)
    width = max([width, *[c + s[1] for (_, c), s in spans.items()]])
    for r, row in enumerate(rows):
        line = TableRow()
        for c in range(width):
            value = row[c] if c < len(row) else None
            if (r, c) in covered and (r, c) not in spans:
                line.addElement(CoveredTableCell())
                continue
            attributes: dict[str, object] = {}
            if (r, c) in spans:
                attributes["numberrowsspanned"] = spans[(r, c)][0]
                attributes["numbercolumnsspanned"] = spans[(r, c)][1]
            if isinstance(value, datetime | date):
                day = value.date() if isinstance(value, datetime) else value
                cell = TableCell(valuetype="date", datevalue=day.isoformat(), **attributes)
                cell.addElement(P(text=day.isoformat()))
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cell = TableCell(valuetype="float", value=value, **attributes)
                cell.addElement(P(text=str(value)))
            elif value not in (None, ""):
                if cell_style is not None:
                    attributes["stylename"] = cell_style
                cell = TableCell(valuetype="string", **attributes)
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(**attributes)
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


SHAPED_WRITERS: dict[str, Callable[..., Path]] = {
    "xlsx": write_xlsx_shaped,
    "xls": write_xls_shaped,
    "ods": write_ods_shaped,
}


def typed_in(text: str, charmap) -> str:  # noqa: ANN001
    """`text` as a legacy font types it (viparse's table read backwards); a capital the
    font has no form for is typed as its small letter, as a clerk had to."""
    typed = {unicode: legacy for legacy, unicode in reversed(charmap.pairs)}
    return "".join(typed.get(char) or typed.get(char.lower(), char) for char in text)


def write_docx(
    path: Path,
    table: Rows,
    *,
    before: Sequence[str] = (),
    merges: Merges = (),
    font: str | None = None,
    title_block: bool = True,
    after: bool = True,
) -> Path:
    """A decision kept in Word: its text (`before`), a page break, then the Danh sách: a
    title-block table, the heading and decision line (the first of `table`'s rows that
    hold one cell), the roster table with `merges` (Excel ranges on the table's rows), and
    the signer's table under it. Every run in `font` if given."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()

    def paragraph(text: str) -> None:
        run = document.add_paragraph().add_run(text)
        if font is not None:
            run.font.name = font

    for text in before:
        paragraph(text)
    if before:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if title_block:
        block = document.add_table(rows=2, cols=2)
        for (r, c), text in {
            (0, 0): "ỦY BAN NHÂN DÂN",
            (0, 1): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            (1, 0): "HUYỆN THANH HÀ",
            (1, 1): "Độc lập - Tự do - Hạnh phúc",
        }.items():
            block.cell(r, c).text = text
    lines = [row for row in table if len(row) == 1]
    rows = [row for row in table if len(row) != 1]
    for (text,) in lines:
        paragraph(str(text))
    width = max(len(row) for row in rows)
    grid = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c in range(width):
            value = row[c] if c < len(row) else ""
            if value not in (None, ""):
                cell = grid.cell(r, c)
                run = cell.paragraphs[0].add_run(str(value))
                if font is not None:
                    run.font.name = font
    for merged in merges:
        (top, left), (bottom, right) = cell_range(merged)
        grid.cell(top, left).merge(grid.cell(bottom, right))  # the others are empty
    if after:
        document.add_paragraph()  # Word keeps a paragraph between two tables
        signer = document.add_table(rows=2, cols=2)
        signer.cell(0, 0).text = "Nơi nhận:"
        signer.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN"
        signer.cell(1, 1).text = "CHỦ TỊCH"
    document.save(str(path))
    return path
