"""The committee's documents recorded from an interface (its Quy chế hoạt động, a duty
assignment), answered with plain records: what was recorded, against which decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from committee.domain.vocabulary import DEFAULT_ERA, Era
from committee.store.models import AssignedDuty
from committee.usecases import documents
from committee.usecases.duty_preview import DutyPreview


@dataclass(frozen=True, slots=True)
class DocumentRecorded:
    document: documents.DocumentEntry
    decision_number: str  # the decision in force it is recorded against
    decision_signed_on: date | None
    already_recorded: bool  # the very same document was there before: nothing written

    @property
    def before_decision(self) -> bool:
        """Signed before its decision: not the committee's new Quy chế (BCD402)."""
        signed, decision = self.document.signed_on, self.decision_signed_on
        return signed is not None and decision is not None and signed < decision


def _answer(session: Session, recorded: documents.Recorded) -> DocumentRecorded:
    document, decision = recorded.document, recorded.decision
    members = session.scalar(select(func.count()).where(AssignedDuty.document_id == document.id))
    entry = documents.DocumentEntry.of(document, members or 0)
    return DocumentRecorded(entry, decision.number, decision.signed_on, recorded.already_recorded)


def record_regulation(
    session: Session,
    unit_code: str,
    number: str | None,
    signed_on: date | None,
    signer: str = "",
    era: Era = DEFAULT_ERA,
) -> DocumentRecorded:
    """documents.record_regulation, answered with a plain record."""
    return _answer(
        session, documents.record_regulation(session, unit_code, number, signed_on, signer, era)
    )


def record_duties(
    session: Session,
    preview: DutyPreview,
    number: str | None = None,
    signed_on: date | None = None,
    signer: str = "",
) -> DocumentRecorded:
    """documents.record_duty_assignment of a previewed sheet, answered with a plain record."""
    recorded = documents.record_duty_assignment(
        session, preview.unit_code, preview.sheet, number, signed_on, signer, preview.unit_era
    )
    return _answer(session, recorded)
