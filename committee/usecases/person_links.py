""" "The same person?": which people a roster line could be linked to, for a clerk to choose.

A roster line is linked to a person only when its exact (NFC) name is held by exactly one
person of the district (committee.usecases.people). What a clerk is offered for a line:
each person of the district whose seats carry exactly the line's name, and the person the
line is linked to now, each with the seats they hold on other lines. Linking or unlinking
(people.link_membership, people.unlink_membership) never changes a name.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from committee.domain.errors import NotFound
from committee.store.models import Decision, Membership
from committee.usecases.people import MembershipRecord, memberships_of, same_name_candidates


@dataclass(frozen=True, slots=True)
class PersonChoice:
    person_id: int
    seats: tuple[MembershipRecord, ...]  # the person's seats on other lines, newest first
    current: bool  # the line is linked to this person now


@dataclass(frozen=True, slots=True)
class SamePerson:
    """What can be said of a roster line's person: whom it could be the same as."""

    membership_id: int
    name: str  # the line's name, as written on its decision
    choices: tuple[PersonChoice, ...]  # people who hold other seats

    @property
    def linked(self) -> bool:
        """The line shares its person with other lines."""
        return any(choice.current for choice in self.choices)


def same_person(session: Session, membership_id: int) -> SamePerson:
    """The people a roster line could be the same as (see the module's docstring)."""
    line = session.get(Membership, membership_id)
    if line is None:
        raise NotFound(f"Không tìm thấy thành viên số hiệu nội bộ {membership_id}.")
    decision = session.get(Decision, line.decision_id)
    assert decision is not None
    people = [
        person.id
        for person in same_name_candidates(
            session, line.full_name, decision.unit_code, era=decision.unit_era
        )
    ]
    if line.person_id not in people:
        people.append(line.person_id)
    choices = []
    for person_id in people:
        assert person_id is not None
        seats = tuple(
            seat for seat in memberships_of(session, person_id) if seat.membership_id != line.id
        )
        if seats:
            choices.append(PersonChoice(person_id, seats, person_id == line.person_id))
    return SamePerson(membership_id, line.full_name, tuple(choices))
