"""Files bcd138 writes (the exported workbooks, `check -o`): whole or not at all.

A file is written to a temporary file made beside it, with a name no one can guess,
created exclusively and never through a symbolic link (`tempfile.mkstemp`), then renamed
into place: a failure half-way (a full disk, an exception, Ctrl+C) never leaves a partial
file under the name a clerk would open, nor a temporary file behind. An existing file is
replaced only when the clerk says so (--force), and the new one keeps its permissions.

What goes wrong is told in Vietnamese and names the file the clerk asked for, never the
temporary one.
"""

from __future__ import annotations

import errno
import gc
import os
import re
import stat
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from committee.domain.errors import OutputExists, UserError, describe_write_error

Writer = Callable[[BinaryIO], None]
"""Writes a whole file to the binary stream it is given. A writer that builds something
big (a workbook) builds it inside, so that nothing of a failed write outlives it."""

_NAME_IN_TEMPORARY = 80  # characters of the file's name kept in its temporary's name


def checked_target(path: Path, force: bool) -> Path:
    """`path`, refused before any work when its folder is missing, when it is a folder, or
    when it exists and `force` is not given."""
    path = Path(path)
    if not path.parent.is_dir():
        what = "không phải một thư mục" if path.parent.exists() else "không tồn tại"
        raise UserError(f"Không ghi được tệp «{path}»: «{path.parent}» {what}.")
    if path.is_dir():
        raise UserError(f"Không ghi được tệp «{path}»: đó là một thư mục.")
    if not force and (path.exists() or path.is_symlink()):
        raise exists(path)
    return path


def write_atomically(path: Path, write: Writer, *, replace: bool) -> Path:
    """Write `path` whole with `write`, through a temporary file renamed into place.

    Without `replace` an existing `path` is never replaced, even one that appeared while
    the file was being written. Any failure, KeyboardInterrupt included, removes the
    temporary file; an OSError becomes a UserError naming `path`.
    """
    path = Path(path)
    temporary: str | None = None
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name[:_NAME_IN_TEMPORARY]}.", suffix=".tmp", dir=path.parent
        )
        with os.fdopen(descriptor, "wb") as stream:
            os.fchmod(stream.fileno(), _mode_for(path, replace))
            try:
                write(stream)
            except BaseException as error:
                _release(error, stream)
                system = _system_error(error)
                if system is not None:
                    raise system from error
                raise
        if replace:
            os.replace(temporary, path)
        else:
            _rename_without_replacing(temporary, path)
    except OSError as error:
        raise unwritable(path, error) from error
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return path


_LXML_IO_ERROR = re.compile(r"IO_(E[A-Z0-9]+)")


def _system_error(error: BaseException) -> OSError | None:
    """The operating-system error behind a writer's failure that is not an OSError:
    lxml's serialiser (which openpyxl writes through when lxml is installed, and
    python-docx always) reports a failed write as SerialisationError("IO_EFBIG")."""
    if isinstance(error, OSError) or type(error).__name__ != "SerialisationError":
        return None
    found = _LXML_IO_ERROR.search(str(error))
    number = getattr(errno, found.group(1), None) if found else None
    return OSError(number, os.strerror(number)) if isinstance(number, int) else None


def write_text(path: Path, text: str, *, replace: bool) -> Path:
    """Write `text` as UTF-8 to `path`, whole or not at all (see write_atomically). A
    character UTF-8 cannot hold (a lone surrogate) is written as its escape, "\\udc80"."""
    data = text.encode("utf-8", errors="backslashreplace")

    def write(stream: BinaryIO) -> None:
        stream.write(data)

    return write_atomically(path, write, replace=replace)


def _mode_for(path: Path, replace: bool) -> int:
    """The permissions of the file written: those of the file it replaces, otherwise those
    any new file gets (0666 less the umask)."""
    if replace:
        try:
            return stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            pass
    return 0o666 & ~_umask()


def _umask() -> int:
    # The umask can only be read by setting it; the interim value is the strictest one,
    # so that a file another thread creates meanwhile is never more open than it should be.
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _release(error: BaseException, stream: BinaryIO) -> None:
    """Let go of what a failed writer left half-done (an open zip archive, worksheet
    streams) while its temporary file is still open: their clean-up on deletion fails on
    the same full disk or closed stream, and would print "Exception ignored in …" lines
    after the one-line message. Those failures are the one already being reported."""
    traceback.clear_frames(error.__traceback__)
    with _quiet_clean_up(stream):
        gc.collect()


@contextmanager
def _quiet_clean_up(stream: BinaryIO) -> Iterator[None]:
    previous = sys.unraisablehook

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if not isinstance(unraisable.exc_value, Exception):  # OSError, lxml's errors…
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous


def _rename_without_replacing(temporary: str, path: Path) -> None:
    try:
        os.link(temporary, path)  # fails, atomically, when `path` exists
    except FileExistsError:
        raise exists(path) from None
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        if path.exists() or path.is_symlink():
            raise exists(path) from None
        os.replace(temporary, path)


_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def exists(path: Path) -> OutputExists:
    return OutputExists(
        path, f"Tệp «{path}» đã có; thêm --force để ghi đè, hoặc chọn tên khác bằng -o."
    )


def unwritable(path: Path, error: OSError) -> UserError:
    """The Vietnamese one-liner for an OSError met while writing `path`."""
    reason = describe_write_error(error, path.parent)
    return UserError(f"Không ghi được tệp «{path}»: {reason}.")
