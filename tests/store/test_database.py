"""Storage: migrations, the refusal of foreign files, SQLite settings, URL resolution."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text
from sqlmodel import SQLModel

from committee.catalogue.admin_units import province_units
from committee.domain.errors import NotADatabase, UserError
from committee.domain.text import fold
from committee.domain.vocabulary import Role
from committee.store import models  # noqa: F401
from committee.store.database import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    migrate,
    open_database,
    resolve_url,
)
from committee.store.identity import SEARCH_INDEX_TABLES
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    current_decision,
)
from committee.usecases.units import get_unit, load_province


def test_head_revision_constant_matches_the_newest_migration() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    database = open_database(str(tmp_path / "new.sqlite"))
    with database.engine.connect() as connection:
        # SQLite's search index (an FTS5 table and its shadow tables, migration 0005) is
        # not a model: it is kept by triggers and read by committee.store.search_index
        context = MigrationContext.configure(
            connection,
            opts={"include_name": lambda name, kind, _: name not in SEARCH_INDEX_TABLES},
        )
        differences = compare_metadata(context, SQLModel.metadata)
    database.dispose()
    assert differences == []


def test_the_in_force_index_is_partial_with_the_models_where_clause(tmp_path: Path) -> None:
    database = open_database(str(tmp_path / "new.sqlite"))
    database.dispose()
    with sqlite3.connect(tmp_path / "new.sqlite") as connection:
        (sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'uq_decision_in_force'"
        ).fetchone()
    connection.close()
    index = next(i for i in models.Decision.__table__.indexes if i.name == "uq_decision_in_force")
    assert index.unique
    assert sql.split()[-2:] == ["WHERE", index.info["where"]]


def test_opening_a_sqlite_database_loads_no_postgresql_dialect(tmp_path: Path) -> None:
    # Made (migrated) here; the child opens it as every command but the first does.
    open_database(str(tmp_path / "new.sqlite")).dispose()
    script = (
        "import sys\n"
        "from committee.store.database import open_database\n"
        f"open_database({str(tmp_path / 'new.sqlite')!r}).dispose()\n"
        "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy.dialects.postgresql')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.split() == ["[]"], result.stderr


def test_reopening_a_database_with_data_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "kept.sqlite"
    database = open_database(str(path))
    with database.transaction() as session:
        load_province(session)
        decision = create_draft(session, "297", DecisionDetails("12/QĐ-UBND", None))
        add_member(session, decision.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR))
    database.dispose()

    reopened = open_database(str(path))
    with reopened.engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        names = connection.execute(text("SELECT full_name FROM person")).scalars().all()
        units = connection.execute(text("SELECT count(*) FROM admin_unit")).scalar()
    reopened.dispose()
    assert version == HEAD_REVISION
    assert names == ["Nguyễn Văn Hùng"]
    assert units == 220


def _load_units_as_before(engine: Engine) -> None:
    """Hải Dương's units as bcd138 stored them before units carried their era (0001–0003)."""
    with engine.begin() as connection:
        for unit in province_units("30"):
            connection.execute(
                text(
                    "INSERT INTO admin_unit (code, name, kind, level, parent_code, search_key) "
                    "VALUES (:code, :name, :kind, :level, :parent, :key)"
                ),
                {
                    "code": unit.code,
                    "name": unit.name,
                    "kind": unit.kind,
                    "level": unit.level.value,
                    "parent": unit.parent_code,
                    "key": fold(unit.name),
                },
            )


def test_a_database_at_an_older_revision_is_upgraded_with_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    migrate(engine, "0001")
    _load_units_as_before(engine)
    engine.dispose()

    upgraded = open_database(str(path))
    with upgraded.engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        units = connection.execute(text("SELECT count(*) FROM admin_unit")).scalar()
        indexes = {index["name"] for index in inspect(connection).get_indexes("decision")}
    upgraded.dispose()
    assert version == HEAD_REVISION
    assert units == 220
    assert "ix_decision_unit_status" in indexes


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"Danh sach thanh vien, khong phai co so du lieu\n")
    before = path.read_bytes()
    with pytest.raises(NotADatabase, match="không phải cơ sở dữ liệu bcd138"):
        open_database(str(path))
    assert path.read_bytes() == before
    assert not (tmp_path / "notes.sqlite-wal").exists()


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        connection.execute("INSERT INTO invoices (total) VALUES (12.5)")
    before = path.read_bytes()
    with pytest.raises(NotADatabase, match="invoices"):
        open_database(str(path))
    assert path.read_bytes() == before
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert tables == {"invoices"}


def test_sqlite_runs_with_foreign_keys_and_wal(tmp_path: Path) -> None:
    database = open_database(str(tmp_path / "pragmas.sqlite"))
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    database.dispose()


def test_database_location_comes_from_option_then_environment_then_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BCD138_DB", raising=False)
    assert resolve_url(None).endswith("data/bcd138.sqlite")
    monkeypatch.setenv("BCD138_DB", str(tmp_path / "env.sqlite"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.sqlite'}"
    assert resolve_url(str(tmp_path / "opt.sqlite")) == f"sqlite:///{tmp_path / 'opt.sqlite'}"
    assert resolve_url("postgresql+psycopg://u@host/bcd138") == "postgresql+psycopg://u@host/bcd138"


# --- the upgrade from main's schema (0002) keeps every decision as it was printed ------------

MAIN_PEOPLE = [
    (1, "Nguyễn Văn Hưng"),
    (2, "Trần Thị Bình"),
    (3, "Lê Văn Cường"),
    (4, "Hồ Văn Minh"),
]
# id, unit, number, signed_on, status, supersedes, regulation number and date
MAIN_DECISIONS = [
    (1, "297", "1234/QĐ-UBND", "2023-06-12", "issued", None, "01/QĐ-BCĐ", "2023-06-20"),
    (2, "11035", "5/QĐ-UBND", "2023-06-15", "issued", None, None, None),
    (3, "297", "1300/QĐ-UBND", None, "draft", None, None, None),
    (4, "294", "2105/QĐ-UBND", "2023-06-12", "issued", None, None, None),
    (5, "294", "2105/QĐ-UBND", "2023-06-12", "issued", 4, "02/QĐ-BCĐ", "2023-06-21"),  # again
    (6, "10813", "45/QĐ-UBND", "2023-06-01", "issued", None, None, None),
    (7, "10813", "46/QĐ-UBND", "2023-06-22", "issued", 6, None, None),  # issued at once:
    (8, "10813", "47/QĐ-UBND", "2023-06-22", "issued", 6, None, None),  # a fork
]
# id, decision, person, role, position, title, duties
MAIN_MEMBERSHIPS = [
    (1, 1, 1, "chair", 1, "Chủ tịch UBND huyện", "Chỉ đạo chung"),
    (2, 1, 2, "first_vice_chair", 2, "PCT UBND huyện", "Giúp Trưởng ban"),
    # the namesake bug: the commune's chair was merged with the district's, renaming both
    (3, 2, 1, "chair", 1, "Chủ tịch UBND xã", "Chỉ đạo chung"),
    (4, 3, 1, "chair", 1, "Chủ tịch UBND huyện", "Chỉ đạo chung"),
    (5, 3, 2, "first_vice_chair", 2, "PCT UBND huyện", ""),
    (6, 4, 4, "chair", 1, "Chủ tịch UBND huyện Thanh Hà", "Chỉ đạo chung"),
    (7, 5, 4, "chair", 1, "Chủ tịch UBND huyện Thanh Hà", "Chỉ đạo chung"),
    (8, 6, 3, "chair", 1, "Chủ tịch UBND thị trấn", "Chỉ đạo"),
    (9, 7, 3, "chair", 1, "Chủ tịch UBND thị trấn", "Chỉ đạo"),
    (10, 8, 3, "chair", 1, "Chủ tịch UBND thị trấn", "Chỉ đạo"),
    (11, 8, 2, "member", 2, "Bí thư Đoàn thị trấn", "Thanh niên"),
    (12, 8, 4, "member", 2, "Chủ tịch Hội Nông dân", "Nông dân"),  # two lines at one place
]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to a database nobody has made yet, on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'main.sqlite'}"
        return
    from ..postgres_server import postgres_url, why_unavailable

    if why_unavailable() is not None:
        pytest.skip(str(why_unavailable()))
    with postgres_url() as server:
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE upgraded"))
        admin.dispose()
        yield server.replace("/postgres?", "/upgraded?")


def _database_of_main(url: str, decisions=MAIN_DECISIONS, memberships=MAIN_MEMBERSHIPS) -> None:  # type: ignore[no-untyped-def]
    """A database as today's main leaves it: schema 0002, rows written with SQL."""
    engine = create_engine(url)
    migrate(engine, "0002")
    _load_units_as_before(engine)
    with engine.begin() as connection:
        for person_id, name in MAIN_PEOPLE:
            connection.execute(
                text("INSERT INTO person (id, full_name, search_key) VALUES (:i, :n, :k)"),
                {"i": person_id, "n": name, "k": fold(name)},
            )
        for row in decisions:
            number_id, unit, number, signed, status, supersedes, reg_number, reg_date = row
            connection.execute(
                text(
                    "INSERT INTO decision (id, unit_code, number, signed_on, signer, status, "
                    "supersedes_id, regulation_number, regulation_date, created_at, issued_at) "
                    "VALUES (:i, :u, :n, :s, '', :st, :sup, :rn, :rd, :c, :c)"
                ),
                {
                    "i": number_id,
                    "u": unit,
                    "n": number,
                    "s": date.fromisoformat(signed) if signed else None,
                    "st": status,
                    "sup": supersedes,
                    "rn": reg_number,
                    "rd": date.fromisoformat(reg_date) if reg_date else None,
                    "c": datetime(2023, 7, 1, 8, 0, number_id),
                },
            )
        for line_id, decision_id, person_id, role, position, title, duties in memberships:
            connection.execute(
                text(
                    "INSERT INTO membership (id, decision_id, person_id, role, position, title, "
                    "post_kind, post_unit_code, portfolio, duties, phone, note) VALUES "
                    "(:i, :d, :p, :r, :pos, :t, NULL, NULL, 'none', :du, '', '')"
                ),
                {
                    "i": line_id,
                    "d": decision_id,
                    "p": person_id,
                    "r": role,
                    "pos": position,
                    "t": title,
                    "du": duties,
                },
            )
        if engine.dialect.name == "postgresql":
            for table in ("person", "decision", "membership"):
                connection.execute(
                    text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")
                )
    engine.dispose()


def _printed_by_main(url: str) -> dict[int, list[tuple[str, str, str, str]]]:
    """Each decision's lines as today's main prints them: the person's name."""
    engine = create_engine(url)
    printed: dict[int, list[tuple[str, str, str, str]]] = {}
    with engine.connect() as connection:
        for decision_id, name, title, role, duties in connection.execute(
            text(
                "SELECT m.decision_id, p.full_name, m.title, m.role, m.duties FROM membership m "
                "JOIN person p ON p.id = m.person_id ORDER BY m.decision_id, m.position, m.id"
            )
        ):
            printed.setdefault(decision_id, []).append((name, title, Role(role).label, duties))
    engine.dispose()
    return printed


def test_upgrading_mains_database_keeps_every_printed_name_and_duty(empty_url: str) -> None:
    from committee.usecases.checking import check_units, select_units
    from committee.usecases.decisions import current_decision, roster
    from committee.usecases.documents import list_documents
    from committee.usecases.exports import annex_for_decision

    _database_of_main(empty_url)
    before = _printed_by_main(empty_url)
    upgraded = open_database(empty_url)
    try:
        with upgraded.session() as session:
            for decision_id, lines in before.items():
                kept = 4 if decision_id == 5 else decision_id  # the file imported twice
                annex = annex_for_decision(session, kept)
                printed = [(a.name, a.title, a.role.label, a.duties) for a in annex.lines]
                assert printed == lines, decision_id
            assert [m.full_name for m in roster(session, 2)] == ["Nguyễn Văn Hưng"]
            district, commune = roster(session, 1)[0], roster(session, 2)[0]
            assert district.person_id == commune.person_id == 1  # links kept, nobody split
            in_force = {code: current_decision(session, code) for code in ("297", "11035", "294")}
            assert {code: d.id for code, d in in_force.items()} == {
                "297": 1,
                "11035": 2,
                "294": 4,
            }
            assert current_decision(session, "10813").id == 8
            chain = dict(
                session.execute(text("SELECT id, supersedes_id FROM decision ORDER BY id")).all()
            )
            assert chain == {1: None, 2: None, 3: None, 4: None, 6: None, 7: 6, 8: 7}
            assert [line.position for line in roster(session, 8)] == [1, 2, 3]
            assert [d.label for d in list_documents(session, 1)] == [
                "Quy chế hoạt động số 01/QĐ-BCĐ ngày 20/06/2023"
            ]
            assert [d.label for d in list_documents(session, 4)] == [
                "Quy chế hoạt động số 02/QĐ-BCĐ ngày 21/06/2023"
            ]
            report = check_units(session, select_units(session, ["297", "294"]))
            assert all("BCD402" not in [f.code for f in c.findings] for c in report.committees)
    finally:
        upgraded.dispose()
    reopened = open_database(empty_url)  # at head now: opening again changes nothing
    with reopened.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            HEAD_REVISION
        )
    reopened.dispose()


def test_two_different_decisions_with_one_number_and_date_stop_the_upgrade(
    empty_url: str,
) -> None:
    different = [*MAIN_MEMBERSHIPS[:6], (7, 5, 4, "chair", 1, "Phó Chủ tịch UBND", "Khác")]
    _database_of_main(empty_url, memberships=different + MAIN_MEMBERSHIPS[7:])
    before = _printed_by_main(empty_url)
    with pytest.raises(UserError, match="2105/QĐ-UBND ngày 12/06/2023") as caught:
        open_database(empty_url)
    assert "chưa có gì thay đổi" in caught.value.message
    engine = create_engine(empty_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0002"
        )
    engine.dispose()
    assert _printed_by_main(empty_url) == before


def test_a_database_at_0003_with_data_becomes_legacy_units_losing_nothing(
    empty_url: str,
) -> None:
    """Issue 13: a database made by main before units carried their era (0003): every unit,
    decision, line and document is kept, and every unit and reference is of era legacy."""
    _database_of_main(empty_url)
    engine = create_engine(empty_url)
    migrate(engine, "0003")
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE membership SET post_kind = 'ubnd_chair', post_unit_code = '297' "
                "WHERE id = 1"
            )
        )
        before = {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            for table in ("admin_unit", "person", "decision", "membership", "committee_document")
        }
        decisions = connection.execute(
            text("SELECT id, unit_code, number, in_force FROM decision ORDER BY id")
        ).all()
    engine.dispose()

    upgraded = open_database(empty_url)
    with upgraded.engine.connect() as connection:
        after = {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            for table in before
        }
        kept = connection.execute(
            text("SELECT id, unit_code, number, in_force FROM decision ORDER BY id")
        ).all()
        eras = connection.execute(text("SELECT DISTINCT era FROM admin_unit")).scalars().all()
        unit_eras = connection.execute(text("SELECT DISTINCT unit_era FROM decision")).all()
        post = connection.execute(
            text("SELECT post_unit_era, post_unit_code FROM membership WHERE id = 1")
        ).one()
        no_post = connection.execute(
            text("SELECT count(*) FROM membership WHERE post_unit_era IS NOT NULL")
        ).scalar()
    with upgraded.session() as session:
        unit = get_unit(session, "297")
        in_force = current_decision(session, "297")
    upgraded.dispose()
    assert after == before
    assert kept == decisions
    assert eras == ["legacy"] and [tuple(row) for row in unit_eras] == [("legacy",)]
    assert tuple(post) == ("legacy", "297") and no_post == 1
    assert unit.name == "Huyện Gia Lộc" and in_force is not None and in_force.id == 1
