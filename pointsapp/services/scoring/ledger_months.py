"""Monthly sums of effective earned points per village and category, kept by the database (migration 0005).

The triggers keep ``ledger_month`` in step with the ledger inside each writing transaction; this
module reads it, and rebuilds it where rows were loaded with the triggers off (a bulk load or copy).
"""
from __future__ import annotations

import importlib.util
from contextlib import contextmanager

from pointsapp.db.connection import is_sqlite
from pointsapp.models import database
from pointsapp.models.ledger import LedgerMonth
from pointsapp.paths import migrations_dir

TRIGGERS = ("ledger_month_on_insert", "ledger_month_on_effective")


def sums(village_ids: list[int], first_month: str, last_month: str) -> list[tuple[int, str, int]]:
    """``(category_id, "YYYY-MM", points)`` for the villages and months (inclusive), one row per pair."""
    query = (LedgerMonth.select(LedgerMonth.category_id, LedgerMonth.month, LedgerMonth.points)
             .where(LedgerMonth.village_id.in_(village_ids), LedgerMonth.month.between(first_month, last_month))
             .tuples())
    return [(c, m, int(p)) for c, m, p in query]


def recount() -> dict[tuple[int, int, str], int]:
    """``{(village_id, category_id, "YYYY-MM"): points}`` summed from the ledger itself, with the migration's SQL."""
    select = _migration().rebuild_sql(is_sqlite()).split(") SELECT ", 1)[1]
    return {(v, c, m): int(p) for v, c, m, p in database.obj.execute_sql("SELECT " + select).fetchall()}


def differences() -> list[tuple[tuple[int, int, str], int, int]]:
    """Where the kept sums differ from the ledger: ``(key, kept, ledger)``; empty when they agree."""
    truth = recount()
    kept = {(v, c, m): int(p) for v, c, m, p in LedgerMonth.select(
        LedgerMonth.village_id, LedgerMonth.category_id, LedgerMonth.month, LedgerMonth.points).tuples()}
    return [(key, kept.get(key, 0), truth.get(key, 0)) for key in sorted(kept.keys() | truth.keys())
            if kept.get(key, 0) != truth.get(key, 0)]


def _migration():
    spec = importlib.util.spec_from_file_location("pointsapp_migration_0005", migrations_dir() /
                                                  "0005_dashboard_summaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rebuild() -> None:
    """Sum the whole ledger again (one transaction), with the migration's own SQL."""
    with database.obj.atomic():
        LedgerMonth.delete().execute()
        database.obj.execute_sql(_migration().rebuild_sql(is_sqlite()))


@contextmanager
def suspended():
    """A bulk load of millions of ledger rows into a database nobody else uses (the benchmark's data set):
    the triggers are off meanwhile and the sums are made once afterwards, by one grouped query instead of
    an upsert per row. The triggers come back (and the sums are rebuilt) even if the load fails."""
    db = database.obj
    for name in TRIGGERS:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}" + ("" if is_sqlite() else " ON ledger_entry"))
    try:
        yield
    finally:
        with db.atomic():
            LedgerMonth.delete().execute()
            _migration().apply(db)  # triggers, and the sums of everything loaded
