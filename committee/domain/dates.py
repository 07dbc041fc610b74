"""Dates as Vietnamese documents write them: 12/6/2023, 5-6-2023, ngày 05 tháng 6 năm 2023."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from committee.domain.text import clean, fold

# Patterns run on the folded text ("ngày" → "ngay"), so accents and case do not matter.
_DAY_MONTH_YEAR = (
    r"(?P<day>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<year>\d{4})"
)
_ISO = r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
_IN_WORDS = r"(?P<day>\d{1,2})\s*thang\s*(?P<month>\d{1,2})\s*,?\s*nam\s*(?P<year>\d{4})"
_FORMS = (_DAY_MONTH_YEAR, _ISO, _IN_WORDS)

_WHOLE = tuple(re.compile(rf"(?:ngay\s*)?{form}\s*\.?") for form in _FORMS)
_INSIDE = tuple(re.compile(rf"(?<!\d){form}(?!\d)") for form in _FORMS)


def _unreadable(text: str) -> ValueError:
    return ValueError(f"Ngày «{text}» không đọc được; hãy ghi theo dạng dd/mm/yyyy.")


def _missing(match: re.Match[str]) -> ValueError:
    """A date written in a known form that does not exist (31/02/2023, 12/13/2023)."""
    day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
    if 1 <= month <= 12 and day >= 1:
        last = calendar.monthrange(year, month)[1] if year >= 1 else 31
        why = f"tháng {month} năm {year} chỉ có {last} ngày"
    elif 1 <= month <= 12:
        why = "không có ngày 0"
    else:
        why = f"không có tháng {month}"
    return ValueError(f"Ngày {day:02d}/{month:02d}/{year:04d} không có ({why}); hãy kiểm tra lại.")


def _build(match: re.Match[str]) -> date | None:
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def parse_date(value: object) -> date:
    """The date written in a cell: a date/datetime object or one of the usual text forms.

    Accepted texts: "12/6/2023", "05/06/2023", "5-6-2023", "5.6.2023", "2023-06-05",
    "05 tháng 6 năm 2023", each optionally preceded by "ngày". Anything else raises
    ValueError with a Vietnamese message; a date in one of these forms that does not exist
    (31/02/2023) says so ("Ngày 31/02/2023 không có (tháng 2 năm 2023 chỉ có 28 ngày)").
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean(value)
    if isinstance(value, str):
        key = fold(text)
        for pattern in _WHOLE:
            match = pattern.fullmatch(key)
            if match is not None:
                found = _build(match)
                if found is not None:
                    return found
                raise _missing(match)
    raise _unreadable(text)


def format_date(day: date) -> str:
    """The display form dd/mm/yyyy."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def find_date(text: object) -> date | None:
    """The first real date written anywhere in a sentence, or None.

    "(Kèm theo Quyết định số 45/QĐ-UBND ngày 22 tháng 6 năm 2023 của …)" gives
    2023-06-22. Date-shaped text that is no real date (31/02/2023) is passed over.
    """
    key = fold(text)
    candidates: list[tuple[int, date]] = []
    for pattern in _INSIDE:
        for match in pattern.finditer(key):
            found = _build(match)
            if found is not None:
                candidates.append((match.start(), found))
                break
    return min(candidates)[1] if candidates else None
