"""Where a case runs: the SQLite file or a PostgreSQL database, and the raw driver connection its baseline uses."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Backend:
    name: str  # "SQLite" or "PostgreSQL": the JSON's "backend"
    target: str  # what pointsapp.db.open_database takes: a file path or a postgresql:// URL

    @property
    def is_postgres(self) -> bool:
        return self.name == "PostgreSQL"

    @property
    def suffix(self) -> str:
        """Appended to case names, so the two backends' figures never share a name."""
        return " [PostgreSQL]" if self.is_postgres else ""

    def server_version(self) -> str:
        conn = self.raw()
        try:
            sql = "SHOW server_version" if self.is_postgres else "SELECT sqlite_version()"
            return str(conn.execute(sql).fetchone()[0])
        finally:
            conn.close()

    def raw(self) -> "RawConnection":
        """The baseline's connection: the bare driver, autocommit, durable commits like the app's."""
        if self.is_postgres:
            import psycopg2

            conn = psycopg2.connect(self.target)
            conn.autocommit = True
            return RawConnection(conn, postgres=True)
        return RawConnection(sqlite_raw(Path(self.target)), postgres=False)


def sqlite_raw(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=full")
    return conn


class RawConnection:
    """One small face over sqlite3 and psycopg2: ``?`` placeholders, execute → cursor, bulk insert."""

    def __init__(self, conn, *, postgres: bool):
        self.conn, self.postgres = conn, postgres
        self._cursor = conn.cursor() if postgres else None

    def sql(self, text: str) -> str:
        return text.replace("?", "%s") if self.postgres else text

    def execute(self, text: str, params=()):
        if not self.postgres:
            return self.conn.execute(text, params)
        self._cursor.execute(self.sql(text), params)
        return self._cursor

    def begin(self) -> None:
        self.execute("BEGIN" if self.postgres else "BEGIN IMMEDIATE")

    def insert_returning_id(self, text: str, params) -> int:
        if self.postgres:
            return self.execute(text + " RETURNING id", params).fetchone()[0]
        return self.conn.execute(text, params).lastrowid

    def insert_many(self, table_and_columns: str, rows: list[tuple]) -> None:
        """Each driver's fastest plain bulk insert: executemany on SQLite, execute_values on PostgreSQL."""
        if self.postgres:
            from psycopg2.extras import execute_values

            execute_values(self._cursor, f"INSERT INTO {table_and_columns} VALUES %s", rows, page_size=1000)
        else:
            marks = ",".join("?" * len(rows[0]))
            self.conn.executemany(f"INSERT INTO {table_and_columns} VALUES ({marks})", rows)

    def close(self) -> None:
        self.conn.close()


def signed_in_admin():
    """The demo's administrator, signed in as at the window: its signing key unlocked, so the cases' writes are
    signed as the program signs them (the baselines write bare rows)."""
    from pointsapp.demo.step_passwords import ADMIN_PASSWORD
    from pointsapp.services.ops import users

    return users.sign_in("admin", ADMIN_PASSWORD).actor
