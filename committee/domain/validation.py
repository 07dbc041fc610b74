"""Field rules for what a clerk types or a roster holds: decision numbers, dates, names.

Each check returns the value in its stored form or raises InvalidInput naming the field.
The forms, the command line and the roster reader all call these, so one rule holds
everywhere. Free text (titles, duties, notes, phone numbers) needs no check of its own:
committee.domain.text.clean() gives its stored form.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from committee.domain.dates import format_date
from committee.domain.errors import InvalidInput
from committee.domain.text import ControlCharacterError, clean, clean_strict, printable

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


def person_name(value: str, field: str = "name") -> str:
    """A person's full name: not empty, no digits (a number or a date is no name), no
    control character."""
    name = _strict(value, field, "Họ và tên")
    if not name:
        raise InvalidInput(field, "Chưa nhập họ và tên.")
    if any(ch.isdigit() for ch in name):
        raise InvalidInput(field, f"Họ và tên «{name}» có chữ số; hãy kiểm tra lại.")
    return name


def signer(value: str, field: str = "signer") -> str:
    """The name of who signed a document, as written ("Nguyễn Văn A", "KT. Chủ tịch …");
    may be empty; no control character."""
    return _strict(value, field, "Người ký")
