"""Roster import and the check, end to end on the example rosters and on broken files."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import Session

from committee.domain.errors import UserError
from committee.domain.vocabulary import Role, Severity
from committee.store.database import Database
from committee.usecases.checking import check_units, select_units
from committee.usecases.importing import (
    NOT_RECOGNISED,
    PREVIEW_COLUMNS,
    ImportOptions,
    prepare_import,
    preview_heading,
    preview_rows,
    store_import,
)

from ..cli.test_cli import run
from ..conftest import EXAMPLES

DISTRICT_EXAMPLE = EXAMPLES / "roster-district-columns.xlsx"
COMMUNE_EXAMPLE = EXAMPLES / "roster-commune-sections.xlsx"
REGULATION = ["--regulation-number", "01/QĐ-BCĐ", "--regulation-date", "20/6/2023"]
# The commune's decision is of 22/6/2023: its new Quy chế comes after it.
COMMUNE_REGULATION = ["--regulation-number", "02/QĐ-BCĐ", "--regulation-date", "26/6/2023"]


def _codes(report_json: dict, unit_code: str) -> list[str]:
    committee = next(c for c in report_json["committees"] if c["unit_code"] == unit_code)
    return [finding["code"] for finding in committee["findings"]]


def _status(report_json: dict, unit_code: str) -> str:
    return next(c for c in report_json["committees"] if c["unit_code"] == unit_code)["status"]


def test_examples_give_what_their_readme_states(tmp_path: Path) -> None:
    db = tmp_path / "examples.sqlite"
    district = run("import", str(DISTRICT_EXAMPLE), "--unit", "294", *REGULATION, db=db)
    assert district.returncode == 0, district.stderr
    assert "2105/QĐ-UBND" in district.stdout
    commune = run("import", str(COMMUNE_EXAMPLE), "--unit", "10813", *COMMUNE_REGULATION, db=db)
    assert commune.returncode == 0, commune.stderr

    checked = run("check", "--district", "294", "--format", "json", db=db)
    assert checked.returncode == 1  # communes without decisions are errors (BCD404)
    report = json.loads(checked.stdout)
    assert _codes(report, "294") == []
    assert _status(report, "294") == "ok"
    police = [code for code in _codes(report, "10813") if code in ("BCD204", "BCD205")]
    assert len(police) == 1
    assert _codes(report, "10813") == police
    assert _status(report, "10813") == "error"
    decision = next(c for c in report["committees"] if c["unit_code"] == "294")["decision"]
    assert decision == {"number": "2105/QĐ-UBND", "signed_on": "2023-06-12"}
    others = [c for c in report["committees"] if c["unit_code"] not in ("294", "10813")]
    assert others and all(_codes(report, c["unit_code"]) == ["BCD404"] for c in others)
    assert report["summary"]["committees"] == len(report["committees"])

    table = run("check", "--unit", "294", db=db)
    assert table.returncode == 0
    assert "Đạt" in table.stdout


def test_without_a_regulation_the_district_example_gets_bcd402(tmp_path: Path) -> None:
    db = tmp_path / "noreg.sqlite"
    assert run("import", str(DISTRICT_EXAMPLE), "--unit", "294", db=db).returncode == 0
    report = json.loads(run("check", "--unit", "294", "--format", "json", db=db).stdout)
    assert _codes(report, "294") == ["BCD402"]
    assert report["summary"] == {"committees": 1, "ok": 0, "warning": 0, "error": 1}


def test_check_json_contract_and_output_file(tmp_path: Path) -> None:
    db = tmp_path / "contract.sqlite"
    run("import", str(DISTRICT_EXAMPLE), "--unit", "294", *REGULATION, db=db)
    out = tmp_path / "report.json"
    result = run(
        "check", "--unit", "294", "--unit", "11020", "--format", "json", "-o", str(out), db=db
    )
    assert result.returncode == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) == {"rules_version", "committees", "summary"}
    assert isinstance(report["rules_version"], str)
    first, second = report["committees"]
    assert set(first) == {
        "era",
        "unit_code",
        "unit_name",
        "level",
        "decision",
        "status",
        "findings",
    }
    assert first["era"] == "legacy"
    assert (first["unit_code"], first["level"], first["unit_name"]) == (
        "294",
        "district",
        "Huyện Thanh Hà",
    )
    assert second["decision"] is None
    assert second["findings"] == [
        {
            "code": "BCD404",
            "severity": "error",
            "message": second["findings"][0]["message"],
            "member": None,
        }
    ]
    assert report["summary"] == {"committees": 2, "ok": 1, "warning": 0, "error": 1}


def test_dry_run_shows_the_roster_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "dry.sqlite"
    run("init", db=db)
    before = _dump(db)
    result = run("import", str(COMMUNE_EXAMPLE), "--unit", "10813", "--dry-run", db=db)
    assert result.returncode == 0, result.stderr
    assert "Lương Văn Thành" in result.stdout
    assert "không ghi" in result.stdout
    assert _dump(db) == before


def _dump(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as connection:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables
        }


def _broken_files(tmp_path: Path) -> list[tuple[Path, list[str], str]]:
    not_a_sheet = tmp_path / "ghi-chu.xlsx"
    not_a_sheet.write_text("đây không phải bảng tính", encoding="utf-8")

    no_name = tmp_path / "thieu-ten.xlsx"
    shutil.copy(DISTRICT_EXAMPLE, no_name)
    workbook = load_workbook(no_name)
    workbook.active["B12"] = None
    workbook.save(no_name)

    bad_date = tmp_path / "sai-ngay.xlsx"
    shutil.copy(DISTRICT_EXAMPLE, bad_date)
    workbook = load_workbook(bad_date)
    workbook.active["A6"] = (
        "(Kèm theo Quyết định số 2105/QĐ-UBND ngày 31/02/2023 của UBND huyện Thanh Hà)"
    )
    workbook.save(bad_date)

    no_header = tmp_path / "khong-tieu-de.xlsx"
    sheet_book = Workbook()
    sheet_book.active.append(["Nguyễn Văn Hùng", "Chủ tịch UBND huyện"])
    sheet_book.save(no_header)

    return [
        (not_a_sheet, ["--unit", "294"], "ghi-chu.xlsx"),
        (no_name, ["--unit", "294"], "dòng 12"),
        (bad_date, ["--unit", "294"], "dòng 6"),
        (
            no_header,
            ["--unit", "294", "--number", "1/QĐ-UBND", "--signed-on", "1/6/2023"],
            "tiêu đề",
        ),
        (DISTRICT_EXAMPLE, ["--unit", "99999"], "99999"),
        (DISTRICT_EXAMPLE, ["--unit", "294", "--signed-on", "32/13/2023"], "--signed-on"),
    ]


def test_a_failed_import_leaves_every_table_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "atomic.sqlite"
    assert run("import", str(COMMUNE_EXAMPLE), "--unit", "10813", db=db).returncode == 0
    before = _dump(db)
    for path, args, expected in _broken_files(tmp_path):
        result = run("import", str(path), *args, db=db)
        assert result.returncode == 2, (path, result.stdout)
        assert expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert _dump(db) == before


def test_a_failure_while_storing_rolls_everything_back(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a fault half-way through writing leaves nothing behind."""
    import committee.usecases.importing as importing

    def failing_people(*args, **kwargs):
        raise UserError("mất kết nối giữa chừng")

    with database.session() as session:
        preview = prepare_import(session, DISTRICT_EXAMPLE, ImportOptions("294"))
    monkeypatch.setattr(importing, "find_or_create_people", failing_people)
    with pytest.raises(UserError), database.transaction() as session:
        store_import(session, preview)
    with database.session() as session:
        report = check_units(session, select_units(session, ["294"]))
    assert report.committees[0].decision is None


def test_importing_the_same_file_twice_records_it_once_and_changes_no_finding(
    database: Database,
) -> None:
    options = ImportOptions("294", regulation_number="01/QĐ-BCĐ", regulation_date=date(2023, 6, 20))
    results = []
    for _ in range(2):
        with database.session() as session:
            preview = prepare_import(session, DISTRICT_EXAMPLE, options)
        with database.transaction() as session:
            decision = store_import(session, preview)
        with database.session() as session:
            report = check_units(session, select_units(session, ["294"]))
        results.append((preview, decision, report.committees[0]))
    (first_preview, first, first_report), (second_preview, second, second_report) = results
    assert first_preview.already_recorded is None
    assert second_preview.already_recorded == first.id
    assert second.id == first.id and second.supersedes_id is None
    assert second_report.decision_id == first.id
    assert first_report.findings == second_report.findings == ()


def test_rules_listing_and_explanation() -> None:
    listing = run("rules")
    assert listing.returncode == 0
    for code in ("BCD101", "BCD206", "BCD404", "BCD501"):
        assert code in listing.stdout
    explained = run("rules", "explain", "bcd102")
    assert explained.returncode == 0
    assert "Chủ tịch UBND cùng cấp" in explained.stdout
    unknown = run("rules", "explain", "BCD999")
    assert unknown.returncode == 2
    assert "BCD999" in unknown.stderr


def test_preview_recognises_every_title_of_the_examples(session: Session) -> None:
    for path, unit in ((DISTRICT_EXAMPLE, "294"), (COMMUNE_EXAMPLE, "10813")):
        preview = prepare_import(session, path, ImportOptions(unit))
        assert all(member.post.recognised for member in preview.members), path
        assert all(member.post.unit_code == unit for member in preview.members), path


def test_a_text_longer_than_its_column_is_refused_naming_the_row(tmp_path: Path) -> None:
    """SQLite does not enforce column sizes and PostgreSQL does: every length is checked
    before writing, so both engines refuse the same file, with the limit named."""
    long_title = tmp_path / "dai.xlsx"
    shutil.copy(DISTRICT_EXAMPLE, long_title)
    workbook = load_workbook(long_title)
    workbook.active["C12"] = "Trưởng phòng Y tế " + "và các lĩnh vực khác " * 15
    workbook.save(long_title)
    db = tmp_path / "long.sqlite"
    run("init", db=db)
    before = _dump(db)
    result = run("import", str(long_title), "--unit", "294", db=db)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "dòng 12" in line and "quá giới hạn 300 ký tự" in line
    assert _dump(db) == before
    number = run(
        "import", str(DISTRICT_EXAMPLE), "--unit", "294", "--number", "1/" + "Q" * 60, db=db
    )
    assert number.returncode == 2 and "quá giới hạn 60 ký tự" in number.stderr


# --- a leadership seat held by a post the catalogue does not know (issue 12) ------------


def _with_title(source: Path, target: Path, old: str, new: str) -> Path:
    """A copy of a roster with the post `old` written as `new`."""
    workbook = load_workbook(source)
    cells = [c for row in workbook.active.iter_rows() for c in row if c.value == old]
    assert len(cells) == 1, old
    cells[0].value = new
    workbook.save(target)
    return target


@pytest.mark.parametrize(
    ("example", "unit", "old", "new", "code"),
    [
        (DISTRICT_EXAMPLE, "294", "Chủ tịch UBND huyện Thanh Hà",
         "Chủ nhiệm Hợp tác xã dịch vụ nông nghiệp", "BCD102"),
        (DISTRICT_EXAMPLE, "294", "Phó Chủ tịch UBND huyện",
         "Giám đốc Ban Quản lý dự án đầu tư xây dựng huyện", "BCD104"),
        (DISTRICT_EXAMPLE, "294", "Trưởng Công an huyện",
         "Đội trưởng Đội Quản lý trật tự đô thị", "BCD106"),
        (COMMUNE_EXAMPLE, "10813", "Chủ tịch UBND thị trấn",
         "Chủ nhiệm Hợp tác xã Thanh Hà", "BCD102"),
        (COMMUNE_EXAMPLE, "10813", "Phó Chủ tịch UBND thị trấn",
         "Trưởng ban Quản lý chợ thị trấn", "BCD104"),
    ],
)  # fmt: skip
def test_a_leadership_seat_held_by_an_unknown_post_is_an_error(
    tmp_path: Path,
    session: Session,
    example: Path,
    unit: str,
    old: str,
    new: str,
    code: str,
) -> None:
    # the Quy chế of each example, signed after its decision
    options = ImportOptions(unit, regulation_number="01/QĐ-BCĐ", regulation_date=date(2023, 6, 26))
    compliant = [f.code for f in prepare_import(session, example, options).findings]
    roster = _with_title(example, tmp_path / example.name, old, new)
    preview = prepare_import(session, roster, options)
    assert sorted(f.code for f in preview.findings) == sorted([*compliant, code, "BCD501"])
    finding = next(f for f in preview.findings if f.code == code)
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith("Không nhận dạng được chức vụ của ")
    assert f"({new}) là " in finding.message
    store_import(session, preview)
    (checked,) = check_units(session, select_units(session, [unit])).committees
    assert list(checked.findings) == list(preview.findings)
    assert checked.status_label == "Chưa đạt"


def test_the_check_reports_an_unknown_chair_as_an_error(tmp_path: Path) -> None:
    db = tmp_path / "unknown-chair.sqlite"
    roster = _with_title(
        DISTRICT_EXAMPLE, tmp_path / "r.xlsx", "Chủ tịch UBND huyện Thanh Hà", "Chủ nhiệm HTX"
    )
    imported = run("import", str(roster), "--unit", "294", *REGULATION, db=db)
    assert imported.returncode == 0, imported.stderr
    assert "(không nhận diện được)" in imported.stdout  # the preview says so before storing
    checked = run("check", "--unit", "294", "--format", "json", db=db)
    assert checked.returncode == 1
    report = json.loads(checked.stdout)
    assert _codes(report, "294") == ["BCD102", "BCD501"]
    assert _status(report, "294") == "error"


def test_the_preview_names_the_post_and_unit_recognised(session: Session) -> None:
    preview = prepare_import(session, DISTRICT_EXAMPLE, ImportOptions(unit_code="294"))
    rows = preview_rows(preview)
    assert [row.position for row in rows] == list(range(1, len(preview.members) + 1))
    chair = rows[0]
    assert (chair.name, chair.title, chair.role) == (
        "Hồ Văn Minh",
        "Chủ tịch UBND huyện Thanh Hà",
        Role.CHAIR,
    )
    assert chair.recognised and chair.reading == "Chủ tịch UBND huyện Thanh Hà"
    assert chair.cells() == (
        "1",
        "Hồ Văn Minh",
        chair.title,
        "Trưởng ban",
        "cột chức danh trong Ban Chỉ đạo",  # where the role was read from (issue 12)
        chair.reading,
    )
    assert chair.sheet_row == preview.members[0].row.row
    assert len(PREVIEW_COLUMNS) == len(chair.cells())
    # "Phó Chủ tịch UBND huyện": the level word only, read as the district of the committee
    assert rows[1].reading == "Phó Chủ tịch UBND huyện Thanh Hà"
    assert preview_heading(preview) == (
        "Huyện Thanh Hà: Quyết định số 2105/QĐ-UBND ngày 12/06/2023, trang tính "
        f"«{preview.roster.sheet}», {len(rows)} thành viên."
    )


def test_the_preview_says_what_it_could_not_recognise(tmp_path: Path, session: Session) -> None:
    roster = _with_title(
        DISTRICT_EXAMPLE, tmp_path / "r.xlsx", "Chủ tịch UBND huyện Thanh Hà", "Trưởng thôn Đông"
    )
    (chair, *_others) = preview_rows(prepare_import(session, roster, ImportOptions("294")))
    assert not chair.recognised and chair.post is None and chair.unit is None
    assert chair.reading == NOT_RECOGNISED
