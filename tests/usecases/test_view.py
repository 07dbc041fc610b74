"""The use-cases an interface reads through (committee_view and its neighbours): plain
records only, on a real SQLite copy of the demo database."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from committee.domain.errors import NotFound, UserError
from committee.domain.vocabulary import CommitteeStatus, DocumentKind, Era, Level, Role
from committee.rosters.roster_reader import SUPPORTED_SUFFIXES
from committee.store.database import Database
from committee.usecases import demo
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    issue,
    list_decisions,
)
from committee.usecases.document_records import record_duties, record_regulation
from committee.usecases.duty_preview import preview_duties
from committee.usecases.person_links import same_person
from committee.usecases.roster_files import ACCEPTED_SUFFIXES, is_roster_file
from committee.usecases.search import ResultKind, search
from committee.usecases.view import (
    CommitteeView,
    DecisionState,
    committee_statuses,
    committee_view,
    decision_history,
    tree_children,
    tree_matches,
    tree_path,
    tree_root_label,
    tree_roots,
)
from committee.usecases.workspace import Workspace

GIA_PHUC = "11035"  # a commune of huyện Gia Lộc


def _plain(value: object, seen: int = 0) -> None:
    """No ORM row anywhere in a record handed to an interface."""
    assert "sqlmodel" not in type(value).__module__ and "sqlalchemy" not in type(value).__module__
    if is_dataclass(value) and seen < 4:
        for field in fields(value):
            item = getattr(value, field.name)
            for element in item if isinstance(item, tuple) else (item,):
                _plain(element, seen + 1)


def _draft(db: Database, unit: str) -> int:
    with db.session() as session:
        return next(d.id for d in list_decisions(session, unit) if not d.is_issued)


def test_the_view_of_a_committee_in_force(demo_database: Database) -> None:
    with demo_database.session() as session:
        view = committee_view(session, demo.DISTRICT)
    _plain(view)
    assert view.decision is not None and view.decision == view.in_force
    assert (view.decision.number, view.decision.state) == ("1234/QĐ-UBND", DecisionState.IN_FORCE)
    assert view.status is view.unit_status is CommitteeStatus.OK and view.findings == ()
    assert [line.name for line in view.roster][:2] == ["Nguyễn Văn Hùng", "Trần Thị Bình"]
    chair = view.roster[0]
    assert (chair.role, chair.post_title, chair.duties) == (
        Role.CHAIR,
        "Chủ tịch UBND",
        "Lãnh đạo, chỉ đạo chung",
    )
    assert (view.regulation_number, view.regulation_date) == ("01/QĐ-BCĐ", date(2023, 6, 20))
    assert [d.kind for d in view.documents] == [DocumentKind.REGULATION]


def test_a_draft_shown_has_its_own_status_beside_the_units(demo_database: Database) -> None:
    draft = _draft(demo_database, demo.COMMUNE_ERROR)
    with demo_database.session() as session:
        view = committee_view(session, demo.COMMUNE_ERROR, draft)
        in_force = committee_view(session, demo.COMMUNE_ERROR)
    assert view.decision is not None and view.decision.state is DecisionState.DRAFT
    assert view.in_force is not None and view.in_force.number == "12/QĐ-UBND"
    assert view.unit_status is CommitteeStatus.ERROR
    assert view.regulation_number == "03/QĐ-BCĐ"  # the draft carries its Quy chế
    assert "BCD402" in {f.code for f in in_force.findings}
    assert "BCD402" not in {f.code for f in view.findings}
    assert [d.id for d in view.drafts] == [draft] == [d.id for d in in_force.drafts]


def test_units_without_a_decision_in_force(demo_database: Database) -> None:
    with demo_database.session() as session:
        only_draft = committee_view(session, demo.COMMUNE_DRAFT_ONLY)
        nothing = committee_view(session, GIA_PHUC)
        with pytest.raises(UserError, match="cấp tỉnh"):
            committee_view(session, "30")
        with pytest.raises(NotFound):
            committee_view(session, GIA_PHUC, only_draft.decision.id)  # another unit's
    assert only_draft.unit_status is None and only_draft.in_force is None
    assert only_draft.decision is not None and only_draft.decision.is_draft
    assert isinstance(nothing, CommitteeView) and nothing.decision is None
    assert nothing.status is None and [f.code for f in nothing.findings] == ["BCD404"]


def test_history_tells_superseded_decisions_from_late_entries(demo_database: Database) -> None:
    with demo_database.transaction() as session:
        late = create_draft(session, demo.DISTRICT, DecisionDetails("5/QĐ-UBND", date(2021, 1, 4)))
        add_member(session, late.id, MemberInput("Ngô Văn Tư", Role.CHAIR, "Chủ tịch UBND"))
        issue(session, late.id, late_entry=True)
    with demo_database.session() as session:
        history = decision_history(session, demo.DISTRICT)
    _plain(history)
    assert [(e.decision.number, e.decision.state) for e in history] == [
        ("1234/QĐ-UBND", DecisionState.IN_FORCE),
        ("5/QĐ-UBND", DecisionState.LATE_ENTRY),
        ("845/QĐ-UBND", DecisionState.SUPERSEDED),
    ]
    assert [d.label for d in history[0].documents] == [
        "Quy chế hoạt động số 01/QĐ-BCĐ ngày 20/06/2023"
    ]


def test_the_tree_reads_a_level_at_a_time_by_era(demo_database: Database) -> None:
    with demo_database.session() as session:
        roots = tree_roots(session)
        assert [(r.key, tree_root_label(r)) for r in roots] == [
            ((Era.LEGACY, "30"), "Hải Dương (trước 01/07/2025)"),
            ((Era.Y2025, "31"), "Hải Phòng (từ 01/07/2025)"),
        ]
        districts = tree_children(session, roots[0])
        assert len(districts) == 12 and {u.level for u in districts} == {Level.DISTRICT}
        new_communes = tree_children(session, roots[1])
        assert len(new_communes) == 114 and {u.level for u in new_communes} == {Level.COMMUNE}
        gia_loc = next(u for u in districts if u.code == demo.DISTRICT)
        statuses = committee_statuses(session, districts)
        assert statuses[(Era.LEGACY, demo.DISTRICT)] is CommitteeStatus.OK
        assert statuses[(Era.LEGACY, "294")] is None
        # 11020 names a commune in each era: told apart by the key
        both = committee_statuses(
            session,
            [u for u in tree_children(session, gia_loc) if u.code == "11020"]
            + [u for u in new_communes if u.code == "11020"],
        )
        assert both == {(Era.LEGACY, "11020"): CommitteeStatus.WARNING, (Era.Y2025, "11020"): None}
        path = tree_path(session, "11020", Era.LEGACY)
        assert [u.code for u in path] == ["30", demo.DISTRICT, "11020"]
        assert [u.code for u in tree_path(session, "11020", Era.Y2025)] == ["31", "11020"]
        found = tree_matches(session, "yet kieu")
        assert [u.key for u in found.matched] == [(Era.LEGACY, "11020"), (Era.Y2025, "11020")]
        assert [u.code for u in found.units] == ["30", demo.DISTRICT, "11020", "31", "11020"]
        assert not found.more
        assert tree_matches(session, "xa", limit=10).more


def test_search_tells_namesakes_apart_by_their_latest_seat(demo_database: Database) -> None:
    with demo_database.transaction() as session:
        draft = create_draft(session, "10813", DecisionDetails("3/QĐ-UBND", date(2023, 6, 1)))
        add_member(session, draft.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR, "Chủ tịch UBND"))
    with demo_database.session() as session:
        results = search(session, "nguyen van hung")
    people = [r for r in results if r.kind is ResultKind.PERSON and r.name == "Nguyễn Văn Hùng"]
    assert sorted(r.seat.unit_name for r in people) == ["Huyện Gia Lộc", "Thị trấn Thanh Hà"]
    assert {r.seat.decision_number for r in people} == {"1234/QĐ-UBND", "3/QĐ-UBND"}


def test_the_same_person_offers_exact_namesakes_of_the_district(demo_database: Database) -> None:
    with demo_database.transaction() as session:
        draft = create_draft(session, GIA_PHUC, DecisionDetails("9/QĐ-UBND", date(2023, 6, 1)))
        same = add_member(session, draft.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR))
        other = add_member(session, draft.id, MemberInput("Nguyễn Văn Hưng", Role.MEMBER))
        ids = same.id, other.id
    with demo_database.session() as session:
        offer, alone = same_person(session, ids[0]), same_person(session, ids[1])
    _plain(offer)
    assert offer.linked and len(offer.choices) == 1 and offer.choices[0].current
    assert [seat.decision_number for seat in offer.choices[0].seats] == [
        "1234/QĐ-UBND",
        "845/QĐ-UBND",
    ]
    assert alone.choices == () and not alone.linked


def _sheet(path: Path, rows: list[tuple[str, str]]) -> Path:
    workbook = Workbook()
    workbook.active.append(["STT", "Họ và tên", "Nhiệm vụ"])
    for number, (name, duties) in enumerate(rows, start=1):
        workbook.active.append([number, name, duties])
    workbook.save(path)
    return path


def test_a_duty_sheet_is_previewed_without_writing_then_recorded(
    demo_database: Database, tmp_path: Path
) -> None:
    path = _sheet(tmp_path / "pc.xlsx", [("Lê Đức Anh", "Tuyên truyền pháp luật")])
    with demo_database.session() as session:
        preview = preview_duties(session, demo.COMMUNE_ERROR, path)
        assert len(list_decisions(session, demo.COMMUNE_ERROR)) == 2
    assert preview.decision.number == "12/QĐ-UBND" and preview.named == 1
    change = next(c for c in preview.changes if c.name == "Lê Đức Anh")
    assert (change.before, change.after) == ("", "Tuyên truyền pháp luật")
    assert all(c.after is None for c in preview.changes if c.name != "Lê Đức Anh")
    with demo_database.session() as session:
        assert committee_view(session, demo.COMMUNE_ERROR).roster[-2].duties == ""
    with demo_database.transaction() as session:
        recorded = record_duties(session, preview, "02/PC-BCĐ", date(2023, 6, 15))
    _plain(recorded)
    assert recorded.document.members == 1 and not recorded.already_recorded
    assert recorded.document.label == "Phân công nhiệm vụ số 02/PC-BCĐ ngày 15/06/2023"
    with demo_database.session() as session:
        lines = committee_view(session, demo.COMMUNE_ERROR).roster
    assert next(line for line in lines if line.name == "Lê Đức Anh").duties == (
        "Tuyên truyền pháp luật"
    )
    wrong = _sheet(tmp_path / "sai.xlsx", [("Lê Duc Anh", "Tuyên truyền")])
    with demo_database.session() as session, pytest.raises(UserError, match="Lê Đức Anh"):
        preview_duties(session, demo.COMMUNE_ERROR, wrong)


def test_a_quy_che_recorded_says_whether_it_is_older_than_its_decision(
    demo_database: Database,
) -> None:
    with demo_database.transaction() as session:
        old = record_regulation(session, demo.COMMUNE_ERROR, "01/QĐ-BCĐ", date(2020, 1, 1))
        new = record_regulation(session, demo.COMMUNE_ERROR, "05/QĐ-BCĐ", date(2023, 6, 10))
        again = record_regulation(session, demo.COMMUNE_ERROR, "05/QĐ-BCĐ", date(2023, 6, 10))
    assert old.before_decision and not new.before_decision
    assert again.already_recorded and again.document.id == new.document.id
    assert new.decision_number == "12/QĐ-UBND"


def test_the_workspace_reads_and_writes_whole_or_not_at_all(demo_database: Database) -> None:
    workspace = Workspace.of(demo_database)
    assert Workspace.of(workspace) is workspace
    with pytest.raises(RuntimeError), workspace.write() as session:
        create_draft(session, GIA_PHUC, DecisionDetails("9/QĐ-UBND", date(2023, 6, 1)))
        raise RuntimeError("interrupted")
    with workspace.read() as session:
        assert committee_view(session, GIA_PHUC).drafts == ()
    assert workspace.location.endswith("work.sqlite")


def test_the_picker_takes_the_readers_own_list_of_kinds() -> None:
    assert tuple(SUPPORTED_SUFFIXES) == ACCEPTED_SUFFIXES
    assert is_roster_file(Path("DS.XLSX")) and not is_roster_file(Path("ds.csv"))
