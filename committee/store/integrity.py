"""Is an SQLite file sound? SQLite's quick check, and the memory of files found sound.

`PRAGMA quick_check` reads every page of the file (about 0.15 s for the nation-scale
benchmark database of 54 MB), too much for the start of every command. So the files found
sound are remembered in the user's cache folder ($XDG_CACHE_HOME/bcd138, else
~/.cache/bcd138), each by its path with the identity of the file and of its -wal as the
operating system reports them (device, inode, size, modification and change times): any
change by anyone, a copy put in its place, a restored backup, makes the check run again.

bcd138's own writes change the file too. A database that was sound when opened and that
bcd138 wrote to is remembered again, as it is after bcd138 has closed it (see
`committee.store.database.Database.dispose`), so that a command after an import does not pay for
the check. The memory is a cache: when it cannot be read or written, the check just runs.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from committee.store.identity import sidecar

RECORDS_KEPT = 64  # the most recently checked files are remembered


DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def problems(connection: sqlite3.Connection) -> list[str]:
    """What `PRAGMA quick_check` finds wrong (SQLite's own words); empty when sound. Damage
    that stops the check itself is one problem."""
    try:
        rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as error:
        if (getattr(error, "sqlite_errorcode", 0) & 0xFF) not in DAMAGE_CODES:
            raise
        return [str(error)]
    return [] if rows == ["ok"] else rows


def records_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bcd138" / "sound-databases.json"


def file_state(path: Path) -> list[int]:
    """The file's and its -wal's identity and times; changed by any write or replacement."""
    state: list[int] = []
    for part in (path, sidecar(path, "-wal")):
        try:
            info = part.stat()
        except FileNotFoundError:
            state += [0] * 6
            continue
        state += [
            info.st_dev,
            info.st_ino,
            info.st_size,
            info.st_mtime_ns,
            info.st_ctime_ns,
            1,
        ]
    return state


def _load() -> dict[str, dict[str, object]]:
    try:
        records = json.loads(records_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return records if isinstance(records, dict) else {}


def _store(records: dict[str, dict[str, object]]) -> None:
    folder = records_path().parent
    newest = sorted(records.items(), key=lambda item: str(item[1].get("checked")), reverse=True)
    payload = json.dumps(dict(newest[:RECORDS_KEPT]), ensure_ascii=False, indent=1)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".sound-databases.", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(payload)
            os.replace(temporary, records_path())
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return  # a cache: without it the check runs next time


def known_sound(path: Path) -> bool:
    """True when `path` was found sound and has not changed since."""
    record = _load().get(str(path))
    return isinstance(record, dict) and record.get("state") == file_state(path)


def remember_sound(path: Path) -> None:
    records = _load()
    records[str(path)] = {
        "state": file_state(path),
        "checked": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    _store(records)


def forget(path: Path) -> None:
    records = _load()
    if records.pop(str(path), None) is not None:
        _store(records)
