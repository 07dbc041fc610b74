"""One PostgreSQL register for a province (issue 15): clerks of two districts, a read-only
clerk, the audit trail, stale saves between clerks, backup and restore, the refused
upgrade. One throwaway server for the module; clerks log in as their own roles."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from committee.domain.errors import (
    NotAnAdministrator,
    OutsideScope,
    StaleRecord,
    UnknownDecision,
)
from committee.domain.vocabulary import Role
from committee.store.database import Database
from committee.usecases.audit import audit_entries, last_change
from committee.usecases.clerks import add_clerk, grant_read, list_clerks
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    get_decision,
    issue,
    list_decisions,
    update_details,
    update_member,
)
from committee.usecases.importing import ImportOptions, prepare_import, store_import
from committee.usecases.units import list_units
from committee.usecases.workspace import open_workspace
from tests.hostile import run_cli
from tests.store.audit_scenarios import assert_moves_are_one_entry_each, renumbered_roster_entries

from ..conftest import EXAMPLES
from ..postgres_server import postgres_url, why_unavailable

pytestmark = pytest.mark.skipif(why_unavailable() is not None, reason=str(why_unavailable()))

GIA_LOC = "297"  # a district of Hải Dương
THANH_HA = "294"  # another one


def as_role(url: str, role: str, database: str | None = None) -> str:
    parsed = make_url(url).set(username=role)
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def raw(url: str) -> psycopg.Connection:
    parsed = make_url(url)
    return psycopg.connect(
        dbname=parsed.database,
        user=parsed.username,
        host=parsed.query["host"],
        port=int(parsed.query["port"]),
        autocommit=True,
    )


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with postgres_url() as url:
        yield url


@pytest.fixture(scope="module")
def admin(server: str) -> Iterator[Database]:
    database = open_workspace(server)
    with database.transaction() as session:
        add_clerk(session, "gialoc", GIA_LOC)
        add_clerk(session, "gialoc_two", GIA_LOC)
        add_clerk(session, "thanhha", THANH_HA)
        add_clerk(session, "tinh", None, read_only=True)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def clerks(admin: Database, server: str) -> Iterator[dict[str, Database]]:
    opened = {
        role: open_workspace(as_role(server, role))
        for role in ("gialoc", "gialoc_two", "thanhha", "tinh")
    }
    yield opened
    for database in opened.values():
        database.dispose()


def _commune_of(database: Database, district: str) -> str:
    with database.session() as session:
        return next(unit.code for unit in list_units(session, district) if unit.code != district)


def _draft(database: Database, unit: str, number: str) -> int:
    with database.transaction() as session:
        decision = create_draft(session, unit, DecisionDetails(number, date(2024, 3, 1), "A"))
        add_member(session, decision.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR, "Chủ tịch"))
        return int(decision.id)


def _count(url: str, sql: str) -> int:
    with raw(url) as connection:
        return int(connection.execute(sql).fetchone()[0])


def test_clerks_of_two_districts_touch_only_their_own_units(
    admin: Database, clerks: dict[str, Database], server: str
) -> None:
    with admin.session() as session:
        listed = {clerk.login: clerk for clerk in list_clerks(session)}
    assert listed["gialoc"].writes[0].code == GIA_LOC and listed["gialoc"].units > 10
    assert listed["tinh"].read_only

    own = _draft(clerks["gialoc"], GIA_LOC, "1/QĐ-UBND")
    _draft(clerks["gialoc"], _commune_of(admin, GIA_LOC), "2/QĐ-UBND")  # a commune under it
    theirs = _draft(clerks["thanhha"], THANH_HA, "3/QĐ-UBND")
    before = _count(server, "SELECT count(*) FROM decision")

    with pytest.raises(OutsideScope, match="Thanh Hà.*294"):
        _draft(clerks["gialoc"], THANH_HA, "4/QĐ-UBND")
    # another district's decision is not even seen
    with pytest.raises(UnknownDecision), clerks["gialoc"].transaction() as session:
        update_details(session, theirs, DecisionDetails("9/QĐ-UBND", date(2024, 3, 1)))
    with clerks["gialoc"].session() as session:
        assert list_decisions(session, THANH_HA) == []  # cannot even read it
        assert [d.id for d in list_decisions(session, GIA_LOC)] == [own]
    assert _count(server, "SELECT count(*) FROM decision") == before

    gialoc = as_role(server, "gialoc")
    with raw(gialoc) as connection:  # psql on the clerk's own connection: no more than bcd138
        assert connection.execute(
            "SELECT count(*) FROM decision WHERE unit_code = '294'"
        ).fetchone() == (0,)
        updated = connection.execute("UPDATE decision SET number = 'x' WHERE unit_code = '294'")
        assert updated.rowcount == 0
        lines = _count(server, "SELECT count(*) FROM membership")
        assert connection.execute("DELETE FROM membership").rowcount == 2  # its 2 drafts' lines
        assert _count(server, "SELECT count(*) FROM membership") == lines - 2
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO decision (unit_era, unit_code, number, signer, status, in_force, "
                "created_at, version) "
                "VALUES ('legacy', '294', '5/QĐ', '', 'draft', false, now(), 1)"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE admin_unit SET name = 'x' WHERE code = '297'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("CREATE TABLE mine (id integer)")
    with admin.session() as session:
        assert get_decision(session, theirs).number == "3/QĐ-UBND"


def test_a_read_only_clerk_reads_everything_and_writes_nothing(
    admin: Database, clerks: dict[str, Database], server: str
) -> None:
    _draft(clerks["thanhha"], THANH_HA, "10/QĐ-UBND")
    with clerks["tinh"].session() as session:
        assert list_decisions(session, THANH_HA)
    with pytest.raises(OutsideScope, match="chỉ được xem"):
        _draft(clerks["tinh"], THANH_HA, "11/QĐ-UBND")
    with (
        raw(as_role(server, "tinh")) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("UPDATE decision SET number = 'x'")
    # A read grant lets a district clerk read another district, not write it.
    with admin.transaction() as session:
        grant_read(session, "gialoc_two", THANH_HA)
    with clerks["gialoc_two"].session() as session:
        assert list_decisions(session, THANH_HA)
    with pytest.raises(OutsideScope):
        _draft(clerks["gialoc_two"], THANH_HA, "12/QĐ-UBND")


def test_the_audit_has_every_change_and_no_clerk_can_alter_it(
    admin: Database, clerks: dict[str, Database], server: str
) -> None:
    gialoc = clerks["gialoc"]
    start = _count(server, "SELECT coalesce(max(id), 0) FROM audit_entry")
    with gialoc.transaction() as session:
        decision = create_draft(session, GIA_LOC, DecisionDetails("20/QĐ-UBND", date(2024, 4, 1)))
        line = add_member(session, decision.id, MemberInput("Lê Thị Hà", Role.CHAIR, "Chủ tịch"))
    with gialoc.transaction() as session:
        update_member(session, line.id, MemberInput("Lê Thị Hà", Role.CHAIR, "Chủ tịch UBND"))
    with gialoc.transaction() as session:
        issue(session, decision.id)
    with clerks["thanhha"].transaction() as session:
        options = ImportOptions(THANH_HA)
        store_import(
            session, prepare_import(session, EXAMPLES / "roster-district-columns.xlsx", options)
        )
    with admin.session() as session:
        entries = [e for e in audit_entries(session) if e.id > start]
    actions = [(e.actor, e.action, e.unit_code) for e in entries]
    assert actions[:3] == [
        ("gialoc", "decision_created", GIA_LOC),
        ("gialoc", "member_added", GIA_LOC),  # at its place, not moved from a placeholder
        ("gialoc", "member_edited", GIA_LOC),
    ]
    added = next(e for e in entries if e.action == "member_added")
    assert added.after["position"] == 1
    assert ("gialoc", "decision_issued", GIA_LOC) in actions
    assert ("thanhha", "decision_imported", THANH_HA) in actions
    edited = next(e for e in entries if e.action == "member_edited")
    assert (edited.before["title"], edited.after["title"]) == ("Chủ tịch", "Chủ tịch UBND")

    with clerks["gialoc"].session() as session:  # a clerk reads its units' entries only
        assert {e.unit_code for e in audit_entries(session) if e.id > start} == {GIA_LOC}
    with raw(as_role(server, "gialoc")) as connection:
        for sql in (
            "UPDATE audit_entry SET actor = 'x'",
            "DELETE FROM audit_entry",
            "INSERT INTO audit_entry (at, actor, action, record_kind, record_id) "
            "VALUES (now(), 'x', 'x', 'x', 1)",
            "TRUNCATE audit_entry",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(sql)
    # not even the administrator edits it in place
    with raw(server) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute("DELETE FROM audit_entry")


def test_a_stale_save_names_the_clerk_who_changed_the_record(
    admin: Database, clerks: dict[str, Database]
) -> None:
    decision_id = _draft(clerks["gialoc"], GIA_LOC, "30/QĐ-UBND")
    with clerks["gialoc_two"].session() as session:
        seen = get_decision(session, decision_id).version  # the second clerk's form
    with clerks["gialoc"].transaction() as session:
        update_details(session, decision_id, DecisionDetails("31/QĐ-UBND", date(2024, 3, 1)))
    with (
        pytest.raises(StaleRecord, match="«gialoc»") as refused,
        clerks["gialoc_two"].transaction() as session,
    ):
        update_details(
            session,
            decision_id,
            DecisionDetails("32/QĐ-UBND", date(2024, 3, 1)),
            expected_version=seen,
        )
    assert refused.value.updated_by == "gialoc"
    with admin.session() as session:
        assert get_decision(session, decision_id).number == "31/QĐ-UBND"
        assert last_change(session, "decision", decision_id).actor == "gialoc"


def test_concurrent_issues_of_one_unit_leave_one_decision_in_force(
    admin: Database, clerks: dict[str, Database], server: str
) -> None:
    commune = _commune_of(admin, GIA_LOC)
    first = _draft(clerks["gialoc"], commune, "40/QĐ-UBND")
    second = _draft(clerks["gialoc_two"], commune, "41/QĐ-UBND")
    script = (
        "import sys\n"
        "from committee.usecases.workspace import open_workspace\n"
        "from committee.usecases.decisions import issue\n"
        "db = open_workspace(sys.argv[1])\n"
        "with db.transaction() as s:\n"
        "    issue(s, int(sys.argv[2]))\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, as_role(server, role), str(decision)],
            stderr=subprocess.PIPE,
        )
        for role, decision in (("gialoc", first), ("gialoc_two", second))
    ]
    for run in runs:
        run.wait(timeout=60)
    in_force = _count(
        server, f"SELECT count(*) FROM decision WHERE in_force AND unit_code = '{commune}'"
    )
    assert in_force == 1
    issued = _count(
        server,
        "SELECT count(*) FROM audit_entry WHERE action = 'decision_issued' "
        f"AND record_id IN ({first}, {second})",
    )
    assert issued == 2  # both issued, one after the other: the second supersedes the first


def test_a_clerk_cannot_upgrade_a_register(admin: Database, server: str) -> None:
    with raw(server) as connection:
        connection.execute("CREATE DATABASE fresh")
        connection.execute("GRANT CONNECT ON DATABASE fresh TO gialoc")
    with pytest.raises(NotAnAdministrator, match="chỉ người quản trị.*«gialoc»"):
        open_workspace(as_role(server, "gialoc", "fresh"))


def test_backup_and_restore_give_the_same_check(
    admin: Database, clerks: dict[str, Database], server: str, tmp_path: Path
) -> None:
    _draft(clerks["gialoc"], GIA_LOC, "50/QĐ-UBND")
    # a decision superseding one recorded after it (a higher id): restored all the same
    older, newer = (_draft(clerks["thanhha"], "10813", n) for n in ("51/QĐ-UBND", "52/QĐ-UBND"))
    for decision in (newer, older):
        with clerks["thanhha"].transaction() as session:
            issue(session, decision)
    before = run_cli("--db", server, "check", "--format", "json")
    dump = tmp_path / "register.jsonl"
    done = run_cli("--db", server, "backup", str(dump))
    assert done.returncode == 0, done.stderr
    assert json.loads(dump.read_text().splitlines()[0])["format"] == "bcd138-backup"
    with raw(server) as connection:
        connection.execute("CREATE DATABASE copy")
    copy = as_role(server, "bcd138", "copy")
    assert run_cli("--db", copy, "init").returncode == 0
    refused = run_cli("--db", server, "restore", str(dump))
    assert refused.returncode == 2 and "--force" in refused.stderr
    restored = run_cli("--db", copy, "restore", str(dump))
    assert restored.returncode == 0, restored.stderr[-1500:]
    after = run_cli("--db", copy, "check", "--format", "json")
    assert after.stdout == before.stdout and before.stdout
    audit = _count(server, "SELECT count(*) FROM audit_entry")
    assert _count(copy, "SELECT count(*) FROM audit_entry") == audit
    clerk = run_cli("--db", as_role(server, "gialoc"), "backup", str(tmp_path / "b.jsonl"))
    assert clerk.returncode == 2 and "quản trị" in clerk.stderr


def test_removing_a_clerk_whose_role_has_rights_elsewhere_is_one_vietnamese_line(
    admin: Database, server: str
) -> None:
    with admin.transaction() as session:
        add_clerk(session, "leaver", THANH_HA)
    with raw(server) as connection:
        connection.execute("CREATE DATABASE elsewhere")
        connection.execute("GRANT CONNECT ON DATABASE elsewhere TO leaver")
    refused = run_cli("--db", server, "clerk", "remove", "leaver")
    assert refused.returncode == 2, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in refused.stderr
    assert "không xóa được tài khoản" in lines[0] and "--keep-role" in lines[0]
    with admin.session() as session:  # nothing changed: the clerk and its units are there
        assert "leaver" in [clerk.login for clerk in list_clerks(session)]
    assert _count(server, "SELECT count(*) FROM clerk_unit WHERE role = 'leaver'") > 1
    kept = run_cli("--db", server, "clerk", "remove", "leaver", "--keep-role")
    assert kept.returncode == 0, kept.stderr
    assert _count(server, "SELECT count(*) FROM clerk_unit WHERE role = 'leaver'") == 0


def test_units_loaded_after_clerk_add_join_the_scopes_that_cover_them(server: str) -> None:
    with raw(server) as connection:
        connection.execute("CREATE DATABASE grown")
    grown = as_role(server, "bcd138", "grown")
    assert run_cli("--db", grown, "init").returncode == 0
    database = open_workspace(grown)
    try:
        with database.transaction() as session:
            add_clerk(session, "grower", GIA_LOC)
            add_clerk(session, "neighbour", THANH_HA)
        commune = _commune_of(database, GIA_LOC)
        # the catalogue gains a commune under Gia Lộc after the clerks were made: here, one
        # taken out of the database as if it had not been in the catalogue yet
        with raw(grown) as connection:
            connection.execute("DELETE FROM clerk_unit WHERE unit_code = %s", (commune,))
            connection.execute("DELETE FROM admin_unit WHERE code = %s", (commune,))
        loaded = run_cli("--db", grown, "init")
        assert loaded.returncode == 0, loaded.stderr
        assert "Đã nạp 1 đơn vị" in loaded.stdout
        covered = "SELECT count(*) FROM clerk_unit WHERE role = '{}' AND unit_code = '{}' AND {}"
        assert _count(grown, covered.format("grower", commune, "writable")) == 1
        assert _count(grown, covered.format("neighbour", commune, "true")) == 0
        clerk = open_workspace(as_role(server, "grower", "grown"))
        try:
            _draft(clerk, commune, "60/QĐ-UBND")  # writes the unit that came later
        finally:
            clerk.dispose()
    finally:
        database.dispose()


def test_a_save_refused_for_its_number_does_not_wait_for_the_clerk_holding_the_draft(
    clerks: dict[str, Database], server: str
) -> None:
    from sqlalchemy import text

    from committee.domain.errors import InvalidInput

    commune = _commune_of(clerks["gialoc"], GIA_LOC)
    _draft(clerks["gialoc"], commune, "70/QĐ-UBND")
    held = _draft(clerks["gialoc"], commune, "71/QĐ-UBND")
    with raw(server) as holder:  # another clerk's save of the same draft, not yet committed
        holder.execute("BEGIN")
        holder.execute("SELECT id FROM decision WHERE id = %s FOR UPDATE", (held,))
        refused = pytest.raises(InvalidInput, match="đã có Quyết định số 70/QĐ-UBND")
        with refused, clerks["gialoc_two"].transaction() as session:
            session.execute(text("SET LOCAL lock_timeout = '1s'"))
            update_details(session, held, DecisionDetails("70/QĐ-UBND", date(2024, 3, 1), "A"))
        holder.execute("ROLLBACK")


def test_a_line_put_first_is_added_there_and_each_other_line_moves_once(
    admin: Database, clerks: dict[str, Database]
) -> None:
    entries, first = renumbered_roster_entries(clerks["gialoc"], admin, GIA_LOC, "31/QĐ-UBND")
    assert_moves_are_one_entry_each(entries, first)
