"""Use-case: check the decisions in the database against the rule pack.

Bulk reads go through plain column queries (no ORM objects), so that checking every
committee of a province, or of the country, is one query for decisions and one for
their members.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, func, select
from sqlmodel import Session

from committee.compliance import check_committee, committee_status
from committee.errors import NotFound
from committee.facts import CommitteeFacts, DecisionFacts, Finding, MemberFacts, UnitRef
from committee.models import AdminUnit, Decision, Membership, Person
from committee.rule_pack import RulePack, load_rule_pack
from committee.text import clean
from committee.units import get_unit, list_units, to_ref
from committee.vocabulary import (
    NO_DECISION_LABEL,
    CommitteeStatus,
    DecisionStatus,
    Level,
    Portfolio,
    Role,
)

_IN_LIST_LIMIT = 500  # above this many units, filter in Python rather than in SQL


@dataclass(frozen=True)
class CommitteeReport:
    """One committee's verdict."""

    unit: UnitRef
    decision_id: int | None
    decision: DecisionFacts | None
    member_count: int
    findings: tuple[Finding, ...]

    @property
    def status(self) -> CommitteeStatus:
        return committee_status(self.findings)

    @property
    def status_label(self) -> str:
        return NO_DECISION_LABEL if self.decision is None else self.status.label

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def to_json(self) -> dict[str, Any]:
        return {
            "unit_code": self.unit.code,
            "unit_name": self.unit.name,
            "level": self.unit.level.value,
            "decision": None
            if self.decision is None
            else {
                "number": self.decision.number,
                "signed_on": self.decision.signed_on.isoformat()
                if self.decision.signed_on
                else None,
            },
            "status": self.status.value,
            "findings": [
                {
                    "code": finding.code,
                    "severity": finding.severity.value,
                    "message": finding.message,
                    "member": finding.member,
                }
                for finding in self.findings
            ],
        }


@dataclass(frozen=True)
class CheckReport:
    rules_version: str
    committees: tuple[CommitteeReport, ...] = field(default_factory=tuple)

    @property
    def has_errors(self) -> bool:
        return any(c.status is CommitteeStatus.ERROR for c in self.committees)

    def summary(self) -> dict[str, int]:
        counts = {status.value: 0 for status in CommitteeStatus}
        for committee in self.committees:
            counts[committee.status.value] += 1
        return {"committees": len(self.committees), **counts}

    def to_json(self) -> dict[str, Any]:
        return {
            "rules_version": self.rules_version,
            "committees": [committee.to_json() for committee in self.committees],
            "summary": self.summary(),
        }


def select_units(
    session: Session, unit_codes: Iterable[str] = (), district: str | None = None
) -> list[UnitRef]:
    """The committees to check: the given units, a district with its communes, or
    (neither given) every district and commune in the database, in tree order."""
    chosen: dict[str, UnitRef] = {}
    for code in unit_codes:
        unit = get_unit(session, code)
        if unit.level == Level.PROVINCE:
            raise NotFound(
                f"{unit.name} là cấp tỉnh; bcd138 kiểm tra Ban Chỉ đạo cấp huyện, cấp xã."
            )
        chosen[unit.code] = to_ref(unit)
    if district is not None:
        parent = get_unit(session, district)
        if parent.level != Level.DISTRICT:
            raise NotFound(f"Mã «{clean(district)}» là {parent.name}, không phải đơn vị cấp huyện.")
        chosen[parent.code] = to_ref(parent)
        for unit in session.scalars(
            select(AdminUnit).where(AdminUnit.parent_code == parent.code).order_by(AdminUnit.code)
        ):
            chosen[unit.code] = to_ref(unit)
    if unit_codes or district is not None:
        return list(chosen.values())
    return [to_ref(unit) for unit in list_units(session) if unit.level != Level.PROVINCE]


def _current_decision_ids():  # type: ignore[no-untyped-def]
    """Subquery: each unit's decision in force (newest issued one not superseded)."""
    superseded = (
        select(Decision.supersedes_id)
        .where(Decision.status == DecisionStatus.ISSUED.value)
        .where(Decision.supersedes_id.is_not(None))
    )
    return (
        select(func.max(Decision.id))
        .where(Decision.status == DecisionStatus.ISSUED.value)
        .where(Decision.id.not_in(superseded))
        .group_by(Decision.unit_code)
    )


# Roster lines as the checks need them, in roster order, without building ORM objects.
_MEMBER_ROWS = (
    select(
        Membership.decision_id,
        Membership.position,
        Person.full_name,
        Membership.person_id,
        Membership.role,
        Membership.title,
        Membership.post_kind,
        Membership.post_unit_code,
        Membership.portfolio,
        Membership.duties,
    )
    .join(Person, Person.id == Membership.person_id)
    .order_by(Membership.decision_id, Membership.position, Membership.id)
)


def _member_facts(row: Row[Any]) -> MemberFacts:
    return MemberFacts(
        position=row.position,
        name=row.full_name,
        person_key=str(row.person_id),
        role=Role(row.role),
        title=row.title,
        post_kind=row.post_kind,
        post_unit_code=row.post_unit_code,
        portfolio=Portfolio(row.portfolio),
        duties=row.duties,
    )


def load_committee_facts(
    session: Session, units: list[UnitRef]
) -> list[tuple[int | None, CommitteeFacts]]:
    """Each unit's decision in force with its members, read in two bulk queries."""
    wanted = {unit.code for unit in units}
    narrow = len(wanted) <= _IN_LIST_LIMIT
    decision_query = select(
        Decision.id,
        Decision.unit_code,
        Decision.number,
        Decision.signed_on,
        Decision.regulation_number,
        Decision.regulation_date,
    ).where(Decision.id.in_(_current_decision_ids()))
    if narrow:
        decision_query = decision_query.where(Decision.unit_code.in_(wanted))
    decisions: dict[str, tuple[int, DecisionFacts]] = {}
    for row in session.execute(decision_query):
        if row.unit_code in wanted:
            decisions[row.unit_code] = (
                row.id,
                DecisionFacts(
                    row.number, row.signed_on, row.regulation_number, row.regulation_date
                ),
            )

    member_query = _MEMBER_ROWS
    if narrow:
        member_query = member_query.where(
            Membership.decision_id.in_([decision_id for decision_id, _ in decisions.values()])
        )
    else:
        member_query = member_query.where(Membership.decision_id.in_(_current_decision_ids()))
    members: dict[int, list[MemberFacts]] = defaultdict(list)
    for row in session.execute(member_query):
        members[row.decision_id].append(_member_facts(row))

    result: list[tuple[int | None, CommitteeFacts]] = []
    for unit in units:
        if unit.code in decisions:
            decision_id, decision = decisions[unit.code]
            result.append(
                (decision_id, CommitteeFacts(unit, decision, tuple(members.get(decision_id, ()))))
            )
        else:
            result.append((None, CommitteeFacts(unit, None)))
    return result


def check_units(
    session: Session, units: list[UnitRef], pack: RulePack | None = None
) -> CheckReport:
    """Check the decision in force of each unit; a unit without one gets BCD404."""
    pack = pack or load_rule_pack()
    reports = []
    for decision_id, facts in load_committee_facts(session, units):
        reports.append(
            CommitteeReport(
                facts.unit,
                decision_id,
                facts.decision,
                len(facts.members),
                tuple(check_committee(facts, pack)),
            )
        )
    return CheckReport(pack.version, tuple(reports))


def decision_facts(session: Session, decision_id: int) -> CommitteeFacts:
    """Any one decision (a draft included) as the checks see it."""
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound(f"Không tìm thấy quyết định số hiệu nội bộ {decision_id}.")
    unit = to_ref(get_unit(session, decision.unit_code))
    rows = session.execute(_MEMBER_ROWS.where(Membership.decision_id == decision_id))
    members = tuple(_member_facts(row) for row in rows)
    return CommitteeFacts(
        unit,
        DecisionFacts(
            decision.number,
            decision.signed_on,
            decision.regulation_number,
            decision.regulation_date,
        ),
        members,
    )


def check_decision(
    session: Session, decision_id: int, pack: RulePack | None = None
) -> list[Finding]:
    """Findings of one decision, draft or issued: what the editor shows as the draft changes."""
    return check_committee(decision_facts(session, decision_id), pack or load_rule_pack())
