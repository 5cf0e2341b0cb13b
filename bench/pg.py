"""The PostgreSQL variant's server and data: ``$BENCH_PG_DSN``, or a throwaway local server like the tests'.

The township data set is copied from the SQLite file with COPY (the app's ``migrate-to`` goes through
peewee row by row and then re-verifies every hash chain: minutes at full size, for the same rows).
The schema is the app's own: ``open_database`` runs the migrations on the empty database first.
"""
from __future__ import annotations

import io
import os
import tempfile
import sqlite3
import time
from pathlib import Path

from pointsapp.db import close_database, open_database
from pointsapp.models import ALL_MODELS
from pointsapp.services.reports import kept_figures
from pointsapp.services.scoring import household_stars, household_years, ledger_months

DATABASE = "pointsapp_bench"


class PgPlace:
    """Where the PostgreSQL cases run; ``url`` is None (and ``reason`` says why) when no server can be had."""

    def __init__(self):
        self.url: str | None = None
        self.reason = ""
        self._server = None

    def start(self) -> "PgPlace":
        dsn = os.environ.get("BENCH_PG_DSN")
        if dsn:
            self.url = dsn
            return self
        from tests.pg_server import PgServer  # the tests' throwaway server: private port, trust auth, loopback

        # on disk like an office's server, not in memory as the tests' is: the durable-commit cases measure it
        self._server = PgServer(home=tempfile.gettempdir()).start()
        if not self._server.url:
            self.reason = self._server.reason
            return self
        self.url = self._server.create_database(DATABASE)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()


def _empty(url: str) -> None:
    """An existing server ($BENCH_PG_DSN) may hold an earlier run's tables: drop them, but only in a database
    whose name says it is the benchmark's (never someone's real data by a mistyped DSN)."""
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT current_database(), COUNT(*) FROM information_schema.tables "
                        "WHERE table_schema = 'public'")
            name, tables = cur.fetchone()
            if tables and "bench" not in name:
                raise SystemExit(f"BENCH_PG_DSN: database {name!r} has tables; use an empty database "
                                 "or one whose name contains 'bench' (it is emptied for each run)")
            cur.execute("DROP SCHEMA public CASCADE")
            cur.execute("CREATE SCHEMA public")
    finally:
        conn.close()


def load(sqlite_path: Path, url: str, log=print) -> float:
    """Create the app's schema in ``url`` and copy every table of ``sqlite_path`` into it. Returns seconds."""
    import psycopg2

    started = time.perf_counter()
    _empty(url)
    open_database(url)  # the app's migrations make the schema, triggers and indexes
    close_database()
    source = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            tables = [model._meta.table_name for model in ALL_MODELS]
            cur.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")  # rows the migrations made
            # bulk-load practice: indexes built once after the copy; foreign keys and triggers off meanwhile
            # (the rows come from a database that enforced them; the monthly sums are rebuilt below), which
            # needs a superuser: otherwise they stay on, slower but the same result
            cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cur.fetchone()[0]:
                cur.execute("SET LOCAL session_replication_role = replica")
            cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                        "AND indexname NOT IN (SELECT conname FROM pg_constraint)")
            indexes = cur.fetchall()
            for name, _definition in indexes:
                cur.execute(f'DROP INDEX "{name}"')
            for model in ALL_MODELS:
                _copy(source, cur, model, log)
            for _name, definition in indexes:
                cur.execute(definition)
            for model in ALL_MODELS:
                pk = model._meta.primary_key
                if getattr(pk, "field_type", "") == "AUTO":
                    cur.execute(f"SELECT setval(pg_get_serial_sequence('\"{model._meta.table_name}\"', "
                                f"'{pk.column_name}'), COALESCE((SELECT MAX(\"{pk.column_name}\") FROM "
                                f"\"{model._meta.table_name}\"), 0) + 1, false)")
        conn.commit()
        open_database(url)  # the copy ran with triggers off: the sums the triggers keep, summed once
        try:
            ledger_months.rebuild()
            household_years.rebuild()
            household_stars.rebuild()
            kept_figures.rebuild()
        finally:
            close_database()
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("VACUUM ANALYZE")  # fresh statistics, as a server's autovacuum would have by now
    finally:
        conn.close()
        source.close()
    seconds = time.perf_counter() - started
    log(f"loaded {sqlite_path.name} into PostgreSQL in {seconds:.1f} s")
    return seconds


def _field(value) -> str:
    """One CSV field for COPY: NULL unquoted and empty, text always quoted (so "" stays an empty string)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    if isinstance(value, bytes):
        return "\\x" + value.hex()
    return str(value)


def _copy(source: sqlite3.Connection, cur, model, log, chunk: int = 200_000) -> None:
    table = model._meta.table_name
    columns = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]
    names = ", ".join(f'"{c}"' for c in columns)
    # SQLite keeps text longer than a column's declared length, PostgreSQL refuses it: cut it there
    # (only audit_log.entity_id is, where the review service joins many entry ids; see BENCHMARKS.md)
    limits = {f.column_name: f.max_length for f in model._meta.sorted_fields if getattr(f, "max_length", None)}
    selected = ", ".join(f'substr("{c}", 1, {limits[c]})' if c in limits else f'"{c}"' for c in columns)
    cut = sum(source.execute(f'SELECT COUNT(*) FROM "{table}" WHERE length("{c}") > {n}').fetchone()[0]
              for c, n in limits.items())
    if cut:
        log(f"{table}: {cut} values longer than their column, cut for PostgreSQL")
    rows = source.execute(f'SELECT {selected} FROM "{table}"')
    while True:
        batch = rows.fetchmany(chunk)
        if not batch:
            break
        buffer = io.StringIO()
        buffer.writelines(",".join(map(_field, row)) + "\n" for row in batch)
        buffer.seek(0)
        cur.copy_expert(f'COPY "{table}" ({names}) FROM STDIN WITH (FORMAT csv)', buffer)
