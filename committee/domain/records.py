"""Plain, database-free records passed between storage, title recognition and the checks.

The rule engine and title recognition work on these, never on ORM objects, so they
can be tested and benchmarked without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from committee.domain.vocabulary import Level, Portfolio, Role, Severity


@dataclass(frozen=True, init=False)
class UnitRef:
    """An administrative unit as the catalogue knows it."""

    code: str  # statistics-office code as text: "30", "297", "11020"
    name: str  # full name with its kind: "Huyện Gia Lộc", "Xã Yết Kiêu"
    kind: str  # lower-case kind word: "huyện", "thị xã", "thành phố", "quận", "xã", ...
    level: Level
    parent_code: str | None

    def __init__(
        self, code: str, name: str, kind: str, level: Level, parent_code: str | None
    ) -> None:
        # One per unit of the country read at a time (some 10,800): see MemberFacts.
        self.__dict__.update(code=code, name=name, kind=kind, level=level, parent_code=parent_code)

    @property
    def short_name(self) -> str:
        """The name without its kind word: "Gia Lộc"."""
        return (
            self.name[len(self.kind) :].strip()
            if self.name.lower().startswith(self.kind)
            else self.name
        )


@dataclass(frozen=True)
class RecognisedTitle:
    """What title recognition made of a post as written."""

    post_kind: str | None  # key in data/posts.toml, None when not recognised
    unit_code: str | None  # the unit the post belongs to, None when it cannot be told
    portfolio: Portfolio = Portfolio.NONE
    heads: bool | None = None  # None when not recognised

    @property
    def recognised(self) -> bool:
        return self.post_kind is not None


@dataclass(frozen=True, init=False)
class MemberFacts:
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

    def __init__(
        self,
        position: int,
        name: str,
        person_key: str,
        role: Role,
        title: str,
        post_kind: str | None,
        post_unit_code: str | None,
        portfolio: Portfolio = Portfolio.NONE,
        duties: str = "",
    ) -> None:
        # A bulk check builds one of these per roster line of the country (some 160,000):
        # filling the instance dictionary at once costs half of a frozen dataclass's
        # field-by-field object.__setattr__, and the instance stays frozen (fields,
        # equality, hashing and dataclasses.replace are the dataclass's own).
        self.__dict__.update(
            position=position,
            name=name,
            person_key=person_key,
            role=role,
            title=title,
            post_kind=post_kind,
            post_unit_code=post_unit_code,
            portfolio=portfolio,
            duties=duties,
        )


@dataclass(frozen=True)
class DecisionFacts:
    number: str
    signed_on: date | None
    regulation_number: str | None = None
    regulation_date: date | None = None


@dataclass(frozen=True, init=False)
class CommitteeFacts:
    """A unit's committee as set up by one decision; decision None means no decision."""

    unit: UnitRef
    decision: DecisionFacts | None
    members: tuple[MemberFacts, ...] = field(default_factory=tuple)

    def __init__(
        self,
        unit: UnitRef,
        decision: DecisionFacts | None,
        members: tuple[MemberFacts, ...] = (),
    ) -> None:
        # One per committee of the country checked at a time: see MemberFacts.
        self.__dict__.update(unit=unit, decision=decision, members=members)


@dataclass(frozen=True)
class Finding:
    code: str  # "BCD102"
    severity: Severity
    message: str  # Vietnamese
    member: str | None = None  # member's name, when the finding is about one member
    position: int | None = None  # that member's place in the roster
