"""Every error a clerk can see is typed (committee/domain/errors.py), its text Vietnamese."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from committee.domain.errors import (
    OS_ERROR_TEXTS,
    ImportRefused,
    NotFound,
    RosterError,
    UnknownDecision,
    UnknownMember,
    UnknownPerson,
    UnknownRecord,
    UserError,
    describe_os_error,
    describe_write_error,
)


def test_a_roster_error_names_sheet_row_and_column() -> None:
    error = RosterError("thiếu họ tên.", sheet="DS", row=12, column="B", path=Path("a.xlsx"))
    assert isinstance(error, UserError) and isinstance(error, ValueError)
    assert error.message == str(error) == "Trang tính «DS», dòng 12, cột B: thiếu họ tên."
    assert (error.reason, error.sheet, error.row, error.column) == ("thiếu họ tên.", "DS", 12, "B")
    assert RosterError("Không tìm thấy tệp «a.xlsx».").message == "Không tìm thấy tệp «a.xlsx»."


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (UnknownDecision(7), "Không tìm thấy quyết định số hiệu nội bộ 7."),
        (UnknownMember(8), "Không tìm thấy thành viên số hiệu nội bộ 8."),
        (UnknownPerson(9), "Không tìm thấy người số hiệu nội bộ 9."),
    ],
)
def test_a_record_not_found(error: UnknownRecord, text: str) -> None:
    assert isinstance(error, NotFound)
    assert error.message == text


def test_a_refused_import_keeps_every_problem() -> None:
    error = ImportRefused(("thứ nhất.", "thứ hai."))
    assert error.message == "thứ nhất." and error.problems == ("thứ nhất.", "thứ hai.")


@pytest.mark.parametrize("number", sorted(errno.errorcode))
def test_no_os_error_is_told_in_english(number: int) -> None:
    error = OSError(number, os.strerror(number))
    known = OS_ERROR_TEXTS.get(number)
    fallback = f"lỗi hệ thống (mã {errno.errorcode[number]})"
    general = describe_os_error(error)
    writing = describe_write_error(error, "/srv/x")
    assert general == (known.general if known and known.general else fallback)
    if known and known.writing:
        assert writing == known.writing.format(folder="/srv/x")
    else:
        assert writing == fallback
    assert os.strerror(number) not in general + writing


def test_one_table_serves_both_the_general_and_the_writing_words() -> None:
    denied = OSError(errno.EACCES, "Permission denied")
    assert describe_os_error(denied) == "không có quyền truy cập"
    assert describe_write_error(denied, "/srv") == "không có quyền ghi vào thư mục «/srv»"
    read_only = OSError(errno.EROFS, "Read-only file system")
    assert describe_write_error(read_only, "/mnt") == "thư mục «/mnt» nằm trên ổ đĩa chỉ đọc"
    unknown = OSError(errno.ENOSYS, "Function not implemented")
    assert describe_os_error(unknown) == describe_write_error(unknown, "/")
    assert describe_os_error(unknown) == "lỗi hệ thống (mã ENOSYS)"
