"""The look of exported workbooks: fonts, borders, page setup, and column widths that fit.

Administrative documents follow Nghị định 30/2020/NĐ-CP: Times New Roman, A4, margins
top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. Column widths are estimated from
the text itself (Times New Roman glyph widths), since Excel does not fit them on opening.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from committee.exports.xlsx_cells import WriteOnlySheet

FONT_NAME = "Times New Roman"

# Nghị định 30/2020/NĐ-CP, Phụ lục I: page margins in millimetres.
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
HEADER_FOOTER_MM = 10

# Every exported workbook has Times New Roman 12 as its default font
# (committee/document_font.py).
# One unit of column width is that font's digit width: 0.5 em = 6 pt = 8 px at 96 dpi,
# the same in Excel and in LibreOffice (whose Liberation Serif has the same metrics);
# about 5 px of each column is padding.
DEFAULT_SIZE = 12
_POINTS_PER_UNIT = DEFAULT_SIZE / 2
_PADDING_UNITS = 5 / 8
_IN_HAND = 0.94
# The printable width of A4 portrait between the margins above, in width units.
A4_PORTRAIT_UNITS = (210 - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 25.4 * 72 / _POINTS_PER_UNIT

THIN = Side(style="thin", color="000000")
THIN_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")
CENTRE_TOP = Alignment(wrap_text=True, horizontal="center", vertical="top")


def mm_to_inches(millimetres: float) -> float:
    return millimetres / 25.4


@cache
def font(
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    colour: str | None = None,
) -> Font:
    return Font(
        name=FONT_NAME,
        size=size,
        bold=bold,
        italic=italic,
        underline="single" if underline else None,
        color=colour,
    )


# Advance widths of Times New Roman (regular), in thousandths of an em; a letter with
# diacritics is as wide as its base letter.
# fmt: off
_WIDTHS = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (
            444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778,
            500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444,
            722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
            722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611,
        ),
        strict=True,
    )
) | {" ": 250, ",": 250, ".": 250, ";": 278, ":": 278, "/": 278, "-": 333, "(": 333, ")": 333}
# fmt: on
_WIDTHS["đ"] = _WIDTHS["d"]
_WIDTHS["Đ"] = _WIDTHS["D"]


@cache
def _glyph_em(char: str) -> float:
    """Advance width of a Times New Roman glyph, in em."""
    base = unicodedata.normalize("NFD", char)[0]
    if base.isdigit():
        return 0.5
    return _WIDTHS.get(base, 500) / 1000


@lru_cache(maxsize=16384)
def text_points(text: str, size: float, bold: bool = False) -> float:
    """Estimated printed width of one line of `text`, in points. Exports repeat the same
    texts (unit names, results, the plan's sentences), hence the cache."""
    ems = sum(map(_glyph_em, unicodedata.normalize("NFC", text)))
    return ems * size * (1.06 if bold else 1.0)


def cell_room(width_units: float) -> float:
    """The points of text a cell `width_units` wide is counted to hold on a line. A little
    is kept in hand: an estimate too short would cut text off in print."""
    return (width_units - _PADDING_UNITS) * _POINTS_PER_UNIT * _IN_HAND


def text_units(text: str, size: float, bold: bool = False) -> float:
    """Column width (Excel units) that holds `text` on one line."""
    return text_points(text, size, bold) / (_POINTS_PER_UNIT * _IN_HAND) + _PADDING_UNITS


@lru_cache(maxsize=16384)
def line_count(text: str, width_units: float, size: float, bold: bool = False) -> int:
    """How many lines `text` takes when wrapped in a cell `width_units` wide."""
    room = max(cell_room(width_units), 1.0) + 1e-6  # text exactly as wide as the room fits
    lines = 0
    for paragraph in str(text).split("\n"):
        line = 0.0
        lines += 1
        for word in paragraph.split(" "):
            word_points = text_points(word, size, bold)
            space = text_points(" ", size, bold) if line else 0.0
            if line and line + space + word_points > room:
                lines += 1
                line = word_points
            else:
                line += space + word_points
            while line > room:  # a word longer than the cell breaks across lines
                lines += 1
                line -= room
    return max(lines, 1)


def break_in_two(
    text: str, room: float, size: float, bold: bool = False, before: Sequence[str] = ()
) -> str:
    """`text` as it is when it fits on a line `room` points wide, else with one line break
    between two words: before the first word of `before` that leaves both lines fitting,
    else where the two lines come out most even. Never one word alone on a line."""
    if text_points(text, size, bold) <= room or "\n" in text:
        return text
    words = text.split(" ")
    if len(words) < 4:
        return text
    cuts = range(2, len(words) - 1)  # at least two words on each line

    def halves(cut: int) -> tuple[float, float]:
        return (
            text_points(" ".join(words[:cut]), size, bold),
            text_points(" ".join(words[cut:]), size, bold),
        )

    for word in before:
        for cut in cuts:
            if words[cut] == word and max(halves(cut)) <= room:
                return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])
    cut = min(cuts, key=lambda cut: abs(halves(cut)[0] - halves(cut)[1]))
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


MAX_ROW_HEIGHT = 409.0  # points: the tallest row Excel opens


def row_height(lines: int, size: float) -> float:
    """Row height in points for `lines` lines of text in `size` points (at most the
    tallest row a worksheet can have)."""
    return min(round(lines * size * 1.2 + 4, 1), MAX_ROW_HEIGHT)


def fitted_widths(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    size: float,
    limits: Sequence[tuple[float, float]],
) -> list[float]:
    """Column widths that fit the headers (bold) and the longest values, each kept within
    its (least, most) limits; text longer than the most wraps."""
    widths = [text_units(header, size, bold=True) for header in headers]
    distinct: list[set[object]] = [set() for _ in headers]  # tables repeat their values
    for row in rows:
        for index, value in enumerate(row):
            if value is not None and value != "":
                distinct[index].add(value)
    for index, values in enumerate(distinct):
        most = limits[index][1]
        for value in values:
            widths[index] = max(widths[index], text_units(display_text(value), size))
            if widths[index] + 0.5 >= most:
                break  # as wide as the column may be: longer text wraps
    return [
        round(min(max(width + 0.5, least), most), 1)
        for width, (least, most) in zip(widths, limits, strict=True)
    ]


def display_text(value: object) -> str:
    """A value as a reader sees it in a cell; dates as dd/mm/yyyy."""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def set_column_widths(worksheet: Worksheet | WriteOnlySheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width


def set_up_page(
    worksheet: Worksheet | WriteOnlySheet,
    *,
    landscape: bool,
    title_rows: str | None,
    page_number_size: float = 13,
) -> None:
    """A4, the NĐ 30 margins, fitted to one page wide, the table header repeated on each
    page, and the page number at the top centre from the second page on."""
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    worksheet.page_setup.orientation = "landscape" if landscape else "portrait"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.page_setup.firstPageNumber = 1  # each sheet is numbered on its own
    worksheet.page_setup.useFirstPageNumber = True
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = worksheet.page_margins
    margins.top = mm_to_inches(MARGIN_TOP_MM)
    margins.bottom = mm_to_inches(MARGIN_BOTTOM_MM)
    margins.left = mm_to_inches(MARGIN_LEFT_MM)
    margins.right = mm_to_inches(MARGIN_RIGHT_MM)
    margins.header = mm_to_inches(HEADER_FOOTER_MM)
    margins.footer = mm_to_inches(HEADER_FOOTER_MM)
    worksheet.print_options.horizontalCentered = True
    if title_rows is not None:
        worksheet.print_title_rows = title_rows
    worksheet.HeaderFooter.differentFirst = True
    worksheet.oddHeader.center.text = "&P"
    worksheet.oddHeader.center.font = f"{FONT_NAME},Regular"
    worksheet.oddHeader.center.size = page_number_size
