"""Use-cases on decisions and their rosters: record, edit, issue, supersede, delete.

Each function takes a session and leaves committing to the caller
(`Database.transaction()`), so that a whole action is saved or nothing is.
Composition problems (no chair, a person twice) are not refused here: the
compliance check reports them. What is refused is input that cannot be stored
as it is (a malformed number, a date in the future, an empty or too long name), any
change to an issued decision, and a change based on an older reading of the record
(committee.store.concurrency): every change takes the decision's row lock and reads it afresh.

A unit's decision in force is the one marked `in_force`; issuing a kiện toàn moves the
mark and links the new decision to the one it supersedes. A kiện toàn signed before the
decision in force is refused, unless the clerk confirms it is a late entry of an older
decision: then it is stored as issued history, not in force, superseding nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import Select, delete, select
from sqlmodel import Session

from committee.catalogue.posts import post_catalogue
from committee.catalogue.titles import recognise_title
from committee.domain import field_limits as limits
from committee.domain import validation
from committee.domain.dates import format_date
from committee.domain.errors import (
    InvalidInput,
    ReadOnlyDecision,
    UnknownDecision,
    UnknownMember,
)
from committee.domain.records import RecognisedTitle
from committee.domain.text import clean
from committee.domain.vocabulary import (
    DEFAULT_ERA,
    DecisionStatus,
    DocumentKind,
    Era,
    Portfolio,
    Role,
)
from committee.store import register
from committee.store.concurrency import check_version, flush, lock_unit, locked, read_locked, touch
from committee.store.models import AdminUnit, CommitteeDocument, Decision, Membership, Person
from committee.usecases import documents
from committee.usecases.people import forget_unlinked, person_for_line
from committee.usecases.units import get_unit, to_ref, unit_index, unit_of


@dataclass(frozen=True)
class DecisionDetails:
    """What a clerk types about a decision itself, with the Quy chế it is issued with."""

    number: str
    signed_on: date | None
    signer: str = ""
    regulation_number: str | None = None  # Quy chế hoạt động; goes with regulation_date
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


def validated_details(details: DecisionDetails, today: date | None = None) -> DecisionDetails:
    """The details in their stored form, or InvalidInput naming the field."""
    number = validation.decision_number(details.number)
    limits.within_limit(number, limits.DECISION_NUMBER, "number", "Số quyết định")
    regulation_number, regulation_date = documents.document_reference(
        details.regulation_number,
        details.regulation_date,
        DocumentKind.REGULATION,
        number_field="regulation_number",
        date_field="regulation_date",
        today=today,
    )
    return DecisionDetails(
        number=number,
        signed_on=validation.past_date(details.signed_on, "signed_on", "Ngày ký", today),
        signer=documents.signer_name(details.signer),
        regulation_number=regulation_number,
        regulation_date=regulation_date,
    )


def get_decision(session: Session, decision_id: int) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise UnknownDecision(decision_id)
    return decision


def decision_details(session: Session, decision_id: int) -> DecisionDetails:
    """A decision's details as the clerk's form shows them, with its Quy chế."""
    decision = get_decision(session, decision_id)
    regulation_number, regulation_date = documents.regulation_of(session, decision)
    return DecisionDetails(
        decision.number, decision.signed_on, decision.signer, regulation_number, regulation_date
    )


def _read_only(decision: Decision) -> ReadOnlyDecision:
    return ReadOnlyDecision(
        f"Quyết định {decision.number} đã ban hành nên không sửa được; "
        "hãy lập quyết định kiện toàn mới thay thế nó."
    )


def _editable(session: Session, decision_id: int, expected_version: int | None = None) -> Decision:
    """The draft under its row lock, read afresh: refused when issued meanwhile, or
    changed since it was read (`expected_version`, else this session's earlier reading)."""
    decision, seen = read_locked(session, Decision, decision_id)
    if decision is None:
        raise UnknownDecision(decision_id)
    if decision.is_issued:
        raise _read_only(decision)
    check_version(decision, expected_version if expected_version is not None else seen)
    return decision


def in_force_ids(
    unit_codes: Iterable[str] | None = None, era: Era | None = DEFAULT_ERA
) -> Select[tuple[int]]:
    """SQL: the id of each unit's decision in force (the one marked `in_force`: issued and
    not superseded), of every unit or of the units given, of the era given (era None: the
    units of those codes in every era)."""
    query = select(Decision.id).where(Decision.in_force)
    if unit_codes is not None:
        query = query.where(Decision.unit_code.in_(list(unit_codes)))
        if era is not None:
            query = query.where(Decision.unit_era == Era(era).value)
    return query


def _current_id(session: Session, unit_code: str, era: Era | str) -> int | None:
    return session.scalar(in_force_ids([unit_code], Era(era)))


def current_decision(session: Session, unit_code: str, era: Era = DEFAULT_ERA) -> Decision | None:
    """The unit's decision in force (issued and not superseded), or None."""
    decision_id = _current_id(session, unit_code, era)
    return session.get(Decision, decision_id) if decision_id is not None else None


def list_decisions(session: Session, unit_code: str, era: Era = DEFAULT_ERA) -> list[Decision]:
    """The unit's decisions: the one in force first, then drafts, then older ones, newest first."""
    unit = get_unit(session, unit_code, era)
    decisions = session.scalars(
        select(Decision)
        .where(Decision.unit_era == unit.era, Decision.unit_code == unit.code)
        .order_by(Decision.signed_on.desc().nulls_first(), Decision.id.desc())
    ).all()

    def order(decision: Decision) -> int:
        if decision.in_force:
            return 0
        return 1 if not decision.is_issued else 2

    return sorted(decisions, key=order)


def _refuse_same_number(
    session: Session, unit: AdminUnit, number: str, signed_on: date | None, own_id: int | None
) -> None:
    """A unit holds one decision per number and signing date."""
    if signed_on is None:
        return
    query = select(Decision.id, Decision.status).where(
        Decision.unit_era == unit.era,
        Decision.unit_code == unit.code,
        Decision.number == number,
        Decision.signed_on == signed_on,
    )
    if own_id is not None:
        query = query.where(Decision.id != own_id)
    found = session.execute(query).first()
    if found is not None:
        state = "đã ban hành" if found.status == DecisionStatus.ISSUED.value else "dự thảo"
        raise InvalidInput(
            "number",
            f"{unit.name} đã có Quyết định số {number} ngày {format_date(signed_on)} ({state}); "
            "một đơn vị không có hai quyết định cùng số và ngày ký.",
        )


def create_draft(
    session: Session,
    unit_code: str,
    details: DecisionDetails,
    copy_current_roster: bool = False,
    *,
    era: Era = DEFAULT_ERA,
) -> Decision:
    """A new draft decision (kiện toàn) for the unit of the era, optionally starting from
    the roster of the decision in force (its names as written, its duties in force)."""
    unit = get_unit(session, unit_code, era)
    clean_details = validated_details(details)
    _refuse_same_number(session, unit, clean_details.number, clean_details.signed_on, None)
    decision = Decision(
        unit_era=unit.era,
        unit_code=unit.code,
        number=clean_details.number,
        signed_on=clean_details.signed_on,
        signer=clean_details.signer,
        status=DecisionStatus.DRAFT.value,
    )
    session.add(decision)
    flush(session)
    documents.set_regulation_given_with(
        session, decision, clean_details.regulation_number, clean_details.regulation_date
    )
    current_id = _current_id(session, unit.code, unit.era)
    if copy_current_roster and current_id is not None:
        session.add_all(
            Membership(
                decision_id=decision.id,
                person_id=line.person_id,
                full_name=line.full_name,
                role=line.role,
                position=line.position,
                title=line.title,
                post_kind=line.post_kind,
                post_unit_era=line.post_unit_era,
                post_unit_code=line.post_unit_code,
                post_picked=line.post_picked,
                portfolio=line.portfolio,
                duties=duties,
                phone=line.phone,
                note=line.note,
            )
            for line, duties in documents.roster_with_duties(session, current_id)
        )
        flush(session)
    return decision


def update_details(
    session: Session,
    decision_id: int,
    details: DecisionDetails,
    expected_version: int | None = None,
) -> Decision:
    """Change a draft's details; `expected_version` is the version the clerk's form read.

    What needs no lock is asked before the draft's row lock is taken (what was typed, the
    clerk's right to write the unit, another decision of that number and date: the unique
    index backs that up), so that a clerk waiting for the same draft waits only for the
    write itself."""
    clean_details = validated_details(details)
    unit_key = session.execute(
        select(Decision.unit_era, Decision.unit_code).where(Decision.id == decision_id)
    ).first()
    if unit_key is None:
        raise UnknownDecision(decision_id)
    unit = get_unit(session, unit_key.unit_code, Era(unit_key.unit_era))
    register.require_writable(session, unit.era, unit.code)
    _refuse_same_number(session, unit, clean_details.number, clean_details.signed_on, decision_id)
    decision = _editable(session, decision_id, expected_version)
    decision.number = clean_details.number
    decision.signed_on = clean_details.signed_on
    decision.signer = clean_details.signer
    touch(decision)
    session.add(decision)
    flush(session)
    documents.set_regulation_given_with(
        session, decision, clean_details.regulation_number, clean_details.regulation_date
    )
    return decision


def issue(
    session: Session,
    decision_id: int,
    *,
    late_entry: bool = False,
    expected_version: int | None = None,
) -> Decision:
    """Issue a draft: it becomes read-only and supersedes the decision in force.

    A draft signed before the decision in force is refused, unless `late_entry` (the clerk
    confirms it is an older decision entered late): it is then issued as history, not in
    force, superseding nothing."""
    unit_key = session.execute(
        select(Decision.unit_era, Decision.unit_code).where(Decision.id == decision_id)
    ).first()
    if unit_key is None:
        raise UnknownDecision(decision_id)
    era, unit_code = unit_key
    lock_unit(session, unit_code, era)
    decision = _editable(session, decision_id, expected_version)
    if decision.signed_on is None:
        raise InvalidInput("signed_on", "Chưa có ngày ký; nhập ngày ký trước khi ban hành.")
    current_id = _current_id(session, unit_code, era)
    current = locked(session, Decision, current_id) if current_id is not None else None
    older = (
        current is not None
        and current.signed_on is not None
        and (decision.signed_on < current.signed_on)
    )
    if older and not late_entry:
        assert current is not None and current.signed_on is not None
        raise InvalidInput("signed_on", backdated_message(decision.signed_on, current))
    decision.status = DecisionStatus.ISSUED.value
    decision.issued_at = datetime.now()
    if older:
        decision.supersedes_id = None
        decision.in_force = False
    else:
        if current is not None:
            current.in_force = False  # first, so that the unit never has two in force
            session.add(current)
            flush(session)
        decision.supersedes_id = current.id if current is not None else None
        decision.in_force = True
    session.add(decision)
    flush(session)
    return decision


def backdated_message(signed_on: date, current: Decision) -> str:
    """Why a kiện toàn signed before the decision in force is refused, and what to do."""
    assert current.signed_on is not None
    return (
        f"Quyết định ký ngày {format_date(signed_on)}, trước Quyết định số {current.number} "
        f"ngày {format_date(current.signed_on)} đang hiệu lực, nên không thể thay thế nó. Nếu "
        "đây là một quyết định cũ nhập bổ sung, hãy xác nhận nhập muộn (--late-entry): nó được "
        "lưu vào lịch sử, không thành quyết định đang hiệu lực."
    )


def delete_draft(session: Session, decision_id: int, expected_version: int | None = None) -> None:
    """Delete a draft with its roster and its documents, in the caller's transaction."""
    decision = _editable(session, decision_id, expected_version)
    people = session.scalars(
        select(Membership.person_id).where(Membership.decision_id == decision.id)
    ).all()
    options = {"synchronize_session": False}
    session.execute(
        delete(CommitteeDocument).where(CommitteeDocument.decision_id == decision.id),
        execution_options=options,
    )
    session.execute(
        delete(Membership).where(Membership.decision_id == decision.id),
        execution_options=options,
    )
    for line in [obj for obj in session.identity_map.values() if isinstance(obj, Membership)]:
        if line.decision_id == decision.id:
            session.expunge(line)
    session.delete(decision)
    flush(session)
    forget_unlinked(session, people)
    flush(session)


def roster(session: Session, decision_id: int) -> list[Membership]:
    return list(
        session.scalars(
            select(Membership)
            .where(Membership.decision_id == decision_id)
            .order_by(Membership.position, Membership.id)
            .execution_options(populate_existing=True)
        )
    )


def roster_with_people(session: Session, decision_id: int) -> list[tuple[Membership, Person]]:
    """A decision's roster with the person each line is linked to. The name to show is
    the line's own (`Membership.full_name`), as written on the decision."""
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
    return recognise_title(title, to_ref(unit), unit_index(session, Era(unit.era)))


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


def _checked(member: MemberInput) -> MemberInput:
    """The input in its stored form, each text within its column's size."""
    name = validation.person_name(member.name)
    title = limits.within_limit(clean(member.title), limits.TITLE, "title", "Chức vụ")
    return replace(
        member,
        name=name,
        role=Role(member.role),
        title=title,
        duties=validation.duties(member.duties),
        phone=validation.phone(member.phone),
        note=clean(member.note),
    )


def _fill(
    line: Membership, member: MemberInput, post: RecognisedTitle, picked: bool, unit: AdminUnit
) -> None:
    line.full_name = member.name
    line.role = member.role.value
    line.title = member.title
    line.post_kind = post.post_kind
    line.post_unit_era = unit.era if post.unit_code is not None else None
    line.post_unit_code = post.unit_code
    line.post_picked = picked
    line.portfolio = post.portfolio.value
    line.duties = member.duties
    line.phone = member.phone
    line.note = member.note


def _renumber(session: Session, lines: list[Membership], free: int | None = None) -> None:
    """Give the lines the positions 1, 2, … in this order, leaving the place `free` (if
    given) for a line about to be added. In two steps, so that no two lines of the roster
    ever share one: each line is parked at minus its old position, then placed; the audit
    trail (committee.store.audit, migration 0006) skips the parking and reads the old
    position back from it, so that a move is one entry from its old place to its new."""
    last = len(lines) + (free is not None)
    places = [place for place in range(1, last + 1) if place != free]
    moving = [
        (line, place) for line, place in zip(lines, places, strict=True) if line.position != place
    ]
    if not moving:
        return
    for line, _place in moving:  # parked at minus its old place: the audit reads it back
        line.position = -line.position
        session.add(line)
    flush(session)
    for line, position in moving:
        line.position = position
    flush(session)


def add_member(
    session: Session,
    decision_id: int,
    member: MemberInput,
    position: int | None = None,
    expected_version: int | None = None,
) -> Membership:
    """Add a roster line; by default after the last line of the same or a higher role,
    so that the roster keeps its printed order."""
    decision = _editable(session, decision_id, expected_version)
    unit = unit_of(session, decision)
    member = _checked(member)
    post = _post_facts(session, member, unit)
    line = Membership(
        decision_id=decision.id,
        person_id=person_for_line(session, member.name, unit.code, era=unit.era),
        role=member.role.value,
        position=0,
    )
    _fill(line, member, post, picked=member.post_kind is not None, unit=unit)
    lines = roster(session, decision.id)
    if position is None:
        rank = member.role.rank
        position = 1 + sum(1 for other in lines if Role(other.role).rank <= rank)
    position = max(1, min(position, len(lines) + 1))
    # The others make room first: the new line is written once, at its place, and the
    # audit trail records it as added there, not as moved from a placeholder.
    _renumber(session, lines, free=position)
    line.position = position
    session.add(line)
    touch(decision)
    flush(session)
    return line


def _line(
    session: Session, membership_id: int, expected_version: int | None
) -> tuple[Membership, Decision]:
    """A roster line of a draft, both under their row locks, read afresh."""
    decision_id = session.scalar(
        select(Membership.decision_id).where(Membership.id == membership_id)
    )
    if decision_id is None:
        raise UnknownMember(membership_id)
    decision = _editable(session, decision_id)
    line = locked(session, Membership, membership_id, expected_version)
    if line is None:
        raise UnknownMember(membership_id)
    return line, decision


def update_member(
    session: Session,
    membership_id: int,
    member: MemberInput,
    expected_version: int | None = None,
) -> Membership:
    """Change a roster line; `expected_version` is the version the clerk's form read.

    When the title changes and the post was not picked from the catalogue for this line
    (now or before), the post, its unit and the portfolio are read again from the new
    title; a portfolio the clerk changed in the same edit is kept."""
    line, decision = _line(session, membership_id, expected_version)
    unit = unit_of(session, decision)
    member = _checked(member)
    picked = member.post_kind is not None and (
        member.post_kind != line.post_kind or line.post_picked
    )
    if member.title != line.title and not picked:
        stored = Portfolio(line.portfolio)
        chosen = member.portfolio if member.portfolio not in (None, stored) else None
        post = _post_facts(session, replace(member, post_kind=None, portfolio=chosen), unit)
    else:
        post = _post_facts(session, member, unit)
    previous_person = line.person_id
    if member.name != line.full_name:
        line.person_id = person_for_line(session, member.name, unit.code, line.id, era=unit.era)
    _fill(line, member, post, picked, unit)
    session.add(line)
    touch(decision)
    flush(session)
    forget_unlinked(session, [previous_person])
    return line


def move_member(
    session: Session, membership_id: int, position: int, expected_version: int | None = None
) -> Membership:
    """Put a line at the given 1-based place; the others close up around it."""
    line, decision = _line(session, membership_id, expected_version)
    lines = [other for other in roster(session, decision.id) if other.id != line.id]
    position = max(1, min(position, len(lines) + 1))
    lines.insert(position - 1, line)
    _renumber(session, lines)
    touch(decision)
    flush(session)
    return line


def remove_member(
    session: Session, membership_id: int, expected_version: int | None = None
) -> None:
    line, decision = _line(session, membership_id, expected_version)
    person_id = line.person_id
    session.delete(line)
    flush(session)
    _renumber(session, roster(session, decision.id))
    touch(decision)
    flush(session)
    forget_unlinked(session, [person_id])
