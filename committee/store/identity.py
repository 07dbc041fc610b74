"""Whose database is this? Deciding that a database is bcd138's before anything is written.

A bcd138 database is empty (new), or has an `alembic_version` table holding one revision of
bcd138's own migration chain, and only bcd138's tables. Anything else is refused: another
application's SQLite file (with or without its own Alembic revisions), an empty
`alembic_version`, a subset of our table names without a revision. A revision bcd138 does
not know, on a database holding all of bcd138's tables, comes from a newer bcd138.

An SQLite file is looked at through `read_only_connection`, which can change nothing: not
the file's bytes, not its journal mode, and it creates no -wal or -shm file beside it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from committee.domain.errors import IncompleteSchema, NewerDatabase, NotADatabase
from committee.domain.text import printable
from committee.store.driver_errors import missing_schema_message

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0006"  # kept equal to the newest migration by tests/test_database.py
REVISION_TABLE = "alembic_version"
CORE_TABLES = frozenset(
    {
        "admin_unit",
        "person",
        "decision",
        "membership",
        "committee_document",
        "assigned_duty",
        "unit_succession",
        "clerk",
        "clerk_scope",
        "clerk_unit",
        "audit_entry",
        REVISION_TABLE,
    }
)
# SQLite's search index of people (migration 0005): an FTS5 table and its shadow tables,
# outside the models; PostgreSQL's is an index on person.
SEARCH_INDEX_TABLES = frozenset(
    {
        "person_search",
        "person_search_data",
        "person_search_idx",
        "person_search_docsize",
        "person_search_config",
    }
)
OWN_TABLES = CORE_TABLES | SEARCH_INDEX_TABLES
SQLITE_HEADER = b"SQLite format 3\x00"


def sidecar(path: Path, suffix: str) -> Path:
    """The -wal or -shm file SQLite keeps beside `path`."""
    return path.with_name(path.name + suffix)


def read_only_uri(path: Path) -> str:
    """An SQLite URI filename that opens `path` for reading only and writes nothing.

    Without a -wal file beside it the file is complete and is read as immutable: no locks,
    and no -wal or -shm file is made (a plain read-only connection to a file in WAL mode
    would make both). With a -wal file, someone has it open or left it unfinished, and it
    is read through SQLite's locking, so that the -wal's pages are seen."""
    mode = "mode=ro" if sidecar(path, "-wal").exists() else "immutable=1"
    return f"{path.as_uri()}?{mode}"


@contextmanager
def read_only_connection(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(read_only_uri(path), uri=True)) as connection:
        yield connection


def has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


@dataclass(frozen=True)
class SchemaFacts:
    """What a database holds, read without writing: its tables (and views), the columns of
    the ones bcd138 knows, and the rows of `alembic_version` (None without that table)."""

    tables: frozenset[str]
    columns: Mapping[str, frozenset[str]]
    revisions: tuple[str, ...] | None


def sqlite_facts(connection: sqlite3.Connection) -> SchemaFacts:
    names = frozenset(
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
    )
    columns = {
        table: frozenset(
            name
            for (name,) in connection.execute("SELECT name FROM pragma_table_info(?)", (table,))
        )
        for table in names & OWN_TABLES
    }
    revisions = None
    if "version_num" in columns.get(REVISION_TABLE, ()):
        rows = connection.execute(f"SELECT version_num FROM {REVISION_TABLE}")
        revisions = tuple(str(value) for (value,) in rows)
    return SchemaFacts(names, columns, revisions)


def server_facts(connection: Connection) -> SchemaFacts:
    inspector = inspect(connection)
    names = frozenset(inspector.get_table_names()) | frozenset(inspector.get_view_names())
    columns = {
        table: frozenset(column["name"] for column in inspector.get_columns(table))
        for table in names & OWN_TABLES
    }
    revisions = None
    if "version_num" in columns.get(REVISION_TABLE, ()):
        rows = connection.execute(text(f"SELECT version_num FROM {REVISION_TABLE}"))
        revisions = tuple(str(value) for value in rows.scalars())
    return SchemaFacts(names, columns, revisions)


def alembic_config():  # type: ignore[no-untyped-def]
    """Alembic's configuration for bcd138's migrations (Alembic is loaded only when needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def known_revisions() -> frozenset[str]:
    """Every revision of bcd138's migration chain."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return frozenset(script.revision for script in scripts.walk_revisions())


def expected_columns() -> dict[str, frozenset[str]]:
    """The columns of bcd138's tables at the newest revision, from the models."""
    from sqlmodel import SQLModel

    from committee.store import models  # noqa: F401  (registers the tables)

    tables = SQLModel.metadata.tables
    expected = {
        name: frozenset(column.name for column in table.columns)
        for name, table in tables.items()
        if name in OWN_TABLES
    }
    expected[REVISION_TABLE] = frozenset({"version_num"})
    return expected


def _names(names: frozenset[str] | set[str]) -> str:
    return ", ".join(printable(name) for name in sorted(names))


def _foreign(where: str, why: str) -> NotADatabase:
    return NotADatabase(
        f"Cơ sở dữ liệu «{where}» không phải của bcd138 ({why}); không có gì bị thay đổi. "
        "Hãy chọn cơ sở dữ liệu khác bằng --db."
    )


def judge(facts: SchemaFacts, where: str) -> str | None:
    """The revision of a bcd138 database (None for an empty one, to be created); any other
    database is refused with the reason."""
    if not facts.tables:
        return None
    strangers = facts.tables - OWN_TABLES
    if facts.revisions is None:
        if strangers:
            raise _foreign(where, f"có bảng lạ: {_names(strangers)}")
        raise _foreign(
            where,
            f"chỉ có một phần các bảng của bcd138 ({_names(facts.tables)}) "
            f"và không có bảng {REVISION_TABLE} ghi phiên bản lược đồ",
        )
    if not facts.revisions:
        raise _foreign(
            where,
            f"bảng {REVISION_TABLE} rỗng, không ghi phiên bản lược đồ nào; có thể là tệp của "
            "ứng dụng khác hoặc bị tạo dở",
        )
    if len(facts.revisions) > 1:
        several = _names(set(facts.revisions))
        raise _foreign(where, f"bảng {REVISION_TABLE} ghi nhiều phiên bản: {several}")
    revision = facts.revisions[0]
    if revision == HEAD_REVISION or revision in known_revisions():
        if strangers:
            raise _foreign(where, f"có bảng lạ: {_names(strangers)}")
        if revision == HEAD_REVISION:
            _require_schema(facts, where)
        return revision
    if facts.tables >= CORE_TABLES:
        raise NewerDatabase(
            f"Cơ sở dữ liệu «{where}» do một phiên bản bcd138 mới hơn tạo ra (lược đồ "
            f"«{printable(revision)}», bản này chỉ biết đến «{HEAD_REVISION}»); không có gì bị "
            "thay đổi. Hãy cập nhật bcd138 lên phiên bản mới hơn để mở nó."
        )
    raise _foreign(
        where, f"bảng {REVISION_TABLE} ghi phiên bản «{printable(revision)}» của một ứng dụng khác"
    )


def _require_schema(facts: SchemaFacts, where: str) -> None:
    missing = []
    for table, columns in sorted(expected_columns().items()):
        if table not in facts.tables:
            missing.append(f"bảng {table}")
        else:
            missing += [f"cột {table}.{name}" for name in sorted(columns - facts.columns[table])]
    if missing:
        raise IncompleteSchema(missing_schema_message(where, ", ".join(missing)))
