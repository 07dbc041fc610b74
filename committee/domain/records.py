"""Plain, database-free records passed between storage, title recognition and the checks.

The rule engine and title recognition work on these, never on ORM objects, so they
can be tested and benchmarked without a database. They are immutable: frozen dataclasses
with slots, and `MemberFacts`, built once per roster line of every committee a bulk check
reads (some 160,000 for the country), a NamedTuple, the quickest immutable record to make
(0.5 µs against 1.9 µs for a frozen dataclass with slots; benchmarks/RESULTS.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from committee.domain.vocabulary import DEFAULT_ERA, Era, Level, Portfolio, Role, Severity


@dataclass(slots=True, frozen=True)
class UnitRef:
    """An administrative unit as the catalogue knows it."""

    code: str  # statistics-office code as text: "30", "297", "11020"
    name: str  # full name with its kind: "Huyện Gia Lộc", "Xã Yết Kiêu"
    kind: str  # lower-case kind word: "huyện", "thị xã", "thành phố", "quận", "xã", ...
    level: Level
    parent_code: str | None  # the parent's code, in the same era
    era: Era = DEFAULT_ERA  # the code means this unit only within its era

    @property
    def key(self) -> tuple[Era, str]:
        """What identifies the unit: its era and its code."""
        return (self.era, self.code)

    @property
    def short_name(self) -> str:
        """The name without its kind word: "Gia Lộc"."""
        kind = self.kind.lower()
        if kind and self.name.lower().startswith(kind):
            return self.name[len(kind) :].strip()
        return self.name

    @property
    def phrase(self) -> str:
        """The unit as it reads inside a sentence: "huyện Gia Lộc", "thị trấn Thanh Hà"."""
        return f"{self.kind.lower()} {self.short_name}" if self.kind else self.name


@dataclass(slots=True, frozen=True)
class RecognisedTitle:
    """What title recognition made of a post as written."""

    post_kind: str | None  # key in data/posts.toml, None when not recognised
    unit_code: str | None  # the unit the post belongs to, None when it cannot be told
    portfolio: Portfolio = Portfolio.NONE
    heads: bool | None = None  # None when not recognised

    @property
    def recognised(self) -> bool:
        return self.post_kind is not None


class MemberFacts(NamedTuple):
    """One roster line, as the checks see it."""

    position: int  # 1-based place in the roster
    name: str
    person_key: str  # the same person has the same key (person id, or folded name)
    role: Role
    title: str  # the post as written
    post_kind: str | None
    post_unit_code: str | None
    portfolio: Portfolio = Portfolio.NONE
    duties: str = ""


@dataclass(slots=True, frozen=True)
class DecisionFacts:
    number: str
    signed_on: date | None
    regulation_number: str | None = None
    regulation_date: date | None = None


@dataclass(slots=True, frozen=True)
class CommitteeFacts:
    """A unit's committee as set up by one decision; decision None means no decision."""

    unit: UnitRef
    decision: DecisionFacts | None
    members: tuple[MemberFacts, ...] = ()


@dataclass(slots=True, frozen=True)
class Finding:
    code: str  # "BCD102"
    severity: Severity
    message: str  # Vietnamese
    member: str | None = None  # member's name, when the finding is about one member
    position: int | None = None  # that member's place in the roster


@dataclass(slots=True, frozen=True)
class ClerkRecord:
    """A clerk of the shared register, as `bcd138 clerk list` shows it."""

    login: str
    read_only: bool
    read_all: bool
    writes: tuple[UnitRef, ...]  # the units given to write (and those under them)
    reads: tuple[UnitRef, ...]  # the units given to read only
    units: int  # how many units the clerk reads, theirs and the ones under them


@dataclass(slots=True, frozen=True)
class AuditRecord:
    """One entry of the audit trail: who changed what, when, and the values before and
    after (None for a record made, or deleted)."""

    id: int
    at: datetime
    actor: str
    action: str  # vocabulary.AuditAction
    action_label: str  # Vietnamese
    record_kind: str  # "decision", "membership", "committee_document", "assigned_duty"
    record_id: int
    unit_era: str | None
    unit_code: str | None
    before: dict[str, object] | None
    after: dict[str, object] | None
