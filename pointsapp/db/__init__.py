"""Database access: connection, migrations and stored settings."""
from pointsapp.db.connection import (
    close_database, cursor_date, describe, friendly_db_errors, is_postgres_url, is_sqlite, open_database,
    read_snapshot, resolve_target, write_transaction,
)

__all__ = [
    "close_database", "cursor_date", "describe", "friendly_db_errors", "is_postgres_url", "is_sqlite", "open_database",
    "read_snapshot", "resolve_target", "write_transaction",
]
