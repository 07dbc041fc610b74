"""The record stays true (issue 9, points 4–8) through the real `bcd138` command, in a
subprocess, on a real SQLite file: the committee's documents after issue, the pairing of
the Quy chế options, the backdated Quy chế, duplicate and backdated decisions, another
unit's roster."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from openpyxl import Workbook, load_workbook

from committee.rosters.roster_reader import read_roster

from ..conftest import EXAMPLES
from ..usecases.test_importing import _dump
from .test_cli import run

DISTRICT_EXAMPLE = EXAMPLES / "roster-district-columns.xlsx"  # 2105/QĐ-UBND, 12/6/2023, 294
THANH_HA = "294"
GIA_PHUC = "11035"  # a commune of huyện Gia Lộc


def _codes(db: Path, unit: str) -> list[str]:
    report = json.loads(run("check", "--unit", unit, "--format", "json", db=db).stdout)
    return [finding["code"] for finding in report["committees"][0]["findings"]]


def _messages(db: Path, unit: str) -> list[str]:
    report = json.loads(run("check", "--unit", unit, "--format", "json", db=db).stdout)
    return [finding["message"] for finding in report["committees"][0]["findings"]]


def _refused(result, *expected: str) -> None:  # type: ignore[no-untyped-def]
    """Exit status 2, one line on stderr holding every expected text, no traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for text in expected:
        assert text in lines[0], lines[0]
    assert "Traceback" not in result.stderr


def _variant(
    tmp_path: Path, name: str, line: str | None = None, cells: dict[str, str] | None = None
) -> Path:
    """A copy of the district example with its decision line and some cells changed."""
    path = tmp_path / name
    shutil.copy(DISTRICT_EXAMPLE, path)
    workbook = load_workbook(path)
    sheet = workbook.active
    if line is not None:
        sheet["A6"] = line
    for cell, value in (cells or {}).items():
        sheet[cell] = value
    workbook.save(path)
    return path


def _imported(tmp_path: Path) -> Path:
    db = tmp_path / "record.sqlite"
    result = run("import", str(DISTRICT_EXAMPLE), "--unit", THANH_HA, db=db)
    assert result.returncode == 0, result.stderr
    return db


# --- point 4: the Quy chế and the duties after issue ---------------------------------------


def test_the_regulation_is_recorded_after_issue_without_reissuing(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    assert _codes(db, THANH_HA) == ["BCD402"]
    recorded = run(
        "regulation",
        "--unit",
        THANH_HA,
        "--number",
        "01/qđ-bcđ",
        "--signed-on",
        "20/6/2023",
        "--signer",
        "Hồ Văn Minh",
        db=db,
    )
    assert recorded.returncode == 0, recorded.stderr
    assert "Đã ghi nhận Quy chế hoạt động số 01/QĐ-BCĐ ngày 20/06/2023" in recorded.stdout
    assert "2105/QĐ-UBND" in recorded.stdout
    assert _codes(db, THANH_HA) == []
    before = _dump(db)
    again = run(
        "regulation",
        "--unit",
        THANH_HA,
        "--number",
        "01/QĐ-BCĐ",
        "--signed-on",
        "20/06/2023",
        db=db,
    )
    assert again.returncode == 0 and "trước đây" in again.stdout
    assert _dump(db) == before

    history = run("history", "--unit", THANH_HA, db=db)
    assert history.returncode == 0, history.stderr
    assert "QĐ 2105/QĐ-UBND ngày 12/06/2023 (đang hiệu lực)" in history.stdout
    assert "Quy chế hoạt động số 01/QĐ-BCĐ ngày 20/06/2023" in history.stdout
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM decision").fetchone() == (1,)


def test_a_regulation_needs_a_decision_in_force(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite"
    result = run(
        "regulation", "--unit", GIA_PHUC, "--number", "01/QĐ-BCĐ", "--signed-on", "1/7/2023", db=db
    )
    _refused(result, "Xã Gia Phúc", "chưa có quyết định kiện toàn đang hiệu lực")


def _duty_sheet(path: Path, rows: list[tuple[str, str]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phân công"
    sheet.append(["BẢNG PHÂN CÔNG NHIỆM VỤ"])
    sheet.append(["TT", "Họ tên", "Chức vụ", "Phân công nhiệm vụ"])
    for number, (name, duties) in enumerate(rows, start=1):
        sheet.append([number, name, "", duties])
    workbook.save(path)
    return path


def test_duties_are_assigned_after_issue_and_the_annex_prints_them(tmp_path: Path) -> None:
    no_duties = _variant(tmp_path, "thieu-nhiem-vu.xlsx", cells={"E17": None, "E18": None})
    db = tmp_path / "duties.sqlite"
    assert run("import", str(no_duties), "--unit", THANH_HA, db=db).returncode == 0
    assert _codes(db, THANH_HA).count("BCD401") == 2

    sheet = _duty_sheet(
        tmp_path / "phan-cong.xlsx",
        [("Thái Văn An", "Kiểm sát việc giải quyết tin báo"), ("Mạc Thị Hương", "Văn hóa")],
    )
    result = run(
        "duties",
        str(sheet),
        "--unit",
        THANH_HA,
        "--number",
        "03/QĐ-BCĐ",
        "--signed-on",
        "21/6/2023",
        db=db,
    )
    assert result.returncode == 0, result.stderr
    assert "2/10 thành viên" in result.stdout
    assert "BCD401" not in _codes(db, THANH_HA)

    annex = tmp_path / "phu-luc.xlsx"
    exported = run("export", "roster", "--unit", THANH_HA, "-o", str(annex), db=db)
    assert exported.returncode == 0, exported.stderr
    printed = {row.name: row.duties for row in read_roster(annex).rows}  # as import reads it
    assert printed["Thái Văn An"] == "Kiểm sát việc giải quyết tin báo"
    assert printed["Hồ Văn Minh"] == "Chỉ đạo chung"
    assert "Phân công nhiệm vụ số 03/QĐ-BCĐ ngày 21/06/2023, 2 thành viên" in (
        run("history", "--unit", THANH_HA, db=db).stdout
    )


def test_a_duty_sheet_naming_nobody_of_the_decision_is_refused_naming_the_row(
    tmp_path: Path,
) -> None:
    db = _imported(tmp_path)
    before = _dump(db)
    sheet = _duty_sheet(
        tmp_path / "sai.xlsx", [("Hồ Văn Minh", "Chỉ đạo chung"), ("Mạc Thị Hưong", "Văn hóa")]
    )
    result = run("duties", str(sheet), "--unit", THANH_HA, db=db)
    _refused(result, "sai.xlsx", "trang tính «Phân công», dòng 4", "«Mạc Thị Hưong»")
    assert _dump(db) == before
    half = run("duties", str(sheet), "--unit", THANH_HA, "--number", "04/QĐ-BCĐ", db=db)
    _refused(half, "--signed-on")


# --- point 5: the Quy chế options go together; an older Quy chế is not the new one -------


def test_the_regulation_options_go_together(tmp_path: Path) -> None:
    db = tmp_path / "pair.sqlite"
    run("init", db=db)
    before = _dump(db)
    file, unit = str(DISTRICT_EXAMPLE), THANH_HA
    _refused(
        run("import", file, "--unit", unit, "--regulation-date", "20/6/2023", db=db),
        "--regulation-number",
    )
    _refused(
        run("import", file, "--unit", unit, "--regulation-number", "01/QĐ-BCĐ", db=db),
        "--regulation-date",
    )
    _refused(
        run(
            "import",
            file,
            "--unit",
            unit,
            "--regulation-number",
            "",
            "--regulation-date",
            "20/6/2023",
            db=db,
        ),
        "--regulation-number",
        "để trống",
    )
    _refused(run("regulation", "--unit", unit, "--number", "01/QĐ-BCĐ", db=db), "--signed-on")
    _refused(run("regulation", "--unit", unit, "--signed-on", "20/6/2023", db=db), "--number")
    assert _dump(db) == before


def test_a_regulation_signed_before_the_decision_is_not_the_new_one(tmp_path: Path) -> None:
    db = tmp_path / "old-regulation.sqlite"
    result = run(
        "import",
        str(DISTRICT_EXAMPLE),
        "--unit",
        THANH_HA,
        "--regulation-number",
        "07/QĐ-BCĐ",
        "--regulation-date",
        "01/01/2020",
        db=db,
    )
    assert result.returncode == 0, result.stderr
    assert _codes(db, THANH_HA) == ["BCD402"]
    (message,) = _messages(db, THANH_HA)
    assert "07/QĐ-BCĐ ngày 01/01/2020 ký trước Quyết định số 2105/QĐ-UBND" in message
    recorded = run(
        "regulation", "--unit", THANH_HA, "--number", "01/QĐ-BCĐ", "--signed-on", "15/6/2023", db=db
    )
    assert recorded.returncode == 0, recorded.stderr
    assert _codes(db, THANH_HA) == []


# --- point 7: decisions are unique and ordered -------------------------------------------


def test_importing_a_file_again_says_it_is_recorded_and_writes_nothing(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    before = _dump(db)
    again = run("import", str(DISTRICT_EXAMPLE), "--unit", THANH_HA, db=db)
    assert again.returncode == 0, again.stderr
    assert "đã có trong cơ sở dữ liệu" in again.stdout
    assert _dump(db) == before


def test_the_same_number_and_date_with_another_roster_is_refused(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    before = _dump(db)
    changed = _variant(tmp_path, "sua.xlsx", cells={"C17": "Chánh án TAND huyện"})
    _refused(
        run("import", str(changed), "--unit", THANH_HA, db=db),
        "đã có Quyết định số 2105/QĐ-UBND ngày 12/06/2023",
    )
    assert _dump(db) == before


def test_a_backdated_kien_toan_is_refused_unless_a_late_entry(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    before = _dump(db)
    older = _variant(
        tmp_path,
        "cu.xlsx",
        "(Kèm theo Quyết định số 2105/QĐ-UBND ngày 01/01/2023 của UBND huyện Thanh Hà)",
    )
    _refused(
        run("import", str(older), "--unit", THANH_HA, db=db),
        "trước Quyết định số 2105/QĐ-UBND ngày 12/06/2023",
        "--late-entry",
    )
    assert _dump(db) == before
    late = run("import", str(older), "--unit", THANH_HA, "--late-entry", db=db)
    assert late.returncode == 0, late.stderr
    assert "vào lịch sử" in late.stdout
    report = json.loads(run("check", "--unit", THANH_HA, "--format", "json", db=db).stdout)
    assert report["committees"][0]["decision"] == {
        "number": "2105/QĐ-UBND",
        "signed_on": "2023-06-12",
    }
    history = run("history", "--unit", THANH_HA, db=db).stdout
    assert "QĐ 2105/QĐ-UBND ngày 01/01/2023 (quyết định cũ, nhập muộn)" in history


# --- point 8: another unit's roster ------------------------------------------------------------


def test_another_units_roster_is_refused_unless_confirmed(tmp_path: Path) -> None:
    db = tmp_path / "other-unit.sqlite"
    run("init", db=db)
    before = _dump(db)
    refused = run("import", str(DISTRICT_EXAMPLE), "--unit", GIA_PHUC, db=db)
    _refused(refused, "UBND huyện Thanh Hà", "Huyện Thanh Hà", "Xã Gia Phúc", "--unit-mismatch-ok")
    assert "Chưa lưu được" in refused.stdout
    dry = run("import", str(DISTRICT_EXAMPLE), "--unit", GIA_PHUC, "--dry-run", db=db)
    _refused(dry, "--unit-mismatch-ok")
    assert _dump(db) == before
    confirmed = run(
        "import", str(DISTRICT_EXAMPLE), "--unit", GIA_PHUC, "--unit-mismatch-ok", db=db
    )
    assert confirmed.returncode == 0, confirmed.stderr
    assert "Xã Gia Phúc" in confirmed.stdout
