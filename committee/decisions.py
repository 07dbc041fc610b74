"""Use-cases on decisions and their rosters: record, edit, issue, supersede.

Each function takes a session and leaves committing to the caller
(`Database.transaction()`), so that a whole action is saved or nothing is.
Composition problems (no chair, a person twice) are not refused here: the
compliance check reports them. What is refused is input that cannot be stored
as it is (a malformed number, a date in the future, an empty name) and any
change to an issued decision.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from committee import validation
from committee.errors import InvalidInput, NotFound, ReadOnlyDecision
from committee.facts import RecognisedTitle
from committee.models import AdminUnit, Decision, Membership, Person
from committee.people import find_or_create_person
from committee.posts import post_catalogue
from committee.text import clean
from committee.titles import recognise_title
from committee.units import get_unit, to_ref, unit_index
from committee.vocabulary import DecisionStatus, Portfolio, Role


@dataclass(frozen=True)
class DecisionDetails:
    """What a clerk types about a decision itself."""

    number: str
    signed_on: date | None
    signer: str = ""
    regulation_number: str | None = None  # Quy chế hoạt động
    regulation_date: date | None = None


@dataclass(frozen=True)
class MemberInput:
    """What a clerk types about one roster line.

    `post_kind` is given when the post was picked from the catalogue; otherwise it is
    recognised from `title`. `portfolio` likewise overrides what the title says.
    """

    name: str
    role: Role
    title: str = ""
    duties: str = ""
    phone: str = ""
    note: str = ""
    post_kind: str | None = None
    portfolio: Portfolio | None = None


def _validated(details: DecisionDetails, today: date | None = None) -> DecisionDetails:
    return DecisionDetails(
        number=validation.decision_number(details.number),
        signed_on=validation.past_date(details.signed_on, "signed_on", "Ngày ký", today),
        signer=validation.signer(details.signer),
        regulation_number=validation.optional_decision_number(
            details.regulation_number, "regulation_number"
        ),
        regulation_date=validation.past_date(
            details.regulation_date, "regulation_date", "Ngày ban hành Quy chế", today
        ),
    )


def get_decision(session: Session, decision_id: int) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound(f"Không tìm thấy quyết định số hiệu nội bộ {decision_id}.")
    return decision


def _editable(session: Session, decision_id: int) -> Decision:
    decision = get_decision(session, decision_id)
    if decision.is_issued:
        raise ReadOnlyDecision(
            f"Quyết định {decision.number} đã ban hành nên không sửa được; "
            "hãy lập quyết định kiện toàn mới thay thế nó."
        )
    return decision


def current_decision(session: Session, unit_code: str) -> Decision | None:
    """The issued decision in force: the newest issued one no issued decision supersedes."""
    later = aliased(Decision)
    superseded = (
        exists()
        .where(later.supersedes_id == Decision.id)
        .where(later.status == DecisionStatus.ISSUED.value)
    )
    return session.scalars(
        select(Decision)
        .where(Decision.unit_code == unit_code)
        .where(Decision.status == DecisionStatus.ISSUED.value)
        .where(~superseded)
        .order_by(Decision.id.desc())
        .limit(1)
    ).first()


def list_decisions(session: Session, unit_code: str) -> list[Decision]:
    """The unit's decisions: the one in force first, then drafts, then older ones, newest first."""
    unit = get_unit(session, unit_code)
    decisions = session.scalars(
        select(Decision)
        .where(Decision.unit_code == unit.code)
        .order_by(Decision.signed_on.desc().nulls_first(), Decision.id.desc())
    ).all()
    current = current_decision(session, unit.code)

    def order(decision: Decision) -> int:
        if current is not None and decision.id == current.id:
            return 0
        return 1 if not decision.is_issued else 2

    return sorted(decisions, key=order)


def create_draft(
    session: Session,
    unit_code: str,
    details: DecisionDetails,
    copy_current_roster: bool = False,
) -> Decision:
    """A new draft decision (kiện toàn) for the unit, optionally starting from the roster
    of the decision in force."""
    unit = get_unit(session, unit_code)
    clean_details = _validated(details)
    decision = Decision(
        unit_code=unit.code,
        number=clean_details.number,
        signed_on=clean_details.signed_on,
        signer=clean_details.signer,
        regulation_number=clean_details.regulation_number,
        regulation_date=clean_details.regulation_date,
        status=DecisionStatus.DRAFT.value,
    )
    session.add(decision)
    session.flush()
    current = current_decision(session, unit.code)
    if copy_current_roster and current is not None:
        for line in roster(session, current.id):
            session.add(
                Membership(**line.model_dump(exclude={"id"}) | {"decision_id": decision.id})
            )
        session.flush()
    return decision


def update_details(session: Session, decision_id: int, details: DecisionDetails) -> Decision:
    decision = _editable(session, decision_id)
    clean_details = _validated(details)
    decision.number = clean_details.number
    decision.signed_on = clean_details.signed_on
    decision.signer = clean_details.signer
    decision.regulation_number = clean_details.regulation_number
    decision.regulation_date = clean_details.regulation_date
    session.add(decision)
    session.flush()
    return decision


def issue(session: Session, decision_id: int) -> Decision:
    """Issue a draft: it becomes read-only and supersedes the decision in force."""
    decision = _editable(session, decision_id)
    if decision.signed_on is None:
        raise InvalidInput("signed_on", "Chưa có ngày ký; nhập ngày ký trước khi ban hành.")
    previous = current_decision(session, decision.unit_code)
    decision.supersedes_id = previous.id if previous is not None else None
    decision.status = DecisionStatus.ISSUED.value
    decision.issued_at = datetime.now()
    session.add(decision)
    session.flush()
    return decision


def delete_draft(session: Session, decision_id: int) -> None:
    decision = _editable(session, decision_id)
    for line in roster(session, decision.id):
        session.delete(line)
    session.delete(decision)
    session.flush()


def roster(session: Session, decision_id: int) -> list[Membership]:
    return list(
        session.scalars(
            select(Membership)
            .where(Membership.decision_id == decision_id)
            .order_by(Membership.position, Membership.id)
        )
    )


def roster_with_people(session: Session, decision_id: int) -> list[tuple[Membership, Person]]:
    return [
        (membership, person)
        for membership, person in session.execute(
            select(Membership, Person)
            .join(Person, Person.id == Membership.person_id)
            .where(Membership.decision_id == decision_id)
            .order_by(Membership.position, Membership.id)
        ).all()
    ]


def recognise(session: Session, title: str, unit: AdminUnit) -> RecognisedTitle:
    return recognise_title(title, to_ref(unit), unit_index(session))


def _post_facts(session: Session, member: MemberInput, unit: AdminUnit) -> RecognisedTitle:
    recognised = recognise(session, member.title, unit)
    if member.post_kind is not None:
        post = post_catalogue().get(member.post_kind)
        if post is None:
            raise InvalidInput(
                "post_kind", f"Không có chức vụ «{member.post_kind}» trong danh mục."
            )
        same_post = recognised.post_kind == member.post_kind
        recognised = RecognisedTitle(
            post.key,
            recognised.unit_code if same_post else unit.code,
            recognised.portfolio if same_post else Portfolio.NONE,
            post.heads,
        )
    if member.portfolio is not None:
        recognised = replace(recognised, portfolio=member.portfolio)
    return recognised


def _fill(session: Session, line: Membership, member: MemberInput, unit: AdminUnit) -> None:
    name = validation.person_name(member.name)
    post = _post_facts(session, member, unit)
    line.person_id = find_or_create_person(session, name, unit.code).id
    line.role = Role(member.role).value
    line.title = clean(member.title)
    line.post_kind = post.post_kind
    line.post_unit_code = post.unit_code
    line.portfolio = post.portfolio.value
    line.duties = clean(member.duties)
    line.phone = clean(member.phone)
    line.note = clean(member.note)


def _renumber(session: Session, lines: list[Membership]) -> None:
    for position, line in enumerate(lines, start=1):
        if line.position != position:
            line.position = position
            session.add(line)


def add_member(
    session: Session, decision_id: int, member: MemberInput, position: int | None = None
) -> Membership:
    """Add a roster line; by default after the last line of the same or a higher role,
    so that the roster keeps its printed order."""
    decision = _editable(session, decision_id)
    unit = get_unit(session, decision.unit_code)
    line = Membership(decision_id=decision.id, person_id=0, role=member.role.value, position=0)
    _fill(session, line, member, unit)
    lines = roster(session, decision.id)
    if position is None:
        rank = Role(member.role).rank
        position = 1 + sum(1 for other in lines if Role(other.role).rank <= rank)
    position = max(1, min(position, len(lines) + 1))
    lines.insert(position - 1, line)
    session.add(line)
    _renumber(session, lines)
    session.flush()
    return line


def _line(session: Session, membership_id: int) -> tuple[Membership, Decision]:
    line = session.get(Membership, membership_id)
    if line is None:
        raise NotFound(f"Không tìm thấy thành viên số hiệu nội bộ {membership_id}.")
    return line, _editable(session, line.decision_id)


def update_member(session: Session, membership_id: int, member: MemberInput) -> Membership:
    line, decision = _line(session, membership_id)
    _fill(session, line, member, get_unit(session, decision.unit_code))
    session.add(line)
    session.flush()
    return line


def move_member(session: Session, membership_id: int, position: int) -> Membership:
    """Put a line at the given 1-based place; the others close up around it."""
    line, decision = _line(session, membership_id)
    lines = [other for other in roster(session, decision.id) if other.id != line.id]
    position = max(1, min(position, len(lines) + 1))
    lines.insert(position - 1, line)
    _renumber(session, lines)
    session.flush()
    return line


def remove_member(session: Session, membership_id: int) -> None:
    line, decision = _line(session, membership_id)
    session.delete(line)
    session.flush()
    _renumber(session, roster(session, decision.id))
    session.flush()
