"""Storage: the ORM models, the database (SQLite or PostgreSQL), its errors, integrity,
locks and migrations."""
