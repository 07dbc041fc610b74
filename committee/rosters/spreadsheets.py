"""Opening a roster file within the reading limits, and a spreadsheet's sheets as grids.

Every file is first read with a size cap and scanned against the limits of
data/roster_layout.toml (committee.rosters.limits) before a parser sees it. A spreadsheet
(.xlsx, .xls, .ods) is then read with python-calamine: each worksheet, visible ones first,
becomes a Grid with its merged cells filled in (calamine's merged ranges for .xlsx and .xls,
the scan's for .ods) and its legacy-encoded text converted.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from committee.domain.errors import RosterError
from committee.rosters.grid import Grid, column_letter, fill_merges
from committee.rosters.layout import roster_layout
from committee.rosters.legacy_text import convert_cells, is_legacy_font
from committee.rosters.limits import FileKind, FileScan, WorkbookRefused, check_file, read_file

SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods")


def existing_file(path: Path, suffixes: tuple[str, ...], kinds: str) -> Path:
    """`path` when it is a file with one of `suffixes`; else RosterError saying which
    `kinds` of file are read ("tệp .xlsx, .xls hoặc .ods")."""
    path = Path(path)
    if not path.exists():
        raise RosterError(f"Không tìm thấy tệp «{path}».", path=path)
    if not path.is_file():
        raise RosterError(f"«{path}» không phải một tệp bảng tính.", path=path)
    if path.suffix.lower() not in suffixes:
        raise RosterError(
            f"Tệp «{path}» không phải loại tệp danh sách đọc được; hãy dùng {kinds}.", path=path
        )
    return path


def bounded_contents(
    path: Path, kind: FileKind, *, read_from: Path | None = None
) -> tuple[bytes, FileScan]:
    """The bytes of `path` (or of `read_from`, a copy made of it) and what the scan
    gathered, once the file is within the limits; RosterError naming `path` (and the
    sheet, row and column) when it is not."""
    limits = roster_layout().limits
    try:
        data = read_file(read_from or path, limits)
        return data, check_file(data, limits, kind, keep_font=is_legacy_font)
    except WorkbookRefused as refused:
        if refused.sheet is None:
            raise RosterError(f"Tệp «{path}» {refused.message}.", path=path) from refused
        column = column_letter(refused.column) if refused.column is not None else None
        raise RosterError(
            f"{refused.message} (tệp «{path}»).",
            sheet=refused.sheet,
            row=refused.row,
            column=column,
            path=path,
        ) from refused


def _calamine(path: Path, data: bytes) -> CalamineWorkbook:
    try:
        # From the bytes, so the format is recognised by content (an .xls saved as .xlsx).
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # calamine's errors, and a Rust panic (a BaseException)
        raise RosterError(
            f"Tệp «{path}» không đọc được như một bảng tính (.xlsx, .xls, .ods): tệp bị hỏng, "
            "có mật khẩu hoặc không phải bảng tính.",
            path=path,
        ) from error


def open_workbook(path: Path) -> CalamineWorkbook:
    """Open a spreadsheet file (.xlsx, .xls, .ods) for reading; RosterError when it cannot be.

    The file is first checked against the reading limits of data/roster_layout.toml
    (committee.rosters.limits): every sheet of the workbook returned can be read whole
    within bounded memory and time.
    """
    path = existing_file(path, SPREADSHEET_SUFFIXES, "tệp .xlsx, .xls hoặc .ods")
    data, _ = bounded_contents(path, FileKind.SPREADSHEET)
    return _calamine(path, data)


def sheet_order(workbook: CalamineWorkbook) -> list[str]:
    """Worksheets in workbook order, visible ones before hidden ones."""
    sheets = [meta for meta in workbook.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet]
    visible = [meta.name for meta in sheets if meta.visible == SheetVisibleEnum.Visible]
    return visible + [meta.name for meta in sheets if meta.visible != SheetVisibleEnum.Visible]


def spreadsheet_grids(path: Path, suffixes: tuple[str, ...]) -> tuple[list[str], Iterator[Grid]]:
    """The worksheet names of a spreadsheet roster, and its sheets as grids, one at a time."""
    path = existing_file(path, suffixes, _accepted(suffixes))
    data, scan = bounded_contents(path, FileKind.SPREADSHEET)
    workbook = _calamine(path, data)
    names = sheet_order(workbook)
    return names, _grids(path, workbook, names, scan)


def _accepted(suffixes: tuple[str, ...]) -> str:
    *first, last = suffixes
    return f"tệp {', '.join(first)} hoặc {last}" if first else f"tệp {last}"


def _grids(
    path: Path, workbook: CalamineWorkbook, names: list[str], scan: FileScan
) -> Iterator[Grid]:
    layout = roster_layout()
    for name in names:
        try:
            sheet = workbook.get_sheet_by_name(name)
            cells = sheet.to_python(skip_empty_area=False)
            ranges = sheet.merged_cell_ranges
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # calamine's errors, and a Rust panic
            raise RosterError("trang tính không đọc được.", sheet=name, path=path) from error
        notes = convert_cells(cells, scan.fonts.get(name, {}), layout)
        try:
            origins = fill_merges(
                cells,
                ranges if ranges is not None else scan.merges.get(name, []),
                layout.limits.cells,
            )
        except WorkbookRefused as refused:
            raise RosterError(f"{refused.message}.", sheet=name, path=path) from refused
        yield Grid(cells, origins, sheet=name, notes=notes)
