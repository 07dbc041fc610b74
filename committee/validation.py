"""Field rules for what a clerk types: decision numbers, dates, names.

Each check returns the value in its stored form or raises InvalidInput naming the field.
"""

from __future__ import annotations

import re
from datetime import date

from committee.errors import InvalidInput
from committee.text import clean

# "1234/QĐ-UBND", "01/QĐ-BCĐ", "15/2023/QĐ-UBND"
_NUMBER = re.compile(r"^\d+(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9&.]*(?:-[A-ZĐ0-9&.]+)*$")
_QD = re.compile(r"(?<![A-ZĐ])QD(?![A-ZĐ])")


def decision_number(value: str, field: str = "number") -> str:
    """Stored form of a document number: capitals, "QĐ" for "QD", no spaces."""
    text = clean(value).upper().replace(" ", "")
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
    """A date that is not in the future (None stays None)."""
    if value is not None and value > (today or date.today()):
        raise InvalidInput(field, f"{label} {value:%d/%m/%Y} ở tương lai; hãy kiểm tra lại.")
    return value


def person_name(value: str, field: str = "name") -> str:
    name = clean(value)
    if not name:
        raise InvalidInput(field, "Chưa nhập họ và tên.")
    if any(ch.isdigit() for ch in name):
        raise InvalidInput(field, f"Họ và tên «{name}» có chữ số; hãy kiểm tra lại.")
    return name
