"""The search index on people's folded names (migration 0005), on SQLite (FTS5 trigram
table kept by triggers) and PostgreSQL (pg_trgm): search ignores diacritics and case,
identity never does, the index keeps step with the people, and an existing database is
upgraded with its people indexed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from committee.domain.vocabulary import Role
from committee.store.database import Database, migrate, open_database
from committee.store.identity import HEAD_REVISION
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    remove_member,
)
from committee.usecases.people import search_people
from committee.usecases.units import load_province

from ..postgres_server import postgres_url, why_unavailable

NO_POSTGRES = why_unavailable()


@pytest.fixture(scope="module")
def server() -> Iterator[str | None]:
    if NO_POSTGRES is not None:
        yield None
        return
    with postgres_url() as url:
        yield url


def _fresh_postgres(server: str, name: str) -> str:
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path, server: str | None) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'search.sqlite'}"
    if server is None:
        pytest.skip(str(NO_POSTGRES))
    return _fresh_postgres(server, f"search_{request.node.name.split('[')[0][-40:]}")


def _draft_with(database: Database, names: list[str]) -> list[int]:
    """A draft of huyện Gia Lộc with these members; their membership ids."""
    with database.transaction() as session:
        draft = create_draft(session, "297", DecisionDetails("9/QĐ-UBND", date(2024, 1, 2)))
        assert draft.id is not None
        return [
            add_member(
                session, draft.id, MemberInput(name, Role.MEMBER, "Chủ tịch Hội Nông dân")
            ).id  # type: ignore[misc]
            for name in names
        ]


def _found(database: Database, query: str) -> list[str]:
    with database.session() as session:
        return [person.full_name for person in search_people(session, query)]


def test_hung_and_hung_are_two_people_that_one_search_finds(url: str) -> None:
    database = open_database(url)
    with database.transaction() as session:
        load_province(session)
    _draft_with(database, ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng", "Trần Hùng Sơn", "Lê Thị Mai"])
    with database.session() as session:
        people = search_people(session, "hung")
        assert sorted(p.full_name for p in people) == [
            "Nguyễn Văn Hùng",
            "Nguyễn Văn Hưng",
            "Trần Hùng Sơn",
        ]
        assert len({p.id for p in people}) == 3  # Hùng and Hưng: two people
        # a name starting with the text comes before one holding it further on
        assert [p.full_name for p in search_people(session, "tran")] == ["Trần Hùng Sơn"]
        assert [p.full_name for p in search_people(session, "HÙNG S")] == ["Trần Hùng Sơn"]
        assert sorted(p.full_name for p in search_people(session, "van hu")) == [
            "Nguyễn Văn Hùng",
            "Nguyễn Văn Hưng",
        ]
        names = [p.full_name for p in search_people(session, "n")]
        assert names[:2] == ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng"]  # starting with n first
        assert set(names) == {"Nguyễn Văn Hùng", "Nguyễn Văn Hưng", "Trần Hùng Sơn"}
        assert search_people(session, "50%_") == [] and search_people(session, "  ") == []
        assert search_people(session, 'hùng"') == [] and search_people(session, "hu%") == []
        assert len(search_people(session, "hung", limit=2)) == 2
    database.dispose()


def test_the_index_keeps_step_with_the_people(url: str) -> None:
    database = open_database(url)
    with database.transaction() as session:
        load_province(session)
    first, _ = _draft_with(database, ["Phạm Văn Khuê", "Đỗ Thị Khuyên"])
    assert _found(database, "khue") == ["Phạm Văn Khuê"]
    with database.transaction() as session:
        remove_member(session, first)  # the person named nowhere else is forgotten
    assert _found(database, "khue") == []
    assert _found(database, "do thi") == ["Đỗ Thị Khuyên"]
    database.dispose()


def test_an_existing_database_is_upgraded_with_its_people_indexed(url: str) -> None:
    engine = create_engine(url)
    migrate(engine, "0004")  # a database as main made it before the index
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO person (full_name, search_key) VALUES (:name, :key)"),
            [
                {"name": "Vũ Văn Hùng", "key": "vu van hung"},
                {"name": "Vũ Văn Hưng", "key": "vu van hung"},
            ],
        )
    engine.dispose()
    database = open_database(url)  # upgraded to the newest revision on opening
    assert sorted(_found(database, "van hung")) == ["Vũ Văn Hùng", "Vũ Văn Hưng"]
    with database.session() as session:
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert revision == HEAD_REVISION
    database.dispose()
