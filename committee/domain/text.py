"""Text normalisation: the stored form of text, the folded search key, and safe display.

Text is cleaned where it enters (the roster reader, the forms, the command line):

- clean() gives the stored form of any free text (titles, duties, notes, phone numbers,
  issuers): NFC, control characters and invisible formatting removed, white space folded.
- clean_strict() is for names and numbers, where a hidden character would silently make
  a different name: a control character is refused (ControlCharacterError), not removed.

printable() is for the way out: whatever reaches a terminal is escaped.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Characters that must never reach a terminal or a stored record as they are: C0 controls
# (NUL, ESC…) other than tab and newline, DEL, C1 controls, and lone surrogates.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

# Line breaks other than "\n": carriage return (a cell written on Windows), vertical tab (a
# line break pasted from Word) and form feed. Like "\n" and tab they are read as a space.
_LINE_BREAKS = "\v\f\r"

# The control characters that are not line breaks: never legitimate in a cell or a form.
_STRAY_CONTROLS = re.compile(f"(?![{_LINE_BREAKS}]){CONTROL_CHARACTERS.pattern}")

# Invisible formatting that copy and paste brings along and that is never part of
# Vietnamese text: bidi marks, embeddings, overrides and isolates (which can make text show
# in another order than it is stored), the zero-width space and the byte order mark.
INVISIBLE_FORMATTING = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

_REMOVED = re.compile(f"{_STRAY_CONTROLS.pattern}|{INVISIBLE_FORMATTING.pattern}")


class ControlCharacterError(ValueError):
    """A control character where none may be; `character` is the first one found."""

    def __init__(self, character: str) -> None:
        self.character = character
        super().__init__(
            f"có ký tự điều khiển {describe_character(character)} (ký tự ẩn, không in được)"
        )


def describe_character(character: str) -> str:
    """How a message names a character that cannot be shown: U+001B."""
    return f"U+{ord(character):04X}"


def clean(text: object) -> str:
    """The stored form of any text: NFC, control characters (other than line breaks and
    tabs, which become spaces) and invisible formatting removed, runs of white space folded
    to one space and the ends trimmed."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    kept = _REMOVED.sub("", str(text))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", kept)).strip()


def clean_lines(text: object) -> str:
    """clean() line by line, for text whose lines matter (duties): each line cleaned, empty
    lines dropped, the lines joined with "\n"."""
    if text is None:
        return ""
    lines = (clean(line) for line in re.split(f"[\n{_LINE_BREAKS}]", str(text)))
    return "\n".join(line for line in lines if line)


def control_character(text: str) -> str | None:
    """The first control character clean() would remove from `text`, or None."""
    found = _STRAY_CONTROLS.search(text)
    return found.group() if found is not None else None


def clean_strict(text: object) -> str:
    """clean(), but a control character is refused instead of removed: for names and
    numbers. Raises ControlCharacterError."""
    if isinstance(text, str) and (found := control_character(text)) is not None:
        raise ControlCharacterError(found)
    return clean(text)


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
