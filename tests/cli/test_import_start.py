"""`bcd138 import` as a clerk meets it from a fresh process: a missing file is refused
before the database layer is loaded, and the titles of a roster are recognised with the
units they name, wherever those are (the index is built for the roster, not the nation)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from .test_cli import run
from .test_cli_record import THANH_HA, _variant

# Run the command in this process' child, then say which libraries it had loaded.
_LOADED_AFTER = """
import sys
from committee.cli.app import main
try:
    main(sys.argv[1:])
except SystemExit as stop:
    loaded = sorted(m for m in ("sqlalchemy", "sqlmodel", "alembic") if m in sys.modules)
    print("exit", stop.code, "loaded", ",".join(loaded) or "-")
"""


def test_a_missing_roster_exits_2_with_its_message_before_the_database_is_touched(
    tmp_path: Path,
) -> None:
    db = tmp_path / "never.sqlite"
    missing = tmp_path / "danh-sach.xlsx"
    args = ["--db", str(db), "import", str(missing), "--unit", THANH_HA]
    result = subprocess.run(
        [sys.executable, "-c", _LOADED_AFTER, *args], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["exit", "2", "loaded", "-"], result.stderr
    assert result.stderr.strip() == f"Lỗi: Không tìm thấy tệp «{missing}»."
    assert not db.exists()
    # The console script says the same.
    refused = run("import", str(missing), "--unit", THANH_HA, db=db)
    assert refused.returncode == 2
    assert refused.stderr.strip() == f"Lỗi: Không tìm thấy tệp «{missing}»."


def test_titles_naming_another_district_and_a_commune_elsewhere_are_recognised(
    tmp_path: Path,
) -> None:
    roster = _variant(
        tmp_path,
        "other-units.xlsx",
        cells={
            "C12": "Trưởng phòng Y tế huyện Cẩm Giàng",
            "C13": "Chủ tịch UBND xã Tân Việt, huyện Bình Giang",
        },
    )
    db = tmp_path / "other.sqlite"
    result = run("import", str(roster), "--unit", THANH_HA, db=db)
    assert result.returncode == 0, result.stderr
    assert "Trưởng phòng Y tế huyện Cẩm Giàng" in result.stdout
    with sqlite3.connect(db) as connection:
        stored = dict(
            connection.execute(
                "SELECT m.position, u.name || ' / ' || coalesce(p.name, '') FROM membership m "
                "JOIN admin_unit u ON u.era = m.post_unit_era AND u.code = m.post_unit_code "
                "LEFT JOIN admin_unit p ON p.era = u.era AND p.code = u.parent_code "
                "WHERE m.position IN (1, 4, 5)"
            ).fetchall()
        )
    assert stored == {
        1: "Huyện Thanh Hà / Tỉnh Hải Dương",
        4: "Huyện Cẩm Giàng / Tỉnh Hải Dương",
        5: "Xã Tân Việt / Huyện Bình Giang",
    }
