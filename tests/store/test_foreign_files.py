"""Issue 10.10: a database that is not bcd138's is refused and stays byte for byte the same,
with no -wal or -shm made beside it, whatever command was asked for."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ..hostile import assert_refused, fingerprint, run_cli


def _sqlite_file(path: Path, statements: list[str], wal: bool) -> None:
    connection = sqlite3.connect(path)
    if wal:
        connection.execute("PRAGMA journal_mode=WAL")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


ALEMBIC_TABLE = "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"
# Another application's SQLite files: (name, statements, in WAL mode, what the refusal says).
OTHER_APPLICATIONS: list[tuple[str, list[str], bool, tuple[str, ...]]] = [
    (
        "invoices_in_wal_mode",
        [
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)",
            "INSERT INTO invoices (total) VALUES (12.5)",
        ],
        True,
        ("không phải của bcd138", "bảng lạ: invoices"),
    ),
    (
        "invoices_in_rollback_mode",
        ["CREATE TABLE invoices (id INTEGER PRIMARY KEY)"],
        False,
        ("không phải của bcd138", "bảng lạ: invoices"),
    ),
    (
        "another_alembic_application",
        [
            ALEMBIC_TABLE,
            "INSERT INTO alembic_version VALUES ('3f2a1b9c7d10')",
            "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)",
        ],
        True,
        ("phiên bản «3f2a1b9c7d10» của một ứng dụng khác",),
    ),
    (
        "some_of_our_table_names",
        [
            "CREATE TABLE person (id INTEGER PRIMARY KEY, full_name TEXT)",
            "CREATE TABLE decision (id INTEGER PRIMARY KEY)",
        ],
        True,
        ("chỉ có một phần các bảng của bcd138", "decision, person"),
    ),
    (
        "our_table_names_and_a_foreign_revision",
        [
            ALEMBIC_TABLE,
            "INSERT INTO alembic_version VALUES ('deadbeef')",
            "CREATE TABLE person (id INTEGER PRIMARY KEY, full_name TEXT)",
        ],
        False,
        ("phiên bản «deadbeef» của một ứng dụng khác",),
    ),
]
# A bcd138 file changed by someone: (name, statement, what the refusal says).
CHANGED_BCD138_FILES: list[tuple[str, str, tuple[str, ...]]] = [
    ("an_empty_alembic_version", "DELETE FROM alembic_version", ("bảng alembic_version rỗng",)),
    (
        "a_revision_from_a_newer_bcd138",
        "UPDATE alembic_version SET version_num = '0099'",
        ("phiên bản bcd138 mới hơn", "«0099»"),
    ),
    (
        "a_view_among_our_tables",
        "CREATE VIEW report AS SELECT * FROM person",
        ("bảng lạ: report",),
    ),
]
NOT_SQLITE: list[tuple[str, bytes]] = [
    ("plain_text", b"Danh sach thanh vien, khong phai co so du lieu\n"),
    ("three_bytes", b"abc"),
]


def _assert_refused_unchanged(path: Path, fragments: tuple[str, ...]) -> None:
    before = fingerprint(path)
    assert before["-wal"] is None and before["-shm"] is None

    for command in (["units"], ["init"]):
        assert_refused(run_cli(*command, db=path), str(path), *fragments)
        assert fingerprint(path) == before, command

    doctor = run_cli("doctor", db=path)
    assert doctor.returncode == 2, doctor.stdout
    assert doctor.stderr == ""
    assert "Kết luận: không dùng được." in doctor.stdout
    assert fingerprint(path) == before


@pytest.mark.parametrize(
    ("statements", "wal", "fragments"),
    [case[1:] for case in OTHER_APPLICATIONS],
    ids=[case[0] for case in OTHER_APPLICATIONS],
)
def test_another_applications_file_is_refused_and_left_byte_for_byte(
    statements: list[str], wal: bool, fragments: tuple[str, ...], tmp_path: Path
) -> None:
    path = tmp_path / "other.sqlite"
    _sqlite_file(path, statements, wal)
    _assert_refused_unchanged(path, fragments)


@pytest.mark.parametrize(
    ("statement", "fragments"),
    [case[1:] for case in CHANGED_BCD138_FILES],
    ids=[case[0] for case in CHANGED_BCD138_FILES],
)
def test_a_changed_bcd138_file_is_refused_and_left_byte_for_byte(
    statement: str, fragments: tuple[str, ...], closed_database_file: Path, tmp_path: Path
) -> None:
    path = Path(shutil.copyfile(closed_database_file, tmp_path / "other.sqlite"))
    _sqlite_file(path, [statement], wal=False)
    _assert_refused_unchanged(path, fragments)


@pytest.mark.parametrize(
    "content", [case[1] for case in NOT_SQLITE], ids=[case[0] for case in NOT_SQLITE]
)
def test_a_file_that_is_not_sqlite_is_refused_and_left_byte_for_byte(
    content: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "other.sqlite"
    path.write_bytes(content)
    _assert_refused_unchanged(path, ("không phải cơ sở dữ liệu bcd138",))


def test_header_bytes_of_a_wal_mode_foreign_file_stay_as_they_were(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    _sqlite_file(path, ["CREATE TABLE invoices (id INTEGER PRIMARY KEY)"], wal=False)
    header = path.read_bytes()[18:20]
    assert header == b"\x01\x01"  # rollback journal: switching it to WAL would make it 2, 2
    assert_refused(run_cli("init", db=path), "invoices")
    assert path.read_bytes()[18:20] == header


def test_a_database_at_an_older_bcd138_revision_is_still_ours(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from committee.store.database import migrate

    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    migrate(engine, "0001")
    engine.dispose()
    result = run_cli("units", "--district", "297", db=path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Yết Kiêu" in result.stdout
