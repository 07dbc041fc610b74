"""Official titles (committee/catalogue/official_titles.py, data/official_titles.toml): what
the annex prints for a recognised post, and that every printed title reads back as the same
post of the same unit."""

from __future__ import annotations

from datetime import date

import pytest

from committee.catalogue.admin_units import province_units
from committee.catalogue.official_titles import (
    OfficialTitles,
    PostLine,
    official_title,
    official_titles,
    printed_titles,
)
from committee.catalogue.posts import post_catalogue
from committee.catalogue.titles import recognise_title
from committee.catalogue.unit_index import UnitIndex
from committee.domain.records import UnitRef
from committee.domain.vocabulary import Era, Portfolio

INDEX = UnitIndex(province_units("30"))
CATALOGUE = post_catalogue()


def unit(code: str) -> UnitRef:
    found = INDEX.get(code)
    assert found is not None, code
    return found


GIA_LOC, YET_KIEU = unit("297"), unit("11020")  # huyện Gia Lộc, xã Yết Kiêu (in Gia Lộc)
THANH_HA, THANH_HA_TOWN = unit("294"), unit("10813")


def test_the_issue_examples() -> None:
    assert YET_KIEU.name == "Xã Yết Kiêu"
    assert official_title("ubnd_chair", YET_KIEU) == "Chủ tịch UBND xã Yết Kiêu"
    assert official_title("police_chief", YET_KIEU, named=False) == "Trưởng Công an xã"
    assert official_title("health_station_head", YET_KIEU, named=False) == (
        "Trạm trưởng Trạm Y tế xã"
    )
    assert official_title("officer_culture_social", YET_KIEU, named=False) == (
        "Công chức Văn hóa - Xã hội xã"
    )


def test_forms_spell_out_what_clerks_abbreviate() -> None:
    assert official_title("mttq_chair", THANH_HA, named=False) == (
        "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam huyện"
    )
    assert official_title("military_commander", THANH_HA_TOWN, named=False) == (
        "Chỉ huy trưởng Ban Chỉ huy Quân sự thị trấn"
    )
    assert official_title("propaganda_head", GIA_LOC) == "Trưởng Ban Tuyên giáo Huyện ủy Gia Lộc"
    assert official_title("propaganda_head", GIA_LOC, named=False) == (
        "Trưởng Ban Tuyên giáo Huyện ủy"
    )
    assert official_title("police_deputy", GIA_LOC, Portfolio.CRIME, named=False) == (
        "Phó Trưởng Công an huyện phụ trách Cảnh sát phòng, chống tội phạm"
    )


def test_posts_the_catalogue_cannot_name_fully_are_printed_as_typed() -> None:
    assert official_title("specialist", GIA_LOC) is None
    assert official_title("school_principal", YET_KIEU) is None
    assert official_title(None, YET_KIEU) is None
    assert official_title("ubnd_chair", None) is None
    lines = [
        PostLine("CT UBND xã", "ubnd_chair", YET_KIEU),
        PostLine("Hiệu trưởng Trường THCS Yết Kiêu", "school_principal", YET_KIEU),
        PostLine("Trưởng thôn Đông", None, None),
        PostLine("Trưởng CA xã", "police_chief", YET_KIEU),
        PostLine("PCT UBND huyện", "ubnd_vice_chair", GIA_LOC),
    ]
    assert printed_titles(YET_KIEU, lines) == [
        "Chủ tịch UBND xã Yết Kiêu",  # the committee's unit, named the first time
        "Hiệu trưởng Trường THCS Yết Kiêu",
        "Trưởng thôn Đông",
        "Trưởng Công an xã",  # then by its kind word
        "Phó Chủ tịch UBND huyện Gia Lộc",  # another unit: always in full
    ]


def _cases() -> list[tuple[str, UnitRef, Portfolio, bool]]:
    cases = []
    for post in CATALOGUE:
        if post.key in official_titles().as_typed:
            continue
        for committee in (GIA_LOC, YET_KIEU):
            if not post.exists_at(committee.level):
                continue
            portfolios = [Portfolio.NONE]
            if post.key == "police_deputy":
                portfolios += [Portfolio.CRIME, Portfolio.MOVEMENT]
            for portfolio in portfolios:
                for named in (True, False):
                    cases.append((post.key, committee, portfolio, named))
    return cases


@pytest.mark.parametrize(("post", "committee", "portfolio", "named"), _cases())
def test_every_official_title_reads_back_as_its_post_of_its_unit(
    post: str, committee: UnitRef, portfolio: Portfolio, named: bool
) -> None:
    title = official_title(post, committee, portfolio, named=named)
    assert title is not None
    read = recognise_title(title, committee, INDEX)
    assert (read.post_kind, read.unit_code, read.portfolio) == (post, committee.code, portfolio), (
        title
    )


def test_a_post_of_the_district_on_a_communes_roster_reads_back_from_the_commune() -> None:
    for post in ("ubnd_vice_chair", "police_deputy", "court_head", "procuracy_head"):
        title = official_title(post, GIA_LOC)
        read = recognise_title(title or "", YET_KIEU, INDEX)
        assert (read.post_kind, read.unit_code) == (post, GIA_LOC.code), title


def test_the_forms_file_is_checked_when_it_loads() -> None:
    with pytest.raises(ValueError, match="not a post"):
        OfficialTitles.from_data({"forms": {"no_such_post": "X"}}, CATALOGUE, "t.toml")
    with pytest.raises(ValueError, match="unknown placeholders name"):
        OfficialTitles.from_data({"forms": {"ubnd_chair": "Chủ tịch {name}"}}, CATALOGUE, "t.toml")
    with pytest.raises(ValueError, match="not a portfolio"):
        OfficialTitles.from_data({"portfolios": {"traffic": "x"}}, CATALOGUE, "t.toml")


# --- issue 13: a post renamed on a day, in the units of an era --------------------------------

NEW_INDEX = UnitIndex(province_units("31", Era.Y2025))
THANH_DONG = NEW_INDEX.get("10507")  # phường Thành Đông, Hải Phòng, from 1 July 2025


def test_a_2025_health_station_head_is_giam_doc_from_2026_and_tram_truong_before() -> None:
    assert THANH_DONG is not None
    before, on = date(2025, 12, 31), date(2026, 1, 1)
    assert official_title("health_station_head", THANH_DONG, on=before) == (
        "Trạm trưởng Trạm Y tế phường Thành Đông"
    )
    assert official_title("health_station_head", THANH_DONG, on=on) == (
        "Giám đốc Trạm Y tế phường Thành Đông"
    )
    assert official_title("health_station_deputy", THANH_DONG, named=False, on=on) == (
        "Phó Giám đốc Trạm Y tế phường"
    )
    assert official_title("health_station_head", THANH_DONG) == (  # no date: before any renaming
        "Trạm trưởng Trạm Y tế phường Thành Đông"
    )
    # a legacy commune kept its Trạm trưởng, whatever the date
    assert official_title("health_station_head", YET_KIEU, on=date(2026, 5, 1)) == (
        "Trạm trưởng Trạm Y tế xã Yết Kiêu"
    )
    lines = [PostLine("GĐ TYT", "health_station_head", THANH_DONG)]
    assert printed_titles(THANH_DONG, lines, date(2026, 3, 2)) == [
        "Giám đốc Trạm Y tế phường Thành Đông"
    ]
    assert printed_titles(THANH_DONG, lines, date(2025, 9, 2)) == [
        "Trạm trưởng Trạm Y tế phường Thành Đông"
    ]


def test_every_renamed_form_reads_back_as_its_post_in_a_2025_commune() -> None:
    assert THANH_DONG is not None
    renamed = official_titles().renamed
    assert renamed
    for entry in renamed:
        for named in (True, False):
            title = official_title(entry.post, THANH_DONG, named=named, on=entry.since)
            assert title is not None and title.startswith(entry.form)
            read = recognise_title(title, THANH_DONG, NEW_INDEX)
            assert (read.post_kind, read.unit_code) == (entry.post, THANH_DONG.code), title


def test_a_renaming_is_checked_when_the_file_loads() -> None:
    entry = {"post": "health_station_head", "eras": ["2025"], "from": date(2026, 1, 1)}
    with pytest.raises(ValueError, match="not a post"):
        OfficialTitles.from_data(
            {"renamed": [{**entry, "post": "no_such_post", "form": "X"}]}, CATALOGUE, "t.toml"
        )
    with pytest.raises(ValueError, match="must be a date"):
        OfficialTitles.from_data(
            {"renamed": [{**entry, "from": "1/1/2026", "form": "X"}]}, CATALOGUE, "t.toml"
        )
    with pytest.raises(ValueError, match="not one of legacy, 2025"):
        OfficialTitles.from_data(
            {"renamed": [{**entry, "eras": ["2030"], "form": "X"}]}, CATALOGUE, "t.toml"
        )
    with pytest.raises(ValueError, match="unknown placeholders name"):
        OfficialTitles.from_data(
            {"renamed": [{**entry, "form": "Giám đốc {name}"}]}, CATALOGUE, "t.toml"
        )
