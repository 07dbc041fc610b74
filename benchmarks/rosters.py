"""Deterministic, realistic rosters for the province's committees (benchmark data).

District rosters follow II.23.b with typical member posts; about a third of the
committees break a rule (a deputy as Ủy viên, a missing duty, a post written in a way
nobody recognises, a missing police seat). Titles mix full forms and abbreviations.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from committee.facts import UnitRef
from committee.titles import compose_title
from committee.vocabulary import Level, Role

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Thanh", "Quang", "Ngọc"]
GIVEN = [
    "Hùng",
    "Dung",
    "Hiếu",
    "Ngọc",
    "Tùng",
    "Kiên",
    "Phong",
    "Vân",
    "An",
    "Hương",
    "Lâm",
    "Thành",
    "Huyền",
    "Hưng",
    "Thoa",
    "Tâm",
    "Hòa",
    "Đạt",
    "Lý",
    "Mai",
    "Bình",
    "Lực",
]

LEADERS = {
    Level.DISTRICT: [
        (Role.CHAIR, "ubnd_chair", "Chỉ đạo chung"),
        (Role.FIRST_VICE_CHAIR, "ubnd_vice_chair", "Phụ trách khối văn hóa - xã hội"),
        (Role.STANDING_VICE_CHAIR, "police_chief", "Thường trực Ban Chỉ đạo"),
        (Role.VICE_CHAIR, "health_office_head", "Phòng, chống HIV/AIDS"),
        (Role.VICE_CHAIR, "labour_head", "Cai nghiện, phòng, chống mại dâm"),
        (Role.VICE_CHAIR, "mttq_chair", "Vận động nhân dân"),
        (Role.VICE_CHAIR, "police_deputy", "Đấu tranh, trấn áp tội phạm"),
        (Role.VICE_CHAIR, "police_deputy", "Xây dựng phong trào toàn dân bảo vệ ANTQ"),
    ],
    Level.COMMUNE: [
        (Role.CHAIR, "ubnd_chair", "Chỉ đạo chung"),
        (Role.FIRST_VICE_CHAIR, "ubnd_vice_chair", "Phụ trách văn hóa - xã hội"),
        (Role.STANDING_VICE_CHAIR, "police_chief", "Thường trực Ban Chỉ đạo"),
        (Role.VICE_CHAIR, "health_station_head", "Quản lý người nghiện tại cộng đồng"),
        (Role.VICE_CHAIR, "officer_culture_social", "Quản lý sau cai nghiện"),
        (Role.VICE_CHAIR, "mttq_chair", "Vận động nhân dân"),
        (Role.VICE_CHAIR, "police_deputy", "Phòng, chống tội phạm"),
        (Role.VICE_CHAIR, "police_deputy", "Xây dựng phong trào"),
    ],
}
MEMBERS = {
    Level.DISTRICT: [
        "procuracy_head",
        "court_head",
        "military_commander",
        "justice_head",
        "education_head",
        "culture_info_head",
        "youth_union_secretary",
        "women_union_chair",
        "farmers_union_chair",
        "veterans_union_chair",
        "labour_federation_chair",
        "judgment_enforcement_head",
        "tax_head",
        "market_control_head",
        "health_center_director",
        "propaganda_head",
        "mass_mobilisation_head",
        "home_affairs_head",
        "inspectorate_head",
        "finance_planning_head",
        "natural_resources_head",
        "office_head",
    ],
    Level.COMMUNE: [
        "military_commander",
        "officer_justice_civil_status",
        "youth_union_secretary",
        "women_union_chair",
        "farmers_union_chair",
        "veterans_union_chair",
        "officer_office_statistics",
        "officer_land_construction",
        "officer_finance_accounting",
        "school_principal",
    ],
}
PORTFOLIO_WORDS = [" phụ trách Cảnh sát", " phụ trách phong trào"]
ABBREVIATIONS = [
    ("Phó Chủ tịch", "PCT"),
    ("Chủ tịch UBND", "CT UBND"),
    ("Công an", "CA"),
    ("Ủy ban MTTQ", "UBMTTQ"),
    ("Hội Liên hiệp Phụ nữ", "Hội LHPN"),
]


@dataclass(frozen=True)
class RosterLine:
    name: str
    title: str
    role: Role
    duties: str


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _abbreviate(title: str, rng: random.Random) -> str:
    for full, short in ABBREVIATIONS:
        if full in title and rng.random() < 0.4:
            title = title.replace(full, short)
    return title


def roster_for(unit: UnitRef, rng: random.Random, size: int) -> list[RosterLine]:
    """One committee's roster of `size` lines; about a third break some rule."""
    level = unit.level
    taken: set[str] = set()

    def new_name() -> str:
        while (name := _name(rng)) in taken:
            pass
        taken.add(name)
        return name

    lines: list[RosterLine] = []
    police_seen = 0
    for role, post, duties in LEADERS[level]:
        title = compose_title(post, unit)
        if post == "police_deputy":
            title += PORTFOLIO_WORDS[police_seen] if level is Level.DISTRICT else ""
            police_seen += 1
        lines.append(RosterLine(new_name(), _abbreviate(title, rng), role, duties))
    members = rng.sample(MEMBERS[level], k=min(size - len(lines), len(MEMBERS[level])))
    for post in members:
        lines.append(
            RosterLine(
                new_name(),
                _abbreviate(compose_title(post, unit), rng),
                Role.MEMBER,
                "Thực hiện nhiệm vụ theo ngành",
            )
        )
    while len(lines) < size:  # commune schools: more principals
        lines.append(
            RosterLine(
                new_name(),
                compose_title("school_principal", unit),
                Role.MEMBER,
                "Phòng, chống tội phạm trong trường học",
            )
        )
    if rng.random() < 1 / 3:
        fault = rng.randrange(4)
        index = rng.randrange(8, len(lines))
        line = lines[index]
        if fault == 0:
            lines[index] = RosterLine(line.name, "Phó " + line.title, line.role, line.duties)
        elif fault == 1:
            lines[index] = RosterLine(line.name, line.title, line.role, "")
        elif fault == 2:
            lines[index] = RosterLine(line.name, "Cán bộ hợp đồng bảo vệ", line.role, line.duties)
        else:
            del lines[7]
    return lines
