"""Plain records the exporters lay out: a decision's annex with its signature block, and
the texts of the Quyết định. committee/usecases/exports.py gathers them from the database;
the modules of committee/exports/ only lay them out and never read the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from committee.domain.records import UnitRef
from committee.domain.vocabulary import Role
from committee.exports.document_text import (
    ISSUER_ABBREVIATION,
    committee_members_line,
    decision_reference,
)


@dataclass(frozen=True)
class AnnexLine:
    """One member as the annex prints them."""

    name: str
    title: str  # the post as typed, as stored
    printed_title: str  # the official title when the post is recognised, else `title`
    role: Role
    duties: str  # the duties in force
    note: str


@dataclass(frozen=True)
class Signature:
    """The signature block: "TM. ỦY BAN NHÂN DÂN" over "CHỦ TỊCH", or "KT. CHỦ TỊCH" over
    "PHÓ CHỦ TỊCH", and the signer's name ("" when not known: written by hand)."""

    authority: str
    post: str
    name: str


@dataclass(frozen=True)
class Annex:
    """One decision's roster as the annex prints it."""

    unit: UnitRef
    number: str
    signed_on: date | None
    lines: tuple[AnnexLine, ...]
    signature: Signature | None = None

    @property
    def issuer(self) -> str:
        """ "UBND huyện Thanh Hà"."""
        return f"{ISSUER_ABBREVIATION} {self.unit.phrase}"

    @property
    def committee_line(self) -> str:
        return committee_members_line(self.unit)

    @property
    def decision_line(self) -> str:
        """ "(Kèm theo Quyết định số 2105/QĐ-UBND ngày 12 tháng 6 năm 2023 của UBND huyện
        Thanh Hà)"; a draft with no signing date yet leaves the date out."""
        return decision_reference(self.number, self.signed_on, self.unit)


@dataclass(frozen=True)
class DecisionTexts:
    """The words of a Quyết định kiện toàn, filled in from data/templates/."""

    summary: str  # the trích yếu under "QUYẾT ĐỊNH": "Về việc kiện toàn …"
    issuer_heading: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THANH HÀ"
    legal_bases: tuple[str, ...]  # the "Căn cứ …" lines and the proposal
    articles: tuple[tuple[str, ...], ...]  # Điều 1, 2, 3: each its paragraphs
    recipients: tuple[str, ...]  # under "Nơi nhận:", ending with "Lưu: VT, CA."


@dataclass(frozen=True)
class DecisionDocument:
    """A Quyết định kiện toàn and the Danh sách attached to it."""

    annex: Annex
    texts: DecisionTexts
