"""Administrative units in the database: loading the catalogue, finding and listing units."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Select, insert, select
from sqlmodel import Session

from committee.catalogue.admin_units import DEFAULT_PROVINCE, province_units
from committee.domain.errors import UnknownUnit, WrongLevel
from committee.domain.records import UnitRef
from committee.domain.text import clean, fold
from committee.domain.vocabulary import Level
from committee.store.models import AdminUnit

if TYPE_CHECKING:
    from committee.catalogue.unit_index import UnitIndex


def load_province(session: Session, province: str = DEFAULT_PROVINCE) -> int:
    """Add the province's units that are not there yet; returns how many were added.

    Loading the same province twice changes nothing.
    """
    units = province_units(province)
    known = set(session.scalars(select(AdminUnit.code)))
    new_rows = [
        {
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind,
            "level": unit.level.value,
            "parent_code": unit.parent_code,
            "search_key": fold(unit.name),
        }
        for unit in units
        if unit.code not in known
    ]
    if new_rows:
        session.execute(insert(AdminUnit), new_rows)
    return len(new_rows)


def has_units(session: Session) -> bool:
    return session.scalar(select(AdminUnit.code).limit(1)) is not None


def to_ref(unit: AdminUnit) -> UnitRef:
    return UnitRef(unit.code, unit.name, unit.kind, Level(unit.level), unit.parent_code)


def _candidate_codes(code: str) -> list[str]:
    """Codes are stored as the statistics office writes them ("01", "001", "00001");
    a clerk may type them without leading zeros."""
    wanted = clean(code)
    if not wanted.isdigit():
        return [wanted]
    return list(dict.fromkeys([wanted, wanted.zfill(2), wanted.zfill(3), wanted.zfill(5)]))


def find_unit(session: Session, code: str) -> AdminUnit | None:
    for candidate in _candidate_codes(code):
        unit = session.get(AdminUnit, candidate)
        if unit is not None:
            return unit
    return None


def get_unit(session: Session, code: str) -> AdminUnit:
    """The unit with this code (leading zeros optional), or UnknownUnit."""
    unit = find_unit(session, code)
    if unit is None:
        raise UnknownUnit(clean(code))
    return unit


def committee_unit(session: Session, code: str) -> AdminUnit:
    """A unit that has a Ban Chỉ đạo 138: one of district or commune level. A province is
    refused (WrongLevel), and so is an unknown code (UnknownUnit)."""
    unit = get_unit(session, code)
    if unit.level == Level.PROVINCE:
        raise WrongLevel(
            unit.code,
            f"{unit.name} là cấp tỉnh; Ban Chỉ đạo 138 chỉ có ở cấp huyện, cấp xã: hãy chọn "
            "đơn vị cấp huyện hoặc cấp xã.",
        )
    return unit


def district_unit(session: Session, code: str) -> AdminUnit:
    """A district-level unit (huyện, thị xã, thành phố thuộc tỉnh), the parent of communes;
    any other level is refused (WrongLevel)."""
    unit = get_unit(session, code)
    if unit.level != Level.DISTRICT:
        raise WrongLevel(
            unit.code, f"Mã «{clean(code)}» là {unit.name}, không phải đơn vị cấp huyện."
        )
    return unit


def list_units(session: Session, district: str | None = None) -> list[AdminUnit]:
    """Every unit (province, then each district followed by its communes), or the
    communes of one district-level unit."""
    if district is not None:
        parent = district_unit(session, district)
        children = session.scalars(
            select(AdminUnit).where(AdminUnit.parent_code == parent.code).order_by(AdminUnit.code)
        ).all()
        return list(children)
    units = session.scalars(select(AdminUnit).order_by(AdminUnit.code)).all()
    return _in_tree_order(list(units))


_Unit = TypeVar("_Unit", AdminUnit, UnitRef)


def _in_tree_order(units: list[_Unit]) -> list[_Unit]:
    """Units (given in code order) as the tree lists them: each followed by its children."""
    children: dict[str | None, list[_Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_code, []).append(unit)
    ordered: list[_Unit] = []

    def visit(parent: str | None) -> None:
        for unit in children.get(parent, []):
            ordered.append(unit)
            visit(unit.code)

    visit(None)
    return ordered


_LEVELS = {level.value: level for level in Level}


_UNIT_COLUMNS = select(
    AdminUnit.code, AdminUnit.name, AdminUnit.kind, AdminUnit.level, AdminUnit.parent_code
)


def _refs(session: Session, query: Select[Any]) -> list[UnitRef]:
    return [
        UnitRef(code, name, kind, _LEVELS[level], parent)
        for code, name, kind, level, parent in session.connection().execute(query).all()
    ]


def all_unit_refs(session: Session) -> list[UnitRef]:
    """Every unit, read as plain columns (no ORM objects)."""
    return _refs(session, _UNIT_COLUMNS)


def child_unit_refs(session: Session, parent_codes: Iterable[str]) -> list[UnitRef]:
    """The units directly under the given ones, in code order, as plain records."""
    query = _UNIT_COLUMNS.where(AdminUnit.parent_code.in_(list(parent_codes)))
    return _refs(session, query.order_by(AdminUnit.code))


def unit_refs_in_tree_order(session: Session) -> list[UnitRef]:
    """Every unit as `list_units` orders them (province, then each district followed by its
    communes), without building ORM objects: a whole country's units in one query."""
    return _in_tree_order(_refs(session, _UNIT_COLUMNS.order_by(AdminUnit.code)))


def folded_search(
    session: Session, statement: Select[Any], search_key: Any, query: str, limit: int
) -> list[Any]:
    """What `statement` selects (one entity) whose folded `search_key` column contains the
    query folded the same way: search ignores diacritics and case. An empty query (after
    folding) finds nothing."""
    key = fold(query)
    if not key:
        return []
    return list(
        session.scalars(statement.where(search_key.contains(key, autoescape=True)).limit(limit))
    )


def search_units(session: Session, query: str, limit: int = 20) -> list[AdminUnit]:
    """Units whose name contains the query, ignoring diacritics and case."""
    statement = select(AdminUnit).order_by(AdminUnit.level, AdminUnit.code)
    return folded_search(session, statement, AdminUnit.search_key, query, limit)


_INDEX_CACHE: dict[tuple[str, int], UnitIndex] = {}


def unit_index(session: Session) -> UnitIndex:
    """An in-memory index of every unit, kept while the unit table does not change."""
    from sqlalchemy import func

    from committee.catalogue.unit_index import UnitIndex

    count = session.scalar(select(func.count()).select_from(AdminUnit)) or 0
    key = (str(session.get_bind().url), count)
    index = _INDEX_CACHE.get(key)
    if index is None:
        index = UnitIndex(all_unit_refs(session))
        _INDEX_CACHE.clear()
        _INDEX_CACHE[key] = index
    return index
