"""The closed vocabularies of the domain: levels, roles, portfolios, statuses."""

from __future__ import annotations

from enum import StrEnum


class Era(StrEnum):
    """Which map of administrative units a unit belongs to. Statistics-office codes were
    reused after 1 July 2025 with other meanings, so a unit is its era and its code."""

    LEGACY = "legacy"  # three levels: province, district, commune (before 1 July 2025)
    Y2025 = "2025"  # two levels: province, commune (from 1 July 2025)

    @property
    def label(self) -> str:
        return ERA_LABELS[self]


ERA_LABELS: dict[Era, str] = {
    Era.LEGACY: "trước 01/07/2025",
    Era.Y2025: "từ 01/07/2025",
}
DEFAULT_ERA = Era.LEGACY


class Level(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class Role(StrEnum):
    """A seat's kind inside a committee, in the order rosters are printed."""

    CHAIR = "chair"
    FIRST_VICE_CHAIR = "first_vice_chair"
    STANDING_VICE_CHAIR = "standing_vice_chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def rank(self) -> int:
        return list(Role).index(self)


ROLE_LABELS: dict[Role, str] = {
    Role.CHAIR: "Trưởng ban",
    Role.FIRST_VICE_CHAIR: "Phó Trưởng ban Thứ nhất",
    Role.STANDING_VICE_CHAIR: "Phó Trưởng ban Thường trực",
    Role.VICE_CHAIR: "Phó Trưởng ban",
    Role.MEMBER: "Ủy viên",
}


class Portfolio(StrEnum):
    """What a deputy police chief is in charge of, as far as II.23.b cares."""

    CRIME = "crime"
    MOVEMENT = "movement"
    NONE = "none"


PORTFOLIO_LABELS: dict[Portfolio, str] = {
    Portfolio.CRIME: "Cảnh sát phòng, chống tội phạm",
    Portfolio.MOVEMENT: "Phong trào toàn dân bảo vệ ANTQ",
    Portfolio.NONE: "Không ghi lĩnh vực",
}


class DecisionStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"


class DocumentKind(StrEnum):
    """The committee's own documents, recorded against its decision after issue."""

    REGULATION = "regulation"  # Quy chế hoạt động
    DUTY_ASSIGNMENT = "duty_assignment"  # phân công nhiệm vụ

    @property
    def label(self) -> str:
        return DOCUMENT_LABELS[self]


DOCUMENT_LABELS: dict[DocumentKind, str] = {
    DocumentKind.REGULATION: "Quy chế hoạt động",
    DocumentKind.DUTY_ASSIGNMENT: "Phân công nhiệm vụ",
}


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return SEVERITY_LABELS[self]


SEVERITY_LABELS: dict[Severity, str] = {
    Severity.ERROR: "Lỗi",
    Severity.WARNING: "Cảnh báo",
}


class CommitteeStatus(StrEnum):
    """Overall verdict of a committee; NO_DECISION is shown apart from errors."""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[CommitteeStatus, str] = {
    CommitteeStatus.OK: "Đạt",
    CommitteeStatus.WARNING: "Cảnh báo",
    CommitteeStatus.ERROR: "Chưa đạt",
}

NO_DECISION_LABEL = "Chưa kiện toàn"


def era_option(era: str) -> str:
    """The command-line words that name a unit's era in a hint: none for the default era."""
    era = Era(era)
    return "" if era is DEFAULT_ERA else f" --era {era.value}"


class AuditAction(StrEnum):
    """What one entry of the audit trail records (committee.store.audit writes them)."""

    DECISION_CREATED = "decision_created"
    DECISION_IMPORTED = "decision_imported"
    DECISION_EDITED = "decision_edited"
    DECISION_ISSUED = "decision_issued"
    DECISION_SUPERSEDED = "decision_superseded"
    DECISION_DELETED = "decision_deleted"
    MEMBER_ADDED = "member_added"
    MEMBER_EDITED = "member_edited"
    MEMBER_MOVED = "member_moved"
    MEMBER_REMOVED = "member_removed"
    PERSON_LINKED = "person_linked"
    DOCUMENT_RECORDED = "document_recorded"
    DOCUMENT_EDITED = "document_edited"
    DOCUMENT_DELETED = "document_deleted"
    DUTY_RECORDED = "duty_recorded"
    DUTY_EDITED = "duty_edited"
    DUTY_DELETED = "duty_deleted"

    @property
    def label(self) -> str:
        return AUDIT_ACTION_LABELS[self]


AUDIT_ACTION_LABELS: dict[AuditAction, str] = {
    AuditAction.DECISION_CREATED: "Tạo dự thảo quyết định",
    AuditAction.DECISION_IMPORTED: "Nhập quyết định từ tệp",
    AuditAction.DECISION_EDITED: "Sửa quyết định",
    AuditAction.DECISION_ISSUED: "Ban hành quyết định",
    AuditAction.DECISION_SUPERSEDED: "Quyết định bị thay thế",
    AuditAction.DECISION_DELETED: "Xóa dự thảo quyết định",
    AuditAction.MEMBER_ADDED: "Thêm thành viên",
    AuditAction.MEMBER_EDITED: "Sửa thành viên",
    AuditAction.MEMBER_MOVED: "Đổi thứ tự thành viên",
    AuditAction.MEMBER_REMOVED: "Bỏ thành viên",
    AuditAction.PERSON_LINKED: "Nối hoặc tách người",
    AuditAction.DOCUMENT_RECORDED: "Ghi Quy chế hoặc văn bản phân công",
    AuditAction.DOCUMENT_EDITED: "Sửa Quy chế hoặc văn bản phân công",
    AuditAction.DOCUMENT_DELETED: "Xóa Quy chế hoặc văn bản phân công",
    AuditAction.DUTY_RECORDED: "Ghi nhiệm vụ được phân công",
    AuditAction.DUTY_EDITED: "Sửa nhiệm vụ được phân công",
    AuditAction.DUTY_DELETED: "Xóa nhiệm vụ được phân công",
}
