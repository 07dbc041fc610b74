"""Where the data lives: resolving the database, guarding it, migrating it, sessions.

The default is an embedded SQLite file (data/bcd138.sqlite). `--db` or the environment
variable BCD138_DB name another file or any SQLAlchemy URL (PostgreSQL for a shared
server). The schema is made and upgraded by the Alembic migrations in
committee/migrations; an existing database is never dropped, and a file or database
that is not bcd138's is refused before anything is written to it.
"""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from committee.errors import DatabaseLocked, NotADatabase, UserError
from committee.paths import DEFAULT_DATABASE

ENV_VARIABLE = "BCD138_DB"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0003"  # kept equal to the newest migration by tests/test_database.py
OWN_TABLES = frozenset(
    {
        "admin_unit",
        "person",
        "decision",
        "membership",
        "committee_document",
        "assigned_duty",
        "alembic_version",
    }
)
# How long a command waits for another session's write to end before it gives up.
SQLITE_BUSY_TIMEOUT_SECONDS = 5
# The execution option that makes an SQLite transaction take the write lock at its start.
_WRITE_TRANSACTION = "bcd138_write_transaction"
SQLITE_HEADER = b"SQLite format 3\x00"


def resolve_url(db: str | None = None) -> str:
    """The SQLAlchemy URL from --db, else $BCD138_DB, else the default SQLite file."""
    chosen = db or os.environ.get(ENV_VARIABLE) or str(DEFAULT_DATABASE)
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _refuse_foreign_sqlite_file(path: Path) -> None:
    """Refuse a file that is not SQLite, without opening it for writing."""
    if not path.exists():
        if not path.parent.is_dir():
            raise UserError(f"Thư mục «{path.parent}» không tồn tại; không thể tạo cơ sở dữ liệu.")
        return
    if path.is_dir():
        raise NotADatabase(f"«{path}» là một thư mục, không phải tệp cơ sở dữ liệu bcd138.")
    if path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabase(
            f"Tệp «{path}» không phải cơ sở dữ liệu bcd138; tệp được giữ nguyên. "
            "Hãy chọn tệp khác bằng --db."
        )


def _sqlite_tables(path: Path) -> set[str]:
    """Table names of an SQLite file, read through a read-only connection."""
    if not path.exists() or path.stat().st_size == 0:
        return set()
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows if not name.startswith("sqlite_")}
    except sqlite3.DatabaseError as error:
        raise NotADatabase(
            f"Tệp «{path}» không đọc được như cơ sở dữ liệu ({error}); tệp được giữ nguyên."
        ) from error
    finally:
        connection.close()


def _refuse_foreign_schema(tables: set[str], where: str) -> None:
    if not tables:
        return
    strangers = tables - OWN_TABLES
    if "alembic_version" not in tables or strangers:
        raise NotADatabase(
            f"Cơ sở dữ liệu «{where}» không phải của bcd138 (có bảng lạ: "
            f"{', '.join(sorted(strangers or tables))}); không có gì bị thay đổi."
        )


def _enable_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # transactions begin in _begin_sqlite below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin_sqlite(connection) -> None:  # type: ignore[no-untyped-def]
        """Every transaction is a real one, reads included (SQLAlchemy's recipe for the
        sqlite3 driver); a write transaction takes the write lock at once (BEGIN
        IMMEDIATE), so that what it reads stays true until it commits: two writers never
        both act on the same state, the second waits for the first."""
        writing = connection.get_execution_options().get(_WRITE_TRANSACTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _is_locked(error: OperationalError) -> bool:
    """An SQLite error saying another session holds the write lock (SQLITE_BUSY)."""
    orig = error.orig
    return isinstance(orig, sqlite3.OperationalError) and (
        getattr(orig, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        or "database is locked" in str(orig)
    )


def _current_revision(engine: Engine) -> str | None:
    if "alembic_version" not in inspect(engine).get_table_names():
        return None
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the newest migration; a database already there is not touched."""
    if revision == "head" and _current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.execution_options(**{_WRITE_TRANSACTION: True}).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@dataclass
class Database:
    url: str
    engine: Engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading (and for writes the caller commits itself)."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed as one whole, or not at all.

        On SQLite it is a write transaction from its start (BEGIN IMMEDIATE): while one
        runs, another waits for it up to SQLITE_BUSY_TIMEOUT_SECONDS, then gives up with
        DatabaseLocked. PostgreSQL's use-cases lock the rows they change instead.
        """
        writer = self.engine.execution_options(**{_WRITE_TRANSACTION: True})
        with Session(writer, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except OperationalError as error:
                session.rollback()
                if _is_locked(error):
                    raise DatabaseLocked(
                        f"Cơ sở dữ liệu đang có người khác ghi; đã chờ "
                        f"{SQLITE_BUSY_TIMEOUT_SECONDS} giây mà chưa xong. Chưa có gì được "
                        "ghi; hãy thử lại sau ít phút."
                    ) from error
                raise
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a bulk read builds many objects.

    Reading the whole country builds some 200,000 records in a row; each few hundred new
    objects would set off a collection that walks all the others, none of them garbage.
    Objects freed meanwhile are still freed at once (reference counting); cycles wait for
    the next collection. The collector is set going again afterwards, if it was on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def driver_rows(
    session: Session, statement: Select[Any], batch: int = 1000
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of a SELECT as the database driver returns them, `batch` rows at a time:
    lists of plain tuples.

    For bulk reads of plain columns (text and numbers), where building SQLAlchemy rows
    would cost as much again as the driver's own fetch, and where rows are used up as they
    come (a batch's memory is reused by the next). The statement is compiled for the
    session's database, with its values written into the SQL, and runs on the session's
    connection, inside its transaction. Columns that need SQLAlchemy's type conversion
    (dates, enums) must be read with `session.execute` instead.
    """
    connection = session.connection()
    sql = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield rows
    finally:
        cursor.close()


def open_database(db: str | None = None) -> Database:
    """Open (creating and migrating if needed) the database named by --db / $BCD138_DB."""
    url = resolve_url(db)
    path = _sqlite_path(url)
    if path is not None:
        _refuse_foreign_sqlite_file(path)
        _refuse_foreign_schema(_sqlite_tables(path), str(path))
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        _enable_sqlite_pragmas(engine)
    try:
        if path is None:
            where = engine.url.render_as_string(hide_password=True)
            _refuse_foreign_schema(set(inspect(engine).get_table_names()), where)
        migrate(engine)
    except UserError:
        engine.dispose()
        raise
    except Exception as error:  # a driver's own error: unreachable server, corrupt file
        engine.dispose()
        raise UserError(f"Không mở được cơ sở dữ liệu «{url}»: {error}") from error
    return Database(url, engine)
