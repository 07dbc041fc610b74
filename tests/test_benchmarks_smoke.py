"""The benchmark suite runs end to end at province scale (a smoke test: no timing is
asserted), and its generated data is what it claims to be."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import dataset, results
from benchmarks.suite import NAMES
from committee.domain.vocabulary import CommitteeStatus, Era, Level
from committee.usecases.checking import check_units, select_units

ROOT = Path(__file__).resolve().parent.parent


def _benchmarks(*args: str, scale: str = "province") -> subprocess.CompletedProcess[str]:
    """`python -m benchmarks --scale SCALE --repeat 1 ARGS…`, from the repository root."""
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--scale", scale, "--repeat", "1", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return completed


def test_python_m_benchmarks_writes_every_result(tmp_path: Path) -> None:
    output = tmp_path / "figures.json"
    completed = _benchmarks("--json", str(output))
    figures = json.loads(output.read_text(encoding="utf-8"))
    assert figures["scale"] == "province"
    assert figures["committees"] == 219
    assert isinstance(figures["members"], int) and figures["members"] > 219 * 12
    assert list(figures["results"]) == list(NAMES)
    for name, result in figures["results"].items():
        assert set(result) == {"seconds", "baseline_seconds", "ratio", "peak_mib"}, name
        assert isinstance(result["seconds"], float) and result["seconds"] > 0, name
        for key in ("baseline_seconds", "ratio", "peak_mib"):
            assert result[key] is None or isinstance(result[key], float), (name, key)
    with_baseline = {name for name, r in figures["results"].items() if r["baseline_seconds"]}
    assert with_baseline == set(NAMES) - {"tui_switch", "search"}
    assert figures["results"]["export_province"]["peak_mib"] is not None
    assert figures["results"]["check_all"]["peak_mib"] is not None
    for name in NAMES:
        assert name in completed.stdout


def test_the_end_to_end_path_runs_at_province_scale(tmp_path: Path) -> None:
    """`python -m benchmarks --e2e` at province scale, a few commands once each (no timing
    asserted): every command and floor ran in a fresh process through the wrapper, with a
    wall time and a peak resident memory, a ratio and its target's verdict; and the figures
    render into RESULTS.md's tables."""
    output = tmp_path / "figures.json"
    names = ["version", "check_json", "export_roster", "ui_first_screen"]
    chosen = [option for name in names for option in ("--e2e-only", name)]
    completed = _benchmarks("--only", "seed", "--e2e", "--json", str(output), *chosen)
    figures = json.loads(output.read_text(encoding="utf-8"))
    expected = names if shutil.which("tmux") else names[:-1]
    assert list(figures["e2e"]) == expected
    for name, result in figures["e2e"].items():
        assert result["seconds"] > 0 and len(result["runs"]) == 1, name
        assert result["peak_mib"] > 5, name  # the command's own resident memory
        for floor in result["floors"].values():
            assert floor["seconds"] > 0 and floor["peak_mib"] > 5, name
        assert result["ratio"] > 0, name
        assert name in completed.stdout
    assert set(figures["e2e"]["export_roster"]["floors"]) == {
        "raw SpreadsheetML of the same cells",
        "openpyxl write-only loop",
    }
    for name in ("version", "check_json", "ui_first_screen"):
        if name in figures["e2e"]:
            assert isinstance(figures["e2e"][name]["met"], bool), name
    rendered = results.render([figures])
    assert "End to end" in rendered and "bcd138 --version" in rendered


def test_the_raw_spreadsheet_floor_writes_the_same_cells(tmp_path: Path) -> None:
    """The floors write a workbook that reads back as the cells they were given."""
    from python_calamine import CalamineWorkbook

    sheets = {"Tổng hợp": [["Mã", "Tên", "Số"], ["30", "Tỉnh <Hải> & Dương", 12]], "B": [["x"]]}
    cells = tmp_path / "cells.json"
    cells.write_text(json.dumps(sheets, ensure_ascii=False), encoding="utf-8")
    for name in ("xlsx-raw", "xlsx-openpyxl"):
        out = tmp_path / f"{name}.xlsx"
        subprocess.run(
            [sys.executable, "-m", "benchmarks.floors", name, str(cells), str(out)],
            cwd=ROOT,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        workbook = CalamineWorkbook.from_path(str(out))
        assert workbook.sheet_names == list(sheets), name
        read = workbook.get_sheet_by_name("Tổng hợp").to_python()
        numbers = [[v if isinstance(v, str) else float(v) for v in row] for row in read]
        assert numbers == [["Mã", "Tên", "Số"], ["30", "Tỉnh <Hải> & Dương", 12.0]], name


def test_multiplying_the_database_copies_every_unit_under_new_codes(tmp_path: Path) -> None:
    database, data = dataset.build_database(tmp_path / "p.sqlite")
    database.dispose()
    dataset.multiply(tmp_path / "p.sqlite", 3)
    import sqlite3

    with sqlite3.connect(tmp_path / "p.sqlite") as connection:
        count = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("admin_unit", "person", "decision", "membership", "committee_document")
        }
        orphans = connection.execute(
            "SELECT count(*) FROM decision d LEFT JOIN admin_unit u ON u.code = d.unit_code "
            "WHERE u.code IS NULL"
        ).fetchone()[0]
        copied = connection.execute(
            "SELECT name, parent_code FROM admin_unit WHERE code = ?",
            (dataset.copied_code(data.switch_units[0], 2),),
        ).fetchone()
    assert count["admin_unit"] == 3 * 220  # Hải Dương, 12 districts, 207 communes
    assert count["person"] == 3 * len(data.rows("person").rows)
    assert count["membership"] == 3 * data.memberships
    assert orphans == 0
    assert copied[1] == dataset.copied_code("30", 2)
    # a copy's code is never an original's: a copied district is not a commune elsewhere
    assert dataset.copied_code("130", 1) != "13130" and len(dataset.copied_code("1", 9)) == 8
    database = dataset.open_database(str(tmp_path / "p.sqlite"))
    with database.session() as session:
        report = check_units(session, select_units(session))
    database.dispose()
    assert len(report.committees) == 3 * data.committees


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    database, data = dataset.build_database(tmp_path_factory.mktemp("bench") / "p.sqlite")
    yield database, data
    database.dispose()


def test_the_generated_province_is_realistic(province) -> None:  # type: ignore[no-untyped-def]
    database, data = province
    assert data.committees == 219
    with database.session() as session:
        report = check_units(session, select_units(session))
    sizes = {c.unit.code: (c.unit.level, c.member_count) for c in report.committees}
    for code, (level, size) in sizes.items():
        if code in data.switch_units:
            assert size == dataset.SWITCH_SIZE
        elif size:  # a missing police seat leaves one line fewer
            low, high = (19, 30) if level is Level.DISTRICT else (11, 18)
            assert low <= size <= high, (code, size)
    statuses = Counter(c.status for c in report.committees)
    without = sum(1 for c in report.committees if c.decision is None)
    assert 0 < without < 219 * 0.1  # some units without a decision
    breaking = sum(1 for c in report.committees if c.findings and c.decision is not None)
    assert 0.2 < breaking / 219 < 0.5  # about a third break one or more rules
    assert statuses[CommitteeStatus.OK] > 100
    codes = {f.code for c in report.committees for f in c.findings}
    assert {"BCD302", "BCD401", "BCD402", "BCD403", "BCD404", "BCD501"} <= codes


def test_generation_is_deterministic() -> None:
    first, second = dataset.generate("province"), dataset.generate("province")
    assert [t.rows for t in first.tables] == [t.rows for t in second.tables]


def test_seed_writes_the_same_rows_as_the_raw_baseline(tmp_path: Path) -> None:
    data = dataset.generate("province")
    template = dataset.empty_database(tmp_path / "empty.sqlite")
    core = dataset.fresh_copy(template, tmp_path / "core.sqlite")
    raw = dataset.fresh_copy(template, tmp_path / "raw.sqlite")
    database = dataset.open_database(str(core))
    dataset.write_rows(database.engine, dataset.prepared_for_core(data))
    database.dispose()
    dataset.write_rows_raw(raw, dataset.prepared_for_raw(data))
    import sqlite3

    for table in ("admin_unit", "person", "decision", "membership"):
        rows = []
        for path in (core, raw):
            with sqlite3.connect(path) as connection:
                rows.append(connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall())
        assert rows[0] == rows[1], table


def test_the_2025_scale_runs_its_commands_on_the_units_of_the_era_2025(tmp_path: Path) -> None:
    """`--scale province-2025`: the commands are given `--era 2025` (a legacy command would
    exit 2, the unit unknown), the in-process check finds the era's 114 committees, the
    UI's search runs on them, and there is no district to export."""
    output = tmp_path / "figures.json"
    names = ["check_json", "import", "export_province", "export_district", "export_roster"]
    chosen = [option for name in names for option in ("--e2e-only", name)]
    _benchmarks(
        "--only", "check_all", "--only", "search", "--e2e", "--json", str(output), *chosen,
        scale="province-2025",
    )  # fmt: skip
    figures = json.loads(output.read_text(encoding="utf-8"))
    assert (figures["scale"], figures["era"], figures["committees"]) == (
        "province-2025",
        "2025",
        114,
    )
    assert list(figures["results"]) == ["check_all", "search"]
    assert figures["runs"]["check_all"]["committees"] == 114
    assert list(figures["e2e"]) == ["import", "check_json", "export_province", "export_roster"]


def test_the_generated_2025_nation_is_its_3321_communes_set_up_after_1_july_2025() -> None:
    data = dataset.generate("nation-2025")
    assert (data.committees, data.era, data.province_code) == (3321, Era.Y2025, "31")
    units = data.rows("admin_unit")
    era, level = units.columns.index("era"), units.columns.index("level")
    assert {row[era] for row in units.rows} == {"2025"}
    assert {row[level] for row in units.rows} == {"province", "commune"}  # two levels
    decisions = data.rows("decision")
    signed = decisions.columns.index("signed_on")
    dates = [row[signed] for row in decisions.rows if row[signed] is not None]
    assert min(dates) >= dataset.SIGNING[Era.Y2025].superseded[0]
    assert max(dates) < dataset.SIGNING[Era.Y2025].imported  # an import supersedes them


def test_the_generated_2025_province_is_checked_by_the_2025_pack(tmp_path: Path) -> None:
    database, data = dataset.build_database(tmp_path / "p.sqlite", "province-2025")
    with database.session() as session:
        report = check_units(session, select_units(session, era=Era.Y2025))
    database.dispose()
    assert len(report.committees) == data.committees == 114
    assert report.rules_version == "ii23b-cap-xa-2025.1"
    statuses = Counter(c.status for c in report.committees)
    assert statuses[CommitteeStatus.OK] > 114 / 2
    codes = {f.code for c in report.committees for f in c.findings}
    assert "BCD403" not in codes and "BCD404" in codes
