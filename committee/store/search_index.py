"""People found by their folded name through the search index (migration 0005): those
whose name starts with the key first, in the key's byte order, then those holding it
elsewhere, in the order they were recorded. Each step reads an index and stops at the
limit, so a keystroke costs the same for a district as for four times the nation.

SQLite: the B-tree index on person.search_key, then the FTS5 trigram table person_search.
PostgreSQL: the index on search_key COLLATE "C", then the pg_trgm GIN index.
"""

from __future__ import annotations

from sqlalchemy import collate, select, text
from sqlmodel import Session

from committee.store.models import Person

_AFTER_EVERY_KEY = "\U0010ffff"  # sorts after every text that starts with the key
_BYTE_ORDER = {"sqlite": "BINARY", "postgresql": "C"}
TRIGRAM = 3  # the shortest text the trigram index can look up


def _escaped(key: str) -> str:
    return key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def people_matching(session: Session, key: str, limit: int) -> list[int]:
    """The ids of the people whose search_key holds `key` (already folded), those starting
    with it first; at most `limit`."""
    if not key or limit < 1:
        return []
    dialect = session.get_bind().dialect.name
    column = Person.search_key
    if dialect in _BYTE_ORDER:
        column = collate(Person.search_key, _BYTE_ORDER[dialect])  # type: ignore[assignment]
    starting = list(
        session.scalars(
            select(Person.id)
            .where(column >= key, column < key + _AFTER_EVERY_KEY)
            .order_by(column, Person.id)
            .limit(limit)
        )
    )
    if len(starting) >= limit:
        return starting
    wanted = limit + len(starting)  # those starting with the key are found again
    pattern = f"%{_escaped(key)}%"
    if dialect == "sqlite" and len(key) >= TRIGRAM:
        # the key as one phrase: the trigram index finds the names holding it (a LIKE with
        # an ESCAPE clause is not one FTS5 can answer from its index: it reads every name)
        inside = session.scalars(
            text("SELECT rowid FROM person_search WHERE person_search MATCH :phrase LIMIT :n"),
            {"phrase": '"' + key.replace('"', '""') + '"', "n": wanted},
        )
    elif dialect == "sqlite":  # one or two letters: read in order until enough are found
        inside = session.scalars(
            text(
                "SELECT rowid FROM person_search WHERE search_key LIKE :pattern ESCAPE '\\' "
                "LIMIT :n"
            ),
            {"pattern": pattern, "n": wanted},
        )
    else:
        inside = session.scalars(
            select(Person.id)
            .where(Person.search_key.like(pattern, escape="\\"))  # type: ignore[attr-defined]
            .order_by(Person.id)
            .limit(wanted)
        )
    seen = set(starting)
    found = list(starting)
    for person_id in inside:
        if person_id not in seen:
            seen.add(person_id)
            found.append(person_id)
            if len(found) >= limit:
                break
    return found
