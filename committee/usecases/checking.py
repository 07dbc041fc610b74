"""Use-case: check the decisions in the database against the rule pack.

Bulk reads go through plain column queries (no ORM objects), so that checking every
committee of a province, or of the country, is one query for decisions and one for
their members.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlmodel import Session

from committee.catalogue.posts import post_catalogue
from committee.domain.records import CommitteeFacts, DecisionFacts, Finding, MemberFacts, UnitRef
from committee.domain.vocabulary import (
    DEFAULT_ERA,
    Era,
    Level,
    Portfolio,
    Role,
)
from committee.rules.engine import check_committee
from committee.rules.pack import RulePack, rule_pack_for
from committee.rules.report import CheckReport, CommitteeReport
from committee.store.database import bulk_allocation, driver_rows
from committee.store.models import AdminUnit, CommitteeDocument, Decision, Membership
from committee.usecases.decisions import get_decision, in_force_ids
from committee.usecases.documents import (
    REGULATION,
    choose_regulation,
    effective_duties_column,
    regulation_of,
)
from committee.usecases.units import (
    child_unit_refs,
    committee_unit,
    district_unit,
    list_units,
    to_ref,
    unit_of,
    unit_refs_in_tree_order,
)

# Which decisions to read: those of the units asked for, named in the SQL, when they are
# few (a district and its communes) or a small part of the database; otherwise every
# decision in force, the units not asked for left out in Python (a province of its own,
# a whole country). Above _IN_LIST_LIMIT units (SQLite before 3.32 takes 999 values in a
# statement), always the latter.
_IN_LIST_LIMIT = 900
_FEW_UNITS = 50


def select_units(
    session: Session,
    unit_codes: Iterable[str] = (),
    district: str | None = None,
    era: Era | None = DEFAULT_ERA,
    province: str | None = None,
) -> list[UnitRef]:
    """The committees to check: the given units of the era (by default the legacy one), a
    district with its communes, a province's committees, or (none given) every district
    and commune of the era in the database (era None: of every era), in tree order."""
    everywhere = era
    era = Era(era) if era is not None else DEFAULT_ERA
    chosen: dict[str, UnitRef] = {}
    for code in unit_codes:
        unit = committee_unit(session, code, era)
        chosen[unit.code] = to_ref(unit)
    if district is not None:
        parent = district_unit(session, district, era)
        if parent.level != Level.PROVINCE:
            chosen[parent.code] = to_ref(parent)
        for unit in child_unit_refs(session, [parent.code], era):
            chosen[unit.code] = unit
    if province is not None:
        chosen.update(
            (unit.code, to_ref(unit))
            for unit in list_units(session, era=era, province=province)
            if unit.level != Level.PROVINCE
        )
    if unit_codes or district is not None or province is not None:
        return list(chosen.values())
    return [
        unit
        for unit in unit_refs_in_tree_order(session, everywhere)
        if unit.level is not Level.PROVINCE
    ]


# Roster lines as the checks need them, in roster order, without building ORM objects: the
# name as the decision writes it, the duties in force (committee.usecases.documents).
_MEMBER_ROWS = select(
    Membership.decision_id,
    Membership.position,
    Membership.full_name,
    Membership.person_id,
    Membership.role,
    Membership.title,
    Membership.post_kind,
    Membership.post_unit_code,
    Membership.portfolio,
    effective_duties_column(),
).order_by(Membership.decision_id, Membership.position, Membership.id)
_ROLES = {role.value: role for role in Role}
_PORTFOLIOS = {portfolio.value: portfolio for portfolio in Portfolio}


def _rosters(
    batches: Iterable[Iterable[Sequence[Any]]],
) -> Iterator[tuple[int, list[MemberFacts]]]:
    """_MEMBER_ROWS rows, in batches, as (decision id, its members in roster order), one
    decision at a time (the rows come ordered by decision).

    This runs once per roster line of every committee checked (some 160,000 for the whole
    country): rows are plain tuples from the driver, unpacked in place, and the enums are
    found by value in a dictionary (an unknown value still fails as the enum call would).
    """
    roles, portfolios = _ROLES, _PORTFOLIOS
    # A MemberFacts (a NamedTuple) made as the tuple of its fields, by tuple's own
    # constructor: the class call, and `_make`, go through a Python-level function first
    # (a third of this loop's own time).
    new_tuple = tuple.__new__
    current_id: int | None = None
    current: list[MemberFacts] = []
    try:
        for rows in batches:
            for (
                decision_id,
                position,
                name,
                person_id,
                role,
                title,
                post_kind,
                post_unit_code,
                portfolio,
                duties,
            ) in rows:
                if decision_id != current_id:
                    if current_id is not None:
                        yield current_id, current
                    current_id, current = decision_id, []
                current.append(
                    new_tuple(
                        MemberFacts,
                        (
                            position,
                            name,
                            str(person_id),
                            roles[role],
                            title,
                            post_kind,
                            post_unit_code,
                            portfolios[portfolio],
                            duties,
                        ),
                    )
                )
    except KeyError:  # a value no member of the enum has: fail as the enum call does
        Role(role)
        Portfolio(portfolio)
        raise
    if current_id is not None:
        yield current_id, current


def _decisions_in_force(
    session: Session, units: list[UnitRef]
) -> tuple[dict[tuple[str, str], tuple[int, DecisionFacts]], Select[Any]]:
    """The decision in force of each unit that has one (by the unit's era and code), and
    the query of their members."""
    wanted = {(str(unit.era), unit.code) for unit in units}
    codes = {code for _, code in wanted}
    narrow = len(codes) <= _IN_LIST_LIMIT and (
        len(codes) <= _FEW_UNITS
        or 2 * len(codes) < (session.scalar(select(func.count()).select_from(AdminUnit)) or 0)
    )
    in_force = in_force_ids(codes if narrow else None, era=None)
    decision_query = select(
        Decision.id, Decision.unit_era, Decision.unit_code, Decision.number, Decision.signed_on
    ).where(Decision.id.in_(in_force))
    regulation_query = select(
        CommitteeDocument.decision_id,
        CommitteeDocument.id,
        CommitteeDocument.number,
        CommitteeDocument.signed_on,
    ).where(CommitteeDocument.kind == REGULATION, CommitteeDocument.decision_id.in_(in_force))
    connection = session.connection()
    regulations: dict[int, list[tuple[int, str | None, Any]]] = {}
    for decision_id, document_id, number, signed_on in connection.execute(regulation_query):
        regulations.setdefault(decision_id, []).append((document_id, number, signed_on))
    decisions: dict[tuple[str, str], tuple[int, DecisionFacts]] = {}
    for decision_id, era, code, number, signed_on in connection.execute(decision_query).all():
        if (era, code) in wanted:
            regulation = choose_regulation(signed_on, regulations.get(decision_id, ()))
            decisions[(era, code)] = (
                decision_id,
                DecisionFacts(number, signed_on, *regulation),
            )
    if narrow:
        ids = [decision_id for decision_id, _ in decisions.values()]
        return decisions, _MEMBER_ROWS.where(Membership.decision_id.in_(ids))
    return decisions, rosters_in_force()


def rosters_in_force() -> Select[Any]:
    """The roster lines of every decision in force, in roster order: what a check of
    every committee reads (the benchmarks time a raw fetch of the same query)."""
    return _MEMBER_ROWS.where(Membership.decision_id.in_(in_force_ids()))


def load_committee_facts(
    session: Session, units: list[UnitRef]
) -> list[tuple[int | None, CommitteeFacts]]:
    """Each unit's decision in force with its members, read in two bulk queries."""
    decisions, member_query = _decisions_in_force(session, units)
    members = dict(_rosters(driver_rows(session, member_query)))
    result: list[tuple[int | None, CommitteeFacts]] = []
    for unit in units:
        key = (str(unit.era), unit.code)
        if key in decisions:
            decision_id, decision = decisions[key]
            result.append(
                (decision_id, CommitteeFacts(unit, decision, tuple(members.get(decision_id, ()))))
            )
        else:
            result.append((None, CommitteeFacts(unit, None)))
    return result


def check_units(
    session: Session, units: list[UnitRef], pack: RulePack | None = None
) -> CheckReport:
    """Check the decision in force of each unit; a unit without one gets BCD404.

    Read in two bulk queries; each committee is checked as soon as its roster is read and
    its members are let go, so that checking the whole country stays light and quick.
    """

    def pack_of(unit: UnitRef) -> RulePack:
        return pack if pack is not None else rule_pack_for(unit.era)

    catalogue = post_catalogue()
    with bulk_allocation():
        decisions, member_query = _decisions_in_force(session, units)
        in_force = {decision_id: key for key, (decision_id, _) in decisions.items()}
        by_key = {(str(unit.era), unit.code): unit for unit in units}
        checked: dict[tuple[str, str], CommitteeReport] = {}
        for decision_id, members in _rosters(driver_rows(session, member_query)):
            key = in_force.get(decision_id)
            if key is None:  # a unit not asked for (a wide query reads every unit)
                continue
            unit = by_key[key]
            facts = CommitteeFacts(unit, decisions[key][1], tuple(members))
            checked[key] = CommitteeReport(
                facts.unit,
                decision_id,
                facts.decision,
                len(members),
                tuple(check_committee(facts, pack_of(unit), catalogue)),
            )
        reports = []
        for unit in units:
            key = (str(unit.era), unit.code)
            report = checked.get(key)
            if report is None:  # no decision in force, or one with no members yet
                decision_id, decision = decisions.get(key, (None, None))
                facts = CommitteeFacts(unit, decision)
                report = CommitteeReport(
                    unit,
                    decision_id,
                    decision,
                    0,
                    tuple(check_committee(facts, pack_of(unit), catalogue)),
                )
            reports.append(report)
    versions = dict.fromkeys(pack_of(unit).version for unit in units)
    if not versions:
        versions[(pack or rule_pack_for(DEFAULT_ERA)).version] = None
    return CheckReport(", ".join(versions), tuple(reports))


def decision_facts(session: Session, decision_id: int) -> CommitteeFacts:
    """Any one decision (a draft included) as the checks see it."""
    decision = get_decision(session, decision_id)
    unit = to_ref(unit_of(session, decision))
    rows = driver_rows(session, _MEMBER_ROWS.where(Membership.decision_id == decision_id))
    members = tuple(dict(_rosters(rows)).get(decision_id, ()))
    return CommitteeFacts(
        unit,
        DecisionFacts(decision.number, decision.signed_on, *regulation_of(session, decision)),
        members,
    )


def check_decision(
    session: Session, decision_id: int, pack: RulePack | None = None
) -> list[Finding]:
    """Findings of one decision, draft or issued: what the editor shows as the draft changes."""
    facts = decision_facts(session, decision_id)
    return check_committee(facts, pack or rule_pack_for(facts.unit.era))
