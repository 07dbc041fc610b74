"""The official unit catalogue shipped by vietnamadminunits, in both eras, read offline.

- era `legacy`: the table `admin_units_legacy` (63 provinces; province, district, commune);
- era `2025`: the table `admin_units` (34 provinces, 3,321 communes: xã, phường, đặc khu);
- the succession from one to the other: `data/converter_2025.json`, keyed by folded names
  (the tables' `*Key` columns).

Only the package's data files are read; its converter and parser functions, which may
geocode online, are never called.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from committee.domain.errors import UnknownProvince
from committee.domain.records import UnitRef
from committee.domain.text import clean, fold
from committee.domain.vocabulary import DEFAULT_ERA, Era, Level

DEFAULT_PROVINCE = "30"  # Hải Dương


def _data_path(name: str) -> Path:
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).parent / "data" / name


def _query(sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    # Opened read-only: the package's file is never written.
    connection = sqlite3.connect(f"file:{_data_path('dataset.db')}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


_TABLES = {Era.LEGACY: "admin_units_legacy", Era.Y2025: "admin_units"}


def provinces(era: Era = DEFAULT_ERA) -> list[UnitRef]:
    rows = _query(
        f"SELECT DISTINCT province, provinceCode FROM {_TABLES[era]} ORDER BY provinceCode"
    )
    return [_province(row, era) for row in rows]


def _province(row: sqlite3.Row, era: Era) -> UnitRef:
    name = clean(row["province"])
    kind = "thành phố" if name.lower().startswith("thành phố") else "tỉnh"
    return UnitRef(row["provinceCode"], name, kind, Level.PROVINCE, None, era)


def resolve_province(code_or_name: str, era: Era = DEFAULT_ERA) -> UnitRef:
    """A province of the era by code ("30", "01", "1") or name ("Hải Dương", "hai duong")."""
    wanted = clean(code_or_name)
    folded = fold(wanted)
    for province in provinces(era):
        if wanted.isdigit() and int(wanted) == int(province.code):
            return province
        if folded in (fold(province.name), fold(province.short_name)):
            return province
    raise UnknownProvince(
        f"Không tìm thấy tỉnh, thành phố «{wanted}» trong danh mục đơn vị hành chính ({era.label})."
    )


def province_units(code_or_name: str = DEFAULT_PROVINCE, era: Era = DEFAULT_ERA) -> list[UnitRef]:
    """The province and its units, parents before children: in the legacy era its
    district-level units and their communes, in 2025 its communes."""
    province = resolve_province(code_or_name, era)
    if era is Era.Y2025:
        rows = _query(
            "SELECT ward, wardType, wardCode FROM admin_units WHERE provinceCode = ? "
            "ORDER BY wardCode",
            (province.code,),
        )
        return [province] + [
            UnitRef(
                row["wardCode"],
                clean(row["ward"]),
                clean(row["wardType"]).lower(),
                Level.COMMUNE,
                province.code,
                era,
            )
            for row in rows
        ]
    rows = _query(
        "SELECT district, districtType, districtCode, ward, wardType, wardCode "
        "FROM admin_units_legacy WHERE provinceCode = ? ORDER BY districtCode, wardCode",
        (province.code,),
    )
    units = [province]
    seen_districts: set[str] = set()
    for row in rows:
        if row["districtCode"] not in seen_districts:
            seen_districts.add(row["districtCode"])
            units.append(
                UnitRef(
                    row["districtCode"],
                    clean(row["district"]),
                    clean(row["districtType"]).lower(),
                    Level.DISTRICT,
                    province.code,
                    era,
                )
            )
        if row["wardCode"]:
            ward = clean(row["ward"])
            kind = clean(row["wardType"]).lower() or _kind_from_name(ward)
            units.append(
                UnitRef(row["wardCode"], ward, kind, Level.COMMUNE, row["districtCode"], era)
            )
    return units


def _kind_from_name(name: str) -> str:
    for kind in ("thị trấn", "phường", "xã"):
        if name.lower().startswith(kind):
            return kind
    return "xã"


# --- the succession ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SuccessionLink:
    """A legacy unit (a commune, or a district without communes such as huyện Bạch Long
    Vĩ) and a 2025 commune it went into; `whole` when all of it went there, otherwise one
    of the candidates of a split unit, `package_default` the package's own guess."""

    legacy_province: str
    legacy_code: str
    new_province: str
    new_code: str
    whole: bool
    package_default: bool


@cache
def _converter() -> dict:
    with _data_path("converter_2025.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def _legacy_codes() -> dict[str, tuple[str, str]]:
    """ "province_district_ward" keys → (province code, unit code)."""
    rows = _query(
        "SELECT provinceKey, districtKey, wardKey, provinceCode, districtCode, wardCode "
        "FROM admin_units_legacy"
    )
    return {
        f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}": (
            row["provinceCode"],
            row["wardCode"] or row["districtCode"],
        )
        for row in rows
    }


@cache
def _new_codes() -> dict[tuple[str, str], str]:
    """(province key, ward key) → the 2025 unit's code; the province key → its code."""
    rows = _query("SELECT provinceKey, wardKey, provinceCode, wardCode FROM admin_units")
    codes = {(row["provinceKey"], row["wardKey"]): row["wardCode"] for row in rows}
    codes.update({(row["provinceKey"], ""): row["provinceCode"] for row in rows})
    return codes


def succession_links(new_province: str) -> list[SuccessionLink]:
    """Every link into the communes of one 2025 province (by code)."""
    converter = _converter()
    legacy, new = _legacy_codes(), _new_codes()
    key = next(k for (k, ward), code in new.items() if ward == "" and code == new_province)
    links = []
    for ward_key, old_keys in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(key, {}).items():
        for old_key in old_keys:
            old_province, old_code = legacy[old_key]
            links.append(
                SuccessionLink(
                    old_province, old_code, new_province, new[(key, ward_key)], True, True
                )
            )
    for old_key, candidates in converter["DICT_PROVINCE_WARD_DIVIDED"].get(key, {}).items():
        old_province, old_code = legacy[old_key]
        for candidate in candidates:
            links.append(
                SuccessionLink(
                    old_province,
                    old_code,
                    new_province,
                    new[(key, candidate["newWardKey"])],
                    False,
                    bool(candidate["isDefaultNewWard"]),
                )
            )
    return links


def legacy_provinces_of(new_province: str) -> list[str]:
    """The codes of the legacy provinces a 2025 province was made of."""
    return sorted({link.legacy_province for link in succession_links(new_province)})


def new_provinces_of(legacy_province: str) -> list[str]:
    """The codes of the 2025 provinces a legacy province went into (one, or a few)."""
    legacy_key = next(
        row["provinceKey"]
        for row in _query(
            "SELECT provinceKey FROM admin_units_legacy WHERE provinceCode = ? LIMIT 1",
            (legacy_province,),
        )
    )
    new = _new_codes()
    return sorted(
        new[(key, "")]
        for key, old_keys in _converter()["DICT_PROVINCE"].items()
        if legacy_key in old_keys
    )
