"""Opening the working database ready for use: migrated, and holding a province's units."""

from __future__ import annotations

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
