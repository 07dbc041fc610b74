"""The II.23.b check: a committee's facts against a rule pack, giving findings.

Generic over the pack: which posts fill which seat at which level, codes, severities and
messages all come from data/rules/*.toml (committee/rules/pack.py). Each rule the engine
knows is one check in committee/rules/checks.py; this module runs them on one committee
and words what they report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from committee.catalogue.posts import PostCatalogue, PostKind, post_catalogue
from committee.domain.dates import format_date
from committee.domain.records import CommitteeFacts, DecisionFacts, Finding, MemberFacts
from committee.domain.vocabulary import CommitteeStatus, Role, Severity
from committee.rules.checks import ENGINE_RULES, SEAT_RULES, Check
from committee.rules.matching import SeatMatcher, matcher_for
from committee.rules.pack import LevelSeats, RulePack, rule_pack_for

_T = TypeVar("_T")

# The checks run on a committee with a decision, and on a unit without one.
_WITH_DECISION: tuple[Check, ...] = (
    *(rule.check for rule in SEAT_RULES.values()),
    *(rule.check for rule in ENGINE_RULES.values() if not rule.without_decision),
)
_WITHOUT_DECISION: tuple[Check, ...] = tuple(
    rule.check for rule in ENGINE_RULES.values() if rule.without_decision
)
_ROLES = tuple(Role)

# How a message names a title left empty in the roster ("Trần Bình (chức vụ để trống)").
EMPTY_TITLE = "chức vụ để trống"


def check_committee(
    facts: CommitteeFacts,
    pack: RulePack | None = None,
    catalogue: PostCatalogue | None = None,
) -> list[Finding]:
    """All findings for one committee, sorted by code then roster position; by default
    by the shipped pack of the unit's era (a 2025 commune: ii23b-cap-xa-2025)."""
    pack = pack if pack is not None else rule_pack_for(facts.unit.era)
    catalogue = catalogue if catalogue is not None else post_catalogue()
    examination = Examination(facts, pack, catalogue)
    for check in _WITH_DECISION if facts.decision is not None else _WITHOUT_DECISION:
        check(examination)
    findings = examination.findings
    if len(findings) > 1:
        findings.sort(key=_finding_order)
    return findings


def committee_status(findings: Iterable[Finding]) -> CommitteeStatus:
    """Error if any finding is an error, else warning if any is a warning, else ok."""
    status = CommitteeStatus.OK
    for finding in findings:
        if finding.severity is Severity.ERROR:
            return CommitteeStatus.ERROR
        status = CommitteeStatus.WARNING
    return status


class Examination:
    """One committee under check: its facts as the checks read them, what they share, and
    the findings reported so far.

    `entries` pairs each member, in roster order, with its post in the catalogue (None when
    not recognised); `by_role` the same by role. A committee with no decision has neither.
    """

    def __init__(self, facts: CommitteeFacts, pack: RulePack, catalogue: PostCatalogue) -> None:
        self.facts = facts
        self.pack = pack
        self.unit_code = facts.unit.code
        self.level = facts.unit.level
        self.era = facts.unit.era
        self.findings: list[Finding] = []
        self._base: dict[str, Any] | None = None
        self._shared: dict[Callable[..., Any], Any] = {}
        if facts.decision is None:
            return
        self.decision: DecisionFacts = facts.decision
        self.seats: LevelSeats = pack.seats_for(self.level)
        self.matcher: SeatMatcher = matcher_for(self.seats)
        # Runs once per roster line of every committee checked: one pass, the posts
        # looked up in the catalogue's mapping directly.
        post_of = catalogue.by_key.get
        entries: list[tuple[MemberFacts, PostKind | None]] = []
        by_role: dict[Role, list[tuple[MemberFacts, PostKind | None]]] = {
            role: [] for role in _ROLES
        }
        for member in facts.members:
            kind = member.post_kind
            entry = (member, post_of(kind) if kind else None)
            entries.append(entry)
            by_role[member.role].append(entry)
        self.entries = entries
        self.by_role = by_role

    def shared(self, compute: Callable[[Examination], _T]) -> _T:
        """What `compute` makes of this committee, worked out once for every check that
        asks (the rows that repeat a person, the sector seats' matching)."""
        shared = self._shared
        if compute in shared:
            return shared[compute]  # type: ignore[no-any-return]
        value = shared[compute] = compute(self)
        return value

    @property
    def base(self) -> dict[str, Any]:
        """What every message may name; worked out for the first finding only (most
        committees of a bulk check have none)."""
        if self._base is None:
            level_seats = self.pack.levels.get(self.level)
            self._base = {
                "unit": self.facts.unit.phrase,
                "deadline": format_date(self.pack.deadline) if self.pack.deadline else "",
                "level": level_seats.label if level_seats else self.level.value,
            }
        return self._base

    def report(
        self,
        code: str,
        member: MemberFacts | None = None,
        variant: str | None = None,
        **values: Any,
    ) -> None:
        """Add the finding `code` (about `member`, when given), its message the rule's
        template (or its `variant`) filled with what every message may name and `values`."""
        rule = self.pack.rule(code)
        context = dict(self.base)
        if member is not None:
            context["name"] = member.name
            context["title"] = member.title or EMPTY_TITLE
            context["position"] = member.position
            context["role"] = member.role.label
        context.update(values)
        self.findings.append(
            Finding(
                code=code,
                severity=rule.severity,
                message=rule.template(variant).format_map(context),
                member=member.name if member is not None else None,
                position=member.position if member is not None else None,
            )
        )


def _finding_order(finding: Finding) -> tuple[str, int]:
    return (finding.code, finding.position or 0)
