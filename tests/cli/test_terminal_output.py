"""Issue 10.3, output side: stored text printed by the CLI cannot drive the terminal.

Control characters that got into the database (here written straight in with SQL) are
shown as their escapes ("\\x1b[2J") in tables, check reports, import previews and error
messages; only bcd138's own colours reach a terminal as escape sequences."""

from __future__ import annotations

import os
import pty
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from committee.domain.text import CONTROL_CHARACTERS

from ..conftest import EXAMPLES
from ..hostile import run_cli

CLEAR = "\x1b[2J"
TITLE = "\x1b]0;pwned\x07"  # sets the window title; not an SGR sequence a pipe filter strips
CSI = "\x9b31m"  # the one-byte C1 introducer
UNIT_NAME = f"Huyện {CLEAR}Thanh{TITLE} Hà{CSI}"
NUMBER = f"2105/QĐ-UBND{CLEAR}"
SHOWN_UNIT = "Huyện \\x1b[2JThanh\\x1b]0;pwned\\x07 Hà\\x9b31m"
SHOWN_NUMBER = "2105/QĐ-UBND\\x1b[2J"
OUR_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def db(db_file: Path) -> Path:
    with sqlite3.connect(db_file) as connection:
        connection.execute("UPDATE admin_unit SET name = ? WHERE code = '294'", (UNIT_NAME,))
        connection.execute("UPDATE decision SET number = ? WHERE unit_code = '294'", (NUMBER,))
        connection.execute(
            "DELETE FROM committee_document WHERE kind = 'regulation' AND decision_id IN "
            "(SELECT id FROM decision WHERE unit_code = '294')"
        )
    connection.close()
    return db_file


def assert_inert(output: str) -> None:
    assert not CONTROL_CHARACTERS.search(output.replace("\r", "")), repr(output)


def test_units_table_shows_escapes(db: Path) -> None:
    result = run_cli("units", db=db)
    assert result.returncode == 0, result.stderr
    assert_inert(result.stdout)
    assert re.search(rf"^294 +{re.escape(SHOWN_UNIT)} ", result.stdout, re.MULTILINE)


def test_check_report_shows_escapes_in_names_numbers_and_findings(db: Path) -> None:
    result = run_cli("check", "--unit", "294", db=db)
    assert result.returncode in (0, 1), result.stderr
    assert_inert(result.stdout)
    assert f"294 {SHOWN_UNIT} (QĐ {SHOWN_NUMBER} ngày" in result.stdout
    assert "BCD402 " in result.stdout
    assert f"theo Quyết định số {SHOWN_NUMBER}." in result.stdout


def test_import_preview_shows_escapes(db: Path) -> None:
    roster = EXAMPLES / "roster-district-columns.xlsx"
    result = run_cli("import", str(roster), "--unit", "294", "--dry-run", db=db)
    assert result.returncode == 0, result.stderr
    assert_inert(result.stdout)
    assert result.stdout.startswith(f"{SHOWN_UNIT}: Quyết định số")


def test_an_error_message_quoting_stored_text_shows_escapes(db: Path) -> None:
    result = run_cli("check", "--district", "10813", db=db)  # a commune, not a district
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: ")
    assert_inert(result.stderr)
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE admin_unit SET name = ? WHERE code = '10813'", (UNIT_NAME,))
    connection.close()
    quoted = run_cli("check", "--district", "10813", db=db)
    assert quoted.returncode == 2
    assert_inert(quoted.stderr)
    assert SHOWN_UNIT in quoted.stderr


def test_on_a_terminal_only_our_colours_are_escape_sequences(db: Path) -> None:
    leader, follower = pty.openpty()
    environment = {key: value for key, value in os.environ.items() if key != "BCD138_DB"}
    environment["TERM"] = "xterm"
    process = subprocess.Popen(
        [sys.executable, "-m", "committee.cli.app", "--db", str(db), "check", "--unit", "294"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=environment,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the program
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8")
    assert OUR_COLOURS.search(shown), "the status is coloured on a terminal"
    assert_inert(OUR_COLOURS.sub("", shown))
    assert SHOWN_UNIT in shown
