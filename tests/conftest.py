"""Shared fixtures: a real SQLite file per test, with Hải Dương's units loaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from committee.database import Database
from committee.workspace import open_workspace

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "examples"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_workspace(str(tmp_path / "bcd138.sqlite"))
    yield db
    db.dispose()


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    with database.session() as session:
        yield session
