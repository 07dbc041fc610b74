"""The audit trail: every change of a decision, a roster line, a committee document or an
assigned duty, recorded by the database itself as it happens (table audit_entry).

On PostgreSQL the triggers are part of the schema (migration 0006): a SECURITY DEFINER
function owned by the administrator writes the entry, with `session_user` as the actor,
so that a clerk can neither write an entry of its own nor change or delete one.

On SQLite the same triggers are TEMP triggers that bcd138 makes on each connection it
opens to a writable file, with the operating-system user (`bcd138_actor()`, a function
registered on the connection) as the actor. A program that writes the file without
bcd138 writes no entry; nobody, bcd138 included, can change or delete one (a stored
trigger refuses it).

Triggers rather than an ORM-level history library (sqlalchemy-continuum, sqlalchemy-
history): they see every write, the ones a clerk makes with psql included, they run with
the administrator's rights under row-level security, and they need no shadow tables per
model nor a library that follows SQLAlchemy's releases.

`audit_context(session, "import")` names the action a whole transaction does, where the
rows alone do not tell it (a decision made by an import).
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session

IMPORT = "import"
_STATE_KEY = "bcd138_audit_state"
_STAMPS = ("version", "updated_at", "updated_by")


def operating_system_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment nor in the password database
        return f"uid {os.getuid()}"


# How a row of each audited table names its unit, in SQLite, from the row `R` (NEW/OLD).
_SQLITE_UNIT = {
    "decision": ("{r}.unit_era", "{r}.unit_code"),
    "membership": (
        "(SELECT unit_era FROM decision WHERE id = {r}.decision_id)",
        "(SELECT unit_code FROM decision WHERE id = {r}.decision_id)",
    ),
    "committee_document": (
        "(SELECT unit_era FROM decision WHERE id = {r}.decision_id)",
        "(SELECT unit_code FROM decision WHERE id = {r}.decision_id)",
    ),
    "assigned_duty": (
        "(SELECT d.unit_era FROM committee_document k JOIN decision d ON d.id = k.decision_id "
        "WHERE k.id = {r}.document_id)",
        "(SELECT d.unit_code FROM committee_document k JOIN decision d ON d.id = k.decision_id "
        "WHERE k.id = {r}.document_id)",
    ),
}
AUDITED_TABLES = tuple(_SQLITE_UNIT)


def _changed(column: str) -> str:
    return f"NEW.{column} IS NOT OLD.{column}"


def _only(columns: list[str], changed: str) -> str:
    others = [_changed(column) for column in columns if column != changed]
    return f"({_changed(changed)} AND NOT ({' OR '.join(others) or '0'}))"


def _actions(table: str, columns: list[str]) -> dict[str, str]:
    """The action of an INSERT, UPDATE and DELETE of `table`, as SQL expressions."""
    tracked = [column for column in columns if column not in _STAMPS]
    if table == "decision":
        return {
            "INSERT": (
                f"CASE WHEN bcd138_context() = '{IMPORT}' THEN 'decision_imported' "
                "ELSE 'decision_created' END"
            ),
            "UPDATE": (
                "CASE WHEN NEW.status IS NOT OLD.status AND NEW.status = 'issued' "
                f"THEN 'decision_issued' WHEN {_only(tracked, 'in_force')} AND NOT NEW.in_force "
                "THEN 'decision_superseded' ELSE 'decision_edited' END"
            ),
            "DELETE": "'decision_deleted'",
        }
    if table == "membership":
        return {
            "INSERT": "'member_added'",
            "UPDATE": (
                f"CASE WHEN {_only(tracked, 'person_id')} THEN 'person_linked' "
                f"WHEN {_only(tracked, 'position')} THEN 'member_moved' ELSE 'member_edited' END"
            ),
            "DELETE": "'member_removed'",
        }
    noun = "document" if table == "committee_document" else "duty"
    return {
        "INSERT": f"'{noun}_recorded'",
        "UPDATE": f"'{noun}_edited'",
        "DELETE": f"'{noun}_deleted'",
    }


def _json(row: str, columns: list[str], table: str) -> str:
    def value(column: str) -> str:
        if table == "membership" and column == "position":  # a parked line's old place
            return f"abs({row}.position)"
        return f"{row}.{column}"

    return "json_object(" + ", ".join(f"'{c}', {value(c)}" for c in columns) + ")"


def sqlite_triggers(table: str, columns: list[str]) -> list[str]:
    """The TEMP triggers that audit `table` (whose columns are `columns`) on SQLite."""
    statements = []
    tracked = [column for column in columns if column not in _STAMPS]
    for operation, action in _actions(table, columns).items():
        row = "OLD" if operation == "DELETE" else "NEW"
        era, code = (part.format(r=row) for part in _SQLITE_UNIT[table])
        before = "NULL" if operation == "INSERT" else _json("OLD", columns, table)
        after = "NULL" if operation == "DELETE" else _json("NEW", columns, table)
        when = ""
        if operation == "UPDATE":  # only the version stamps moved: not a change to show
            when = "WHEN (" + " OR ".join(_changed(column) for column in tracked) + ")"
            if table == "membership":  # a line parked while the roster is renumbered
                when += " AND NEW.position >= 0"
        statements.append(
            f"CREATE TEMP TRIGGER IF NOT EXISTS bcd138_audit_{table}_{operation.lower()} "
            f"AFTER {operation} ON main.{table} FOR EACH ROW {when} BEGIN "
            "INSERT INTO audit_entry (at, actor, action, record_kind, record_id, "
            "unit_era, unit_code, before_values, after_values) VALUES (bcd138_now(), "
            f"bcd138_actor(), {action}, '{table}', {row}.id, {era}, {code}, {before}, {after}); "
            "END"
        )
    return statements


def prepare_sqlite_connection(connection: sqlite3.Connection, info: dict) -> None:  # type: ignore[type-arg]
    """Register the audit's functions on a new SQLite connection of bcd138, and make its
    TEMP triggers when the file has the audit table (a file being created gets them on
    its next connection)."""
    state = {"context": "", "actor": operating_system_user()}
    info[_STATE_KEY] = state
    connection.create_function("bcd138_actor", 0, lambda: state["actor"])
    connection.create_function("bcd138_context", 0, lambda: state["context"])
    connection.create_function(
        "bcd138_now", 0, lambda: datetime.now().isoformat(sep=" ", timespec="microseconds")
    )
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_entry'"
    ).fetchone()
    if found is None:
        return
    for table in AUDITED_TABLES:
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
        for statement in sqlite_triggers(table, columns):
            connection.execute(statement)


@contextmanager
def audit_context(session: Session, action: str) -> Iterator[None]:
    """Within the block, the session's changes are recorded as part of `action` (IMPORT)."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        session.execute(
            text("SELECT set_config('bcd138.context', :action, true)"), {"action": action}
        )
        yield  # the setting ends with the transaction, if not before
        session.execute(text("SELECT set_config('bcd138.context', '', true)"))
        return
    state = connection.connection.info.get(_STATE_KEY)
    if state is None:
        yield
        return
    state["context"] = action
    try:
        yield
    finally:
        state["context"] = ""
