"""The floors of the end-to-end measurements (benchmarks/e2e.py): the least a fresh
process must do to give the clerk what a command gives, with nothing of bcd138 in it.

    python -m benchmarks.floors fetch DATABASE SQL_FILE
    python -m benchmarks.floors import-raw ROSTER.xlsx SCRATCH.sqlite
    python -m benchmarks.floors xlsx-raw CELLS.json OUT.xlsx
    python -m benchmarks.floors xlsx-openpyxl CELLS.json OUT.xlsx
    python -m benchmarks.floors bare-ui ROWS.json

Each imports only what it uses, inside its function. These are measuring instruments,
not product code: `xlsx-raw` writes SpreadsheetML by hand, which bcd138 must not do.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def fetch(database: str, sql_file: str) -> None:
    """The rows `bcd138 check` reads, fetched with sqlite3 (the same SQL)."""
    import sqlite3

    connection = sqlite3.connect(database)
    try:
        connection.execute(Path(sql_file).read_text(encoding="utf-8")).fetchall()
    finally:
        connection.close()


def import_raw(roster: str, scratch: str) -> None:
    """Read the roster's sheet with python-calamine and insert its rows with sqlite3, in
    one transaction, with the settings bcd138 connects with."""
    import sqlite3

    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(roster).get_sheet_by_index(0).to_python()
    width = max(len(row) for row in rows)
    connection = sqlite3.connect(scratch)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        columns = ", ".join(f"c{index}" for index in range(width))
        connection.execute(f"CREATE TABLE IF NOT EXISTS roster_line ({columns})")
        marks = ", ".join("?" for _ in range(width))
        with connection:
            connection.executemany(
                f"INSERT INTO roster_line VALUES ({marks})",
                [[str(value) for value in row] + [""] * (width - len(row)) for row in rows],
            )
    finally:
        connection.close()


def _cells(path: str) -> dict[str, list[list[Any]]]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>{sheets}</Types>'
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx_raw(cells_file: str, out: str) -> None:
    """The same cells as SpreadsheetML written directly (inline strings), zipped."""
    import zipfile

    sheets = _cells(cells_file)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        names = list(sheets)
        archive.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES.format(
                sheets="".join(_SHEET_TYPE.format(n=n) for n in range(1, len(names) + 1))
            ),
        )
        archive.writestr("_rels/.rels", _ROOT_RELS)
        entries = "".join(
            f'<sheet name="{_escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
            for n, name in enumerate(names, start=1)
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook '
            f'xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets>{entries}</sheets></workbook>',
        )
        links = "".join(
            f'<Relationship Id="rId{n}" Type="{_RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(names) + 1)
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{links}'
            "</Relationships>",
        )
        for n, name in enumerate(names, start=1):
            parts = [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<worksheet xmlns="{_MAIN}"><sheetData>'
            ]
            for r, row in enumerate(sheets[name], start=1):
                parts.append(f'<row r="{r}">')
                for c, value in enumerate(row):
                    if value is None or value == "":
                        continue
                    ref = f"{_column(c)}{r}"
                    if isinstance(value, bool) or not isinstance(value, int | float):
                        text = _escape(str(value))
                        parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
                    else:
                        parts.append(f'<c r="{ref}"><v>{value}</v></c>')
                parts.append("</row>")
            parts.append("</sheetData></worksheet>")
            archive.writestr(f"xl/worksheets/sheet{n}.xml", "".join(parts))


def xlsx_openpyxl(cells_file: str, out: str) -> None:
    """The same cells through openpyxl's write-only mode, a row at a time (no styles)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, rows in _cells(cells_file).items():
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(row)
    workbook.save(out)


def bare_app(rows: list[list[str]] | None = None):  # type: ignore[no-untyped-def]
    """A Textual app with the main screen's widget types, its roster table holding `rows`
    (none: empty)."""
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, Vertical
    from textual.widgets import DataTable, Footer, Header, Input, Label, Static, Tree

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            with Horizontal():
                with Vertical():
                    yield Input()
                    yield Tree("x")
                    yield Static("")
                with Vertical():
                    yield Static("")
                    yield DataTable(id="roster")
                    yield Label("")
                    yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            if rows:
                table = self.query_one("#roster", DataTable)
                table.add_columns(*(f"c{index}" for index in range(len(rows[0]))))
                table.add_rows(rows)

    return BareApp()


def bare_ui(rows_file: str) -> None:
    """The bare app in the terminal, its table filled with the roster's rows, until quit."""
    bare_app(json.loads(Path(rows_file).read_text(encoding="utf-8"))).run()


FLOORS = {
    "fetch": fetch,
    "import-raw": import_raw,
    "xlsx-raw": xlsx_raw,
    "xlsx-openpyxl": xlsx_openpyxl,
    "bare-ui": bare_ui,
}

if __name__ == "__main__":
    FLOORS[sys.argv[1]](*sys.argv[2:])
