"""Where exported workbooks go and how they are saved: whole or not at all.

A workbook is written to a temporary file beside its destination and renamed into place,
so a failure half-way (a full disk, a crash) never leaves a partial file under the name a
clerk would open. An existing file is replaced only when the clerk says so (--force).
"""

from __future__ import annotations

import errno
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from committee import paths
from committee.errors import UserError

_NOT_NAME = re.compile(r"[^A-Za-z0-9]+")


def ascii_slug(text: str) -> str:
    """A file-name piece with no diacritics: "2105/QĐ-UBND" → "2105-QD-UBND"."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_NAME.sub("-", bare).strip("-")


def default_export_path(*parts: str) -> Path:
    """exports/<parts joined by "-">.xlsx, each part folded to ASCII."""
    name = "-".join(piece for piece in (ascii_slug(part) for part in parts) if piece)
    return paths.EXPORTS_DIR / f"{name}.xlsx"


def output_path(output: Path | None, default: Path, force: bool) -> Path:
    """The file to write, refused before any work when it exists and `force` is not given,
    or when its folder is missing. The default folder (exports/) is created if needed."""
    if output is None:
        path = default
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _unwritable(path, error) from error
    else:
        path = Path(output)
        if path.suffix.lower() != ".xlsx":
            raise UserError(f"Tệp «{path}» phải có đuôi .xlsx (bảng tính Excel).")
        if not path.parent.is_dir():
            what = "không phải một thư mục" if path.parent.exists() else "không tồn tại"
            raise UserError(f"Không ghi được tệp «{path}»: «{path.parent}» {what}.")
    if path.is_dir():
        raise UserError(f"Không ghi được tệp «{path}»: đó là một thư mục.")
    if path.exists() and not force:
        raise _exists(path)
    return path


def save_atomically(path: Path, save: Callable[[Path], None], force: bool) -> Path:
    """Call `save` on a temporary file beside `path`, then rename it to `path`.

    Without `force` an existing `path` is never replaced, even one that appeared while the
    workbook was being built. On any failure the temporary file is removed.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        save(temporary)
        if force:
            os.replace(temporary, path)
        else:
            _rename_without_replacing(temporary, path)
    except OSError as error:
        raise _unwritable(path, error) from error
    finally:
        temporary.unlink(missing_ok=True)
    return path


def _rename_without_replacing(temporary: Path, path: Path) -> None:
    try:
        os.link(temporary, path)  # fails, atomically, when `path` exists
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # a file system without hard links
        if path.exists():
            raise _exists(path) from None
        os.replace(temporary, path)


def _exists(path: Path) -> UserError:
    return UserError(f"Tệp «{path}» đã có; thêm --force để ghi đè, hoặc chọn tên khác bằng -o.")


_REASONS = {
    errno.EACCES: "không có quyền ghi vào thư mục «{folder}»",
    errno.EPERM: "không có quyền ghi vào thư mục «{folder}»",
    errno.EROFS: "thư mục «{folder}» nằm trên ổ đĩa chỉ đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết dung lượng được cấp trên ổ đĩa",
    errno.ENOENT: "thư mục «{folder}» không cho tạo tệp mới",
    errno.ENAMETOOLONG: "tên tệp quá dài",
}


def _unwritable(path: Path, error: OSError) -> UserError:
    reason = _REASONS.get(error.errno or 0)
    detail = reason.format(folder=path.parent) if reason else (error.strerror or str(error))
    return UserError(f"Không ghi được tệp «{path}»: {detail}.")
