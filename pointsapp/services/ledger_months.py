"""Monthly sums of effective earned points per village and category, kept by the database (migration 0004).

The triggers keep ``ledger_month`` in step with the ledger inside each writing transaction; this
module reads it, and rebuilds it where rows were loaded with triggers switched off (a bulk copy).
"""
from __future__ import annotations

import importlib.util

from pointsapp.db.connection import is_sqlite
from pointsapp.paths import migrations_dir
from pointsapp.models import database
from pointsapp.models.ledger import LedgerMonth


def sums(village_ids: list[int], first_month: str, last_month: str) -> list[tuple[int, str, int]]:
    """``(category_id, "YYYY-MM", points)`` for the villages and months (inclusive), one row per pair."""
    query = (LedgerMonth.select(LedgerMonth.category_id, LedgerMonth.month, LedgerMonth.points)
             .where(LedgerMonth.village_id.in_(village_ids), LedgerMonth.month.between(first_month, last_month))
             .tuples())
    return [(c, m, int(p)) for c, m, p in query]


def rebuild() -> None:
    """Sum the whole ledger again (one transaction), with the migration's own SQL."""
    path = migrations_dir() / "0004_dashboard_summaries.py"
    spec = importlib.util.spec_from_file_location("pointsapp_migration_0004", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with database.obj.atomic():
        LedgerMonth.delete().execute()
        database.obj.execute_sql(module.rebuild_sql(is_sqlite()))
