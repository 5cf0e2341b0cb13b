"""Monthly sums of effective earned points per village and category, kept by the database (migration 0004).

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


def _migration():
    spec = importlib.util.spec_from_file_location("pointsapp_migration_0004", migrations_dir() /
                                                  "0004_dashboard_summaries.py")
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
