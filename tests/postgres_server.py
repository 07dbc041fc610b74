"""A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder,
reachable only through a Unix socket in that folder (no TCP), stopped afterwards."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PORT = 54138


def _binaries() -> Path | None:
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def why_unavailable() -> str | None:
    """None when a server can be started here, else the reason."""
    if _binaries() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the psycopg driver is not installed (test extra)"
    return None


def _run(*command: str) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + list(command), check=True, capture_output=True, timeout=120)


@contextmanager
def postgres_url() -> Iterator[str]:
    """Start a server; yield a SQLAlchemy URL to its `postgres` database."""
    binaries = _binaries()
    assert binaries is not None
    folder = Path(tempfile.mkdtemp(prefix="bcd138-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    try:
        _run(
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "bcd138",
            "-E",
            "UTF8",
            "--no-sync",
        )
        options = f"-k {folder} -p {PORT} -c listen_addresses='' -c fsync=off"
        _run(
            str(binaries / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "-l",
            str(folder / "server.log"),
            "start",
        )
        try:
            yield f"postgresql+psycopg://bcd138@/postgres?host={folder}&port={PORT}"
        finally:
            _run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
