"""People: one record per human being, found again across decisions by name and district."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlmodel import Session

from committee.models import AdminUnit, Decision, Membership, Person
from committee.text import fold
from committee.vocabulary import Role


def district_family(session: Session, unit_code: str) -> list[str]:
    """The codes of the district-level unit that holds `unit_code` and of all its communes."""
    unit = session.get(AdminUnit, unit_code)
    if unit is None:
        return [unit_code]
    district = unit.code if unit.level != "commune" else unit.parent_code
    codes = session.scalars(
        select(AdminUnit.code).where(
            or_(AdminUnit.code == district, AdminUnit.parent_code == district)
        )
    ).all()
    return list(codes) or [unit_code]


def find_or_create_people(session: Session, names: list[str], unit_code: str) -> dict[str, int]:
    """Person ids by folded name, for a roster of `unit_code`: the person of that name
    already on a roster of the same district, else a new person.

    Two namesakes in different districts stay two people; within one district a name
    is taken to be one person, so that their history can be followed.
    """
    spelled = {fold(name): name for name in names}
    found: dict[str, int] = {}
    if spelled:
        rows = session.execute(
            select(Person.search_key, Person.id)
            .join(Membership, Membership.person_id == Person.id)
            .join(Decision, Decision.id == Membership.decision_id)
            .where(Person.search_key.in_(list(spelled)))
            .where(Decision.unit_code.in_(district_family(session, unit_code)))
            .order_by(Decision.id)
        ).all()
        found = {key: person_id for key, person_id in rows}  # the newest decision wins
    new_people = [
        Person(full_name=spelled[key], search_key=key) for key in spelled if key not in found
    ]
    if new_people:
        session.add_all(new_people)
        session.flush()
        found.update({person.search_key: person.id for person in new_people})
    return found


def find_or_create_person(session: Session, name: str, unit_code: str) -> Person:
    """The one person of that name for a roster of `unit_code` (see find_or_create_people)."""
    person_id = find_or_create_people(session, [name], unit_code)[fold(name)]
    person = session.get(Person, person_id)
    assert person is not None
    if person.full_name != name:  # a corrected spelling of the same name
        person.full_name = name
        session.add(person)
    return person


def search_people(session: Session, query: str, limit: int = 20) -> list[Person]:
    """People whose name contains the query, ignoring diacritics and case."""
    key = fold(query)
    if not key:
        return []
    return list(
        session.scalars(
            select(Person)
            .where(Person.search_key.contains(key, autoescape=True))
            .order_by(Person.search_key, Person.id)
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class MembershipRecord:
    """One seat a person held: which decision, which unit, which role and post."""

    membership_id: int
    decision_id: int
    decision_number: str
    signed_on: date | None
    decision_status: str
    unit_code: str
    unit_name: str
    role: Role
    title: str


def memberships_of(session: Session, person_id: int) -> list[MembershipRecord]:
    """Every seat the person held, newest decision first."""
    rows = session.execute(
        select(Membership, Decision, AdminUnit)
        .join(Decision, Decision.id == Membership.decision_id)
        .join(AdminUnit, AdminUnit.code == Decision.unit_code)
        .where(Membership.person_id == person_id)
        .order_by(Decision.signed_on.desc().nulls_last(), Decision.id.desc())
    ).all()
    return [
        MembershipRecord(
            membership.id,
            decision.id,
            decision.number,
            decision.signed_on,
            decision.status,
            unit.code,
            unit.name,
            Role(membership.role),
            membership.title,
        )
        for membership, decision, unit in rows
    ]
