"""Use-case: import a roster spreadsheet as an issued decision.

`prepare_import` reads and recognises everything and writes nothing (it is also the
dry run and the UI's preview); `store_import` writes the prepared roster in the
caller's transaction, so a failed import leaves every table as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session

from committee import validation
from committee.compliance import check_committee
from committee.decisions import current_decision
from committee.errors import InvalidInput, UserError
from committee.facts import (
    CommitteeFacts,
    DecisionFacts,
    Finding,
    MemberFacts,
    RecognisedTitle,
    UnitRef,
)
from committee.models import Decision, Membership
from committee.people import find_or_create_people
from committee.roster_reader import ParsedRoster, RosterError, RosterRow, read_roster
from committee.text import clean, fold
from committee.titles import recognise_title
from committee.units import get_unit, to_ref, unit_index
from committee.vocabulary import DecisionStatus, Level


@dataclass(frozen=True)
class ImportOptions:
    """What the clerk says on the command line; given values override the file's."""

    unit_code: str
    number: str | None = None
    signed_on: date | None = None
    regulation_number: str | None = None
    regulation_date: date | None = None
    signer: str = ""


@dataclass(frozen=True)
class ImportedMember:
    row: RosterRow
    post: RecognisedTitle


@dataclass(frozen=True)
class ImportPreview:
    """The roster as it would be stored, with the findings it would get."""

    unit: UnitRef
    roster: ParsedRoster
    decision: DecisionFacts
    signer: str
    members: tuple[ImportedMember, ...]
    findings: tuple[Finding, ...]


def prepare_import(session: Session, path: Path, options: ImportOptions) -> ImportPreview:
    """Read, recognise and check a roster file; nothing is written."""
    unit_row = get_unit(session, options.unit_code)
    if unit_row.level == Level.PROVINCE:
        raise UserError(f"{unit_row.name} là cấp tỉnh; hãy chọn đơn vị cấp huyện hoặc cấp xã.")
    unit = to_ref(unit_row)
    try:
        roster = read_roster(Path(path))
    except RosterError as error:
        raise UserError(str(error)) from error

    where = f"Tệp «{Path(path).name}», trang tính «{roster.sheet}»"
    raw_number = options.number or roster.decision_number
    if not raw_number:
        raise UserError(
            f"{where}: không thấy dòng «Kèm theo Quyết định số … ngày …»; "
            "hãy cho số quyết định bằng --number."
        )
    signed_on = options.signed_on or roster.signed_on
    if signed_on is None:
        raise UserError(f"{where}: không thấy ngày ký quyết định; hãy cho ngày bằng --signed-on.")
    try:
        decision = DecisionFacts(
            validation.decision_number(raw_number),
            validation.past_date(signed_on, "signed_on", "Ngày ký"),
            validation.optional_decision_number(options.regulation_number, "regulation_number"),
            validation.past_date(
                options.regulation_date, "regulation_date", "Ngày ban hành Quy chế"
            ),
        )
    except InvalidInput as error:
        raise UserError(f"{where}: {error.message}") from error

    index = unit_index(session)
    members = tuple(
        ImportedMember(row, recognise_title(row.title, unit, index)) for row in roster.rows
    )
    facts = CommitteeFacts(
        unit,
        decision,
        tuple(
            MemberFacts(
                position=position,
                name=member.row.name,
                person_key=fold(member.row.name),
                role=member.row.role,
                title=member.row.title,
                post_kind=member.post.post_kind,
                post_unit_code=member.post.unit_code,
                portfolio=member.post.portfolio,
                duties=member.row.duties,
            )
            for position, member in enumerate(members, start=1)
        ),
    )
    return ImportPreview(
        unit,
        roster,
        decision,
        clean(options.signer),
        members,
        tuple(check_committee(facts)),
    )


def store_import(session: Session, preview: ImportPreview) -> Decision:
    """Write the prepared roster as an issued decision superseding the one in force."""
    previous = current_decision(session, preview.unit.code)
    decision = Decision(
        unit_code=preview.unit.code,
        number=preview.decision.number,
        signed_on=preview.decision.signed_on,
        signer=preview.signer,
        regulation_number=preview.decision.regulation_number,
        regulation_date=preview.decision.regulation_date,
        status=DecisionStatus.ISSUED.value,
        supersedes_id=previous.id if previous is not None else None,
        issued_at=datetime.now(),
    )
    session.add(decision)
    session.flush()
    people = find_or_create_people(
        session, [member.row.name for member in preview.members], preview.unit.code
    )
    session.execute(
        insert(Membership),
        [
            {
                "decision_id": decision.id,
                "person_id": people[fold(member.row.name)],
                "role": member.row.role.value,
                "position": position,
                "title": member.row.title,
                "post_kind": member.post.post_kind,
                "post_unit_code": member.post.unit_code,
                "portfolio": member.post.portfolio.value,
                "duties": member.row.duties,
                "phone": member.row.phone,
                "note": member.row.note,
            }
            for position, member in enumerate(preview.members, start=1)
        ],
    )
    session.flush()
    return decision
