"""Text as an Office file can hold it, for the workbooks (committee/exports/xlsx_cells.py)
and the Word documents alike: XML 1.0 has no place for control characters, the
non-characters U+FFFE and U+FFFF, or a lone surrogate."""

from __future__ import annotations

import re

from committee.domain.text import CONTROL_CHARACTERS

_UNFIT = re.compile(f"(?:{CONTROL_CHARACTERS.pattern})|[\ufffe\uffff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def _replacement(match: re.Match[str]) -> str:
    return "\ufffd" if _SURROGATES.match(match.group()) else ""


def xml_text(text: str) -> str:
    """`text` with tab and newline kept, other control characters and non-characters
    dropped, and each lone surrogate replaced by U+FFFD."""
    if _UNFIT.search(text):
        return _UNFIT.sub(_replacement, text)
    return text
