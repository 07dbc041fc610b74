"""Text cleaned where it enters: the stored form of free text (committee.domain.text), and the
field rules the forms, the command line and the roster reader share
(committee.domain.validation)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session

from committee.domain import validation
from committee.domain.errors import InvalidInput
from committee.domain.text import (
    CONTROL_CHARACTERS,
    INVISIBLE_FORMATTING,
    ControlCharacterError,
    clean,
    clean_strict,
    printable,
)
from committee.domain.vocabulary import Role
from committee.usecases.decisions import DecisionDetails, MemberInput, add_member, create_draft

SIGNED = date(2023, 6, 12)
STRAY = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\ud800", "\udfff", "\x1c"]


@pytest.mark.parametrize("control", STRAY)
def test_clean_removes_control_characters_from_free_text(control: str) -> None:
    assert clean(f"Trưởng{control} phòng Tư{control}pháp") == "Trưởng phòng Tưpháp"


def test_clean_reads_line_breaks_and_tabs_as_spaces() -> None:
    assert clean("Trưởng phòng\r\nTư pháp\vhuyện\fGia\tLộc") == "Trưởng phòng Tư pháp huyện Gia Lộc"


def test_clean_removes_bidi_marks_zero_width_spaces_and_byte_order_marks() -> None:
    assert clean("\ufeffNguyễn\u202e Văn\u200b\u200f An\u2066\u2069") == "Nguyễn Văn An"


def test_escape_sequences_lose_their_escape() -> None:
    assert clean("\x1b[2J\x1b[31mLê Văn An\x1b[0m") == "[2J[31mLê Văn An[0m"


@given(st.text())
def test_clean_never_leaves_a_control_character_or_invisible_formatting(text: str) -> None:
    cleaned = clean(text)
    assert not CONTROL_CHARACTERS.search(cleaned)
    assert not INVISIBLE_FORMATTING.search(cleaned)
    assert cleaned == clean(cleaned)
    cleaned.encode("utf-8")  # storable: no lone surrogate


@pytest.mark.parametrize("control", STRAY)
def test_clean_strict_refuses_what_clean_removes(control: str) -> None:
    with pytest.raises(ControlCharacterError) as caught:
        clean_strict(f"Lê Văn{control} An")
    assert caught.value.character == control
    assert f"U+{ord(control):04X}" in str(caught.value)


def test_clean_strict_keeps_line_breaks_as_spaces() -> None:
    assert clean_strict("Lê Văn\r\nAn\u200b") == "Lê Văn An"


def test_printable_still_escapes_for_terminals() -> None:
    assert printable("a\x1b[2Jb\tc\n") == "a\\x1b[2Jb\tc\n"


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["45000.5", "15/03/2023", "Nguyễn Văn ２"])
def test_numbers_and_dates_are_no_names(name: str) -> None:
    with pytest.raises(InvalidInput, match="chữ số") as caught:
        validation.person_name(name)
    assert caught.value.field == "name"


def test_a_control_character_in_a_name_is_refused_in_one_line() -> None:
    with pytest.raises(InvalidInput) as caught:
        validation.person_name("Nguyễn\x1b[31m\nVăn An")
    message = caught.value.message
    assert "U+001B" in message
    assert "\\x1b" in message
    assert "\n" not in message and "\x1b" not in message


def test_a_name_is_stored_without_invisible_formatting() -> None:
    assert validation.person_name("Nguyễn\u202e Văn An\ufeff") == "Nguyễn Văn An"


def test_the_signer_refuses_control_characters_and_may_be_empty() -> None:
    assert validation.signer("") == ""
    assert validation.signer(" KT. Chủ tịch  Nguyễn Văn A ") == "KT. Chủ tịch Nguyễn Văn A"
    with pytest.raises(InvalidInput) as caught:
        validation.signer("Nguyễn\x00Văn A")
    assert caught.value.field == "signer"


# --- decision numbers and dates -----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("２/QĐ-UBND", "2/QĐ-UBND"),
        ("１２３４／ＱĐ－ＵＢＮＤ", "1234/QĐ-UBND"),
        ("15/２０２３/qd-ubnd", "15/2023/QĐ-UBND"),
    ],
)
def test_full_width_characters_in_a_number_are_read_as_plain_ones(typed: str, stored: str) -> None:
    assert validation.decision_number(typed) == stored


@pytest.mark.parametrize("number", ["٢/QĐ-UBND", "1234/Q\x1bĐ-UBND", "1234/QĐ-UBND\x00"])
def test_other_digits_and_control_characters_in_a_number_are_refused(number: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validation.decision_number(number)
    assert caught.value.field == "number"


@pytest.mark.parametrize("day", [date(1, 1, 1), date(999, 12, 31), date(1945, 9, 1)])
def test_a_date_before_1945_is_no_document_date(day: date) -> None:
    with pytest.raises(InvalidInput, match="02/09/1945") as caught:
        validation.past_date(day, "signed_on", "Ngày ký")
    assert caught.value.field == "signed_on"
    assert f"{day.day:02d}/{day.month:02d}/{day.year:04d}" in caught.value.message


def test_the_earliest_document_date_and_today_are_accepted() -> None:
    today = date(2024, 1, 1)
    assert validation.past_date(date(1945, 9, 2), "d", "Ngày", today) == date(1945, 9, 2)
    assert validation.past_date(today, "d", "Ngày", today) == today
    assert validation.past_date(None, "d", "Ngày") is None


# --- the use-cases the forms call --------------------------------------------------------


def test_a_form_cannot_store_a_control_character(session: Session) -> None:
    with pytest.raises(InvalidInput) as caught:
        create_draft(session, "297", DecisionDetails("1/QĐ-UBND", SIGNED, "Lê\x1b[2J Văn A"))
    assert caught.value.field == "signer"

    draft = create_draft(session, "297", DecisionDetails("１/QĐ-UBND", SIGNED, "Lê Văn A"))
    assert draft.number == "1/QĐ-UBND"
    line = add_member(
        session,
        draft.id,
        MemberInput(
            name="Nguyễn Văn\u200b An",
            role=Role.CHAIR,
            title="Chủ tịch\x1b[31m UBND huyện",
            duties="Phụ trách\x00 chung",
            phone="0912\x07345678",
            note="\x9bghi chú",
        ),
    )
    assert (line.title, line.duties, line.phone, line.note) == (
        "Chủ tịch[31m UBND huyện",
        "Phụ trách chung",
        "0912345678",
        "ghi chú",
    )
    with pytest.raises(InvalidInput) as refused:
        add_member(session, draft.id, MemberInput(name="Lê\x1b Văn B", role=Role.MEMBER))
    assert refused.value.field == "name"
