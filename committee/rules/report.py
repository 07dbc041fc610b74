"""The verdicts of a check: one committee's (`CommitteeReport`) and a whole check's
(`CheckReport`), as plain records with the JSON that `bcd138 check --format json` writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from committee.domain.records import DecisionFacts, Finding, UnitRef
from committee.domain.vocabulary import NO_DECISION_LABEL, CommitteeStatus
from committee.rules.engine import committee_status


@dataclass(slots=True, frozen=True)
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
        """The committee as `bcd138 check --format json` writes it (the enums are text:
        each is equal to its value, and JSON writes it so)."""
        unit, decision = self.unit, self.decision
        return {
            "era": unit.era,
            "unit_code": unit.code,
            "unit_name": unit.name,
            "level": unit.level,
            "decision": None
            if decision is None
            else {
                "number": decision.number,
                "signed_on": decision.signed_on.isoformat() if decision.signed_on else None,
            },
            "status": self.status,
            "findings": [
                {
                    "code": finding.code,
                    "severity": finding.severity,
                    "message": finding.message,
                    "member": finding.member,
                }
                for finding in self.findings
            ],
        }


@dataclass(slots=True, frozen=True)
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
