"""The dashboard's figures kept by the database (migration 0016), proved and rebuilt: the month's sums per household
(``household_month``), the stars held per village and star (``village_stars``) and the lots on the shelf
(``lot_on_hand``).

Triggers keep each in step with its source inside every writing transaction; this module counts each afresh from
its source for ``check`` (:func:`month_differences`, :func:`star_differences`, :func:`lot_differences`: empty when
they agree), and makes them again where rows were loaded or copied with the triggers off (:func:`rebuild`; a bulk
load of the ledger: :func:`months_suspended`). The SQL is the migration's own (``kept_sums.migration``).
"""
from __future__ import annotations

from pointsapp.db.connection import is_sqlite
from pointsapp.db.sql import cursor_rows
from pointsapp.models import HouseholdMonth, LotOnHand, VillageStars, database
from pointsapp.services.scoring import kept_sums

MIGRATION = "0016_dashboard_figures.py"
MonthKey = tuple[int, str, int]  # village, "YYYY-MM", household


def _step():
    return kept_sums.migration(MIGRATION)


def _rows(sql: str) -> list[tuple]:
    return database.obj.execute_sql(sql).fetchall()


# --- household_month -----------------------------------------------------------------------------------------

def month_recount() -> dict[MonthKey, tuple[int, int, int, int]]:
    """``{(village, month, household): (points, awards, deductions, award entries)}`` summed from the ledger."""
    return {(v, m, h): (int(p), int(a), int(d), int(n))
            for v, m, h, p, a, d, n in _rows(_step().months_select_sql(is_sqlite()))}


def month_kept() -> dict[MonthKey, tuple[int, int, int, int]]:
    """The table as the triggers kept it, in the shape of :func:`month_recount`."""
    t = HouseholdMonth
    query = t.select(t.village_id, t.month, t.household_id, t.points, t.awards, t.deductions, t.award_entries)
    return {(v, m, h): (int(p), int(a), int(d), int(n)) for v, m, h, p, a, d, n in cursor_rows(query)}


def month_differences() -> list[tuple[MonthKey, tuple, tuple]]:
    """Where the kept monthly sums differ from the ledger: ``(key, kept, ledger)``."""
    return kept_sums.differences(month_kept(), month_recount(), (0, 0, 0, 0))


def months_suspended():
    """``household_month``'s triggers off for a bulk load of the ledger, its sums made once afterwards."""
    step = _step()
    return kept_sums.suspended(HouseholdMonth, MIGRATION, step.MONTH_TRIGGERS, step.apply_months)


# --- village_stars -------------------------------------------------------------------------------------------

def star_recount() -> dict[tuple[int, int], int]:
    """``{(village, star): active households holding it}`` counted from the awards."""
    return {(v, s): int(n) for v, s, n in _rows(_step().stars_select_sql())}


def star_kept() -> dict[tuple[int, int], int]:
    return {(v, s): int(n) for v, s, n in cursor_rows(
        VillageStars.select(VillageStars.village_id, VillageStars.star_id, VillageStars.households))}


def star_differences() -> list[tuple[tuple[int, int], int, int]]:
    """Where the kept counts differ from the awards: ``((village, star), kept, held)`` (a 0 equals no row)."""
    return kept_sums.differences(star_kept(), star_recount(), 0)


# --- lot_on_hand ---------------------------------------------------------------------------------------------

def lot_recount() -> dict[int, tuple[int, int]]:
    """``{stock-in: (product, on hand)}`` as ``shop.lots.lots_on_hand`` shares out each product's stock, in Python:
    the definition the kept table's SQL is proved against."""
    from pointsapp.services.shop.lots import lots_on_hand

    return {lot.move_id: (lot.product_id, lot.on_hand) for lot in lots_on_hand()}


def lot_kept() -> dict[int, tuple[int, int]]:
    return {m: (p, int(n)) for m, p, n in cursor_rows(
        LotOnHand.select(LotOnHand.move_id, LotOnHand.product_id, LotOnHand.on_hand))}


def lot_differences() -> list[tuple[int, tuple, tuple]]:
    """Where the kept lots differ from the stock shared out afresh: ``(stock-in, kept, shared out)``."""
    return kept_sums.differences(lot_kept(), lot_recount(), None)


# --- all three -----------------------------------------------------------------------------------------------

def rebuild() -> None:
    """Make all three again from their sources (one transaction), with the migration's own SQL."""
    step = _step()
    with database.obj.atomic():
        for model in (HouseholdMonth, VillageStars, LotOnHand):
            model.delete().execute()
        database.obj.execute_sql(step.months_rebuild_sql(is_sqlite()))
        database.obj.execute_sql(step.stars_rebuild_sql())
        database.obj.execute_sql(step.lots_rebuild_sql())
