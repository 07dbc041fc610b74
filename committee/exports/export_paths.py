"""Where exported files go: their default names in exports/ and the checks on a file asked
for with -o. Writing them is committee/exports/output_files.py's (whole or not at all)."""

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


XLSX = ".xlsx"
DOCX = ".docx"
PDF = ".pdf"
_KINDS = {XLSX: "bảng tính Excel", DOCX: "văn bản Word", PDF: "tệp PDF"}


def default_export_path(*parts: str, suffix: str = XLSX) -> Path:
    """exports/<parts joined by "-"><suffix>, each part folded to ASCII."""
    name = "-".join(piece for piece in (ascii_slug(part) for part in parts) if piece)
    return paths.EXPORTS_DIR / f"{name}{suffix}"


def pdf_beside(path: Path) -> Path:
    """The PDF written beside an exported file: the same name, ending in .pdf."""
    return Path(path).with_suffix(PDF)


def output_path(output: Path | None, default: Path, force: bool) -> Path:
    """The file to write, refused before any work when it exists and `force` is not
    given, when its folder is missing, or when asked for with a name that does not end as
    the default does (.xlsx, .docx). The default folder (exports/) is created if needed."""
    if output is None:
        path = default
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise unwritable(path, error) from error
    else:
        path = Path(output)
        if path.suffix.lower() != default.suffix:
            kind = _KINDS.get(default.suffix, default.suffix)
            raise UserError(f"Tệp «{path}» phải có đuôi {default.suffix} ({kind}).")
    return checked_target(path, force)
