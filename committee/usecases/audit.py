"""Reading the audit trail: who changed what, when, before and after (the database writes
it: committee.store.audit). A clerk reads the entries of the units it may read; the
database's row-level security sees to that."""

from __future__ import annotations

import json
from datetime import date, datetime, time

from sqlalchemy import select
from sqlmodel import Session

from committee.domain.records import AuditRecord
from committee.domain.vocabulary import AuditAction, Era
from committee.store.models import AuditEntry, CommitteeDocument, Membership
from committee.usecases.units import get_unit


def _values(raw: str | None) -> dict[str, object] | None:
    return json.loads(raw) if raw else None


def _label(action: str) -> str:
    try:
        return AuditAction(action).label
    except ValueError:
        return action


def to_record(entry: AuditEntry) -> AuditRecord:
    return AuditRecord(
        id=int(entry.id or 0),
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        action_label=_label(entry.action),
        record_kind=entry.record_kind,
        record_id=entry.record_id,
        unit_era=entry.unit_era,
        unit_code=entry.unit_code,
        before=_values(entry.before_values),
        after=_values(entry.after_values),
    )


def audit_entries(
    session: Session,
    unit_code: str | None = None,
    era: Era | None = None,
    since: date | None = None,
    limit: int | None = None,
) -> list[AuditRecord]:
    """The entries, oldest first: of one unit (and its era) when given, from `since`."""
    query = select(AuditEntry).order_by(AuditEntry.id)  # type: ignore[arg-type]
    if unit_code is not None:
        unit = get_unit(session, unit_code, era) if era is not None else None
        query = query.where(AuditEntry.unit_code == (unit.code if unit else unit_code))
        if unit is not None:
            query = query.where(AuditEntry.unit_era == unit.era)
    if since is not None:
        query = query.where(AuditEntry.at >= datetime.combine(since, time()))
    if limit is not None:
        query = query.order_by(None).order_by(AuditEntry.id.desc()).limit(limit)  # type: ignore[union-attr]
        return [to_record(entry) for entry in reversed(session.execute(query).scalars().all())]
    return [to_record(entry) for entry in session.execute(query).scalars()]


def decision_history(session: Session, decision_id: int) -> list[AuditRecord]:
    """Every entry about one decision: itself, its roster lines and its documents."""
    lines = select(Membership.id).where(Membership.decision_id == decision_id)
    documents = select(CommitteeDocument.id).where(CommitteeDocument.decision_id == decision_id)
    query = (
        select(AuditEntry)
        .where(
            ((AuditEntry.record_kind == "decision") & (AuditEntry.record_id == decision_id))
            | ((AuditEntry.record_kind == "membership") & AuditEntry.record_id.in_(lines))  # type: ignore[attr-defined]
            | (
                (AuditEntry.record_kind == "committee_document")
                & AuditEntry.record_id.in_(documents)  # type: ignore[attr-defined]
            )
        )
        .order_by(AuditEntry.id)  # type: ignore[arg-type]
    )
    return [to_record(entry) for entry in session.execute(query).scalars()]


def last_change(session: Session, record_kind: str, record_id: int) -> AuditRecord | None:
    """The newest entry about one record: who changed it last, and when."""
    entry = session.execute(
        select(AuditEntry)
        .where(AuditEntry.record_kind == record_kind, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.id.desc())  # type: ignore[union-attr]
        .limit(1)
    ).scalar_one_or_none()
    return to_record(entry) if entry is not None else None


def change_summary(entry: AuditRecord) -> str:
    """The fields an entry changed, as `field: before → after`, briefly."""
    skip = {"id", "version", "updated_at", "updated_by"}
    if entry.before is None or entry.after is None:
        values = entry.after or entry.before or {}
        name = values.get("full_name") or values.get("number") or values.get("kind") or ""
        return str(name)
    parts = []
    for key, value in entry.after.items():
        if key not in skip and entry.before.get(key) != value:
            parts.append(f"{key}: {entry.before.get(key)} → {value}")
    text = "; ".join(parts)
    return text if len(text) <= 80 else text[:79] + "…"
