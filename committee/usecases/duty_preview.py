"""A duty assignment sheet (phân công nhiệm vụ) previewed before it is recorded: who of the
decision in force gets which duties. Nothing is written; recording is
documents.record_duty_assignment with the preview's sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from committee.domain.vocabulary import DEFAULT_ERA, DocumentKind, Era, Role
from committee.rosters.duties_reader import DutySheet, read_duty_sheet
from committee.usecases import documents
from committee.usecases.units import get_unit
from committee.usecases.view import DecisionState, DecisionSummary, committee_view


@dataclass(frozen=True, slots=True)
class DutyChange:
    """One roster line of the decision in force, with the duties the sheet gives it."""

    position: int
    name: str
    role: Role
    before: str  # the duties in force now
    after: str | None  # what the sheet gives; None when the sheet does not name the line


@dataclass(frozen=True, slots=True)
class DutyPreview:
    unit_code: str
    unit_name: str
    decision: DecisionSummary  # the decision in force the duties are recorded against
    sheet: DutySheet  # what documents.record_duty_assignment records
    changes: tuple[DutyChange, ...]
    unit_era: Era = DEFAULT_ERA

    @property
    def named(self) -> int:
        """How many lines of the roster the sheet gives duties to."""
        return sum(1 for change in self.changes if change.after is not None)


def preview_duties(
    session: Session, unit_code: str, path: Path, era: Era = DEFAULT_ERA
) -> DutyPreview:
    """Read a duty sheet and match it to the unit's decision in force, as recording it would;
    raises UserError for what recording would refuse (no decision in force, a name not on
    it, a file that cannot be read)."""
    sheet = read_duty_sheet(Path(path))
    unit = get_unit(session, unit_code, era)
    # The very checks record_duty_assignment makes (documents keeps them private for now).
    decision = documents._decision_in_force(session, unit, DocumentKind.DUTY_ASSIGNMENT)
    assigned = documents._match_rows(session, decision, sheet)
    view = committee_view(session, unit.code, decision.id, Era(unit.era))
    assert view.decision is not None and view.decision.state is DecisionState.IN_FORCE
    changes = tuple(
        DutyChange(
            line.position, line.name, line.role, line.duties, assigned.get(line.membership_id)
        )
        for line in view.roster
    )
    return DutyPreview(unit.code, unit.name, view.decision, sheet, changes, Era(unit.era))
