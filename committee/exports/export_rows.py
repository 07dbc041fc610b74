"""The rows of the summary, findings and rules tables that the workbooks export.

Plain values with the Vietnamese column headings, built from a check report by
committee/usecases/exports.py: the district and province workbooks style and write them,
the benchmark writes the same values bare. A committee with no decision ("Chưa kiện
toàn") is counted apart from one whose decision falls short ("Chưa đạt"): its error and
warning counts are left empty, and the totals count only the committees that have a
decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from committee.domain.records import DecisionFacts, UnitRef
from committee.domain.vocabulary import NO_DECISION_LABEL, STATUS_LABELS, CommitteeStatus
from committee.rules.pack import SEVERITY_LABELS, RulePack

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
)
RULE_HEADERS: tuple[str, ...] = (
    "Mã quy tắc",
    "Mức",
    "Nội dung kiểm tra",
    "Căn cứ (câu trong Kế hoạch)",
    "Cách khắc phục",
)
SHARE_PREFIX = "Tỷ lệ "


def share_header(label: str) -> str:
    """The heading of the percentage beside a count: "Tỷ lệ Đạt"."""
    return f"{SHARE_PREFIX}{label}"


SHARE_HEADERS: tuple[str, ...] = tuple(share_header(label) for label in STATUS_ORDER)
DISTRICT_HEADERS: tuple[str, ...] = (
    "STT",
    "Mã đơn vị",
    "Đơn vị cấp huyện",
    "Số Ban Chỉ đạo",
    *(header for pair in zip(STATUS_ORDER, SHARE_HEADERS, strict=True) for header in pair),
    ON_TIME,
    LATE,
    "Số lỗi",
    "Số cảnh báo",
)


def share(count: int, total: int) -> float | None:
    """`count` as a fraction of `total` (a cell formatted as a percentage), None of 0."""
    return round(count / total, 4) if total else None


def timeliness(decision: DecisionFacts | None, deadline: date | None) -> str:
    """ "Đúng hạn" when signed on or before the deadline, "Chậm" after it, "" without one
    (or when the pack sets no deadline)."""
    if decision is None or decision.signed_on is None or deadline is None:
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
    errors: int | None  # None without a decision: counted as "Chưa kiện toàn"
    warnings: int | None
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


@dataclass(frozen=True)
class FindingRow:
    unit: UnitRef
    code: str
    severity: str  # "Lỗi" or "Cảnh báo"
    member: str
    message: str

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
        )


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
        shares = (share(count, self.committees) for count in self.by_status)
        return (
            index,
            self.unit.code,
            self.unit.name,
            self.committees,
            *(value for pair in zip(self.by_status, shares, strict=True) for value in pair),
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
        errors=sum(row.errors or 0 for row in rows),
        warnings=sum(row.warnings or 0 for row in rows),
    )


def district_rows(districts: Iterable[UnitRef], rows: Iterable[CommitteeRow]) -> list[DistrictRow]:
    """One row per district-level unit, counting its own committee and its communes'."""
    by_district: dict[str, list[CommitteeRow]] = {}
    for row in rows:
        by_district.setdefault(row.district_code, []).append(row)
    return [district_row(unit, by_district.get(unit.code, [])) for unit in districts]


def rule_rows(pack: RulePack) -> list[tuple[object, ...]]:
    """The rules sheet: each rule once, with the sentence of the plan it rests on."""
    return [
        (rule.code, SEVERITY_LABELS[rule.severity], rule.name, rule.source, rule.fix)
        for rule in pack.rules
    ]
