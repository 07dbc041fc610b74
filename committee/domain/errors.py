"""Errors a clerk can act on. Their text is Vietnamese and is shown as it is."""

from __future__ import annotations

import errno
from datetime import datetime


class UserError(Exception):
    """Bad input or a refused action; the message says what and how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(UserError):
    pass


class OutputExists(UserError):
    """The file to write is already there and replacing it was not asked for (--force);
    `path` is that file, so that a UI can offer to replace it."""

    def __init__(self, path: object, message: str) -> None:
        super().__init__(message)
        self.path = path


class InvalidInput(UserError):
    """One field's value is refused; `field` names it so a form can show the message beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ReadOnlyDecision(UserError):
    pass


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


class UnstorableValue(DatabaseProblem):
    """A value the database refuses to store (a NUL byte, too long for its column)."""


# What the operating system's error numbers mean, for the clerk. Anything else is "lỗi hệ
# thống" with its number, never the system's English text.
OS_ERROR_TEXTS = {
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.ENOENT: "không tồn tại",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.EISDIR: "là một thư mục",
    errno.EROFS: "hệ thống tệp chỉ cho đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết hạn mức dung lượng",
    errno.EEXIST: "đã có",
    errno.ENAMETOOLONG: "tên quá dài",
    errno.ELOOP: "có vòng lặp liên kết tượng trưng",
    errno.EIO: "lỗi đọc ghi thiết bị",
    errno.EBUSY: "đang bận",
    errno.ETXTBSY: "đang được dùng",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ENXIO: "không có thiết bị tương ứng",
    errno.ENODEV: "không có thiết bị tương ứng",
    errno.EFBIG: "tệp quá lớn",
    errno.EXDEV: "không chuyển được sang ổ đĩa khác",
}


def describe_os_error(error: OSError) -> str:
    """The Vietnamese reason for an operating-system error (no English system text)."""
    reason = OS_ERROR_TEXTS.get(error.errno or 0)
    return reason or f"lỗi hệ thống (mã {error.errno})"


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
