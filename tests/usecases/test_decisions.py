"""Use-cases: record, edit, issue and supersede a decision; people across decisions."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from sqlmodel import Session

from committee.domain.errors import InvalidInput, NotFound, ReadOnlyDecision
from committee.domain.vocabulary import Portfolio, Role
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    current_decision,
    issue,
    list_decisions,
    move_member,
    remove_member,
    roster,
    roster_with_people,
    update_details,
    update_member,
)
from committee.usecases.people import memberships_of, search_people

SIGNED = date(2023, 6, 12)


def _draft(session: Session, unit: str = "297", number: str = "1234/QĐ-UBND"):
    return create_draft(session, unit, DecisionDetails(number, SIGNED, "Nguyễn Văn A"))


def test_decision_number_is_stored_in_capitals_with_qd(session: Session) -> None:
    decision = create_draft(session, "297", DecisionDetails(" 1234 / qd-ubnd ", SIGNED))
    assert decision.number == "1234/QĐ-UBND"
    assert decision.status == "draft"


@pytest.mark.parametrize("number", ["", "QĐ-UBND", "1234", "12/34"])
def test_malformed_decision_numbers_are_refused_in_vietnamese(
    session: Session, number: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        create_draft(session, "297", DecisionDetails(number, SIGNED))
    assert caught.value.field == "number"
    assert "số quyết định" in caught.value.message.lower()


def test_a_signing_date_in_the_future_is_refused(session: Session) -> None:
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(InvalidInput, match="tương lai") as caught:
        create_draft(session, "297", DecisionDetails("1/QĐ-UBND", tomorrow))
    assert caught.value.field == "signed_on"


def test_an_unknown_unit_is_refused(session: Session) -> None:
    with pytest.raises(NotFound, match="99999"):
        create_draft(session, "99999", DecisionDetails("1/QĐ-UBND", SIGNED))


def test_an_empty_name_is_refused(session: Session) -> None:
    decision = _draft(session)
    with pytest.raises(InvalidInput, match="họ và tên") as caught:
        add_member(session, decision.id, MemberInput("   ", Role.MEMBER))
    assert caught.value.field == "name"


def test_members_keep_roster_order_by_role(session: Session) -> None:
    decision = _draft(session)
    add_member(session, decision.id, MemberInput("Lê Văn Ủy", Role.MEMBER, "Chánh án TAND huyện"))
    add_member(
        session, decision.id, MemberInput("Trần Thị Phó", Role.VICE_CHAIR, "Trưởng phòng Y tế")
    )
    add_member(
        session, decision.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR, "Chủ tịch UBND huyện")
    )
    lines = roster_with_people(session, decision.id)
    assert [(m.position, p.full_name) for m, p in lines] == [
        (1, "Nguyễn Văn Hùng"),
        (2, "Trần Thị Phó"),
        (3, "Lê Văn Ủy"),
    ]


def test_a_member_title_is_recognised_and_stored_as_written(session: Session) -> None:
    decision = _draft(session)
    written = unicodedata.normalize("NFD", "PCT  UBND huyện")
    line = add_member(
        session, decision.id, MemberInput("Khúc Thị Dung", Role.FIRST_VICE_CHAIR, written)
    )
    assert line.title == "PCT UBND huyện"
    assert (line.post_kind, line.post_unit_code) == ("ubnd_vice_chair", "297")
    deputy = add_member(
        session,
        decision.id,
        MemberInput(
            "Triệu Văn Phong", Role.VICE_CHAIR, "Phó Trưởng Công an huyện phụ trách Cảnh sát"
        ),
    )
    assert (deputy.post_kind, deputy.portfolio) == ("police_deputy", Portfolio.CRIME.value)
    unknown = add_member(
        session, decision.id, MemberInput("Ai Đó", Role.MEMBER, "Thủ quỹ hợp tác xã")
    )
    assert (unknown.post_kind, unknown.title) == (None, "Thủ quỹ hợp tác xã")


def test_edit_move_and_remove_members(session: Session) -> None:
    decision = _draft(session)
    first = add_member(session, decision.id, MemberInput("Một", Role.MEMBER, "Chánh án TAND huyện"))
    second = add_member(
        session, decision.id, MemberInput("Hai", Role.MEMBER, "Chủ tịch Hội Nông dân huyện")
    )
    third = add_member(session, decision.id, MemberInput("Ba", Role.MEMBER, "Bí thư Huyện đoàn"))

    move_member(session, third.id, 1)
    assert [line.id for line in roster(session, decision.id)] == [third.id, first.id, second.id]

    update_member(
        session,
        first.id,
        MemberInput("Một Mới", Role.MEMBER, "Viện trưởng VKSND huyện", "Kiểm sát"),
    )
    edited = roster_with_people(session, decision.id)[1]
    assert (edited[1].full_name, edited[0].post_kind, edited[0].duties) == (
        "Một Mới",
        "procuracy_head",
        "Kiểm sát",
    )

    remove_member(session, third.id)
    assert [(line.id, line.position) for line in roster(session, decision.id)] == [
        (first.id, 1),
        (second.id, 2),
    ]


def test_composition_problems_are_not_refused(session: Session) -> None:
    decision = _draft(session)
    add_member(session, decision.id, MemberInput("Nguyễn Văn Hùng", Role.MEMBER))
    add_member(session, decision.id, MemberInput("Nguyễn Văn Hùng", Role.MEMBER))
    lines = roster(session, decision.id)
    assert len(lines) == 2
    assert lines[0].person_id == lines[1].person_id


def test_an_issued_decision_is_read_only(session: Session) -> None:
    decision = _draft(session)
    line = add_member(session, decision.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR))
    issue(session, decision.id)
    assert decision.status == "issued"
    with pytest.raises(ReadOnlyDecision, match="đã ban hành"):
        add_member(session, decision.id, MemberInput("Người Mới", Role.MEMBER))
    with pytest.raises(ReadOnlyDecision):
        update_member(session, line.id, MemberInput("Tên Khác", Role.CHAIR))
    with pytest.raises(ReadOnlyDecision):
        remove_member(session, line.id)
    with pytest.raises(ReadOnlyDecision):
        update_details(session, decision.id, DecisionDetails("9/QĐ-UBND", SIGNED))


def test_a_correction_supersedes_the_decision_in_force(session: Session) -> None:
    first = _draft(session, number="100/QĐ-UBND")
    add_member(session, first.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR, "Chủ tịch UBND huyện"))
    issue(session, first.id)
    assert current_decision(session, "297").id == first.id

    second = create_draft(
        session, "297", DecisionDetails("200/QĐ-UBND", SIGNED), copy_current_roster=True
    )
    copied = roster_with_people(session, second.id)
    assert [(m.role, p.full_name, m.title) for m, p in copied] == [
        ("chair", "Nguyễn Văn Hùng", "Chủ tịch UBND huyện")
    ]
    assert current_decision(session, "297").id == first.id  # a draft is not in force
    issue(session, second.id)
    assert second.supersedes_id == first.id
    assert current_decision(session, "297").id == second.id
    assert [d.number for d in list_decisions(session, "297")] == ["200/QĐ-UBND", "100/QĐ-UBND"]


def test_a_person_is_followed_across_decisions_and_found_without_diacritics(
    session: Session,
) -> None:
    first = _draft(session, number="100/QĐ-UBND")
    add_member(session, first.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR, "Chủ tịch UBND huyện"))
    issue(session, first.id)
    second = _draft(session, number="200/QĐ-UBND")
    add_member(session, second.id, MemberInput("Nguyễn Văn Hùng", Role.MEMBER, "Chuyên viên"))

    people = search_people(session, "nguyen van hung")
    assert [person.full_name for person in people] == ["Nguyễn Văn Hùng"]
    history = memberships_of(session, people[0].id)
    assert [(h.decision_number, h.role) for h in history] == [
        ("200/QĐ-UBND", Role.MEMBER),
        ("100/QĐ-UBND", Role.CHAIR),
    ]


def test_namesakes_in_different_districts_are_different_people(session: Session) -> None:
    gia_loc = _draft(session, "297")
    thanh_ha = _draft(session, "294")
    a = add_member(session, gia_loc.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR))
    b = add_member(session, thanh_ha.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR))
    assert a.person_id != b.person_id


def test_a_draft_is_checked_as_it_changes(session: Session) -> None:
    from committee.usecases.checking import check_decision

    decision = _draft(session)
    add_member(
        session, decision.id, MemberInput("Khúc Thị Dung", Role.FIRST_VICE_CHAIR, "PCT UBND huyện")
    )
    before = {finding.code for finding in check_decision(session, decision.id)}
    assert {"BCD101", "BCD105", "BCD301", "BCD401", "BCD402"} <= before
    add_member(
        session,
        decision.id,
        MemberInput("Nguyễn Văn Hùng", Role.CHAIR, "Chủ tịch UBND huyện Gia Lộc", "Chỉ đạo chung"),
    )
    after = {finding.code for finding in check_decision(session, decision.id)}
    assert "BCD101" not in after
    assert before - after == {"BCD101"}
