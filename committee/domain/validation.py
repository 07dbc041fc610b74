"""Field rules for what a clerk types or a roster holds: decision numbers, dates, names.

Each check returns the value in its stored form or raises InvalidInput naming the field.
The forms, the command line and the roster reader all call these, so one rule holds
everywhere. Free text (titles, notes) needs no check of its own beyond its stored length:
committee.domain.text.clean() gives its stored form; duties keep their lines (duties()).
Names refuse what no name holds: control characters, emoji and pictographs, and more than
their column stores (committee.domain.field_limits); a phone number is digits, spaces and
"+", ".", "-".
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from committee.domain import field_limits
from committee.domain.dates import format_date
from committee.domain.errors import InvalidInput
from committee.domain.text import ControlCharacterError, clean, clean_lines, clean_strict, printable

# "1234/QĐ-UBND", "01/QĐ-BCĐ", "15/2023/QĐ-UBND"
_NUMBER = re.compile(r"^[0-9]+(?:/[0-9]{4})?/[A-ZĐ][A-ZĐ0-9&.]*(?:-[A-ZĐ0-9&.]+)*$")
_QD = re.compile(r"(?<![A-ZĐ])QD(?![A-ZĐ])")

# No Ban Chỉ đạo decision, nor any document of the state it belongs to, is older than the
# Democratic Republic of Viet Nam: an earlier date ("01/01/0001") is a typing error.
EARLIEST_DOCUMENT_DATE = date(1945, 9, 2)


def _strict(value: object, field: str, what: str) -> str:
    """clean_strict(), the refusal worded for the field."""
    try:
        return clean_strict(value)
    except ControlCharacterError as error:
        shown = printable(" ".join(str(value).split()))
        raise InvalidInput(field, f"{what} «{shown}» {error}; hãy gõ lại.") from error


def decision_number(value: str, field: str = "number") -> str:
    """Stored form of a document number: capitals, "QĐ" for "QD", no spaces, and the
    compatibility forms of characters (full-width "２", "／") read as the plain ones."""
    text = unicodedata.normalize("NFKC", _strict(value, field, "Số quyết định"))
    text = unicodedata.normalize("NFC", text.upper().replace(" ", ""))
    text = _QD.sub("QĐ", text)
    if not text:
        raise InvalidInput(field, "Chưa nhập số quyết định (ví dụ 1234/QĐ-UBND).")
    if not _NUMBER.match(text):
        raise InvalidInput(
            field,
            f"Số quyết định «{clean(value)}» không đúng dạng <số>/<ký hiệu>, ví dụ 1234/QĐ-UBND.",
        )
    return text


def optional_decision_number(value: str | None, field: str) -> str | None:
    return decision_number(value, field) if value is not None and clean(value) else None


def past_date(value: date | None, field: str, label: str, today: date | None = None) -> date | None:
    """A date a document can carry: not in the future and not before
    EARLIEST_DOCUMENT_DATE (None stays None)."""
    if value is None:
        return None
    if value > (today or date.today()):
        raise InvalidInput(field, f"{label} {format_date(value)} ở tương lai; hãy kiểm tra lại.")
    if value < EARLIEST_DOCUMENT_DATE:
        raise InvalidInput(
            field,
            f"{label} {format_date(value)} trước ngày {format_date(EARLIEST_DOCUMENT_DATE)}, "
            "không thể là ngày của một văn bản; hãy kiểm tra lại.",
        )
    return value


# Emoji and pictographs: symbols ("So": ☎, 😀, 🏛), the emoji variation selector and the
# zero-width joiner that glue emoji together, and the regional indicators of flags.
_PICTOGRAPH_JOINERS = {"\ufe0f", "\u200d"}
_PHONE = re.compile(r"^[0-9 +.\-]*$")


def pictograph(text: str) -> str | None:
    """The first emoji or pictograph in `text`, or None."""
    for ch in text:
        if unicodedata.category(ch) == "So" or ch in _PICTOGRAPH_JOINERS:
            return ch
    return None


def _name_like(value: str, field: str, what: str, limit: int) -> str:
    """A name as written: no control character, no emoji, at most `limit` characters."""
    name = _strict(value, field, what)
    found = pictograph(name)
    if found is not None:
        raise InvalidInput(
            field, f"{what} «{name}» có ký tự biểu tượng «{found}» (emoji); hãy gõ lại bằng chữ."
        )
    return field_limits.within_limit(name, limit, field, what)


def person_name(value: str, field: str = "name") -> str:
    """A person's full name: not empty, no digits (a number or a date is no name), no
    control character, no emoji, at most field_limits.PERSON_NAME characters."""
    name = _name_like(value, field, "Họ và tên", field_limits.PERSON_NAME)
    if not name:
        raise InvalidInput(field, "Chưa nhập họ và tên.")
    if any(ch.isdigit() for ch in name):
        raise InvalidInput(field, f"Họ và tên «{name}» có chữ số; hãy kiểm tra lại.")
    return name


def signer(value: str, field: str = "signer") -> str:
    """The name of who signed a document, as written ("Nguyễn Văn A", "KT. Chủ tịch …");
    may be empty; no control character, no emoji, at most field_limits.SIGNER characters."""
    return _name_like(value, field, "Người ký", field_limits.SIGNER)


def phone(value: str, field: str = "phone") -> str:
    """A phone number: digits, spaces, "+", "." and "-" ("0912 345 678", "+84.220.3851"),
    at most field_limits.PHONE characters; may be empty."""
    text = clean(value)
    if not _PHONE.match(text):
        wrong = next(ch for ch in text if not _PHONE.match(ch))
        raise InvalidInput(
            field,
            f"Số điện thoại «{printable(text)}» có «{printable(wrong)}»; chỉ gồm chữ số, "
            "dấu cách và + . -",
        )
    return field_limits.within_limit(text, field_limits.PHONE, field, "Số điện thoại")


def duties(value: str) -> str:
    """Duties as typed, in their stored form: several lines kept, each cleaned."""
    return clean_lines(value)
