"""Monthly sums of effective earned points per village and category, kept by the database (migration 0005).

The triggers keep ``ledger_month`` in step with the ledger inside each writing transaction; this
module reads it, and rebuilds it where rows were loaded with the triggers off (a bulk load or copy).
"""
from __future__ import annotations

from pointsapp.db.connection import is_sqlite
from pointsapp.models import database
from pointsapp.models.ledger import LedgerMonth
from pointsapp.services.scoring import kept_sums

TRIGGERS = ("ledger_month_on_insert", "ledger_month_on_effective")
MIGRATION = "0005_dashboard_summaries.py"


def sums(village_ids: list[int], first_month: str, last_month: str) -> list[tuple[int, str, int]]:
    """``(category_id, "YYYY-MM", points)`` for the villages and months (inclusive), one row per pair."""
    query = (LedgerMonth.select(LedgerMonth.category_id, LedgerMonth.month, LedgerMonth.points)
             .where(LedgerMonth.village_id.in_(village_ids), LedgerMonth.month.between(first_month, last_month))
             .tuples())
    return [(c, m, int(p)) for c, m, p in query]


def recount() -> dict[tuple[int, int, str], int]:
    """``{(village_id, category_id, "YYYY-MM"): points}`` summed from the ledger itself, with the migration's SQL."""
    select = kept_sums.migration(MIGRATION).rebuild_sql(is_sqlite()).split(") SELECT ", 1)[1]
    return {(v, c, m): int(p) for v, c, m, p in database.obj.execute_sql("SELECT " + select).fetchall()}


def differences() -> list[tuple[tuple[int, int, str], int, int]]:
    """Where the kept sums differ from the ledger: ``(key, kept, ledger)``; empty when they agree."""
    kept = {(v, c, m): int(p) for v, c, m, p in LedgerMonth.select(
        LedgerMonth.village_id, LedgerMonth.category_id, LedgerMonth.month, LedgerMonth.points).tuples()}
    return kept_sums.differences(kept, recount(), 0)


def rebuild() -> None:
    """Sum the whole ledger again (one transaction), with the migration's own SQL."""
    kept_sums.rebuild(LedgerMonth, MIGRATION)


def suspended():
    """``ledger_month``'s triggers off for a bulk load, its sums made once afterwards."""
    return kept_sums.suspended(LedgerMonth, MIGRATION, TRIGGERS, kept_sums.migration(MIGRATION).apply)
