"""The register on one SQLite file (issue 15): the audit trail written by triggers with the
OS user, kept append-only; a stale save between two processes names who changed the
record; `bcd138 backup` / `restore` through SQLite's backup API give the same check."""

from __future__ import annotations

import getpass
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from committee.domain.errors import StaleRecord
from committee.domain.vocabulary import Role
from committee.store.database import Database, open_database
from committee.usecases.audit import audit_entries
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    delete_draft,
    get_decision,
    issue,
    remove_member,
    update_details,
)
from committee.usecases.importing import ImportOptions, prepare_import, store_import
from tests.hostile import run_cli
from tests.store.audit_scenarios import assert_moves_are_one_entry_each, renumbered_roster_entries

from ..conftest import EXAMPLES


def test_every_change_of_a_session_is_in_the_audit_with_before_and_after(
    database: Database,
) -> None:
    with database.transaction() as session:
        decision = create_draft(session, "297", DecisionDetails("1/QĐ-UBND", date(2024, 1, 5)))
        line = add_member(
            session, decision.id, MemberInput("Phạm Văn Hùng", Role.CHAIR, "Chủ tịch")
        )
        other = add_member(session, decision.id, MemberInput("Lê Văn Hưng", Role.MEMBER, "Ủy viên"))
    with database.transaction() as session:
        update_details(session, decision.id, DecisionDetails("2/QĐ-UBND", date(2024, 1, 5)))
        remove_member(session, other.id)
    with database.transaction() as session:
        issue(session, decision.id)
    with database.transaction() as session:
        options = ImportOptions("294")
        store_import(
            session, prepare_import(session, EXAMPLES / "roster-district-columns.xlsx", options)
        )
        draft = create_draft(session, "294", DecisionDetails("3/QĐ-UBND", date(2024, 2, 1)))
    with database.transaction() as session:
        delete_draft(session, draft.id)
    with database.session() as session:
        entries = audit_entries(session, "297")
        everything = audit_entries(session)
    assert {entry.actor for entry in everything} == {getpass.getuser()}
    actions = [entry.action for entry in entries]
    assert actions[0] == "decision_created"
    for action in ("member_added", "decision_edited", "member_removed", "decision_issued"):
        assert action in actions
    edited = next(entry for entry in entries if entry.action == "decision_edited")
    assert (edited.before["number"], edited.after["number"]) == ("1/QĐ-UBND", "2/QĐ-UBND")
    removed = next(entry for entry in entries if entry.action == "member_removed")
    assert removed.before["full_name"] == "Lê Văn Hưng" and removed.after is None
    assert line.id in {entry.record_id for entry in entries if entry.action == "member_added"}
    of_294 = [entry.action for entry in everything if entry.unit_code == "294"]
    assert of_294[0] == "decision_imported" and of_294[-1] == "decision_deleted"
    assert of_294.count("member_added") >= 10


def test_nobody_changes_or_deletes_an_entry(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        create_draft(session, "297", DecisionDetails("1/QĐ-UBND", date(2024, 1, 5)))
    path = database.sqlite_path
    database.dispose()
    with sqlite3.connect(path) as connection:
        for sql in ("UPDATE audit_entry SET actor = 'x'", "DELETE FROM audit_entry"):
            with pytest.raises(sqlite3.IntegrityError, match="chỉ được ghi thêm"):
                connection.execute(sql)
        assert connection.execute("SELECT count(*) FROM audit_entry").fetchone() == (1,)


_EDIT = """
import sys
from datetime import date
from committee.store.database import open_database
from committee.usecases.decisions import DecisionDetails, update_details
database = open_database(sys.argv[1])
with database.transaction() as session:
    update_details(session, int(sys.argv[2]), DecisionDetails("9/QĐ-UBND", date(2024, 1, 5)))
"""


def test_a_stale_save_after_another_process_saved_names_who_and_when(database: Database) -> None:
    with database.transaction() as session:
        decision = create_draft(session, "297", DecisionDetails("1/QĐ-UBND", date(2024, 1, 5)))
    seen = decision.version  # what this clerk's form was read at
    path = str(database.sqlite_path)
    done = subprocess.run(
        [sys.executable, "-c", _EDIT, path, str(decision.id)], capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    with (
        pytest.raises(StaleRecord, match=f"«{getpass.getuser()}» sửa lúc") as refused,
        database.transaction() as session,
    ):
        update_details(
            session,
            decision.id,
            DecisionDetails("5/QĐ-UBND", date(2024, 1, 5)),
            expected_version=seen,
        )
    assert refused.value.updated_at is not None
    with database.session() as session:
        assert get_decision(session, decision.id).number == "9/QĐ-UBND"


def test_backup_and_restore_give_the_same_check(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        options = ImportOptions("294")
        store_import(
            session, prepare_import(session, EXAMPLES / "roster-district-columns.xlsx", options)
        )
    path = str(database.sqlite_path)
    database.dispose()
    before = run_cli("--db", path, "check", "--format", "json")
    copy = tmp_path / "backup.sqlite"
    assert run_cli("--db", path, "backup", str(copy)).returncode == 0
    again = run_cli("--db", path, "backup", str(copy))
    assert again.returncode == 2 and "--force" in again.stderr  # an existing file is kept
    refused = run_cli("--db", path, "restore", str(copy))
    assert refused.returncode == 2 and "--force" in refused.stderr
    target = tmp_path / "restored.sqlite"
    assert run_cli("--db", str(target), "init").returncode == 0
    restored = run_cli("--db", str(target), "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    after = run_cli("--db", str(target), "check", "--format", "json")
    assert after.stdout == before.stdout and '"294"' in before.stdout
    audit = run_cli("--db", str(target), "audit", "--unit", "294")
    assert "Nhập quyết định từ tệp" in audit.stdout
    reopened = open_database(str(target))
    with reopened.session() as session:
        assert audit_entries(session, "294")[0].action == "decision_imported"
    reopened.dispose()


def test_a_line_put_first_is_added_there_and_each_other_line_moves_once(
    database: Database,
) -> None:
    entries, first = renumbered_roster_entries(database, database, "297", "31/QĐ-UBND")
    assert_moves_are_one_entry_each(entries, first)
