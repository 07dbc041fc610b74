"""What an interface shows of the committees, as plain records: no ORM rows leave here.

`committee_view` gives everything the main screen shows for one unit at once: the decision
shown and its state, its roster with the duties in force, its findings and its status, the
unit's own status (its decision in force), the drafts, and the documents recorded against
the decision shown. `tree_roots`, `tree_children`, `tree_path` and `tree_matches` give the
units a tree lists, a level at a time as it is opened, and `committee_statuses` their
statuses; `decision_history` the unit's decisions with their documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlmodel import Session

from committee.catalogue.posts import post_catalogue
from committee.domain.dates import format_date
from committee.domain.errors import NotFound, UserError
from committee.domain.records import Finding, UnitRef
from committee.domain.vocabulary import DEFAULT_ERA, CommitteeStatus, Era, Level, Portfolio, Role
from committee.rules.engine import committee_status
from committee.store.models import Decision
from committee.usecases.checking import check_decision, check_units
from committee.usecases.decisions import list_decisions
from committee.usecases.documents import (
    DocumentEntry,
    list_documents,
    regulation_of,
    roster_with_duties,
)
from committee.usecases.units import (
    child_unit_refs,
    get_unit,
    province_refs,
    search_units,
    to_ref,
    unit_refs,
)


class DecisionState(StrEnum):
    """Where a decision stands in its unit's chain of decisions."""

    IN_FORCE = "in_force"
    DRAFT = "draft"
    SUPERSEDED = "superseded"
    LATE_ENTRY = "late_entry"  # issued, entered after a newer one: history, superseding nothing

    @property
    def label(self) -> str:
        return DECISION_STATE_LABELS[self]


DECISION_STATE_LABELS: dict[DecisionState, str] = {
    DecisionState.IN_FORCE: "đang hiệu lực",
    DecisionState.DRAFT: "dự thảo",
    DecisionState.SUPERSEDED: "đã bị thay thế",
    DecisionState.LATE_ENTRY: "quyết định cũ, nhập muộn",
}


@dataclass(frozen=True, slots=True)
class DecisionSummary:
    """A decision as a screen names it; `version` is what an edit of it must pass."""

    id: int
    number: str
    signed_on: date | None
    signer: str
    state: DecisionState
    version: int

    @property
    def is_draft(self) -> bool:
        return self.state is DecisionState.DRAFT

    @property
    def label(self) -> str:
        """ "1234/QĐ-UBND ngày 12/06/2023" (or "(chưa có ngày ký)")."""
        signed = f"ngày {format_date(self.signed_on)}" if self.signed_on else "(chưa có ngày ký)"
        return f"{self.number} {signed}"


@dataclass(frozen=True, slots=True)
class RosterLine:
    """One line of the roster shown; `version` is what an edit of it must pass."""

    membership_id: int
    version: int
    position: int
    name: str  # as written on the decision
    role: Role
    title: str  # the post as written
    post_kind: str | None
    post_title: str | None  # the catalogue's name of the recognised post
    post_picked: bool  # the post was picked from the catalogue for this line
    portfolio: Portfolio
    duties: str  # in force: the latest duty assignment naming the line, else as printed
    phone: str
    note: str
    person_id: int


@dataclass(frozen=True, slots=True)
class CommitteeView:
    """Everything the main screen shows for a unit.

    `status` is the status of the decision shown (None when none is shown); `unit_status`
    that of the unit's committee, its decision in force (None: chưa kiện toàn)."""

    unit: UnitRef
    decision: DecisionSummary | None
    in_force: DecisionSummary | None
    status: CommitteeStatus | None
    unit_status: CommitteeStatus | None
    roster: tuple[RosterLine, ...]
    findings: tuple[Finding, ...]
    drafts: tuple[DecisionSummary, ...]
    documents: tuple[DocumentEntry, ...]
    regulation_number: str | None  # the committee's Quy chế for the decision shown
    regulation_date: date | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    decision: DecisionSummary
    documents: tuple[DocumentEntry, ...]


def committee_unit(session: Session, code: str, era: Era = DEFAULT_ERA) -> UnitRef:
    """A unit of the era that has a committee (district or commune level)."""
    unit = get_unit(session, code, era)
    if unit.level == Level.PROVINCE:
        raise UserError(f"{unit.name} là cấp tỉnh; hãy chọn huyện hoặc xã.")
    return to_ref(unit)


def _states(decisions: Sequence[Decision]) -> dict[int, DecisionState]:
    superseded = {decision.supersedes_id for decision in decisions}
    states: dict[int, DecisionState] = {}
    for decision in decisions:
        assert decision.id is not None
        if decision.in_force:
            states[decision.id] = DecisionState.IN_FORCE
        elif not decision.is_issued:
            states[decision.id] = DecisionState.DRAFT
        elif decision.id in superseded:
            states[decision.id] = DecisionState.SUPERSEDED
        else:
            states[decision.id] = DecisionState.LATE_ENTRY
    return states


def _summary(decision: Decision, state: DecisionState) -> DecisionSummary:
    assert decision.id is not None
    return DecisionSummary(
        decision.id, decision.number, decision.signed_on, decision.signer, state, decision.version
    )


def _summaries(session: Session, unit: UnitRef) -> list[DecisionSummary]:
    """The unit's decisions in list_decisions' order: in force, drafts, older ones."""
    decisions = list_decisions(session, unit.code, unit.era)
    states = _states(decisions)
    return [_summary(decision, states[decision.id]) for decision in decisions]  # type: ignore[index]


def _roster(session: Session, decision_id: int) -> tuple[RosterLine, ...]:
    catalogue = post_catalogue()
    lines = []
    for line, duties in roster_with_duties(session, decision_id):
        post = catalogue.get(line.post_kind)
        assert line.id is not None
        lines.append(
            RosterLine(
                line.id,
                line.version,
                line.position,
                line.full_name,
                Role(line.role),
                line.title,
                line.post_kind,
                post.title if post else None,
                line.post_picked,
                Portfolio(line.portfolio),
                duties or "",
                line.phone,
                line.note,
                line.person_id,
            )
        )
    return tuple(lines)


def committee_view(
    session: Session, unit_code: str, decision_id: int | None = None, era: Era = DEFAULT_ERA
) -> CommitteeView:
    """A unit's committee as the screen shows it: the decision asked for (one of the unit's),
    else its decision in force, else its newest draft."""
    unit = committee_unit(session, unit_code, era)
    decisions = _summaries(session, unit)
    in_force = next((d for d in decisions if d.state is DecisionState.IN_FORCE), None)
    drafts = tuple(d for d in decisions if d.is_draft)
    if decision_id is not None:
        shown = next((d for d in decisions if d.id == decision_id), None)
        if shown is None:
            raise NotFound(f"{unit.name} không có quyết định số hiệu nội bộ {decision_id}.")
    else:
        shown = in_force or (drafts[0] if drafts else None)
    committee = check_units(session, [unit]).committees[0]
    unit_status = None if committee.decision is None else committee.status
    if shown is None:
        return CommitteeView(
            unit, None, in_force, None, unit_status, (), committee.findings, drafts, (), None, None
        )
    if shown.id == committee.decision_id:  # the one in force: checked just above
        findings = committee.findings
    else:
        findings = tuple(check_decision(session, shown.id))
    decision = session.get(Decision, shown.id)
    assert decision is not None
    regulation_number, regulation_date = regulation_of(session, decision)
    return CommitteeView(
        unit,
        shown,
        in_force,
        committee_status(findings),
        unit_status,
        _roster(session, shown.id),
        findings,
        drafts,
        tuple(list_documents(session, shown.id)),
        regulation_number,
        regulation_date,
    )


def decision_history(
    session: Session, unit_code: str, era: Era = DEFAULT_ERA
) -> tuple[HistoryEntry, ...]:
    """The unit's decisions (in force, drafts, then older ones, newest first), each with the
    documents recorded against it."""
    unit = committee_unit(session, unit_code, era)
    return tuple(
        HistoryEntry(decision, tuple(list_documents(session, decision.id)))
        for decision in _summaries(session, unit)
    )


def committee_statuses(
    session: Session, units: Iterable[UnitRef]
) -> dict[tuple[Era, str], CommitteeStatus | None]:
    """The status of each unit's committee (its decision in force), by the unit's key (its
    era and code; the units may be of several eras); None: chưa kiện toàn."""
    chosen = [unit for unit in units if unit.level is not Level.PROVINCE]
    if not chosen:
        return {}
    report = check_units(session, chosen)
    return {
        committee.unit.key: None if committee.decision is None else committee.status
        for committee in report.committees
    }


# --- the tree: built a level at a time, as the clerk opens it -------------------------------

# Units a filter of the tree shows at most (with the provinces and districts that hold
# them): a short text matches most of a country; typing more narrows it.
TREE_FILTER_LIMIT = 300


def tree_root_label(province: UnitRef) -> str:
    """A root of the tree, a loaded province of one era: "Hải Dương (trước 01/07/2025)"."""
    return f"{province.short_name} ({province.era.label})"


def tree_roots(session: Session) -> tuple[UnitRef, ...]:
    """The tree's roots: every loaded province of every era, the legacy era first."""
    provinces = province_refs(session)  # a country's 10,000 units are not read here
    order = list(Era)
    return tuple(sorted(provinces, key=lambda unit: (order.index(unit.era), unit.code)))


def tree_children(session: Session, unit: UnitRef) -> tuple[UnitRef, ...]:
    """The units directly under one (a province's districts, or from 2025 its communes; a
    district's communes), in code order."""
    return tuple(child_unit_refs(session, [unit.code], unit.era))


def tree_path(session: Session, unit_code: str, era: Era = DEFAULT_ERA) -> tuple[UnitRef, ...]:
    """The unit and the units above it, from its province down to it."""
    path = [to_ref(get_unit(session, unit_code, era))]
    while path[0].parent_code is not None:
        path.insert(0, to_ref(get_unit(session, path[0].parent_code, era)))
    return tuple(path)


@dataclass(frozen=True, slots=True)
class TreeMatches:
    """What a filter of the tree shows: the units whose name holds the text (`matched`, in
    tree order, at most TREE_FILTER_LIMIT of them) and the units above them (`units`: all
    of them in tree order, parents first); `more`: there were more matches."""

    units: tuple[UnitRef, ...]
    matched: tuple[UnitRef, ...]
    more: bool


def tree_matches(session: Session, text: str, limit: int = TREE_FILTER_LIMIT) -> TreeMatches:
    """The districts and communes of every era whose name holds the text (diacritics and
    case ignored), with the units above them, for the tree to open the paths to them."""
    found = [
        to_ref(unit)
        for unit in search_units(session, text, limit=limit + 1)
        if unit.level != Level.PROVINCE
    ]
    more = len(found) > limit
    found = found[:limit]
    known = {unit.key: unit for unit in found}
    wanted = {(unit.era, unit.parent_code) for unit in found if unit.parent_code}
    wanted -= known.keys()
    while wanted:  # the units above the matches, a level at a time
        fetched: list[UnitRef] = []
        for era in {era for era, _ in wanted}:
            fetched += unit_refs(session, [code for e, code in wanted if e is era], era)
        known.update((unit.key, unit) for unit in fetched)
        wanted = {(unit.era, unit.parent_code) for unit in fetched if unit.parent_code}
        wanted -= known.keys()
    order = list(Era)
    roots = sorted(
        (
            unit
            for unit in known.values()
            if unit.parent_code is None or (unit.era, unit.parent_code) not in known
        ),
        key=lambda unit: (order.index(unit.era), unit.code),
    )
    children: dict[tuple[Era, str], list[UnitRef]] = {}
    for unit in sorted(known.values(), key=lambda unit: unit.code):
        if unit.parent_code is not None and (unit.era, unit.parent_code) in known:
            children.setdefault((unit.era, unit.parent_code), []).append(unit)
    ordered: list[UnitRef] = []

    def visit(unit: UnitRef) -> None:
        ordered.append(unit)
        for child in children.get(unit.key, []):
            visit(child)

    for root in roots:
        visit(root)
    matched_keys = {unit.key for unit in found}
    matched = tuple(unit for unit in ordered if unit.key in matched_keys)
    return TreeMatches(tuple(ordered), matched, more)
