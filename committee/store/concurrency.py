"""Changing records while other clerks work on the same database.

Every use-case that changes a decision, its roster or its unit's chain of decisions takes
the row lock of what it changes before reading it (`SELECT … FOR UPDATE` on PostgreSQL;
on SQLite the whole write transaction holds the database's write lock from its start, see
committee.store.database), reads it afresh, and checks it again inside: a decision issued
meanwhile is read-only, a record changed since the clerk read it is stale. The database's
own constraints (committee.store.models) back this up; what they refuse becomes a typed error
here, never a driver's traceback.

Who changed a record and when is stamped on every insert and update of a decision or a
membership: the database role on PostgreSQL, the operating-system user on SQLite.
"""

from __future__ import annotations

import getpass
import os
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Connection, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from committee.domain import field_limits as limits
from committee.domain.dates import format_date
from committee.domain.errors import ConcurrentChange, StaleRecord
from committee.store.models import AdminUnit, Decision, Membership

_Record = TypeVar("_Record", Decision, Membership)
_WRITER_KEY = "bcd138_writer"


def _operating_system_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment nor in the password database
        return f"uid {os.getuid()}"


def writer_name(connection: Connection) -> str:
    """Who writes through this connection: the PostgreSQL role, else the OS user."""
    name = connection.info.get(_WRITER_KEY)
    if name is None:
        if connection.dialect.name == "postgresql":
            name = str(connection.exec_driver_sql("SELECT current_user").scalar())
        else:
            name = _operating_system_user()
        name = name[: limits.WRITER]
        connection.info[_WRITER_KEY] = name
    return name


def _stamp(_mapper, connection: Connection, record: Decision | Membership) -> None:  # type: ignore[no-untyped-def]
    record.updated_at = datetime.now()
    record.updated_by = writer_name(connection)


for _model in (Decision, Membership):
    event.listen(_model, "before_insert", _stamp)
    event.listen(_model, "before_update", _stamp)


def touch(decision: Decision) -> None:
    """Mark a decision changed (its roster changed): its version moves on, so that a
    clerk who read it before is told it changed."""
    decision.updated_at = datetime.now()


def lock_unit(session: Session, unit_code: str, era: str) -> None:
    """Hold the unit's row until the transaction ends: whoever changes which decision is
    in force for the unit (issuing, importing, recording a document) waits for the other."""
    session.execute(
        select(AdminUnit.code)
        .where(AdminUnit.era == era, AdminUnit.code == unit_code)
        .with_for_update()
    ).first()


def _describe(record: Decision | Membership) -> str:
    if isinstance(record, Decision):
        return f"Quyết định số {record.number}"
    return f"Dòng «{record.full_name}» (STT {record.position})"


def stale_record(record: Decision | Membership) -> StaleRecord:
    """The refusal of a write based on an older reading of `record` (read afresh)."""
    who = f"«{record.updated_by}»" if record.updated_by else "một người khác"
    at = record.updated_at
    when = f" lúc {at:%H:%M:%S} ngày {format_date(at.date())}" if at else ""
    return StaleRecord(
        f"{_describe(record)} vừa được {who} sửa{when}, sau khi nó được mở ra ở đây; "
        "thay đổi này chưa được lưu. Hãy mở lại để xem bản mới nhất rồi sửa lại.",
        record.updated_by,
        record.updated_at,
    )


def read_locked(
    session: Session, model: type[_Record], record_id: int
) -> tuple[_Record | None, int | None]:
    """The record read afresh under its row lock (None when it is not there), and the
    version this session had read it at before, if it had."""
    held = session.identity_map.get(Session.identity_key(model, record_id))
    seen = held.version if held is not None else None
    record = session.get(model, record_id, with_for_update=True, populate_existing=True)
    return record, seen


def check_version(record: Decision | Membership, expected_version: int | None) -> None:
    """Refuse (StaleRecord) a write based on a reading of `record` at another version."""
    if expected_version is not None and record.version != expected_version:
        raise stale_record(record)


def locked(
    session: Session, model: type[_Record], record_id: int, expected_version: int | None = None
) -> _Record | None:
    """The record read afresh under its row lock, or None when it is not there.

    It must still have the version `expected_version` when given (what the clerk's form
    was read at), else the version this session read it at before, if it did: a record
    changed since is refused with StaleRecord."""
    record, seen = read_locked(session, model, record_id)
    if record is not None:
        check_version(record, expected_version if expected_version is not None else seen)
    return record


def flush(session: Session) -> None:
    """Write the session's changes; what the database refuses because another session
    wrote first becomes StaleRecord or ConcurrentChange."""
    try:
        session.flush()
    except StaleDataError as error:
        session.rollback()
        raise StaleRecord(
            "Dữ liệu vừa được một người khác sửa, sau khi nó được mở ra ở đây; thay đổi này "
            "chưa được lưu. Hãy mở lại để xem bản mới nhất rồi sửa lại."
        ) from error
    except IntegrityError as error:
        session.rollback()
        if not _is_unique_violation(error):
            raise
        raise ConcurrentChange(
            "Một phiên làm việc khác vừa ghi cùng dữ liệu này trước; thay đổi này chưa được "
            "lưu. Hãy mở lại để xem bản mới nhất rồi làm lại."
        ) from error


def _is_unique_violation(error: IntegrityError) -> bool:
    sqlstate = getattr(error.orig, "sqlstate", None)
    return sqlstate == "23505" or "UNIQUE constraint failed" in str(error.orig)
