"""The `bcd138` command end to end, in a subprocess as a clerk runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, db: Path | None = None, env: dict[str, str] | None = None):
    command = [sys.executable, "-m", "committee.cli.app"]
    if db is not None:
        command += ["--db", str(db)]
    full_env = {**os.environ, **(env or {})}
    full_env.pop("BCD138_DB", None) if env is None else None
    return subprocess.run(
        command + list(args), capture_output=True, text=True, env=full_env, timeout=120
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.sqlite"


def test_version_and_help() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("bcd138 ")
    helped = run("--help")
    assert helped.returncode == 0
    for command in ("init", "units"):
        assert command in helped.stdout


def test_init_then_units_of_gia_loc_as_json(db: Path) -> None:
    first = run("init", db=db)
    assert first.returncode == 0, first.stderr
    assert "220" in first.stdout
    again = run("init", db=db)
    assert again.returncode == 0
    assert "không thay đổi" in again.stdout

    listed = run("units", "--district", "297", "--format", "json", db=db)
    assert listed.returncode == 0, listed.stderr
    communes = json.loads(listed.stdout)
    assert len(communes) == 14
    assert {
        "era": "legacy",
        "code": "11020",
        "name": "Xã Yết Kiêu",
        "kind": "xã",
        "level": "commune",
        "parent_code": "297",
    } in communes
    assert all(isinstance(unit["code"], str) for unit in communes)


def test_units_table_is_for_people(db: Path) -> None:
    table = run("units", "--district", "297", db=db)
    assert table.returncode == 0
    assert "Xã Yết Kiêu" in table.stdout
    assert "11020" in table.stdout


def test_the_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    path = tmp_path / "from-env.sqlite"
    result = run("units", "--format", "json", env={"BCD138_DB": str(path)})
    assert result.returncode == 0, result.stderr
    assert path.exists()
    assert len(json.loads(result.stdout)) == 220


def test_init_loads_another_province(db: Path) -> None:
    result = run("init", "--province", "Bắc Ninh", db=db)
    assert result.returncode == 0, result.stderr
    assert "Bắc Ninh" in result.stdout
    units = json.loads(run("units", "--format", "json", db=db).stdout)
    assert {unit["code"] for unit in units if unit["level"] == "province"} == {"27"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("units", "--district", "99999"), "99999"),
        (("units", "--district", "11020"), "không phải đơn vị cấp huyện"),
        (("init", "--province", "Atlantis"), "Atlantis"),
        (("units", "--format", "xml"), "xml"),
    ],
)
def test_errors_are_one_line_on_stderr_with_status_2(
    db: Path, args: tuple[str, ...], expected: str
) -> None:
    result = run(*args, db=db)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_a_file_that_is_not_a_database_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database at all")
    before = path.read_bytes()
    result = run("units", db=path)
    assert result.returncode == 2
    assert "không phải cơ sở dữ liệu bcd138" in result.stderr
    assert path.read_bytes() == before
