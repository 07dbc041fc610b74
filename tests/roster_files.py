"""Rosters written in each format the reader takes, for the tests: .xlsx with openpyxl,
.xls with xlwt, .ods with pandas (odfpy). `sheets` maps each sheet's name to its rows."""

from __future__ import annotations

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
