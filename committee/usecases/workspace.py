"""Opening the working database ready for use (migrated, and holding a province's units),
and the Workspace an interface holds it as."""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlmodel import Session

from committee.store.database import Database, open_database
from committee.usecases.units import has_units, load_province


def open_workspace(db: str | None = None) -> Database:
    """Open the database named by --db / $BCD138_DB (default data/bcd138.sqlite).

    A database with no units yet gets the default province (Hải Dương) loaded.
    """
    database = open_database(db)
    try:
        with database.session() as session:  # a read: commands that only read never wait
            loaded = has_units(session)
        if not loaded:
            with database.transaction() as session:
                if not has_units(session):
                    load_province(session)
    except BaseException:
        database.dispose()
        raise
    return database


# The database a Workspace wraps, as `open_workspace` gives it: named here so that an
# interface holding a Workspace never imports the store.
WorkspaceDatabase = Database


class Workspace:
    """The working database as an interface holds it: sessions to read in and sessions to
    write in, handed to the use-cases. Driver and OS errors inside either come out as the
    clerk's typed errors (committee.domain.errors)."""

    def __init__(self, database: WorkspaceDatabase) -> None:
        self._database = database

    @classmethod
    def of(cls, database: Workspace | WorkspaceDatabase) -> Workspace:
        return database if isinstance(database, Workspace) else cls(database)

    @property
    def location(self) -> str:
        """How messages name the database: its file, or its URL without a password."""
        return self._database.location

    def read(self) -> AbstractContextManager[Session]:
        """A session for reading; nothing it does is committed."""
        return self._database.session()

    def write(self) -> AbstractContextManager[Session]:
        """A session whose work is committed as one whole when the block ends, or not at
        all when it raises."""
        return self._database.transaction()

    def close(self) -> None:
        self._database.dispose()
