"""The field rules shared by the forms, the command line and the roster reader: emoji,
stored lengths, phone numbers, duties on several lines."""

from __future__ import annotations

import pytest

from committee.domain import validation
from committee.domain.errors import InvalidInput
from committee.domain.field_limits import PERSON_NAME, PHONE, SIGNER
from committee.domain.text import clean_lines


@pytest.mark.parametrize("name", ["Nguyễn Văn 😀", "Lê Thị ☎ Hoa", "Trần Văn A\u200d", "🏛"])
def test_a_name_with_an_emoji_is_refused_naming_it(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validation.person_name(name)
    assert caught.value.field == "name" and "emoji" in caught.value.message


def test_a_name_longer_than_its_column_is_refused_naming_the_limit() -> None:
    validation.person_name("Hùng " * (PERSON_NAME // 5))
    with pytest.raises(InvalidInput) as caught:
        validation.person_name("Hùng" * 125)
    assert f"quá giới hạn {PERSON_NAME} ký tự" in caught.value.message
    with pytest.raises(InvalidInput) as caught:
        validation.signer("Nguyễn Văn A " * 40)
    assert caught.value.field == "signer" and f"{SIGNER} ký tự" in caught.value.message


def test_vietnamese_names_stay_accepted() -> None:
    assert validation.person_name("  Nguyễn  Thị Hồng-Nhung ") == "Nguyễn Thị Hồng-Nhung"
    assert validation.signer("KT. Chủ tịch Nguyễn Văn A") == "KT. Chủ tịch Nguyễn Văn A"


@pytest.mark.parametrize("phone", ["0912 345 678", "+84.220.3851.234", "0220-3851-234", ""])
def test_a_phone_number_is_digits_spaces_plus_dot_dash(phone: str) -> None:
    assert validation.phone(phone) == phone


@pytest.mark.parametrize(("phone", "wrong"), [("abc", "a"), ("0912 (345)", "("), ("09x1", "x")])
def test_anything_else_in_a_phone_number_is_refused_naming_it(phone: str, wrong: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validation.phone(phone)
    assert caught.value.field == "phone" and f"«{wrong}»" in caught.value.message


def test_a_phone_number_longer_than_its_column_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        validation.phone("1" * (PHONE + 1))
    assert f"{PHONE} ký tự" in caught.value.message


def test_duties_keep_their_lines() -> None:
    assert validation.duties(" Dòng  một \r\n\n  Dòng hai\x07 ") == "Dòng một\nDòng hai"
    assert clean_lines(None) == ""
