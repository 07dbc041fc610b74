"""Hostile files through the real command line: `bcd138 import FILE --unit 294` in a
subprocess, on a real SQLite database made with `bcd138 init`.

Every input ends either in a correct import or in exit status 2 with one Vietnamese line
on stderr: never a traceback, never an abort (134), never more than 200 MB of memory, and a
refused import leaves every table as it was. The files are made here (tests/hostile_files.py).
At the end the module prints how many inputs it tried, how many were handled, and the peak
memory and time of the worst one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest

from committee.domain.text import CONTROL_CHARACTERS
from tests import hostile_files as hf

UNIT = "294"  # Huyện Thanh Hà
MEMORY_LIMIT_MB = 200


@dataclass(frozen=True)
class Refused:
    """Exit 2, one line on stderr containing each of `words`."""

    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Imported:
    """Exit 0; `check` is given the stored roster: [(name, title, role, duties, note)]."""

    check: Callable[[list[tuple[str, ...]]], None] = lambda members: None


@dataclass(frozen=True)
class Handled:
    """Either outcome is right (the limit belongs to another rule); neither may crash."""


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    expected: Refused | Imported | Handled


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float


@dataclass
class Figures:
    tried: int = 0
    handled: int = 0
    worst_memory: tuple[float, str] = (0.0, "")
    worst_time: tuple[float, str] = (0.0, "")
    failures: list[str] = field(default_factory=list)


FIGURES = Figures()


# Runs the command given after the report path and writes "<exit status> <peak KB>" there.
# A fresh small process, so that the peak is the command's own: a child started straight
# from pytest would count pytest's memory too (Linux carries it over through exec).
_MEASURE = """
import resource, subprocess, sys
status = subprocess.call(sys.argv[2:])
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write(f"{status} {peak}")
"""


def run_cli(*args: str) -> Run:
    """The command in a subprocess, with its own peak resident memory."""
    command = [sys.executable, "-m", "committee.cli.app", *args]
    env = {key: value for key, value in os.environ.items() if key != "BCD138_DB"}
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report"
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(report), *command],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env=env,
            timeout=300,
        )
        seconds = time.monotonic() - started
        assert done.returncode == 0, done.stderr
        status, peak = report.read_text().split()
    return Run(
        int(status),
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        int(peak) / 1024,
        seconds,
    )


def tables(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return list(connection.iterdump())


def stored_roster(db: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT p.full_name, m.title, m.role, m.duties, m.note FROM membership m "
            "JOIN person p ON p.id = m.person_id ORDER BY m.position"
        ).fetchall()


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "template.sqlite"
    made = run_cli("--db", str(db), "init")
    assert made.returncode == 0, made.stderr
    return db


@pytest.fixture(scope="module", autouse=True)
def report_figures(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    plugins = request.config.pluginmanager
    reporter = plugins.get_plugin("terminalreporter")
    capture = plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None and FIGURES.tried:
        memory, memory_case = FIGURES.worst_memory
        seconds, time_case = FIGURES.worst_time
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nhostile inputs: {FIGURES.tried} tried, {FIGURES.handled} handled; peak "
                f"memory {memory:.0f} MB ({memory_case}); longest {seconds:.1f} s ({time_case})"
            )


# --- the files ------------------------------------------------------------------------------


def xlsx_rows(rows: list[list[object]]) -> Callable[[Path], Path]:
    return lambda folder: hf.write_xlsx(folder / "roster.xlsx", rows)


def xlsx_text(rows: list[list[object]]) -> Callable[[Path], Path]:
    """An .xlsx written by hand, so that its cells can hold control characters as Excel
    stores them ("_x001B_"); openpyxl refuses to write them."""
    return parts_xlsx(hf.sheet_xml(rows))


def with_member(column: str, value: object) -> list[list[object]]:
    return hf.roster_rows([*hf.MEMBERS[:3], hf.member_row(column, value)])


def parts_xlsx(sheet: str, shared: str | None = None) -> Callable[[Path], Path]:
    return lambda folder: hf.write_parts_xlsx(folder / "roster.xlsx", sheet, shared)


def far_cell(reference: str, row: int) -> Callable[[Path], Path]:
    far = f'<row r="{row}"><c r="{reference}"><v>1</v></c></row></sheetData>'
    return parts_xlsx(hf.sheet_xml(hf.roster_rows()).replace("</sheetData>", far))


def small_dimension_far_cell(folder: Path) -> Path:
    far = '<row r="100000"><c r="ZZ100000"><v>1</v></c></row></sheetData>'
    sheet = hf.sheet_xml(hf.roster_rows(), dimension="A1:F8").replace("</sheetData>", far)
    return hf.write_parts_xlsx(folder / "roster.xlsx", sheet)


def shared_string_bomb(folder: Path) -> Path:
    cells = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="s"><v>0</v></c></row>'
        for r in range(1, 5001)
    )
    sheet = hf.sheet_xml([]).replace("<sheetData></sheetData>", f"<sheetData>{cells}</sheetData>")
    shared = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><si><t>{"Ư" * 32767}</t></si></sst>'
    )
    return hf.write_parts_xlsx(folder / "roster.xlsx", sheet, shared)


def zip_bomb(folder: Path) -> Path:
    """A real roster with one more part that unpacks to a gigabyte of zeros."""
    path = hf.write_xlsx(folder / "plain.xlsx", hf.roster_rows())
    entries = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            raw = archive.read(info)
            packed = zlib.compressobj(9, zlib.DEFLATED, -15)
            data = packed.compress(raw) + packed.flush()
            entries.append((info.filename, data, len(raw), zlib.crc32(raw)))
    zeros = b"\0" * (1024 * 1024)
    entries.append(("xl/media/image1.png", hf.deflated_repeat(b"", zeros, 1024), 1024**3, 0))
    return hf.write_raw_zip(folder / "roster.xlsx", entries)


def many_entries(folder: Path) -> Path:
    parts = hf.xlsx_parts(hf.sheet_xml(hf.roster_rows()))
    parts.update({f"xl/media/image{i}.png": b"x" for i in range(5000)})
    return hf.write_zip(folder / "roster.xlsx", parts)


def truncated(folder: Path) -> Path:
    path = hf.write_xlsx(folder / "roster.xlsx", hf.roster_rows())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def zip_encrypted_flag(folder: Path) -> Path:
    path = hf.write_xlsx(folder / "roster.xlsx", hf.roster_rows())
    data = bytearray(path.read_bytes())
    # general purpose flag bit 0 ("encrypted") in every central directory record
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 8] |= 0x01
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def renamed(content: bytes, suffix: str = ".xlsx") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / f"roster{suffix}"
        path.write_bytes(content)
        return path

    return build


def fifo(folder: Path) -> Path:
    path = folder / "roster.xlsx"
    os.mkfifo(path)
    return path


def device(folder: Path) -> Path:
    path = folder / "roster.xlsx"
    os.symlink("/dev/zero", path)
    return path


def directory(folder: Path) -> Path:
    path = folder / "roster.xlsx"
    path.mkdir()
    return path


def formulas(folder: Path) -> Path:
    """Formula cells: their cached values are read, the formulas never evaluated."""
    sheet = hf.sheet_xml(hf.roster_rows()).replace(
        '<c r="B5" t="inlineStr"><is><t xml:space="preserve">Lê Văn An</t></is></c>',
        '<c r="B5" t="str"><f>HYPERLINK("http://example.invalid","x")</f><v>Lê Văn An</v></c>',
    )
    sheet = sheet.replace(
        '<c r="E5" t="inlineStr"><is><t xml:space="preserve">Phụ trách chung</t></is></c>',
        '<c r="E5" t="str"><f>cmd|\' /C calc\'!A0</f><v>Phụ trách chung</v></c>',
    )
    sheet = sheet.replace(
        '<c r="A6" t="inlineStr"><is><t xml:space="preserve">2</t></is></c>',
        '<c r="A6"><f>A5+1</f><v>2</v></c>',
    )
    assert sheet.count("<f>") == 3
    return hf.write_parts_xlsx(folder / "roster.xlsx", sheet)


def lone_surrogate(folder: Path) -> Path:
    sheet = hf.sheet_xml(hf.roster_rows()).replace("Lê Văn An", "Lê Văn &#xD800;An")
    return hf.write_parts_xlsx(folder / "roster.xlsx", sheet)


def excel_date_as_name(folder: Path) -> Path:
    return hf.write_xlsx(folder / "roster.xlsx", with_member("name", datetime(2023, 3, 15)))


def ods_repeated_text(folder: Path) -> Path:
    row = hf.ods_row(hf.ods_text_cell("Trưởng ban " * 100, repeats=16384), repeats=1000)
    return hf.write_content_ods(folder / "roster.ods", row)


def ods_counted_spaces(folder: Path) -> Path:
    cell = (
        '<table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/>'
        "</text:p></table:table-cell>"
    )
    return hf.write_content_ods(folder / "roster.ods", hf.ods_row(cell))


def ods_far_row(folder: Path) -> Path:
    empty = hf.ods_row("<table:table-cell/>", repeats=1_000_000)
    return hf.write_content_ods(
        folder / "roster.ods",
        hf.ods_row(hf.ods_text_cell("x")) + empty + hf.ods_row(hf.ods_text_cell("y")),
    )


def xls_far_row(folder: Path) -> Path:
    rows: list[list[object]] = [*hf.roster_rows(), *[[] for _ in range(60000)], ["x"]]
    return hf.write_xls(folder / "roster.xls", rows)


def xls_declared_dimension(folder: Path) -> Path:
    path = hf.write_xls(folder / "roster.xls", hf.roster_rows())
    data = path.read_bytes()
    at = data.find(b"\x00\x02\x0e\x00")  # DIMENSIONS, 14 bytes
    assert at != -1
    patched = data[: at + 4] + (0).to_bytes(4, "little") + (4_000_000_000).to_bytes(4, "little")
    path.write_bytes(patched + data[at + 12 :])
    return path


def xls_password(folder: Path) -> Path:
    path = hf.write_xls(folder / "roster.xls", hf.roster_rows())
    # CODEPAGE (0x42) record turned into FILEPASS (0x2F), as an encrypted workbook has
    return hf.patch_record(path, b"\x42\x00\x02\x00\xb0\x04", b"\x2f\x00\x02\x00\x01\x00")


def xls_shared_string_bomb(folder: Path) -> Path:
    long = "Ư" * 30000
    rows: list[list[object]] = [[long, long, long, long] for _ in range(100)]
    return hf.write_xls(folder / "roster.xls", rows)


def near_the_limits_xlsx(folder: Path, unshown_strings: int = 0) -> Path:
    """A real roster followed, after a gap, by 4,000 cells that show one shared string of
    2,400 emoji (4-byte characters): just within the text limit, so imported, and the
    heaviest file the limits let through; `unshown_strings` more shared strings of 2,600
    emoji that no cell shows make the shared strings part as large as a part may be."""
    rows = hf.roster_rows()
    filler = "".join(
        f'<row r="{r}"><c r="H{r}" t="s"><v>0</v></c></row>'
        for r in range(len(rows) + 4, len(rows) + 4004)
    )
    sheet = hf.sheet_xml(rows).replace("</sheetData>", f"{filler}</sheetData>")
    shared = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><si><t>{"😀" * 2400}</t></si>'
        + f"<si><t>{'😀' * 2600}</t></si>" * unshown_strings
        + "</sst>"
    )
    return hf.write_parts_xlsx(folder / "roster.xlsx", sheet, shared)


def near_the_limits_ods(folder: Path) -> Path:
    table = "".join(
        hf.ods_row("".join(hf.ods_text_cell(value) for value in row)) for row in hf.roster_rows()
    )
    table += hf.ods_row("<table:table-cell/>", repeats=3)
    filler = '<table:table-cell table:number-columns-repeated="7"/>' + hf.ods_text_cell(
        "Phụ trách " * 100, repeats=90
    )
    table += hf.ods_row(filler, repeats=100)
    return hf.write_content_ods(folder / "roster.ods", table)


# --- the expected outcomes ------------------------------------------------------------------


def names_are(*expected: str) -> Callable[[list[tuple[str, ...]]], None]:
    def check(members: list[tuple[str, ...]]) -> None:
        assert [member[0] for member in members] == list(expected)

    return check


NAMES = tuple(member[1] for member in hf.MEMBERS)


def no_controls(members: list[tuple[str, ...]]) -> None:
    assert [member[0] for member in members] == list(NAMES)
    assert not any(CONTROL_CHARACTERS.search(text) for member in members for text in member)
    assert members[3][1:] == ("Trưởng phòng [2JTư pháp31m", "member", "Đôn đốc", "]0;xghi chú")


def duties_kept(members: list[tuple[str, ...]]) -> None:
    assert members[3][3] == ("Đôn đốc " * 5000).strip()


def formulas_read_as_values(members: list[tuple[str, ...]]) -> None:
    assert members[0][0] == "Lê Văn An"
    assert members[0][3] == "Phụ trách chung"


CASES = [
    # bounded work before reading
    Case(
        "cell at XFD1048576",
        far_cell("XFD1048576", 1048576),
        Refused(("XFD", "5.000 dòng × 100 cột")),
    ),
    Case("cell at ZZ100000", far_cell("ZZ100000", 100000), Refused(("dòng 100000, cột ZZ",))),
    Case("small dimension, far cell", small_dimension_far_cell, Refused(("cột ZZ",))),
    Case(
        "declared dimension A1:XFD1048576",
        parts_xlsx(hf.sheet_xml(hf.roster_rows(), dimension="A1:XFD1048576")),
        Refused(("khai báo vùng dữ liệu",)),
    ),
    Case(
        "4 GiB sheet XML",
        lambda folder: hf.huge_sheet_xlsx(folder / "roster.xlsx", 4_000_000_000),
        Refused(("16 MB",)),
    ),
    Case(
        "4 GiB sheet XML declared 1 KB",
        lambda folder: hf.huge_sheet_xlsx(folder / "roster.xlsx", 4_000_000_000, declared=1000),
        Refused(),
    ),
    Case("zip bomb", zip_bomb, Refused(("giải nén",))),
    Case("5,000 zip entries", many_entries, Refused(("phần nén",))),
    Case("truncated zip", truncated, Refused(("hỏng",))),
    Case("shared string × 10,000 cells", shared_string_bomb, Refused(("ký tự",))),
    Case(
        "encrypted .xlsx",
        lambda folder: hf.encrypted_xlsx(folder / "roster.xlsx"),
        Refused(("mật khẩu",)),
    ),
    Case("zip parts marked encrypted", zip_encrypted_flag, Refused(("mật khẩu",))),
    Case("password .xls", xls_password, Refused(("mật khẩu",))),
    Case(
        "CSV renamed .xlsx",
        renamed("STT;Họ và tên\n1;Lê Văn An\n".encode()),
        Refused(("không phải bảng tính",)),
    ),
    Case(
        "PDF renamed .xlsx",
        renamed(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"),
        Refused(("không phải bảng tính",)),
    ),
    Case("empty file", renamed(b""), Refused(("rỗng",))),
    Case("FIFO", fifo, Refused(("không phải một tệp bảng tính",))),
    Case("/dev/zero", device, Refused(("không phải một tệp bảng tính",))),
    Case("directory", directory, Refused(("không phải một tệp bảng tính",))),
    Case(".ods cell repeated 16,384 × 1,000", ods_repeated_text, Refused(("Danh sách",))),
    Case(".ods 4 billion counted spaces", ods_counted_spaces, Refused(("ký tự",))),
    Case(".ods value after a million empty rows", ods_far_row, Refused(("dòng 1000002",))),
    Case(".xls cell at row 60,000", xls_far_row, Refused(("5.000 dòng",))),
    Case(
        ".xls declares 4 billion rows", xls_declared_dimension, Refused(("khai báo vùng dữ liệu",))
    ),
    Case(".xls shared string × 400 cells", xls_shared_string_bomb, Refused(("ký tự",))),
    Case("near the limits, .xlsx", near_the_limits_xlsx, Imported(names_are(*NAMES))),
    Case(
        "near the limits, .xlsx with a 16 MB shared strings part",
        lambda folder: near_the_limits_xlsx(folder, unshown_strings=1500),
        Imported(names_are(*NAMES)),
    ),
    Case("near the limits, .ods", near_the_limits_ods, Imported(names_are(*NAMES))),
    # control characters, numbers as names, long text, formulas
    Case(
        "ESC in a name",
        xlsx_text(with_member("name", "Nguyễn\x1b[31m Thị Dung")),
        Refused(("dòng 8, cột B", "U+001B")),
    ),
    Case(
        "NUL in a name",
        xlsx_text(with_member("name", "Nguyễn\x00Thị Dung")),
        Refused(("cột B", "U+0000")),
    ),
    Case(
        "ESC in a name, .xls",
        lambda folder: hf.write_xls(folder / "roster.xls", with_member("name", "Nguyễn\x1b Dung")),
        Refused(("dòng 8, cột B",)),
    ),
    Case(
        "CSI (C1) in a name, .ods",
        lambda folder: hf.ods_roster(folder / "roster.ods", with_member("name", "Nguyễn\x9b Dung")),
        Refused(("dòng 8, cột B",)),
    ),
    Case(
        "controls in every other column",
        xlsx_text(
            hf.roster_rows(
                [
                    *hf.MEMBERS[:3],
                    (
                        "4\x07",
                        "Nguyễn Thị Dung",
                        "Trưởng phòng \x1b[2JTư pháp\x9b31m",
                        "Ủy\x00 viên",
                        "Đôn\x7f đốc",
                        "\x1b]0;x\x07ghi chú",
                    ),
                ]
            )
        ),
        Imported(no_controls),
    ),
    Case(
        "ESC in the decision line",
        xlsx_text(hf.roster_rows(title=hf.TITLE.replace("45/QĐ", "45/\x1bQĐ"))),
        Refused(("dòng 2, cột A", "U+001B")),
    ),
    Case("lone surrogate in a name", lone_surrogate, Refused()),
    Case(
        "a number as a name",
        xlsx_rows(with_member("name", 45000.5)),
        Refused(("dòng 8, cột B", "một số")),
    ),
    Case(
        "a date typed as a name",
        xlsx_rows(with_member("name", "15/03/2023")),
        Refused(("dòng 8, cột B", "chữ số")),
    ),
    Case("an Excel date as a name", excel_date_as_name, Refused(("dòng 8, cột B", "một ngày"))),
    Case(
        "full-width digits in the decision number",
        xlsx_rows(hf.roster_rows(title=hf.TITLE.replace("45/QĐ", "４５/QĐ"))),
        Imported(),
    ),
    Case(
        "decision dated 01/01/0001",
        xlsx_rows(hf.roster_rows(title=hf.TITLE.replace("20/6/2023", "01/01/0001"))),
        Refused(("01/01/0001", "1945")),
    ),
    Case(
        "bidi marks in a name",
        xlsx_rows(with_member("name", "Nguyễn\u202e Thị\u200f Dung\ufeff")),
        Imported(names_are(*NAMES)),
    ),
    Case(
        "40,000-character duties",
        xlsx_text(with_member("duties", "Đôn đốc " * 5000)),
        Imported(duties_kept),
    ),
    Case("40,000-character name", xlsx_text(with_member("name", "Nguyễn " * 5714)), Handled()),
    Case(
        "40,000-character title", xlsx_text(with_member("title", "Trưởng phòng " * 3077)), Handled()
    ),
    Case("formulas in cells", formulas, Imported(formulas_read_as_values)),
    Case("a fine .xlsx", xlsx_rows(hf.roster_rows()), Imported(names_are(*NAMES))),
    Case(
        "a fine .xls",
        lambda folder: hf.write_xls(folder / "roster.xls", hf.roster_rows()),
        Imported(names_are(*NAMES)),
    ),
    Case(
        "a fine .ods",
        lambda folder: hf.write_ods(folder / "roster.ods", hf.roster_rows()),
        Imported(names_are(*NAMES)),
    ),
    Case(
        "a fine .docx",
        lambda folder: hf.write_docx(folder / "roster.docx", hf.roster_rows()),
        Imported(names_are(*NAMES)),
    ),
    Case(".docx zip bomb in word/document.xml", hf.docx_zip_bomb, Refused(("giải nén",))),
    Case(".docx table of 100,000 rows", hf.docx_many_rows, Refused(("bảng thứ 1", "5.000 dòng"))),
    Case(".docx tables nested 1,000 deep", hf.docx_nested_tables, Refused(("lồng",))),
    Case(
        ".docx holding a spreadsheet",
        lambda folder: hf.write_xlsx(folder / "roster.docx", hf.roster_rows()),
        Refused(("không phải tài liệu Word",)),
    ),
    Case(".doc that is text", renamed("STT;Họ tên\n".encode(), ".doc"), Refused(("Word",))),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_hostile_file_is_imported_or_refused_in_one_line(
    case: Case, template_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "bcd138.sqlite"
    shutil.copy(template_db, db)
    folder = tmp_path / "files"
    folder.mkdir()
    path = case.build(folder)
    before = tables(db)

    result = run_cli("--db", str(db), "import", str(path), "--unit", UNIT)

    FIGURES.tried += 1
    FIGURES.worst_memory = max(FIGURES.worst_memory, (result.peak_mb, case.name))
    FIGURES.worst_time = max(FIGURES.worst_time, (result.seconds, case.name))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 2), (result.returncode, result.stderr)
    assert result.peak_mb < MEMORY_LIMIT_MB, f"{result.peak_mb:.0f} MB"
    expected = case.expected
    if result.returncode == 2:
        assert not isinstance(expected, Imported), result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Lỗi: "), result.stderr
        for word in getattr(expected, "words", ()):
            assert word in lines[0], lines[0]
        assert tables(db) == before
    else:
        assert not isinstance(expected, Refused), result.stdout
        members = stored_roster(db)
        assert len(members) == len(hf.MEMBERS)
        if isinstance(expected, Imported):
            expected.check(members)
    FIGURES.handled += 1
