"""The dashboard's hand-written SQL: its figures of a whole month, read from what the database keeps for them
(migration 0016) and from the ledger's covering index, for the 首页's first show (the benchmark's ``pages`` case,
3× a bare table: ~5 ms of SQL, which peewee's building of the same twenty statements doubled).

Statements are written with ``?`` and built per parameter style by ``db.sql.in_style`` (once per number of
villages); ``tests/test_raw_sql.py`` checks their columns against the models. Each function gives what its
peewee twin in ``dashboard`` / ``dashboard_reads`` gives (the tests compare them); everything else about the
reports is peewee.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pointsapp.db.sql import in_style, marks
from pointsapp.models import EntryStatus, Household, Redemption, StockMove, database

_GROUP_HOUSEHOLDS = (
    "SELECT v.id, v.name, g.id, g.name, c.n FROM (SELECT group_id, COUNT(*) AS n FROM household"
    " WHERE village_id IN ({villages}) AND status = ? GROUP BY group_id) c"
    " JOIN village_group g ON g.id = c.group_id JOIN village v ON v.id = g.village_id"
    " ORDER BY v.id, g.sort_order, g.name")
# the month's kept rows, each with its household (CROSS JOIN keeps that order on SQLite: one range per village)
_MONTH_AT_HOME = (
    "SELECT h.group_id, SUM(CASE WHEN m.award_entries > 0 THEN 1 ELSE 0 END), SUM(m.points)"
    " FROM household_month m CROSS JOIN household h WHERE m.village_id IN ({villages}) AND m.month = ?"
    " AND h.id = m.household_id AND h.village_id = m.village_id AND h.status = ? GROUP BY h.group_id")
_MONTH_ELSEWHERE = (
    "SELECT h.id, h.group_id, m.points, m.award_entries, COALESCE(o.award_entries, 0)"
    " FROM household_month m CROSS JOIN household h LEFT JOIN household_month o"
    " ON o.village_id = h.village_id AND o.month = m.month AND o.household_id = h.id"
    " WHERE m.village_id IN ({villages}) AND m.month = ? AND h.id = m.household_id"
    " AND h.village_id <> m.village_id AND h.village_id IN ({villages}) AND h.status = ?")
_MONTH_TOTALS = ("SELECT village_id, SUM(awards), SUM(deductions) FROM household_month"
                 " WHERE village_id IN ({villages}) AND month = ? GROUP BY village_id")
_STARS_HELD = ("SELECT s.name, SUM(k.households) FROM village_stars k JOIN star s ON s.id = k.star_id"
               " WHERE k.village_id IN ({villages}) AND k.households > 0"
               " GROUP BY s.id, s.name, s.sort_order ORDER BY s.sort_order, s.name")
_STAR_HOLDERS = ("SELECT COUNT(*) FROM household_stars k JOIN household h ON h.id = k.household_id"
                 " WHERE h.village_id IN ({villages}) AND h.status = ? AND k.stars > 0")
_AWAITING = ("SELECT h.group_id, COUNT(*) FROM ledger_entry e JOIN household h ON h.id = e.household_id"
             " WHERE e.village_id IN ({villages}) AND e.status IN (?, ?, ?) AND e.occurred_on BETWEEN ? AND ?"
             " GROUP BY h.group_id")
_LOTS = ("SELECT p.village_id, SUM(l.on_hand), SUM(CASE WHEN m.unit_cost_fen IS NULL THEN l.on_hand ELSE 0 END),"
         " SUM(l.on_hand * COALESCE(m.unit_cost_fen, 0)), SUM(CASE WHEN m.source = ? THEN l.on_hand ELSE 0 END),"
         " SUM(CASE WHEN m.source = ? THEN l.on_hand * COALESCE(m.unit_cost_fen, 0) ELSE 0 END),"
         " SUM(CASE WHEN m.expires_on < ? THEN 1 ELSE 0 END),"
         " SUM(CASE WHEN m.expires_on >= ? AND m.expires_on <= ? THEN 1 ELSE 0 END)"
         " FROM lot_on_hand l JOIN stock_move m ON m.id = l.move_id JOIN product p ON p.id = l.product_id"
         " GROUP BY p.village_id")
# each village's households' points today (the cached balances) less what is dated after the year-end cutoff
_POINTS_NOW = (
    "SELECT h.village_id, COUNT(b.household_id), SUM(b.available), SUM(CASE WHEN COALESCE(l.points, 0) <= 0"
    " THEN b.available WHEN b.available > COALESCE(l.points, 0) THEN b.available - COALESCE(l.points, 0) ELSE 0 END)"
    " FROM household_balance b JOIN household h ON h.id = b.household_id LEFT JOIN (SELECT household_id,"
    " SUM(points) AS points FROM ledger_entry WHERE village_id IN ({villages}) AND status = ? AND occurred_on > ?"
    " GROUP BY household_id) l ON l.household_id = b.household_id"
    " WHERE h.village_id IN ({villages}) AND b.available > 0 GROUP BY h.village_id")
_VILLAGE_IDS = "SELECT id FROM village ORDER BY id"
# "village + 0": the month's redemptions are found by time (its index), never household by household through every
# year's redemptions, whichever plan SQLite would guess without statistics
_REDEMPTIONS = ("SELECT h.village_id, COUNT(r.id), SUM(r.total_points) FROM redemption r"
                " JOIN household h ON h.id = r.household_id WHERE r.status = ? AND r.created_at >= ?"
                " AND r.created_at < ? AND (h.village_id + 0) IN ({villages}) GROUP BY h.village_id")
_LOW_STOCK = ("SELECT id, sku, name, stock, low_stock FROM product WHERE active = ? AND stock <= low_stock{village}"
              " ORDER BY stock, name")
_CATEGORIES = "SELECT id, code, name, sort_order FROM category WHERE village_id IN ({villages})"
_VILLAGE_PRICES = ("SELECT v.id, v.name, v.township_id, v.expiry_policy, p.point_price_fen FROM village v"
                   " LEFT JOIN shop_policy p ON p.village_id = v.id ORDER BY v.id")
_STOCK_UNITS = "SELECT village_id, SUM(stock) FROM product WHERE stock > 0 GROUP BY village_id"

ACTIVE = Household.STATUS_ACTIVE
AWAITING = (EntryStatus.ENTERED, EntryStatus.REVIEWED, EntryStatus.NOTICE)


def _rows(template: str, village_ids: Sequence[int], params: Sequence) -> list[tuple]:
    return database.obj.execute_sql(in_style(template, villages=marks(len(village_ids))), params).fetchall()


def group_households(village_ids: Sequence[int]) -> list[tuple[int, str, int, str, int]]:
    """``(village id, village, group id, group, active households)`` per group with any, in the page's order."""
    return _rows(_GROUP_HOUSEHOLDS, village_ids, [*village_ids, ACTIVE])


def month_at_home(month: str, village_ids: Sequence[int]) -> list[tuple[int, int, int]]:
    """``(group id, households taking part, earned points)`` of ``month``'s kept rows of active households under
    their own village."""
    return _rows(_MONTH_AT_HOME, village_ids, [*village_ids, month, ACTIVE])


def month_elsewhere(month: str, village_ids: Sequence[int]) -> list[tuple[int, int, int, int, int]]:
    """``(household, group, points, award entries, award entries under its own village)`` of the kept rows of
    active households of the villages kept under another of them (a household that moved in the month)."""
    return _rows(_MONTH_ELSEWHERE, village_ids, [*village_ids, month, *village_ids, ACTIVE])


def month_totals(month: str, village_ids: Sequence[int]) -> list[tuple[int, int, int]]:
    """``(village, awards, deductions)`` of ``month`` over every household (deductions negative)."""
    return _rows(_MONTH_TOTALS, village_ids, [*village_ids, month])


def stars_held(village_ids: Sequence[int]) -> list[tuple[str, int]]:
    """``(star name, households)`` per star of the villages held now, in the stars' order."""
    return _rows(_STARS_HELD, village_ids, list(village_ids))


def star_holders(village_ids: Sequence[int]) -> int:
    """Active households of the villages holding any star now."""
    return int(_rows(_STAR_HOLDERS, village_ids, [*village_ids, ACTIVE])[0][0] or 0)


def awaiting_by_group(start: dt.date, end: dt.date, village_ids: Sequence[int]) -> list[tuple[int, int]]:
    """``(group id, entries)`` dated ``start``–``end`` still on their way (awaiting review, reviewed, on notice)."""
    return _rows(_AWAITING, village_ids, [*village_ids, *AWAITING, start, end])


def lots(today: dt.date, warn_until: dt.date) -> list[tuple]:
    """Per village of the products (None: no village) the lots on the shelf: units, uncosted units, cost,
    donated units, donated cost, lots expired before ``today``, lots expiring by ``warn_until``."""
    donation = StockMove.SOURCE_DONATION
    return database.obj.execute_sql(in_style(_LOTS), [donation, donation, today, today, warn_until]).fetchall()


def stock_units() -> list[tuple[int | None, int]]:
    """``(village or None, units)`` of the products with stock."""
    return database.obj.execute_sql(in_style(_STOCK_UNITS)).fetchall()


def points_now(village_ids: Sequence[int], cutoff: dt.date) -> list[tuple[int, int, int, int]]:
    """``(village, households with points, their points, what of them is dated up to ``cutoff``)`` today, from the
    cached balances (``liability._points_now``)."""
    return _rows(_POINTS_NOW, village_ids, [*village_ids, EntryStatus.EFFECTIVE, cutoff, *village_ids])


def village_ids() -> list[int]:
    """Every village's id, in id order (the township's scope)."""
    return [v for (v,) in database.obj.execute_sql(in_style(_VILLAGE_IDS)).fetchall()]


def redemptions(start: dt.datetime, end: dt.datetime, village_ids: Sequence[int]) -> list[tuple[int, int, int]]:
    """``(village, redemptions, points)`` of the done (not voided) redemptions made from ``start`` to before
    ``end`` by the villages' households."""
    return _rows(_REDEMPTIONS, village_ids, [Redemption.STATUS_DONE, start, end, *village_ids])


def low_stock(village_id: int | None) -> list[tuple[int, str, str, int, int]]:
    """``(product, sku, name, stock, low-stock level)`` of the active products at or below their level, the
    lowest first (a village's own and the shared ones; every product's for the township)."""
    if village_id is None:
        return database.obj.execute_sql(in_style(_LOW_STOCK, village=""), [True]).fetchall()
    return database.obj.execute_sql(in_style(_LOW_STOCK, village=" AND (village_id IS NULL OR village_id = ?)"),
                                    [True, village_id]).fetchall()


def categories(village_ids: Sequence[int]) -> list[tuple[int, str, str, int]]:
    """``(category, code, name, sort order)`` of the villages' categories."""
    return _rows(_CATEGORIES, village_ids, list(village_ids))


def village_prices() -> list[tuple[int, str, int | None, str, int | None]]:
    """``(village, name, township, expiry policy, price of a point in fen or None)`` of every village, by id."""
    return database.obj.execute_sql(in_style(_VILLAGE_PRICES)).fetchall()
