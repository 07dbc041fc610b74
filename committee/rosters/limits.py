"""Bounding a spreadsheet file before a parser reads it.

python-calamine holds a whole sheet in memory as a dense grid, and reads every sheet of an
.xls or .ods file as soon as the file is opened: one cell at XFD1048576 in a 5.7 KB .xlsx
asks it for 512 GiB, a text repeated by an .ods "number-columns-repeated" or a shared
string shown by a million cells for as much again. A roster is a few hundred rows, so
before a file reaches calamine its shape is checked cheaply against ReadingLimits
(data/roster_layout.toml, [limits]), streaming, never trusting a declared size alone:

- the file: a regular file of at most `file_bytes`, read with that cap;
- .xlsx and .ods (zip): the number of parts, each part's and all parts' unpacked size,
  counted while unpacking and stopped at the limit;
- every sheet: where its cells really are (each cell's reference, and the dimension the
  sheet declares) within `rows` × `columns`; the cells of all sheets together within one
  such grid; and the text the parser will hold for them within `text_characters` (a shared
  string counts once for each cell that shows it, a repeated cell once per repetition);
- .xls: the same, from the records of the workbook stream;
- .docx (a Word document holding the roster as a table): word/document.xml, the same zip
  limits, its tables' rows and columns within `rows` × `columns`, all tables together
  within one such grid, tables nested at most `table_depth` deep.

The same pass gathers what the parsers do not say (FileScan): the font of each text cell
that is set in a font `keep_font` picks (a pre-Unicode Vietnamese font), the merged cells
of an .ods sheet, and the cells of a Word table that continue a vertical merge.

check_file() raises WorkbookRefused with a Vietnamese message.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
import zlib
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

import olefile

_MEGABYTE = 1024 * 1024
_CHUNK = 64 * 1024

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = olefile.MAGIC

_NOT_A_SPREADSHEET = (
    "không đọc được như một bảng tính (.xlsx, .xls, .ods): nội dung tệp không phải bảng "
    "tính (có thể là tệp văn bản, CSV hoặc PDF được đổi tên)"
)
_DAMAGED = "không đọc được như một bảng tính (.xlsx, .xls, .ods): tệp bị hỏng hoặc bị cắt cụt"
_NOT_A_WORD_DOCUMENT = (
    "không đọc được như một tài liệu Word (.docx): nội dung tệp không phải tài liệu Word (có "
    "thể là bảng tính, tệp văn bản hoặc PDF được đổi tên)"
)
_WORD_DAMAGED = "không đọc được như một tài liệu Word (.docx): tệp bị hỏng hoặc bị cắt cụt"
_PASSWORD = (
    "có mật khẩu (được mã hóa) nên không đọc được; hãy mở tệp trong Excel hoặc LibreOffice, "
    "bỏ mật khẩu rồi lưu lại"
)
_SMALLER = (
    "một danh sách chỉ vài trăm dòng; hãy chép bảng danh sách sang một tệp mới rồi nhập tệp đó"
)

# One byte of a formula record can stand for up to this many characters of the formula
# text calamine builds from it (a 7-byte sheet reference names a sheet of up to 255
# characters, quotes doubled): the bound used for .xls formulas and defined names.
_FORMULA_TEXT_PER_BYTE = 80


@dataclass(frozen=True)
class ReadingLimits:
    """How large a spreadsheet file may be, in every sense that costs memory or time."""

    file_bytes: int
    rows: int
    columns: int
    text_characters: int
    zip_entries: int
    entry_bytes: int
    unpacked_bytes: int
    xml_elements: int
    table_depth: int

    @classmethod
    def from_table(cls, table: dict[str, int]) -> ReadingLimits:
        """From the [limits] table of data/roster_layout.toml (sizes in megabytes)."""
        return cls(
            file_bytes=int(table["file_megabytes"] * _MEGABYTE),
            rows=int(table["rows"]),
            columns=int(table["columns"]),
            text_characters=int(table["text_characters"]),
            zip_entries=int(table["zip_entries"]),
            entry_bytes=int(table["entry_megabytes"] * _MEGABYTE),
            unpacked_bytes=int(table["unpacked_megabytes"] * _MEGABYTE),
            xml_elements=int(table["xml_elements"]),
            table_depth=int(table["table_depth"]),
        )

    @property
    def cells(self) -> int:
        return self.rows * self.columns


class WorkbookRefused(ValueError):
    """A file refused before it is parsed. `message` is a Vietnamese clause about the file
    ("lớn quá: …"); `sheet`, `row` (1-based) and `column` (0-based) locate it when known."""

    def __init__(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(message)


def format_count(number: int) -> str:
    """5000 → "5.000", the Vietnamese way."""
    return f"{number:,}".replace(",", ".")


def _megabytes(size: int) -> str:
    return f"{size / _MEGABYTE:.1f}".replace(".", ",").removesuffix(",0") + " MB"


# --- the file ---------------------------------------------------------------------------------


def read_file(path: Path, limits: ReadingLimits) -> bytes:
    """The bytes of the regular file at `path`, read with a cap of limits.file_bytes.

    Opened without blocking and checked once open, so a FIFO, a device or a directory put
    in the file's place is refused rather than read.
    """
    try:
        handle = open(path, "rb", buffering=0, opener=_open_nonblocking)  # noqa: SIM115
    except OSError as error:
        raise WorkbookRefused(f"không mở được ({error.strerror or error})") from error
    with handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise WorkbookRefused(
                "không phải một tệp bảng tính (là thư mục, thiết bị hoặc ống dẫn)"
            )
        parts = []
        wanted = limits.file_bytes + 1
        while wanted > 0 and (part := handle.read(wanted)):
            parts.append(part)
            wanted -= len(part)
        data = b"".join(parts)
    if len(data) > limits.file_bytes:
        raise WorkbookRefused(
            f"lớn quá: hơn {_megabytes(limits.file_bytes)}, giới hạn của một tệp danh sách; "
            f"{_SMALLER}"
        )
    if not data:
        raise WorkbookRefused("rỗng (0 byte), không có bảng tính nào")
    return data


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NONBLOCK)


class FileKind(Enum):
    """What a file is expected to be, from its name."""

    SPREADSHEET = "spreadsheet"
    WORD = "word"


Cell = tuple[int, int]  # 0-based (row, column)


@dataclass
class FileScan:
    """What the bounded scan saw that the parsers do not say.

    fonts: sheet name → the text cells set in a font `keep_font` picked, with that font
        (for a Word file, fonts are read from the document itself);
    merges: sheet name → merged ranges ((first row, first column), (last row, last
        column)), for .ods (calamine reads those of .xlsx and .xls);
    continued: for each top-level table of a Word document, the cells that continue a
        vertical merge from the row above (python-docx repeats their text, not their cell).
    """

    fonts: dict[str, dict[Cell, str]] = field(default_factory=dict)
    merges: dict[str, list[tuple[Cell, Cell]]] = field(default_factory=dict)
    continued: list[set[Cell]] = field(default_factory=list)


def _no_font(name: str) -> bool:
    return False


def check_file(
    data: bytes,
    limits: ReadingLimits,
    kind: FileKind = FileKind.SPREADSHEET,
    keep_font: Callable[[str], bool] = _no_font,
) -> FileScan:
    """Refuse (WorkbookRefused) a file whose reading would go beyond `limits`, or that is
    not of `kind`; else what the scan gathered."""
    scan = FileScan()
    try:
        if kind is FileKind.WORD:
            if not data.startswith(_ZIP_MAGIC):
                raise WorkbookRefused(_NOT_A_WORD_DOCUMENT)
            _check_zip(data, limits, kind, keep_font, scan)
        elif data.startswith(_ZIP_MAGIC):
            _check_zip(data, limits, kind, keep_font, scan)
        elif data.startswith(_OLE_MAGIC):
            _check_ole(data, limits, keep_font, scan)
        else:
            raise WorkbookRefused(_NOT_A_SPREADSHEET)
    except WorkbookRefused as refused:
        if kind is FileKind.WORD and refused.message.startswith(_DAMAGED):
            raise WorkbookRefused(
                _WORD_DAMAGED + refused.message.removeprefix(_DAMAGED)
            ) from refused
        raise
    return scan


class _Tally:
    """What the sheets of one workbook add up to, against the limits."""

    def __init__(self, limits: ReadingLimits) -> None:
        self.limits = limits
        self.cells = 0
        self.area = 0
        self.text = 0
        self.elements = 0

    def refuse_elements(self) -> None:
        """More XML elements than limits.xml_elements: the time a part takes to scan (and
        to parse) grows with their number, whatever they hold."""
        raise WorkbookRefused(
            f"có hơn {format_count(self.limits.xml_elements)} phần tử XML, quá giới hạn của một "
            f"tệp danh sách; {_SMALLER}"
        )

    def position(self, sheet: str, row: int, column: int) -> None:
        """A cell holding a value at 0-based (row, column)."""
        limits = self.limits
        if row >= limits.rows or column >= limits.columns:
            raise WorkbookRefused(
                f"có dữ liệu ở ô này, ngoài giới hạn {format_count(limits.rows)} dòng × "
                f"{format_count(limits.columns)} cột của một trang tính danh sách; {_SMALLER}",
                sheet=sheet,
                row=min(row, 10**9) + 1,
                column=min(column, 10**6),
            )

    def add(self, sheet: str, cells: int, text: int) -> None:
        """`cells` cells more (as the parser stores them), holding `text` characters."""
        limits = self.limits
        self.cells += cells
        if self.cells > limits.cells:
            raise WorkbookRefused(
                f"có hơn {format_count(limits.cells)} ô dữ liệu; {_SMALLER}", sheet=sheet
            )
        self.text += text
        if self.text > limits.text_characters:
            raise WorkbookRefused(
                f"có hơn {format_count(limits.text_characters)} ký tự chữ trong các ô, quá giới "
                f"hạn của một tệp danh sách; {_SMALLER}",
                sheet=sheet,
            )

    def declared(self, sheet: str, rows: int, columns: int) -> None:
        """The extent a sheet declares (its dimension), in rows and columns from A1."""
        limits = self.limits
        if rows > limits.rows or columns > limits.columns:
            raise WorkbookRefused(
                f"khai báo vùng dữ liệu {format_count(rows)} dòng × {format_count(columns)} "
                f"cột, ngoài giới hạn {format_count(limits.rows)} dòng × "
                f"{format_count(limits.columns)} cột của một trang tính danh sách; {_SMALLER}",
                sheet=sheet,
            )

    def sheet_done(self, sheet: str, rows: int, columns: int) -> None:
        """A sheet whose cells span `rows` × `columns` from A1: all sheets together hold at
        most one full grid, as calamine keeps every sheet of an .xls or .ods at once."""
        self.area += rows * columns
        if self.area > self.limits.cells:
            raise WorkbookRefused(
                f"các trang tính cộng lại rộng hơn {format_count(self.limits.cells)} ô (giới "
                f"hạn {format_count(self.limits.rows)} dòng × "
                f"{format_count(self.limits.columns)} cột); {_SMALLER}",
                sheet=sheet,
            )


# --- zip: .xlsx and .ods ------------------------------------------------------------------


def _check_zip(
    data: bytes,
    limits: ReadingLimits,
    kind: FileKind,
    keep_font: Callable[[str], bool],
    scan: FileScan,
) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise WorkbookRefused(_DAMAGED) from error
    if len(entries) > limits.zip_entries:
        raise WorkbookRefused(
            f"có {format_count(len(entries))} phần nén, quá giới hạn "
            f"{format_count(limits.zip_entries)} phần của một tệp danh sách"
        )
    names = {entry.filename.lower().replace("\\", "/") for entry in entries}
    scanners: _XlsxScanners | _OdsScanners | _DocxScanners
    if kind is FileKind.WORD:
        if "word/document.xml" not in names:
            raise WorkbookRefused(_NOT_A_WORD_DOCUMENT)
        scanners = _DocxScanners(limits, scan)
    elif "xl/workbook.xml" in names:
        scanners = _XlsxScanners(limits, keep_font, scan)
    elif "content.xml" in names:
        scanners = _OdsScanners(limits, keep_font, scan)
    elif "word/document.xml" in names:
        raise WorkbookRefused(
            "là tài liệu Word, không phải bảng tính; hãy đặt tên tệp có đuôi .docx để đọc "
            "bảng danh sách trong đó"
        )
    elif "xl/workbook.bin" in names:
        raise WorkbookRefused(
            "là bảng tính .xlsb, chưa được hỗ trợ; hãy lưu lại dưới dạng .xlsx trong Excel"
        )
    else:
        raise WorkbookRefused(_NOT_A_SPREADSHEET)
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise WorkbookRefused(_PASSWORD)
    declared = 0
    for entry in entries:
        if entry.file_size > limits.entry_bytes:
            raise _too_much_unpacked(entry.filename, limits.entry_bytes)
        declared += entry.file_size
    if declared > limits.unpacked_bytes:
        raise _too_much_unpacked(None, limits.unpacked_bytes)
    budget = limits.unpacked_bytes
    for entry in sorted(entries, key=scanners.order):
        scanner = scanners.scanner(entry.filename)
        size = 0
        for chunk in _unpacked(data, entry):
            size += len(chunk)
            if size > limits.entry_bytes:
                raise _too_much_unpacked(entry.filename, limits.entry_bytes)
            if size > budget:
                raise _too_much_unpacked(None, limits.unpacked_bytes)
            scanner.feed(chunk)
        budget -= size
        scanner.close()
    scanners.finish()


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra length
_STORED, _DEFLATED = 0, 8


def _unpacked(data: bytes, entry: zipfile.ZipInfo) -> Iterator[bytes]:
    """The unpacked bytes of a zip entry, chunk by chunk, as far as its compressed data
    really goes: neither the declared unpacked size nor the compressed size is trusted,
    a deflate stream is followed to its end (or to the end of the file)."""
    offset = entry.header_offset
    header = data[offset : offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or not header.startswith(b"PK\x03\x04"):
        raise WorkbookRefused(_DAMAGED)
    _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    start = offset + _LOCAL_HEADER.size + name_length + extra_length
    if entry.compress_type == _STORED:
        stored = data[start : start + entry.compress_size]
        for at in range(0, len(stored), _CHUNK):
            yield stored[at : at + _CHUNK]
        return
    if entry.compress_type != _DEFLATED:
        raise WorkbookRefused(f"{_DAMAGED} (kiểu nén không được hỗ trợ)")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    position = start
    pending = b""
    try:
        while not inflater.eof:
            if not pending:
                if position >= len(data):
                    break
                pending = data[position : position + _CHUNK]
                position += len(pending)
            chunk = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            if chunk:
                yield chunk
    except zlib.error as error:
        raise WorkbookRefused(_DAMAGED) from error


def _too_much_unpacked(part: str | None, limit: int) -> WorkbookRefused:
    what = f"phần «{part}»" if part is not None else "các phần"
    return WorkbookRefused(
        f"là tệp nén mà {what} khi giải nén lớn hơn {_megabytes(limit)}, giới hạn của một "
        f"tệp danh sách; {_SMALLER}"
    )


class _Scanner:
    """Receives an unpacked part chunk by chunk."""

    def feed(self, chunk: bytes) -> None:
        pass

    def close(self) -> None:
        pass


class _XmlScanner(_Scanner):
    """An XML part read with expat, element by element, without namespace processing (like
    calamine, which matches element names as they are written). A document type
    declaration (the way to an entity bomb) is refused."""

    def __init__(self, tally: _Tally) -> None:
        parser = expat.ParserCreate()
        parser.buffer_text = True
        start = self.start
        limit = tally.limits.xml_elements

        def counted_start(name: str, attributes: dict[str, str]) -> None:
            tally.elements += 1
            if tally.elements > limit:
                tally.refuse_elements()
            start(name, attributes)

        parser.StartElementHandler = counted_start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        parser.StartDoctypeDeclHandler = self._doctype
        self.parser = parser
        self.failed = False

    def _doctype(self, *_: object) -> None:
        raise WorkbookRefused(_DAMAGED)

    def feed(self, chunk: bytes) -> None:
        if not self.failed:
            try:
                self.parser.Parse(chunk, False)
            except expat.ExpatError:
                self.failed = True

    def close(self) -> None:
        if not self.failed:
            try:
                self.parser.Parse(b"", True)
            except expat.ExpatError:
                self.failed = True
        if self.failed:
            self.unreadable()

    def unreadable(self) -> None:
        """The part is no well-formed XML: refused where the parser could read cells
        from it."""
        raise WorkbookRefused(_DAMAGED)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        pass

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


@lru_cache(maxsize=256)
def _local(name: str) -> str:
    """The local part of an element name ("x:row" → "row"), which calamine matches in .xlsx."""
    return name.rpartition(":")[2]


_CELL_REFERENCE = re.compile(r"([A-Za-z]{1,4})([0-9]{1,9})")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _cell_reference(text: str, sheet: str) -> tuple[int, int]:
    """ "B12" → (11, 1), 0-based."""
    match = _CELL_REFERENCE.fullmatch(text.strip().replace("$", ""))
    if match is None or int(match[2]) < 1:
        raise WorkbookRefused(f"{_DAMAGED} (địa chỉ ô «{text[:20]}» sai)", sheet=sheet)
    return int(match[2]) - 1, _column_index(match[1])


def _positive(text: str, sheet: str) -> int:
    try:
        value = int(text.strip()[:12])
    except ValueError:
        raise WorkbookRefused(_DAMAGED, sheet=sheet) from None
    if value < 1:
        raise WorkbookRefused(_DAMAGED, sheet=sheet)
    return value


# .xlsx


class _XlsxScanners:
    """The parts of an .xlsx: the workbook and its relationships first (for the sheet
    names), then the shared strings (for their lengths), then everything else; any part
    that holds a <sheetData> is scanned as a sheet, whatever its name, as the
    relationships can point the parser anywhere."""

    def __init__(
        self, limits: ReadingLimits, keep_font: Callable[[str], bool], scan: FileScan
    ) -> None:
        self.limits = limits
        self.tally = _Tally(limits)
        self.sheet_ids: dict[str, str] = {}  # relationship id → sheet name
        self.targets: dict[str, str] = {}  # relationship id → target
        self.shared: array[int] = array("q")
        self.fonts = _XlsxFonts(keep_font)
        self.scan = scan

    def order(self, entry: zipfile.ZipInfo) -> int:
        name = entry.filename.lower()
        if name == "xl/workbook.xml":
            return 0
        if name == "xl/_rels/workbook.xml.rels":
            return 1
        return 2 if name.endswith(("sharedstrings.xml", "styles.xml")) else 3

    def finish(self) -> None:
        pass

    def sheet_name(self, part: str) -> str:
        folded = part.lower().lstrip("/")
        for rid, target in self.targets.items():
            resolved = target.lower().lstrip("/")
            if rid in self.sheet_ids and folded in (resolved, f"xl/{resolved}"):
                return self.sheet_ids[rid]
        return part

    def scanner(self, part: str) -> _Scanner:
        name = part.lower()
        if name == "xl/workbook.xml":
            return _XlsxWorkbookScanner(self.tally, self.sheet_ids)
        if name == "xl/_rels/workbook.xml.rels":
            return _RelationshipsScanner(self.tally, self.targets)
        if name.endswith("sharedstrings.xml"):
            return _SharedStringsScanner(self.tally, self.shared, self.fonts)
        if name == "xl/styles.xml":
            return _StylesScanner(self.tally, self.fonts)
        sheet = self.sheet_name(part)
        return _XlsxSheetScanner(
            sheet, self.shared, self.tally, self.fonts, self.scan.fonts.setdefault(sheet, {})
        )


class _XlsxFonts:
    """The fonts of an .xlsx that `keep_font` picks: by cell style (xl/styles.xml: a cell's
    "s" is an index into <cellXfs>, whose fontId indexes <fonts>) and by the runs of a
    shared string (<rFont>)."""

    def __init__(self, keep_font: Callable[[str], bool]) -> None:
        self.keep = keep_font
        self.names: list[str] = []  # <fonts>, in order
        self.style_fonts: list[int] = []  # <cellXfs>: the fontId of each
        self.shared: dict[int, str] = {}  # shared string index → the font of its first run
        self._styles: dict[int, str] | None = None

    def of_style(self, style: int) -> str | None:
        if self._styles is None:
            kept = {i: name for i, name in enumerate(self.names) if self.keep(name)}
            self._styles = {
                index: kept[font] for index, font in enumerate(self.style_fonts) if font in kept
            }
        return self._styles.get(style)


class _StylesScanner(_XmlScanner):
    def __init__(self, tally: _Tally, fonts: _XlsxFonts) -> None:
        super().__init__(tally)
        self.fonts = fonts
        self.within = ""  # "fonts" or "cellXfs" while inside one of them
        self.in_font = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = _local(name)
        if local in ("fonts", "cellXfs"):
            self.within = local
        elif self.within == "fonts" and local == "font":
            self.fonts.names.append("")
            self.in_font = True
        elif self.within == "fonts" and self.in_font and local == "name":
            self.fonts.names[-1] = attributes.get("val", "")[:64]
        elif self.within == "cellXfs" and local == "xf":
            font = attributes.get("fontId", "0").strip()
            self.fonts.style_fonts.append(int(font) if font.isdigit() and len(font) < 9 else 0)

    def end(self, name: str) -> None:
        local = _local(name)
        if local in ("fonts", "cellXfs"):
            self.within = ""
        elif local == "font":
            self.in_font = False


class _XlsxWorkbookScanner(_XmlScanner):
    def __init__(self, tally: _Tally, sheet_ids: dict[str, str]) -> None:
        super().__init__(tally)
        self.sheet_ids = sheet_ids

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if _local(name) == "sheet":
            rid = next((v for k, v in attributes.items() if _local(k) == "id" and ":" in k), "")
            self.sheet_ids[rid] = attributes.get("name", "")


class _RelationshipsScanner(_XmlScanner):
    def __init__(self, tally: _Tally, targets: dict[str, str]) -> None:
        super().__init__(tally)
        self.targets = targets

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if _local(name) == "Relationship":
            self.targets[attributes.get("Id", "")] = attributes.get("Target", "")


class _SharedStringsScanner(_XmlScanner):
    """The length of each shared string; where two parts could be the table, each index
    keeps the longer."""

    def __init__(self, tally: _Tally, lengths: array[int], fonts: _XlsxFonts) -> None:
        super().__init__(tally)
        self.lengths = lengths
        self.fonts = fonts
        self.index = -1
        self.inside = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = _local(name)
        if local == "si":
            self.index += 1
            self.inside = True
            if self.index >= len(self.lengths):
                self.lengths.append(0)
        elif local == "rFont" and self.inside and self.index not in self.fonts.shared:
            font = attributes.get("val", "")[:64]
            if self.fonts.keep(font):
                self.fonts.shared[self.index] = font

    def end(self, name: str) -> None:
        if _local(name) == "si":
            self.inside = False

    def text(self, data: str) -> None:
        if self.inside:
            self.lengths[self.index] += len(data)


class _XlsxSheetScanner(_XmlScanner):
    """Cells of a worksheet part, positioned as calamine positions them: by their "r"
    reference, else one after the previous cell of the row (rows likewise)."""

    _MARKERS = (b"sheetData", "sheetData".encode("utf-16-le"), "sheetData".encode("utf-16-be"))

    def __init__(
        self,
        sheet: str,
        shared: array[int],
        tally: _Tally,
        fonts: _XlsxFonts,
        kept: dict[Cell, str],
    ) -> None:
        super().__init__(tally)
        self.sheet = sheet
        self.shared = shared
        self.tally = tally
        self.fonts = fonts
        self.kept = kept
        self.style = 0
        self.has_sheet_data = False
        self.tail = b""
        self.in_data = False
        self.row = 0
        self.column = 0
        self.in_cell = False
        self.cell = (0, 0)
        self.cell_type = ""
        self.has_value = False
        self.in_value = False
        self.value = ""
        self.text_length = 0
        self.extent = (0, 0)

    def feed(self, chunk: bytes) -> None:
        if not self.has_sheet_data:
            window = self.tail + chunk
            self.has_sheet_data = any(marker in window for marker in self._MARKERS)
            self.tail = window[-32:]
        super().feed(chunk)

    def unreadable(self) -> None:
        if self.has_sheet_data:
            raise WorkbookRefused(_DAMAGED, sheet=self.sheet)

    def close(self) -> None:
        super().close()
        if self.extent != (0, 0):
            self.tally.sheet_done(self.sheet, *self.extent)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = _local(name)
        if local == "sheetData":
            self.in_data = True
        elif not self.in_data:
            if local == "dimension" and (ref := attributes.get("ref")):
                last = ref.rpartition(":")[2]
                if _CELL_REFERENCE.fullmatch(last.replace("$", "")):
                    row, column = _cell_reference(last, self.sheet)
                    self.tally.declared(self.sheet, row + 1, column + 1)
        elif self.in_cell:
            if local in ("v", "is"):
                self.has_value = True
                self.in_value = local == "v"
        elif local == "row":
            if "r" in attributes:
                self.row = _positive(attributes["r"], self.sheet) - 1
        elif local == "c":
            if "r" in attributes:
                self.cell = _cell_reference(attributes["r"], self.sheet)
            else:
                self.cell = (self.row, self.column)
            self.column = self.cell[1]
            self.in_cell = True
            self.cell_type = attributes.get("t", "")
            style = attributes.get("s", "0").strip()
            self.style = int(style) if style.isdigit() and len(style) < 9 else 0
            self.has_value = False
            self.value = ""
            self.text_length = 0

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "sheetData":
            self.in_data = False
        elif not self.in_data:
            return
        elif local == "v":
            self.in_value = False
        elif local == "c" and self.in_cell:
            self.in_cell = False
            self.column += 1
            if self.has_value:
                self._value_cell()
        elif local == "row" and not self.in_cell:
            self.row += 1
            self.column = 0

    def _value_cell(self) -> None:
        text = self.text_length
        font: str | None = None
        if self.cell_type == "s":
            text = 0
            digits = self.value.strip()
            if digits.isdigit() and len(digits) < 12 and int(digits) < len(self.shared):
                text = self.shared[int(digits)]
                font = self.fonts.shared.get(int(digits))
        row, column = self.cell
        self.tally.position(self.sheet, row, column)
        self.tally.add(self.sheet, 1, text)
        if font is None and self.cell_type in ("s", "inlineStr", "str"):
            font = self.fonts.of_style(self.style)
        if font is not None:
            self.kept[(row, column)] = font
        self.extent = (max(self.extent[0], row + 1), max(self.extent[1], column + 1))

    def text(self, data: str) -> None:
        if self.in_cell:
            self.text_length += len(data)
            if self.in_value and self.cell_type == "s" and len(self.value) < 32:
                self.value += data


# .ods


class _OdsScanners:
    """calamine reads the sheets of an .ods from content.xml only."""

    def __init__(
        self, limits: ReadingLimits, keep_font: Callable[[str], bool], scan: FileScan
    ) -> None:
        self.tally = _Tally(limits)
        self.keep_font = keep_font
        self.scan = scan

    def order(self, entry: zipfile.ZipInfo) -> int:
        return 0

    def scanner(self, part: str) -> _Scanner:
        if part == "content.xml":
            return _OdsContentScanner(self.tally, self.keep_font, self.scan)
        return _Scanner()

    def finish(self) -> None:
        pass


_ODS_VALUES = (
    "office:value",
    "office:string-value",
    "office:date-value",
    "office:time-value",
    "office:boolean-value",
)
_ODS_CELLS = ("table:table-cell", "table:covered-table-cell")


class _OdsContentScanner(_XmlScanner):
    """Tables of content.xml as calamine expands them: a cell repeated by
    table:number-columns-repeated, a row by table:number-rows-repeated, and a run of
    spaces written <text:s text:c="N"/> all count as many times as they stand for."""

    def __init__(self, tally: _Tally, keep_font: Callable[[str], bool], scan: FileScan) -> None:
        super().__init__(tally)
        self.tally = tally
        self.keep_font = keep_font
        self.scan = scan
        self.font_faces: dict[str, str] = {}  # style:font-face name → its font family
        self.style_fonts: dict[str, str] = {}  # cell style → the font `keep_font` picks
        self.style = ""  # the automatic style being read
        self.cell_font: str | None = None
        self.cell_span = (1, 1)
        self.sheet = ""
        self.row = 0
        self.row_repeats = 1
        self.column = 0
        self.row_width = 0  # columns up to the last value of the row
        self.row_text = 0
        self.row_cells = 0
        self.in_cell = False
        self.cell_repeats = 1
        self.cell_value = False
        self.cell_text = 0
        self.extent = (0, 0)

    def _repeats(self, attributes: dict[str, str], name: str) -> int:
        return _positive(attributes[name], self.sheet) if name in attributes else 1

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "style:font-face":
            family = attributes.get("svg:font-family", "").strip("'\" ")
            self.font_faces[attributes.get("style:name", "")] = family[:64]
        elif name == "style:style":
            self.style = attributes.get("style:name", "")
        elif name == "style:text-properties" and self.style:
            face = attributes.get("style:font-name", "")
            font = self.font_faces.get(face, face)[:64]
            if self.keep_font(font):
                self.style_fonts[self.style] = font
        elif name == "table:table":
            self.sheet = attributes.get("table:name", "")
            self.row = 0
            self.extent = (0, 0)
        elif name == "table:table-row":
            self.row_repeats = self._repeats(attributes, "table:number-rows-repeated")
            self.column = 0
            self.row_width = 0
            self.row_text = 0
            self.row_cells = 0
        elif name in _ODS_CELLS:
            self.in_cell = True
            self.cell_repeats = self._repeats(attributes, "table:number-columns-repeated")
            self.cell_font = self.style_fonts.get(attributes.get("table:style-name", ""))
            self.cell_span = (
                self._repeats(attributes, "table:number-rows-spanned"),
                self._repeats(attributes, "table:number-columns-spanned"),
            )
            self.cell_text = sum(len(attributes.get(key, "")) for key in _ODS_VALUES)
            self.cell_text += len(attributes.get("table:formula", ""))
            self.cell_value = bool(self.cell_text) or any(key in attributes for key in _ODS_VALUES)
            if attributes.get("office:value-type") == "string":
                self.cell_value = True
        elif self.in_cell and name == "text:s":
            self.cell_text += self._repeats(attributes, "text:c")
        elif self.in_cell and name == "text:p":
            self.cell_text += 1

    def end(self, name: str) -> None:
        if name == "style:style":
            self.style = ""
        elif name in _ODS_CELLS and self.in_cell:
            self.in_cell = False
            first = self.column
            self.column += self.cell_repeats
            rows, columns = self.cell_span
            if rows > 1 or columns > 1:
                merges = self.scan.merges.setdefault(self.sheet, [])
                if len(merges) < self.tally.limits.cells:
                    last = (self.row + rows - 1, first + columns - 1)
                    merges.append(((self.row, first), last))
            if self.cell_font is not None and self.cell_value and self.cell_text:
                kept = self.scan.fonts.setdefault(self.sheet, {})
                if len(kept) < self.tally.limits.cells:
                    for column in range(first, min(self.column, first + 16)):
                        kept[(self.row, column)] = self.cell_font
            if self.cell_value:
                # calamine stores the empty cells before a value and each repetition of it
                self.tally.position(self.sheet, self.row, self.column - 1)
                self.row_cells += self.column - self.row_width
                self.row_width = self.column
                self.row_text += self.cell_text * (self.column - first)
        elif name == "table:table-row":
            if self.row_width:
                last_row = self.row + self.row_repeats - 1
                self.tally.position(self.sheet, last_row, self.row_width - 1)
                self.tally.add(
                    self.sheet, self.row_cells * self.row_repeats, self.row_text * self.row_repeats
                )
                self.extent = (last_row + 1, max(self.extent[1], self.row_width))
            self.row += self.row_repeats
        elif name == "table:table" and self.extent != (0, 0):
            self.tally.sheet_done(self.sheet, *self.extent)

    def text(self, data: str) -> None:
        if self.in_cell:
            self.cell_text += len(data)


# --- .xls: BIFF records in an OLE compound file -------------------------------------------------

_BIFF_EOF = 0x000A
_BIFF_BOF = 0x0809
_BIFF_CONTINUE = 0x003C
_BIFF_FILEPASS = 0x002F
_BIFF_BOUNDSHEET = 0x0085
_BIFF_SST = 0x00FC
_BIFF_NAME = 0x0018
_BIFF_DIMENSIONS = 0x0200
_BIFF_FORMULA = 0x0006
_BIFF_STRING = 0x0207
_BIFF_LABEL_SST = 0x00FD
_BIFF_MULRK = 0x00BD
_BIFF_FONT = 0x0031
_BIFF_XF = 0x00E0
# Cells holding their value in the record: NUMBER, LABEL, RSTRING, BOOLERR, RK.
_BIFF_CELLS = (0x0203, 0x0204, 0x00D6, 0x0205, 0x027E)
_BIFF_TEXT_CELLS = (0x0204, 0x00D6)
_WORKBOOK_STREAMS = ("Workbook", "Book", "WORKBOOK", "BOOK")


@dataclass
class _Record:
    kind: int
    data: bytes
    continued: list[bytes]


def _records(stream: bytes, offset: int = 0) -> Iterator[_Record]:
    """BIFF records from `offset`, each with the CONTINUE records that follow it."""
    size = len(stream)
    while offset + 4 <= size:
        kind = int.from_bytes(stream[offset : offset + 2], "little")
        length = int.from_bytes(stream[offset + 2 : offset + 4], "little")
        data = stream[offset + 4 : offset + 4 + length]
        offset += 4 + length
        continued = []
        while offset + 4 <= size and stream[offset : offset + 2] == b"\x3c\x00":
            length = int.from_bytes(stream[offset + 2 : offset + 4], "little")
            continued.append(stream[offset + 4 : offset + 4 + length])
            offset += 4 + length
        yield _Record(kind, data, continued)


def _u16(data: bytes, at: int = 0) -> int:
    return int.from_bytes(data[at : at + 2], "little") if len(data) >= at + 2 else 0


def _u32(data: bytes, at: int = 0) -> int:
    return int.from_bytes(data[at : at + 4], "little") if len(data) >= at + 4 else 0


def _check_ole(
    data: bytes, limits: ReadingLimits, keep_font: Callable[[str], bool], scan: FileScan
) -> None:
    try:
        container = olefile.OleFileIO(io.BytesIO(data))
    except Exception as error:  # olefile raises OSError and its own errors on bad files
        raise WorkbookRefused(_DAMAGED) from error
    with container:
        if container.exists("EncryptionInfo") or container.exists("EncryptedPackage"):
            raise WorkbookRefused(_PASSWORD)
        name = next((name for name in _WORKBOOK_STREAMS if container.exists(name)), None)
        if name is None:
            raise WorkbookRefused(_NOT_A_SPREADSHEET)
        try:
            stream = container.openstream(name).read(limits.file_bytes + 1)
        except Exception as error:
            raise WorkbookRefused(_DAMAGED) from error
    _check_biff(stream, limits, keep_font, scan)


def _check_biff(
    stream: bytes, limits: ReadingLimits, keep_font: Callable[[str], bool], scan: FileScan
) -> None:
    tally = _Tally(limits)
    sheets: list[tuple[int, str]] = []
    shared: list[int] = []
    fonts: list[str] = []
    style_fonts: list[int] = []
    formula_bytes = 0
    for record in _records(stream):
        if record.kind == _BIFF_FONT:
            fonts.append(_font_name(record.data))
        elif record.kind == _BIFF_XF:
            style_fonts.append(_u16(record.data))
        if record.kind == _BIFF_FILEPASS and _u16(record.data):
            raise WorkbookRefused(_PASSWORD)
        if record.kind == _BIFF_BOUNDSHEET:
            sheets.append((_u32(record.data), _sheet_name(record.data, len(sheets))))
        elif record.kind == _BIFF_SST:
            shared = _shared_string_lengths([record.data, *record.continued])
        elif record.kind == _BIFF_NAME:
            formula_bytes += len(record.data) + sum(len(part) for part in record.continued)
        elif record.kind == _BIFF_EOF:
            break
    tally.add("", 0, formula_bytes * _FORMULA_TEXT_PER_BYTE)
    # A FONT record's index skips 4 (MS-XLS 2.5.129): font 5 is the fifth record.
    kept = {i if i < 4 else i + 1: name for i, name in enumerate(fonts) if keep_font(name)}
    style_font = {xf: kept[font] for xf, font in enumerate(style_fonts) if font in kept}
    for offset, sheet in sheets:
        _check_biff_sheet(
            stream, offset, sheet, shared, tally, style_font, scan.fonts.setdefault(sheet, {})
        )


def _font_name(data: bytes) -> str:
    """The name in a FONT record: BIFF8 (a length, a flag, 8- or 16-bit characters) or
    earlier (a length and bytes)."""
    if len(data) < 15:
        return ""
    length = data[14]
    wide = len(data) > 15 and data[15] == 1
    if len(data) > 15 and data[15] in (0, 1) and len(data) >= 16 + length * (1 + wide):
        raw = data[16 : 16 + length * (1 + wide)]
        return raw.decode("utf-16-le" if wide else "latin-1", errors="replace")
    return data[15 : 15 + length].decode("latin-1")


def _sheet_name(data: bytes, index: int) -> str:
    """The name in a BOUNDSHEET record (BIFF8: 8-bit or UTF-16 characters; earlier
    versions: bytes), for messages only."""
    length = data[6] if len(data) > 6 else 0
    raw = data[8 : 8 + 2 * length] if len(data) > 7 and data[7] & 1 else data[8 : 8 + length]
    try:
        name = raw.decode("utf-16-le") if len(data) > 7 and data[7] & 1 else raw.decode("latin-1")
    except UnicodeDecodeError:
        name = ""
    return name.replace("\x00", "") or f"trang tính thứ {index + 1}"


def _check_biff_sheet(
    stream: bytes,
    offset: int,
    sheet: str,
    shared: list[int],
    tally: _Tally,
    style_font: dict[int, str],
    kept: dict[Cell, str],
) -> None:
    """One sheet's substream, as calamine walks it: nested substreams (embedded charts)
    skipped, up to the sheet's EOF."""
    depth = 0
    seen_bof = False
    rows = columns = 0

    def cell(row: int, column: int, text: int) -> None:
        nonlocal rows, columns
        tally.position(sheet, row, column)
        tally.add(sheet, 1, text)
        rows, columns = max(rows, row + 1), max(columns, column + 1)

    for record in _records(stream, offset):
        kind, data = record.kind, record.data
        if depth:
            depth += {_BIFF_BOF: 1, _BIFF_EOF: -1}.get(kind, 0)
            continue
        if kind == _BIFF_BOF:
            depth, seen_bof = (1, True) if seen_bof else (0, True)
        elif kind == _BIFF_EOF:
            break
        elif kind == _BIFF_DIMENSIONS:
            wide = len(data) == 14  # BIFF8: 32-bit row numbers
            first, last = (_u32(data), _u32(data, 4)) if wide else (_u16(data), _u16(data, 2))
            last_column = _u16(data, 10) if wide else _u16(data, 6)
            if last and first >= last:
                raise WorkbookRefused(_DAMAGED, sheet=sheet)
            tally.declared(sheet, last, last_column)
        elif kind in _BIFF_CELLS:
            cell(_u16(data), _u16(data, 2), len(data) if kind in _BIFF_TEXT_CELLS else 0)
            if kind in _BIFF_TEXT_CELLS and _u16(data, 4) in style_font:
                kept[(_u16(data), _u16(data, 2))] = style_font[_u16(data, 4)]
        elif kind == _BIFF_LABEL_SST:
            index = _u32(data, 6)
            cell(_u16(data), _u16(data, 2), shared[index] if index < len(shared) else 0)
            if _u16(data, 4) in style_font:
                kept[(_u16(data), _u16(data, 2))] = style_font[_u16(data, 4)]
        elif kind == _BIFF_MULRK and len(data) >= 6:
            for column in range(_u16(data, 2), _u16(data, len(data) - 2) + 1):
                cell(_u16(data), column, 0)
        elif kind == _BIFF_FORMULA:
            cell(_u16(data), _u16(data, 2), len(data) * _FORMULA_TEXT_PER_BYTE)
        elif kind == _BIFF_STRING:
            tally.add(sheet, 0, len(data) + sum(len(part) for part in record.continued))
    if rows:
        tally.sheet_done(sheet, rows, columns)


class _ContinuedBytes:
    """Reading across a record and its CONTINUE records the way calamine does."""

    def __init__(self, parts: list[bytes]) -> None:
        self.parts = parts
        self.index = 0
        self.offset = 0

    @property
    def current(self) -> bytes:
        return self.parts[self.index]

    def available(self) -> int:
        return len(self.current) - self.offset

    def next_part(self) -> bool:
        if self.index + 1 >= len(self.parts):
            return False
        self.index += 1
        self.offset = 0
        return True

    def take(self, size: int) -> bytes | None:
        """`size` bytes from the current record only, or None."""
        if self.available() < size:
            return None
        start = self.offset
        self.offset += size
        return self.current[start : self.offset]

    def skip(self, size: int) -> bool:
        while size > 0:
            if self.available() == 0 and not self.next_part():
                return False
            step = min(size, self.available())
            self.offset += step
            size -= step
        return True


def _shared_string_lengths(parts: list[bytes]) -> list[int]:
    """The character count of each string of an SST record (MS-XLS 2.4.265) continued in
    CONTINUE records; where calamine would stop with an error, the list ends there."""
    reader = _ContinuedBytes(parts)
    lengths: list[int] = []
    if reader.take(8) is None:
        return lengths
    while reader.available() > 0 or reader.next_part():
        header = reader.take(3)
        if header is None:
            break
        count, flags = _u16(header), header[2]
        runs = extra = 0
        if flags & 0x08:
            field = reader.take(2)
            if field is None:
                break
            runs = _u16(field)
        if flags & 0x04:
            field = reader.take(4)
            if field is None:
                break
            extra = _u32(field)
        if not _skip_characters(reader, count, bool(flags & 0x01)):
            break
        lengths.append(count)
        if not reader.skip(4 * runs + extra):
            break
    return lengths


def _skip_characters(reader: _ContinuedBytes, count: int, wide: bool) -> bool:
    """Past `count` characters, one or two bytes each; a CONTINUE record in the middle
    starts with a byte that says which."""
    while count > 0:
        step = min(count, reader.available() // (2 if wide else 1))
        reader.offset += step * (2 if wide else 1)
        count -= step
        if count > 0:
            if not reader.next_part() or reader.available() == 0:
                return False
            wide = bool(reader.current[0] & 0x01)
            reader.offset = 1
    return True


# --- .docx: the tables of word/document.xml ----------------------------------------------------


class _DocxScanners:
    """The parts of a Word document: word/document.xml scanned for its tables, every other
    XML part for its number of elements (python-docx parses the styles, numbering,
    headers… as well)."""

    def __init__(self, limits: ReadingLimits, scan: FileScan) -> None:
        self.tally = _Tally(limits)
        self.scan = scan

    def order(self, entry: zipfile.ZipInfo) -> int:
        return 0

    def scanner(self, part: str) -> _Scanner:
        name = part.lower().replace("\\", "/")
        if name == "word/document.xml":
            return _DocxDocumentScanner(self.tally, self.scan)
        if name.endswith((".xml", ".rels")):
            return _CountingScanner(self.tally)
        return _Scanner()

    def finish(self) -> None:
        pass


def _value(attributes: dict[str, str], default: str) -> str:
    """The w:val of an element, whatever the prefix of its namespace."""
    return next((v for k, v in attributes.items() if _local(k) == "val"), default)


class _CountingScanner(_XmlScanner):
    """A part read only for its number of elements; a part that is no XML is left to the
    parser, which refuses it if it needs it."""

    def unreadable(self) -> None:
        pass


class _DocxDocumentScanner(_XmlScanner):
    """Tables as python-docx reads them: rows (<w:tr>) of cells (<w:tc>) each spanning
    <w:gridSpan> grid columns after <w:gridBefore> empty ones; a cell with <w:vMerge> not
    "restart" continues the cell above it. Each table's rows and grid columns are bounded,
    all tables' cells together, the nesting of tables, and the text."""

    def __init__(self, tally: _Tally, scan: FileScan) -> None:
        super().__init__(tally)
        self.tally = tally
        self.scan = scan
        self.stack: list[str] = []
        self.depth = 0  # tables open
        self.tables = 0  # top-level tables seen
        self.top = False  # whether the open top table is one python-docx lists (in the body)
        self.row = -1
        self.column = 0
        self.cell_start = 0
        self.span = 1
        self.continues = False
        self.row_cells = 0
        self.in_text = False

    def _refuse_size(self, what: str) -> None:
        limits = self.tally.limits
        raise WorkbookRefused(
            f"có bảng thứ {self.tables} {what}, ngoài giới hạn {format_count(limits.rows)} dòng "
            f"× {format_count(limits.columns)} cột của một bảng danh sách; {_SMALLER}"
        )

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = _local(name)
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(local)
        if local == "tbl":
            self.depth += 1
            if self.depth > self.tally.limits.table_depth:
                raise WorkbookRefused(
                    f"có bảng lồng trong bảng sâu hơn {self.tally.limits.table_depth} tầng, "
                    f"không phải một bảng danh sách; {_SMALLER}"
                )
            if self.depth == 1:
                self.top = parent == "body"
                if self.top:
                    self.tables += 1
                    self.row = -1
                    self.scan.continued.append(set())
            return
        if local == "t":
            self.in_text = True
        if self.depth != 1 or not self.top:
            return
        if local == "tr" and parent == "tbl":
            self.row += 1
            self.column = 0
            if self.row >= self.tally.limits.rows:
                self._refuse_size(f"dài hơn {format_count(self.tally.limits.rows)} dòng")
        elif local == "gridBefore" and parent == "trPr":
            self.column += _positive(_value(attributes, "1"), "")
        elif local == "tc" and parent == "tr":
            self.cell_start = self.column
            self.span = 1
            self.continues = False
        elif parent == "tcPr" and local == "gridSpan":
            self.span = _positive(_value(attributes, "1"), "")
        elif parent == "tcPr" and local == "vMerge":
            self.continues = _value(attributes, "continue") != "restart"

    def end(self, name: str) -> None:
        local = self.stack.pop() if self.stack else _local(name)
        if local == "tbl":
            self.depth -= 1
            return
        if local == "t":
            self.in_text = False
        elif local == "tc":
            self.tally.add("", 1, 0)
        if self.depth != 1 or not self.top:
            return
        parent = self.stack[-1] if self.stack else ""
        if local == "tc" and parent == "tr":
            self.column = self.cell_start + self.span
            if self.column > self.tally.limits.columns:
                self._refuse_size(f"rộng hơn {format_count(self.tally.limits.columns)} cột")
            if self.continues:
                continued = self.scan.continued[-1]
                continued.update((self.row, c) for c in range(self.cell_start, self.column))

    def text(self, data: str) -> None:
        if self.in_text:
            self.tally.add("", 0, len(data))
