"""What changed between two decisions of a unit: who joined, who left, and whose role, post
or duties changed. People are matched by who they are (the person a line is linked to),
never by a name folded for search: "Hùng" and "Hưng" are two people."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from committee.domain.errors import UserError
from committee.domain.vocabulary import Role
from committee.store.models import Decision
from committee.usecases.decisions import get_decision
from committee.usecases.documents import roster_with_duties


@dataclass(frozen=True, slots=True)
class Seat:
    """A person's line on one decision."""

    person_id: int
    name: str  # as that decision writes it
    role: Role
    title: str  # the post as written
    post_kind: str | None
    duties: str  # in force for that decision


@dataclass(frozen=True, slots=True)
class SeatChange:
    before: Seat
    after: Seat
    changes: tuple[str, ...]  # "chức danh", "chức vụ", "nhiệm vụ", "tên ghi" (in that order)


@dataclass(frozen=True, slots=True)
class DecisionDifference:
    unit_code: str
    older_number: str
    newer_number: str
    joined: tuple[Seat, ...]
    left: tuple[Seat, ...]
    changed: tuple[SeatChange, ...]
    unchanged: int

    @property
    def same(self) -> bool:
        return not (self.joined or self.left or self.changed)


def _seats(session: Session, decision_id: int) -> dict[int, Seat]:
    seats: dict[int, Seat] = {}
    for line, duties in roster_with_duties(session, decision_id):
        seats.setdefault(
            line.person_id,
            Seat(
                line.person_id,
                line.full_name,
                Role(line.role),
                line.title,
                line.post_kind,
                duties or "",
            ),
        )
    return seats


def _changes(before: Seat, after: Seat) -> tuple[str, ...]:
    found = []
    if before.role is not after.role:
        found.append("chức danh")
    if (before.post_kind, before.title) != (after.post_kind, after.title):
        found.append("chức vụ")
    if before.duties != after.duties:
        found.append("nhiệm vụ")
    if before.name != after.name:
        found.append("tên ghi")
    return tuple(found)


def _order(older: Decision, newer: Decision) -> tuple[Decision, Decision]:
    """The two decisions oldest first: by signing date, a draft (no date yet) last."""

    def key(decision: Decision) -> tuple[bool, object, int]:
        return (decision.signed_on is None, decision.signed_on or 0, decision.id or 0)

    return (older, newer) if key(older) <= key(newer) else (newer, older)


def decision_difference(session: Session, first_id: int, second_id: int) -> DecisionDifference:
    """What changed from the older of two decisions of one unit to the newer one."""
    older, newer = _order(get_decision(session, first_id), get_decision(session, second_id))
    if older.unit_code != newer.unit_code:
        raise UserError(
            f"Quyết định {older.number} và {newer.number} không cùng một đơn vị; chỉ so sánh "
            "được hai quyết định của cùng một Ban Chỉ đạo."
        )
    if older.id == newer.id:
        raise UserError(f"Đó là cùng Quyết định {older.number}; hãy chọn một quyết định khác.")
    assert older.id is not None and newer.id is not None
    before, after = _seats(session, older.id), _seats(session, newer.id)
    changed = tuple(
        SeatChange(before[person], seat, found)
        for person, seat in after.items()
        if person in before and (found := _changes(before[person], seat))
    )
    return DecisionDifference(
        older.unit_code,
        older.number,
        newer.number,
        joined=tuple(seat for person, seat in after.items() if person not in before),
        left=tuple(seat for person, seat in before.items() if person not in after),
        changed=changed,
        unchanged=sum(1 for person in after if person in before) - len(changed),
    )
