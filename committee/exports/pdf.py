"""A PDF beside an exported file, made by LibreOffice (`soffice --headless --convert-to pdf`).

LibreOffice (committee/libreoffice.py) converts a copy of the file in a temporary folder
and is stopped, with everything it started, when it takes longer than TIME_LIMIT seconds.
The PDF goes into place like every export, whole or not at all
(committee/exports/output_files.py). Without LibreOffice the clerk is told, in one line,
how to install it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from committee.domain.errors import UserError
from committee.exports.output_files import write_atomically
from committee.libreoffice import ConversionFailed, convert, find_libreoffice

TIME_LIMIT = 180  # seconds for one conversion; a first start of LibreOffice takes ~10 s
INSTALL_HINT = (
    "Chưa cài LibreOffice nên không xuất được PDF; hãy cài LibreOffice (Debian, Ubuntu: "
    "sudo apt-get install libreoffice-calc libreoffice-writer; Windows: bộ cài từ "
    "libreoffice.org) rồi chạy lại, hoặc bỏ --pdf."
)


def converter() -> str:
    """The LibreOffice program to convert with; UserError (INSTALL_HINT) when there is none."""
    found = find_libreoffice()
    if found is None:
        raise UserError(INSTALL_HINT)
    return found


def write_pdf(source: Path, target: Path, *, replace: bool, program: str | None = None) -> Path:
    """Convert `source` (.xlsx, .docx) to the PDF `target`; returns `target`."""
    program = program or converter()
    source = Path(source)
    with tempfile.TemporaryDirectory(prefix="bcd138-pdf-") as folder:
        work = Path(folder)
        copy = work / f"document{source.suffix.lower()}"
        shutil.copyfile(source, copy)
        (work / "out").mkdir()
        try:
            made = convert(copy, "pdf", work / "out", TIME_LIMIT, program)
        except ConversionFailed as failed:
            if failed.timed_out:
                raise UserError(
                    f"LibreOffice chưa chuyển xong «{source}» sang PDF sau {TIME_LIMIT} giây "
                    "nên đã dừng; hãy đóng các cửa sổ LibreOffice đang treo rồi thử lại."
                ) from None
            raise UserError(
                f"LibreOffice không tạo được PDF từ «{source}»; hãy mở tệp bằng LibreOffice "
                "để xem nó có đọc được không."
            ) from failed

        def write(stream: BinaryIO) -> None:
            with made.open("rb") as pdf:
                shutil.copyfileobj(pdf, stream)

        return write_atomically(target, write, replace=replace)
