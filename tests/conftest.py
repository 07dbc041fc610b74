"""Shared fixtures: a real SQLite file per test, with Hải Dương's units loaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from committee.store.database import Database
from committee.usecases.workspace import open_workspace

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "examples"


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The tests remember sound databases (committee.store.integrity) in their own cache folder,
    not the user's; subprocesses of the CLI inherit it."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_workspace(str(tmp_path / "bcd138.sqlite"))
    yield db
    db.dispose()


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    with database.session() as session:
        yield session


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per test run."""
    from committee.usecases import demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.build_demo_database(path).dispose()
    return path


@pytest.fixture
def demo_database(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database, free to change."""
    import shutil

    from committee.store.database import open_database

    path = tmp_path / "work.sqlite"
    shutil.copy(demo_file, path)
    db = open_database(str(path))
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def closed_database_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed bcd138 SQLite file (units and one decision in force), built once per run."""
    from .hostile import build_database

    return build_database(tmp_path_factory.mktemp("closed") / "bcd138.sqlite")


@pytest.fixture
def db_file(closed_database_file: Path, tmp_path: Path) -> Path:
    """A private copy of `closed_database_file`, free to damage."""
    import shutil

    return Path(shutil.copyfile(closed_database_file, tmp_path / "bcd138.sqlite"))
