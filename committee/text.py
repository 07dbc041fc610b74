"""Text normalisation: NFC storage form, the folded search key, and safe display."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Characters that must never reach a terminal or a stored record as they are: C0 controls
# (NUL, ESC…) other than tab and newline, DEL, C1 controls, and lone surrogates.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


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


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` safe to show on a terminal: every control character and lone surrogate is
    written as its escape ("\\x1b"), so stored text can never move the cursor, clear the
    screen or recolour it. Tab and newline are kept."""
    return CONTROL_CHARACTERS.sub(_visible, text)
