"""Issue 10.4 and 10.8 (database side): a database that cannot be used as asked gives one
Vietnamese line on stderr and status 2, never a traceback, an English driver or system
message, a password, or "Exception ignored" lines; a file refused is left as it was."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from committee.domain.errors import DatabaseFull, IncompleteSchema, UnsupportedDatabase
from committee.store.database import open_database
from committee.store.driver_errors import location, masked_url

from ..conftest import EXAMPLES
from ..hostile import (
    assert_refused,
    fingerprint,
    run_cli,
    without_privileges,
)

ROSTER = EXAMPLES / "roster-district-columns.xlsx"


@pytest.fixture
def db(db_file: Path) -> Path:
    return db_file


# --- addresses that are not a database bcd138 can use ------------------------------------


@pytest.mark.parametrize(
    ("url", "fragments"),
    [
        ("foo://host/db", ("loại cơ sở dữ liệu «foo»",)),
        ("mysql://clerk:secretpw@db.example/bcd138", ("«mysql»", "mysql://clerk:***@")),
        ("postgresql://clerk:secretpw@[::1", ("không phải địa chỉ", "postgresql://clerk:***@[::1")),
        ("postgresql+nosuchdriver://clerk:secretpw@host/db", ("trình điều khiển «nosuchdriver»",)),
    ],
)
def test_a_url_bcd138_cannot_use_is_one_line_without_its_password(
    url: str, fragments: tuple[str, ...]
) -> None:
    line = assert_refused(run_cli("units", db=url), *fragments)
    assert "secretpw" not in line


def test_masked_url_hides_every_password() -> None:
    assert masked_url("postgresql+psycopg://u:secretpw@h:5432/db") == (
        "postgresql+psycopg://u:***@h:5432/db"
    )
    assert "secretpw" not in masked_url("postgresql+psycopg://u@/db?host=/tmp&password=secretpw")
    assert masked_url("postgresql://u:secret@pw@[::1") == "postgresql://u:***@pw@[::1"
    assert masked_url("postgresql://u:secretpw@[::1/db?password=other") == (
        "postgresql://u:***@[::1/db?password=***"
    )
    assert location("sqlite:////data/bcd138.sqlite") == "/data/bcd138.sqlite"
    with pytest.raises(UnsupportedDatabase) as refused:
        open_database("postgresql://u:secretpw@[::1")
    assert "secretpw" not in refused.value.message


def test_a_server_that_does_not_answer_is_named_without_the_password() -> None:
    line = assert_refused(
        run_cli("units", db="postgresql://clerk:secretpw@127.0.0.1:1/bcd138"),
        "postgresql+psycopg://clerk:***@127.0.0.1:1/bcd138",
        "không kết nối hoặc không đăng nhập được máy chủ",
    )
    assert "secretpw" not in line and "Connection refused" not in line


# --- things that are not a database file -------------------------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "bcd138.sqlite"
    os.mkfifo(fifo)
    assert_refused(run_cli("units", db=fifo, timeout=60), "không phải một tệp thông thường")


def test_dev_null_is_refused_and_stays_a_device() -> None:
    assert_refused(run_cli("init", db="/dev/null"), "«/dev/null» không phải một tệp thông thường")
    assert Path("/dev/null").is_char_device()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert_refused(run_cli("units", db=tmp_path), "là một thư mục")


def test_a_folder_that_does_not_exist_is_named(tmp_path: Path) -> None:
    assert_refused(run_cli("init", db=tmp_path / "missing" / "x.sqlite"), "không tồn tại")


# --- a bcd138 file altered outside bcd138 --------------------------------------------------


def _alter(path: Path, statement: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute(statement)
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    ("statement", "missing"),
    [
        ("DROP TABLE membership", "thiếu bảng membership"),
        ("ALTER TABLE person RENAME COLUMN full_name TO ho_ten", "thiếu cột person.full_name"),
    ],
)
def test_a_missing_table_or_column_is_one_line_and_nothing_is_written(
    db: Path, statement: str, missing: str
) -> None:
    _alter(db, statement)
    before = fingerprint(db)
    for command in (["units"], ["import", str(ROSTER), "--unit", "294"]):
        assert_refused(run_cli(*command, db=db), str(db), missing, "bản sao lưu")
        assert fingerprint(db) == before


def test_a_column_missing_at_run_time_is_a_typed_error(db: Path) -> None:
    database = open_database(str(db))
    with pytest.raises(IncompleteSchema, match="thiếu «nope»"), database.session() as session:
        session.execute(text("SELECT nope FROM person"))
    database.dispose()


# --- read-only files, folders and file systems ---------------------------------------------


@pytest.fixture
def read_only_file(db: Path) -> Iterator[Path]:
    db.chmod(0o444)
    yield db
    db.chmod(0o644)


@pytest.fixture
def read_only_folder(db: Path) -> Iterator[Path]:
    db.parent.chmod(0o555)
    yield db
    db.parent.chmod(0o755)


@pytest.mark.parametrize("kind", ["read_only_file", "read_only_folder"])
def test_a_read_only_database_is_read_and_writing_is_refused_in_one_line(
    kind: str, request: pytest.FixtureRequest
) -> None:
    db: Path = request.getfixturevalue(kind)
    prefix = without_privileges()
    before = fingerprint(db)

    units = run_cli("units", "--district", "297", db=db, prefix=prefix)
    assert units.returncode == 0, units.stderr
    assert units.stderr == ""
    assert "Yết Kiêu" in units.stdout
    checked = run_cli("check", "--unit", "294", db=db, prefix=prefix)
    assert checked.returncode in (0, 1), checked.stderr
    assert checked.stderr == ""
    assert "294" in checked.stdout
    doctor = run_cli("doctor", db=db, prefix=prefix)
    assert doctor.returncode == 0, doctor.stdout
    assert "chỉ đọc được" in doctor.stdout

    for command in (
        ["regulation", "--unit", "294", "--number", "07/QĐ-BCĐ", "--signed-on", "01/07/2023"],
        ["init", "--province", "Bắc Ninh"],
    ):
        result = run_cli(*command, db=db, prefix=prefix)
        line = assert_refused(result, str(db), "chỉ cho đọc")
        assert "readonly" not in line and "cannot be read" not in line
    assert fingerprint(db) == before  # not even a -wal or -shm beside it


def test_a_new_database_in_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    try:
        assert_refused(
            run_cli("init", db=folder / "new.sqlite", prefix=without_privileges()),
            "chỉ cho đọc",
            "tạo cơ sở dữ liệu mới",
        )
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_an_unreadable_file_is_named_in_vietnamese(db: Path) -> None:
    db.chmod(0o000)
    try:
        line = assert_refused(run_cli("units", db=db, prefix=without_privileges()), str(db))
    finally:
        db.chmod(0o644)
    assert "không có quyền đọc tệp" in line
    assert "Permission denied" not in line


# --- a database held by someone else, a full disk ------------------------------------------


def test_a_database_locked_by_another_writer_is_one_line_after_waiting(db: Path) -> None:
    # (No file of the database may be opened by this process while the lock is held: closing
    # any descriptor of a file drops the process's POSIX locks on it, SQLite's among them.)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_cli("init", "--province", "Bắc Ninh", db=db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_refused(result, str(db), "đang bị một phiên làm việc khác giữ để ghi")
    assert "database is locked" not in result.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM admin_unit").fetchone() == (220,)


def test_a_full_database_is_a_typed_error_and_nothing_is_kept(db: Path) -> None:
    database = open_database(str(db))
    with database.session() as session:
        units = session.execute(text("SELECT count(*) FROM admin_unit")).scalar()
    filler = "x" * 4000
    with pytest.raises(DatabaseFull, match="ổ đĩa đã đầy"), database.transaction() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar()
        session.execute(text(f"PRAGMA max_page_count = {pages + 2}"))
        for number in range(50):
            session.execute(
                text("INSERT INTO person (full_name, search_key) VALUES (:name, :key)"),
                {"name": f"{filler}{number}", "key": "k"},
            )
    database.dispose()
    reopened = open_database(str(db))
    with reopened.session() as session:
        assert session.execute(text("SELECT count(*) FROM admin_unit")).scalar() == units
        assert (
            session.execute(text("SELECT count(*) FROM person WHERE search_key = 'k'")).scalar()
            == 0
        )
    reopened.dispose()


# --- the error printer ---------------------------------------------------------------------


def test_an_os_error_reaching_the_error_printer_is_given_in_vietnamese() -> None:
    # Any OSError a command lets through is printed by main() from its number, naming the
    # file, never with the system's English text.
    script = (
        "import errno\n"
        "from committee.cli import app as cli\n"
        "@cli.app.command('probe')\n"
        "def probe() -> None:\n"
        "    raise PermissionError(errno.EACCES, 'Permission denied', '/srv/bcd138/x.xlsx')\n"
        "cli.main(['probe'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    line = assert_refused(result, "«/srv/bcd138/x.xlsx»: không có quyền truy cập.")
    assert "Permission denied" not in line and "Errno" not in line


def test_no_exception_ignored_lines_when_a_command_fails_inside_a_session(db: Path) -> None:
    # A bulk read whose database disappears under it: the error is one line, and the
    # half-read generator and the engine are closed without noise.
    script = (
        "import sys\n"
        "from sqlalchemy import select\n"
        "from committee.store.database import driver_rows, open_database\n"
        "from committee.store.models import AdminUnit\n"
        "from committee.domain.errors import UserError\n"
        "database = open_database(sys.argv[1])\n"
        "try:\n"
        "    with database.session() as session:\n"
        "        rows = driver_rows(session, select(AdminUnit.code), batch=1)\n"
        "        next(rows)\n"
        "        session.connection().exec_driver_sql('SELECT nope FROM admin_unit')\n"
        "except UserError as error:\n"
        "    print(type(error).__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(db)], capture_output=True, text=True, timeout=120
    )
    assert result.stdout == "IncompleteSchema\n"
    assert result.stderr == ""


def test_threads_see_the_same_typed_errors(db: Path) -> None:
    database = open_database(str(db))
    seen: list[str] = []

    def read() -> None:
        try:
            with database.session() as session:
                session.execute(text("SELECT * FROM no_such_table"))
        except IncompleteSchema as error:
            seen.append(error.message)

    worker = threading.Thread(target=read)
    worker.start()
    worker.join()
    database.dispose()
    assert len(seen) == 1 and "no_such_table" in seen[0]
