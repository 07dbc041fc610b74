"""The II.23.b check on rosters built directly as CommitteeFacts (each rule's own cases, as
data, are in tests/rules/cases/ and test_rule_cases.py)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from committee.domain.records import CommitteeFacts, DecisionFacts, Finding, MemberFacts, UnitRef
from committee.domain.vocabulary import CommitteeStatus, Level, Portfolio, Role, Severity
from committee.rules.engine import check_committee, committee_status
from committee.rules.pack import DEFAULT_RULE_PACK, load_rule_pack

DISTRICT = UnitRef(
    code="297", name="Huyện Gia Lộc", kind="huyện", level=Level.DISTRICT, parent_code="30"
)
COMMUNE = UnitRef(
    code="11020", name="Xã Yết Kiêu", kind="xã", level=Level.COMMUNE, parent_code="297"
)
OTHER_DISTRICT = "288"
UNITS = {Level.DISTRICT: DISTRICT, Level.COMMUNE: COMMUNE}

# (role, post kind, portfolio) of a compliant roster, in roster order.
COMPLIANT: dict[Level, list[tuple[Role, str, Portfolio]]] = {
    Level.DISTRICT: [
        (Role.CHAIR, "ubnd_chair", Portfolio.NONE),
        (Role.FIRST_VICE_CHAIR, "ubnd_vice_chair", Portfolio.NONE),
        (Role.STANDING_VICE_CHAIR, "police_chief", Portfolio.NONE),
        (Role.VICE_CHAIR, "health_office_head", Portfolio.NONE),
        (Role.VICE_CHAIR, "labour_head", Portfolio.NONE),
        (Role.VICE_CHAIR, "mttq_chair", Portfolio.NONE),
        (Role.VICE_CHAIR, "police_deputy", Portfolio.CRIME),
        (Role.VICE_CHAIR, "police_deputy", Portfolio.MOVEMENT),
        (Role.MEMBER, "procuracy_head", Portfolio.NONE),
        (Role.MEMBER, "court_head", Portfolio.NONE),
        (Role.MEMBER, "justice_head", Portfolio.NONE),
    ],
    Level.COMMUNE: [
        (Role.CHAIR, "ubnd_chair", Portfolio.NONE),
        (Role.FIRST_VICE_CHAIR, "ubnd_vice_chair", Portfolio.NONE),
        (Role.STANDING_VICE_CHAIR, "police_chief", Portfolio.NONE),
        (Role.VICE_CHAIR, "health_station_head", Portfolio.NONE),
        (Role.VICE_CHAIR, "officer_culture_social", Portfolio.NONE),
        (Role.VICE_CHAIR, "mttq_chair", Portfolio.NONE),
        (Role.VICE_CHAIR, "police_deputy", Portfolio.NONE),
        (Role.VICE_CHAIR, "police_deputy", Portfolio.NONE),
        (Role.MEMBER, "military_commander", Portfolio.NONE),
        (Role.MEMBER, "officer_justice_civil_status", Portfolio.NONE),
        (Role.MEMBER, "school_principal", Portfolio.NONE),
    ],
}
# Roster positions (1-based) of the compliant rosters, the same at both levels.
CHAIR, FIRST_VICE, STANDING, HEALTH, LABOUR, MTTQ, CRIME, MOVEMENT, MEMBER_1 = range(1, 10)

NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Vũ Thị Giang",
    "Đặng Văn Hải",
    "Bùi Văn Khánh",
    "Đỗ Thị Lan",
    "Ngô Văn Minh",
    "Dương Thị Ngọc",
]


def person(
    position: int,
    role: Role,
    post: str | None,
    *,
    unit: UnitRef,
    portfolio: Portfolio = Portfolio.NONE,
    name: str | None = None,
    unit_code: str | None = "same",
    duties: str = "Theo Quy chế hoạt động của Ban Chỉ đạo",
) -> MemberFacts:
    name = name or f"Người thứ {position}"
    return MemberFacts(
        position=position,
        name=name,
        person_key=name.lower(),
        role=role,
        title=f"{post or 'Trưởng thôn'} {unit.phrase}",
        post_kind=post,
        post_unit_code=unit.code if unit_code == "same" else unit_code,
        portfolio=portfolio,
        duties=duties,
    )


def committee(level: Level) -> CommitteeFacts:
    """A committee that meets every rule of the pack at `level`."""
    unit = UNITS[level]
    members = tuple(
        person(i, role, post, unit=unit, portfolio=portfolio, name=NAMES[i - 1])
        for i, (role, post, portfolio) in enumerate(COMPLIANT[level], start=1)
    )
    decision = DecisionFacts(
        number="1234/QĐ-UBND",
        signed_on=date(2023, 6, 12),
        regulation_number="01/QĐ-BCĐ",
        regulation_date=date(2023, 7, 3),  # the new Quy chế comes after the decision
    )
    return CommitteeFacts(unit=unit, decision=decision, members=members)


# --- mutations: each breaks one thing --------------------------------------------------


def without(*positions: int) -> Callable[[CommitteeFacts], CommitteeFacts]:
    def mutate(facts: CommitteeFacts) -> CommitteeFacts:
        kept = tuple(m for m in facts.members if m.position not in positions)
        return dataclasses.replace(facts, members=kept)

    return mutate


def changed(position: int, **changes: object) -> Callable[[CommitteeFacts], CommitteeFacts]:
    def mutate(facts: CommitteeFacts) -> CommitteeFacts:
        members = tuple(
            m._replace(**changes) if m.position == position else m for m in facts.members
        )
        return dataclasses.replace(facts, members=members)

    return mutate


def added(
    role: Role, post: str | None, **options: object
) -> Callable[[CommitteeFacts], CommitteeFacts]:
    def mutate(facts: CommitteeFacts) -> CommitteeFacts:
        extra = person(len(facts.members) + 1, role, post, unit=facts.unit, **options)
        return dataclasses.replace(facts, members=(*facts.members, extra))

    return mutate


def repeated(position: int) -> Callable[[CommitteeFacts], CommitteeFacts]:
    def mutate(facts: CommitteeFacts) -> CommitteeFacts:
        original = next(m for m in facts.members if m.position == position)
        copy = original._replace(position=len(facts.members) + 1)
        return dataclasses.replace(facts, members=(*facts.members, copy))

    return mutate


def decided(**changes: object) -> Callable[[CommitteeFacts], CommitteeFacts]:
    def mutate(facts: CommitteeFacts) -> CommitteeFacts:
        assert facts.decision is not None
        return dataclasses.replace(facts, decision=dataclasses.replace(facts.decision, **changes))

    return mutate


def no_decision(facts: CommitteeFacts) -> CommitteeFacts:
    return dataclasses.replace(facts, decision=None)


D, C = Level.DISTRICT, Level.COMMUNE


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


@pytest.mark.parametrize("level", [D, C])
def test_compliant_committee_has_no_finding(level: Level) -> None:
    findings = check_committee(committee(level))
    assert findings == []
    assert committee_status(findings) is CommitteeStatus.OK
    assert committee_status(findings).label == "Đạt"


# --- the seats ------------------------------------------------------------------------


def test_commune_single_deputy_fills_the_crime_seat_and_leaves_movement() -> None:
    findings = check_committee(without(MOVEMENT)(committee(C)))
    assert codes(findings) == ["BCD205"]
    assert "phong trào toàn dân bảo vệ ANTQ" in findings[0].message
    assert "xã Yết Kiêu" in findings[0].message
    assert findings[0].member is None and findings[0].position is None


def test_commune_unassigned_deputy_yields_crime_seat_to_a_crime_deputy() -> None:
    # Roster order: the deputy with no portfolio comes first and is tried for the crime seat
    # first; the matching must still move them to the movement seat.
    facts = changed(MOVEMENT, portfolio=Portfolio.CRIME)(committee(C))
    assert check_committee(facts) == []


def test_commune_two_crime_deputies_leave_movement_seat_empty() -> None:
    facts = changed(CRIME, portfolio=Portfolio.CRIME)(committee(C))
    facts = changed(MOVEMENT, portfolio=Portfolio.CRIME)(facts)
    findings = check_committee(facts)
    assert codes(findings) == ["BCD205", "BCD206"]
    surplus = findings[1]
    assert surplus.position == MOVEMENT
    assert "thừa" in surplus.message and NAMES[CRIME - 1] in surplus.message


def test_district_deputy_without_portfolio_fills_neither_police_seat() -> None:
    facts = changed(CRIME, portfolio=Portfolio.NONE)(committee(D))
    facts = changed(MOVEMENT, portfolio=Portfolio.NONE)(facts)
    findings = check_committee(facts)
    assert codes(findings) == ["BCD204", "BCD205", "BCD206", "BCD206"]
    assert [f.position for f in findings if f.code == "BCD206"] == [CRIME, MOVEMENT]


def test_district_single_deputy_without_portfolio() -> None:
    facts = without(MOVEMENT)(committee(D))
    facts = changed(CRIME, portfolio=Portfolio.NONE)(facts)
    assert codes(check_committee(facts)) == ["BCD204", "BCD205", "BCD206"]


def test_second_health_head_is_reported_as_surplus() -> None:
    facts = added(Role.VICE_CHAIR, "health_center_director", name="Mai Văn Tâm")(committee(D))
    findings = check_committee(facts)
    assert codes(findings) == ["BCD206"]
    assert findings[0].member == "Mai Văn Tâm"
    assert "Thủ trưởng ngành Y tế" in findings[0].message
    assert NAMES[HEALTH - 1] in findings[0].message


def test_district_health_seat_accepts_the_health_centre_director() -> None:
    facts = changed(HEALTH, post_kind="health_center_director")(committee(D))
    assert check_committee(facts) == []


def test_one_person_fills_one_seat_even_when_listed_twice() -> None:
    # The same deputy listed twice does not fill both police seats.
    commune = without(MOVEMENT)(committee(C))
    facts = repeated(CRIME)(commune)
    assert codes(check_committee(facts)) == ["BCD205", "BCD304"]


def test_seat_holder_from_another_unit_does_not_fill_the_seat() -> None:
    facts = changed(HEALTH, post_unit_code=OTHER_DISTRICT)(committee(D))
    assert codes(check_committee(facts)) == ["BCD201", "BCD303"]


# --- leadership -----------------------------------------------------------------------


def test_chair_of_another_unit_is_wrong_holder_and_not_cung_cap() -> None:
    findings = check_committee(changed(CHAIR, post_unit_code=OTHER_DISTRICT)(committee(D)))
    assert codes(findings) == ["BCD102", "BCD303"]
    assert all(f.position == CHAIR and f.member == NAMES[0] for f in findings)
    assert "Chủ tịch UBND huyện Gia Lộc" in findings[0].message


@pytest.mark.parametrize(
    ("position", "code"), [(CHAIR, "BCD102"), (FIRST_VICE, "BCD104"), (STANDING, "BCD106")]
)
@pytest.mark.parametrize("level", [D, C])
def test_unrecognised_leadership_holder_breaks_the_holder_rule(
    level: Level, position: int, code: str
) -> None:
    # II.23.b names the holder of each leadership seat: a post not recognised as that one
    # (one the catalogue does not know) is an error, besides the BCD501 warning saying why.
    facts = changed(position, post_kind=None, title="Chủ nhiệm Hợp tác xã")(committee(level))
    findings = check_committee(facts)
    assert codes(findings) == [code, "BCD501"]
    assert all(f.position == position for f in findings)
    holder = findings[0]
    assert holder.severity is Severity.ERROR
    assert committee_status(findings) is CommitteeStatus.ERROR
    required = (
        load_rule_pack().seats_for(level).leadership[[CHAIR, FIRST_VICE, STANDING].index(position)]
    )
    assert holder.message == (
        f"Không nhận dạng được chức vụ của {required.role.label} {NAMES[position - 1]} "
        f"(Chủ nhiệm Hợp tác xã) là {required.required} {UNITS[level].phrase}, như II.23.b quy "
        "định cho vị trí này."
    )


@pytest.mark.parametrize("level", [D, C])
@pytest.mark.parametrize(
    ("position", "code"),
    [
        (HEALTH, "BCD201"),
        (LABOUR, "BCD202"),
        (MTTQ, "BCD203"),
        (CRIME, "BCD204"),
        (MOVEMENT, "BCD205"),
    ],
)
def test_sector_seat_whose_only_candidate_is_unrecognised_stays_empty(
    level: Level, position: int, code: str
) -> None:
    findings = check_committee(changed(position, post_kind=None)(committee(level)))
    if level is C and position == CRIME:
        code = "BCD205"  # the commune's other deputy, of no portfolio, moves to the crime seat
    assert codes(findings) == [code, "BCD501"]
    assert findings[-1].position == position and findings[0].position is None


def test_a_title_left_empty_is_named_so_in_the_message() -> None:
    findings = check_committee(changed(FIRST_VICE, post_kind=None, title="")(committee(C)))
    assert "(chức vụ để trống)" in findings[-1].message and "()" not in findings[-1].message


def test_two_chairs_are_counted() -> None:
    findings = check_committee(added(Role.CHAIR, "ubnd_chair", name="Người khác")(committee(D)))
    assert codes(findings) == ["BCD101"]
    assert "2 Trưởng ban" in findings[0].message


# --- members, decision ----------------------------------------------------------------


def test_wrong_level_post_says_so() -> None:
    facts = changed(MEMBER_1, post_kind="justice_head", post_unit_code=None)(committee(C))
    (finding,) = check_committee(facts)
    assert finding.code == "BCD303"
    assert "cấp xã" in finding.message


def test_post_of_unknown_unit_at_the_right_level_is_not_other_unit() -> None:
    facts = changed(MEMBER_1, post_unit_code=None)(committee(D))
    assert check_committee(facts) == []


def test_each_repeat_is_reported_naming_the_person() -> None:
    facts = repeated(MEMBER_1)(repeated(MEMBER_1)(committee(D)))
    findings = check_committee(facts)
    assert codes(findings) == ["BCD304", "BCD304"]
    assert [f.position for f in findings] == [12, 13]
    assert all(f.member == NAMES[MEMBER_1 - 1] for f in findings)
    assert f"dòng {MEMBER_1}" in findings[0].message


def test_decision_missing_gives_only_bcd404() -> None:
    facts = no_decision(changed(CHAIR, post_kind=None, duties="")(committee(D)))
    findings = check_committee(facts)
    assert codes(findings) == ["BCD404"]
    assert "huyện Gia Lộc" in findings[0].message
    assert committee_status(findings) is CommitteeStatus.ERROR


def test_signed_on_the_deadline_is_on_time() -> None:
    assert check_committee(decided(signed_on=date(2023, 6, 30))(committee(D))) == []
    assert check_committee(decided(signed_on=None)(committee(D))) == []


def test_late_decision_message_has_both_dates() -> None:
    (finding,) = check_committee(decided(signed_on=date(2023, 7, 2))(committee(D)))
    assert "02/07/2023" in finding.message and "30/06/2023" in finding.message
    assert "1234/QĐ-UBND" in finding.message


def test_findings_sorted_by_code_then_position_and_carry_the_member() -> None:
    facts = changed(MEMBER_1 + 2, duties="", post_kind=None)(committee(D))
    facts = changed(MEMBER_1, duties="")(facts)
    facts = decided(regulation_number=None)(facts)
    findings = check_committee(facts)
    assert [(f.code, f.position) for f in findings] == [
        ("BCD401", MEMBER_1),
        ("BCD401", MEMBER_1 + 2),
        ("BCD402", None),
        ("BCD501", MEMBER_1 + 2),
    ]
    assert findings[0].member == NAMES[MEMBER_1 - 1]


# --- status ---------------------------------------------------------------------------


def _finding(severity: Severity) -> Finding:
    return Finding(code="BCD000", severity=severity, message="…")


@pytest.mark.parametrize(
    ("severities", "status"),
    [
        ([], CommitteeStatus.OK),
        ([Severity.WARNING], CommitteeStatus.WARNING),
        ([Severity.WARNING, Severity.WARNING], CommitteeStatus.WARNING),
        ([Severity.WARNING, Severity.ERROR], CommitteeStatus.ERROR),
        ([Severity.ERROR, Severity.WARNING], CommitteeStatus.ERROR),
        ([Severity.ERROR], CommitteeStatus.ERROR),
    ],
)
def test_status_aggregation(severities: list[Severity], status: CommitteeStatus) -> None:
    assert committee_status(_finding(s) for s in severities) is status


def test_status_labels() -> None:
    assert CommitteeStatus.ERROR.label == "Chưa đạt"
    assert CommitteeStatus.WARNING.label == "Cảnh báo"


# --- the pack is data -----------------------------------------------------------------


def test_another_pack_with_another_deadline_changes_bcd403(tmp_path: Path) -> None:
    text = DEFAULT_RULE_PACK.read_text(encoding="utf-8")
    assert "deadline = 2023-06-30" in text
    later = tmp_path / "other-province-2023.toml"
    later.write_text(
        text.replace("deadline = 2023-06-30", "deadline = 2023-09-30").replace(
            'version = "hai-duong-2023.2"', 'version = "other-2023.1"'
        ),
        encoding="utf-8",
    )
    earlier = tmp_path / "strict-2023.toml"
    earlier.write_text(text.replace("deadline = 2023-06-30", "deadline = 2023-05-31"), "utf-8")

    july = decided(signed_on=date(2023, 7, 15), regulation_date=date(2023, 7, 20))(committee(D))
    june = committee(D)  # signed 12/06/2023
    assert codes(check_committee(july)) == ["BCD403"]
    assert check_committee(july, pack=load_rule_pack(later)) == []
    assert check_committee(june) == []
    (finding,) = check_committee(june, pack=load_rule_pack(earlier))
    assert finding.code == "BCD403" and "31/05/2023" in finding.message


def test_a_regulation_signed_before_its_decision_is_not_the_new_one() -> None:
    same_day = decided(regulation_date=date(2023, 6, 12))(committee(D))
    assert check_committee(same_day) == []
    older = decided(regulation_number="07/QĐ-BCĐ", regulation_date=date(2020, 1, 1))(committee(D))
    (finding,) = check_committee(older)
    assert finding.code == "BCD402"
    assert finding.message == (
        "Quy chế hoạt động số 07/QĐ-BCĐ ngày 01/01/2020 ký trước Quyết định số 1234/QĐ-UBND "
        "ngày 12/06/2023, nên không phải là Quy chế mới của Ban Chỉ đạo đã kiện toàn."
    )
    missing = check_committee(decided(regulation_number=None)(committee(D)))
    assert missing[0].message != finding.message


def test_a_sixth_sector_seat_is_data_only(tmp_path: Path) -> None:
    text = DEFAULT_RULE_PACK.read_text(encoding="utf-8")
    seat = (
        "[[levels.district.sector]]\n"
        'rule = "BCD207"\n'
        'seat = "Thủ trưởng ngành Giáo dục"\n'
        'posts = ["education_head"]\n\n'
    )
    rule = (
        "\n[[rule]]\n"
        'code = "BCD207"\n'
        'severity = "warning"\n'
        'name = "Có Phó Trưởng ban là Thủ trưởng ngành Giáo dục"\n'
        'message = "Thiếu Phó Trưởng ban là {seat} ({required}) của {unit}."\n'
        'source = "các Phó Trưởng ban gồm"\n'
        'rationale = "Thử nghiệm."\n'
        'fix = "Bổ sung."\n'
    )
    marker = "# ----------------------------------------------------------------------------"
    commune_start = text.index(marker + "-----------\n# Commune level")
    path = tmp_path / "six-seats.toml"
    path.write_text(text[:commune_start] + seat + text[commune_start:] + rule, "utf-8")
    pack = load_rule_pack(path)

    (finding,) = check_committee(committee(D), pack=pack)
    assert finding.code == "BCD207" and finding.severity is Severity.WARNING
    assert "Trưởng phòng Giáo dục và Đào tạo" in finding.message
    assert check_committee(added(Role.VICE_CHAIR, "education_head")(committee(D)), pack) == []
    assert check_committee(committee(C), pack=pack) == []


# --- order does not matter ------------------------------------------------------------

VICE_CHAIR_POOL: list[tuple[str | None, Portfolio, str | None]] = [
    ("police_deputy", Portfolio.NONE, "same"),
    ("police_deputy", Portfolio.CRIME, "same"),
    ("police_deputy", Portfolio.MOVEMENT, "same"),
    ("health_office_head", Portfolio.NONE, "same"),
    ("health_center_director", Portfolio.NONE, "same"),
    ("health_station_head", Portfolio.NONE, "same"),
    ("labour_head", Portfolio.NONE, "same"),
    ("officer_culture_social", Portfolio.NONE, "same"),
    ("mttq_chair", Portfolio.NONE, "same"),
    ("mttq_chair", Portfolio.NONE, OTHER_DISTRICT),
    ("police_deputy", Portfolio.NONE, None),
    ("education_head", Portfolio.NONE, "same"),
    (None, Portfolio.NONE, None),
]
MEMBER_POOL: list[tuple[str | None, str | None]] = [
    ("justice_head", "same"),
    ("justice_deputy", "same"),
    ("school_principal", "same"),
    ("court_head", OTHER_DISTRICT),
    ("court_head", None),
    (None, None),
]


@st.composite
def shuffled_rosters(draw: st.DrawFn) -> tuple[CommitteeFacts, CommitteeFacts]:
    level = draw(st.sampled_from([D, C]))
    unit = UNITS[level]
    base = committee(level)
    leaders = [m for m in base.members if m.position <= STANDING]
    vice = draw(st.lists(st.sampled_from(VICE_CHAIR_POOL), max_size=8))
    members = draw(st.lists(st.sampled_from(MEMBER_POOL), max_size=5))
    rows = [(Role.VICE_CHAIR, post, portfolio, code) for post, portfolio, code in vice]
    rows += [(Role.MEMBER, post, Portfolio.NONE, code) for post, code in members]
    people = [
        person(0, role, post, unit=unit, portfolio=portfolio, unit_code=code, name=f"Người {i}")
        for i, (role, post, portfolio, code) in enumerate(rows)
    ]
    vice_people = [p for p in people if p.role is Role.VICE_CHAIR]
    member_people = [p for p in people if p.role is Role.MEMBER]
    shuffled_vice = draw(st.permutations(vice_people))
    shuffled_members = draw(st.permutations(member_people))

    def numbered(order: list[MemberFacts]) -> CommitteeFacts:
        rows = [m._replace(position=i) for i, m in enumerate([*leaders, *order], start=1)]
        return dataclasses.replace(base, members=tuple(rows))

    return (
        numbered([*vice_people, *member_people]),
        numbered([*shuffled_vice, *shuffled_members]),
    )


@settings(max_examples=300, deadline=None)
@given(shuffled_rosters())
def test_shuffling_members_within_a_role_changes_no_finding_code(
    rosters: tuple[CommitteeFacts, CommitteeFacts],
) -> None:
    original, shuffled = rosters
    first = check_committee(original)
    second = check_committee(shuffled)
    assert {f.code for f in first} == {f.code for f in second}
    assert Counter(codes(first)) == Counter(codes(second))
    assert check_committee(original) == first  # deterministic
