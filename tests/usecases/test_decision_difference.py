"""The difference between two decisions of a unit (committee.usecases.decision_difference):
who joined, who left, whose role, post or duties changed; people matched by identity."""

from __future__ import annotations

from datetime import date

import pytest

from committee.domain.errors import UserError
from committee.domain.vocabulary import Role
from committee.store.database import Database
from committee.usecases import demo
from committee.usecases.decision_difference import decision_difference
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    current_decision,
    remove_member,
    update_member,
)
from committee.usecases.view import committee_view


def _restructure(db: Database) -> tuple[int, int]:
    """A kiện toàn of the district from its roster in force: the second member leaves, the
    third becomes Ủy viên, the fourth gets new duties, "Nguyễn Văn Hưng" joins."""
    with db.transaction() as session:
        in_force = current_decision(session, demo.DISTRICT)
        assert in_force is not None and in_force.id is not None
        draft = create_draft(
            session,
            demo.DISTRICT,
            DecisionDetails("1500/QĐ-UBND", date(2024, 1, 5)),
            copy_current_roster=True,
        )
        assert draft.id is not None
        in_force_id, draft_id = in_force.id, draft.id
    with db.session() as session:
        lines = committee_view(session, demo.DISTRICT, draft_id).roster
    with db.transaction() as session:
        remove_member(session, lines[1].membership_id)
        third, fourth = lines[2], lines[3]
        update_member(
            session,
            third.membership_id,
            MemberInput(third.name, Role.MEMBER, third.title, third.duties, third.phone),
        )
        update_member(
            session,
            fourth.membership_id,
            MemberInput(fourth.name, fourth.role, fourth.title, "Theo dõi xã Yết Kiêu"),
        )
        add_member(
            session, draft_id, MemberInput("Nguyễn Văn Hưng", Role.MEMBER, "Chánh Văn phòng")
        )
    return in_force_id, draft_id


def test_who_joined_left_and_changed(demo_database: Database) -> None:
    in_force_id, draft_id = _restructure(demo_database)
    with demo_database.session() as session:
        lines = committee_view(session, demo.DISTRICT, in_force_id).roster
        difference = decision_difference(session, draft_id, in_force_id)  # either order
    assert (difference.older_number, difference.newer_number) == ("1234/QĐ-UBND", "1500/QĐ-UBND")
    assert [seat.name for seat in difference.joined] == ["Nguyễn Văn Hưng"]
    assert [seat.name for seat in difference.left] == [lines[1].name]
    changes = {change.after.name: change.changes for change in difference.changed}
    assert changes == {lines[2].name: ("chức danh",), lines[3].name: ("nhiệm vụ",)}
    role_change = next(c for c in difference.changed if c.after.name == lines[2].name)
    assert (role_change.before.role, role_change.after.role) == (lines[2].role, Role.MEMBER)
    assert difference.unchanged == len(lines) - 3
    assert not difference.same


def test_a_namesake_is_another_person(demo_database: Database) -> None:
    """ "Nguyễn Văn Hưng" joining is not "Nguyễn Văn Hùng" changing."""
    in_force_id, draft_id = _restructure(demo_database)
    with demo_database.session() as session:
        difference = decision_difference(session, in_force_id, draft_id)
    assert "Nguyễn Văn Hùng" not in [seat.name for seat in difference.joined]
    assert all(change.after.name != "Nguyễn Văn Hưng" for change in difference.changed)


def test_decisions_of_two_units_or_one_decision_twice_are_refused(demo_database: Database) -> None:
    with demo_database.session() as session:
        district = current_decision(session, demo.DISTRICT)
        commune = current_decision(session, demo.COMMUNE_WARNING)
        assert district is not None and commune is not None
        with pytest.raises(UserError, match="không cùng một đơn vị"):
            decision_difference(session, district.id, commune.id)  # type: ignore[arg-type]
        with pytest.raises(UserError, match="cùng Quyết định"):
            decision_difference(session, district.id, district.id)  # type: ignore[arg-type]
