"""The rows of the summary and findings tables that the workbooks export.

Plain values built from a CheckReport, with the Vietnamese column headings: the district
and province workbooks style and write them, the benchmark writes the same values bare.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from committee.domain.records import DecisionFacts, UnitRef
from committee.domain.vocabulary import (
    NO_DECISION_LABEL,
    STATUS_LABELS,
    CommitteeStatus,
    Level,
    Severity,
)
from committee.rules.pack import SEVERITY_LABELS, RulePack
from committee.usecases.checking import CheckReport, CommitteeReport

ON_TIME = "Đúng hạn"
LATE = "Chậm"
STATUS_ORDER: tuple[str, ...] = (
    STATUS_LABELS[CommitteeStatus.OK],
    STATUS_LABELS[CommitteeStatus.WARNING],
    STATUS_LABELS[CommitteeStatus.ERROR],
    NO_DECISION_LABEL,
)
"""The four results a committee can have, in the order summaries and charts show them."""

COMMITTEE_HEADERS: tuple[str, ...] = (
    "STT",
    "Mã đơn vị",
    "Đơn vị",
    "Số quyết định",
    "Ngày ký",
    "Số thành viên",
    "Kết quả",
    "Số lỗi",
    "Số cảnh báo",
    "Thời hạn",
)
DISTRICT_COLUMN = "Thuộc đơn vị cấp huyện"
FINDING_HEADERS: tuple[str, ...] = (
    "STT",
    "Mã đơn vị",
    "Đơn vị",
    "Mã quy tắc",
    "Mức",
    "Thành viên",
    "Nội dung",
    "Căn cứ (câu trong Kế hoạch)",
)
DISTRICT_HEADERS: tuple[str, ...] = (
    "STT",
    "Mã đơn vị",
    "Đơn vị cấp huyện",
    "Số Ban Chỉ đạo",
    *STATUS_ORDER,
    ON_TIME,
    LATE,
    "Số lỗi",
    "Số cảnh báo",
)


def timeliness(decision: DecisionFacts | None, deadline: date) -> str:
    """ "Đúng hạn" when signed on or before the deadline, "Chậm" after it, "" without one."""
    if decision is None or decision.signed_on is None:
        return ""
    return ON_TIME if decision.signed_on <= deadline else LATE


@dataclass(frozen=True)
class CommitteeRow:
    """One committee in a summary: its decision in force and the check's verdict."""

    unit: UnitRef
    district_code: str  # the district-level unit it belongs to (itself for a district)
    number: str | None
    signed_on: date | None
    member_count: int | None  # None without a decision
    status: str  # one of STATUS_ORDER
    errors: int
    warnings: int
    timeliness: str

    def values(self, index: int) -> tuple[object, ...]:
        """The row under COMMITTEE_HEADERS; `index` is its STT."""
        return (
            index,
            self.unit.code,
            self.unit.name,
            self.number,
            self.signed_on,
            self.member_count,
            self.status,
            self.errors,
            self.warnings,
            self.timeliness,
        )


def committee_row(committee: CommitteeReport, pack: RulePack) -> CommitteeRow:
    unit = committee.unit
    decision = committee.decision
    return CommitteeRow(
        unit=unit,
        district_code=unit.parent_code
        if unit.level == Level.COMMUNE and unit.parent_code
        else unit.code,
        number=decision.number if decision else None,
        signed_on=decision.signed_on if decision else None,
        member_count=committee.member_count if decision else None,
        status=committee.status_label,
        errors=committee.count(Severity.ERROR),
        warnings=committee.count(Severity.WARNING),
        timeliness=timeliness(decision, pack.deadline),
    )


def committee_rows(report: CheckReport, pack: RulePack) -> list[CommitteeRow]:
    return [committee_row(committee, pack) for committee in report.committees]


@dataclass(frozen=True)
class FindingRow:
    unit: UnitRef
    code: str
    severity: str  # "Lỗi" or "Cảnh báo"
    member: str
    message: str
    source: str  # the sentence of the plan the rule comes from

    def values(self, index: int) -> tuple[object, ...]:
        """The row under FINDING_HEADERS; `index` is its STT."""
        return (
            index,
            self.unit.code,
            self.unit.name,
            self.code,
            self.severity,
            self.member,
            self.message,
            self.source,
        )


def finding_rows(report: CheckReport, pack: RulePack) -> list[FindingRow]:
    """Every finding of every committee, in the report's order."""
    return [
        FindingRow(
            committee.unit,
            finding.code,
            SEVERITY_LABELS[finding.severity],
            finding.member or "",
            finding.message,
            pack.rule(finding.code).source if pack.has_rule(finding.code) else "",
        )
        for committee in report.committees
        for finding in committee.findings
    ]


@dataclass(frozen=True)
class DistrictRow:
    """A district-level unit and its communes, counted."""

    unit: UnitRef
    committees: int
    by_status: tuple[int, ...]  # in STATUS_ORDER
    on_time: int
    late: int
    errors: int
    warnings: int

    def values(self, index: int) -> tuple[object, ...]:
        """The row under DISTRICT_HEADERS; `index` is its STT."""
        return (
            index,
            self.unit.code,
            self.unit.name,
            self.committees,
            *self.by_status,
            self.on_time,
            self.late,
            self.errors,
            self.warnings,
        )


def district_row(unit: UnitRef, rows: Iterable[CommitteeRow]) -> DistrictRow:
    rows = list(rows)
    return DistrictRow(
        unit=unit,
        committees=len(rows),
        by_status=tuple(sum(1 for row in rows if row.status == label) for label in STATUS_ORDER),
        on_time=sum(1 for row in rows if row.timeliness == ON_TIME),
        late=sum(1 for row in rows if row.timeliness == LATE),
        errors=sum(row.errors for row in rows),
        warnings=sum(row.warnings for row in rows),
    )


def district_rows(districts: Iterable[UnitRef], rows: Iterable[CommitteeRow]) -> list[DistrictRow]:
    """One row per district-level unit, counting its own committee and its communes'."""
    by_district: dict[str, list[CommitteeRow]] = {}
    for row in rows:
        by_district.setdefault(row.district_code, []).append(row)
    return [district_row(unit, by_district.get(unit.code, [])) for unit in districts]
