"""A demo database for a newcomer's first look: decisions showing every status, in both
eras of units: old huyện Gia Lộc (Hải Dương, before 1 July 2025) and the new communes of
Hải Phòng on its former land, some set up, some not yet.

`bcd138 --demo` opens data/demo.sqlite, built here through the ordinary use-cases
(create_draft, add_member, issue), never the working database. The file is rebuilt
only when it is absent or was built by an older version of this module.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlmodel import Session

from committee import paths
from committee.catalogue.titles import compose_title
from committee.domain.errors import UserError
from committee.domain.vocabulary import DEFAULT_ERA, Era, Level, Portfolio, Role
from committee.store.database import Database, open_database, resolve_url
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    issue,
    recognise,
)
from committee.usecases.succession import confirm_successor
from committee.usecases.units import get_unit, load_province, to_ref

DEMO_VERSION = "4"  # bump when the sample data changes: old demo files are rebuilt
DISTRICT = "297"  # Huyện Gia Lộc
COMMUNE_WARNING = "11020"  # Xã Yết Kiêu: signed after the deadline
COMMUNE_ERROR = "10999"  # Thị trấn Gia Lộc: errors, and a draft kiện toàn in progress
COMMUNE_DRAFT_ONLY = "11008"  # Xã Thống Nhất: only a draft, so still chưa kiện toàn
# From 1 July 2025, Hải Phòng (31), on old Gia Lộc's land (codes of the era 2025):
NEW_PROVINCE = "31"
NEW_COMMUNE_OK = "11050"  # Xã Gia Phúc: set up with the new posts, Đạt
NEW_COMMUNE_ERROR = "11065"  # Xã Trường Tân: the old LĐTBXH civil servant in the labour seat
NEW_COMMUNE_DRAFT_ONLY = "10999"  # Xã Gia Lộc: only a draft (10999 was thị trấn Gia Lộc)
NEW_COMMUNE_NONE = "11020"  # Xã Yết Kiêu (2025): nothing yet
SPLIT_CONFIRMED = ("11035", "11050")  # old xã Gia Phúc, split: its successor confirmed


@dataclass(frozen=True)
class _Line:
    name: str
    role: Role
    post: str | None
    duties: str
    portfolio: Portfolio | None = None
    title: str | None = None  # as written, when not the catalogue's canonical title


_DISTRICT_ROSTER = [
    _Line("Nguyễn Văn Hùng", Role.CHAIR, "ubnd_chair", "Lãnh đạo, chỉ đạo chung"),
    _Line("Trần Thị Bình", Role.FIRST_VICE_CHAIR, "ubnd_vice_chair", "Giúp Trưởng ban"),
    _Line("Lê Văn Cường", Role.STANDING_VICE_CHAIR, "police_chief", "Thường trực Ban Chỉ đạo"),
    _Line("Phạm Thị Dung", Role.VICE_CHAIR, "health_office_head", "Phòng, chống ma túy"),
    _Line("Hoàng Văn Em", Role.VICE_CHAIR, "labour_head", "Phòng, chống tệ nạn xã hội"),
    _Line("Vũ Thị Giang", Role.VICE_CHAIR, "mttq_chair", "Phong trào toàn dân"),
    _Line(
        "Đặng Văn Hải",
        Role.VICE_CHAIR,
        "police_deputy",
        "Phòng, chống tội phạm",
        title="Phó Trưởng Công an huyện phụ trách Cảnh sát",
    ),
    _Line(
        "Bùi Văn Khánh",
        Role.VICE_CHAIR,
        "police_deputy",
        "Phong trào bảo vệ an ninh Tổ quốc",
        title="Phó Trưởng Công an huyện phụ trách phong trào",
    ),
    _Line("Đỗ Thị Lan", Role.MEMBER, "procuracy_head", "Kiểm sát điều tra"),
    _Line("Ngô Văn Minh", Role.MEMBER, "court_head", "Xét xử"),
    _Line("Dương Thị Ngọc", Role.MEMBER, "justice_head", "Tuyên truyền pháp luật"),
]

_COMMUNE_ROSTER = [
    _Line("Nguyễn Văn Phúc", Role.CHAIR, "ubnd_chair", "Lãnh đạo, chỉ đạo chung"),
    _Line("Trần Văn Quang", Role.FIRST_VICE_CHAIR, "ubnd_vice_chair", "Giúp Trưởng ban"),
    _Line("Lê Thị Hạnh", Role.STANDING_VICE_CHAIR, "police_chief", "Thường trực"),
    _Line("Phạm Văn Sơn", Role.VICE_CHAIR, "health_station_head", "Phòng, chống ma túy"),
    _Line("Hoàng Thị Tâm", Role.VICE_CHAIR, "officer_culture_social", "Tệ nạn xã hội"),
    _Line("Vũ Văn Thắng", Role.VICE_CHAIR, "mttq_chair", "Phong trào toàn dân"),
    _Line("Đặng Văn Toàn", Role.VICE_CHAIR, "police_deputy", "Phòng, chống tội phạm"),
    _Line("Bùi Thị Uyên", Role.VICE_CHAIR, "police_deputy", "Phong trào bảo vệ ANTQ"),
    _Line("Đỗ Văn Vinh", Role.MEMBER, "military_commander", "Phối hợp lực lượng"),
    _Line("Ngô Thị Xuân", Role.MEMBER, "officer_justice_civil_status", "Tuyên truyền"),
    _Line("Dương Văn Yên", Role.MEMBER, "school_principal", "An ninh trường học"),
]


_NEW_COMMUNE_ROSTER = [
    _Line("Nguyễn Thị Mai", Role.CHAIR, "ubnd_chair", "Lãnh đạo, chỉ đạo chung"),
    _Line("Phạm Văn Nam", Role.FIRST_VICE_CHAIR, "ubnd_vice_chair", "Giúp Trưởng ban"),
    _Line("Trần Văn Oanh", Role.STANDING_VICE_CHAIR, "police_chief", "Thường trực"),
    _Line(
        "Lê Thị Phương",
        Role.VICE_CHAIR,
        "health_station_head",
        "Phòng, chống ma túy",
        title="GĐ TYT xã",
    ),
    _Line(
        "Vũ Văn Quý",
        Role.VICE_CHAIR,
        "culture_social_office_head",
        "Tệ nạn xã hội",
        title="TP VH-XH",
    ),
    _Line("Đặng Thị Rạng", Role.VICE_CHAIR, "mttq_chair", "Phong trào toàn dân"),
    _Line(
        "Bùi Văn Sáng",
        Role.VICE_CHAIR,
        "police_deputy",
        "Phòng, chống tội phạm",
        title="Phó Trưởng Công an xã phụ trách phòng, chống tội phạm",
    ),
    _Line(
        "Hồ Văn Tài",
        Role.VICE_CHAIR,
        "police_deputy",
        "Phong trào bảo vệ ANTQ",
        title="Phó Trưởng Công an xã phụ trách an ninh",
    ),
    _Line("Ngô Thị Uyên", Role.MEMBER, "office_head", "Tổng hợp, báo cáo", title="CVP HĐND&UBND"),
    _Line("Dương Văn Việt", Role.MEMBER, "economy_head", "Quản lý thị trường, kinh doanh"),
    _Line("Đỗ Văn Xuân", Role.MEMBER, "military_commander", "Phối hợp lực lượng"),
    _Line("Phan Thị Yến", Role.MEMBER, "school_principal", "An ninh trường học"),
]


def _add_roster(
    session: Session,
    decision_id: int,
    unit_code: str,
    lines: list[_Line],
    era: Era = DEFAULT_ERA,
) -> None:
    unit_row = get_unit(session, unit_code, era)
    unit = to_ref(unit_row)
    for line in lines:
        title = line.title or (compose_title(line.post, unit) if line.post else "")
        # Typed as a clerk types it: the post is picked only where the title does not say it.
        said = recognise(session, title, unit_row).post_kind
        add_member(
            session,
            decision_id,
            MemberInput(
                line.name,
                line.role,
                title,
                duties=line.duties,
                post_kind=line.post if line.post != said else None,
                portfolio=line.portfolio,
            ),
        )


def _issued(
    session: Session,
    unit_code: str,
    details: DecisionDetails,
    lines: list[_Line],
    era: Era = DEFAULT_ERA,
) -> int:
    decision = create_draft(session, unit_code, details, era=era)
    _add_roster(session, decision.id, unit_code, lines, era)
    issue(session, decision.id)
    return decision.id


def fill_demo(session: Session) -> None:
    """Sample decisions: Đạt, Cảnh báo, Chưa đạt, chưa kiện toàn and drafts."""
    load_province(session)
    # Đạt: Huyện Gia Lộc, on time, with its Quy chế, an older decision superseded.
    _issued(
        session,
        DISTRICT,
        DecisionDetails("845/QĐ-UBND", date(2019, 3, 4), "Nguyễn Văn Hùng"),
        _DISTRICT_ROSTER[:6] + _DISTRICT_ROSTER[8:],
    )
    _issued(
        session,
        DISTRICT,
        DecisionDetails(
            "1234/QĐ-UBND", date(2023, 6, 12), "Nguyễn Văn Hùng", "01/QĐ-BCĐ", date(2023, 6, 20)
        ),
        _DISTRICT_ROSTER,
    )
    # Cảnh báo: Xã Yết Kiêu, compliant but signed after 30/06/2023.
    _issued(
        session,
        COMMUNE_WARNING,
        DecisionDetails(
            "56/QĐ-UBND", date(2023, 8, 15), "Nguyễn Văn Phúc", "02/QĐ-BCĐ", date(2023, 8, 20)
        ),
        _COMMUNE_ROSTER,
    )
    # Chưa đạt: Thị trấn Gia Lộc, no Quy chế, a deputy as Ủy viên, a member with no duties.
    broken = [
        _Line(line.name.replace("Văn", "Đức", 1), line.role, line.post, line.duties)
        for line in _COMMUNE_ROSTER[:8]
    ]
    broken += [
        _Line("Hồ Thị Yến", Role.MEMBER, "military_deputy", "Phối hợp lực lượng"),
        _Line("Lê Đức Anh", Role.MEMBER, "officer_justice_civil_status", ""),
        _Line("Phan Văn Bảo", Role.MEMBER, None, "Bảo vệ", title="Cán bộ hợp đồng bảo vệ"),
    ]
    _issued(
        session,
        COMMUNE_ERROR,
        DecisionDetails("12/QĐ-UBND", date(2023, 5, 30), "Nguyễn Đức Phúc"),
        broken,
    )
    # A draft kiện toàn for the same town, started from the roster in force.
    create_draft(
        session,
        COMMUNE_ERROR,
        DecisionDetails("40/QĐ-UBND", None, "Nguyễn Đức Phúc", "03/QĐ-BCĐ", date(2023, 6, 1)),
        copy_current_roster=True,
    )
    # Chưa kiện toàn, with a draft begun: Xã Thống Nhất.
    draft = create_draft(
        session, COMMUNE_DRAFT_ONLY, DecisionDetails("7/QĐ-UBND", None, "Trần Văn Lợi")
    )
    _add_roster(session, draft.id, COMMUNE_DRAFT_ONLY, _COMMUNE_ROSTER[:3])
    # Every other unit of the province stays chưa kiện toàn.
    assert get_unit(session, DISTRICT).level == Level.DISTRICT
    _fill_new_communes(session)


def _fill_new_communes(session: Session) -> None:
    """The communes of Hải Phòng from 1 July 2025 on old Gia Lộc's land, checked by the
    2025 pack: one Đạt with the new posts, one with the old LĐTBXH civil servant in the
    labour seat, one with a draft only, the others not set up yet."""
    y2025 = Era.Y2025
    # Without old Hải Phòng: the legacy tree stays Hải Dương's; old Gia Lộc's links are made.
    load_province(session, NEW_PROVINCE, y2025, predecessors=False)
    _issued(
        session,
        NEW_COMMUNE_OK,
        DecisionDetails(
            "215/QĐ-UBND", date(2025, 8, 4), "Nguyễn Thị Mai", "05/QĐ-BCĐ", date(2025, 8, 11)
        ),
        _NEW_COMMUNE_ROSTER,
        y2025,
    )
    old_labour = _Line(
        "Mạc Thị Bích",
        Role.VICE_CHAIR,
        "officer_culture_social",
        "Tệ nạn xã hội",
        title="Công chức LĐTBXH xã",
    )
    lines = [
        replace(line, name=line.name.replace("Văn", "Minh", 1)) for line in _NEW_COMMUNE_ROSTER
    ]
    lines[4] = old_labour
    _issued(
        session,
        NEW_COMMUNE_ERROR,
        DecisionDetails(
            "98/QĐ-UBND", date(2025, 7, 28), "Nguyễn Thị Minh", "02/QĐ-BCĐ", date(2025, 8, 1)
        ),
        lines,
        y2025,
    )
    draft = create_draft(
        session,
        NEW_COMMUNE_DRAFT_ONLY,
        DecisionDetails("31/QĐ-UBND", None, "Lê Văn Hòa"),
        era=y2025,
    )
    _add_roster(session, draft.id, NEW_COMMUNE_DRAFT_ONLY, _NEW_COMMUNE_ROSTER[:3], y2025)
    legacy_code, new_code = SPLIT_CONFIRMED
    confirm_successor(session, new_code, y2025, legacy_code)


def _marker(path: Path) -> Path:
    return path.with_name(path.name + "-version")  # git-ignored like data/*.sqlite-*


def _working_paths() -> set[Path]:
    found = {Path(paths.DEFAULT_DATABASE).resolve()}
    configured = os.environ.get("BCD138_DB")
    if configured and "://" not in configured:
        found.add(Path(configured).expanduser().resolve())
    return found


def demo_is_current(path: Path) -> bool:
    marker = _marker(path)
    return path.exists() and marker.exists() and marker.read_text().strip() == DEMO_VERSION


def build_demo_database(path: Path | str | None = None) -> Database:
    """Open the demo database at `path` (default data/demo.sqlite), building it first
    when it is absent or outdated. The working database is never used."""
    target = Path(path if path is not None else paths.DEMO_DATABASE).expanduser().resolve()
    if target in _working_paths():
        raise UserError(f"«{target}» là cơ sở dữ liệu làm việc; bản demo không ghi vào đó.")
    if not demo_is_current(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        building = target.with_name(target.name + ".building")
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
        database = open_database(str(building))
        try:
            with database.transaction() as session:
                fill_demo(session)
        finally:
            database.dispose()
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            stale.unlink(missing_ok=True)
        os.replace(building, target)
        _marker(target).write_text(DEMO_VERSION + "\n")
    return open_database(resolve_url(str(target)))
