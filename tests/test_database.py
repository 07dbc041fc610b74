"""Storage: migrations, the refusal of foreign files, SQLite settings, URL resolution."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlmodel import Session, SQLModel

from committee import models  # noqa: F401
from committee.database import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    migrate,
    open_database,
    resolve_url,
)
from committee.decisions import DecisionDetails, MemberInput, add_member, create_draft
from committee.errors import NotADatabase
from committee.units import load_province
from committee.vocabulary import Role


def test_head_revision_constant_matches_the_newest_migration() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    database = open_database(str(tmp_path / "new.sqlite"))
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    database.dispose()
    assert differences == []


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


def test_a_database_at_an_older_revision_is_upgraded_with_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    migrate(engine, "0001")
    with Session(engine) as session:
        load_province(session)
        session.commit()
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
