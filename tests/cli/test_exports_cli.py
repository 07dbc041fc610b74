"""`bcd138 export …` in a subprocess, as a clerk runs it: the round trip through `bcd138
import`, the written path, --force, and the errors (one Vietnamese line, status 2, no
file left behind)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from committee.usecases.decisions import current_decision, roster_with_people
from committee.usecases.units import get_unit
from committee.usecases.workspace import open_workspace

from ..conftest import EXAMPLES
from .test_cli import run

DISTRICT_EXAMPLE = EXAMPLES / "roster-district-columns.xlsx"
COMMUNE_EXAMPLE = EXAMPLES / "roster-commune-sections.xlsx"


def _stored(db: Path, unit: str) -> dict[str, object]:
    """What the database holds about the unit's decision in force."""
    database = open_workspace(str(db))
    try:
        with database.session() as session:
            decision = current_decision(session, get_unit(session, unit).code)
            assert decision is not None
            members = [
                (
                    person.full_name,
                    line.role,
                    line.title,
                    line.duties,
                    line.note,
                    line.post_kind,
                    line.post_unit_code,
                    line.portfolio,
                )
                for line, person in roster_with_people(session, decision.id)
            ]
            return {
                "number": decision.number,
                "signed_on": decision.signed_on,
                "members": members,
            }
    finally:
        database.dispose()


@pytest.mark.parametrize(
    ("example", "unit", "size"), [(DISTRICT_EXAMPLE, "294", 10), (COMMUNE_EXAMPLE, "10813", 9)]
)
def test_an_exported_annex_imports_back_unchanged(
    tmp_path: Path, example: Path, unit: str, size: int
) -> None:
    """The same people in the same seats with the same posts, duties and notes; each title
    now the official one the annex printed (14.2), which reads back as the same post."""
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    imported = run("import", str(example), "--unit", unit, db=first)
    assert imported.returncode == 0, imported.stderr

    annex = tmp_path / "phu-luc.xlsx"
    exported = run("export", "roster", "--unit", unit, "-o", str(annex), db=first)
    assert exported.returncode == 0, exported.stderr
    assert str(annex) in exported.stdout

    again = run("import", str(annex), "--unit", unit, db=second)
    assert again.returncode == 0, again.stderr
    original, round_trip = _stored(first, unit), _stored(second, unit)
    assert len(original["members"]) == size  # type: ignore[arg-type]

    def without_titles(stored: dict[str, object]) -> dict[str, object]:
        members = [m[:2] + m[3:] for m in stored["members"]]  # type: ignore[attr-defined]
        return {**stored, "members": members}

    assert without_titles(round_trip) == without_titles(original)
    printed = [member[2] for member in round_trip["members"]]  # type: ignore[union-attr]
    typed = [member[2] for member in original["members"]]  # type: ignore[union-attr]
    assert printed != typed and printed[0].startswith("Chủ tịch UBND ")
    # titles are recognised again as they were the first time
    assert all(member[5] is not None for member in round_trip["members"])  # type: ignore[union-attr]


def test_export_commands_write_and_print_the_path(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite"
    assert run("import", str(DISTRICT_EXAMPLE), "--unit", "294", db=db).returncode == 0
    for args, name in (
        (("roster", "--unit", "294"), "annex.xlsx"),
        (("decision", "--unit", "294"), "quyet-dinh.docx"),
        (("district", "--unit", "294"), "district.xlsx"),
        (("province",), "province.xlsx"),
    ):
        path = tmp_path / name
        result = run("export", *args, "-o", str(path), db=db)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"Đã ghi {path}"
        if path.suffix == ".docx":
            table = Document(str(path)).tables[-1]  # the Danh sách
            assert table.rows[1].cells[1].text == "Hồ Văn Minh"
        else:
            load_workbook(path)

    again = run("export", "roster", "--unit", "294", "-o", str(tmp_path / "annex.xlsx"), db=db)
    assert again.returncode == 2
    assert "--force" in again.stderr
    forced = run(
        "export", "roster", "--unit", "294", "-o", str(tmp_path / "annex.xlsx"), "--force", db=db
    )
    assert forced.returncode == 0, forced.stderr


def _unwritable_folders(tmp_path: Path) -> list[tuple[str, Path]]:
    a_file = tmp_path / "not-a-folder.txt"
    a_file.write_text("x", encoding="utf-8")
    folders = [("missing", tmp_path / "missing"), ("file", a_file)]
    if sys.platform.startswith("linux"):
        # A folder that exists and that no one, root included, may create files in.
        folders.append(("read-only", Path("/proc")))
    return folders


@pytest.mark.parametrize("command", ["roster", "district"])
def test_an_output_folder_that_cannot_be_written(tmp_path: Path, command: str) -> None:
    db = tmp_path / "cli.sqlite"
    assert run("import", str(DISTRICT_EXAMPLE), "--unit", "294", db=db).returncode == 0
    folders = _unwritable_folders(tmp_path)
    before = sorted(tmp_path.iterdir())
    for kind, folder in folders:
        target = folder / "xuat.xlsx"
        result = run("export", command, "--unit", "294", "-o", str(target), db=db)
        assert result.returncode == 2, (kind, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, kind
        assert lines[0].startswith("Lỗi: Không ghi được tệp"), (kind, lines[0])
        assert not target.exists()
    assert sorted(tmp_path.iterdir()) == before  # no file, no temporary file


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("roster", "--unit", "99999"), "Không có đơn vị hành chính mã «99999»"),
        (("roster", "--unit", "294"), "Huyện Thanh Hà chưa có quyết định kiện toàn"),
        (("roster", "--unit", "294", "--decision", "abc"), "không đúng dạng"),
        (("district", "--unit", "99999"), "99999"),
        (("district", "--unit", "10813"), "không phải đơn vị cấp huyện"),
        (("province", "--province", "294"), "không phải một tỉnh"),
        (("decision", "--unit", "30"), "cấp tỉnh"),
        (("decision", "--unit", "294"), "Huyện Thanh Hà chưa có quyết định kiện toàn"),
    ],
)
def test_export_errors_are_one_line_with_status_2(
    tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run("export", *args, "-o", str(out / "x.xlsx"), db=tmp_path / "fresh.sqlite")
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert expected in lines[0]
    assert list(out.iterdir()) == []


def test_export_without_a_command_shows_the_four(tmp_path: Path) -> None:
    result = run("export", db=tmp_path / "help.sqlite")
    assert result.returncode == 0
    for command in ("roster", "decision", "district", "province"):
        assert command in result.stdout
    assert "--pdf" in run("export", "decision", "--help", db=tmp_path / "help.sqlite").stdout


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("roster", "--unit", "294"), "annex.xlsx"),
        (("decision", "--unit", "294"), "qd.docx"),
        (("district", "--unit", "294"), "district.xlsx"),
        (("province",), "province.xlsx"),
    ],
)
def test_pdf_without_libreoffice_says_how_to_install_it(
    tmp_path: Path, args: tuple[str, ...], name: str
) -> None:
    db = tmp_path / "cli.sqlite"
    assert run("import", str(DISTRICT_EXAMPLE), "--unit", "294", db=db).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    bare = tmp_path / "bin"  # a PATH with python's folder only: no soffice on it
    bare.mkdir()
    result = run("export", *args, "-o", str(out / name), "--pdf", db=db, env={"PATH": str(bare)})
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "Chưa cài LibreOffice" in lines[0] and "apt-get install libreoffice" in lines[0]
    assert list(out.iterdir()) == []  # refused before anything was written
