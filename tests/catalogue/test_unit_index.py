"""UnitIndex: the unit tree and look-up by name, on the Hải Dương catalogue."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

import pytest

from committee.catalogue.admin_units import province_units
from committee.catalogue.unit_index import UnitIndex, name_key
from committee.domain.records import UnitRef
from committee.domain.text import fold
from committee.domain.vocabulary import Level


@pytest.fixture(scope="module")
def units() -> list[UnitRef]:
    return province_units("30")


@pytest.fixture(scope="module")
def index(units: list[UnitRef]) -> UnitIndex:
    return UnitIndex(units)


def test_get_and_size(index: UnitIndex, units: list[UnitRef]) -> None:
    assert len(index) == len(units) == 220
    assert index.get("297") == UnitRef("297", "Huyện Gia Lộc", "huyện", Level.DISTRICT, "30")
    assert index.get("99999") is None
    assert index.get(None) is None
    assert "10813" in index
    assert list(index) == units


def test_a_code_given_twice_is_refused(units: list[UnitRef]) -> None:
    gia_loc = next(unit for unit in units if unit.code == "297")
    with pytest.raises(ValueError, match="297"):
        UnitIndex([*units, gia_loc])


def test_parent_and_children(index: UnitIndex) -> None:
    town = index.get("10813")
    assert town is not None and town.name == "Thị trấn Thanh Hà"
    assert index.parent(town) == index.get("294")
    assert index.parent(index.get("30")) is None
    districts = index.children("30")
    assert len(districts) == 12
    assert all(unit.level == Level.DISTRICT for unit in districts)
    communes = index.children("294")
    assert town in communes
    assert all(unit.parent_code == "294" and unit.level == Level.COMMUNE for unit in communes)
    assert index.children("10813") == []
    # Every commune is the child of exactly one district: 207 communes in all.
    assert sum(len(index.children(district.code)) for district in districts) == 207


def test_children_is_a_copy(index: UnitIndex) -> None:
    index.children("294").clear()
    assert index.children("294")


def test_ancestor_at(index: UnitIndex) -> None:
    town = index.get("10813")
    district = index.get("294")
    assert index.ancestor_at(town, Level.COMMUNE) == town
    assert index.ancestor_at(town, Level.DISTRICT) == district
    assert index.ancestor_at(town, Level.PROVINCE) == index.get("30")
    assert index.ancestor_at(district, Level.DISTRICT) == district
    assert index.ancestor_at(district, Level.COMMUNE) is None


def test_name_key_folds_diacritics_case_and_punctuation() -> None:
    assert name_key("Xã  TÂN-Việt") == "xa tan viet"
    assert name_key(unicodedata.normalize("NFD", "Đồng Lạc")) == "dong lac"


@pytest.mark.parametrize(
    ("name", "kind", "code"),
    [
        ("Gia Lộc", "huyện", "297"),
        ("gia loc", "thị trấn", "10999"),
        ("Huyện Gia Lộc", None, "297"),
        ("GIA   LỘC", "Huyện", "297"),
        (unicodedata.normalize("NFD", "Gia Lộc"), "huyện", "297"),
        ("Hải Dương", "thành phố", "288"),
        ("Hải Dương", "tỉnh", "30"),
        ("Cẩm Giàng", "huyện", "295"),
        ("Kinh Môn", "thị xã", "292"),
    ],
)
def test_find_by_name_and_kind(index: UnitIndex, name: str, kind: str | None, code: str) -> None:
    found = index.find(name, kind)
    assert found is not None
    assert found.code == code


def test_find_unknown_name(index: UnitIndex) -> None:
    assert index.find("Không Có Xã Này") is None
    # Tứ Minh is a phường: no district-level unit has the name.
    assert index.find("Tứ Minh", "huyện") is None
    assert index.find("Tứ Minh", "phường").code == "10540"
    assert index.find("") is None


def test_find_kind_of_the_same_level_stands_in(index: UnitIndex) -> None:
    # There is no "xã Thanh Hà": a clerk writing it means thị trấn Thanh Hà.
    found = index.find("Thanh Hà", "xã")
    assert found is not None and found.code == "10813"


def test_shared_commune_name_needs_a_nearby_unit(index: UnitIndex) -> None:
    assert {unit.code for unit in index.named("Tân Việt")} == {"10825", "10966"}
    assert index.find("Tân Việt", "xã") is None  # nothing to tell them apart
    assert index.find("Tân Việt", "xã", near=index.get("294")).code == "10825"
    assert index.find("Tân Việt", "xã", near=index.get("296")).code == "10966"
    # The committee of another commune of huyện Thanh Hà means its own district's Tân Việt.
    assert index.find("Tân Việt", "xã", near=index.get("10813")).code == "10825"
    assert index.find("Tân Việt", near=index.get("10966")).code == "10966"
    # From huyện Gia Lộc both are as far: still ambiguous.
    assert index.find("Tân Việt", "xã", near=index.get("297")) is None
    assert index.find("Tân Việt", "xã", near=index.get("30")) is None


def test_same_name_at_two_levels(index: UnitIndex) -> None:
    town = index.get("10813")
    assert index.find("Thanh Hà") is None
    assert index.find("Thanh Hà", near=town) == town
    assert index.find("Thanh Hà", near=index.get("294")).code == "294"
    assert index.find("Thanh Hà", "huyện", near=town).code == "294"


def test_every_unit_is_found_from_itself_and_its_district(index: UnitIndex) -> None:
    by_name: dict[tuple[str, str], list[UnitRef]] = defaultdict(list)
    for unit in index:
        by_name[(fold(unit.short_name), unit.kind)].append(unit)
    shared = {key: same for key, same in by_name.items() if len(same) > 1}
    assert len(shared) >= 5  # Hải Dương reuses commune names across districts
    for unit in index:
        assert index.find(unit.short_name, unit.kind, near=unit) == unit
        if unit.level == Level.COMMUNE:
            district = index.parent(unit)
            assert index.find(unit.short_name, unit.kind, near=district) == unit


def test_closest(index: UnitIndex) -> None:
    both = index.named("Tân Việt")
    assert index.closest([], index.get("294")) is None
    assert index.closest(both[:1], None) == both[0]
    assert index.closest(both, None) is None


def test_search_finds_by_folded_substring(index: UnitIndex) -> None:
    found = index.search("gia loc")
    assert [unit.code for unit in found] == ["297", "10999"]  # the district first
    assert index.search("Gia Lộc") == found
    assert index.search("GIA LOC") == found
    assert index.search("huyen gia loc") == [index.get("297")]
    assert index.search("tan viet") == [index.get("10825"), index.get("10966")]


def test_search_orders_exact_then_prefix(index: UnitIndex) -> None:
    found = index.search("thanh ha")
    assert {"294", "10813"} <= {unit.code for unit in found}
    # Exact names come before names that merely contain the query.
    assert {unit.code for unit in found[:2]} == {"294", "10813"}
    assert all("thanh ha" in name_key(unit.name) for unit in found)


def test_search_limit_and_empty_query(index: UnitIndex) -> None:
    assert len(index.search("xa", limit=5)) == 5
    assert index.search("xa", limit=0) == []
    assert index.search("") == []
    assert index.search("   ") == []
    assert index.search("khong co dau") == []


def test_search_by_code(index: UnitIndex) -> None:
    assert index.search("297")[0].code == "297"
    assert all(unit.code.startswith("108") for unit in index.search("108"))
