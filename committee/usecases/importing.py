"""Use-case: import a roster spreadsheet as an issued decision.

`prepare_import` reads and recognises everything and writes nothing (it is also the
dry run and the UI's preview); `store_import` writes the prepared roster in the
caller's transaction, so a failed import leaves every table as it was.

The preview also says what stands in the way of storing it (`problems`): the file's
decision line naming another unit than the one chosen, a kiện toàn signed before the
decision in force, the same number and date as a recorded decision with another roster.
The clerk may confirm the first two (`ImportOptions.unit_mismatch_ok`, `late_entry`).
A file whose decision is recorded already with the same roster is `already_recorded`:
storing it again writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlmodel import Session

from committee.catalogue.posts import post_catalogue
from committee.catalogue.titles import recognise_title
from committee.catalogue.unit_index import UnitIndex
from committee.domain import field_limits as limits
from committee.domain import validation
from committee.domain.dates import format_date
from committee.domain.errors import ImportRefused, InvalidInput, UserError
from committee.domain.records import (
    CommitteeFacts,
    DecisionFacts,
    Finding,
    MemberFacts,
    RecognisedTitle,
    UnitRef,
)
from committee.domain.vocabulary import DEFAULT_ERA, DecisionStatus, DocumentKind, Era, Role
from committee.rosters.roster_reader import ParsedRoster, RosterRow, read_roster
from committee.rules.engine import check_committee
from committee.store.audit import IMPORT, audit_context
from committee.store.concurrency import flush, lock_unit, writer_name
from committee.store.models import Decision, Membership
from committee.usecases import documents
from committee.usecases.decisions import backdated_message, current_decision
from committee.usecases.people import find_or_create_people
from committee.usecases.units import committee_unit, title_unit_index, to_ref

# The post of the one who signs a committee's decision for the people's committee: the
# decision line's "của UBND huyện Thanh Hà" is read as this post's title to find the unit.
_ISSUING_POST = "ubnd_chair"
_ISSUING_WORDS = "Chủ tịch"


@dataclass(frozen=True)
class ImportOptions:
    """What the clerk says on the command line; given values override the file's.

    `late_entry` confirms that a decision signed before the one in force is an older
    decision entered late; `unit_mismatch_ok` that a file whose decision line names
    another unit is this unit's roster all the same."""

    unit_code: str
    number: str | None = None
    signed_on: date | None = None
    regulation_number: str | None = None
    regulation_date: date | None = None
    signer: str = ""
    late_entry: bool = False
    unit_mismatch_ok: bool = False
    era: Era = DEFAULT_ERA  # the era of unit_code


@dataclass(slots=True, frozen=True)
class ImportedMember:
    """A roster line as read, with what title recognition made of its post, and the unit
    that post was found to belong to (None when it cannot be told)."""

    row: RosterRow
    post: RecognisedTitle
    post_unit: UnitRef | None = None


@dataclass(frozen=True)
class ImportPreview:
    """The roster as it would be stored, with the findings it would get."""

    unit: UnitRef
    roster: ParsedRoster
    decision: DecisionFacts
    signer: str
    members: tuple[ImportedMember, ...]
    findings: tuple[Finding, ...]
    problems: tuple[str, ...] = ()  # what stands in the way of storing it, in Vietnamese
    already_recorded: int | None = None  # id of the same decision, stored already
    late_entry: bool = False  # stored as an older decision, not in force
    issuer_unit: UnitRef | None = None  # the unit the file's decision line names


def issuer_titles(issuer: str) -> tuple[str, str]:
    """The titles the decision line's issuer is read as: as written, and as its chair's."""
    return (issuer, f"{_ISSUING_WORDS} {issuer}")


def issuing_unit(issuer: str | None, chosen: UnitRef, index: UnitIndex) -> UnitRef | None:
    """The unit named by the decision line's issuer ("UBND huyện Thanh Hà"), read from the
    chosen unit's side; None when the text names no unit that can be told."""
    if not issuer:
        return None
    for title in issuer_titles(issuer):
        recognised = recognise_title(title, chosen, index)
        if recognised.post_kind == _ISSUING_POST:
            return index.get(recognised.unit_code)
    return None


def _located(where: str, action):  # type: ignore[no-untyped-def]
    try:
        return action()
    except InvalidInput as error:
        raise UserError(f"{where}: {error.message}") from error


def _checked_rows(where: str, rows: tuple[RosterRow, ...]) -> None:
    """Every text of the roster within its column's size, the row named when not."""
    for row in rows:
        place = f"{where}, dòng {row.row}"
        for value, limit, label in (
            (row.name, limits.PERSON_NAME, "Họ và tên"),
            (row.title, limits.TITLE, "Chức vụ"),
            (row.phone, limits.PHONE, "Điện thoại"),
        ):
            _located(place, lambda v=value, n=limit, lb=label: limits.within_limit(v, n, "", lb))


def _same_roster(session: Session, decision_id: int, members: tuple[ImportedMember, ...]) -> bool:
    stored = session.execute(
        select(
            Membership.full_name,
            Membership.role,
            Membership.title,
            Membership.duties,
            Membership.phone,
            Membership.note,
        )
        .where(Membership.decision_id == decision_id)
        .order_by(Membership.position, Membership.id)
    ).all()
    given = [
        (m.row.name, m.row.role.value, m.row.title, m.row.duties, m.row.phone, m.row.note)
        for m in members
    ]
    return [tuple(row) for row in stored] == given


def _standing(
    session: Session,
    unit: UnitRef,
    decision: DecisionFacts,
    members: tuple[ImportedMember, ...],
    late_entry: bool,
) -> tuple[list[str], int | None, bool]:
    """What the recorded decisions say about storing this one: problems, the id of the
    same decision already recorded, and whether it goes in as an older decision."""
    problems: list[str] = []
    same = session.execute(
        select(Decision.id, Decision.status).where(
            Decision.unit_era == unit.era,
            Decision.unit_code == unit.code,
            Decision.number == decision.number,
            Decision.signed_on == decision.signed_on,
        )
    ).first()
    signed = format_date(decision.signed_on) if decision.signed_on else "?"
    if same is not None:
        if same.status == DecisionStatus.ISSUED.value and _same_roster(session, same.id, members):
            return [], same.id, False
        kind = "đã ban hành" if same.status == DecisionStatus.ISSUED.value else "dự thảo"
        problems.append(
            f"{unit.name} đã có Quyết định số {decision.number} ngày {signed} ({kind}) với danh "
            "sách khác; một đơn vị không có hai quyết định cùng số và ngày ký. Nếu tệp là bản "
            "sửa, hãy lập quyết định kiện toàn mới với số, ngày của nó."
        )
    current = current_decision(session, unit.code, unit.era)
    older = (
        current is not None
        and current.signed_on is not None
        and decision.signed_on is not None
        and decision.signed_on < current.signed_on
    )
    if older and not late_entry:
        assert current is not None and decision.signed_on is not None
        problems.append(backdated_message(decision.signed_on, current))
    return problems, None, older


def _imported(row: RosterRow, unit: UnitRef, index: UnitIndex) -> ImportedMember:
    post = recognise_title(row.title, unit, index)
    return ImportedMember(row, post, index.get(post.unit_code))


def prepare_import(
    session: Session, path: Path, options: ImportOptions, roster: ParsedRoster | None = None
) -> ImportPreview:
    """Read, recognise and check a roster file; nothing is written. `roster` is the file
    read already (the command line reads it before it opens the database)."""
    unit = to_ref(committee_unit(session, options.unit_code, options.era))
    regulation = documents.document_reference(
        options.regulation_number,
        options.regulation_date,
        DocumentKind.REGULATION,
        number_field="regulation_number",
        date_field="regulation_date",
    )
    signer = documents.signer_name(options.signer)
    if roster is None:
        roster = read_roster(Path(path))  # RosterError when it cannot be read

    where = f"Tệp «{Path(path).name}», {roster.place}"
    raw_number = options.number or roster.decision_number
    if not raw_number:
        raise UserError(
            f"{where}: không thấy dòng «Kèm theo Quyết định số … ngày …»; "
            "hãy cho số quyết định bằng --number."
        )
    signed_on = options.signed_on or roster.signed_on
    if signed_on is None:
        raise UserError(f"{where}: không thấy ngày ký quyết định; hãy cho ngày bằng --signed-on.")

    def decision_facts() -> DecisionFacts:
        number = validation.decision_number(raw_number)
        limits.within_limit(number, limits.DECISION_NUMBER, "number", "Số quyết định")
        return DecisionFacts(
            number, validation.past_date(signed_on, "signed_on", "Ngày ký"), *regulation
        )

    decision = _located(where, decision_facts)
    _checked_rows(where, roster.rows)

    titles = [row.title for row in roster.rows]
    if roster.issuer:
        titles += issuer_titles(roster.issuer)
    index = title_unit_index(session, unit, titles)
    members = tuple(_imported(row, unit, index) for row in roster.rows)
    facts = CommitteeFacts(
        unit,
        decision,
        tuple(
            MemberFacts(
                position=position,
                name=member.row.name,
                person_key=member.row.name,  # one person per exact name within the roster
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
    problems, already, older = _standing(session, unit, decision, members, options.late_entry)
    issuer = issuing_unit(roster.issuer, unit, index)
    if issuer is not None and issuer.code != unit.code and not options.unit_mismatch_ok:
        problems.insert(
            0,
            f"{where}: dòng quyết định ghi «{roster.issuer}», tức {issuer.name}, không phải "
            f"{unit.name} đã chọn; hãy chọn đúng đơn vị, hoặc xác nhận đây vẫn là danh sách "
            f"của {unit.name} (--unit-mismatch-ok).",
        )
    return ImportPreview(
        unit,
        roster,
        decision,
        signer,
        members,
        tuple(check_committee(facts)),
        tuple(problems),
        already,
        older,
        issuer,
    )


# --- the preview, as the CLI and the UI show it ------------------------------------------------

PREVIEW_COLUMNS = (
    "STT",
    "Họ và tên",
    "Chức vụ (như ghi)",
    "Chức danh",
    "Chức danh đọc từ",
    "Nhận diện",
)
"""The headings of the preview's table, one per `PreviewRow.cells()`."""

NOT_RECOGNISED = "(không nhận diện được)"


@dataclass(slots=True, frozen=True)
class PreviewRow:
    """One member of an import preview: the line as written and what was made of it."""

    position: int  # place in the roster, 1-based
    sheet_row: int  # the row of the sheet it was read from
    name: str
    title: str  # the post as written
    role: Role
    role_source: str  # where the role was read from: "cột chức danh trong Ban Chỉ đạo"…
    post: str | None  # the post recognised, as the catalogue names it; None: not recognised
    unit: UnitRef | None  # the unit that post belongs to; None when it cannot be told

    @property
    def recognised(self) -> bool:
        return self.post is not None

    @property
    def reading(self) -> str:
        """What was recognised: "Chủ tịch UBND huyện Gia Lộc", or that nothing was."""
        if self.post is None:
            return NOT_RECOGNISED
        if self.unit is None:
            return f"{self.post} (chưa rõ đơn vị)"
        return f"{self.post} {self.unit.phrase}"

    def cells(self) -> tuple[str, ...]:
        """The row of the preview's table, under PREVIEW_COLUMNS."""
        return (
            str(self.position),
            self.name,
            self.title,
            self.role.label,
            self.role_source,
            self.reading,
        )


def preview_rows(preview: ImportPreview) -> list[PreviewRow]:
    """The members of a preview, in roster order, as the clerk reads them before storing."""
    catalogue = post_catalogue()
    rows = []
    for position, member in enumerate(preview.members, start=1):
        post = catalogue.get(member.post.post_kind)
        rows.append(
            PreviewRow(
                position,
                member.row.row,
                member.row.name,
                member.row.title,
                member.row.role,
                member.row.role_source.label,
                post.title if post is not None else None,
                member.post_unit,
            )
        )
    return rows


def preview_heading(preview: ImportPreview) -> str:
    """The line above the preview's table: the unit, the decision, where in the file (sheet
    or Word table), the count, and what the reader noted (a legacy encoding converted…)."""
    decision = preview.decision
    signed = format_date(decision.signed_on) if decision.signed_on else "?"
    return (
        f"{preview.unit.name}: Quyết định số {decision.number} ngày {signed}, "
        f"{preview.roster.place}, {len(preview.members)} thành viên."
        + "".join(f" ({note})" for note in preview.roster.notes)
    )


def store_import(session: Session, preview: ImportPreview) -> Decision:
    """Write the prepared roster as an issued decision superseding the one in force (or,
    confirmed as a late entry of an older decision, as history), checking again under the
    unit's lock what the preview said. A decision recorded already with the same roster is
    returned as it is, and nothing is written."""
    if preview.problems:
        raise ImportRefused(preview.problems)
    with audit_context(session, IMPORT):  # the audit trail names the import
        return _store_checked_import(session, preview)


def _store_checked_import(session: Session, preview: ImportPreview) -> Decision:
    lock_unit(session, preview.unit.code, preview.unit.era)
    problems, already, older = _standing(
        session, preview.unit, preview.decision, preview.members, preview.late_entry
    )
    if problems:
        raise ImportRefused(tuple(problems))
    if already is not None:
        existing = session.get(Decision, already)
        assert existing is not None
        return existing
    previous = None if older else current_decision(session, preview.unit.code, preview.unit.era)
    if previous is not None:
        previous.in_force = False  # first, so that the unit never has two in force
        session.add(previous)
        flush(session)
    decision = Decision(
        unit_era=preview.unit.era,
        unit_code=preview.unit.code,
        number=preview.decision.number,
        signed_on=preview.decision.signed_on,
        signer=preview.signer,
        status=DecisionStatus.ISSUED.value,
        supersedes_id=previous.id if previous is not None else None,
        in_force=not older,
        issued_at=datetime.now(),
    )
    session.add(decision)
    flush(session)
    if preview.decision.regulation_number is not None:
        documents.set_regulation_given_with(
            session, decision, preview.decision.regulation_number, preview.decision.regulation_date
        )
    people = find_or_create_people(
        session,
        [member.row.name for member in preview.members],
        preview.unit.code,
        preview.unit.era,
    )
    now, writer = datetime.now(), writer_name(session.connection())
    session.execute(
        insert(Membership),
        [
            {
                "decision_id": decision.id,
                "person_id": people[member.row.name],
                "full_name": member.row.name,
                "role": member.row.role.value,
                "position": position,
                "title": member.row.title,
                "post_kind": member.post.post_kind,
                "post_unit_era": preview.unit.era if member.post.unit_code else None,
                "post_unit_code": member.post.unit_code,
                "post_picked": False,
                "portfolio": member.post.portfolio.value,
                "duties": member.row.duties,
                "phone": member.row.phone,
                "note": member.row.note,
                "version": 1,
                "updated_at": now,
                "updated_by": writer,
            }
            for position, member in enumerate(preview.members, start=1)
        ],
    )
    flush(session)
    return decision
