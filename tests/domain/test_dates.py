"""Dates as Vietnamese documents write them."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from committee.domain.dates import find_date, format_date, parse_date

JUNE_5 = date(2023, 6, 5)


@pytest.mark.parametrize(
    "value",
    [
        JUNE_5,
        datetime(2023, 6, 5, 14, 30),
        "05/06/2023",
        "5/6/2023",
        "5-6-2023",
        "05.06.2023",
        " 5 / 6 / 2023 ",
        "2023-06-05",
        "ngày 05 tháng 6 năm 2023",
        "05 tháng 6 năm 2023",
        "Ngày 5 Tháng 06 Năm 2023",
        "ngày 05/6/2023",
        unicodedata.normalize("NFD", "ngày 05 tháng 6 năm 2023"),
        "ngay 5 thang 6 nam 2023",
    ],
)
def test_parse_date_reads_the_usual_forms(value: object) -> None:
    assert parse_date(value) == JUNE_5


def test_parse_date_is_day_first() -> None:
    assert parse_date("12/6/2023") == date(2023, 6, 12)
    assert parse_date("1/12/2023") == date(2023, 12, 1)


def test_parse_date_returns_a_plain_date_for_a_datetime() -> None:
    parsed = parse_date(datetime(2023, 6, 5, 8, 0))
    assert type(parsed) is date


@pytest.mark.parametrize(
    "value",
    [
        "ngày   tháng 6 năm 2023",
        "5/6/23",
        "5/6-2023",
        "tháng 6/2023",
        "2023",
        "hôm qua",
        "",
        None,
        45082.0,
    ],
)
def test_parse_date_rejects_everything_else(value: object) -> None:
    with pytest.raises(ValueError, match="không đọc được; hãy ghi theo dạng dd/mm/yyyy"):
        parse_date(value)


def test_parse_date_message_quotes_the_text_in_vietnamese() -> None:
    with pytest.raises(ValueError) as caught:
        parse_date("  31-02-2023 x")
    assert str(caught.value) == "Ngày «31-02-2023 x» không đọc được; hãy ghi theo dạng dd/mm/yyyy."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2023", "Ngày 31/02/2023 không có (tháng 2 năm 2023 chỉ có 28 ngày)"),
        ("29/2/2023", "Ngày 29/02/2023 không có (tháng 2 năm 2023 chỉ có 28 ngày)"),
        ("12/13/2023", "Ngày 12/13/2023 không có (không có tháng 13)"),
        ("0/6/2023", "Ngày 00/06/2023 không có (không có ngày 0)"),
        ("2023-13-01", "Ngày 01/13/2023 không có (không có tháng 13)"),
        ("32 tháng 6 năm 2023", "Ngày 32/06/2023 không có (tháng 6 năm 2023 chỉ có 30 ngày)"),
    ],
)
def test_a_date_that_does_not_exist_says_so(value: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(value)
    assert str(caught.value) == f"{message}; hãy kiểm tra lại."


def test_parse_date_accepts_a_leap_day() -> None:
    assert parse_date("29/02/2024") == date(2024, 2, 29)


def test_format_date_pads_day_and_month() -> None:
    assert format_date(JUNE_5) == "05/06/2023"
    assert format_date(date(2023, 12, 31)) == "31/12/2023"


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_format_then_parse_gives_the_same_date(day: date) -> None:
    assert parse_date(format_date(day)) == day
    assert parse_date(f"ngày {day.day} tháng {day.month} năm {day.year}") == day
    assert parse_date(day.isoformat()) == day


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "(Kèm theo Quyết định số 2105/QĐ-UBND ngày 12/6/2023 của UBND huyện Thanh Hà)",
            date(2023, 6, 12),
        ),
        (
            "(Kèm theo Quyết định số 45/QĐ-UBND ngày 22 tháng 6 năm 2023 của UBND thị trấn)",
            date(2023, 6, 22),
        ),
        ("Thanh Hà, ngày 05 tháng 06 năm 2023", JUNE_5),
        ("ban hành 2023-06-05, sửa đổi 2024-01-02", JUNE_5),
        ("hiệu lực từ 5-6-2023 đến 31-12-2025", JUNE_5),
        ("ghi nhầm 31/02/2023, đúng là 05/06/2023", JUNE_5),
    ],
)
def test_find_date_takes_the_first_real_date_of_a_sentence(sentence: str, expected: date) -> None:
    assert find_date(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "(Kèm theo Quyết định số 2105/QĐ-UBND của UBND huyện Thanh Hà)",
        "Quyết định số 12/2023/QĐ-UBND",
        "Thanh Hà, ngày    tháng    năm 2023",
        "",
        None,
    ],
)
def test_find_date_returns_none_without_a_date(sentence: object) -> None:
    assert find_date(sentence) is None
