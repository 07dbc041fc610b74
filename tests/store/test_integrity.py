"""Issue 10.9: damaged pages are noticed. A file that changed since it was last found sound
is checked when opened (PRAGMA quick_check); a damaged file is neither read nor written,
with how to restore it; `bcd138 doctor` checks always and says what it checked."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from committee.domain.errors import DamagedDatabase
from committee.store import integrity
from committee.store.database import HEAD_REVISION, open_database

from ..conftest import EXAMPLES
from ..hostile import assert_refused, fingerprint, run_cli

ROSTER = EXAMPLES / "roster-district-columns.xlsx"


@pytest.fixture
def db(db_file: Path) -> Path:
    return db_file


def _page_of(path: Path, table: str) -> tuple[int, int]:
    """The offset and size of the root page of `table`'s b-tree."""
    with sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True) as connection:
        size = connection.execute("PRAGMA page_size").fetchone()[0]
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    return (root - 1) * size, size


def damage_a_page(path: Path, table: str = "admin_unit") -> None:
    offset, size = _page_of(path, table)
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(bytes([0xA5]) * size)


def truncate_pages(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("damage", [damage_a_page, truncate_pages])
def test_a_damaged_file_is_neither_read_nor_written(db: Path, damage) -> None:  # type: ignore[no-untyped-def]
    damage(db)
    before = fingerprint(db)
    for command in (
        ["units"],
        ["check", "--unit", "294"],
        ["import", str(ROSTER), "--unit", "294"],
    ):
        line = assert_refused(run_cli(*command, db=db), str(db), "bị hỏng", "bản sao lưu")
        assert "malformed" not in line
        assert fingerprint(db) == before, command

    doctor = run_cli("doctor", db=db)
    assert doctor.returncode == 2
    assert doctor.stderr == ""
    assert "[LỖI]" in doctor.stdout
    assert "Kết luận: không dùng được." in doctor.stdout and "bản sao lưu" in doctor.stdout
    assert fingerprint(db) == before


def test_restoring_the_backup_as_told_makes_it_usable_again(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.sqlite"
    shutil.copyfile(db, backup)
    damage_a_page(db)
    assert_refused(run_cli("units", db=db), "bị hỏng")
    shutil.copyfile(backup, db)  # "chép bản sao tốt gần nhất đè lên"
    doctor = run_cli("doctor", db=db)
    assert doctor.returncode == 0, doctor.stdout
    assert run_cli("units", db=db).returncode == 0


def test_damage_met_while_working_is_refused_and_the_file_is_checked_next_time(db: Path) -> None:
    # Pages rotting with no change the file system can see: the remembered check still
    # holds, so the damage is met only by the command's own reading.
    damage_a_page(db)
    integrity.remember_sound(db)
    line = assert_refused(run_cli("units", db=db), str(db), "bị hỏng", "bản sao lưu")
    assert "malformed" not in line
    assert not integrity.known_sound(db)
    with pytest.raises(DamagedDatabase, match="kiểm tra toàn vẹn thấy"):
        open_database(str(db))


def test_doctor_says_what_it_checked_and_changes_nothing(db: Path) -> None:
    before = fingerprint(db)
    doctor = run_cli("doctor", db=db)
    assert doctor.returncode == 0, doctor.stdout
    assert doctor.stderr == ""
    lines = doctor.stdout.splitlines()
    assert lines[0] == f"Kiểm tra cơ sở dữ liệu «{db}»:"
    for check in (
        "[đạt] Tệp:",
        "[đạt] Định dạng: SQLite 3",
        f"[đạt] Lược đồ: của bcd138, lược đồ {HEAD_REVISION}",
        "[đạt] Toàn vẹn các trang (PRAGMA quick_check): không thấy chỗ hỏng nào",
        "[đạt] Tham chiếu giữa các bảng (PRAGMA foreign_key_check): mọi tham chiếu đều đúng",
        "[--] Quyền ghi: ghi được",
    ):
        assert any(line.strip().startswith(check) for line in lines), check
    assert lines[-1] == "Kết luận: cơ sở dữ liệu lành, dùng được."
    assert fingerprint(db) == before
    assert integrity.known_sound(db)


def test_doctor_finds_a_broken_reference(db: Path) -> None:
    with sqlite3.connect(db) as connection:  # foreign keys are off in a plain connection
        connection.execute("UPDATE membership SET person_id = 999999 WHERE id = 1")
    doctor = run_cli("doctor", db=db)
    assert doctor.returncode == 2
    assert "[LỖI] Tham chiếu giữa các bảng" in doctor.stdout
    assert "1 dòng tham chiếu tới bản ghi không có" in doctor.stdout


def test_doctor_on_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    doctor = run_cli("doctor", db=tmp_path / "absent.sqlite")
    assert doctor.returncode == 2
    assert "[LỖI] Tệp: không tồn tại" in doctor.stdout
    assert list(tmp_path.iterdir()) == []


class CountedChecks:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = integrity.problems

        def counted(connection: sqlite3.Connection) -> list[str]:
            self.count += 1
            return real(connection)

        monkeypatch.setattr(integrity, "problems", counted)


def test_the_check_runs_only_when_the_file_changed(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks = CountedChecks(monkeypatch)
    open_database(str(db)).dispose()
    assert checks.count == 1  # a copy never seen before
    open_database(str(db)).dispose()
    open_database(str(db)).dispose()
    assert checks.count == 1  # unchanged: no check

    # bcd138's own write (an import in the CLI) leaves it known sound as it is after closing
    imported = run_cli("import", str(ROSTER), "--unit", "297", "--unit-mismatch-ok", db=db)
    assert imported.returncode == 0, imported.stderr
    open_database(str(db)).dispose()
    assert checks.count == 1

    # someone else's write makes it checked again
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE person SET full_name = full_name || ' ' WHERE id = 1")
    connection.close()
    open_database(str(db)).dispose()
    assert checks.count == 2


def test_the_remembered_checks_survive_a_broken_cache_file(db: Path) -> None:
    integrity.records_path().parent.mkdir(parents=True, exist_ok=True)
    integrity.records_path().write_text("{not json", encoding="utf-8")
    assert not integrity.known_sound(db)
    open_database(str(db)).dispose()
    assert integrity.known_sound(db)
