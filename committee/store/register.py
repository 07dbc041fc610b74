"""The shared register on PostgreSQL: clerks, the units each may touch, and who may
administer it.

A clerk is a PostgreSQL role that logs in with its own credentials. The administrator
(the owner of the database or of bcd138's tables, a superuser, or a role that bypasses
row-level security) makes clerks and gives each its units (table clerk_scope); every unit
under them is flattened into clerk_unit, which the row-level security policies of
migration 0006 look up: a clerk reads its units (or every unit, when it may read all) and
writes only the units it was given to write. The database enforces this for any client,
psql included; bcd138 checks it before writing too (`check_write_scope`, run before every
flush), so that a refused write is told in Vietnamese, naming the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, event, select, text
from sqlalchemy.orm import Session as OrmSession

from committee.domain.errors import InvalidInput, OutsideScope
from committee.domain.vocabulary import Era, era_option
from committee.store.models import (
    AdminUnit,
    AssignedDuty,
    Clerk,
    ClerkScope,
    ClerkUnit,
    CommitteeDocument,
    Decision,
    Membership,
)

# The tables a clerk writes (under row-level security, except person: people are shared
# by the units of a district) and the ones it only reads.
DATA_TABLES = ("decision", "membership", "committee_document", "assigned_duty", "person")
READ_TABLES = (
    "admin_unit",
    "unit_succession",
    "alembic_version",
    "clerk",
    "clerk_scope",
    "clerk_unit",
    "audit_entry",
)
_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_CLERK_KEY = "bcd138_clerk"
_WRITABLE_KEY = "bcd138_writable_units"  # session.info: the units this transaction may write


def checked_role_name(login: str) -> str:
    """A clerk's login as PostgreSQL will know it; refuses what is not a plain role name."""
    if not _ROLE_NAME.fullmatch(login):
        raise InvalidInput(
            "login",
            f"Tên đăng nhập «{login}» không dùng được: chỉ gồm chữ thường không dấu (a–z), "
            "chữ số và dấu gạch dưới, bắt đầu bằng chữ, tối đa 63 ký tự.",
        )
    return login


def quoted(role: str) -> str:
    return '"' + checked_role_name(role) + '"'


def is_server(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def is_administrator(connection: Connection) -> bool:
    """Whether this connection's role administers the register: a superuser, a role that
    bypasses row-level security, or a member of the role owning the database or
    bcd138's tables. On SQLite, whoever may write the file."""
    if not is_server(connection):
        return True
    return bool(
        connection.exec_driver_sql(
            "SELECT r.rolsuper OR r.rolbypassrls "
            "OR pg_has_role(current_user, d.datdba, 'USAGE') "
            "OR coalesce(pg_has_role(current_user, (SELECT relowner FROM pg_class "
            "WHERE oid = to_regclass('public.decision')), 'USAGE'), false) "
            "FROM pg_roles r, pg_database d "
            "WHERE r.rolname = current_user AND d.datname = current_database()"
        ).scalar()
    )


def current_role(connection: Connection) -> str:
    return str(connection.exec_driver_sql("SELECT current_user").scalar())


@dataclass(frozen=True)
class ClerkAccess:
    """What the role of a connection is in the register: None when it is no clerk."""

    role: str
    read_only: bool


def clerk_of(connection: Connection) -> ClerkAccess | None:
    """The clerk this connection logged in as (None for the administrator or on SQLite);
    asked once per connection."""
    if not is_server(connection):
        return None
    if _CLERK_KEY not in connection.info:
        row = connection.exec_driver_sql(
            "SELECT role, read_only FROM clerk WHERE role = current_user"
        ).first()
        connection.info[_CLERK_KEY] = ClerkAccess(row[0], bool(row[1])) if row else None
    return connection.info[_CLERK_KEY]


# --- the scope check before writing ------------------------------------------------------


def _decision_of(session: OrmSession, record: object) -> Decision | None:
    if isinstance(record, Decision):
        return record
    if isinstance(record, Membership | CommitteeDocument):
        return session.get(Decision, record.decision_id)
    if isinstance(record, AssignedDuty):
        document = session.get(CommitteeDocument, record.document_id)
        return session.get(Decision, document.decision_id) if document is not None else None
    return None


def _unit_words(session: OrmSession, era: str, code: str) -> str:
    unit = session.get(AdminUnit, (era, code))
    name = f"{unit.name} " if unit is not None else "đơn vị "
    return f"{name}(mã {code}{era_option(era)})"


def outside_scope(clerk: ClerkAccess, unit: str | None = None) -> OutsideScope:
    if clerk.read_only or unit is None:
        return OutsideScope(
            f"Tài khoản «{clerk.role}» chỉ được xem sổ đăng ký, không được ghi; không có gì "
            "được ghi. Hãy nhờ người quản trị nếu cần ghi."
        )
    return OutsideScope(
        f"Tài khoản «{clerk.role}» không được ghi dữ liệu của {unit}: đơn vị này ngoài các "
        "đơn vị người quản trị giao; không có gì được ghi. Hãy nhờ cán bộ của đơn vị đó "
        "hoặc người quản trị."
    )


def check_write_scope(session: OrmSession, _context: object, _instances: object) -> None:
    """Refuse (OutsideScope) a flush that would write outside the clerk's units, before
    anything is written; row-level security refuses it anyway."""
    changed = [*session.new, *session.dirty, *session.deleted]
    audited = (Decision, Membership, CommitteeDocument, AssignedDuty)
    if not any(isinstance(record, audited) for record in changed):
        return
    connection = session.connection()
    clerk = clerk_of(connection)
    if clerk is None:
        return
    if clerk.read_only:
        raise outside_scope(clerk)
    units = set()
    with session.no_autoflush:
        for record in changed:
            decision = _decision_of(session, record)
            if decision is not None:
                units.add((decision.unit_era, decision.unit_code))
        for era, code in sorted(units):
            _require(session, clerk, era, code)


def _require(session: OrmSession, clerk: ClerkAccess, era: str, code: str) -> None:
    """Refuse (OutsideScope) a unit the clerk may not write. The answer is kept for the
    session (one transaction): a save asks before it takes its row locks, and its flush,
    under them, then costs no further round trip."""
    writable: set[tuple[str, str]] = session.info.setdefault(_WRITABLE_KEY, set())
    if (era, code) in writable:
        return
    allowed = (
        session.connection()
        .execute(
            select(ClerkUnit.role).where(
                ClerkUnit.role == clerk.role,
                ClerkUnit.unit_era == era,
                ClerkUnit.unit_code == code,
                ClerkUnit.writable,
            )
        )
        .first()
    )
    if allowed is None:
        raise outside_scope(clerk, _unit_words(session, era, code))
    writable.add((era, code))


def require_writable(session: OrmSession, era: str, code: str) -> None:
    """Refuse (OutsideScope) early, before any row lock is taken, a write to a unit the
    clerk of this connection may not write; nothing for an administrator or on SQLite."""
    clerk = clerk_of(session.connection())
    if clerk is None:
        return
    if clerk.read_only:
        raise outside_scope(clerk)
    _require(session, clerk, era, code)


event.listen(OrmSession, "before_flush", check_write_scope)


# --- clerks --------------------------------------------------------------------------------


def _sequences(connection: Connection) -> list[str]:
    names = []
    for table in DATA_TABLES:
        name = connection.exec_driver_sql(
            f"SELECT pg_get_serial_sequence('{table}', 'id')"
        ).scalar()
        if name:
            names.append(str(name))
    return names


def grant_rights(connection: Connection, role: str, read_only: bool) -> None:
    """The table rights of a clerk: rows as its policies allow, no DDL, no audit writes."""
    name = quoted(role)
    database = connection.exec_driver_sql("SELECT current_database()").scalar()
    connection.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{database}" TO {name}')
    connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {name}")
    connection.exec_driver_sql(f"REVOKE CREATE ON SCHEMA public FROM {name}")
    connection.exec_driver_sql(f"GRANT SELECT ON {', '.join(READ_TABLES)} TO {name}")
    if read_only:
        connection.exec_driver_sql(f"GRANT SELECT ON {', '.join(DATA_TABLES)} TO {name}")
        return
    connection.exec_driver_sql(
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(DATA_TABLES)} TO {name}"
    )
    # SELECT … FOR UPDATE of a unit (its lock) needs an UPDATE right; policy clerk_locks
    # lets no update through.
    connection.exec_driver_sql(f"GRANT UPDATE (search_key) ON admin_unit TO {name}")
    for sequence in _sequences(connection):
        connection.exec_driver_sql(f"GRANT USAGE ON SEQUENCE {sequence} TO {name}")


def revoke_rights(connection: Connection, role: str) -> None:
    name = quoted(role)
    tables = ", ".join((*DATA_TABLES, *READ_TABLES))
    connection.exec_driver_sql(f"REVOKE ALL ON {tables} FROM {name}")
    for sequence in _sequences(connection):
        connection.exec_driver_sql(f"REVOKE ALL ON SEQUENCE {sequence} FROM {name}")
    database = connection.exec_driver_sql("SELECT current_database()").scalar()
    connection.exec_driver_sql(f'REVOKE ALL ON DATABASE "{database}" FROM {name}')
    connection.exec_driver_sql(f"REVOKE ALL ON SCHEMA public FROM {name}")


def role_exists(connection: Connection, role: str) -> bool:
    found = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
    ).first()
    return found is not None


def create_login(connection: Connection, role: str, password: str | None) -> None:
    statement = f"CREATE ROLE {quoted(role)} LOGIN"
    if password:
        # The password goes to the server as a literal; bcd138 keeps no copy.
        literal = connection.exec_driver_sql(
            "SELECT quote_literal(%(password)s)", {"password": password}
        ).scalar()
        statement += f" PASSWORD {literal}"
    connection.exec_driver_sql(statement)


def drop_login(connection: Connection, role: str) -> None:
    connection.exec_driver_sql(f"DROP ROLE IF EXISTS {quoted(role)}")


_UNDER = text(
    """
    WITH RECURSIVE under_scope (era, code, writable) AS (
        SELECT s.unit_era, s.unit_code, s.writable FROM clerk_scope s WHERE s.role = :role
        UNION ALL
        SELECT u.era, u.code, under_scope.writable FROM admin_unit u
        JOIN under_scope ON u.era = under_scope.era AND u.parent_code = under_scope.code
    )
    INSERT INTO clerk_unit (role, unit_era, unit_code, writable)
    SELECT :role, era, code, max(CASE WHEN writable THEN 1 ELSE 0 END) = 1
    FROM under_scope GROUP BY era, code
    """
)


def flatten_scopes(connection: Connection, role: str) -> int:
    """Fill clerk_unit with every unit under the clerk's scopes; the number of units."""
    connection.execute(text("DELETE FROM clerk_unit WHERE role = :role"), {"role": role})
    connection.execute(_UNDER, {"role": role})
    return int(
        connection.execute(
            text("SELECT count(*) FROM clerk_unit WHERE role = :role"), {"role": role}
        ).scalar()
        or 0
    )


def cover_new_units(connection: Connection) -> int:
    """After units were loaded (another province, the other era, a catalogue that gained a
    unit), flatten every clerk's scopes again so that a scope covers the units now under
    it; the number of clerks refreshed. Only on an administrator's connection to a server:
    elsewhere there are no clerks, or no right to change them."""
    if not is_server(connection) or not is_administrator(connection):
        return 0
    roles = connection.execute(text("SELECT role FROM clerk ORDER BY role")).scalars().all()
    for role in roles:
        flatten_scopes(connection, role)
    return len(roles)


__all__ = [
    "Clerk",
    "ClerkScope",
    "ClerkUnit",
    "Era",
    "check_write_scope",
    "clerk_of",
    "is_administrator",
]


def upgrade_refused_message(where: str, revision: str | None, connection: Connection) -> str:
    """Why a clerk's connection to a register that needs migrating is refused."""
    from committee.store.identity import HEAD_REVISION

    now = f"đang ở «{revision}»" if revision else "chưa có bảng nào"
    return (
        f"Cơ sở dữ liệu «{where}» cần nâng cấp lược đồ ({now}, bản bcd138 này cần "
        f"«{HEAD_REVISION}»), mà chỉ người quản trị sổ đăng ký mới được nâng cấp; tài khoản "
        f"«{current_role(connection)}» không phải người quản trị. Không có gì bị thay đổi. "
        f"Hãy nhờ người quản trị chạy: bcd138 --db {where} init"
    )
