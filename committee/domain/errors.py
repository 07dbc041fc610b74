"""Every error a clerk can see, by what went wrong. Their text is Vietnamese and is shown
as it is; callers (the CLI, the UI) decide what to do by the error's type and fields, never
by its text.

- UserError: the base; `message` is the one line to show.
- NotFound: what was asked for is not there (UnknownUnit, UnknownProvince, UnknownRule, and
  UnknownRecord: UnknownDecision, UnknownMember, UnknownPerson).
- WrongLevel: a unit of the wrong level for what was asked (a province has no committee;
  a commune has no communes).
- InvalidInput: one field's value is refused (`field` names it).
- RosterError: a roster (or duty) file that cannot be read, with its sheet, row and column.
- RulePackError: a rule pack file that cannot be used.
- OutputExists: the file to write is there and replacing it was not asked for.
- Refused writes: ReadOnlyDecision, ImportRefused, NoDecisionInForce, StaleRecord,
  ConcurrentChange.
- DatabaseProblem and its subclasses: the database cannot be used as asked.
"""

from __future__ import annotations

import errno
from datetime import datetime
from pathlib import Path
from typing import NamedTuple


class UserError(Exception):
    """Bad input or a refused action; the message says what and how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- what was asked for is not there --------------------------------------------------------


class NotFound(UserError):
    pass


class UnknownUnit(NotFound):
    """No administrative unit has the code the clerk gave; `code` is that code, cleaned."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Không có đơn vị hành chính mã «{code}» trong cơ sở dữ liệu "
            "(xem danh sách bằng lệnh: bcd138 units)."
        )
        self.code = code


class UnknownProvince(NotFound):
    """No province of the country's catalogue has the code or name the clerk gave."""


class UnknownRecord(NotFound):
    """No record of this kind has this internal id (it was deleted, or never was)."""

    what = "bản ghi"

    def __init__(self, record_id: int) -> None:
        super().__init__(f"Không tìm thấy {self.what} số hiệu nội bộ {record_id}.")
        self.record_id = record_id


class UnknownDecision(UnknownRecord):
    what = "quyết định"


class UnknownMember(UnknownRecord):
    what = "thành viên"  # a roster line


class UnknownPerson(UnknownRecord):
    what = "người"


class UnknownRule(NotFound):
    """No rule of the pack has this code."""

    def __init__(self, code: str) -> None:
        super().__init__(f"Không có quy tắc «{code}»; xem danh sách bằng: bcd138 rules.")
        self.code = code


class WrongLevel(UserError):
    """The unit `unit_code` is not of the level the action needs: a committee is set up at
    district and commune level only, communes are listed under a district."""

    def __init__(self, unit_code: str, message: str) -> None:
        super().__init__(message)
        self.unit_code = unit_code


# --- input refused --------------------------------------------------------------------------


class InvalidInput(UserError):
    """One field's value is refused; `field` names it so a form can show the message beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class RosterError(UserError, ValueError):
    """A roster (or duty sheet) that cannot be read, located as precisely as possible (a
    ValueError too: the value of a file, not the program, is wrong).

    `reason` says what is wrong; `sheet` (or `table`, the 1-based table of a Word
    document), `row` (1-based) and `column` (its letter) say where, when known; `path` is
    the file. `message` (and str()) reads e.g. "Trang tính «Danh sach», dòng 12, cột B: dòng
    có chức danh nhưng thiếu họ tên." or "Bảng 2, dòng 5, cột C: …"; errors about the file
    itself name the file in `reason`.
    """

    def __init__(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        path: Path | None = None,
        table: int | None = None,
    ) -> None:
        self.reason = message
        self.sheet = sheet
        self.row = row
        self.column = column
        self.path = path
        self.table = table
        place = []
        if sheet is not None:
            place.append(f"Trang tính «{sheet}»")
        if table is not None:
            place.append(f"Bảng {table}")
        if row is not None:
            place.append(f"dòng {row}")
        if column is not None:
            place.append(f"cột {column}")
        super().__init__(f"{', '.join(place)}: {message}" if place else message)


class RulePackError(UserError):
    """A rule pack file that cannot be used; the message names the file and the fault."""


# --- outputs and refused writes -------------------------------------------------------------


class OutputExists(UserError):
    """The file to write is already there and replacing it was not asked for (--force);
    `path` is that file, so that a UI can offer to replace it."""

    def __init__(self, path: object, message: str) -> None:
        super().__init__(message)
        self.path = path


class ReadOnlyDecision(UserError):
    """An issued decision never changes: a change to it is refused."""


class ImportRefused(UserError):
    """A roster read well that cannot be stored as asked (the same number and date as a
    recorded decision with another roster, signed before the decision in force, naming
    another unit): `problems` says why, one sentence each; the first is the message."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__(problems[0])
        self.problems = problems


class NoDecisionInForce(UserError):
    """The unit `unit_code` has no decision in force, so nothing can be recorded against it."""

    def __init__(self, unit_code: str, message: str) -> None:
        super().__init__(message)
        self.unit_code = unit_code


class StaleRecord(UserError):
    """A record changed by someone else since it was read: the write is refused.

    `updated_by` and `updated_at` say who changed it last and when, when known."""

    def __init__(
        self, message: str, updated_by: str | None = None, updated_at: datetime | None = None
    ) -> None:
        super().__init__(message)
        self.updated_by = updated_by
        self.updated_at = updated_at


class ConcurrentChange(UserError):
    """Two sessions changed the same records at once and the database kept the first."""


# --- the database ---------------------------------------------------------------------------


class DatabaseProblem(UserError):
    """The database cannot be used as asked; the subclasses say why."""


class NotADatabase(DatabaseProblem):
    """The file or database is not bcd138's (another application's, or not a database)."""


class NewerDatabase(DatabaseProblem):
    """The database was made by a newer bcd138 (its schema revision is unknown here)."""


class DamagedDatabase(DatabaseProblem):
    """The database's pages are damaged; nothing is read from or written to it."""


class IncompleteSchema(DatabaseProblem):
    """A table or column bcd138 needs is missing (the file was altered outside bcd138)."""


class ReadOnlyDatabase(DatabaseProblem):
    """The database can be read but not written (file, folder or file system read-only)."""


class DatabaseLocked(DatabaseProblem):
    """Another session holds the database's write lock for longer than we wait."""


class DatabaseFull(DatabaseProblem):
    """The disk (or the database's size limit) is full."""


class DatabaseUnavailable(DatabaseProblem):
    """The database cannot be reached or opened: no server, refused login, unreadable file."""


class UnsupportedDatabase(DatabaseProblem):
    """The --db value is not a database bcd138 can use: a bad URL, another engine, no driver."""


class StillDependedOn(DatabaseProblem):
    """The server refused to drop something other objects still depend on (a clerk's role
    that still holds rights or objects outside bcd138's tables): nothing was changed."""


class UnstorableValue(DatabaseProblem):
    """A value the database refuses to store (a NUL byte, too long for its column)."""


# --- operating-system errors ----------------------------------------------------------------


class OsErrorText(NamedTuple):
    """What an operating-system error means for the clerk: in general ("«x»: không có quyền
    truy cập"), and when a file could not be written into `{folder}`. None where no word
    fits that case: "lỗi hệ thống" with the error's code is shown instead."""

    general: str | None
    writing: str | None


# The one table of what the operating system's error numbers mean. Anything not here is
# "lỗi hệ thống" with its code, never the system's English text.
OS_ERROR_TEXTS: dict[int, OsErrorText] = {
    errno.EACCES: OsErrorText(
        "không có quyền truy cập", "không có quyền ghi vào thư mục «{folder}»"
    ),
    errno.EPERM: OsErrorText("không được phép", "không có quyền ghi vào thư mục «{folder}»"),
    errno.ENOENT: OsErrorText("không tồn tại", "thư mục «{folder}» không cho tạo tệp mới"),
    errno.ENOTDIR: OsErrorText(
        "một phần của đường dẫn không phải là thư mục", "«{folder}» không phải một thư mục"
    ),
    errno.EISDIR: OsErrorText("là một thư mục", "đó là một thư mục"),
    errno.EROFS: OsErrorText(
        "hệ thống tệp chỉ cho đọc", "thư mục «{folder}» nằm trên ổ đĩa chỉ đọc"
    ),
    errno.ENOSPC: OsErrorText("ổ đĩa đã đầy", "ổ đĩa đã đầy"),
    errno.EDQUOT: OsErrorText("đã hết hạn mức dung lượng", "đã hết dung lượng được cấp trên ổ đĩa"),
    errno.EEXIST: OsErrorText("đã có", None),  # a write meets it only on its temporary file
    errno.ENAMETOOLONG: OsErrorText("tên quá dài", "tên tệp quá dài"),
    errno.ELOOP: OsErrorText("có vòng lặp liên kết tượng trưng", "đường dẫn có liên kết vòng"),
    errno.EIO: OsErrorText("lỗi đọc ghi thiết bị", "lỗi đọc ghi trên ổ đĩa"),
    errno.EBUSY: OsErrorText("đang bận", "tệp đang bị chương trình khác dùng"),
    errno.ETXTBSY: OsErrorText("đang được dùng", "tệp đang bị chương trình khác dùng"),
    errno.EMFILE: OsErrorText("mở quá nhiều tệp cùng lúc", "chương trình đang mở quá nhiều tệp"),
    errno.ENFILE: OsErrorText(None, "hệ thống đang mở quá nhiều tệp"),
    errno.ENOMEM: OsErrorText(None, "không đủ bộ nhớ"),
    errno.ENXIO: OsErrorText("không có thiết bị tương ứng", None),
    errno.ENODEV: OsErrorText("không có thiết bị tương ứng", None),
    errno.EFBIG: OsErrorText("tệp quá lớn", "tệp vượt quá kích thước lớn nhất được phép ghi"),
    errno.EXDEV: OsErrorText("không chuyển được sang ổ đĩa khác", None),
}


def _system_error(error: OSError) -> str:
    number = error.errno or 0
    return f"lỗi hệ thống (mã {errno.errorcode.get(number, number)})"


def describe_os_error(error: OSError) -> str:
    """The Vietnamese reason for an operating-system error (no English system text)."""
    text = OS_ERROR_TEXTS.get(error.errno or 0)
    return text.general if text is not None and text.general else _system_error(error)


def describe_write_error(error: OSError, folder: object) -> str:
    """The Vietnamese reason why a file could not be written into `folder`."""
    text = OS_ERROR_TEXTS.get(error.errno or 0)
    if text is None or text.writing is None:
        return _system_error(error)
    return text.writing.format(folder=folder)


# --- the shared register ----------------------------------------------------------------------


class OutsideScope(UserError):
    """A clerk asked to write a unit outside the units the administrator gave it, or a
    read-only clerk asked to write at all: nothing is written."""


class NotAnAdministrator(DatabaseProblem):
    """Work only the register's administrator may do (migrating, managing clerks,
    restoring), asked on a clerk's connection."""


class RegisterNeedsServer(UserError):
    """Clerks and their scopes exist only on a PostgreSQL register."""
