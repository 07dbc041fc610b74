"""People: one record per human being, linking the memberships that name them.

A membership keeps the name as written on its decision; a person links memberships for
history and search and never renames one. Identity never ignores diacritics: "Nguyễn Văn
Hùng" and "Nguyễn Văn Hưng" are two people. A new roster line is linked to an existing
person only when its exact (NFC) name is held by exactly one person on the rosters of the
same district (the district and its communes); otherwise it gets a person of its own, and
the clerk may link it by hand (`link_membership`) or undo a link (`unlink_membership`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, exists, or_, select
from sqlmodel import Session

from committee.domain.errors import UnknownMember, UnknownPerson
from committee.domain.text import fold
from committee.domain.vocabulary import DEFAULT_ERA, Era, Level, Role
from committee.store.models import AdminUnit, Decision, Membership, Person

# Names per query: below every engine's limit on the values of one statement.
_CHUNK = 500


def district_family(session: Session, unit_code: str, era: str = DEFAULT_ERA) -> list[str]:
    """The codes of the unit of the era that holds `unit_code`'s committee family (its
    district-level unit; in the 2025 era, which has no districts, the commune alone) and
    of all that unit's communes."""
    unit = session.get(AdminUnit, (era, unit_code))
    if unit is None or unit.level == Level.PROVINCE:
        return [unit_code]
    if era == Era.Y2025:
        return [unit.code]
    district = unit.code if unit.level != Level.COMMUNE else unit.parent_code
    codes = session.scalars(
        select(AdminUnit.code).where(
            AdminUnit.era == era,
            or_(AdminUnit.code == district, AdminUnit.parent_code == district),
        )
    ).all()
    return list(codes) or [unit_code]


def _people_by_name(
    session: Session,
    names: Iterable[str],
    unit_code: str,
    leave_out: int | None = None,
    era: str = DEFAULT_ERA,
) -> dict[str, set[int]]:
    """For each exact name, the people whose memberships in the district carry it."""
    wanted = list(dict.fromkeys(names))
    family = district_family(session, unit_code, era)
    found: dict[str, set[int]] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = (
            select(Membership.full_name, Membership.person_id)
            .join(Decision, Decision.id == Membership.decision_id)
            .where(Membership.full_name.in_(wanted[start : start + _CHUNK]))
            .where(Decision.unit_era == era, Decision.unit_code.in_(family))
        )
        if leave_out is not None:
            query = query.where(Membership.id != leave_out)
        for name, person_id in session.execute(query.distinct()).all():
            found.setdefault(name, set()).add(person_id)
    return found


def find_or_create_people(
    session: Session, names: list[str], unit_code: str, era: str = DEFAULT_ERA
) -> dict[str, int]:
    """Person ids by exact name, for a roster of `unit_code`: the one person of that name
    on the district's rosters when there is exactly one, else a new person.

    Lines of one roster with the same exact name get the same person (the check then
    reports the repetition, BCD304)."""
    existing = _people_by_name(session, names, unit_code, era=era)
    found = {name: next(iter(people)) for name, people in existing.items() if len(people) == 1}
    new_people = [
        Person(full_name=name, search_key=fold(name))
        for name in dict.fromkeys(names)
        if name not in found
    ]
    if new_people:
        session.add_all(new_people)
        session.flush()
        found.update({person.full_name: person.id for person in new_people})
    return found


def person_for_line(
    session: Session,
    name: str,
    unit_code: str,
    line_id: int | None = None,
    era: str = DEFAULT_ERA,
) -> int:
    """The person a roster line of `unit_code` named `name` is linked to (see
    find_or_create_people); the line itself, when already stored, is not counted."""
    existing = _people_by_name(session, [name], unit_code, line_id, era).get(name, set())
    if len(existing) == 1:
        return next(iter(existing))
    person = Person(full_name=name, search_key=fold(name))
    session.add(person)
    session.flush()
    assert person.id is not None
    return person.id


def same_name_candidates(
    session: Session, name: str, unit_code: str, era: str = DEFAULT_ERA
) -> list[Person]:
    """The people of the district whose memberships carry exactly this name: what the UI
    offers as "the same person?" for a line of `unit_code`."""
    ids = _people_by_name(session, [name], unit_code, era=era).get(name, set())
    if not ids:
        return []
    return list(session.scalars(select(Person).where(Person.id.in_(ids)).order_by(Person.id)))


def forget_unlinked(session: Session, person_ids: Iterable[int]) -> None:
    """Delete those of these people that no membership links any more."""
    ids = [person_id for person_id in set(person_ids) if person_id is not None]
    if not ids:
        return
    session.flush()
    linked = exists().where(Membership.person_id == Person.id)
    session.execute(
        delete(Person).where(Person.id.in_(ids)).where(~linked),
        execution_options={"synchronize_session": False},
    )


def _membership(session: Session, membership_id: int) -> Membership:
    line = session.get(Membership, membership_id, with_for_update=True, populate_existing=True)
    if line is None:
        raise UnknownMember(membership_id)
    return line


def link_membership(session: Session, membership_id: int, person_id: int) -> Membership:
    """Link a roster line to a person (the same human being as in other lines). Names are
    never changed: the line keeps the name written on its decision."""
    line = _membership(session, membership_id)
    if session.get(Person, person_id) is None:
        raise UnknownPerson(person_id)
    previous = line.person_id
    if previous != person_id:
        line.person_id = person_id
        session.add(line)
        forget_unlinked(session, [previous])
        session.flush()
    return line


def unlink_membership(session: Session, membership_id: int) -> Membership:
    """Give a roster line a person of its own, named as the line is; a line already alone
    with its person is left as it is."""
    line = _membership(session, membership_id)
    others = session.scalar(
        select(Membership.id)
        .where(Membership.person_id == line.person_id)
        .where(Membership.id != line.id)
        .limit(1)
    )
    if others is not None:
        person = Person(full_name=line.full_name, search_key=fold(line.full_name))
        session.add(person)
        session.flush()
        assert person.id is not None
        line.person_id = person.id
        session.add(line)
        session.flush()
    return line


def search_people(session: Session, query: str, limit: int = 20) -> list[Person]:
    """People whose name contains the query, ignoring diacritics and case: those whose name
    starts with it first (committee.store.search_index)."""
    from committee.store.search_index import people_matching

    ids = people_matching(session, fold(query), limit)
    if not ids:
        return []
    people = {
        person.id: person for person in session.scalars(select(Person).where(Person.id.in_(ids)))
    }
    return [people[person_id] for person_id in ids if person_id in people]


@dataclass(frozen=True)
class MembershipRecord:
    """One seat a person held: which decision, which unit, which role and post, and the
    name as that decision wrote it."""

    membership_id: int
    decision_id: int
    decision_number: str
    signed_on: date | None
    decision_status: str
    unit_code: str
    unit_name: str
    role: Role
    title: str
    name: str = ""
    unit_era: str = DEFAULT_ERA


def memberships_of(session: Session, person_id: int) -> list[MembershipRecord]:
    """Every seat the person held, newest decision first."""
    rows = session.execute(
        select(Membership, Decision, AdminUnit)
        .join(Decision, Decision.id == Membership.decision_id)
        .join(
            AdminUnit,
            (AdminUnit.era == Decision.unit_era) & (AdminUnit.code == Decision.unit_code),
        )
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
            membership.full_name,
            unit.era,
        )
        for membership, decision, unit in rows
    ]
