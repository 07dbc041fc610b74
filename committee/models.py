"""The stored data: administrative units, decisions, people and memberships."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, DateTime, Index, String, Text
from sqlmodel import Field, SQLModel

from committee.vocabulary import DecisionStatus, Portfolio


class AdminUnit(SQLModel, table=True):
    """A province, district-level unit or commune, with its statistics-office code."""

    __tablename__ = "admin_unit"

    code: str = Field(sa_column=Column(String(8), primary_key=True))
    name: str = Field(max_length=120)  # "Huyện Gia Lộc"
    kind: str = Field(max_length=20)  # "huyện", "thị xã", "xã", "phường", "thị trấn", ...
    level: str = Field(max_length=10, index=True)  # committee.vocabulary.Level
    parent_code: str | None = Field(
        default=None, foreign_key="admin_unit.code", index=True, max_length=8
    )
    search_key: str = Field(max_length=120, index=True)  # folded name


class Person(SQLModel, table=True):
    """One human being, shared by the memberships of every decision naming them."""

    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    full_name: str = Field(max_length=120)  # NFC
    search_key: str = Field(max_length=120, index=True)  # folded name


class Decision(SQLModel, table=True):
    """A Quyết định that sets up or restructures (kiện toàn) one unit's committee."""

    __tablename__ = "decision"
    __table_args__ = (Index("ix_decision_unit_status", "unit_code", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    unit_code: str = Field(foreign_key="admin_unit.code", index=True, max_length=8)
    number: str = Field(max_length=60)  # "1234/QĐ-UBND"
    signed_on: date | None = None
    signer: str = Field(default="", max_length=120)
    status: str = Field(default=DecisionStatus.DRAFT.value, max_length=10)
    supersedes_id: int | None = Field(default=None, foreign_key="decision.id", index=True)
    regulation_number: str | None = Field(default=None, max_length=60)  # Quy chế hoạt động
    regulation_date: date | None = None
    created_at: datetime = Field(default_factory=datetime.now, sa_type=DateTime)
    issued_at: datetime | None = Field(default=None, sa_type=DateTime)

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED.value


class Membership(SQLModel, table=True):
    """One line of a decision's roster."""

    __tablename__ = "membership"
    __table_args__ = (Index("ix_membership_decision_position", "decision_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id")
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(max_length=24)  # committee.vocabulary.Role
    position: int  # 1-based place in the roster
    title: str = Field(default="", max_length=300)  # the post as written
    post_kind: str | None = Field(default=None, max_length=60)  # key in data/posts.toml
    post_unit_code: str | None = Field(default=None, foreign_key="admin_unit.code", max_length=8)
    portfolio: str = Field(default=Portfolio.NONE.value, max_length=12)
    duties: str = Field(default="", sa_type=Text)
    phone: str = Field(default="", max_length=40)
    note: str = Field(default="", sa_type=Text)
