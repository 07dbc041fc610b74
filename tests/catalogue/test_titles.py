"""Title recognition and composition (committee/titles.py, data/titles.toml)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from committee.catalogue.admin_units import province_units
from committee.catalogue.posts import PostCatalogue, post_catalogue
from committee.catalogue.titles import (
    TitleVocabulary,
    compose_title,
    recognise_title,
    title_vocabulary,
)
from committee.catalogue.unit_index import UnitIndex
from committee.domain.records import RecognisedTitle, UnitRef
from committee.domain.vocabulary import Level, Portfolio

EXAMPLES = Path("/work/shared/examples")
if not EXAMPLES.is_dir():
    EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"
TITLE_COLUMN = "Chức vụ, đơn vị công tác"

UNITS = province_units("30")
INDEX = UnitIndex(UNITS)
CATALOGUE = post_catalogue()

THANH_HA = "294"  # huyện Thanh Hà
THANH_HA_TOWN = "10813"  # thị trấn Thanh Hà, in huyện Thanh Hà
TAN_VIET_THANH_HA = "10825"  # xã Tân Việt, huyện Thanh Hà
TAN_VIET_BINH_GIANG = "10966"  # xã Tân Việt, huyện Bình Giang
GIA_LOC = "297"
GIA_LOC_TOWN = "10999"
CAM_GIANG = "295"


def unit(code: str) -> UnitRef:
    found = INDEX.get(code)
    assert found is not None, code
    return found


def read(text: str, committee: str) -> RecognisedTitle:
    return recognise_title(text, unit(committee), INDEX)


def post_and_unit(text: str, committee: str) -> tuple[str | None, str | None]:
    result = read(text, committee)
    return result.post_kind, result.unit_code


# --- the example rosters ----------------------------------------------------------------


def roster_titles(file_name: str) -> dict[int, str]:
    """Row number → title as written, from an example roster."""
    rows = CalamineWorkbook.from_path(EXAMPLES / file_name).get_sheet_by_name("Danh sach")
    rows = rows.to_python()
    header = next(row for row in rows if TITLE_COLUMN in row)
    column = header.index(TITLE_COLUMN)
    return {
        int(row[0]): row[column]
        for row in rows[rows.index(header) + 1 :]
        if isinstance(row[0], float)
    }


DISTRICT_ROSTER = {
    1: ("ubnd_chair", Portfolio.NONE),
    2: ("ubnd_vice_chair", Portfolio.NONE),
    3: ("police_chief", Portfolio.NONE),
    4: ("health_office_head", Portfolio.NONE),
    5: ("labour_head", Portfolio.NONE),
    6: ("mttq_chair", Portfolio.NONE),
    7: ("police_deputy", Portfolio.CRIME),
    8: ("police_deputy", Portfolio.MOVEMENT),
    9: ("procuracy_head", Portfolio.NONE),
    10: ("culture_info_head", Portfolio.NONE),
}

COMMUNE_ROSTER = {
    1: ("ubnd_chair", Portfolio.NONE),
    2: ("ubnd_vice_chair", Portfolio.NONE),
    3: ("police_chief", Portfolio.NONE),
    4: ("health_station_head", Portfolio.NONE),
    5: ("officer_culture_social", Portfolio.NONE),
    6: ("mttq_chair", Portfolio.NONE),
    7: ("police_deputy", Portfolio.NONE),
    8: ("military_commander", Portfolio.NONE),
    9: ("youth_union_secretary", Portfolio.NONE),
}


@pytest.mark.parametrize(
    ("file_name", "committee", "expected"),
    [
        ("roster-district-columns.xlsx", THANH_HA, DISTRICT_ROSTER),
        ("roster-commune-sections.xlsx", THANH_HA_TOWN, COMMUNE_ROSTER),
    ],
)
def test_example_roster_titles(
    file_name: str, committee: str, expected: dict[int, tuple[str, Portfolio]]
) -> None:
    titles = roster_titles(file_name)
    assert sorted(titles) == sorted(expected)
    for number, title in titles.items():
        post_key, portfolio = expected[number]
        result = read(title, committee)
        assert result == RecognisedTitle(
            post_key, committee, portfolio, CATALOGUE[post_key].heads
        ), (
            number,
            title,
        )


# --- phrasings and abbreviations ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "post_key"),
    [
        ("Chủ tịch UBND huyện", "ubnd_chair"),
        ("Chủ tịch Ủy ban nhân dân huyện", "ubnd_chair"),
        ("CT UBND huyện", "ubnd_chair"),
        ("CT. UBND huyện", "ubnd_chair"),
        ("Phó Chủ tịch UBND huyện", "ubnd_vice_chair"),
        ("PCT UBND huyện", "ubnd_vice_chair"),
        ("P.CT UBND huyện", "ubnd_vice_chair"),
        ("Phó CT UBND huyện", "ubnd_vice_chair"),
        ("Chủ tịch HĐND huyện", "hdnd_chair"),
        ("CT HĐND huyện", "hdnd_chair"),
        ("PCT HĐND huyện", "hdnd_vice_chair"),
        ("Trưởng Công an huyện", "police_chief"),
        ("Trưởng CA huyện", "police_chief"),
        ("Phó Trưởng CA huyện", "police_deputy"),
        ("Chủ tịch Ủy ban MTTQ huyện", "mttq_chair"),
        ("Chủ tịch UBMTTQ huyện", "mttq_chair"),
        ("Chủ tịch UBMTTQVN huyện", "mttq_chair"),
        ("Chủ tịch MTTQ huyện", "mttq_chair"),
        ("Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "mttq_chair"),
        ("Chủ tịch Ủy ban Mặt trận Tổ quốc huyện", "mttq_chair"),
        ("PCT UBMTTQVN huyện", "mttq_vice_chair"),
        ("Trưởng phòng LĐTBXH", "labour_head"),
        ("Trưởng phòng LĐ-TB&XH", "labour_head"),
        ("Trưởng phòng LĐTB&XH", "labour_head"),
        ("Trưởng phòng Lao động - Thương binh và Xã hội", "labour_head"),
        ("Trưởng phòng Lao động, Thương binh và Xã hội", "labour_head"),
        ("Phó Trưởng phòng LĐTBXH", "labour_deputy"),
        ("Viện trưởng VKSND huyện", "procuracy_head"),
        ("Viện trưởng Viện KSND huyện", "procuracy_head"),
        ("Viện trưởng Viện Kiểm sát nhân dân huyện", "procuracy_head"),
        ("Phó Viện trưởng VKSND huyện", "procuracy_deputy"),
        ("Chánh án TAND huyện", "court_head"),
        ("Chánh án Tòa án nhân dân huyện", "court_head"),
        ("Phó Chánh án TAND huyện", "court_deputy"),
        ("Chỉ huy trưởng BCHQS huyện", "military_commander"),
        ("Chỉ huy trưởng Ban CHQS huyện", "military_commander"),
        ("Chỉ huy trưởng Ban Chỉ huy Quân sự huyện", "military_commander"),
        ("CHT Ban CHQS huyện", "military_commander"),
        ("Chỉ huy phó Ban CHQS huyện", "military_deputy"),
        ("Trưởng phòng GD&ĐT", "education_head"),
        ("Trưởng phòng Giáo dục và Đào tạo", "education_head"),
        ("Trưởng phòng VH-TT", "culture_info_head"),
        ("Trưởng phòng VHTT", "culture_info_head"),
        ("Trưởng phòng Văn hóa - Thông tin", "culture_info_head"),
        ("Trưởng phòng TN&MT", "natural_resources_head"),
        ("Trưởng phòng Tài nguyên và Môi trường", "natural_resources_head"),
        ("Trưởng phòng TC-KH", "finance_planning_head"),
        ("Trưởng phòng Tài chính - Kế hoạch", "finance_planning_head"),
        ("Chủ tịch HLHPN huyện", "women_union_chair"),
        ("Chủ tịch Hội LHPN huyện", "women_union_chair"),
        ("Chủ tịch Hội Liên hiệp Phụ nữ huyện", "women_union_chair"),
        ("Chủ tịch HND huyện", "farmers_union_chair"),
        ("Chủ tịch Hội Nông dân huyện", "farmers_union_chair"),
        ("Chủ tịch HCCB huyện", "veterans_union_chair"),
        ("Chủ tịch Hội CCB huyện", "veterans_union_chair"),
        ("Chủ tịch LĐLĐ huyện", "labour_federation_chair"),
        ("Chủ tịch Liên đoàn Lao động huyện", "labour_federation_chair"),
        ("Bí thư Huyện đoàn", "youth_union_secretary"),
        ("Bí thư Đoàn Thanh niên huyện", "youth_union_secretary"),
        ("Phó Bí thư Huyện đoàn", "youth_union_deputy"),
        ("Chánh Văn phòng HĐND và UBND huyện", "office_head"),
        ("Chánh Văn phòng HĐND - UBND huyện", "office_head"),
        ("Chánh Thanh tra huyện", "inspectorate_head"),
        ("Trưởng phòng Nội vụ", "home_affairs_head"),
        ("Trưởng phòng Tư pháp", "justice_head"),
        ("Trưởng phòng Y tế", "health_office_head"),
        ("Trưởng phòng Kinh tế", "economy_head"),
        ("Trưởng phòng Kinh tế và Hạ tầng", "economy_infrastructure_head"),
        ("Trưởng phòng KT&HT", "economy_infrastructure_head"),
        ("Trưởng phòng NN&PTNT", "agriculture_head"),
        ("Trưởng phòng Quản lý đô thị", "urban_management_head"),
        ("Chi cục trưởng Chi cục Thi hành án dân sự huyện", "judgment_enforcement_head"),
        ("Chi cục trưởng Chi cục THADS huyện", "judgment_enforcement_head"),
        ("Chi cục trưởng Chi cục Thuế huyện", "tax_head"),
        ("Đội trưởng Đội Quản lý thị trường", "market_control_head"),
        ("Đội trưởng Đội QLTT", "market_control_head"),
        ("Giám đốc Trung tâm Y tế huyện", "health_center_director"),
        ("Giám đốc TTYT huyện", "health_center_director"),
        ("Giám đốc Trung tâm Văn hóa - Thông tin - Thể thao huyện", "culture_center_director"),
        ("Trưởng Ban Tuyên giáo Huyện ủy", "propaganda_head"),
        ("Trưởng Ban Dân vận Huyện ủy", "mass_mobilisation_head"),
        ("Phó Trưởng Ban Dân vận Huyện ủy", "mass_mobilisation_deputy"),
        ("Chuyên viên phòng Tư pháp", "specialist"),
        ("Cán bộ Công an huyện", "specialist"),
        ("Thẩm phán TAND huyện", "specialist"),
        ("Kiểm sát viên VKSND huyện", "specialist"),
    ],
)
def test_district_phrasings(text: str, post_key: str) -> None:
    result = read(text, GIA_LOC)
    assert result.post_kind == post_key
    assert result.unit_code == GIA_LOC
    assert result.heads is CATALOGUE[post_key].heads


@pytest.mark.parametrize(
    ("text", "post_key"),
    [
        ("Trưởng Công an xã", "police_chief"),
        ("Trưởng CA xã", "police_chief"),
        ("Phó Trưởng CA xã", "police_deputy"),
        ("Trạm trưởng Trạm Y tế xã", "health_station_head"),
        ("Giám đốc Trạm Y tế xã", "health_station_head"),
        ("Trạm trưởng TYT xã", "health_station_head"),
        ("Phó Trạm trưởng Trạm Y tế", "health_station_deputy"),
        ("Công chức Văn hóa - Xã hội", "officer_culture_social"),
        ("Công chức VH-XH", "officer_culture_social"),
        ("Công chức LĐTBXH", "officer_culture_social"),
        ("Công chức Tư pháp - Hộ tịch", "officer_justice_civil_status"),
        ("Công chức Văn phòng - Thống kê", "officer_office_statistics"),
        ("Công chức Tài chính - Kế toán", "officer_finance_accounting"),
        ("Công chức Địa chính - Xây dựng - Nông nghiệp - Môi trường", "officer_land_construction"),
        ("Công chức Địa chính - Xây dựng", "officer_land_construction"),
        ("Chỉ huy trưởng Ban CHQS xã", "military_commander"),
        ("Bí thư Đoàn xã", "youth_union_secretary"),
        ("Bí thư Đoàn Thanh niên xã", "youth_union_secretary"),
        ("Bí thư Đoàn TNCS Hồ Chí Minh xã", "youth_union_secretary"),
        ("Chủ tịch Hội LHPN xã", "women_union_chair"),
        ("Chủ tịch Hội Nông dân xã", "farmers_union_chair"),
        ("Chủ tịch Hội CCB xã", "veterans_union_chair"),
        ("Chủ tịch UBMTTQ xã", "mttq_chair"),
        ("Hiệu trưởng Trường THCS", "school_principal"),
        ("Phó Hiệu trưởng Trường Tiểu học", "school_vice_principal"),
        ("Chuyên viên", "specialist"),
        ("Cán bộ", "specialist"),
        ("Công chức", "specialist"),
    ],
)
def test_commune_phrasings(text: str, post_key: str) -> None:
    result = read(text, TAN_VIET_THANH_HA)
    assert result.post_kind == post_key
    assert result.unit_code == TAN_VIET_THANH_HA
    assert result.heads is CATALOGUE[post_key].heads


@pytest.mark.parametrize(
    ("text", "post_key"),
    [
        # A longer phrasing that contains a shorter one is the post meant.
        ("Phó Trưởng Công an huyện", "police_deputy"),
        ("Phó Chủ tịch UBND huyện", "ubnd_vice_chair"),
        ("Trưởng phòng Kinh tế và Hạ tầng", "economy_infrastructure_head"),
        ("Phó Trưởng phòng Kinh tế và Hạ tầng", "economy_infrastructure_deputy"),
        ("Phó Trưởng phòng Kinh tế", "economy_deputy"),
        ("Chủ tịch Ủy ban MTTQ huyện", "mttq_chair"),
        ("Chủ tịch UB MTTQ huyện", "mttq_chair"),
        ("Phó Chủ tịch Ủy ban MTTQ huyện", "mttq_vice_chair"),
        ("Phó Chánh Văn phòng HĐND và UBND", "office_deputy"),
        # A party post first, the government post after it.
        ("Phó Bí thư Huyện ủy, Chủ tịch UBND huyện", "ubnd_chair"),
        ("Huyện ủy viên, Trưởng Công an huyện", "police_chief"),
    ],
)
def test_most_specific_phrasing_wins(text: str, post_key: str) -> None:
    assert post_and_unit(text, GIA_LOC) == (post_key, GIA_LOC)


@pytest.mark.parametrize(
    "text",
    [
        "Phó Trưởng Công an huyện Gia Lộc phụ trách Cảnh sát",
        unicodedata.normalize("NFD", "Phó Trưởng Công an huyện Gia Lộc phụ trách Cảnh sát"),
        "  phó   trưởng  công  an   huyện gia   lộc phụ trách cảnh sát ",
        "PHÓ TRƯỞNG CÔNG AN HUYỆN GIA LỘC PHỤ TRÁCH CẢNH SÁT",
        "pho truong cong an huyen gia loc phu trach canh sat",
        "Phó Trưởng\u00a0Công an huyện\tGia Lộc\nphụ trách Cảnh sát",
        "Phó Trưởng CA huyện Gia Lộc phụ trách CSPCTP",
        "PHÓ TRƯỞNG CA HUYỆN GIA LỘC PHỤ TRÁCH CS",
    ],
)
def test_decomposed_spacing_and_case_do_not_matter(text: str) -> None:
    result = read(text, GIA_LOC)
    assert result == RecognisedTitle("police_deputy", GIA_LOC, Portfolio.CRIME, False)


def test_legacy_eth_for_d_bar() -> None:
    # Some legacy fonts type Đ as the Icelandic Ð.
    assert post_and_unit("Chủ tịch HÐND huyện", GIA_LOC) == ("hdnd_chair", GIA_LOC)


# --- portfolios ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "portfolio"),
    [
        ("Phó Trưởng Công an huyện phụ trách Cảnh sát", Portfolio.CRIME),
        ("Phó Trưởng Công an huyện phụ trách CSPCTP", Portfolio.CRIME),
        ("Phó Trưởng Công an huyện phụ trách cảnh sát phòng, chống tội phạm", Portfolio.CRIME),
        ("Phó Trưởng Công an huyện (phụ trách Cảnh sát)", Portfolio.CRIME),
        ("Phó Trưởng Công an huyện phụ trách phong trào", Portfolio.MOVEMENT),
        ("Phó Trưởng Công an huyện phụ trách xây dựng phong trào", Portfolio.MOVEMENT),
        ("Phó Trưởng Công an huyện phụ trách phong trào toàn dân bảo vệ ANTQ", Portfolio.MOVEMENT),
        ("Phó Trưởng CA huyện phụ trách XD phong trào toàn dân BVANTQ", Portfolio.MOVEMENT),
        ("Phó Trưởng Công an huyện phụ trách an ninh", Portfolio.MOVEMENT),
        ("Phó Trưởng Công an xã phụ trách an ninh trật tự", Portfolio.NONE),
        ("Phó Trưởng Công an huyện", Portfolio.NONE),
        ("Phó Trưởng Công an huyện phụ trách hậu cần", Portfolio.NONE),
    ],
)
def test_police_deputy_portfolio(text: str, portfolio: Portfolio) -> None:
    result = read(text, GIA_LOC)
    assert result.post_kind == "police_deputy"
    assert result.portfolio == portfolio


def test_portfolio_is_read_only_for_police_deputies() -> None:
    result = read("Phó Chủ tịch UBND huyện phụ trách phong trào", GIA_LOC)
    assert result.post_kind == "ubnd_vice_chair"
    assert result.portfolio == Portfolio.NONE
    assert result.unit_code == GIA_LOC


# --- the unit of the post ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "committee", "expected"),
    [
        # (a) a named unit, looked up near the committee
        ("Chủ tịch UBND huyện Thanh Hà", THANH_HA, ("ubnd_chair", THANH_HA)),
        ("TAND huyện Cẩm Giàng", GIA_LOC, ("court_head", CAM_GIANG)),
        ("Chánh án TAND huyện Cẩm Giàng", GIA_LOC, ("court_head", CAM_GIANG)),
        ("Chủ tịch UBND thị trấn Gia Lộc", GIA_LOC, ("ubnd_chair", GIA_LOC_TOWN)),
        ("Chủ tịch UBND TP Hải Dương", GIA_LOC, ("ubnd_chair", "288")),
        ("Chủ tịch UBND thành phố Hải Dương", GIA_LOC, ("ubnd_chair", "288")),
        ("Chủ tịch UBND thị xã Kinh Môn", GIA_LOC, ("ubnd_chair", "292")),
        ("Chủ tịch UBND huyện Gia Lộc, Trưởng ban", GIA_LOC, ("ubnd_chair", GIA_LOC)),
        ("Chủ tịch UBND huyện Gia Lộc kiêm Chủ tịch HĐND", GIA_LOC, ("ubnd_chair", GIA_LOC)),
        ("Bí thư Huyện đoàn Cẩm Giàng", GIA_LOC, ("youth_union_secretary", CAM_GIANG)),
        ("Trưởng Ban Tuyên giáo Huyện ủy Cẩm Giàng", GIA_LOC, ("propaganda_head", CAM_GIANG)),
        ("Trưởng Công an xã Tân Việt", TAN_VIET_THANH_HA, ("police_chief", TAN_VIET_THANH_HA)),
        ("Trưởng Công an xã Tân Việt", TAN_VIET_BINH_GIANG, ("police_chief", TAN_VIET_BINH_GIANG)),
        ("Trưởng Công an xã Tân Việt", THANH_HA, ("police_chief", TAN_VIET_THANH_HA)),
        ("Trưởng Công an xã Tân Việt", "296", ("police_chief", TAN_VIET_BINH_GIANG)),
        ("Trưởng Công an xã Tân Việt", THANH_HA_TOWN, ("police_chief", TAN_VIET_THANH_HA)),
        # the higher unit written after the name tells namesakes apart
        ("Trưởng CA xã Tân Việt, huyện Thanh Hà", GIA_LOC, ("police_chief", TAN_VIET_THANH_HA)),
        ("Trưởng CA xã Tân Việt huyện Bình Giang", GIA_LOC, ("police_chief", TAN_VIET_BINH_GIANG)),
        ("Trưởng Công an xã Tân Việt, huyện Gia Lộc", GIA_LOC, ("police_chief", None)),
        ("Chủ tịch UBND huyện Gia Lộc, tỉnh Hải Dương", GIA_LOC_TOWN, ("ubnd_chair", GIA_LOC)),
        # a thị trấn written as xã is still found
        ("Chủ tịch UBND xã Thanh Hà", THANH_HA, ("ubnd_chair", THANH_HA_TOWN)),
        # named but not in the catalogue, or not to be told apart: no unit
        ("Chủ tịch UBND xã Không Có", THANH_HA, ("ubnd_chair", None)),
        ("Trưởng Công an xã Tân Việt", GIA_LOC, ("police_chief", None)),
        ("Trưởng Công an xã Tân Việt", GIA_LOC_TOWN, ("police_chief", None)),
        # (b) a level word alone: the unit of that level containing the committee
        ("PCT UBND huyện", THANH_HA, ("ubnd_vice_chair", THANH_HA)),
        ("PCT UBND huyện", THANH_HA_TOWN, ("ubnd_vice_chair", THANH_HA)),
        ("Chủ tịch UBND thành phố", "10507", ("ubnd_chair", "288")),
        ("Trưởng CA xã", TAN_VIET_THANH_HA, ("police_chief", TAN_VIET_THANH_HA)),
        ("Trưởng CA xã", THANH_HA, ("police_chief", None)),
        ("Chủ tịch UBND thị trấn", TAN_VIET_THANH_HA, ("ubnd_chair", TAN_VIET_THANH_HA)),
        ("Chủ tịch UBND phường", THANH_HA_TOWN, ("ubnd_chair", THANH_HA_TOWN)),
        ("Chủ tịch UBND tỉnh", THANH_HA_TOWN, ("ubnd_chair", "30")),
        ("Trưởng Công an huyện phụ trách chung", THANH_HA, ("police_chief", THANH_HA)),
        # (c) no unit words: the committee's own unit, or the one level the post has
        ("Trưởng phòng Y tế", THANH_HA, ("health_office_head", THANH_HA)),
        ("Trưởng phòng Y tế", THANH_HA_TOWN, ("health_office_head", THANH_HA)),
        ("Công chức Văn hóa - Xã hội", THANH_HA_TOWN, ("officer_culture_social", THANH_HA_TOWN)),
        ("Công chức Văn hóa - Xã hội", THANH_HA, ("officer_culture_social", None)),
        ("Bí thư Huyện đoàn", THANH_HA, ("youth_union_secretary", THANH_HA)),
        ("Bí thư Huyện đoàn", THANH_HA_TOWN, ("youth_union_secretary", THANH_HA)),
        ("Chủ tịch UBND", THANH_HA_TOWN, ("ubnd_chair", THANH_HA_TOWN)),
        ("Chủ tịch UBND", "30", ("ubnd_chair", None)),
    ],
)
def test_unit_of_the_post(text: str, committee: str, expected: tuple[str, str | None]) -> None:
    assert post_and_unit(text, committee) == expected


# --- what is not a post -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Bí thư Chi bộ thôn Đông",
        "Trưởng thôn Đông",
        "Đội trưởng Đội Cảnh sát hình sự",
        "Chính trị viên",
        "Trưởng ban",
        "UBND huyện",
        "Xã Tân Việt",
        "???",
    ],
)
def test_unrecognised_text(text: str) -> None:
    assert read(text, THANH_HA) == RecognisedTitle(None, None)
    assert not read(text, THANH_HA).recognised


def test_a_post_missing_from_the_catalogue_is_not_recognised() -> None:
    small = PostCatalogue([post for post in CATALOGUE if post.key != "court_head"])
    assert recognise_title("Chánh án TAND huyện", unit(GIA_LOC), INDEX, small) == RecognisedTitle(
        None, None
    )
    assert recognise_title("Trưởng CA huyện", unit(GIA_LOC), INDEX, small).recognised


# --- the vocabulary file --------------------------------------------------------------------------


def test_every_post_has_phrasings_and_every_phrasing_a_post() -> None:
    vocabulary = title_vocabulary()
    assert vocabulary.post_keys == {post.key for post in CATALOGUE}


@pytest.mark.parametrize("post", list(CATALOGUE), ids=lambda post: post.key)
def test_catalogue_titles_are_recognised(post) -> None:
    level = min(post.levels)  # any level the post exists at
    committee = unit(GIA_LOC if level == Level.DISTRICT else GIA_LOC_TOWN)
    assert recognise_title(post.title, committee, INDEX).post_kind == post.key
    for phrasing in title_vocabulary().phrasings(post.key):
        assert recognise_title(phrasing, committee, INDEX).post_kind == post.key, phrasing


def test_a_phrasing_of_two_posts_is_refused() -> None:
    raw = {"posts": {"ubnd_chair": ["Chủ tịch UBND"], "hdnd_chair": ["chu tich  ubnd"]}}
    with pytest.raises(ValueError, match="ubnd_chair"):
        TitleVocabulary(raw)


def test_an_abbreviation_makes_phrasings_of_its_meaning_collide() -> None:
    raw = {
        "abbreviations": {"UBND": "Ủy ban nhân dân"},
        "posts": {"ubnd_chair": ["Chủ tịch UBND"], "hdnd_chair": ["Chủ tịch Ủy ban nhân dân"]},
    }
    with pytest.raises(ValueError, match="both"):
        TitleVocabulary(raw)


def test_unknown_portfolio_or_level_is_refused() -> None:
    with pytest.raises(ValueError, match="portfolio"):
        TitleVocabulary({"portfolios": {"phụ trách X": "elsewhere"}})
    with pytest.raises(ValueError, match="level"):
        TitleVocabulary({"level_words": {"ấp": "hamlet"}})
    with pytest.raises(ValueError, match="level"):
        TitleVocabulary({"posts": {"youth_union_secretary": ["Bí thư Huyện đoàn @county"]}})


def test_a_small_vocabulary_reads_titles() -> None:
    vocabulary = TitleVocabulary(
        {
            "abbreviations": {"CA": "Công an"},
            "level_words": {"huyện": "district"},
            "portfolio_posts": ["police_deputy"],
            "portfolios": {"phụ trách cảnh sát": "crime"},
            "posts": {"police_deputy": ["Phó Trưởng Công an"], "police_chief": ["Trưởng CA"]},
        }
    )
    parsed = vocabulary.parse("Phó Trưởng CA huyện Gia Lộc phụ trách Cảnh sát")
    assert parsed.post_key == "police_deputy"
    assert parsed.level == Level.DISTRICT
    # No unit_name_ends_before words here: the name runs on; the longest start is used.
    assert parsed.name == ("gia", "loc", "phu", "trach", "canh", "sat")
    assert parsed.portfolio == Portfolio.CRIME
    assert vocabulary.parse("Trưởng Công an").post_key == "police_chief"
    assert vocabulary.stem("police_chief") == "Trưởng CA"


# --- composing titles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("post_key", "code", "title"),
    [
        ("ubnd_chair", GIA_LOC, "Chủ tịch UBND huyện Gia Lộc"),
        ("health_office_head", GIA_LOC, "Trưởng phòng Y tế huyện Gia Lộc"),
        ("police_chief", THANH_HA_TOWN, "Trưởng Công an thị trấn Thanh Hà"),
        ("mttq_chair", "288", "Chủ tịch Ủy ban MTTQ thành phố Hải Dương"),
        ("inspectorate_head", GIA_LOC, "Chánh Thanh tra huyện Gia Lộc"),
        ("officer_culture_social", TAN_VIET_THANH_HA, "Công chức Văn hóa - Xã hội xã Tân Việt"),
        ("youth_union_secretary", "292", "Bí thư Đoàn Thanh niên thị xã Kinh Môn"),
    ],
)
def test_compose_title(post_key: str, code: str, title: str) -> None:
    composed = compose_title(post_key, unit(code))
    assert composed == title
    assert unicodedata.is_normalized("NFC", composed)


def test_compose_title_of_an_unknown_post() -> None:
    with pytest.raises(KeyError):
        compose_title("no_such_post", unit(GIA_LOC))


def test_every_composed_title_reads_back() -> None:
    """compose_title and recognise_title round-trip for every post of every unit's level."""
    for committee in UNITS:
        for post in CATALOGUE.for_level(committee.level):
            result = recognise_title(compose_title(post.key, committee), committee, INDEX)
            assert (result.post_kind, result.unit_code) == (post.key, committee.code)


LOCAL_UNITS = [u for u in UNITS if u.level in (Level.DISTRICT, Level.COMMUNE)]


def _noisy(text: str, case: str, decompose: bool, spaces: int) -> str:
    text = {"upper": text.upper(), "lower": text.lower(), "as is": text}[case]
    if decompose:
        text = unicodedata.normalize("NFD", text)
    return (" " * spaces).join(text.split(" "))


@settings(max_examples=300, deadline=None)
@given(
    committee=st.sampled_from(LOCAL_UNITS),
    post_index=st.integers(min_value=0, max_value=len(list(CATALOGUE)) - 1),
    case=st.sampled_from(["upper", "lower", "as is"]),
    decompose=st.booleans(),
    spaces=st.integers(min_value=1, max_value=3),
)
def test_round_trip_survives_how_clerks_type(
    committee: UnitRef, post_index: int, case: str, decompose: bool, spaces: int
) -> None:
    posts = CATALOGUE.for_level(committee.level)
    post = posts[post_index % len(posts)]
    written = _noisy(compose_title(post.key, committee), case, decompose, spaces)
    result = recognise_title(written, committee, INDEX)
    assert result.post_kind == post.key
    assert result.unit_code == committee.code
    assert result.heads is post.heads


@settings(max_examples=200, deadline=None)
@given(committee=st.sampled_from(LOCAL_UNITS), other=st.sampled_from(LOCAL_UNITS))
def test_a_named_unit_is_read_from_any_committee(committee: UnitRef, other: UnitRef) -> None:
    """A title naming a unit gives that unit, unless namesakes are equally near."""
    post = CATALOGUE.for_level(other.level)[0]
    result = recognise_title(compose_title(post.key, other), committee, INDEX)
    assert result.post_kind == post.key
    namesakes = INDEX.named(other.short_name, level=other.level)
    if len(namesakes) == 1:
        assert result.unit_code == other.code
    else:
        assert result.unit_code in {None, *(unit.code for unit in namesakes)}
        if committee.code == other.code or committee.code == other.parent_code:
            assert result.unit_code == other.code


# --- posts clerks put in leadership seats (issue 12) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "committee", "expected"),
    [
        # Party posts, written out and abbreviated, of a commune and of a district
        ("Bí thư Đảng ủy thị trấn", THANH_HA_TOWN, ("party_secretary", THANH_HA_TOWN)),
        ("BT ĐU thị trấn Thanh Hà", THANH_HA_TOWN, ("party_secretary", THANH_HA_TOWN)),
        ("Bí thư Đảng bộ xã Tân Việt", TAN_VIET_THANH_HA, ("party_secretary", TAN_VIET_THANH_HA)),
        ("Bí thư Huyện ủy", THANH_HA, ("party_secretary", THANH_HA)),
        ("Bí thư HU Thanh Hà", THANH_HA, ("party_secretary", THANH_HA)),
        ("Bí thư Huyện ủy", THANH_HA_TOWN, ("party_secretary", THANH_HA)),
        ("Phó Bí thư Đảng ủy xã", TAN_VIET_THANH_HA, ("party_deputy_secretary", TAN_VIET_THANH_HA)),
        ("PBT ĐU thị trấn", THANH_HA_TOWN, ("party_deputy_secretary", THANH_HA_TOWN)),
        ("Phó Bí thư Huyện ủy", GIA_LOC, ("party_deputy_secretary", GIA_LOC)),
        (
            "Phó Bí thư Thường trực Đảng ủy xã",
            TAN_VIET_THANH_HA,
            ("party_standing_deputy_secretary", TAN_VIET_THANH_HA),
        ),
        ("PBT Thường trực Huyện ủy", THANH_HA, ("party_standing_deputy_secretary", THANH_HA)),
        ("Phó Bí thư Thường trực Thị ủy", THANH_HA, ("party_standing_deputy_secretary", THANH_HA)),
        ("Bí thư Thành ủy", THANH_HA, ("party_secretary", THANH_HA)),
        ("Ủy viên Ban Thường vụ Huyện ủy", GIA_LOC, ("party_standing_committee_member", GIA_LOC)),
        ("UVBTV Huyện ủy", GIA_LOC, ("party_standing_committee_member", GIA_LOC)),
        (
            "UV BTV Đảng ủy xã",
            TAN_VIET_THANH_HA,
            ("party_standing_committee_member", TAN_VIET_THANH_HA),
        ),
        # HĐND, which the catalogue knew already
        ("Chủ tịch HĐND thị trấn", THANH_HA_TOWN, ("hdnd_chair", THANH_HA_TOWN)),
        ("Chủ tịch Hội đồng nhân dân huyện", GIA_LOC, ("hdnd_chair", GIA_LOC)),
        ("Phó Chủ tịch HĐND xã", TAN_VIET_THANH_HA, ("hdnd_vice_chair", TAN_VIET_THANH_HA)),
        ("PCT HĐND huyện", GIA_LOC, ("hdnd_vice_chair", GIA_LOC)),
        # Chánh Văn phòng: of the HĐND and UBND, or of the party committee
        ("Chánh Văn phòng HĐND và UBND huyện", GIA_LOC, ("office_head", GIA_LOC)),
        ("CVP HĐND - UBND huyện", GIA_LOC, ("office_head", GIA_LOC)),
        ("Chánh Văn phòng", GIA_LOC, ("office_head", GIA_LOC)),
        ("Phó CVP HĐND&UBND huyện", GIA_LOC, ("office_deputy", GIA_LOC)),
        ("Chánh Văn phòng Huyện ủy", GIA_LOC, ("party_office_head", GIA_LOC)),
        ("CVP Huyện ủy", GIA_LOC, ("party_office_head", GIA_LOC)),
        ("Phó Chánh Văn phòng Huyện ủy", GIA_LOC, ("party_office_deputy", GIA_LOC)),
    ],
)
def test_leadership_posts_clerks_write_are_recognised(
    text: str, committee: str, expected: tuple[str, str]
) -> None:
    assert post_and_unit(text, committee) == expected


@pytest.mark.parametrize(
    ("text", "committee", "post_key"),
    [
        ("Bí thư Đảng ủy xã", TAN_VIET_THANH_HA, "party_secretary"),
        (
            "Phó Bí thư Thường trực Đảng ủy thị trấn",
            THANH_HA_TOWN,
            "party_standing_deputy_secretary",
        ),
        ("Chủ tịch HĐND huyện", GIA_LOC, "hdnd_chair"),
        ("Phó Chủ tịch HĐND huyện", GIA_LOC, "hdnd_vice_chair"),
        ("Ủy viên Ban Thường vụ Huyện ủy", GIA_LOC, "party_standing_committee_member"),
        ("Chánh Văn phòng HĐND và UBND huyện", GIA_LOC, "office_head"),
    ],
)
def test_a_leadership_post_is_not_the_chair_of_the_peoples_committee(
    text: str, committee: str, post_key: str
) -> None:
    # The seats of II.23.b name the Chủ tịch / Phó Chủ tịch UBND and the Trưởng Công an: a
    # party or council post is recognised as itself, never as one of those.
    result = read(text, committee)
    assert result.post_kind == post_key
    assert result.post_kind not in ("ubnd_chair", "ubnd_vice_chair", "police_chief")


@pytest.mark.parametrize(
    ("text", "committee", "expected"),
    [
        ("Phó Bí thư Đảng ủy, Chủ tịch UBND xã", TAN_VIET_THANH_HA, "ubnd_chair"),
        ("PBT ĐU - CT UBND thị trấn", THANH_HA_TOWN, "ubnd_chair"),
        ("Phó Bí thư Huyện ủy kiêm Chủ tịch UBND huyện", GIA_LOC, "ubnd_chair"),
        ("Ủy viên BTV Huyện ủy, Trưởng Công an huyện", GIA_LOC, "police_chief"),
        ("UVBTV Huyện ủy, Phó Chủ tịch UBND huyện", GIA_LOC, "ubnd_vice_chair"),
        ("Phó Bí thư Thường trực Đảng ủy, Chủ tịch HĐND xã", TAN_VIET_THANH_HA, "hdnd_chair"),
        ("Bí thư Đảng ủy, Chủ tịch HĐND thị trấn", THANH_HA_TOWN, "hdnd_chair"),
        ("Ủy viên BTV Huyện ủy, Chánh Văn phòng Huyện ủy", GIA_LOC, "party_office_head"),
    ],
)
def test_a_party_post_held_beside_another_yields_to_it(
    text: str, committee: str, expected: str
) -> None:
    assert read(text, committee).post_kind == expected
    assert read(text, committee).unit_code == committee


def test_du_lich_is_not_read_as_dang_uy() -> None:
    result = read("Trưởng phòng Văn hóa, Thể thao và Du lịch huyện", GIA_LOC)
    assert (result.post_kind, result.unit_code) == ("culture_info_head", GIA_LOC)


def test_concurrent_posts_must_be_posts_of_the_vocabulary() -> None:
    with pytest.raises(ValueError, match="concurrent_posts"):
        TitleVocabulary({"concurrent_posts": ["party_chief"], "posts": {"x": ["Chủ tịch"]}})
    vocabulary = TitleVocabulary(
        {
            "concurrent_posts": ["party_secretary"],
            "posts": {"party_secretary": ["Bí thư"], "ubnd_chair": ["Chủ tịch"]},
        }
    )
    assert vocabulary.parse("Bí thư, Chủ tịch xã").post_key == "ubnd_chair"
    assert vocabulary.parse("Bí thư xã").post_key == "party_secretary"
