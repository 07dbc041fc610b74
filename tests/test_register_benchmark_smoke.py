"""The shared-register benchmark runs end to end (a smoke run: 2 clerks for 2 s on SQLite,
no timing asserted), and its own checks of the register find nothing lost or duplicated."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_two_clerks_for_two_seconds_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    out = tmp_path / "register.json"
    arguments = ["--engine", "sqlite", "--clerks", "2", "--seconds", "2", "--json", str(out)]
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.register", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    figures = json.loads(out.read_text())["sqlite"]
    assert figures["failed_processes"] == 0 and figures["saves"] > 0
    checks = figures["checks_of_the_register"]
    assert checks["saves_told_done"] > 0
    for problem in (
        "lost_saves",
        "saves_in_audit_not_told",
        "versions_written_twice",
        "imports_missing",
        "imports_duplicated",
        "units_with_two_in_force",
    ):
        assert checks[problem] == 0, (problem, checks)
    assert checks["import_audit_entries"] == checks["imports_told_done"]
