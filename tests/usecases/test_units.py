"""The unit catalogue in the database."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from committee.store.models import AdminUnit
from committee.usecases.units import get_unit, list_units, load_province, search_units


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
