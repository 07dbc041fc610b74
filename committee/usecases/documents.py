"""The committee's own documents: its Quy chế hoạt động and its duty assignments (phân
công nhiệm vụ), each with a number, a signing date and a signer.

In practice both come after the decision that sets the committee up: the committee issues
its Quy chế ("01/QĐ-BCĐ") and assigns duties at its first meeting. They are recorded
against the decision in force at any time after it is issued, without re-issuing it; a
draft may carry the Quy chế it will be issued with. What is recorded against an issued
decision never changes: a later document is added, and the latest one counts.

- The committee's Quy chế for a decision is the latest one recorded that was not signed
  before the decision (a Quy chế older than its decision is not the committee's new Quy
  chế; the check reports it, BCD402). When there is none such, the latest one recorded.
- A member's duties are those of the latest recorded duty assignment that names them,
  else those printed on the decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ScalarSelect, delete, func, select
from sqlmodel import Session

from committee.domain import field_limits as limits
from committee.domain import validation
from committee.domain.dates import format_date
from committee.domain.errors import InvalidInput, NoDecisionInForce, UserError
from committee.domain.text import clean, fold
from committee.domain.vocabulary import DEFAULT_ERA, DocumentKind, Era, era_option
from committee.rosters.duties_reader import DutySheet
from committee.store.concurrency import flush, lock_unit, writer_name
from committee.store.models import AdminUnit, AssignedDuty, CommitteeDocument, Decision, Membership
from committee.usecases.units import committee_unit

REGULATION = DocumentKind.REGULATION.value
DUTY_ASSIGNMENT = DocumentKind.DUTY_ASSIGNMENT.value


# --- what a clerk types about a document ------------------------------------------------------


def document_reference(
    number: str | None,
    signed_on: date | None,
    kind: DocumentKind,
    *,
    number_field: str = "number",
    date_field: str = "signed_on",
    required: bool = False,
    today: date | None = None,
) -> tuple[str | None, date | None]:
    """A document's number and signing date in their stored form. They go together: one
    without the other is refused, and so is a number given empty. Both absent gives
    (None, None) unless `required`."""
    what = kind.label
    if number is None and signed_on is None:
        if required:
            raise InvalidInput(number_field, f"Chưa có số và ngày ký của văn bản {what}.")
        return None, None
    if number is not None and not clean(number):
        raise InvalidInput(
            number_field,
            f"Số văn bản {what} để trống; hãy ghi số (ví dụ 01/QĐ-BCĐ) cùng ngày ký, "
            "hoặc bỏ cả hai.",
        )
    if number is None:
        assert signed_on is not None
        raise InvalidInput(
            number_field,
            f"Có ngày ký văn bản {what} ({format_date(signed_on)}) mà chưa có số văn bản; "
            "số và ngày ký đi cùng nhau: hãy cho cả hai, hoặc bỏ cả hai.",
        )
    if signed_on is None:
        raise InvalidInput(
            date_field,
            f"Có số văn bản {what} ({clean(number)}) mà chưa có ngày ký; số và ngày ký đi "
            "cùng nhau: hãy cho cả hai, hoặc bỏ cả hai.",
        )
    stored = validation.decision_number(number, number_field)
    limits.within_limit(stored, limits.DECISION_NUMBER, number_field, f"Số văn bản {what}")
    return stored, validation.past_date(signed_on, date_field, f"Ngày ký văn bản {what}", today)


def signer_name(value: str, field: str = "signer") -> str:
    return limits.within_limit(validation.signer(value, field), limits.SIGNER, field, "Người ký")


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentEntry:
    """One document of a decision, as the unit's history lists it."""

    id: int
    kind: DocumentKind
    number: str | None
    signed_on: date | None
    signer: str
    recorded_at: datetime
    recorded_by: str | None
    members: int  # roster lines a duty assignment gives duties to (0 for a Quy chế)

    @classmethod
    def of(cls, document: CommitteeDocument, members: int) -> DocumentEntry:
        assert document.id is not None
        return cls(
            document.id,
            DocumentKind(document.kind),
            document.number,
            document.signed_on,
            document.signer,
            document.recorded_at,
            document.recorded_by,
            members,
        )

    @property
    def label(self) -> str:
        """ "Quy chế hoạt động số 01/QĐ-BCĐ ngày 20/06/2023"."""
        text = self.kind.label
        if self.number:
            text += f" số {self.number}"
        if self.signed_on:
            text += f" ngày {format_date(self.signed_on)}"
        return text


def list_documents(session: Session, decision_id: int) -> list[DocumentEntry]:
    """The documents recorded against a decision, in the order they were recorded."""
    counts = (
        select(func.count())
        .where(AssignedDuty.document_id == CommitteeDocument.id)
        .correlate(CommitteeDocument)
        .scalar_subquery()
    )
    rows = session.execute(
        select(CommitteeDocument, counts)
        .where(CommitteeDocument.decision_id == decision_id)
        .order_by(CommitteeDocument.id)
    ).all()
    return [DocumentEntry.of(document, members) for document, members in rows]


def choose_regulation(
    decision_signed_on: date | None, regulations: Iterable[tuple[int, str | None, date | None]]
) -> tuple[str | None, date | None]:
    """The committee's Quy chế among a decision's regulation documents, given as (id,
    number, signed_on): the latest recorded not signed before the decision, else the latest
    recorded. (None, None) when there is none."""
    best: tuple[int, str | None, date | None] | None = None
    best_valid: tuple[int, str | None, date | None] | None = None
    for entry in regulations:
        _id, _number, signed_on = entry
        if best is None or entry[0] > best[0]:
            best = entry
        valid = signed_on is None or decision_signed_on is None or signed_on >= decision_signed_on
        if valid and (best_valid is None or entry[0] > best_valid[0]):
            best_valid = entry
    chosen = best_valid or best
    return (chosen[1], chosen[2]) if chosen is not None else (None, None)


def regulation_of(session: Session, decision: Decision) -> tuple[str | None, date | None]:
    """The committee's Quy chế for this decision: (number, signing date), or (None, None)."""
    rows = session.execute(
        select(CommitteeDocument.id, CommitteeDocument.number, CommitteeDocument.signed_on)
        .where(CommitteeDocument.decision_id == decision.id)
        .where(CommitteeDocument.kind == REGULATION)
    ).all()
    return choose_regulation(decision.signed_on, [tuple(row) for row in rows])


def assigned_duties() -> ScalarSelect[str]:
    """SQL for a roster line's duties from the latest recorded duty assignment naming it
    (NULL when none does), correlated to the Membership of the enclosing query."""
    return (
        select(AssignedDuty.duties)
        .where(AssignedDuty.membership_id == Membership.id)
        .order_by(AssignedDuty.document_id.desc())
        .limit(1)
        .correlate(Membership)
        .scalar_subquery()
    )


def effective_duties_column():  # type: ignore[no-untyped-def]
    """SQL for a roster line's duties in force: assigned, else as printed on the decision."""
    return func.coalesce(assigned_duties(), Membership.duties)


def roster_with_duties(session: Session, decision_id: int) -> list[tuple[Membership, str]]:
    """A decision's roster in roster order, each line with its duties in force."""
    return [
        (line, duties)
        for line, duties in session.execute(
            select(Membership, effective_duties_column())
            .where(Membership.decision_id == decision_id)
            .order_by(Membership.position, Membership.id)
        ).all()
    ]


# --- recording -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    """A document recorded against a decision; `already_recorded` when the very same one
    was there before, and nothing was written."""

    decision: Decision
    document: CommitteeDocument
    already_recorded: bool


def _decision_in_force(session: Session, unit: AdminUnit, what: DocumentKind) -> Decision:
    """The committee's decision in force, under the unit's lock, for recording `what`."""
    from committee.usecases.decisions import current_decision

    lock_unit(session, unit.code, unit.era)
    decision = current_decision(session, unit.code, unit.era)
    if decision is None:
        raise NoDecisionInForce(
            unit.code,
            f"{unit.name} chưa có quyết định kiện toàn đang hiệu lực nên chưa ghi được "
            f"{what.label}; hãy nhập quyết định trước: bcd138 import TỆP --unit {unit.code}"
            f"{era_option(unit.era)}.",
        )
    return decision


def _same_reference(decision_id: int, kind: str, number: str | None, signed_on: date | None):  # type: ignore[no-untyped-def]
    query = select(CommitteeDocument).where(
        CommitteeDocument.decision_id == decision_id, CommitteeDocument.kind == kind
    )
    query = query.where(
        CommitteeDocument.number.is_(None) if number is None else CommitteeDocument.number == number
    )
    query = query.where(
        CommitteeDocument.signed_on.is_(None)
        if signed_on is None
        else CommitteeDocument.signed_on == signed_on
    )
    return query.order_by(CommitteeDocument.id.desc())


def _new_document(
    session: Session,
    decision: Decision,
    kind: str,
    number: str | None,
    signed_on: date | None,
    signer: str,
) -> CommitteeDocument:
    document = CommitteeDocument(
        decision_id=decision.id,
        kind=kind,
        number=number,
        signed_on=signed_on,
        signer=signer,
        recorded_by=writer_name(session.connection()),
    )
    session.add(document)
    flush(session)
    return document


def record_regulation(
    session: Session,
    unit_code: str,
    number: str | None,
    signed_on: date | None,
    signer: str = "",
    era: Era = DEFAULT_ERA,
) -> Recorded:
    """Record the committee's Quy chế hoạt động against the unit's decision in force."""
    number, signed_on = document_reference(
        number, signed_on, DocumentKind.REGULATION, required=True
    )
    signer = signer_name(signer)
    unit = committee_unit(session, unit_code, era)
    decision = _decision_in_force(session, unit, DocumentKind.REGULATION)
    same = session.scalars(_same_reference(decision.id, REGULATION, number, signed_on)).first()
    if same is not None:
        return Recorded(decision, same, True)
    return Recorded(
        decision, _new_document(session, decision, REGULATION, number, signed_on, signer), False
    )


def set_regulation_given_with(
    session: Session, decision: Decision, number: str | None, signed_on: date | None
) -> None:
    """The Quy chế given with the decision itself (validated already), in its draft or on
    import: it replaces the one the decision had, which only a draft or a decision being
    stored can have; none given leaves it without."""
    session.execute(
        delete(CommitteeDocument)
        .where(CommitteeDocument.decision_id == decision.id)
        .where(CommitteeDocument.kind == REGULATION),
        execution_options={"synchronize_session": False},
    )
    if number is not None:
        _new_document(session, decision, REGULATION, number, signed_on, "")


def record_duty_assignment(
    session: Session,
    unit_code: str,
    sheet: DutySheet,
    number: str | None = None,
    signed_on: date | None = None,
    signer: str = "",
    era: Era = DEFAULT_ERA,
) -> Recorded:
    """Record a duty assignment against the unit's decision in force: each row of the
    sheet must name a member of that decision exactly as the decision writes the name."""
    number, signed_on = document_reference(number, signed_on, DocumentKind.DUTY_ASSIGNMENT)
    signer = signer_name(signer)
    unit = committee_unit(session, unit_code, era)
    decision = _decision_in_force(session, unit, DocumentKind.DUTY_ASSIGNMENT)
    assigned = _match_rows(session, decision, sheet)
    previous = session.scalars(
        _same_reference(decision.id, DUTY_ASSIGNMENT, number, signed_on)
    ).first()
    if previous is not None:
        before = dict(
            session.execute(
                select(AssignedDuty.membership_id, AssignedDuty.duties).where(
                    AssignedDuty.document_id == previous.id
                )
            ).all()
        )
        if before == assigned:
            return Recorded(decision, previous, True)
        if number is not None:
            raise UserError(
                f"{sheet.where}: đã ghi văn bản phân công nhiệm vụ số {number} ngày "
                f"{format_date(signed_on) if signed_on else '?'} của {unit.name} với nội dung "
                "khác; một văn bản đã ghi không sửa được. Nếu đây là văn bản mới, hãy cho số "
                "và ngày ký của nó."
            )
    document = _new_document(session, decision, DUTY_ASSIGNMENT, number, signed_on, signer)
    session.add_all(
        AssignedDuty(document_id=document.id, membership_id=membership_id, duties=duties)
        for membership_id, duties in assigned.items()
    )
    flush(session)
    return Recorded(decision, document, False)


def _match_rows(session: Session, decision: Decision, sheet: DutySheet) -> dict[int, str]:
    """Membership id → duties for each row of the sheet; a row whose name is not exactly
    one member's of the decision is refused, naming the row."""
    lines = session.execute(
        select(Membership.id, Membership.full_name).where(Membership.decision_id == decision.id)
    ).all()
    by_name: dict[str, list[int]] = {}
    by_key: dict[str, list[str]] = {}
    for line_id, name in lines:
        by_name.setdefault(name, []).append(line_id)
        by_key.setdefault(fold(name), []).append(name)
    assigned: dict[int, str] = {}
    named_at: dict[int, int] = {}
    of_decision = f"Quyết định số {decision.number} đang hiệu lực"
    for row in sheet.rows:
        where = f"{sheet.where}, dòng {row.row}"
        found = by_name.get(row.name, [])
        if not found:
            near = by_key.get(fold(row.name), [])
            hint = (
                f" (có «{near[0]}»; tên phải viết đúng từng dấu như trong quyết định)"
                if near
                else ""
            )
            raise UserError(f"{where}: «{row.name}» không có tên trong {of_decision}{hint}.")
        if len(found) > 1:
            raise UserError(
                f"{where}: {of_decision} có {len(found)} dòng cùng tên «{row.name}»; không biết "
                "giao nhiệm vụ cho dòng nào."
            )
        line_id = found[0]
        if line_id in named_at:
            raise UserError(
                f"{where}: «{row.name}» đã có ở dòng {named_at[line_id]} của trang tính."
            )
        named_at[line_id] = row.row
        assigned[line_id] = row.duties
    return assigned
