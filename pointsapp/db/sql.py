"""Raw SQL plumbing shared by the few modules that keep hand-written statements, and the database's housekeeping.

The statements over the models' tables live in one module per subject (``services/scoring/sql.py``,
``services/register/sql.py``, ``services/shop/redemption_sql.py``, ``services/audit.py``,
``services/signing/writes.py``; ``tests/test_raw_sql.py`` keeps it so). They are written with ``?`` marks and
built for the open database's parameter style (SQLite ``?``, psycopg2 ``%s``) once, here: one cache for all.

Below them, what is about the database rather than the models' columns: SQLite's checks and checkpoints, its
change counter, PostgreSQL's advisory locks.
"""
from __future__ import annotations

from pointsapp.models import database

_built: dict[tuple, str] = {}


def in_style(template: str, **parts: str) -> str:
    """``template`` (``?`` marks; ``{name}`` holes filled from ``parts``) in the open database's parameter
    style, built on first use and kept: the till's statements are built once, not on every scan."""
    param = database.obj.param
    key = (param, template, *parts.items()) if parts else (param, template)
    found = _built.get(key)
    if found is None:
        found = _built[key] = (template.format(**parts) if parts else template).replace("?", param)
    return found


def built(template: str, **parts: str) -> str:
    """``in_style`` without keeping the result: for a statement whose holes vary too much to keep (a multi-row
    insert of any size)."""
    return template.format(**parts).replace("?", database.obj.param)


def marks(count: int) -> str:
    """``?, ?, …``: the marks of an ``IN (…)`` list of ``count`` values (for a ``{name}`` hole of ``in_style``)."""
    return ", ".join(["?"] * count)


def cursor_rows(query) -> list[tuple]:
    """A peewee query's rows as plain tuples straight from the cursor: no per-value conversion (SQLite's dates
    stay text; ``db.cursor_date`` reads them), which costs more than a grouped query itself on a township."""
    sql, params = query.sql()
    return database.obj.execute_sql(sql, params).fetchall()


# ---- housekeeping: the database file and its locks, not the models' columns ------------------------------

def sqlite_check(kind: str = "integrity_check") -> list[str]:
    """SQLite's own check of the file (``integrity_check`` or the faster ``quick_check``): ``["ok"]`` or the
    problems found."""
    if kind not in ("integrity_check", "quick_check"):
        raise ValueError(kind)
    return [row[0] for row in database.obj.execute_sql(f"PRAGMA {kind}").fetchall()]


def sqlite_foreign_key_problems() -> list[tuple]:
    """``(table, rowid, referenced table, …)`` of every row whose foreign key names a missing row."""
    return database.obj.execute_sql("PRAGMA foreign_key_check").fetchall()


def sqlite_checkpoint(mode: str = "PASSIVE") -> None:
    """Copy the write-ahead log into the database file (``PASSIVE``: as far as readers allow; ``TRUNCATE``:
    all of it, and empty the log)."""
    if mode not in ("PASSIVE", "FULL", "RESTART", "TRUNCATE"):
        raise ValueError(mode)
    database.obj.execute_sql(f"PRAGMA wal_checkpoint({mode})")


def sqlite_data_version() -> int:
    """SQLite's counter of commits by other connections to the file (moves when another station writes)."""
    return database.obj.execute_sql("PRAGMA data_version").fetchone()[0]


def pg_try_transaction_lock(key: int) -> bool:
    """PostgreSQL: take the advisory lock ``key`` until the transaction ends, without waiting; False when
    another session holds it."""
    (got,) = database.obj.execute_sql("SELECT pg_try_advisory_xact_lock(%s)", (key,)).fetchone()
    return bool(got)
