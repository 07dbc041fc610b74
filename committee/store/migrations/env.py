"""Alembic environment: runs on the connection committee.store.database hands over."""

from alembic import context
from sqlmodel import SQLModel

from committee.store import models  # noqa: F401  (registers the tables)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("bcd138 migrations run through committee.store.database.migrate()")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite needs batch mode to alter tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
