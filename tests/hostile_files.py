"""Hostile spreadsheet files, made by the tests (never checked in): workbooks that ask a
parser for gigabytes, zip bombs, damaged and disguised files, and rosters whose cells
hold control characters, numbers as names, formulas and very long text.

Each builder writes one file into a folder and returns its path.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from tests import roster_files

Builder = Callable[[Path], Path]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"

TITLE = "(Kèm theo Quyết định số 45/QĐ-UBND ngày 20/6/2023 của UBND huyện Thanh Hà)"
HEADER = ("STT", "Họ và tên", "Chức vụ", "Chức danh trong Ban Chỉ đạo", "Nhiệm vụ", "Ghi chú")
MEMBERS: tuple[tuple[str, ...], ...] = (
    ("1", "Lê Văn An", "Chủ tịch UBND huyện", "Trưởng ban", "Phụ trách chung", ""),
    ("2", "Trần Văn Bình", "Phó Chủ tịch UBND huyện", "Phó Trưởng ban Thứ nhất", "", ""),
    ("3", "Phạm Văn Cường", "Trưởng Công an huyện", "Phó Trưởng ban Thường trực", "", ""),
    ("4", "Nguyễn Thị Dung", "Trưởng phòng Tư pháp", "Ủy viên", "", ""),
)


def roster_rows(
    members: Sequence[Sequence[object]] = MEMBERS, title: str = TITLE
) -> list[list[object]]:
    """A small district roster: the decision line, the header, the members."""
    return [["DANH SÁCH"], [title], [], list(HEADER), *[list(m) for m in members]]


def member_row(column: str, value: object) -> list[object]:
    """The fourth member with `value` in one column ("name", "title", "duties", "note")."""
    row: list[object] = list(MEMBERS[3])
    row[{"stt": 0, "name": 1, "title": 2, "role": 3, "duties": 4, "note": 5}[column]] = value
    return row


# --- real workbooks of each format ----------------------------------------------------------


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], sheet: str = "Danh sách") -> Path:
    return roster_files.write_xlsx(path, {sheet: rows})


def write_xls(path: Path, rows: Sequence[Sequence[object]], sheet: str = "Danh sách") -> Path:
    return roster_files.write_xls(path, {sheet: rows})


def write_ods(path: Path, rows: Sequence[Sequence[object]], sheet: str = "Danh sách") -> Path:
    return roster_files.write_ods(path, {sheet: rows})


# --- hand-made .xlsx parts -------------------------------------------------------------------


def ooxml_text(text: str) -> str:
    """Text as an .xlsx part holds it: XML-escaped, and the control characters XML cannot
    hold written "_x001B_", as Excel writes them."""
    return "".join(
        f"_x{ord(ch):04X}_" if ord(ch) < 0x20 and ch not in "\t\n\r" else ch for ch in escape(text)
    )


def _cell(ref: str, value: object) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = ooxml_text(str(value))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_xml(rows: Sequence[Sequence[object]], *, dimension: str | None = None) -> str:
    """A worksheet part with inline strings, every cell with its reference."""
    body = "".join(
        f'<row r="{r}">'
        + "".join(
            _cell(f"{_letters(c)}{r}", value)
            for c, value in enumerate(row)
            if value not in (None, "")
        )
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">{declared}'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def xlsx_parts(sheet: str, shared_strings: str | None = None) -> dict[str, str | bytes]:
    """The parts of a one-sheet workbook named "Danh sách" around `sheet` (its XML)."""
    relationships = (
        f'<Relationship Id="rId1" Type="{_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    )
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType'
            '="application/xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE}">'
            f'<Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_RELS}">'
            '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared_strings is not None:
        relationships += (
            f'<Relationship Id="rId2" Type="{_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
        parts["xl/sharedStrings.xml"] = shared_strings
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE}">'
        f"{relationships}</Relationships>"
    )
    return parts


def write_zip(path: Path, parts: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def write_parts_xlsx(path: Path, sheet: str, shared_strings: str | None = None) -> Path:
    return write_zip(path, xlsx_parts(sheet, shared_strings))


def deflated_repeat(head: bytes, chunk: bytes, times: int) -> bytes:
    """A raw deflate stream of `head` then `chunk` repeated `times` times, made without
    compressing them all: each chunk is flushed as independent blocks, so its bytes repeat."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    start += compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    return start + again * (times - 1) + compressor.flush(zlib.Z_FINISH)


def write_raw_zip(path: Path, entries: Sequence[tuple[str, bytes, int, int]]) -> Path:
    """A zip written by hand: (name, deflated data, declared unpacked size, CRC-32) per
    entry, so that a test can declare any size it likes."""
    out = io.BytesIO()
    central = b""
    for name, data, size, crc in entries:
        offset = out.tell()
        encoded = name.encode()
        local = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        out.write(b"PK\x03\x04" + local + encoded + data)
        central += b"PK\x01\x02" + struct.pack(
            "<HHHHHHIIIHHHHHII",
            *(20, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0, 0, 0, 0, 0, offset),
        )
        central += encoded
    start = out.tell()
    out.write(central)
    count = len(entries)
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(central), start, 0))
    path.write_bytes(out.getvalue())
    return path


def huge_sheet_xlsx(path: Path, unpacked_bytes: int, *, declared: int | None = None) -> Path:
    """An .xlsx whose sheet part unpacks to about `unpacked_bytes` of empty rows, in a file
    about a thousand times smaller; the zip declares `declared` (default: the truth)."""
    chunk = b"<row/>" * (1024 * 1024 // 6)
    times = max(1, unpacked_bytes // len(chunk))
    head = f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode()
    entries = []
    for name, content in xlsx_parts("").items():
        if name == "xl/worksheets/sheet1.xml":
            size = declared if declared is not None else len(head) + times * len(chunk)
            entries.append((name, deflated_repeat(head, chunk, times), size, 0))
            continue
        raw = content.encode() if isinstance(content, str) else content
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        data = compressor.compress(raw) + compressor.flush()
        entries.append((name, data, len(raw), zlib.crc32(raw)))
    return write_raw_zip(path, entries)


# --- .ods bombs ------------------------------------------------------------------------------


def write_content_ods(path: Path, table: str) -> Path:
    """An .ods whose one table "Danh sách" is the given table:table body."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content xmlns:office="{office}" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Danh sách">'
        f"{table}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type'
        '="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def ods_text_cell(text: str, repeats: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeats}"' if repeats > 1 else ""
    return (
        f'<table:table-cell office:value-type="string"{repeated}>'
        f"<text:p>{escape(text)}</text:p></table:table-cell>"
    )


def ods_roster(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """An .ods written by hand (any character XML can hold, C1 controls included)."""
    table = "".join(
        ods_row("".join(ods_text_cell(str(value)) for value in row) or "<table:table-cell/>")
        for row in rows
    )
    return write_content_ods(path, table)


def ods_row(cells: str, repeats: int = 1) -> str:
    repeated = f' table:number-rows-repeated="{repeats}"' if repeats > 1 else ""
    return f"<table:table-row{repeated}>{cells}</table:table-row>"


# --- .xls records ----------------------------------------------------------------------------


def patch_record(path: Path, old: bytes, new: bytes) -> Path:
    """Replace one BIFF record of an .xls written by xlwt in place (same length)."""
    assert len(old) == len(new)
    data = path.read_bytes()
    assert data.count(old) >= 1, old
    path.write_bytes(data.replace(old, new, 1))
    return path


def encrypted_xlsx(path: Path, password: str = "matkhau") -> Path:
    """A password-protected .xlsx as Excel writes one: an OLE container holding the
    encrypted package."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(path.with_suffix(".plain.xlsx"), roster_rows())
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt(password, target)
    plain.unlink()
    return path


# --- Word documents ---------------------------------------------------------------------------

_WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """A real .docx with the decision line as a paragraph and the roster as a table."""
    return roster_files.write_docx(path, [list(row) for row in rows if row])


def docx_with_body(path: Path, body: bytes | None = None, *, packed: bytes | None = None) -> Path:
    """A real .docx whose word/document.xml is replaced: by `body` inside <w:body>, or by
    raw deflated bytes `packed` (declared to unpack to 1 KB)."""
    plain = write_docx(path.with_name("plain.docx"), roster_rows())
    entries = []
    with zipfile.ZipFile(plain) as archive:
        for info in archive.infolist():
            raw = archive.read(info)
            if info.filename == "word/document.xml":
                if packed is not None:
                    entries.append((info.filename, packed, 1024, 0))
                    continue
                raw = (
                    (
                        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                        f'<w:document xmlns:w="{_WORD}"><w:body>'
                    ).encode()
                    + (body or b"")
                    + b"</w:body></w:document>"
                )
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            data = compressor.compress(raw) + compressor.flush()
            entries.append((info.filename, data, len(raw), zlib.crc32(raw)))
    return write_raw_zip(path, entries)


def docx_zip_bomb(folder: Path) -> Path:
    """word/document.xml unpacking to a gigabyte of spaces, declared as 1 KB."""
    head = f'<w:document xmlns:w="{_WORD}"><w:body>'.encode()
    packed = deflated_repeat(head, b" " * (1024 * 1024), 1024)
    return docx_with_body(folder / "roster.docx", packed=packed)


def docx_many_rows(folder: Path) -> Path:
    """A table of 100,000 rows (a few hundred KB packed)."""
    row = b"<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
    return docx_with_body(folder / "roster.docx", b"<w:tbl>" + row * 100_000 + b"</w:tbl>")


def docx_nested_tables(folder: Path) -> Path:
    """A table in a table … 1,000 deep."""
    body = b"<w:tbl><w:tr><w:tc>" * 1000 + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * 1000
    return docx_with_body(folder / "roster.docx", body)
