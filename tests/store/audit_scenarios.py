"""A scripted roster session whose audit trail both engines' tests read: lines added at
the end and in the middle, so that the roster is renumbered."""

from __future__ import annotations

from datetime import date

from committee.domain.vocabulary import Role
from committee.store.database import Database
from committee.usecases.audit import audit_entries
from committee.usecases.decisions import DecisionDetails, MemberInput, add_member, create_draft


def renumbered_roster_entries(writer: Database, reader: Database, unit: str, number: str):  # type: ignore[no-untyped-def]
    """Three lines added in order, then one put first: the audit entries of the roster's
    lines (as `reader` sees them), oldest first."""
    with writer.transaction() as session:
        decision = create_draft(session, unit, DecisionDetails(number, date(2024, 5, 2)))
        for name, role in (
            ("Đỗ Văn An", Role.CHAIR),
            ("Đỗ Văn Bình", Role.FIRST_VICE_CHAIR),
            ("Đỗ Văn Công", Role.MEMBER),
        ):
            add_member(session, decision.id, MemberInput(name, role, "Ủy viên"))
    with writer.transaction() as session:
        first = add_member(
            session, decision.id, MemberInput("Đỗ Văn Dũng", Role.MEMBER, "Ủy viên"), position=1
        )
    with reader.session() as session:
        entries = [
            entry
            for entry in audit_entries(session, unit)
            if entry.record_kind == "membership"
            and entry.action in ("member_added", "member_moved")
        ]
    mine = {entry.record_id for entry in entries if entry.action == "member_added"}
    return [entry for entry in entries if entry.record_id in mine], first.id


def assert_moves_are_one_entry_each(entries, added_first: int) -> None:  # type: ignore[no-untyped-def]
    """Each line moved once, from its old place to its new; no parked (negative)
    position anywhere; the line put first is added at 1, not moved there."""
    positions = [
        value["position"]
        for entry in entries
        for value in (entry.before, entry.after)
        if value is not None
    ]
    assert min(positions) >= 1
    added = [entry.after["position"] for entry in entries if entry.action == "member_added"]
    assert added[-4:] == [1, 2, 3, 1]
    moved = [
        (entry.before["position"], entry.after["position"])
        for entry in entries
        if entry.action == "member_moved"
    ]
    assert sorted(moved[-3:]) == [(1, 2), (2, 3), (3, 4)]
    assert len(moved) == 3
    assert [entry.record_id for entry in entries if entry.action == "member_added"][
        -1
    ] == added_first
