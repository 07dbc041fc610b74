"""Backing the register up to one file, and restoring it from one.

- SQLite: the file is copied by SQLite's online backup API (a consistent copy while other
  clerks keep working), and restored by it too: the backup is an SQLite file of bcd138.
- PostgreSQL: bcd138 writes the dump itself, without pg_dump: a JSON-lines file, its first
  line naming the format and the schema revision, then one line per row of each of
  bcd138's tables, in the order their foreign keys need. It is read back into an empty
  register at the same revision in one transaction, with the audit triggers paused so that
  the restored trail is the one backed up, and the id sequences set after the rows.
  Clerks' roles live in the server, not the database: a restored register keeps its clerk
  and scope rows, and the administrator gives the rights again (`bcd138 clerk add`).

Only the administrator backs up or restores a PostgreSQL register (a clerk would see only
its rows). A restore into a register that holds decisions needs `force`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Date, DateTime, Table, case, delete, func, insert, select, text
from sqlmodel import SQLModel

from committee.domain.errors import NotAnAdministrator, UserError
from committee.exports.output_files import checked_target, write_atomically
from committee.store import models  # noqa: F401  (registers the tables)
from committee.store.database import Database
from committee.store.identity import (
    HEAD_REVISION,
    OWN_TABLES,
    REVISION_TABLE,
    has_sqlite_header,
    judge,
    read_only_connection,
    sqlite_facts,
)
from committee.store.register import is_administrator

FORMAT = "bcd138-backup"
FORMAT_VERSION = 1
_BATCH = 1000
_LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}
_AUDITED = ("decision", "membership", "committee_document", "assigned_duty", "audit_entry")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    kind: str  # "sqlite" or "jsonl"
    rows: int


def _tables() -> list[Table]:
    """bcd138's tables, parents before children."""
    return [
        table
        for table in SQLModel.metadata.sorted_tables
        if table.name in OWN_TABLES and table.name != REVISION_TABLE
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _server_lines(database: Database) -> Iterator[bytes]:
    header = {"format": FORMAT, "version": FORMAT_VERSION, "revision": HEAD_REVISION}
    yield (json.dumps(header) + "\n").encode()
    with database.session() as session:
        if not is_administrator(session.connection()):
            raise _not_administrator(database, "sao lưu")
        for table in _tables():
            names = [column.name for column in table.columns]
            order = list(table.primary_key.columns)
            if table.name == "admin_unit":  # a unit after its parent
                order.insert(0, case(_LEVEL_ORDER, value=table.columns["level"], else_=9))
            rows = session.execute(select(table).order_by(*order))
            for row in rows:
                record = {name: _plain(value) for name, value in zip(names, row, strict=True)}
                line = {"table": table.name, "row": record}
                yield (json.dumps(line, ensure_ascii=False) + "\n").encode()


def _not_administrator(database: Database, what: str) -> NotAnAdministrator:
    return NotAnAdministrator(
        f"Chỉ người quản trị sổ đăng ký mới {what} được «{database.location}»; tài khoản này "
        "chỉ thấy các đơn vị của mình. Không có gì bị thay đổi."
    )


def backup(database: Database, path: Path, *, force: bool = False) -> BackupResult:
    """Write the whole register to `path` (refused when it exists, unless `force`)."""
    path = checked_target(path, force)
    if database.sqlite_path is not None:
        return _backup_sqlite(database.sqlite_path, path, force)
    count = 0

    def write(stream: BinaryIO) -> None:
        nonlocal count
        for line in _server_lines(database):
            stream.write(line)
            count += 1

    with database.errors():
        write_atomically(path, write, replace=force)
    return BackupResult(path, "jsonl", count - 1)


def _backup_sqlite(source: Path, path: Path, force: bool) -> BackupResult:
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(":memory:")) as copy:
        live.backup(copy)  # SQLite's online backup API: a consistent copy
        copy.execute("PRAGMA journal_mode=DELETE")
        rows = sum(
            copy.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0] for table in _tables()
        )
        image = copy.serialize()
    write_atomically(path, lambda stream: stream.write(image), replace=force)
    return BackupResult(path, "sqlite", rows)


# --- restore ---------------------------------------------------------------------------------


def _holds_data(database: Database) -> bool:
    with database.session() as session:
        return session.execute(select(models.Decision.id).limit(1)).first() is not None


def _refuse_non_empty(database: Database, force: bool) -> None:
    if not force and _holds_data(database):
        raise UserError(
            f"Cơ sở dữ liệu «{database.location}» đã có quyết định; khôi phục sẽ thay toàn bộ "
            "dữ liệu bằng bản sao lưu. Không có gì bị thay đổi. Thêm --force nếu muốn thay."
        )


def restore(database: Database, path: Path, *, force: bool = False) -> int:
    """Replace the register's data with the backup at `path`; the number of rows restored.
    The database is closed afterwards (open it again to use it)."""
    path = Path(path).resolve()
    if not path.is_file():
        raise UserError(f"Không có tệp sao lưu «{path}».")
    _refuse_non_empty(database, force)
    if has_sqlite_header(path):
        if database.sqlite_path is None:
            raise UserError(
                f"«{path}» là bản sao lưu của một tệp SQLite; sổ đăng ký PostgreSQL khôi phục "
                "từ bản sao lưu JSON mà «bcd138 backup» ghi từ máy chủ."
            )
        return _restore_sqlite(database, path)
    return _restore_lines(database, path)


def _restore_sqlite(database: Database, path: Path) -> int:
    with read_only_connection(path) as backup_file:
        revision = judge(sqlite_facts(backup_file), str(path))
        if revision is None:
            raise UserError(f"Tệp sao lưu «{path}» rỗng; không có gì để khôi phục.")
        rows = sum(
            backup_file.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
            for table in _tables()
            if table.name
            in {row[0] for row in backup_file.execute("SELECT name FROM sqlite_master")}
        )
    target = database.sqlite_path
    assert target is not None
    database.dispose()
    with (
        database.errors(),
        closing(sqlite3.connect(path)) as source,
        closing(sqlite3.connect(target)) as live,
    ):
        source.backup(live)
    return rows


def _read_lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as stream:
        for number, line in enumerate(stream, start=1):
            try:
                yield json.loads(line)
            except ValueError as error:
                raise UserError(
                    f"Tệp sao lưu «{path}» hỏng ở dòng {number}; không có gì bị thay đổi."
                ) from error


def _typed(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    typed = dict(row)
    for column in table.columns:
        value = typed.get(column.name)
        if isinstance(value, str) and isinstance(column.type, DateTime):
            typed[column.name] = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            typed[column.name] = date.fromisoformat(value)
    return typed


def _restore_lines(database: Database, path: Path) -> int:
    lines = _read_lines(path)
    header = next(lines, None)
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise UserError(f"«{path}» không phải bản sao lưu của bcd138; không có gì bị thay đổi.")
    if header.get("revision") != HEAD_REVISION:
        raise UserError(
            f"Bản sao lưu «{path}» có lược đồ «{header.get('revision')}», bản bcd138 này dùng "
            f"«{HEAD_REVISION}»; hãy khôi phục bằng phiên bản bcd138 đã sao lưu nó."
        )
    tables = {table.name: table for table in _tables()}
    count = 0
    with database.transaction() as session:
        connection = session.connection()
        server = connection.dialect.name == "postgresql"
        if server and not is_administrator(connection):
            raise _not_administrator(database, "khôi phục")
        if not server:
            raise UserError(
                "Tệp SQLite khôi phục từ bản sao lưu SQLite (bcd138 backup trên tệp SQLite)."
            )
        for name in _AUDITED:  # the trail restored is the one backed up
            connection.exec_driver_sql(f"ALTER TABLE {name} DISABLE TRIGGER USER")
        for table in reversed(list(tables.values())):
            connection.execute(delete(table))
        batch: list[dict[str, Any]] = []
        batch_table: Table | None = None
        superseding: list[dict[str, Any]] = []
        for line in lines:
            table = tables.get(str(line.get("table")))
            if table is None:
                raise UserError(f"Tệp sao lưu «{path}» có bảng lạ «{line.get('table')}».")
            if batch and table is not batch_table:
                connection.execute(insert(batch_table), batch)  # type: ignore[arg-type]
                batch = []
            batch_table = table
            row = _typed(table, line["row"])
            if table.name == "decision" and row.get("supersedes_id") is not None:
                # the decision it supersedes may come later (its id is not always lower)
                superseding.append({"id": row["id"], "older": row["supersedes_id"]})
                row["supersedes_id"] = None
            batch.append(row)
            count += 1
            if len(batch) >= _BATCH:
                connection.execute(insert(table), batch)
                batch = []
        if batch:
            connection.execute(insert(batch_table), batch)  # type: ignore[arg-type]
        if superseding:
            connection.execute(
                text("UPDATE decision SET supersedes_id = :older WHERE id = :id"), superseding
            )
        for table in tables.values():
            if "id" in table.columns and table.columns["id"].autoincrement in (True, "auto"):
                highest = connection.execute(select(func.max(table.columns["id"]))).scalar()
                sequence = connection.execute(
                    text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name}
                ).scalar()
                if sequence:
                    connection.execute(
                        text("SELECT setval(:sequence, :value, :called)"),
                        {
                            "sequence": sequence,
                            "value": highest or 1,
                            "called": highest is not None,
                        },
                    )
        for name in _AUDITED:
            connection.exec_driver_sql(f"ALTER TABLE {name} ENABLE TRIGGER USER")
    database.dispose()
    return count
