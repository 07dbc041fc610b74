"""The record stays true (issue 9, in the core): names kept as written, people never merged
by a folded name, drafts deleted whole, titles read again, the committee's documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlmodel import Session

from committee.domain.errors import InvalidInput, ReadOnlyDecision, UserError
from committee.domain.vocabulary import Role
from committee.rosters.duties_reader import read_duty_sheet
from committee.store.database import Database
from committee.store.models import CommitteeDocument, Decision, Membership, Person
from committee.usecases import demo
from committee.usecases.checking import check_decision, check_units, select_units
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    current_decision,
    decision_details,
    delete_draft,
    issue,
    list_decisions,
    roster,
    update_details,
    update_member,
)
from committee.usecases.documents import (
    list_documents,
    record_duty_assignment,
    record_regulation,
    roster_with_duties,
)
from committee.usecases.exports import annex_for_decision
from committee.usecases.people import (
    link_membership,
    memberships_of,
    same_name_candidates,
    unlink_membership,
)

SIGNED = date(2023, 6, 12)
GIA_PHUC = "11035"  # a commune of huyện Gia Lộc (297)


def _codes(findings) -> list[str]:  # type: ignore[no-untyped-def]
    return [finding.code for finding in findings]


def _printed(session: Session, decision_id: int) -> list[tuple[str, str, str, str]]:
    """What the decision's annex prints: name, title, role, duties."""
    annex = annex_for_decision(session, decision_id)
    return [(line.name, line.title, line.role.label, line.duties) for line in annex.lines]


# --- point 1 and 2: names are kept, people are not merged by a folded name ---------------


def test_hung_and_hung_with_another_tone_stay_two_people_and_two_names(session: Session) -> None:
    draft = create_draft(session, GIA_PHUC, DecisionDetails("5/QĐ-UBND", SIGNED))
    chief = add_member(
        session, draft.id, MemberInput("Nguyễn Văn Hùng", Role.VICE_CHAIR, "Trưởng Công an xã")
    )
    deputy = add_member(
        session,
        draft.id,
        MemberInput("Nguyễn Văn Hưng", Role.VICE_CHAIR, "Phó Trưởng Công an xã"),
    )
    lines = roster(session, draft.id)
    assert [line.full_name for line in lines] == ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng"]
    assert chief.person_id != deputy.person_id
    assert "BCD304" not in _codes(check_decision(session, draft.id))
    names = session.scalars(select(Person.full_name).order_by(Person.id)).all()
    assert names == ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng"]


def test_a_namesake_in_a_commune_never_renames_the_districts_issued_decision(
    demo_database: Database,
) -> None:
    with demo_database.session() as session:
        district = current_decision(session, demo.DISTRICT)
        assert district is not None and district.number == "1234/QĐ-UBND"
        before = _printed(session, district.id)
    assert before[0][0] == "Nguyễn Văn Hùng"
    with demo_database.transaction() as session:
        draft = create_draft(session, GIA_PHUC, DecisionDetails("8/QĐ-UBND", SIGNED))
        other = add_member(
            session, draft.id, MemberInput("Nguyễn Văn Hưng", Role.CHAIR, "Chủ tịch UBND xã")
        )
        namesake = add_member(
            session,
            draft.id,
            MemberInput("nguyễn văn hùng", Role.MEMBER, "Chỉ huy trưởng Ban CHQS xã"),
        )
        issue(session, draft.id)
    with demo_database.session() as session:
        assert _printed(session, district.id) == before
        chair = roster(session, district.id)[0]
        assert chair.full_name == "Nguyễn Văn Hùng"
        assert other.person_id != chair.person_id  # another name, another person
        assert namesake.full_name == "nguyễn văn hùng"  # kept as written
        assert namesake.person_id != chair.person_id  # case is part of the exact name
        report = check_units(session, select_units(session, [demo.DISTRICT]))
        assert report.committees[0].findings == ()


def test_an_exact_name_in_the_district_is_linked_only_when_unambiguous(
    session: Session,
) -> None:
    first = create_draft(session, "297", DecisionDetails("1/QĐ-UBND", SIGNED))
    chair = add_member(session, first.id, MemberInput("Trần Văn Bình", Role.CHAIR))
    commune = create_draft(session, GIA_PHUC, DecisionDetails("2/QĐ-UBND", SIGNED))
    same = add_member(session, commune.id, MemberInput("Trần Văn Bình", Role.MEMBER))
    assert same.person_id == chair.person_id
    assert [p.id for p in same_name_candidates(session, "Trần Văn Bình", GIA_PHUC)] == [
        chair.person_id
    ]

    # The clerk says the commune's line is someone else: now two people carry the name,
    # and a third line of that name is linked to neither.
    unlink_membership(session, same.id)
    assert same.person_id != chair.person_id
    assert len(same_name_candidates(session, "Trần Văn Bình", GIA_PHUC)) == 2
    third = add_member(session, commune.id, MemberInput("Trần Văn Bình", Role.MEMBER))
    assert third.person_id not in (chair.person_id, same.person_id)

    # Linking by hand joins the records and changes no name.
    link_membership(session, third.id, chair.person_id)
    history = memberships_of(session, chair.person_id)
    assert {record.membership_id for record in history} == {chair.id, third.id}
    assert {record.name for record in history} == {"Trần Văn Bình"}
    assert session.get(Person, same.person_id) is not None
    # Other districts are other people.
    far = create_draft(session, "294", DecisionDetails("3/QĐ-UBND", SIGNED))
    stranger = add_member(session, far.id, MemberInput("Trần Văn Bình", Role.CHAIR))
    assert stranger.person_id not in (chair.person_id, same.person_id, third.person_id)


def test_renaming_a_line_renames_nobody_else(session: Session) -> None:
    issued = create_draft(session, "297", DecisionDetails("1/QĐ-UBND", SIGNED))
    add_member(session, issued.id, MemberInput("Lê Thị Hoa", Role.CHAIR, "CT UBND huyện"))
    issue(session, issued.id)
    draft = create_draft(
        session, "297", DecisionDetails("2/QĐ-UBND", SIGNED), copy_current_roster=True
    )
    line = roster(session, draft.id)[0]
    update_member(session, line.id, MemberInput("Lê Thị Hòa", Role.CHAIR, "CT UBND huyện"))
    assert [line.full_name for line in roster(session, issued.id)] == ["Lê Thị Hoa"]
    assert [line.full_name for line in roster(session, draft.id)] == ["Lê Thị Hòa"]


# --- point 3: a draft with members is deleted whole -----------------------------------------


def test_deleting_a_draft_with_members_deletes_them_in_one_transaction(
    demo_database: Database,
) -> None:
    with demo_database.session() as session:
        draft = next(d for d in list_decisions(session, demo.COMMUNE_ERROR) if not d.is_issued)
        issued = current_decision(session, demo.COMMUNE_ERROR)
        assert issued is not None
        assert len(roster(session, draft.id)) == 11  # the kiện toàn copied the roster
        assert list_documents(session, draft.id)  # and carries its Quy chế
        printed = _printed(session, issued.id)
        people = session.scalar(select(func.count()).select_from(Person))
    with demo_database.transaction() as session:
        delete_draft(session, draft.id)
    with demo_database.session() as session:
        assert session.get(Decision, draft.id) is None
        left = session.scalar(
            select(func.count()).select_from(Membership).where(Membership.decision_id == draft.id)
        )
        documents = session.scalar(
            select(func.count())
            .select_from(CommitteeDocument)
            .where(CommitteeDocument.decision_id == draft.id)
        )
        assert (left, documents) == (0, 0)
        assert _printed(session, issued.id) == printed
        # the copied lines shared their people with the issued roster: nobody is lost
        assert session.scalar(select(func.count()).select_from(Person)) == people
        with pytest.raises(ReadOnlyDecision):
            delete_draft(session, issued.id)


def test_a_new_draft_with_its_own_people_leaves_none_behind(session: Session) -> None:
    draft = create_draft(session, "297", DecisionDetails("9/QĐ-UBND", None))
    add_member(session, draft.id, MemberInput("Người Chỉ Ở Dự Thảo", Role.MEMBER))
    delete_draft(session, draft.id)
    assert session.scalar(select(func.count()).select_from(Person)) == 0


# --- point 6: a title edit reads the post again ------------------------------------------------


def test_a_corrected_title_is_recognised_again(session: Session) -> None:
    draft = create_draft(session, GIA_PHUC, DecisionDetails("6/QĐ-UBND", SIGNED))
    line = add_member(session, draft.id, MemberInput("Vũ Văn Nam", Role.CHAIR, "PCT UBND xã"))
    assert "BCD102" in _codes(check_decision(session, draft.id))
    # What a form sends back: the stored post, echoed, with the new title.
    update_member(
        session,
        line.id,
        MemberInput("Vũ Văn Nam", Role.CHAIR, "CT UBND xã", post_kind=line.post_kind),
    )
    assert line.post_kind == "ubnd_chair" and line.post_unit_code == GIA_PHUC
    assert "BCD102" not in _codes(check_decision(session, draft.id))

    deputy = add_member(
        session,
        draft.id,
        MemberInput("Hồ Thị Yến", Role.MEMBER, "Chỉ huy phó Ban CHQS xã", "Phối hợp"),
    )
    assert ("BCD302", "Hồ Thị Yến") in [
        (f.code, f.member) for f in check_decision(session, draft.id)
    ]
    update_member(
        session,
        deputy.id,
        MemberInput(
            "Hồ Thị Yến",
            Role.MEMBER,
            "Chỉ huy trưởng Ban CHQS xã",
            "Phối hợp",
            post_kind=deputy.post_kind,
        ),
    )
    assert deputy.post_kind == "military_commander"
    assert "BCD302" not in _codes(check_decision(session, draft.id))


def test_a_post_picked_from_the_catalogue_stays_picked(session: Session) -> None:
    draft = create_draft(session, GIA_PHUC, DecisionDetails("6/QĐ-UBND", SIGNED))
    line = add_member(
        session,
        draft.id,
        MemberInput("Vũ Văn Nam", Role.MEMBER, "Cán bộ", post_kind="military_commander"),
    )
    assert line.post_picked and line.post_kind == "military_commander"
    update_member(
        session,
        line.id,
        MemberInput("Vũ Văn Nam", Role.MEMBER, "Cán bộ phụ trách", post_kind=line.post_kind),
    )
    assert line.post_picked and line.post_kind == "military_commander"


# --- decisions unique and ordered (point 7, in the core) --------------------------------


def test_a_unit_holds_one_decision_per_number_and_date(session: Session) -> None:
    create_draft(session, "297", DecisionDetails("10/QĐ-UBND", SIGNED))
    with pytest.raises(InvalidInput, match="đã có Quyết định số 10/QĐ-UBND ngày 12/06/2023"):
        create_draft(session, "297", DecisionDetails("10/qđ-ubnd", SIGNED))
    other = create_draft(session, "297", DecisionDetails("10/QĐ-UBND", date(2023, 6, 13)))
    with pytest.raises(InvalidInput, match="đã có"):
        update_details(session, other.id, DecisionDetails("10/QĐ-UBND", SIGNED))
    create_draft(session, "294", DecisionDetails("10/QĐ-UBND", SIGNED))  # another unit


def test_a_backdated_kien_toan_is_refused_unless_a_late_entry(session: Session) -> None:
    current = create_draft(session, "297", DecisionDetails("20/QĐ-UBND", SIGNED))
    add_member(session, current.id, MemberInput("Nguyễn Văn A", Role.CHAIR))
    issue(session, current.id)
    older = create_draft(session, "297", DecisionDetails("20/QĐ-UBND", date(2023, 1, 1)))
    with pytest.raises(InvalidInput, match="trước Quyết định số 20/QĐ-UBND ngày 12/06/2023"):
        issue(session, older.id)
    assert not older.is_issued
    issue(session, older.id, late_entry=True)
    assert (older.is_issued, older.in_force, older.supersedes_id) == (True, False, None)
    assert current_decision(session, "297").id == current.id
    newer = create_draft(session, "297", DecisionDetails("21/QĐ-UBND", date(2023, 7, 1)))
    issue(session, newer.id, late_entry=True)  # not older: an ordinary kiện toàn
    assert (newer.in_force, newer.supersedes_id) == (True, current.id)


# --- lengths: both engines accept and refuse the same ------------------------------------------


def test_every_length_is_checked_before_writing_with_its_limit(session: Session) -> None:
    draft = create_draft(session, "297", DecisionDetails("1/QĐ-UBND", SIGNED))
    with pytest.raises(InvalidInput, match="121 ký tự, quá giới hạn 120") as caught:
        add_member(session, draft.id, MemberInput("A" * 121, Role.MEMBER))
    assert caught.value.field == "name"
    with pytest.raises(InvalidInput, match="quá giới hạn 300") as caught:
        add_member(session, draft.id, MemberInput("Lê Văn Dài", Role.MEMBER, "x" * 301))
    assert caught.value.field == "title"
    with pytest.raises(InvalidInput, match="quá giới hạn 40"):
        add_member(session, draft.id, MemberInput("Lê Văn Dài", Role.MEMBER, phone="9" * 41))
    with pytest.raises(InvalidInput, match="quá giới hạn 120") as caught:
        update_details(session, draft.id, DecisionDetails("1/QĐ-UBND", SIGNED, "B" * 121))
    assert caught.value.field == "signer"
    with pytest.raises(InvalidInput, match="quá giới hạn 60"):
        create_draft(session, "297", DecisionDetails("1/QĐ-" + "U" * 60, SIGNED))
    assert len(roster(session, draft.id)) == 0


def test_regulation_number_and_date_go_together(session: Session) -> None:
    for number, day, field in (
        ("01/QĐ-BCĐ", None, "regulation_date"),
        (None, date(2023, 6, 20), "regulation_number"),
        ("", date(2023, 6, 20), "regulation_number"),
    ):
        with pytest.raises(InvalidInput) as caught:
            create_draft(session, "297", DecisionDetails("1/QĐ-UBND", SIGNED, "", number, day))
        assert caught.value.field == field


# --- point 4: the committee's documents after issue ------------------------------------------


def _documents_findings(findings) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return [(f.code, f.member) for f in findings if f.code in ("BCD401", "BCD402")]


def _duty_sheet(path: Path, rows: list[tuple[str, str]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["PHÂN CÔNG NHIỆM VỤ THÀNH VIÊN BAN CHỈ ĐẠO"])
    sheet.append(["STT", "Họ và tên", "Nhiệm vụ được phân công"])
    for number, (name, duties) in enumerate(rows, start=1):
        sheet.append([number, name, duties])
    sheet.append([])
    sheet.append(["", "TM. BAN CHỈ ĐẠO"])
    workbook.save(path)
    return path


def test_regulation_and_duties_recorded_after_issue_clear_bcd402_and_bcd401(
    database: Database, tmp_path: Path
) -> None:
    with database.transaction() as session:
        decision = create_draft(session, GIA_PHUC, DecisionDetails("30/QĐ-UBND", SIGNED))
        add_member(session, decision.id, MemberInput("Phạm Văn Tư", Role.CHAIR, "CT UBND xã"))
        add_member(session, decision.id, MemberInput("Lý Thị Năm", Role.MEMBER, "Bí thư Đoàn xã"))
        issue(session, decision.id)
        lines_before = [line.model_dump() for line in roster(session, decision.id)]
    with database.session() as session:
        before = _codes(
            check_units(session, select_units(session, [GIA_PHUC])).committees[0].findings
        )
    assert before.count("BCD401") == 2 and "BCD402" in before

    sheet = read_duty_sheet(
        _duty_sheet(tmp_path / "phan-cong.xlsx", [("Phạm Văn Tư", "Chỉ đạo chung")])
    )
    with database.transaction() as session:
        record_regulation(session, GIA_PHUC, "01/QĐ-BCĐ", date(2023, 6, 20), "Phạm Văn Tư")
        record_duty_assignment(session, GIA_PHUC, sheet, "02/QĐ-BCĐ", date(2023, 6, 20))
    with database.session() as session:
        after = check_units(session, select_units(session, [GIA_PHUC])).committees[0]
        assert _documents_findings(after.findings) == [("BCD401", "Lý Thị Năm")]
        assert [line.model_dump() for line in roster(session, decision.id)] == lines_before
        assert [duties for _, duties in roster_with_duties(session, decision.id)] == [
            "Chỉ đạo chung",
            "",
        ]
        assert _printed(session, decision.id)[0][3] == "Chỉ đạo chung"
        assert [entry.label for entry in list_documents(session, decision.id)] == [
            "Quy chế hoạt động số 01/QĐ-BCĐ ngày 20/06/2023",
            "Phân công nhiệm vụ số 02/QĐ-BCĐ ngày 20/06/2023",
        ]
        assert decision_details(session, decision.id).regulation_number == "01/QĐ-BCĐ"

    # A later assignment wins for whom it names; the same one again writes nothing.
    later = read_duty_sheet(
        _duty_sheet(
            tmp_path / "phan-cong-2.xlsx",
            [
                ("Lý Thị Năm", "Tuyên truyền trong thanh niên"),
                ("Phạm Văn Tư", "Chỉ đạo, điều hành"),
            ],
        )
    )
    with database.transaction() as session:
        first = record_duty_assignment(session, GIA_PHUC, later)
        again = record_duty_assignment(session, GIA_PHUC, later)
    assert not first.already_recorded and again.already_recorded
    with database.session() as session:
        after = check_units(session, select_units(session, [GIA_PHUC])).committees[0]
        assert _documents_findings(after.findings) == []
        assert _printed(session, decision.id)[1][3] == "Tuyên truyền trong thanh niên"
        # a kiện toàn starts from the duties in force
        draft = create_draft(
            session, GIA_PHUC, DecisionDetails("31/QĐ-UBND", None), copy_current_roster=True
        )
        assert [line.duties for line in roster(session, draft.id)] == [
            "Chỉ đạo, điều hành",
            "Tuyên truyền trong thanh niên",
        ]
        session.rollback()


def test_a_duty_sheet_names_members_exactly(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        decision = create_draft(session, GIA_PHUC, DecisionDetails("30/QĐ-UBND", SIGNED))
        add_member(session, decision.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR))
        issue(session, decision.id)
    sheet = read_duty_sheet(
        _duty_sheet(tmp_path / "sai-ten.xlsx", [("Nguyễn Văn Hưng", "Chỉ đạo chung")])
    )
    refused = pytest.raises(UserError, match="dòng 3: «Nguyễn Văn Hưng» không có tên")
    with refused as caught, database.transaction() as session:
        record_duty_assignment(session, GIA_PHUC, sheet)
    assert "có «Nguyễn Văn Hùng»" in caught.value.message
    with database.session() as session:
        assert list_documents(session, decision.id) == []


def test_documents_need_a_decision_in_force(session: Session) -> None:
    create_draft(session, GIA_PHUC, DecisionDetails("30/QĐ-UBND", SIGNED))
    with pytest.raises(UserError, match="chưa có quyết định kiện toàn đang hiệu lực"):
        record_regulation(session, GIA_PHUC, "01/QĐ-BCĐ", date(2023, 6, 20))
