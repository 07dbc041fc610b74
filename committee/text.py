"""Text normalisation: NFC storage form and the folded search key."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(text: object) -> str:
    """NFC form with runs of white space folded to one space and the ends trimmed."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def fold(text: object) -> str:
    """Search key: no diacritics, lower case, đ→d, single spaces.

    "Nguyễn Văn Hùng" and "nguyen  van hung" fold to the same key.
    """
    decomposed = unicodedata.normalize("NFD", clean(text).lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
