"""`bcd138 doctor`: examine a database without changing it, and say what was checked.

For an SQLite file: that it is a regular file in SQLite's format, that it is bcd138's (its
schema revision, its tables and columns), that its pages are sound (`PRAGMA quick_check`)
and that its references hold (`PRAGMA foreign_key_check`), and whether it can be written.
For a PostgreSQL database: that the server answers and that the database is bcd138's. The
file is read through a connection that writes nothing; a database found sound is
remembered as such (committee.store.integrity), so that commands skip the check until it changes.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from committee.domain.errors import UserError
from committee.store import integrity
from committee.store.database import HEAD_REVISION, make_engine, parse_url, resolve_url
from committee.store.driver_errors import damaged_message, location, translate
from committee.store.identity import (
    has_sqlite_header,
    judge,
    read_only_connection,
    server_facts,
    sidecar,
    sqlite_facts,
)

SOUND, DAMAGED, NOTE = "đạt", "LỖI", "--"
OWNER = "Lược đồ"


@dataclass(frozen=True)
class Check:
    name: str
    verdict: str  # SOUND, DAMAGED, or NOTE (information only)
    detail: str


@dataclass
class DoctorReport:
    location: str
    checks: list[Check] = field(default_factory=list)
    advice: str = ""

    @property
    def sound(self) -> bool:
        return all(check.verdict != DAMAGED for check in self.checks)

    def add(self, name: str, verdict: str, detail: str) -> None:
        self.checks.append(Check(name, verdict, detail))

    def text(self) -> str:
        lines = [f"Kiểm tra cơ sở dữ liệu «{self.location}»:"]
        lines += [f"  [{check.verdict}] {check.name}: {check.detail}" for check in self.checks]
        if self.sound:
            lines.append("Kết luận: cơ sở dữ liệu lành, dùng được.")
        else:
            lines.append(f"Kết luận: không dùng được. {self.advice}".rstrip())
        return "\n".join(lines)


def _revision_text(revision: str | None) -> str:
    if revision is None:
        return "chưa có bảng nào (bcd138 sẽ tạo khi mở)"
    if revision == HEAD_REVISION:
        return f"của bcd138, lược đồ {revision} (bản mới nhất), đủ các bảng và cột"
    return f"của bcd138, lược đồ {revision} (cũ; được nâng cấp khi mở bằng lệnh khác)"


def _run(report: DoctorReport, name: str, step: Callable[[], str]) -> bool:
    """Run one check; a refusal or a database error is written down as its verdict."""
    try:
        report.add(name, SOUND, step())
        return True
    except UserError as error:
        report.add(name, DAMAGED, error.message)
    except Exception as error:
        problem = translate(error, report.location)
        if problem is None:
            raise
        report.add(name, DAMAGED, problem.message)
    return False


def _examine_sqlite_file(path: Path, report: DoctorReport) -> None:
    where = report.location
    if not path.is_file():
        what = "không tồn tại" if not path.exists() else "không phải một tệp thông thường"
        report.add("Tệp", DAMAGED, what)
        return
    report.add("Tệp", SOUND, f"{path.stat().st_size:,} byte".replace(",", "."))
    if path.stat().st_size == 0:
        report.add("Nội dung", NOTE, "tệp rỗng (bcd138 sẽ tạo cơ sở dữ liệu khi mở)")
        return
    if not has_sqlite_header(path):
        report.add("Định dạng", DAMAGED, "không phải tệp SQLite")
        report.advice = "Tệp này không phải cơ sở dữ liệu; hãy chọn tệp khác bằng --db."
        return
    report.add("Định dạng", SOUND, "SQLite 3")
    with read_only_connection(path) as connection:
        if not _run(report, OWNER, lambda: _revision_text(judge(sqlite_facts(connection), where))):
            return

        def quick_check() -> str:
            found = integrity.problems(connection)
            if found:
                raise UserError(f"thấy {len(found)} chỗ hỏng")
            return "không thấy chỗ hỏng nào"

        def foreign_keys() -> str:
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise UserError(f"{len(broken)} dòng tham chiếu tới bản ghi không có")
            return "mọi tham chiếu đều đúng"

        pages = _run(report, "Toàn vẹn các trang (PRAGMA quick_check)", quick_check)
        references = pages and _run(
            report, "Tham chiếu giữa các bảng (PRAGMA foreign_key_check)", foreign_keys
        )
    if not (pages and references):
        integrity.forget(path)
        report.advice = damaged_message(where)
        return
    integrity.remember_sound(path)
    parts = [path.parent, path, sidecar(path, "-wal"), sidecar(path, "-shm")]
    writable = all(os.access(part, os.W_OK) for part in parts if part.exists())
    report.add("Quyền ghi", NOTE, "ghi được" if writable else "chỉ đọc được (tệp hoặc thư mục)")


def _examine_server(report: DoctorReport, url: str) -> None:
    engine = make_engine(parse_url(url), report.location)
    try:
        with engine.connect() as connection:
            report.add("Kết nối", SOUND, "máy chủ trả lời")
            facts = server_facts(connection)
            _run(report, OWNER, lambda: _revision_text(judge(facts, report.location)))
    except UserError:
        raise
    except Exception as error:
        problem = translate(error, report.location)
        if problem is None:
            raise
        report.add("Kết nối", DAMAGED, problem.message)
    finally:
        engine.dispose()
    report.add("Toàn vẹn các trang", NOTE, "PostgreSQL tự kiểm tra trang; không có gì để chạy thêm")


def examine(db: str | None = None) -> DoctorReport:
    """Examine the database named by --db / $BCD138_DB, changing nothing in it."""
    url = resolve_url(db)
    parsed = parse_url(url)
    report = DoctorReport(location(parsed))
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        try:
            _examine_sqlite_file(Path(parsed.database), report)
        except (sqlite3.Error, OSError) as error:  # the file cannot even be read
            problem = translate(error, report.location)
            if problem is None:
                raise
            report.add("Đọc tệp", DAMAGED, problem.message)
    else:
        _examine_server(report, url)
    return report
