"""The benchmark database at two scales, built from the real unit catalogue.

    province       Hải Dương: 12 district-level units and 207 communes (219 committees)
    nation         all 63 provinces of the legacy catalogue (696 + 10,035 = 10,731 committees)
    province-2025  Hải Phòng from 1 July 2025: 114 communes (xã, phường, đặc khu)
    nation-2025    all 34 provinces from 1 July 2025: 3,321 communes (3,321 committees)

A "-2025" scale is the era option: `generate(scale)` with it (or `generate("nation",
era=Era.Y2025)`) builds units of the era 2025, two levels, their rosters written with the
posts a commune has from 1 July 2025; `python -m benchmarks --scale nation-2025` runs the
suite on it.

Every district and commune gets a committee the way they are kept in practice: most have
an issued decision in force (district rosters of 20–30 members, commune rosters of 12–18),
about three in ten were restructured (kiện toàn) so an older decision is superseded, a few
have a draft in progress, and some units have no decision at all or only a draft. About a
third of the committees break one or more rules: a roster fault (benchmarks/rosters.py),
no Quy chế recorded, or a decision signed after the deadline. Titles are recognised as
`bcd138 import` recognises them, so post kinds, units and portfolios are stored as the
import would store them. Within a district an exact name is one person (as the import
decides).

Everything is deterministic: each province draws from its own generator seeded with the
seed and the province code, so Hải Dương's committees are the same at both scales.

`generate` builds the rows in memory (not timed); `write_rows` writes them through
SQLAlchemy Core executemany (the `seed` measurement) and `write_rows_raw` writes the same
rows with sqlite3 executemany (its baseline). `empty_database` is the migrated, empty file
both start from.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, Table, insert

from benchmarks.rosters import FAULTS, RosterLine, break_rules, person_name, roster_for
from committee.catalogue.admin_units import DEFAULT_PROVINCE, province_units, provinces
from committee.catalogue.titles import recognise_title
from committee.catalogue.unit_index import UnitIndex
from committee.domain.records import UnitRef
from committee.domain.text import fold
from committee.domain.vocabulary import DEFAULT_ERA, Era, Level
from committee.store.database import Database, open_database
from committee.store.models import AdminUnit, CommitteeDocument, Decision, Membership, Person

SCALES = ("province", "nation", "province-2025", "nation-2025")
_ERA_SUFFIX = "-2025"
# The province of each era the province workbook and the UI's switch are measured on.
_HOME_PROVINCE = {Era.LEGACY: DEFAULT_PROVINCE, Era.Y2025: "31"}  # Hải Dương; Hải Phòng
SEED = 138
SWITCH_SIZE = 25  # the two committees the terminal UI switches between have this many members

# Shares of units, drawn for each unit in turn.
NO_DECISION = 0.02  # nothing recorded
DRAFT_ONLY = 0.01  # only a draft in progress
RESTRUCTURED = 0.30  # an older issued decision, superseded by the one in force
DRAFT_ON_TOP = 0.01  # a draft of the next restructuring
LATE = 0.08  # signed after the deadline (30/06/2023): BCD403
NO_REGULATION = 0.07  # no Quy chế hoạt động recorded: BCD402
ROSTER_FAULTS = 0.22  # the roster breaks one or more rules
TWO_FAULTS = 0.25  # of those, two faults rather than one


@dataclass(frozen=True)
class TableRows:
    table: Table
    columns: tuple[str, ...]
    rows: list[tuple[object, ...]]  # values as SQLAlchemy takes them (dates as date)

    def as_dicts(self) -> list[dict[str, object]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def as_stored(self) -> list[tuple[object, ...]]:
        """The same rows as SQLite stores them (dates and datetimes as SQLAlchemy writes
        them), for the raw sqlite3 baseline."""
        return [tuple(_stored(value) for value in row) for row in self.rows]


def _stored(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass
class Dataset:
    scale: str
    tables: list[TableRows]
    committees: int  # district-level units and communes
    members: int  # memberships of the decisions in force
    memberships: int  # every membership row, superseded decisions and drafts included
    switch_units: tuple[str, str]  # two committees of SWITCH_SIZE members in force
    province_code: str = DEFAULT_PROVINCE  # the province the province workbook is for
    era: Era = DEFAULT_ERA  # the era of every unit (the use-cases take it with each code)
    stats: dict[str, int] = field(default_factory=dict)

    def rows(self, table: str) -> TableRows:
        return next(rows for rows in self.tables if rows.table.name == table)


class _Builder:
    """Accumulates rows with explicit ids, so that the same rows can be written twice."""

    def __init__(self, index: UnitIndex) -> None:
        self.index = index
        self.units: list[tuple[object, ...]] = []
        self.people: list[tuple[object, ...]] = []
        self.decisions: list[tuple[object, ...]] = []
        self.memberships: list[tuple[object, ...]] = []
        self.documents: list[tuple[object, ...]] = []
        self.members_in_force = 0
        self.stats: dict[str, int] = {}
        self._person_ids: dict[tuple[str, str], int] = {}

    def count(self, what: str) -> None:
        self.stats[what] = self.stats.get(what, 0) + 1

    def person(self, district: str, name: str) -> int:
        """One person per exact name within a district, as the import finds people again."""
        key = (district, name)
        person_id = self._person_ids.get(key)
        if person_id is None:
            person_id = len(self.people) + 1
            self._person_ids[key] = person_id
            self.people.append((person_id, name, fold(name)))
        return person_id

    def decision(
        self,
        unit: UnitRef,
        rng: random.Random,
        signed_on: date | None,
        status: str,
        supersedes: int | None = None,
        regulation: bool = True,
        in_force: bool = False,
    ) -> int:
        decision_id = len(self.decisions) + 1
        created = datetime.combine(signed_on or SIGNING[unit.era].drafted, datetime.min.time())
        created += timedelta(hours=8, minutes=rng.randrange(480), microseconds=decision_id)
        number = f"{rng.randint(1, 3500)}/QĐ-UBND"
        regulation_number = f"{rng.randint(1, 40):02d}/QĐ-BCĐ" if regulation else None
        issued = created + timedelta(days=1) if status == "issued" else None
        self.decisions.append(
            (
                decision_id,
                unit.era.value,
                unit.code,
                number,
                signed_on,
                "",
                status,
                supersedes,
                in_force,
                created,
                issued,
                1,
                issued or created,
                None,
            )
        )
        if regulation_number is not None:  # its Quy chế, signed the same day
            self.documents.append(
                (
                    len(self.documents) + 1,
                    decision_id,
                    "regulation",
                    regulation_number,
                    signed_on,
                    "",
                    issued or created,
                    None,
                )
            )
        return decision_id

    def roster(self, decision_id: int, unit: UnitRef, lines: list[RosterLine]) -> None:
        # Where one name is one person: a district (a 2025 commune has no district above it).
        own = unit.level is Level.DISTRICT or unit.era is Era.Y2025
        district = unit.code if own else unit.parent_code or unit.code
        for position, line in enumerate(lines, start=1):
            post = recognise_title(line.title, unit, self.index)
            self.memberships.append(
                (
                    len(self.memberships) + 1,
                    decision_id,
                    self.person(district, line.name),
                    line.name,
                    line.role.value,
                    position,
                    line.title,
                    post.post_kind,
                    unit.era.value if post.unit_code else None,
                    post.unit_code,
                    False,
                    post.portfolio.value,
                    line.duties,
                    line.phone,
                    line.note,
                    1,
                    None,
                    None,
                )
            )


@dataclass(frozen=True)
class _Signing:
    """When an era's decisions are signed: (first day, days drawn from) for the one in
    force, for one signed late, and for the older one it superseded; the day a draft with
    no date was made; and a day after all of them, when the benchmarks' imported rosters
    are signed (each supersedes the decision in force)."""

    on_time: tuple[date, int]
    late: tuple[date, int]
    superseded: tuple[date, int]
    drafted: date
    imported: date


# The legacy committees were set up for the 2023 plan (due 30/06/2023: late is BCD403);
# those of the 2025 units from 1 July 2025, when the units began (no deadline applies, so
# "late" is only later), a first decision at the start superseded by a kiện toàn after.
SIGNING = {
    Era.LEGACY: _Signing(
        (date(2023, 5, 2), 60),
        (date(2023, 7, 1), 92),
        (date(2019, 1, 2), 1000),
        drafted=date(2024, 3, 1),
        imported=date(2024, 1, 2),
    ),
    Era.Y2025: _Signing(
        (date(2025, 8, 1), 120),
        (date(2025, 12, 1), 92),
        (date(2025, 7, 1), 31),
        drafted=date(2026, 3, 1),
        imported=date(2026, 4, 1),
    ),
}


def _signed(rng: random.Random, era: Era, late: bool = False, superseded: bool = False) -> date:
    signing = SIGNING[era]
    first, days = signing.superseded if superseded else signing.late if late else signing.on_time
    return first + timedelta(days=rng.randrange(days))


def _committee(
    builder: _Builder,
    unit: UnitRef,
    rng: random.Random,
    siblings: Sequence[UnitRef],
    switch: bool = False,
) -> None:
    """One unit's decisions: none, a draft, or an issued one (perhaps with history).

    A `switch` unit gets an issued decision of SWITCH_SIZE members breaking no roster rule
    (the terminal UI benchmark moves between two of them).
    """
    if switch:
        size = SWITCH_SIZE
    else:
        size = rng.randint(20, 30) if unit.level is Level.DISTRICT else rng.randint(12, 18)
        draw = rng.random()
        if draw < NO_DECISION:
            builder.count("no_decision")
            return
        if draw < NO_DECISION + DRAFT_ONLY:
            builder.count("draft_only")
            draft = builder.decision(unit, rng, None, "draft")
            builder.roster(draft, unit, roster_for(unit, rng, size))
            return
    lines = roster_for(unit, rng, size)
    supersedes = None
    if rng.random() < RESTRUCTURED:
        builder.count("restructured")
        old_signed = _signed(rng, unit.era, superseded=True)
        supersedes = builder.decision(unit, rng, old_signed, "issued")
        old = [
            line if rng.random() < 0.7 else RosterLine(person_name(rng), *_rest(line))
            for line in lines
        ]
        builder.roster(supersedes, unit, old)
    faults: list[str] = []
    if not switch and rng.random() < ROSTER_FAULTS:
        faults = rng.sample(FAULTS, k=2 if rng.random() < TWO_FAULTS else 1)
    late = rng.random() < LATE
    regulation = rng.random() >= NO_REGULATION
    neighbours = [other for other in siblings if other.code != unit.code]
    neighbour = rng.choice(neighbours) if neighbours else None
    lines = break_rules(lines, unit, rng, faults, neighbour)
    if faults or late or not regulation:
        builder.count("breaking")
    current = builder.decision(
        unit, rng, _signed(rng, unit.era, late), "issued", supersedes, regulation, in_force=True
    )
    builder.roster(current, unit, lines)
    builder.members_in_force += len(lines)
    if rng.random() < DRAFT_ON_TOP:
        builder.count("draft_on_top")
        draft = builder.decision(unit, rng, None, "draft")
        builder.roster(draft, unit, lines)


def _rest(line: RosterLine) -> tuple[object, ...]:
    return (line.title, line.role, line.duties, line.phone, line.note)


def scale_era(scale: str, era: Era | None = None) -> tuple[str, Era]:
    """A scale's size ("province" or "nation") and era: "-2025" names the era 2025."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    if scale.endswith(_ERA_SUFFIX):
        return scale.removesuffix(_ERA_SUFFIX), Era.Y2025
    return scale, era or DEFAULT_ERA


def _province_codes(size: str, era: Era) -> list[str]:
    if size == "province":
        return [_HOME_PROVINCE[era]]
    return [province.code for province in provinces(era)]


def generate(scale: str, seed: int = SEED, era: Era | None = None) -> Dataset:
    """Every row of the benchmark database at `scale` (of the era, a "-2025" scale or
    `era`), in memory, in insert order."""
    size, era = scale_era(scale, era)
    home = _HOME_PROVINCE[era]
    # The UI switches between two committees: the first two districts, or communes in 2025.
    switch_level = Level.COMMUNE if era is Era.Y2025 else Level.DISTRICT
    catalogue = {code: province_units(code, era) for code in _province_codes(size, era)}
    index = UnitIndex(unit for units in catalogue.values() for unit in units)
    builder = _Builder(index)
    switch: list[str] = []
    committees = 0
    for code, units in catalogue.items():
        rng = random.Random(f"{seed}-{code}")
        by_parent: dict[str | None, list[UnitRef]] = {}
        for unit in units:
            builder.units.append(
                (
                    unit.era.value,
                    unit.code,
                    unit.name,
                    unit.kind,
                    unit.level.value,
                    unit.parent_code,
                    fold(unit.name),
                )
            )
            by_parent.setdefault(unit.parent_code, []).append(unit)
        for unit in units:
            if unit.level is Level.PROVINCE:
                continue
            committees += 1
            chosen = code == home and unit.level is switch_level and len(switch) < 2
            if chosen:  # the first two districts of Hải Dương (communes of Hải Phòng), tui_switch
                switch.append(unit.code)
            _committee(builder, unit, rng, by_parent.get(unit.parent_code, []), chosen)
    tables = [
        TableRows(AdminUnit.__table__, _columns(AdminUnit), builder.units),  # type: ignore[arg-type]
        TableRows(Person.__table__, ("id", "full_name", "search_key"), builder.people),  # type: ignore[arg-type]
        TableRows(Decision.__table__, _columns(Decision), builder.decisions),  # type: ignore[arg-type]
        TableRows(Membership.__table__, _columns(Membership), builder.memberships),  # type: ignore[arg-type]
        TableRows(CommitteeDocument.__table__, _columns(CommitteeDocument), builder.documents),  # type: ignore[arg-type]
    ]
    return Dataset(
        scale=scale,
        tables=tables,
        committees=committees,
        members=builder.members_in_force,
        memberships=len(builder.memberships),
        switch_units=(switch[0], switch[1]),
        province_code=home,
        era=era,
        stats=dict(sorted(builder.stats.items())),
    )


def _columns(model: type) -> tuple[str, ...]:
    return tuple(column.name for column in model.__table__.columns)  # type: ignore[attr-defined]


# --- writing ---------------------------------------------------------------------------------


def empty_database(path: Path) -> Path:
    """A migrated bcd138 database with no rows, to copy before each write."""
    open_database(str(path)).dispose()
    return path


def fresh_copy(template: Path, path: Path) -> Path:
    """`template` copied to `path`, any leftovers of an earlier copy removed first."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, path)
    return path


def write_rows(engine: Engine, prepared: Sequence[tuple[Table, list[dict[str, object]]]]) -> None:
    """Every table's rows, one SQLAlchemy Core executemany each, in one transaction."""
    with engine.begin() as connection:
        for table, rows in prepared:
            connection.execute(insert(table), rows)


def write_rows_raw(
    path: Path, prepared: Sequence[tuple[str, str, list[tuple[object, ...]]]]
) -> None:
    """The same rows with sqlite3 executemany, with the settings bcd138 connects with."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        for _table, sql, rows in prepared:
            connection.executemany(sql, rows)
        connection.commit()
    finally:
        connection.close()


def prepared_for_core(dataset: Dataset) -> list[tuple[Table, list[dict[str, object]]]]:
    return [(rows.table, rows.as_dicts()) for rows in dataset.tables]


def prepared_for_raw(dataset: Dataset) -> list[tuple[str, str, list[tuple[object, ...]]]]:
    prepared = []
    for rows in dataset.tables:
        marks = ", ".join("?" for _ in rows.columns)
        sql = f"INSERT INTO {rows.table.name} ({', '.join(rows.columns)}) VALUES ({marks})"
        prepared.append((rows.table.name, sql, rows.as_stored()))
    return prepared


def build_database(
    path: Path, scale: str = "province", seed: int = SEED, era: Era | None = None
) -> tuple[Database, Dataset]:
    """A ready benchmark database at `path` (for tests and the other benchmarks)."""
    dataset = generate(scale, seed, era)
    empty_database(path)
    database = open_database(str(path))
    write_rows(database.engine, prepared_for_core(dataset))
    return database, dataset


# --- growth: the nation copied under new codes ------------------------------------------------


def copied_code(code: str, copy: int) -> str:
    """A unit's code in copy `copy` (1–9): eight characters, the copy number, the code's
    length and the code padded to six, so that no copy's code is an original's (five
    characters at most) or another copy's ("30" in copy 1 → "12000030")."""
    return f"{copy}{len(code)}{code:0>6}"


def multiply(path: Path, factor: int) -> None:
    """Grow the benchmark database at `path` to `factor` times its units, committees,
    decisions and people: each unit copied `factor - 1` times under new codes
    (`copied_code`), with its decisions, rosters and documents (new ids, the same names),
    in SQL, in one transaction."""
    connection = sqlite3.connect(path)
    try:
        connection.create_function(
            "copied", 2, lambda code, copy: None if code is None else copied_code(code, copy)
        )
        originals = {
            table: connection.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
            for table in ("person", "decision", "membership", "committee_document")
        }
        connection.execute("CREATE TEMP TABLE original_unit AS SELECT code FROM admin_unit")
        with connection:
            for copy in range(1, factor):
                _copy_rows(connection, copy, originals)
    finally:
        connection.close()


def _copy_rows(connection: sqlite3.Connection, copy: int, originals: dict[str, int]) -> None:
    """One copy of the original rows (ids up to `originals`, the units of the temporary
    table original_unit): ids moved past the originals and the copies before."""
    person, decision = originals["person"] * copy, originals["decision"] * copy
    statements = {
        AdminUnit: {"code": f"copied(code, {copy})", "parent_code": f"copied(parent_code, {copy})"},
        Person: {"id": f"id + {person}"},
        Decision: {
            "id": f"id + {decision}",
            "unit_code": f"copied(unit_code, {copy})",
            "supersedes_id": f"supersedes_id + {decision}",
        },
        Membership: {
            "id": f"id + {originals['membership'] * copy}",
            "decision_id": f"decision_id + {decision}",
            "person_id": f"person_id + {person}",
            "post_unit_code": f"copied(post_unit_code, {copy})",
        },
        CommitteeDocument: {
            "id": f"id + {originals['committee_document'] * copy}",
            "decision_id": f"decision_id + {decision}",
        },
    }
    for model, changed in statements.items():
        columns = _columns(model)
        values = ", ".join(changed.get(column, column) for column in columns)
        table = model.__table__.name  # type: ignore[attr-defined]
        original = (
            "code IN (SELECT code FROM original_unit)"
            if model is AdminUnit
            else f"id <= {originals[table]}"
        )
        connection.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM {table} "
            f"WHERE {original}"
        )
