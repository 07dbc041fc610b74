"""An index on people's folded names, so that search stays fast at any size.

Search finds the people whose folded name (person.search_key: no diacritics, lower case)
holds what is typed. A scan of every person took 64 ms a keystroke at 4× the nation. Two
indexes answer it instead (committee.store.search_index):
- names that start with the text: the B-tree index on search_key read in byte order
  (SQLite's own index; on PostgreSQL one on search_key COLLATE "C", added here);
- names that hold it elsewhere: trigrams. On SQLite an FTS5 table with the trigram
  tokenizer over person.search_key (external content: it stores only the index), kept in
  step with person by triggers on insert, update and delete; on PostgreSQL a GIN index
  with pg_trgm's gin_trgm_ops (the extension is created if absent; it is a trusted one).
Existing databases get the index filled from the people they hold. Identity is untouched:
the index serves search only ("Hùng" and "Hưng" stay two people).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_SQLITE_UP = [
    "CREATE VIRTUAL TABLE person_search USING fts5("
    "search_key, content='person', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN "
    "INSERT INTO person_search (rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN "
    "INSERT INTO person_search (person_search, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER person_search_update AFTER UPDATE OF search_key ON person BEGIN "
    "INSERT INTO person_search (person_search, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); "
    "INSERT INTO person_search (rowid, search_key) VALUES (new.id, new.search_key); END",
    "INSERT INTO person_search (person_search) VALUES ('rebuild')",
]
_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS person_search_update",
    "DROP TRIGGER IF EXISTS person_search_delete",
    "DROP TRIGGER IF EXISTS person_search_insert",
    "DROP TABLE IF EXISTS person_search",
]
_POSTGRESQL_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_person_search_key_trigrams ON person USING gin (search_key gin_trgm_ops)",
    'CREATE INDEX ix_person_search_key_bytes ON person (search_key COLLATE "C")',
]
_POSTGRESQL_DOWN = [
    "DROP INDEX IF EXISTS ix_person_search_key_bytes",
    "DROP INDEX IF EXISTS ix_person_search_key_trigrams",
]


def _run(statements: dict[str, list[str]]) -> None:
    for statement in statements.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def upgrade() -> None:
    _run({"sqlite": _SQLITE_UP, "postgresql": _POSTGRESQL_UP})


def downgrade() -> None:
    _run({"sqlite": _SQLITE_DOWN, "postgresql": _POSTGRESQL_DOWN})
