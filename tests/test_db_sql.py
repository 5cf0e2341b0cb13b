"""db/sql.py: the one place statements are put in the parameter style, and the database's housekeeping helpers
(SQLite's checks, checkpoint and change counter; PostgreSQL's advisory lock), on both backends."""
from __future__ import annotations

import sqlite3

import psycopg2
import pytest

from pointsapp.db import is_sqlite
from pointsapp.db.sql import (
    built, cursor_rows, in_style, marks, pg_try_transaction_lock, sqlite_check, sqlite_checkpoint,
    sqlite_data_version, sqlite_foreign_key_problems,
)
from pointsapp.models import Setting, database


def test_a_statement_is_built_once_per_parameter_style(db):
    mark = "?" if is_sqlite() else "%s"
    template = "SELECT key, value FROM setting WHERE key IN ({marks}) AND value <> ?"
    first = in_style(template, marks=marks(2))
    assert first == f"SELECT key, value FROM setting WHERE key IN ({mark}, {mark}) AND value <> {mark}"
    assert in_style(template, marks=marks(2)) is first  # kept, not built again
    assert in_style(template, marks=marks(3)).count(mark) == 4
    assert built(template, marks=marks(1)) == in_style(template, marks=marks(1))
    Setting.insert(key="a", value="1").execute()
    Setting.insert(key="b", value="").execute()
    assert database.obj.execute_sql(first, ("a", "b", "")).fetchall() == [("a", "1")]


def test_cursor_rows_hands_back_the_query_rows_unconverted(db):
    Setting.insert(key="a", value="1").execute()
    assert cursor_rows(Setting.select(Setting.key, Setting.value).where(Setting.key == "a")) == [("a", "1")]


@pytest.mark.parametrize("backend", ["sqlite"])  # SQLite's PRAGMAs
def test_sqlite_housekeeping(db, backend, db_path):
    assert sqlite_check("integrity_check") == ["ok"] and sqlite_check("quick_check") == ["ok"]
    assert sqlite_foreign_key_problems() == []
    with pytest.raises(ValueError):
        sqlite_check("writable_schema")
    with pytest.raises(ValueError):
        sqlite_checkpoint("NOW")
    before = sqlite_data_version()
    other = sqlite3.connect(db_path)  # another station commits to the same file
    other.execute("INSERT INTO setting (key, value) VALUES ('from_elsewhere', 'x')")
    other.commit()
    other.close()
    assert sqlite_data_version() != before
    sqlite_checkpoint("TRUNCATE")
    assert db_path.with_name(db_path.name + "-wal").stat().st_size == 0


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])  # its advisory locks
def test_the_advisory_lock_is_refused_while_another_session_holds_it(db, backend, db_target):
    other = psycopg2.connect(db_target)
    try:
        with other.cursor() as cur:  # psycopg2 opens a transaction: the lock lasts until it ends
            cur.execute("SELECT pg_try_advisory_xact_lock(%s)", (4242,))
            assert cur.fetchone()[0] is True
        with database.obj.atomic():
            assert pg_try_transaction_lock(4242) is False
        other.rollback()  # the other session's transaction ends, and its lock with it
        with database.obj.atomic():
            assert pg_try_transaction_lock(4242) is True
            with other.cursor() as cur:
                cur.execute("SELECT pg_try_advisory_xact_lock(%s)", (4242,))
                assert cur.fetchone()[0] is False
    finally:
        other.close()
