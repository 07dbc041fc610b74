"""Helpers for the tests of broken, foreign and hostile databases: the real CLI in a
subprocess, the exact check of its one-line refusals, fingerprints of a file and of the
-wal/-shm beside it, and running the CLI without the superuser's right to write anywhere."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

SIDECARS = ("-wal", "-shm", "-journal")
# Dropping these capabilities makes root obey file permissions like any user.
PRIVILEGES = "-dac_override,-dac_read_search,-fowner,-linux_immutable"


def without_privileges() -> list[str]:
    """A command prefix that runs a program unable to write what its permissions forbid."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot be tested")
    return [setpriv, f"--bounding-set={PRIVILEGES}", f"--inh-caps={PRIVILEGES}"]


def run_cli(
    *args: str,
    db: Path | str | None = None,
    prefix: Sequence[str] = (),
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    command = [*prefix, sys.executable, "-m", "committee.cli.app"]
    if db is not None:
        command += ["--db", str(db)]
    environment = {key: value for key, value in os.environ.items() if key != "BCD138_DB"}
    environment.update(env or {})
    return subprocess.run(
        command + list(args), capture_output=True, text=True, env=environment, timeout=timeout
    )


def assert_refused(
    result: subprocess.CompletedProcess[str], *fragments: str, printed_before: bool = False
) -> str:
    """The command failed as the clerk must see it: status 2, exactly one Vietnamese line on
    stderr (no traceback, no "Exception ignored"), naming `fragments`; nothing on stdout
    unless the command prints before it writes (`printed_before`: the import's preview)."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert printed_before or result.stdout == "", result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and result.stderr.endswith("\n"), result.stderr
    line = lines[0]
    assert line.startswith("Lỗi: "), line
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    return line


def fingerprint(path: Path) -> dict[str, str | None]:
    """SHA-256 of the file and of each journal file beside it (None when absent)."""
    prints: dict[str, str | None] = {}
    for suffix in ("", *SIDECARS):
        part = Path(f"{path}{suffix}")
        prints[suffix or "file"] = (
            hashlib.sha256(part.read_bytes()).hexdigest() if part.exists() else None
        )
    return prints


def copy_database(template: Path, path: Path) -> Path:
    """A private copy of a closed database file (no -wal: it was closed cleanly)."""
    shutil.copyfile(template, path)
    return path


def build_database(path: Path) -> Path:
    """A closed bcd138 database: Hải Dương's units and one imported decision in force."""
    from datetime import date

    from committee.usecases.importing import ImportOptions, prepare_import, store_import
    from committee.usecases.workspace import open_workspace

    from .conftest import EXAMPLES

    database = open_workspace(str(path))
    options = ImportOptions("294", regulation_number="01/QĐ-BCĐ", regulation_date=date(2023, 6, 20))
    with database.transaction() as session:
        roster = EXAMPLES / "roster-district-columns.xlsx"
        store_import(session, prepare_import(session, roster, options))
    database.dispose()
    assert not Path(f"{path}-wal").exists()
    return path
