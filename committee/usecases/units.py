"""Administrative units in the database: loading the catalogue, finding and listing units."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Select, insert, select
from sqlmodel import Session

from committee.catalogue.admin_units import (
    DEFAULT_PROVINCE,
    legacy_provinces_of,
    new_provinces_of,
    province_units,
    resolve_province,
    succession_links,
)
from committee.domain.errors import UnknownUnit, WrongLevel
from committee.domain.records import UnitRef
from committee.domain.text import clean, fold
from committee.domain.vocabulary import DEFAULT_ERA, Era, Level
from committee.store import register
from committee.store.models import AdminUnit, UnitSuccession

if TYPE_CHECKING:
    from committee.catalogue.unit_index import UnitIndex


def load_province(
    session: Session,
    province: str = DEFAULT_PROVINCE,
    era: Era = DEFAULT_ERA,
    *,
    predecessors: bool = True,
) -> int:
    """Add the province's units of that era that are not there yet; returns how many were
    added. A 2025 province brings the legacy provinces it was made of (its communes' past;
    not with `predecessors=False`), and the succession between the two eras is linked for
    every unit loaded on both sides.

    Loading the same province twice changes nothing.
    """
    chosen = resolve_province(province, era)
    added = _add_units(session, province_units(chosen.code, era))
    if era is Era.Y2025:
        for legacy in legacy_provinces_of(chosen.code) if predecessors else ():
            added += _add_units(session, province_units(legacy, Era.LEGACY))
        _link_succession(session, [chosen.code])
    else:
        loaded_new = set(
            session.scalars(
                select(AdminUnit.code).where(
                    AdminUnit.era == Era.Y2025.value, AdminUnit.level == Level.PROVINCE.value
                )
            )
        )
        _link_succession(
            session, [code for code in new_provinces_of(chosen.code) if code in loaded_new]
        )
    if added:
        register.cover_new_units(session.connection())
    return added


def _add_units(session: Session, units: list[UnitRef]) -> int:
    era = units[0].era.value
    known = set(session.scalars(select(AdminUnit.code).where(AdminUnit.era == era)))
    new_rows = [
        {
            "era": era,
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


def _link_succession(session: Session, new_provinces: list[str]) -> None:
    """The succession links into these 2025 provinces whose legacy unit is loaded and that
    are not stored yet (a confirmed link keeps its confirmation)."""
    legacy = Era.LEGACY.value
    loaded = set(session.scalars(select(AdminUnit.code).where(AdminUnit.era == legacy)))
    stored = {
        (legacy_code, new_code)
        for legacy_code, new_code in session.execute(
            select(UnitSuccession.legacy_code, UnitSuccession.new_code)
        )
    }
    rows = [
        {
            "legacy_era": legacy,
            "legacy_code": link.legacy_code,
            "new_era": Era.Y2025.value,
            "new_code": link.new_code,
            "whole": link.whole,
            "package_default": link.package_default,
        }
        for province in new_provinces
        for link in succession_links(province)
        if link.legacy_code in loaded and (link.legacy_code, link.new_code) not in stored
    ]
    if rows:
        session.execute(insert(UnitSuccession), rows)


def has_units(session: Session) -> bool:
    return session.scalar(select(AdminUnit.code).limit(1)) is not None


def to_ref(unit: AdminUnit) -> UnitRef:
    return UnitRef(
        unit.code, unit.name, unit.kind, Level(unit.level), unit.parent_code, Era(unit.era)
    )


def _candidate_codes(code: str) -> list[str]:
    """Codes are stored as the statistics office writes them ("01", "001", "00001");
    a clerk may type them without leading zeros."""
    wanted = clean(code)
    if not wanted.isdigit():
        return [wanted]
    return list(dict.fromkeys([wanted, wanted.zfill(2), wanted.zfill(3), wanted.zfill(5)]))


def find_unit(session: Session, code: str, era: Era = DEFAULT_ERA) -> AdminUnit | None:
    for candidate in _candidate_codes(code):
        unit = session.get(AdminUnit, (Era(era).value, candidate))
        if unit is not None:
            return unit
    return None


def get_unit(session: Session, code: str, era: Era = DEFAULT_ERA) -> AdminUnit:
    """The unit of the era with this code (leading zeros optional), or UnknownUnit."""
    unit = find_unit(session, code, era)
    if unit is None:
        raise UnknownUnit(clean(code))
    return unit


def unit_of(session: Session, decision: Any) -> AdminUnit:
    """The unit a decision (or anything with `unit_era` and `unit_code`) belongs to."""
    return get_unit(session, decision.unit_code, Era(decision.unit_era))


def committee_unit(session: Session, code: str, era: Era = DEFAULT_ERA) -> AdminUnit:
    """A unit that has a Ban Chỉ đạo 138: one of district or commune level. A province is
    refused (WrongLevel), and so is an unknown code (UnknownUnit)."""
    unit = get_unit(session, code, era)
    if unit.level == Level.PROVINCE:
        raise WrongLevel(
            unit.code,
            f"{unit.name} là cấp tỉnh; Ban Chỉ đạo 138 chỉ có ở cấp huyện, cấp xã: hãy chọn "
            "đơn vị cấp huyện hoặc cấp xã.",
        )
    return unit


def district_unit(session: Session, code: str, era: Era = DEFAULT_ERA) -> AdminUnit:
    """A district-level unit (huyện, thị xã, thành phố thuộc tỉnh), the parent of communes;
    in the 2025 era, which has no districts, a province is the parent of communes. Any
    other level is refused (WrongLevel)."""
    unit = get_unit(session, code, era)
    if unit.level != parent_level(Era(era)):
        raise WrongLevel(
            unit.code, f"Mã «{clean(code)}» là {unit.name}, không phải đơn vị cấp huyện."
        )
    return unit


def parent_level(era: Era) -> Level:
    """The level whose units hold the communes: the district, or from 2025 the province."""
    return Level.PROVINCE if era is Era.Y2025 else Level.DISTRICT


def list_units(
    session: Session,
    district: str | None = None,
    era: Era = DEFAULT_ERA,
    province: str | None = None,
) -> list[AdminUnit]:
    """Every unit of the era (province, then each district followed by its communes), the
    units of one province, or the communes of one district-level unit."""
    era_value = Era(era).value
    if district is not None:
        parent = district_unit(session, district, era)
        children = session.scalars(
            select(AdminUnit)
            .where(AdminUnit.era == era_value, AdminUnit.parent_code == parent.code)
            .order_by(AdminUnit.code)
        ).all()
        return list(children)
    units = session.scalars(
        select(AdminUnit).where(AdminUnit.era == era_value).order_by(AdminUnit.code)
    ).all()
    ordered = _in_tree_order(list(units))
    if province is None:
        return ordered
    root = get_unit(session, province, era)
    if root.level != Level.PROVINCE:
        raise WrongLevel(root.code, f"Mã «{clean(province)}» là {root.name}, không phải cấp tỉnh.")
    return _in_tree_order(list(units), root.code)


_Unit = TypeVar("_Unit", AdminUnit, UnitRef)


def _in_tree_order(units: list[_Unit], root: str | None = None) -> list[_Unit]:
    """Units (given in code order) as the tree lists them: each followed by its children,
    one era after the other (a code names a parent within its own era); with `root`, that
    province and what it holds."""
    children: dict[tuple[str, str | None], list[_Unit]] = {}
    eras: list[str] = []
    for unit in units:
        era = str(unit.era)
        if era not in eras:
            eras.append(era)
        children.setdefault((era, unit.parent_code), []).append(unit)
    ordered: list[_Unit] = []

    def visit(era: str, parent: str | None) -> None:
        for unit in children.get((era, parent), []):
            if parent is not None or root is None or unit.code == root:
                ordered.append(unit)
                visit(era, unit.code)

    for era in sorted(eras, key=lambda value: list(Era).index(Era(value))):
        visit(era, None)
    return ordered


_LEVELS = {level.value: level for level in Level}


_ERAS = {era.value: era for era in Era}


_UNIT_COLUMNS = select(
    AdminUnit.code,
    AdminUnit.name,
    AdminUnit.kind,
    AdminUnit.level,
    AdminUnit.parent_code,
    AdminUnit.era,
)


def _refs(session: Session, query: Select[Any]) -> list[UnitRef]:
    return [
        UnitRef(code, name, kind, _LEVELS[level], parent, _ERAS[era])
        for code, name, kind, level, parent, era in session.connection().execute(query).all()
    ]


def _in_era(query: Select[Any], era: Era | None) -> Select[Any]:
    return query if era is None else query.where(AdminUnit.era == Era(era).value)


def all_unit_refs(session: Session, era: Era | None = None) -> list[UnitRef]:
    """Every unit (of one era, or of all), read as plain columns (no ORM objects)."""
    return _refs(session, _in_era(_UNIT_COLUMNS, era))


def child_unit_refs(
    session: Session, parent_codes: Iterable[str], era: Era = DEFAULT_ERA
) -> list[UnitRef]:
    """The units of the era directly under the given ones, in code order, as plain records."""
    query = _in_era(_UNIT_COLUMNS, era).where(AdminUnit.parent_code.in_(list(parent_codes)))
    return _refs(session, query.order_by(AdminUnit.code))


def province_refs(session: Session) -> list[UnitRef]:
    """The provinces of every era, read as plain columns (not the units under them)."""
    query = _UNIT_COLUMNS.where(AdminUnit.level == Level.PROVINCE.value)
    return _refs(session, query.order_by(AdminUnit.era, AdminUnit.code))


def unit_refs(session: Session, codes: Iterable[str], era: Era = DEFAULT_ERA) -> list[UnitRef]:
    """The units of the era with these codes (those that exist), in code order."""
    query = _in_era(_UNIT_COLUMNS, era).where(AdminUnit.code.in_(list(codes)))
    return _refs(session, query.order_by(AdminUnit.code))


def unit_refs_in_tree_order(session: Session, era: Era | None = None) -> list[UnitRef]:
    """Every unit as `list_units` orders them (province, then each district followed by its
    communes; the legacy era, then 2025), without building ORM objects: a whole country's
    units in one query."""
    query = _in_era(_UNIT_COLUMNS, era).order_by(AdminUnit.code)
    return _in_tree_order(_refs(session, query))


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


def search_units(
    session: Session, query: str, limit: int = 20, era: Era | None = None
) -> list[AdminUnit]:
    """Units (of the era, or of every era) whose name contains the query, ignoring
    diacritics and case."""
    statement = _in_era(select(AdminUnit), era).order_by(
        AdminUnit.era, AdminUnit.level, AdminUnit.code
    )
    return folded_search(session, statement, AdminUnit.search_key, query, limit)


_INDEX_CACHE: dict[tuple[str, str, int], UnitIndex] = {}


def title_unit_index(session: Session, committee: UnitRef, titles: Iterable[str]) -> UnitIndex:
    """The units that recognising `titles` from `committee`'s side may need, as an index:
    the units of the committee's era whose name a title writes (committee.catalogue.titles'
    unit_names_in), the committee, and the ancestors of them all. Title recognition makes
    of it what it makes of the whole era's index (`unit_index`), for a few queries where
    the whole index costs every unit of the country."""
    from sqlalchemy import or_

    from committee.catalogue.titles import unit_names_in
    from committee.catalogue.unit_index import UnitIndex, name_key

    era = Era(committee.era)
    keys = unit_names_in(titles)
    found: dict[str, UnitRef] = {committee.code: committee}
    # Every word of a unit's name key is a part of its folded name (search_key): the
    # first word of each key finds the namesakes among all, and their keys tell.
    words = sorted({key.split(" ", 1)[0] for key in keys})
    if words:
        query = _in_era(_UNIT_COLUMNS, era).where(
            or_(*(AdminUnit.search_key.contains(word, autoescape=True) for word in words))
        )
        for unit in _refs(session, query):
            if name_key(unit.name) in keys or name_key(unit.short_name) in keys:
                found[unit.code] = unit
    while missing := {
        unit.parent_code
        for unit in found.values()
        if unit.parent_code is not None and unit.parent_code not in found
    }:
        parents = _refs(session, _in_era(_UNIT_COLUMNS, era).where(AdminUnit.code.in_(missing)))
        if not parents:
            break
        found.update((unit.code, unit) for unit in parents)
    return UnitIndex(found.values())


def unit_index(session: Session, era: Era = DEFAULT_ERA) -> UnitIndex:
    """An in-memory index of every unit of the era (codes are unique within one), kept
    while the unit table does not change."""
    from sqlalchemy import func

    from committee.catalogue.unit_index import UnitIndex

    era = Era(era)
    count = (
        session.scalar(
            select(func.count()).select_from(AdminUnit).where(AdminUnit.era == era.value)
        )
        or 0
    )
    key = (str(session.get_bind().url), era.value, count)
    index = _INDEX_CACHE.get(key)
    if index is None:
        index = UnitIndex(all_unit_refs(session, era))
        for stale in [known for known in _INDEX_CACHE if known[1] == era.value]:
            del _INDEX_CACHE[stale]
        _INDEX_CACHE[key] = index
    return index
