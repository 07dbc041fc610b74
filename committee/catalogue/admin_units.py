"""The official unit catalogue shipped by vietnamadminunits (legacy 63-province table)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from committee.domain.errors import UnknownProvince
from committee.domain.records import UnitRef
from committee.domain.text import clean, fold
from committee.domain.vocabulary import Level

DEFAULT_PROVINCE = "30"  # Hải Dương


def _dataset_path() -> Path:
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"


def _query(sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    # Opened read-only: the package's file is never written.
    connection = sqlite3.connect(f"file:{_dataset_path()}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def provinces() -> list[UnitRef]:
    rows = _query(
        "SELECT DISTINCT province, provinceCode FROM admin_units_legacy ORDER BY provinceCode"
    )
    return [_province(row) for row in rows]


def _province(row: sqlite3.Row) -> UnitRef:
    name = clean(row["province"])
    kind = "thành phố" if name.lower().startswith("thành phố") else "tỉnh"
    return UnitRef(row["provinceCode"], name, kind, Level.PROVINCE, None)


def resolve_province(code_or_name: str) -> UnitRef:
    """A province by code ("30", "01", "1") or name ("Hải Dương", "hai duong")."""
    wanted = clean(code_or_name)
    folded = fold(wanted)
    for province in provinces():
        if wanted.isdigit() and int(wanted) == int(province.code):
            return province
        if folded in (fold(province.name), fold(province.short_name)):
            return province
    raise UnknownProvince(
        f"Không tìm thấy tỉnh, thành phố «{wanted}» trong danh mục đơn vị hành chính."
    )


def province_units(code_or_name: str = DEFAULT_PROVINCE) -> list[UnitRef]:
    """The province, its district-level units and their communes, parents before children."""
    province = resolve_province(code_or_name)
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
                )
            )
        if row["wardCode"]:
            ward = clean(row["ward"])
            kind = clean(row["wardType"]).lower() or _kind_from_name(ward)
            units.append(UnitRef(row["wardCode"], ward, kind, Level.COMMUNE, row["districtCode"]))
    return units


def _kind_from_name(name: str) -> str:
    for kind in ("thị trấn", "phường", "xã"):
        if name.lower().startswith(kind):
            return kind
    return "xã"
