"""Search for people and units by name, ignoring diacritics and case: plain records for an
interface's result list.

A person is shown with their latest seat (unit, post as written, decision), so that two
people of the same name can be told apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlmodel import Session

from committee.domain.vocabulary import DEFAULT_ERA, Era, Level, Role
from committee.store.models import AdminUnit, Decision, Membership
from committee.usecases.people import search_people
from committee.usecases.units import search_units


class ResultKind(StrEnum):
    PERSON = "person"
    UNIT = "unit"


@dataclass(frozen=True, slots=True)
class LatestSeat:
    """The seat a person holds on their latest decision."""

    unit_code: str
    unit_name: str
    role: Role
    title: str
    decision_id: int
    decision_number: str
    signed_on: date | None
    unit_era: Era = DEFAULT_ERA


@dataclass(frozen=True, slots=True)
class SearchResult:
    kind: ResultKind
    key: str  # the person's id, or the unit's code
    name: str
    seat: LatestSeat | None = None  # a person's latest seat
    era: Era | None = None  # a unit's era (its code means that unit within it)


def _latest_seats(session: Session, person_ids: list[int]) -> dict[int, LatestSeat]:
    rows = session.execute(
        select(
            Membership.person_id,
            AdminUnit.code,
            AdminUnit.name,
            Membership.role,
            Membership.title,
            Decision.id,
            Decision.number,
            Decision.signed_on,
            AdminUnit.era,
        )
        .join(Decision, Decision.id == Membership.decision_id)
        .join(
            AdminUnit,
            (AdminUnit.era == Decision.unit_era) & (AdminUnit.code == Decision.unit_code),
        )
        .where(Membership.person_id.in_(person_ids))
        .order_by(Decision.signed_on.desc().nulls_last(), Decision.id.desc())
    ).all()
    seats: dict[int, LatestSeat] = {}
    for person_id, code, name, role, title, decision_id, number, signed_on, era in rows:
        if person_id not in seats:
            seats[person_id] = LatestSeat(
                code, name, Role(role), title, decision_id, number, signed_on, Era(era)
            )
    return seats


def search(
    session: Session, query: str, limit: int = 15, era: Era | None = None
) -> list[SearchResult]:
    """People, then units (of district and commune level, of the era or of every era),
    whose name holds the query."""
    people = search_people(session, query, limit=limit)
    seats = _latest_seats(session, [person.id for person in people if person.id is not None])
    results = [
        SearchResult(ResultKind.PERSON, str(person.id), person.full_name, seats.get(person.id))
        for person in people
        if person.id is not None
    ]
    results += [
        SearchResult(ResultKind.UNIT, unit.code, unit.name, era=Era(unit.era))
        for unit in search_units(session, query, limit=limit, era=era)
        if unit.level != Level.PROVINCE
    ]
    return results
