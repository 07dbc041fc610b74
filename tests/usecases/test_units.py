"""The unit catalogue in the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from committee.domain.errors import NotFound, UnknownUnit, WrongLevel
from committee.store.models import AdminUnit
from committee.usecases.checking import select_units
from committee.usecases.documents import record_regulation
from committee.usecases.importing import ImportOptions, prepare_import
from committee.usecases.units import (
    committee_unit,
    district_unit,
    get_unit,
    list_units,
    load_province,
    search_units,
)


def _count(session: Session, **where: str) -> int:
    query = select(func.count()).select_from(AdminUnit)
    for column, value in where.items():
        query = query.where(getattr(AdminUnit, column) == value)
    return session.scalar(query) or 0


def test_a_new_database_holds_hai_duong(session: Session) -> None:
    assert get_unit(session, "30").name == "Tỉnh Hải Dương"
    assert _count(session, level="district") == 12
    assert _count(session, level="commune") == 207
    assert _count(session, parent_code="297") == 14
    assert get_unit(session, "297").name == "Huyện Gia Lộc"
    yet_kieu = get_unit(session, "11020")
    assert (yet_kieu.name, yet_kieu.kind, yet_kieu.level, yet_kieu.parent_code) == (
        "Xã Yết Kiêu",
        "xã",
        "commune",
        "297",
    )


def test_loading_a_province_twice_changes_nothing(session: Session) -> None:
    before = _count(session)
    assert load_province(session, "30") == 0
    assert _count(session) == before


def test_another_province_is_loaded_by_name_or_code(session: Session) -> None:
    added = load_province(session, "Hà Nội")
    assert added > 500
    assert get_unit(session, "1").name == "Thành phố Hà Nội"
    assert load_province(session, "01") == 0


def test_district_listing_gives_its_communes(session: Session) -> None:
    communes = list_units(session, "297")
    assert len(communes) == 14
    assert {unit.parent_code for unit in communes} == {"297"}
    assert "Xã Yết Kiêu" in {unit.name for unit in communes}


def test_full_listing_is_in_tree_order(session: Session) -> None:
    units = list_units(session)
    assert units[0].code == "30"
    position = {unit.code: i for i, unit in enumerate(units)}
    assert all(position[u.parent_code] < position[u.code] for u in units if u.parent_code)


def test_unit_search_ignores_diacritics_and_case(session: Session) -> None:
    assert [unit.code for unit in search_units(session, "yet kieu")] == ["11020"]
    assert "297" in {unit.code for unit in search_units(session, "GIA LOC")}


# --- refusals, one function each, by type --------------------------------------------


def test_an_unknown_code_is_an_unknown_unit(session: Session) -> None:
    with pytest.raises(UnknownUnit) as caught:
        get_unit(session, " 99999 ")
    assert isinstance(caught.value, NotFound)
    assert caught.value.code == "99999"
    assert "mã «99999»" in caught.value.message and "bcd138 units" in caught.value.message


def test_a_province_has_no_committee(session: Session) -> None:
    assert committee_unit(session, "297").code == "297"
    assert committee_unit(session, "11020").code == "11020"
    with pytest.raises(WrongLevel) as caught:
        committee_unit(session, "30")
    assert caught.value.unit_code == "30"
    assert caught.value.message == (
        "Tỉnh Hải Dương là cấp tỉnh; Ban Chỉ đạo 138 chỉ có ở cấp huyện, cấp xã: hãy chọn "
        "đơn vị cấp huyện hoặc cấp xã."
    )


@pytest.mark.parametrize("code", ["30", "11020"])
def test_only_a_district_has_communes(session: Session, code: str) -> None:
    with pytest.raises(WrongLevel, match="không phải đơn vị cấp huyện") as caught:
        district_unit(session, code)
    assert caught.value.unit_code == code
    assert district_unit(session, "297").name == "Huyện Gia Lộc"


@pytest.mark.parametrize(
    "action",
    [
        lambda s: list_units(s, "11020"),
        lambda s: select_units(s, district="11020"),
    ],
)
def test_every_listing_of_communes_refuses_alike(session: Session, action) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(WrongLevel) as caught:
        action(session)
    assert caught.value.message == "Mã «11020» là Xã Yết Kiêu, không phải đơn vị cấp huyện."


@pytest.mark.parametrize(
    "action",
    [
        lambda s: select_units(s, ["30"]),
        lambda s: record_regulation(s, "30", "01/QĐ-BCĐ", date(2023, 6, 20)),
        lambda s: prepare_import(s, Path("absent.xlsx"), ImportOptions(unit_code="30")),
    ],
)
def test_every_action_on_a_province_committee_refuses_alike(session: Session, action) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(WrongLevel) as caught:
        action(session)
    assert caught.value.message.startswith("Tỉnh Hải Dương là cấp tỉnh; Ban Chỉ đạo 138")
