"""Where the data lives: resolving the database, guarding it, migrating it, sessions.

The default is an embedded SQLite file (data/bcd138.sqlite). `--db` or the environment
variable BCD138_DB name another file or a PostgreSQL URL (for a shared server). The schema
is made and upgraded by the Alembic migrations in committee/migrations; an existing
database is never dropped. Before anything is written, a database that is not bcd138's is
refused (committee.store.identity) and an SQLite file that changed since it was last
found sound is checked (committee.store.integrity); a damaged file is neither read nor written. A
file that cannot be written (read-only file, folder or file system) is opened for reading.
Every driver or OS error becomes a typed error with a Vietnamese message
(committee.store.driver_errors).
"""

from __future__ import annotations

import gc
import itertools
import os
import sqlite3
import stat
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlmodel import Session

from committee.domain.errors import (
    DamagedDatabase,
    DatabaseProblem,
    DatabaseUnavailable,
    NotADatabase,
    NotAnAdministrator,
    ReadOnlyDatabase,
    UnsupportedDatabase,
)
from committee.paths import DEFAULT_DATABASE
from committee.store import audit, integrity, register
from committee.store.driver_errors import damaged_message, database_errors, location, masked_url
from committee.store.identity import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    OWN_TABLES,
    alembic_config,
    judge,
    read_only_connection,
    read_only_uri,
    server_facts,
    sidecar,
    sqlite_facts,
)

# How long a command waits for another session's write to end before it gives up.
SQLITE_BUSY_TIMEOUT_SECONDS = 5
# The execution option that makes an SQLite transaction take the write lock at its start.
_WRITE_TRANSACTION = "bcd138_write_transaction"

__all__ = ["HEAD_REVISION", "MIGRATIONS_DIR", "OWN_TABLES", "Database", "open_database"]

ENV_VARIABLE = "BCD138_DB"
# The engines bcd138 works with, and the driver a bare "postgresql://" URL uses.
SUPPORTED_BACKENDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DEFAULT_DRIVERS = {"postgresql": "postgresql+psycopg"}
DRIVER_PACKAGES = {"postgresql": "psycopg[binary]"}


def config_file() -> Path:
    """The clerk's settings: $XDG_CONFIG_HOME/bcd138/config.toml (else ~/.config/…)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "bcd138" / "config.toml"


def configured_db() -> str | None:
    """The `db = "…"` of the clerk's config.toml, when there is one."""
    import tomllib

    path = config_file()
    try:
        with path.open("rb") as file:
            value = tomllib.load(file).get("db")
    except FileNotFoundError:
        return None
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise UnsupportedDatabase(f"Không đọc được tệp cấu hình «{path}»: {error}.") from error
    if value is not None and not isinstance(value, str):
        raise UnsupportedDatabase(f'Tệp cấu hình «{path}»: db phải là một chuỗi (db = "…").')
    return value or None


def resolve_url(db: str | None = None) -> str:
    """The SQLAlchemy URL from --db, else $BCD138_DB, else the `db` of the clerk's
    config.toml, else the default SQLite file."""
    chosen = db or os.environ.get(ENV_VARIABLE) or configured_db() or str(DEFAULT_DATABASE)
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


def parse_url(url: str) -> URL:
    """The URL, parsed and checked to name an engine bcd138 works with."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as error:
        raise UnsupportedDatabase(
            f"«{masked_url(url)}» không phải địa chỉ cơ sở dữ liệu hợp lệ; hãy dùng đường dẫn "
            "một tệp SQLite hoặc URL dạng postgresql://người_dùng@máy_chủ:cổng/tên."
        ) from error
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise UnsupportedDatabase(
            f"bcd138 không dùng được loại cơ sở dữ liệu «{backend}» («{masked_url(parsed)}»); "
            "hãy dùng một tệp SQLite hoặc PostgreSQL (postgresql://…)."
        )
    if parsed.drivername in DEFAULT_DRIVERS:
        parsed = parsed.set(drivername=DEFAULT_DRIVERS[parsed.drivername])
    return parsed


def make_engine(url: URL, where: str, writable: bool = True) -> Engine:
    """The engine for a parsed URL; an unknown or missing driver is refused clearly."""
    backend = url.get_backend_name()
    try:
        engine = create_engine(url)
    except NoSuchModuleError as error:
        raise UnsupportedDatabase(
            f"bcd138 không có trình điều khiển «{url.get_driver_name()}» cho "
            f"{SUPPORTED_BACKENDS[backend]} («{where}»)."
        ) from error
    except ImportError as error:
        package = DRIVER_PACKAGES.get(backend, error.name or url.get_driver_name())
        raise UnsupportedDatabase(
            f"Chưa cài trình điều khiển {SUPPORTED_BACKENDS[backend]} «{error.name}» để mở "
            f"«{where}»; hãy cài: pip install '{package}'."
        ) from error
    if backend == "sqlite":
        _enable_sqlite_pragmas(engine, writable)
    return engine


def _enable_sqlite_pragmas(engine: Engine, writable: bool = True) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # transactions begin in _begin_sqlite below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        if writable:  # both write the file; a read-only file keeps its settings
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        if writable:
            audit.prepare_sqlite_connection(dbapi_connection, record.info)

    @event.listens_for(engine, "begin")
    def _begin_sqlite(connection) -> None:  # type: ignore[no-untyped-def]
        """Every transaction is a real one, reads included (SQLAlchemy's recipe for the
        sqlite3 driver); a write transaction takes the write lock at once (BEGIN
        IMMEDIATE), so that what it reads stays true until it commits: two writers never
        both act on the same state, the second waits for the first."""
        writing = connection.get_execution_options().get(_WRITE_TRANSACTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


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

    config = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        if sqlite:
            # SQLite alters a table by rebuilding it (Alembic's batch mode), which foreign
            # keys enforced row by row forbid; they are checked once, before the commit.
            driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.execution_options(**{_WRITE_TRANSACTION: True}).begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")
        finally:
            if sqlite:
                driver.execute("PRAGMA foreign_keys=ON")
    if sqlite:  # the connections opened before the audit table was made lack its triggers
        engine.dispose()


@dataclass
class _Closing:
    """What closing a Database needs, kept apart from it so that closing can also happen
    when the Database is dropped without `dispose()` (or at the end of the process)."""

    engine: Engine
    sqlite_path: Path | None
    writable: bool
    sound: bool = True

    def __call__(self) -> None:
        with suppress(SQLAlchemyError, sqlite3.Error):
            self.engine.dispose()
        path = self.sqlite_path
        if path is not None and self.writable and self.sound and not integrity.known_sound(path):
            integrity.remember_sound(path)


@dataclass(eq=False)
class Database:
    url: str
    engine: Engine
    location: str = ""  # how messages name it: the file's path, or the URL without password
    writable: bool = True
    sqlite_path: Path | None = None  # the SQLite file, found sound when it was opened

    def __post_init__(self) -> None:
        self.location = self.location or location(self.url)
        self._closing = _Closing(self.engine, self.sqlite_path, self.writable)
        self._finalizer = weakref.finalize(self, self._closing)

    def errors(self) -> AbstractContextManager[None]:
        """A block whose database errors are raised as the clerk's typed errors."""
        return database_errors(self.location, self._noticed)

    def _noticed(self, problem: DatabaseProblem) -> None:
        if isinstance(problem, DamagedDatabase) and self.sqlite_path is not None:
            self._closing.sound = False
            integrity.forget(self.sqlite_path)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading (and for writes the caller commits itself)."""
        with self.errors(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed as one whole, or not at all.

        On SQLite it is a write transaction from its start (BEGIN IMMEDIATE): while one
        runs, another waits for it up to SQLITE_BUSY_TIMEOUT_SECONDS, then gives up with
        DatabaseLocked. PostgreSQL's use-cases lock the rows they change instead.
        """
        writer = self.engine.execution_options(**{_WRITE_TRANSACTION: True})
        with self.errors(), Session(writer, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        """Close every connection. A file found sound when opened that bcd138 changed is
        remembered as sound as it is now, closed (see committee.store.integrity). Done also when
        the Database is dropped, or at the latest when the process ends."""
        self._finalizer()


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


# PostgreSQL drivers whose DB-API cursor(name=...) is a server-side cursor.
_SERVER_CURSOR_DRIVERS = frozenset({"psycopg", "psycopg2"})
_CURSOR_NUMBERS = itertools.count(1)


# Rows a fetch of `driver_rows` asks for (on PostgreSQL a round trip to the server each).
# 5,000 was tried on the nation (benchmarks/NOTES.md, wave perf2): the check on
# PostgreSQL was no faster against SQLite (1.43× in a loaded run) and its client's peak
# rose from 114 to 121 MiB (1.12× SQLite's, over the 1.1× target), so 1,000 it stays.
DRIVER_BATCH = 1000


def driver_rows(
    session: Session, statement: Select[Any], batch: int = DRIVER_BATCH
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of a SELECT as the database driver returns them, `batch` rows at a time:
    lists of plain tuples.

    On PostgreSQL the rows come through a server-side cursor, a batch per fetch.

    For bulk reads of plain columns (text and numbers), where building SQLAlchemy rows
    would cost as much again as the driver's own fetch, and where rows are used up as they
    come (a batch's memory is reused by the next). The statement is compiled for the
    session's database, with its values written into the SQL, and runs on the session's
    connection, inside its transaction. Columns that need SQLAlchemy's type conversion
    (dates, enums) must be read with `session.execute` instead.
    """
    connection = session.connection()
    dialect = connection.dialect
    sql = str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    if dialect.name == "postgresql" and dialect.driver in _SERVER_CURSOR_DRIVERS:
        # A server-side (named) cursor: the server keeps the result and sends a batch per
        # fetch, so that the client never holds the whole of it (psycopg's ordinary
        # cursor receives every row at once).
        cursor = connection.connection.cursor(name=f"bcd138_rows_{next(_CURSOR_NUMBERS)}")
    else:
        cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield rows
    finally:
        # A generator left half-read is closed when it is collected, perhaps after its
        # connection: a cursor of a closed connection has nothing left to free.
        with suppress(connection.dialect.loaded_dbapi.Error):
            cursor.close()


def _is_new_sqlite_file(path: Path, where: str) -> bool:
    """True for a file still to be made (absent or empty); refuses what cannot be one."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise DatabaseUnavailable(
                f"Thư mục «{path.parent}» không tồn tại; không thể tạo cơ sở dữ liệu «{where}»."
            ) from None
        return True
    if not os.access(path, os.R_OK):
        raise DatabaseUnavailable(f"Không mở được cơ sở dữ liệu «{where}»: không có quyền đọc tệp.")
    if stat.S_ISDIR(info.st_mode):
        raise NotADatabase(f"«{where}» là một thư mục, không phải tệp cơ sở dữ liệu bcd138.")
    if not stat.S_ISREG(info.st_mode):
        raise NotADatabase(
            f"«{where}» không phải một tệp thông thường (mà là thiết bị, ống dẫn hay socket), "
            "không dùng làm cơ sở dữ liệu được; không có gì bị thay đổi."
        )
    return info.st_size == 0


def _examine_sqlite_file(path: Path, where: str) -> str | None:
    """The revision of a bcd138 SQLite file, found sound; refuses a foreign or damaged one.

    Everything is read through SQLite, on a connection that writes nothing: never with
    Python's own open(), whose closing would drop the POSIX locks SQLite holds on the file
    for other connections of this process. The file is read without locks when no -wal is
    beside it; should another bcd138 change it meanwhile (the reading would look damaged),
    it is read once more."""
    before = integrity.file_state(path)
    try:
        return _examine_once(path, where)
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
            raise NotADatabase(
                f"Tệp «{where}» không phải cơ sở dữ liệu bcd138; tệp được giữ nguyên. "
                "Hãy chọn tệp khác bằng --db."
            ) from error
        if integrity.file_state(path) == before:
            raise
    return _examine_once(path, where)


def _examine_once(path: Path, where: str) -> str | None:
    with read_only_connection(path) as connection:
        revision = judge(sqlite_facts(connection), where)
        if integrity.known_sound(path):
            return revision
        found = integrity.problems(connection)
    if found:
        integrity.forget(path)
        detail = f"kiểm tra toàn vẹn thấy {len(found)} chỗ hỏng"
        raise DamagedDatabase(damaged_message(where, detail))
    integrity.remember_sound(path)
    return revision


def _can_write(path: Path) -> bool:
    """Whether this process may write the file, and the -wal and -shm SQLite keeps beside it."""
    if not os.access(path.parent, os.W_OK):
        return False
    parts = [path, sidecar(path, "-wal"), sidecar(path, "-shm")]
    return all(os.access(part, os.W_OK) for part in parts if part.exists())


def _open_sqlite_file(url: str, parsed: URL, where: str) -> Database:
    path = Path(str(parsed.database))
    with database_errors(where):
        new = _is_new_sqlite_file(path, where)
        revision = None if new else _examine_sqlite_file(path, where)
        writable = _can_write(path)
    if not writable:
        if new or revision != HEAD_REVISION:
            needed = "tạo cơ sở dữ liệu mới" if new else "nâng cấp lược đồ lên bản mới"
            raise ReadOnlyDatabase(
                f"Cơ sở dữ liệu «{where}» chỉ cho đọc (tệp, thư mục chứa tệp hoặc ổ đĩa không "
                f"cho ghi) mà cần {needed}; không có gì bị thay đổi. Hãy cấp quyền ghi."
            )
        read_only = URL.create("sqlite", database=read_only_uri(path), query={"uri": "true"})
        engine = make_engine(read_only, where, writable=False)
    else:
        engine = make_engine(parsed, where)
    return _migrated(Database(url, engine, where, writable, path), lambda: revision)


def _open_server(url: str, parsed: URL, where: str) -> Database:
    def revision() -> str | None:
        with database.engine.connect() as connection:
            found = judge(server_facts(connection), where)
            if found != HEAD_REVISION and not register.is_administrator(connection):
                raise NotAnAdministrator(register.upgrade_refused_message(where, found, connection))
            return found

    database = Database(url, make_engine(parsed, where), where)
    return _migrated(database, revision)


def _migrated(database: Database, revision: Callable[[], str | None]) -> Database:
    """The database brought to the newest revision (`revision` says which it has); closed
    again if that fails."""
    try:
        with database.errors():
            if revision() != HEAD_REVISION:
                migrate(database.engine)
    except BaseException:
        database.dispose()
        raise
    return database


def open_database(db: str | None = None) -> Database:
    """Open (creating and migrating if needed) the database named by --db / $BCD138_DB."""
    url = resolve_url(db)
    parsed = parse_url(url)
    where = location(parsed)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return _open_sqlite_file(url, parsed, where)
    return _open_server(url, parsed, where)
