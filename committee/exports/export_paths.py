"""Where exported workbooks go: their default names in exports/ and the checks on a file
asked for with -o. Writing them is committee/output_files.py's (whole or not at all)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from committee import paths
from committee.domain.errors import UserError
from committee.exports.output_files import checked_target, unwritable

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
    """The workbook to write, refused before any work when it exists and `force` is not
    given, or when its folder is missing. The default folder (exports/) is created if
    needed."""
    if output is None:
        path = default
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise unwritable(path, error) from error
    else:
        path = Path(output)
        if path.suffix.lower() != ".xlsx":
            raise UserError(f"Tệp «{path}» phải có đuôi .xlsx (bảng tính Excel).")
    return checked_target(path, force)
