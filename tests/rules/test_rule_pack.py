"""The shipped rule pack and the loader's validation."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from committee.catalogue.posts import post_catalogue
from committee.domain.vocabulary import Level, Portfolio, Role, Severity
from committee.rules.pack import (
    DEFAULT_RULE_PACK,
    LEADERSHIP_ROLES,
    RulePack,
    RulePackError,
    explain,
    load_rule_pack,
)

# The contract: DOMAIN.md's rule code table, code and severity.
DOMAIN_RULES: dict[str, Severity] = {
    "BCD101": Severity.ERROR,
    "BCD102": Severity.ERROR,
    "BCD103": Severity.ERROR,
    "BCD104": Severity.ERROR,
    "BCD105": Severity.ERROR,
    "BCD106": Severity.ERROR,
    "BCD201": Severity.ERROR,
    "BCD202": Severity.ERROR,
    "BCD203": Severity.ERROR,
    "BCD204": Severity.ERROR,
    "BCD205": Severity.ERROR,
    "BCD206": Severity.WARNING,
    "BCD301": Severity.ERROR,
    "BCD302": Severity.WARNING,
    "BCD303": Severity.ERROR,
    "BCD304": Severity.ERROR,
    "BCD401": Severity.ERROR,
    "BCD402": Severity.ERROR,
    "BCD403": Severity.WARNING,
    "BCD404": Severity.ERROR,
    "BCD501": Severity.WARNING,
}

SEED = Path("/work/shared/seed/000_b0a555f711a833a7.txt")


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_rule_pack()


def write_variant(tmp_path: Path, old: str, new: str, name: str = "variant.toml") -> Path:
    text = DEFAULT_RULE_PACK.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_codes_and_severities_are_domain_md_table(pack: RulePack) -> None:
    assert {rule.code: rule.severity for rule in pack.rules} == DOMAIN_RULES


def test_rules_in_code_order_and_found_by_code(pack: RulePack) -> None:
    assert list(pack.codes) == sorted(DOMAIN_RULES)
    assert pack.rule("BCD204").code == "BCD204"
    with pytest.raises(KeyError):
        pack.rule("BCD999")


def test_version_deadline_and_plan(pack: RulePack) -> None:
    assert pack.version == "hai-duong-2023.2"
    assert pack.deadline == date(2023, 6, 30)
    assert pack.section == "II.23.b"
    assert "40-CT/TU" in pack.plan


def test_default_pack_is_cached() -> None:
    assert load_rule_pack() is load_rule_pack()
    assert load_rule_pack(DEFAULT_RULE_PACK) is load_rule_pack(str(DEFAULT_RULE_PACK))


def test_every_rule_is_documented_in_vietnamese(pack: RulePack) -> None:
    for rule in pack.rules:
        for text in (rule.name, rule.message, rule.source, rule.rationale, rule.fix):
            assert text.strip(), rule.code
            assert unicodedata.is_normalized("NFC", text), rule.code


def test_sources_are_quoted_from_section_ii_23_b(pack: RulePack) -> None:
    section = " ".join(pack.section_text.split())
    for rule in pack.rules:
        assert rule.source in section, rule.code


@pytest.mark.skipif(not SEED.exists(), reason="the source plan is not available")
def test_section_text_is_the_plan_verbatim(pack: RulePack) -> None:
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    assert pack.section_text in seed
    assert re.search(r"b\) " + re.escape(pack.section_text[:40]), seed)


SEAT_SPEC: dict[Level, list[tuple[str, set[str], set[Portfolio] | None]]] = {
    Level.DISTRICT: [
        ("BCD201", {"health_office_head", "health_center_director"}, None),
        ("BCD202", {"labour_head"}, None),
        ("BCD203", {"mttq_chair"}, None),
        ("BCD204", {"police_deputy"}, {Portfolio.CRIME}),
        ("BCD205", {"police_deputy"}, {Portfolio.MOVEMENT}),
    ],
    Level.COMMUNE: [
        ("BCD201", {"health_station_head"}, None),
        ("BCD202", {"officer_culture_social"}, None),
        ("BCD203", {"mttq_chair"}, None),
        ("BCD204", {"police_deputy"}, {Portfolio.CRIME, Portfolio.NONE}),
        ("BCD205", {"police_deputy"}, {Portfolio.MOVEMENT, Portfolio.NONE}),
    ],
}


@pytest.mark.parametrize("level", [Level.DISTRICT, Level.COMMUNE])
def test_seats_per_level(pack: RulePack, level: Level) -> None:
    seats = pack.seats_for(level)
    leadership = {seat.role: seat for seat in seats.leadership}
    assert tuple(leadership) == LEADERSHIP_ROLES
    assert leadership[Role.CHAIR].posts == {"ubnd_chair"}
    assert leadership[Role.FIRST_VICE_CHAIR].posts == {"ubnd_vice_chair"}
    assert leadership[Role.STANDING_VICE_CHAIR].posts == {"police_chief"}
    assert [(s.count_rule, s.holder_rule) for s in seats.leadership] == [
        ("BCD101", "BCD102"),
        ("BCD103", "BCD104"),
        ("BCD105", "BCD106"),
    ]
    got = [
        (s.rule, set(s.posts), set(s.portfolios) if s.portfolios else None) for s in seats.sectors
    ]
    assert got == SEAT_SPEC[level]
    assert seats.label == {Level.DISTRICT: "cấp huyện", Level.COMMUNE: "cấp xã"}[level]


def test_commune_deputy_without_portfolio_fits_both_police_seats_crime_first(
    pack: RulePack,
) -> None:
    commune = pack.seats_for(Level.COMMUNE)
    district = pack.seats_for(Level.DISTRICT)
    fits = [commune.sectors[i].rule for i in commune.sector_fits("police_deputy", Portfolio.NONE)]
    assert fits == ["BCD204", "BCD205"]
    assert district.sector_fits("police_deputy", Portfolio.NONE) == ()


def test_no_seats_for_the_province(pack: RulePack) -> None:
    with pytest.raises(RulePackError):
        pack.seats_for(Level.PROVINCE)


def test_seat_posts_exist_in_the_catalogue_at_their_level(pack: RulePack) -> None:
    catalogue = post_catalogue()
    for level, seats in pack.levels.items():
        for seat in (*seats.leadership, *seats.sectors):
            for key in seat.posts:
                assert catalogue[key].exists_at(level)


# --- explain --------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(DOMAIN_RULES))
def test_explain_has_rule_severity_source_rationale_fix(pack: RulePack, code: str) -> None:
    rule = pack.rule(code)
    text = explain(rule, pack)
    flat = " ".join(text.split())
    assert text.startswith(f"{code}: {rule.name}")
    assert ("Lỗi" if rule.severity is Severity.ERROR else "Cảnh báo") in flat
    assert f"\u201c{rule.source}\u201d" in flat
    assert "II.23.b" in flat
    assert " ".join(rule.rationale.split()) in flat
    assert " ".join(rule.fix.split()) in flat
    assert unicodedata.is_normalized("NFC", text)


def test_explain_seat_rule_lists_both_levels(pack: RulePack) -> None:
    flat = " ".join(explain(pack.rule("BCD201"), pack).split())
    assert "Cấp huyện" in flat and "Giám đốc Trung tâm Y tế" in flat
    assert "Cấp xã" in flat and "Trạm trưởng Trạm Y tế" in flat


def test_explain_deadline_rule_states_the_deadline(pack: RulePack) -> None:
    assert "30/06/2023" in explain(pack.rule("BCD403"), pack)


# --- validation -----------------------------------------------------------------------


def test_unknown_post_key_is_refused(tmp_path: Path) -> None:
    path = write_variant(tmp_path, 'posts = ["labour_head"]', 'posts = ["labor_head"]')
    with pytest.raises(RulePackError, match="labor_head"):
        load_rule_pack(path)


def test_post_of_another_level_is_refused(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path, 'posts = ["health_station_head"]', 'posts = ["health_office_head"]'
    )
    with pytest.raises(RulePackError, match="health_office_head"):
        load_rule_pack(path)


def test_unknown_portfolio_is_refused(tmp_path: Path) -> None:
    path = write_variant(tmp_path, 'portfolios = ["crime"]', 'portfolios = ["traffic"]')
    with pytest.raises(RulePackError, match="portfolios"):
        load_rule_pack(path)


def test_missing_severity_is_refused(tmp_path: Path) -> None:
    path = write_variant(tmp_path, 'code = "BCD501"\nseverity = "warning"\n', 'code = "BCD501"\n')
    with pytest.raises(RulePackError, match="BCD501.*severity"):
        load_rule_pack(path)


def test_bad_severity_is_refused(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path, 'code = "BCD501"\nseverity = "warning"', 'code = "BCD501"\nseverity = "fatal"'
    )
    with pytest.raises(RulePackError, match="fatal"):
        load_rule_pack(path)


def test_unknown_code_is_refused(tmp_path: Path) -> None:
    path = write_variant(tmp_path, 'code = "BCD501"', 'code = "BCD599"')
    with pytest.raises(RulePackError, match="BCD599|BCD501"):
        load_rule_pack(path)


def test_missing_engine_code_is_refused(tmp_path: Path) -> None:
    path = write_variant(tmp_path, 'code = "BCD402"', 'code = "BCD412"')
    with pytest.raises(RulePackError, match="BCD402|BCD412"):
        load_rule_pack(path)


def test_seat_rule_without_a_rule_entry_is_refused(tmp_path: Path) -> None:
    path = write_variant(tmp_path, 'rule = "BCD202"', 'rule = "BCD292"')
    with pytest.raises(RulePackError, match="BCD292"):
        load_rule_pack(path)


def test_duplicate_code_is_refused(tmp_path: Path) -> None:
    path = write_variant(tmp_path, 'code = "BCD302"', 'code = "BCD301"')
    with pytest.raises(RulePackError, match="BCD301"):
        load_rule_pack(path)


def test_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path,
        'message = "Ban Chỉ đạo chưa có Ủy viên nào."',
        'message = "Ban Chỉ đạo {ten} chưa có Ủy viên nào."',
    )
    with pytest.raises(RulePackError, match=r"\{ten\}"):
        load_rule_pack(path)


def test_missing_variant_is_refused(tmp_path: Path) -> None:
    path = write_variant(tmp_path, "surplus = ", "extra = ")
    with pytest.raises(RulePackError, match="surplus|extra"):
        load_rule_pack(path)


def test_source_not_quoted_from_the_plan_is_refused(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path,
        'source = "xây dựng Quy chế hoạt động mới của Ban Chỉ đạo"',
        'source = "ban hành Quy chế hoạt động trong tháng 6"',
    )
    with pytest.raises(RulePackError, match="BCD402"):
        load_rule_pack(path)


def test_missing_deadline_is_refused(tmp_path: Path) -> None:
    path = write_variant(tmp_path, "deadline = 2023-06-30\n", "")
    with pytest.raises(RulePackError, match="deadline"):
        load_rule_pack(path)


def test_missing_file_and_bad_toml_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RulePackError):
        load_rule_pack(tmp_path / "absent.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("version = \n", encoding="utf-8")
    with pytest.raises(RulePackError):
        load_rule_pack(broken)


def test_another_file_is_another_pack(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path,
        'version = "hai-duong-2023.2"',
        'version = "other-2024.1"',
        name="other-2024.toml",
    )
    other = load_rule_pack(path)
    assert other.version == "other-2024.1"
    assert other.path == path.resolve()
    assert other is not load_rule_pack()
