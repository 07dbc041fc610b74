"""Deterministic, realistic rosters of a committee (benchmark and test data).

A roster follows II.23.b: the Trưởng ban, the two named Phó Trưởng ban, the five sector
seats and Ủy viên drawn from the posts of the post catalogue (data/posts.toml) that exist
at the committee's level. Titles are written as clerks write them: the full unit name or
the level word alone ("Phó Chủ tịch UBND huyện"), with the usual abbreviations (UBND, PCT,
CA, UBMTTQ, LĐTBXH, GD&ĐT, VKSND, TAND, BCHQS, HLHPN, HND, HCCB, LĐLĐ…).

`roster_for` makes a clean roster; `break_rules` makes it break one or more rules the way
rosters do in the wild (a deputy as Ủy viên, a member without duties, a post nobody can
recognise, an empty police seat, the wrong Trưởng ban, a post of another unit, the same
person twice).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from committee.catalogue.titles import compose_title
from committee.domain.records import UnitRef
from committee.domain.vocabulary import Era, Level, Role
from committee.exports.document_text import ANNEX_HEADERS

# Family names with rough weights (Nguyễn alone is about a third of the country).
FAMILY: list[tuple[str, int]] = [
    ("Nguyễn", 32),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Vũ", 4),
    ("Phan", 4),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Đào", 1),
    ("Mai", 1),
    ("Trịnh", 1),
    ("Lương", 1),
    ("Khúc", 1),
    ("Triệu", 1),
    ("Tạ", 1),
]
MIDDLE = [
    "Văn",
    "Thị",
    "Đức",
    "Minh",
    "Hữu",
    "Thanh",
    "Quang",
    "Ngọc",
    "Xuân",
    "Công",
    "Thu",
    "Kim",
    "Bá",
    "Mạnh",
    "Trọng",
    "Đình",
    "Hồng",
    "Thế",
    "Anh",
    "Tiến",
]
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
    "Sơn",
    "Hải",
    "Long",
    "Tuấn",
    "Dũng",
    "Cường",
    "Thắng",
    "Quân",
    "Trung",
    "Hạnh",
    "Lan",
    "Hoa",
    "Nga",
    "Thủy",
    "Yến",
    "Trang",
    "Linh",
    "Phương",
    "Thảo",
    "Hiền",
    "Nam",
    "Khánh",
    "Toàn",
    "Thịnh",
    "Vinh",
    "Quý",
    "Lợi",
    "Chiến",
    "Thuận",
    "Duy",
    "Hậu",
    "Nhung",
    "Loan",
    "Oanh",
    "Tuyết",
    "Giang",
    "Điệp",
    "Uyên",
]
_FAMILY_NAMES = [name for name, _ in FAMILY]
_FAMILY_WEIGHTS = [weight for _, weight in FAMILY]

# (role, post key, duties) of the eight leadership seats, in roster order.
LEADERS: dict[Level, list[tuple[Role, str, str]]] = {
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
# The heads of sectors a committee takes its Ủy viên from.
MEMBERS: dict[Level, list[str]] = {
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
MEMBER_DUTIES = [
    "Thực hiện nhiệm vụ theo ngành",
    "Tuyên truyền, phổ biến pháp luật",
    "Phòng, chống tội phạm trong ngành, lĩnh vực phụ trách",
    "Phối hợp xây dựng phong trào toàn dân bảo vệ ANTQ",
    "Theo dõi địa bàn được phân công",
]
# District deputies' portfolios as written after the post (the commune ones name none).
PORTFOLIO_WORDS = [
    (" phụ trách Cảnh sát", " phụ trách CSPCTP", " phụ trách lực lượng Cảnh sát"),
    (
        " phụ trách phong trào",
        " phụ trách phong trào toàn dân BVANTQ",
        " phụ trách xây dựng phong trào",
    ),
]
# Full forms and the abbreviations clerks write for them (data/titles.toml knows them all).
ABBREVIATIONS: list[tuple[str, tuple[str, ...]]] = [
    ("Phó Chủ tịch UBND", ("PCT UBND", "Phó CT UBND")),
    ("Chủ tịch UBND", ("CT UBND", "Chủ tịch Ủy ban nhân dân")),
    ("Công an", ("CA",)),
    ("Ủy ban MTTQ", ("UBMTTQ", "UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam")),
    ("Hội Liên hiệp Phụ nữ", ("Hội LHPN", "HLHPN")),
    ("Hội Nông dân", ("HND",)),
    ("Hội Cựu chiến binh", ("HCCB",)),
    ("Liên đoàn Lao động", ("LĐLĐ",)),
    ("Lao động - Thương binh và Xã hội", ("LĐTBXH", "LĐ-TB&XH", "LĐTB&XH")),
    ("Giáo dục và Đào tạo", ("GD&ĐT",)),
    ("Văn hóa và Thông tin", ("VH-TT", "VHTT")),
    ("Tài nguyên và Môi trường", ("TN&MT",)),
    ("Tài chính - Kế hoạch", ("TC-KH",)),
    ("Viện Kiểm sát nhân dân", ("VKSND",)),
    ("Tòa án nhân dân", ("TAND",)),
    ("Ban CHQS", ("BCHQS",)),
]
UNRECOGNISED_TITLES = [
    "Giám đốc Hợp tác xã nông nghiệp",
    "Trưởng thôn Đông",
    "Bảo vệ cơ quan",
    "Tổ trưởng tổ dân phố số 3",
]

FAULTS = (
    "deputy_member",  # BCD302: a deputy (Phó …) as Ủy viên
    "no_duties",  # BCD401
    "unrecognised",  # BCD501
    "missing_police_seat",  # BCD204/BCD205
    "wrong_chair",  # BCD102: a Phó Chủ tịch as Trưởng ban
    "other_unit",  # BCD303: a post of a neighbouring unit
    "repeated_person",  # BCD304
)


@dataclass(frozen=True)
class RosterLine:
    name: str
    title: str
    role: Role
    duties: str
    phone: str = ""
    note: str = ""


def person_name(rng: random.Random) -> str:
    family = rng.choices(_FAMILY_NAMES, _FAMILY_WEIGHTS)[0]
    if rng.random() < 0.15:  # a second middle name: "Nguyễn Thị Thu Hương"
        return f"{family} {rng.choice(MIDDLE)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return f"{family} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _abbreviate(title: str, rng: random.Random) -> str:
    for full, short in ABBREVIATIONS:
        if full in title and rng.random() < 0.4:
            title = title.replace(full, rng.choice(short), 1)
    return title


def _title(post: str, unit: UnitRef, rng: random.Random) -> str:
    """The post of `unit` as a clerk writes it: the full name or the level word alone."""
    title = compose_title(post, unit)
    if rng.random() < 0.35 and title.endswith(unit.short_name):
        title = title[: -len(unit.short_name)].rstrip()
    return _abbreviate(title, rng)


def _phone(rng: random.Random) -> str:
    return f"09{rng.randrange(10**8):08d}" if rng.random() < 0.3 else ""


# The posts a 2025 commune has instead (data/posts.toml's eras): its Phòng Văn hóa - Xã
# hội took over from the civil servant for Văn hóa - Xã hội.
ERA_POSTS: dict[Era, dict[str, str]] = {
    Era.Y2025: {"officer_culture_social": "culture_social_office_head"},
}


def roster_for(
    unit: UnitRef,
    rng: random.Random,
    size: int,
    new_name: Callable[[], str] | None = None,
) -> list[RosterLine]:
    """One committee's clean roster of `size` lines (at least the eight leaders).

    `new_name` gives a name not yet on the roster; by default names are drawn from `rng`
    and kept unique within the roster.
    """
    level = unit.level
    if new_name is None:
        taken: set[str] = set()

        def new_name() -> str:
            while (name := person_name(rng)) in taken:
                pass
            taken.add(name)
            return name

    lines: list[RosterLine] = []
    police_seen = 0
    instead = ERA_POSTS.get(unit.era, {})
    for role, post, duties in LEADERS[level]:
        title = _title(instead.get(post, post), unit, rng)
        if post == "police_deputy":
            if level is Level.DISTRICT:
                title += rng.choice(PORTFOLIO_WORDS[police_seen])
            police_seen += 1
        lines.append(RosterLine(new_name(), title, role, duties, _phone(rng)))
    posts = MEMBERS[level]
    for post in rng.sample(posts, k=min(size - len(lines), len(posts))):
        lines.append(
            RosterLine(
                new_name(),
                _title(post, unit, rng),
                Role.MEMBER,
                rng.choice(MEMBER_DUTIES),
                _phone(rng),
            )
        )
    while len(lines) < size:  # a commune's other schools: more principals
        school = rng.choice(("Tiểu học", "Trung học cơ sở", "Mầm non"))
        lines.append(
            RosterLine(
                new_name(),
                f"Hiệu trưởng Trường {school} {unit.name}",
                Role.MEMBER,
                "Phòng, chống tội phạm trong trường học",
                _phone(rng),
            )
        )
    return lines


def break_rules(
    lines: list[RosterLine],
    unit: UnitRef,
    rng: random.Random,
    faults: list[str],
    neighbour: UnitRef | None = None,
) -> list[RosterLine]:
    """The roster with each of `faults` (names from FAULTS) introduced once."""
    lines = list(lines)
    members = [index for index, line in enumerate(lines) if line.role is Role.MEMBER]
    for fault in faults:
        index = rng.choice(members) if members else len(lines) - 1
        line = lines[index]
        if fault == "deputy_member":
            lines[index] = replace(line, title="Phó " + line.title)
        elif fault == "no_duties":
            lines[index] = replace(line, duties="")
        elif fault == "unrecognised":
            lines[index] = replace(line, title=rng.choice(UNRECOGNISED_TITLES))
        elif fault == "missing_police_seat":
            police = [i for i, other in enumerate(lines) if "Phó Trưởng C" in other.title]
            if police:
                del lines[police[-1]]
                members = [i for i, other in enumerate(lines) if other.role is Role.MEMBER]
        elif fault == "wrong_chair":
            lines[0] = replace(lines[0], title=_title("ubnd_vice_chair", unit, rng))
        elif fault == "other_unit" and neighbour is not None:
            lines[index] = replace(line, title=compose_title("military_commander", neighbour))
        elif fault == "repeated_person":
            lines[index] = replace(line, name=lines[1].name)
    return lines


def write_roster_file(
    unit: UnitRef, lines: list[RosterLine], path: Path, number: str, signed_on: str
) -> Path:
    """The roster as a clerk's Danh sách workbook: the decision's line, the header, a row
    a member (what `bcd138 import` reads)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sach"
    sheet.append([f"(Kèm theo Quyết định số {number} ngày {signed_on} của UBND {unit.name})"])
    sheet.append(list(ANNEX_HEADERS))
    for position, line in enumerate(lines, start=1):
        sheet.append([position, line.name, line.title, line.role.label, line.duties, ""])
    workbook.save(path)
    return path
