"""The stored data: administrative units, decisions, people, memberships, and the
committee's own documents (its Quy chế hoạt động and its duty assignments).

What the database itself guarantees, on SQLite and PostgreSQL alike:
- a unit is its era and its code (`admin_unit`'s primary key is (era, code)): codes were
  reused after 1 July 2025, so every reference to a unit names both;
- a unit has at most one decision in force (`uq_decision_in_force`, a partial unique
  index on the explicit `in_force` marker), and a decision is superseded at most once
  (`uq_decision_supersedes`);
- a unit holds one decision per number and signing date (`uq_decision_number_date`);
- a decision's roster has one line per position (`uq_membership_position`);
- every update of a decision or a membership is checked against the version it was read
  at (SQLAlchemy's version counter, `version`), so a stale write is refused, and says who
  last changed the record and when (`updated_by`, `updated_at`).
Column sizes come from committee.domain.field_limits, which the input checks read too.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    false,
    text,
)
from sqlmodel import Field, SQLModel

from committee.domain import field_limits as limits
from committee.domain.vocabulary import DEFAULT_ERA, DecisionStatus, DocumentKind, Portfolio

# The where-clause of the partial unique index `uq_decision_in_force` (SQL, the same on
# SQLite and PostgreSQL).
IN_FORCE_WHERE = "in_force"
_DECISION_VERSION = Column("version", Integer, nullable=False, server_default=text("1"))
_MEMBERSHIP_VERSION = Column("version", Integer, nullable=False, server_default=text("1"))


class AdminUnit(SQLModel, table=True):
    """A province, district-level unit or commune, with its era and statistics-office code."""

    __tablename__ = "admin_unit"
    __table_args__ = (
        ForeignKeyConstraint(
            ["era", "parent_code"],
            ["admin_unit.era", "admin_unit.code"],
            name="fk_admin_unit_parent",
        ),
        Index("ix_admin_unit_era_parent", "era", "parent_code"),
    )

    era: str = Field(sa_column=Column(String(limits.ERA), primary_key=True))  # Era
    code: str = Field(sa_column=Column(String(limits.UNIT_CODE), primary_key=True))
    name: str = Field(max_length=limits.UNIT_NAME)  # "Huyện Gia Lộc"
    kind: str = Field(max_length=limits.UNIT_KIND)  # "huyện", "thị xã", "xã", "phường", ...
    level: str = Field(max_length=limits.LEVEL, index=True)  # committee.domain.vocabulary.Level
    parent_code: str | None = Field(default=None, max_length=limits.UNIT_CODE)  # same era
    search_key: str = Field(max_length=limits.UNIT_NAME, index=True)  # folded name


class Person(SQLModel, table=True):
    """One human being, linking the memberships that name them across decisions, for
    history and search. A membership keeps its own name: a person never renames one."""

    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    full_name: str = Field(max_length=limits.PERSON_NAME)  # NFC, as first recorded
    search_key: str = Field(max_length=limits.PERSON_NAME, index=True)  # folded name


class Decision(SQLModel, table=True):
    """A Quyết định that sets up or restructures (kiện toàn) one unit's committee."""

    __tablename__ = "decision"
    __table_args__ = (
        ForeignKeyConstraint(
            ["unit_era", "unit_code"],
            ["admin_unit.era", "admin_unit.code"],
            name="fk_decision_unit",
        ),
        Index("ix_decision_unit_status", "unit_era", "unit_code", "status"),
        # Partial: over the decisions in force only. The migrations make it with its
        # where-clause on each database (0003, 0004); the model states it once for both
        # in `info`, without the dialect keywords (`sqlite_where=`, `postgresql_where=`),
        # which make SQLAlchemy import each named dialect to validate them: the PostgreSQL
        # one (with asyncpg's module) cost every command on SQLite ~30 ms of start-up.
        Index(
            "uq_decision_in_force",
            "unit_era",
            "unit_code",
            unique=True,
            info={"where": IN_FORCE_WHERE},
        ),
        Index("uq_decision_supersedes", "supersedes_id", unique=True),
        Index(
            "uq_decision_number_date", "unit_era", "unit_code", "number", "signed_on", unique=True
        ),
    )
    __mapper_args__ = {"version_id_col": _DECISION_VERSION}

    id: int | None = Field(default=None, primary_key=True)
    unit_era: str = Field(
        default=DEFAULT_ERA.value,
        max_length=limits.ERA,
        sa_column_kwargs={"server_default": DEFAULT_ERA.value},
    )
    unit_code: str = Field(max_length=limits.UNIT_CODE)
    number: str = Field(max_length=limits.DECISION_NUMBER)  # "1234/QĐ-UBND"
    signed_on: date | None = None
    signer: str = Field(default="", max_length=limits.SIGNER)
    status: str = Field(default=DecisionStatus.DRAFT.value, max_length=limits.STATUS)
    supersedes_id: int | None = Field(default=None, foreign_key="decision.id")
    # The one decision of its unit in force: issued, and not superseded.
    in_force: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = Field(default_factory=datetime.now, sa_type=DateTime)
    issued_at: datetime | None = Field(default=None, sa_type=DateTime)
    version: int = Field(default=1, sa_column=_DECISION_VERSION)
    updated_at: datetime | None = Field(default=None, sa_type=DateTime)
    updated_by: str | None = Field(default=None, max_length=limits.WRITER)

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED.value


class Membership(SQLModel, table=True):
    """One line of a decision's roster, as written on that decision."""

    __tablename__ = "membership"
    __table_args__ = (
        Index("uq_membership_position", "decision_id", "position", unique=True),
        ForeignKeyConstraint(
            ["post_unit_era", "post_unit_code"],
            ["admin_unit.era", "admin_unit.code"],
            name="fk_membership_post_unit",
        ),
    )
    __mapper_args__ = {"version_id_col": _MEMBERSHIP_VERSION}

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id")
    person_id: int = Field(foreign_key="person.id", index=True)
    full_name: str = Field(
        default="",
        max_length=limits.PERSON_NAME,
        index=True,
        sa_column_kwargs={"server_default": ""},
    )  # NFC, as written on the decision
    role: str = Field(max_length=limits.ROLE)  # committee.domain.vocabulary.Role
    position: int  # 1-based place in the roster
    title: str = Field(default="", max_length=limits.TITLE)  # the post as written
    post_kind: str | None = Field(default=None, max_length=limits.POST_KIND)  # data/posts.toml
    post_unit_era: str | None = Field(default=None, max_length=limits.ERA)  # with the code
    post_unit_code: str | None = Field(default=None, max_length=limits.UNIT_CODE)
    # True when the clerk picked the post from the catalogue for this line; otherwise the
    # post, its unit and the portfolio are what the title says, read again when it changes.
    post_picked: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    portfolio: str = Field(default=Portfolio.NONE.value, max_length=limits.PORTFOLIO)
    duties: str = Field(default="", sa_type=Text)  # as printed on the decision
    phone: str = Field(default="", max_length=limits.PHONE)
    note: str = Field(default="", sa_type=Text)
    version: int = Field(default=1, sa_column=_MEMBERSHIP_VERSION)
    updated_at: datetime | None = Field(default=None, sa_type=DateTime)
    updated_by: str | None = Field(default=None, max_length=limits.WRITER)


class CommitteeDocument(SQLModel, table=True):
    """A document the committee issues itself after its decision: its Quy chế hoạt động
    or a duty assignment (phân công nhiệm vụ), recorded against that decision. A document
    recorded against an issued decision never changes."""

    __tablename__ = "committee_document"
    __table_args__ = (
        Index("uq_committee_document", "decision_id", "kind", "number", "signed_on", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", index=True)
    kind: str = Field(max_length=limits.DOCUMENT_KIND)  # committee.domain.vocabulary.DocumentKind
    number: str | None = Field(default=None, max_length=limits.DECISION_NUMBER)  # "01/QĐ-BCĐ"
    signed_on: date | None = None
    signer: str = Field(default="", max_length=limits.SIGNER)
    recorded_at: datetime = Field(default_factory=datetime.now, sa_type=DateTime)
    recorded_by: str | None = Field(default=None, max_length=limits.WRITER)

    @property
    def is_regulation(self) -> bool:
        return self.kind == DocumentKind.REGULATION.value


class AssignedDuty(SQLModel, table=True):
    """The duties one duty assignment gives one roster line."""

    __tablename__ = "assigned_duty"
    __table_args__ = (Index("uq_assigned_duty", "document_id", "membership_id", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="committee_document.id")
    membership_id: int = Field(foreign_key="membership.id", index=True)
    duties: str = Field(sa_type=Text)


class UnitSuccession(SQLModel, table=True):
    """A legacy unit and a 2025 unit it went into, from vietnamadminunits' succession
    mapping. `whole` says the legacy unit went wholly into that one; a split unit has one
    row per candidate, none of which is taken for certain until a clerk confirms it
    (`confirmed_at`): the package's default successor is known to be wrong in places."""

    __tablename__ = "unit_succession"
    __table_args__ = (
        ForeignKeyConstraint(
            ["legacy_era", "legacy_code"],
            ["admin_unit.era", "admin_unit.code"],
            name="fk_unit_succession_legacy",
        ),
        ForeignKeyConstraint(
            ["new_era", "new_code"],
            ["admin_unit.era", "admin_unit.code"],
            name="fk_unit_succession_new",
        ),
        Index(
            "uq_unit_succession", "legacy_era", "legacy_code", "new_era", "new_code", unique=True
        ),
        Index("ix_unit_succession_new", "new_era", "new_code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    legacy_era: str = Field(max_length=limits.ERA)
    legacy_code: str = Field(max_length=limits.UNIT_CODE)
    new_era: str = Field(max_length=limits.ERA)
    new_code: str = Field(max_length=limits.UNIT_CODE)
    whole: bool
    package_default: bool  # the package's isDefaultNewWard (always true for a whole link)
    confirmed_at: datetime | None = Field(default=None, sa_type=DateTime)
    confirmed_by: str | None = Field(default=None, max_length=limits.WRITER)


class Clerk(SQLModel, table=True):
    """A clerk of the shared register on PostgreSQL: a database role that logs in with its
    own credentials (bcd138 stores no password). `read_only`: reads every unit, writes
    nothing; `read_all`: reads every unit, writes only its own."""

    __tablename__ = "clerk"

    role: str = Field(sa_column=Column(String(limits.DATABASE_ROLE), primary_key=True))
    read_only: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    read_all: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = Field(default_factory=datetime.now, sa_type=DateTime)
    created_by: str | None = Field(default=None, max_length=limits.WRITER)


class ClerkScope(SQLModel, table=True):
    """A unit a clerk was given, as the administrator gave it: to write (`writable`, from
    `clerk add --unit`) or to read (`clerk grant-read`). It covers the units under it."""

    __tablename__ = "clerk_scope"
    __table_args__ = (
        ForeignKeyConstraint(["role"], ["clerk.role"], name="fk_clerk_scope_clerk"),
        ForeignKeyConstraint(
            ["unit_era", "unit_code"],
            ["admin_unit.era", "admin_unit.code"],
            name="fk_clerk_scope_unit",
        ),
    )

    role: str = Field(sa_column=Column(String(limits.DATABASE_ROLE), primary_key=True))
    unit_era: str = Field(sa_column=Column(String(limits.ERA), primary_key=True))
    unit_code: str = Field(sa_column=Column(String(limits.UNIT_CODE), primary_key=True))
    writable: bool


class ClerkUnit(SQLModel, table=True):
    """Every unit a clerk may read (and, if `writable`, write): its scopes and all the
    units under them, flattened when the scopes are set, so that the row-level security
    policies are one indexed look-up, never a walk of the unit tree."""

    __tablename__ = "clerk_unit"
    __table_args__ = (
        ForeignKeyConstraint(["role"], ["clerk.role"], name="fk_clerk_unit_clerk"),
        ForeignKeyConstraint(
            ["unit_era", "unit_code"],
            ["admin_unit.era", "admin_unit.code"],
            name="fk_clerk_unit_unit",
        ),
    )

    role: str = Field(sa_column=Column(String(limits.DATABASE_ROLE), primary_key=True))
    unit_era: str = Field(sa_column=Column(String(limits.ERA), primary_key=True))
    unit_code: str = Field(sa_column=Column(String(limits.UNIT_CODE), primary_key=True))
    writable: bool


class AuditEntry(SQLModel, table=True):
    """One change of a decision, a roster line, a committee document or a duty, written by
    the database's triggers (committee.store.audit): who, when, what, before and after.
    Append-only: the database refuses to change or delete an entry."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_unit", "unit_era", "unit_code", "id"),
        Index("ix_audit_entry_record", "record_kind", "record_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=DateTime)
    actor: str = Field(max_length=limits.WRITER)  # the database role, or the OS user
    action: str = Field(max_length=limits.AUDIT_ACTION)  # vocabulary.AuditAction
    record_kind: str = Field(max_length=limits.AUDIT_RECORD_KIND)  # the table's name
    record_id: int
    unit_era: str | None = Field(default=None, max_length=limits.ERA)
    unit_code: str | None = Field(default=None, max_length=limits.UNIT_CODE)
    before_values: str | None = Field(default=None, sa_type=Text)  # JSON object
    after_values: str | None = Field(default=None, sa_type=Text)  # JSON object
