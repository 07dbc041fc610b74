"""Times New Roman 12 as the document font of an exported workbook: the one place where
bcd138 reaches into openpyxl's private parts.

The document font is font 0 and the font of the workbook's "Normal" style: unstyled cells
use it, and Excel and LibreOffice measure column widths in its digit width, which the
widths of committee/xlsx_style.py are computed in. openpyxl 3.1 has no public way to set
it: a Workbook starts with Calibri 11 (openpyxl.styles.fonts.DEFAULT_FONT); the Normal
style cannot be replaced (`add_named_style` refuses a name that exists) nor reached
(`Workbook.named_styles` lists names only); a template opened with `load_workbook` has its
own fonts but can never be a write-only workbook, which the province export is.
tests/test_export_safety.py shows each of these, and checks the font in the written file.

So `use_document_font` sets the two private attributes, after checking that they are what
it knows: an openpyxl that changes them makes the exports fail at once with a message that
says so, rather than quietly write Calibri.
"""

from __future__ import annotations

import openpyxl
from openpyxl import Workbook
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils.indexed_list import IndexedList

from committee.exports.xlsx_style import DEFAULT_SIZE, font

NORMAL_STYLE = "Normal"


class OpenpyxlChanged(RuntimeError):
    """openpyxl's insides are no longer the ones this module was written for."""


def use_document_font(workbook: Workbook) -> None:
    """Make Times New Roman 12 the document font of a new workbook (font 0 and the Normal
    style's font). Raises OpenpyxlChanged if openpyxl keeps them differently now."""
    fonts = getattr(workbook, "_fonts", None)
    styles = getattr(workbook, "_named_styles", None)
    names = getattr(styles, "names", None)
    if (
        not isinstance(fonts, IndexedList)
        or list(fonts) != [DEFAULT_FONT]
        or not isinstance(names, list)
        or NORMAL_STYLE not in names
    ):
        raise OpenpyxlChanged(
            f"openpyxl {openpyxl.__version__} keeps a workbook's fonts differently from "
            "openpyxl 3.1; committee/document_font.py needs updating."
        )
    document = font(DEFAULT_SIZE)
    workbook._fonts = IndexedList([document])
    styles[NORMAL_STYLE].font = document
