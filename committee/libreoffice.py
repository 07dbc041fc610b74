"""Running LibreOffice headless for one conversion (`soffice --convert-to …`), for any layer
that needs it: a .doc roster read as .docx (committee/rosters/word.py), a PDF beside an
export (committee/exports/pdf.py).

LibreOffice runs with a profile of its own in the conversion's folder (so that it neither
touches the clerk's LibreOffice settings nor waits for a LibreOffice window already open),
in a process group of its own that is stopped whole at the time limit.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from pathlib import Path

PROGRAMS = ("soffice", "libreoffice")


class ConversionFailed(Exception):
    """LibreOffice could not convert a file; `reason` says why, as a clause about the file
    (Vietnamese); `timed_out` when it was stopped at the time limit."""

    def __init__(self, reason: str, *, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.timed_out = timed_out


def find_libreoffice() -> str | None:
    """The LibreOffice program on this machine's PATH, or None."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found is not None:
            return found
    return None


def convert(
    source: Path, to: str, folder: Path, seconds: float, program: str | None = None
) -> Path:
    """`source` converted into `folder` as file type `to` ("docx", "pdf"), LibreOffice's
    profile in `folder` too; the converted file's path. ConversionFailed when LibreOffice
    is missing, does not start, fails, or takes longer than `seconds`."""
    program = program or find_libreoffice()
    if program is None:
        raise ConversionFailed(f"máy này không có LibreOffice để chuyển nó sang .{to}")
    command = [
        program,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        to,
        "--outdir",
        str(folder),
        str(source),
    ]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        raise ConversionFailed(f"LibreOffice không chạy được ({error})") from error
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise ConversionFailed(
            f"LibreOffice chạy quá {seconds:g} giây nên đã dừng", timed_out=True
        ) from None
    except BaseException:
        _stop(process)
        raise
    result = folder / f"{source.stem}.{to}"
    if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
        raise ConversionFailed("LibreOffice không chuyển được nó (tệp bị hỏng hoặc có mật khẩu)")
    return result


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
