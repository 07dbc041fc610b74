"""Issue 10.10: a database that is not bcd138's is refused and stays byte for byte the same,
with no -wal or -shm made beside it, whatever command was asked for."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from .hostile import assert_refused, build_database, copy_database, fingerprint, run_cli


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_database(tmp_path_factory.mktemp("template") / "bcd138.sqlite")


def _sqlite_file(path: Path, statements: list[str], wal: bool) -> None:
    connection = sqlite3.connect(path)
    if wal:
        connection.execute("PRAGMA journal_mode=WAL")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def invoices_in_wal_mode(path: Path, _template: Path) -> None:
    _sqlite_file(
        path,
        [
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)",
            "INSERT INTO invoices (total) VALUES (12.5)",
        ],
        wal=True,
    )


def invoices_in_rollback_mode(path: Path, _template: Path) -> None:
    _sqlite_file(path, ["CREATE TABLE invoices (id INTEGER PRIMARY KEY)"], wal=False)


def another_alembic_application(path: Path, _template: Path) -> None:
    _sqlite_file(
        path,
        [
            "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
            "INSERT INTO alembic_version VALUES ('3f2a1b9c7d10')",
            "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)",
        ],
        wal=True,
    )


def some_of_our_table_names(path: Path, _template: Path) -> None:
    _sqlite_file(
        path,
        [
            "CREATE TABLE person (id INTEGER PRIMARY KEY, full_name TEXT)",
            "CREATE TABLE decision (id INTEGER PRIMARY KEY)",
        ],
        wal=True,
    )


def our_table_names_and_a_foreign_revision(path: Path, _template: Path) -> None:
    _sqlite_file(
        path,
        [
            "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
            "INSERT INTO alembic_version VALUES ('deadbeef')",
            "CREATE TABLE person (id INTEGER PRIMARY KEY, full_name TEXT)",
        ],
        wal=False,
    )


def an_empty_alembic_version(path: Path, template: Path) -> None:
    copy_database(template, path)
    _sqlite_file(path, ["DELETE FROM alembic_version"], wal=False)


def a_revision_from_a_newer_bcd138(path: Path, template: Path) -> None:
    copy_database(template, path)
    _sqlite_file(path, ["UPDATE alembic_version SET version_num = '0099'"], wal=False)


def a_view_among_our_tables(path: Path, template: Path) -> None:
    copy_database(template, path)
    _sqlite_file(path, ["CREATE VIEW report AS SELECT * FROM person"], wal=False)


def plain_text(path: Path, _template: Path) -> None:
    path.write_bytes(b"Danh sach thanh vien, khong phai co so du lieu\n")


def three_bytes(path: Path, _template: Path) -> None:
    path.write_bytes(b"abc")


FOREIGN_FILES: list[tuple[Callable[[Path, Path], None], tuple[str, ...]]] = [
    (invoices_in_wal_mode, ("không phải của bcd138", "bảng lạ: invoices")),
    (invoices_in_rollback_mode, ("không phải của bcd138", "bảng lạ: invoices")),
    (another_alembic_application, ("phiên bản «3f2a1b9c7d10» của một ứng dụng khác",)),
    (some_of_our_table_names, ("chỉ có một phần các bảng của bcd138", "decision, person")),
    (our_table_names_and_a_foreign_revision, ("phiên bản «deadbeef» của một ứng dụng khác",)),
    (an_empty_alembic_version, ("bảng alembic_version rỗng",)),
    (a_revision_from_a_newer_bcd138, ("phiên bản bcd138 mới hơn", "«0099»")),
    (a_view_among_our_tables, ("bảng lạ: report",)),
    (plain_text, ("không phải cơ sở dữ liệu bcd138",)),
    (three_bytes, ("không phải cơ sở dữ liệu bcd138",)),
]


@pytest.mark.parametrize(
    ("make", "fragments"), FOREIGN_FILES, ids=[make.__name__ for make, _ in FOREIGN_FILES]
)
def test_a_foreign_file_is_refused_and_left_byte_for_byte(
    make: Callable[[Path, Path], None],
    fragments: tuple[str, ...],
    template: Path,
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.sqlite"
    make(path, template)
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


def test_header_bytes_of_a_wal_mode_foreign_file_stay_as_they_were(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    _sqlite_file(path, ["CREATE TABLE invoices (id INTEGER PRIMARY KEY)"], wal=False)
    header = path.read_bytes()[18:20]
    assert header == b"\x01\x01"  # rollback journal: switching it to WAL would make it 2, 2
    assert_refused(run_cli("init", db=path), "invoices")
    assert path.read_bytes()[18:20] == header


def test_a_database_at_an_older_bcd138_revision_is_still_ours(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from committee.database import migrate

    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    migrate(engine, "0001")
    engine.dispose()
    result = run_cli("units", "--district", "297", db=path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Yết Kiêu" in result.stdout
