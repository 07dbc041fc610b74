"""What the database's driver and the operating system report, told to the clerk.

Every error of SQLite, PostgreSQL (psycopg) or the file system met while opening or using
the database is turned here, and only here, into one of the typed errors of
committee.domain.errors, with a Vietnamese message naming the database. The driver's own English
text never reaches the clerk, and neither does a password: a database is always named by
`location()`, which masks it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from committee.domain.errors import (
    DamagedDatabase,
    DatabaseFull,
    DatabaseLocked,
    DatabaseProblem,
    DatabaseUnavailable,
    IncompleteSchema,
    ReadOnlyDatabase,
    StillDependedOn,
    UnstorableValue,
    describe_os_error,
)
from committee.domain.text import printable

MASK = "***"
# The password part of a URL's user information: scheme://user:PASSWORD@host…
_USERINFO_PASSWORD = re.compile(r"^(?P<head>[^:/?#]+://[^:/?#@]*:)(?P<password>[^@/?#]*)@")
_QUERY_PASSWORD = re.compile(r"(?P<head>[?&]password=)(?P<password>[^&#]*)", re.IGNORECASE)


def masked_url(url: str | URL) -> str:
    """The URL as it may be shown: any password replaced by ***.

    A URL SQLAlchemy parses is rendered by SQLAlchemy with its password hidden; one it
    cannot parse has the password of its user information masked here, simply."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except Exception:  # not a URL SQLAlchemy understands: mask it by its shape
        text = _USERINFO_PASSWORD.sub(rf"\g<head>{MASK}@", str(url))
        return _QUERY_PASSWORD.sub(rf"\g<head>{MASK}", text)
    if "password" in parsed.query:
        parsed = parsed.update_query_dict({"password": MASK})
    return parsed.render_as_string(hide_password=True)


def location(url: str | URL) -> str:
    """How messages name a database: an SQLite file by its path, a server by its URL with
    the password masked."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except Exception:
        return printable(masked_url(url))
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return printable(str(parsed.database))
    return printable(masked_url(parsed))


def damaged_message(where: str, detail: str = "") -> str:
    """The message for a damaged database: what is wrong and how to restore it."""
    found = f" ({detail})" if detail else ""
    return (
        f"Cơ sở dữ liệu «{where}» bị hỏng{found}; bcd138 không đọc và không ghi gì vào đó. "
        "Hãy khôi phục từ bản sao lưu: đóng mọi chương trình đang dùng tệp, chép bản sao tốt "
        "gần nhất đè lên tệp này (và xóa các tệp cùng tên có đuôi -wal, -shm nếu có), rồi "
        f"kiểm tra lại bằng: bcd138 --db {where} doctor"
    )


def _read_only(where: str) -> DatabaseProblem:
    return ReadOnlyDatabase(
        f"Cơ sở dữ liệu «{where}» chỉ cho đọc (tệp, thư mục chứa tệp hoặc ổ đĩa không cho "
        "ghi), nên lệnh này không làm được; các lệnh chỉ đọc (units, check, export) vẫn dùng "
        "được. Hãy cấp quyền ghi hoặc chép tệp sang nơi ghi được."
    )


def _locked(where: str) -> DatabaseProblem:
    return DatabaseLocked(
        f"Cơ sở dữ liệu «{where}» đang bị một phiên làm việc khác giữ để ghi; đã chờ mà "
        "chưa xong, nên chưa có gì được ghi. Hãy thử lại sau ít phút."
    )


def _full(where: str) -> DatabaseProblem:
    return DatabaseFull(
        f"Không ghi được vào cơ sở dữ liệu «{where}»: ổ đĩa đã đầy; chưa có gì được ghi. "
        "Hãy giải phóng chỗ trống rồi làm lại."
    )


def _unavailable(reason: str) -> Callable[[str], DatabaseProblem]:
    return lambda where: DatabaseUnavailable(f"Không mở được cơ sở dữ liệu «{where}»: {reason}.")


def _damaged(where: str) -> DatabaseProblem:
    return DamagedDatabase(damaged_message(where))


def _unstorable(reason: str) -> Callable[[str], DatabaseProblem]:
    return lambda where: UnstorableValue(
        f"Cơ sở dữ liệu «{where}» không lưu được một giá trị: {reason}; chưa có gì được ghi."
    )


def _depended_on(where: str) -> DatabaseProblem:
    return StillDependedOn(
        f"Máy chủ «{where}» không xóa được tài khoản: nó vẫn còn quyền hoặc sở hữu đối tượng "
        "ngoài các bảng của bcd138 (ở cơ sở dữ liệu này hay cơ sở dữ liệu khác trên máy chủ); "
        "không có gì bị thay đổi. Hãy thu hồi các quyền đó (REASSIGN OWNED, DROP OWNED) rồi "
        "làm lại, hoặc chỉ bỏ quyền bằng --keep-role."
    )


# SQLite's primary result codes (the low byte of the extended code).
SQLITE_PROBLEMS: dict[int, Callable[[str], DatabaseProblem]] = {
    sqlite3.SQLITE_BUSY: _locked,
    sqlite3.SQLITE_LOCKED: _locked,
    sqlite3.SQLITE_READONLY: _read_only,
    sqlite3.SQLITE_PERM: _read_only,
    sqlite3.SQLITE_CORRUPT: _damaged,
    sqlite3.SQLITE_NOTADB: _damaged,
    sqlite3.SQLITE_FORMAT: _damaged,
    sqlite3.SQLITE_FULL: _full,
    sqlite3.SQLITE_CANTOPEN: _unavailable(
        "không mở được tệp (hãy kiểm tra quyền đọc ghi tệp và thư mục chứa nó)"
    ),
    sqlite3.SQLITE_IOERR: _unavailable("lỗi đọc ghi ổ đĩa"),
    sqlite3.SQLITE_NOLFS: _unavailable("tệp quá lớn với hệ thống tệp này"),
    sqlite3.SQLITE_AUTH: _unavailable("không được phép"),
    sqlite3.SQLITE_TOOBIG: _unstorable("giá trị quá lớn"),
}

# PostgreSQL's SQLSTATE codes, whole or by their two-character class.
POSTGRESQL_PROBLEMS: dict[str, Callable[[str], DatabaseProblem]] = {
    "08": _unavailable("mất kết nối tới máy chủ hoặc máy chủ không trả lời"),
    "42501": _unavailable("người dùng không có quyền làm việc này"),
    "53100": _full,
    "53": _unavailable("máy chủ thiếu tài nguyên (bộ nhớ, số kết nối)"),
    "57P": _unavailable("máy chủ đang tắt hoặc khởi động lại"),
    "25006": _read_only,
    "2BP01": _depended_on,
    "40001": _locked,
    "40P01": _locked,
    "55P03": _locked,
    "XX001": _damaged,
    "XX002": _damaged,
    "22001": _unstorable("có giá trị dài hơn cột chứa nó"),
    "22021": _unstorable("có ký tự không hợp lệ"),
    "22P05": _unstorable("có ký tự không hợp lệ"),
    "22": _unstorable("giá trị không hợp lệ"),
}

_MISSING_SCHEMA = re.compile(
    r"no such (?:table|column): (?P<name>\S+)|has no column named (?P<column>\S+)"
)


def missing_schema_message(where: str, missing: str) -> str:
    """The message for a database that lacks tables or columns bcd138 needs."""
    return (
        f"Cơ sở dữ liệu «{where}» thiếu {missing} mà bcd138 cần: tệp đã bị sửa ngoài bcd138 "
        "hoặc bị hỏng; không có gì bị thay đổi. Hãy khôi phục từ bản sao lưu."
    )


def _missing_schema(where: str, name: str) -> DatabaseProblem:
    return IncompleteSchema(missing_schema_message(where, f"«{printable(name)}»"))


def _holds_nul(parameters: object) -> bool:
    if isinstance(parameters, str):
        return "\x00" in parameters
    if isinstance(parameters, dict):
        return any(_holds_nul(value) for value in parameters.values())
    if isinstance(parameters, list | tuple):
        return any(_holds_nul(value) for value in parameters)
    return False


def _from_sqlite(error: sqlite3.Error, where: str) -> DatabaseProblem | None:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF) in SQLITE_PROBLEMS:
        return SQLITE_PROBLEMS[code & 0xFF](where)
    missing = _MISSING_SCHEMA.search(str(error))
    if missing:
        return _missing_schema(where, missing.group("name") or missing.group("column"))
    return None


def _from_postgresql(error: Exception, parameters: object, where: str) -> DatabaseProblem | None:
    if _holds_nul(parameters):
        return _unstorable("có ký tự NUL (\\x00), PostgreSQL không lưu được ký tự này")(where)
    state = getattr(error, "sqlstate", None)
    if state is None:
        # libpq gives no SQLSTATE when a connection fails, whether the server did not
        # answer or refused the login or the database name.
        if type(error).__name__ in ("OperationalError", "InterfaceError"):
            return _unavailable(
                "không kết nối hoặc không đăng nhập được máy chủ (hãy kiểm tra địa chỉ, cổng, "
                "máy chủ có đang chạy, tên người dùng, mật khẩu và tên cơ sở dữ liệu)"
            )(where)
        if type(error).__name__ == "DataError":
            return _unstorable("giá trị không hợp lệ")(where)
        return None
    if state in ("42P01", "42703"):
        return _missing_schema(where, str(getattr(error.diag, "message_primary", "") or state))
    for key in (state, state[:3], state[:2]):
        if key in POSTGRESQL_PROBLEMS:
            return POSTGRESQL_PROBLEMS[key](where)
    return None


def translate(error: BaseException, where: str) -> DatabaseProblem | None:
    """The clerk's error for a driver or OS error met on the database named `where`, or
    None for an error that is not about the database (a defect, shown as it is)."""
    if isinstance(error, DatabaseProblem):
        return error
    parameters: object = None
    if isinstance(error, DBAPIError):
        parameters = error.params
        error = error.orig if error.orig is not None else error
    if isinstance(error, sqlite3.Error):
        return _from_sqlite(error, where)
    if type(error).__module__.split(".")[0] == "psycopg":
        return _from_postgresql(error, parameters, where)  # type: ignore[arg-type]
    if isinstance(error, OSError):
        return DatabaseUnavailable(
            f"Không mở được cơ sở dữ liệu «{where}»: {describe_os_error(error)}."
        )
    return None


@contextmanager
def database_errors(
    where: str, on_problem: Callable[[DatabaseProblem], None] | None = None
) -> Iterator[None]:
    """Run a block of database work; a driver or OS error it raises is raised again as the
    clerk's typed error (see `translate`), after `on_problem` has seen it."""
    try:
        yield
    except DatabaseProblem as problem:
        if on_problem is not None:
            on_problem(problem)
        raise
    except Exception as error:
        problem = translate(error, where)
        if problem is None:
            raise
        if on_problem is not None:
            on_problem(problem)
        raise problem from error
