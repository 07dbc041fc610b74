"""Text typed in a pre-Unicode Vietnamese font (TCVN3, the ABC fonts .VnTime…; VNI),
converted to Unicode NFC on import.

Such a file holds the font's byte codes as Latin-1 letters: "Chñ tÞch UBND huyÖn" is
"Chủ tịch UBND huyện" drawn in .VnTime. A table's cells are converted where the file says
they are set in such a font (the fonts of its cells, where the format records them), and
else when its text reads as such an encoding. The tables and the detection are viparse's.
A cell that already holds Vietnamese Unicode letters is never converted. (viparse is
imported when first needed: it takes a tenth of a second, which a command reading no file
should not pay.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from committee.rosters.grid import Cell
from committee.rosters.layout import RosterLayout

# Letters of Vietnamese in Unicode beyond Latin-1 (ă â đ ơ ư and the toned vowels): the
# legacy encodings write only Latin-1 characters, so text holding one is Unicode already.
_UNICODE_VIETNAMESE = re.compile("[\u0100-\u024f\u1e00-\u1eff]")
_LATIN_1_LETTER = re.compile("[\u00a0-\u00ff]")
# Enough of a table's text for the content detection to judge it.
_SAMPLE_CHARACTERS = 20_000


@lru_cache(maxsize=256)
def font_encoding(font: str) -> str | None:
    """The legacy encoding a font name implies (".VnTime" → "tcvn3", "VNI-Times" → "vni")."""
    from viparse.normalize.detector import detect_encoding

    return detect_encoding([font]).encoding


def is_legacy_font(font: str) -> bool:
    return bool(font) and font_encoding(font) is not None


def _convertible(value: object) -> bool:
    return (
        isinstance(value, str)
        and _LATIN_1_LETTER.search(value) is not None
        and _UNICODE_VIETNAMESE.search(value) is None
    )


def convert_cells(
    cells: list[list[object]],
    fonts: Mapping[Cell, str] | Iterable[tuple[Cell, str]],
    layout: RosterLayout,
) -> tuple[str, ...]:
    """Convert in place the text cells of a table written in a legacy encoding; return the
    notes that say so ("đã chuyển mã TCVN3 → Unicode").

    `fonts` are the cells the file says are set in a legacy font, with the font; the rest
    of the table is converted when its text (the cells that could be legacy text) is
    detected as one encoding. viparse is imported only for a table that needs it."""
    converted: list[str] = []
    done: set[Cell] = set()
    pairs = fonts.items() if isinstance(fonts, Mapping) else fonts
    for (row, column), font in pairs:
        encoding = font_encoding(font)
        if encoding is None or row >= len(cells) or column >= len(cells[row]):
            continue
        value = cells[row][column]
        if not _convertible(value):
            continue
        assert isinstance(value, str)
        import viparse

        text = viparse.fix(value, encoding=encoding)
        if layout.uppercase_fonts.search(font.lower()):
            text = text.upper()  # .VnTimeH draws every letter as a capital
        cells[row][column] = text
        done.add((row, column))
        if encoding not in converted:
            converted.append(encoding)
    candidates = []
    unicode_cells = 0
    for row, line in enumerate(cells):
        for column, value in enumerate(line):
            if (row, column) in done or not isinstance(value, str):
                continue
            if _UNICODE_VIETNAMESE.search(value) is not None:
                unicode_cells += 1
            elif _LATIN_1_LETTER.search(value) is not None:
                candidates.append((row, column))
    # A Unicode sheet has a few cells with only Latin-1 letters ("Thanh Hà", "Ghi chú"):
    # the text is judged only when such cells outnumber those in Vietnamese Unicode.
    if len(candidates) > unicode_cells:
        import viparse

        sample: list[str] = []
        size = 0
        for row, column in candidates:
            text = str(cells[row][column])
            sample.append(text)
            size += len(text) + 1
            if size > _SAMPLE_CHARACTERS:
                break
        encoding = viparse.detect_text_encoding("\n".join(sample))
        if encoding in layout.encoding_names:
            for row, column in candidates:
                cells[row][column] = viparse.fix(str(cells[row][column]), encoding=encoding)
            if encoding not in converted:
                converted.append(encoding)
    return tuple(
        f"đã chuyển mã {layout.encoding_names.get(name, name.upper())} → Unicode"
        for name in converted
    )
