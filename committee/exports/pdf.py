"""A PDF beside an exported file, made by LibreOffice (`soffice --headless --convert-to pdf`).

LibreOffice runs with a profile of its own in a temporary folder (so that it neither
touches the clerk's LibreOffice settings nor waits for a LibreOffice window already open),
converts a copy of the file, and is stopped, with everything it started, when it takes
longer than TIME_LIMIT seconds. The PDF goes into place like every export, whole or not at
all (committee/exports/output_files.py). Without LibreOffice the clerk is told, in one line,
how to install it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import BinaryIO

from committee.domain.errors import UserError
from committee.exports.output_files import write_atomically

PROGRAMS = ("soffice", "libreoffice")
TIME_LIMIT = 180  # seconds for one conversion; a first start of LibreOffice takes ~10 s
INSTALL_HINT = (
    "Chưa cài LibreOffice nên không xuất được PDF; hãy cài LibreOffice (Debian, Ubuntu: "
    "sudo apt-get install libreoffice-calc libreoffice-writer; Windows: bộ cài từ "
    "libreoffice.org) rồi chạy lại, hoặc bỏ --pdf."
)


def converter() -> str:
    """The LibreOffice program to convert with; UserError (INSTALL_HINT) when there is none."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found is not None:
            return found
    raise UserError(INSTALL_HINT)


def write_pdf(source: Path, target: Path, *, replace: bool, program: str | None = None) -> Path:
    """Convert `source` (.xlsx, .docx) to the PDF `target`; returns `target`."""
    program = program or converter()
    source = Path(source)
    with tempfile.TemporaryDirectory(prefix="bcd138-pdf-") as folder:
        work = Path(folder)
        copy = work / f"document{source.suffix.lower()}"
        shutil.copyfile(source, copy)
        made = work / "out" / "document.pdf"
        _run(
            [
                program,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(made.parent),
                str(copy),
            ],
            source,
        )
        if not made.is_file() or made.stat().st_size == 0:
            raise UserError(
                f"LibreOffice không tạo được PDF từ «{source}»; hãy mở tệp bằng LibreOffice "
                "để xem nó có đọc được không."
            )

        def write(stream: BinaryIO) -> None:
            with made.open("rb") as pdf:
                shutil.copyfileobj(pdf, stream)

        return write_atomically(target, write, replace=replace)


def _run(command: list[str], source: Path) -> None:
    """Run LibreOffice in a process group of its own, stopped whole at the time limit."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        process.wait(timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise UserError(
            f"LibreOffice chưa chuyển xong «{source}» sang PDF sau {TIME_LIMIT} giây nên đã "
            "dừng; hãy đóng các cửa sổ LibreOffice đang treo rồi thử lại."
        ) from None
    except BaseException:
        _stop(process)
        raise


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
