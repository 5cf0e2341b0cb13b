"""The dashboard's figures of a whole month read from what the database keeps (migration 0016), not summed at each
show: the month's sums per household (``household_month``), the stars held per village and star
(``village_stars``, with ``household_stars``) and the lots on the shelf (``lot_on_hand``). Each gives what the
ledger-summing function of :mod:`dashboard` gives (the tests compare them), in a few hundred kept rows instead of
the month's ~12,000 entries, the current evaluations' ~14,000 awards and every stock-in.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from peewee import JOIN, Case, fn

from pointsapp.db.sql import cursor_rows
from pointsapp.models import (
    Group, Household, HouseholdMonth, HouseholdStars, LotOnHand, Product, Star, StockMove, Village, VillageStars,
)


def participation_by_group(month: str, village_ids: list[int]) -> list[tuple]:
    """``(village id, village, group id, group, active households, participating, earned)`` per group of the
    villages, for ``month`` ("2026-10"), as ``dashboard.participation_by_group`` sums them from the ledger: a
    household's entries of every village among ``village_ids`` count, a household taking part with one award entry.

    Three narrow reads folded here: the active households per group (an index holds them), the month's kept rows
    (one range per village) each with its household, and the rows of a household kept under another village of the
    scope (it moved in the month: few or none). Read together in one grouped join, 3,000 look-ups of a household's
    month took three times as long."""
    kept = HouseholdMonth
    active = (Household.village.in_(village_ids), Household.status == Household.STATUS_ACTIVE)
    counts = dict(cursor_rows(Household.select(Household.group, fn.COUNT(Household.id)).where(*active)
                              .group_by(Household.group)))
    # the month's rows first, each household found by its key (CROSS JOIN keeps that order on SQLite)
    at_home = (kept.select(Household.group, fn.SUM(Case(None, [(kept.award_entries > 0, 1)], 0)), fn.SUM(kept.points))
               .join(Household, JOIN.CROSS)
               .where(kept.village_id.in_(village_ids), kept.month == month, Household.id == kept.household_id,
                      Household.village == kept.village_id, *active)
               .group_by(Household.group))
    joined: dict[int, int] = defaultdict(int)
    earned: dict[int, int] = defaultdict(int)
    for group_id, participating, points in cursor_rows(at_home):
        joined[group_id], earned[group_id] = int(participating or 0), int(points or 0)
    own = kept.alias()
    strays = (kept.select(Household.id, Household.group, kept.points, kept.award_entries,
                          fn.COALESCE(own.award_entries, 0))
              .join(Household, JOIN.CROSS)
              .join(own, JOIN.LEFT_OUTER, on=((own.village_id == Household.village) & (own.month == kept.month)
                                              & (own.household_id == Household.id)))
              .where(kept.village_id.in_(village_ids), kept.month == month, Household.id == kept.household_id,
                     kept.village_id != Household.village, *active))
    elsewhere: dict[int, list] = {}  # household → [group, award entries elsewhere, award entries in its village]
    for household_id, group_id, points, entries, own_entries in cursor_rows(strays):
        earned[group_id] += int(points)
        found = elsewhere.setdefault(household_id, [group_id, 0, int(own_entries)])
        found[1] += int(entries)
    for group_id, entries, own_entries in elsewhere.values():
        if entries > 0 and own_entries <= 0:
            joined[group_id] += 1
    groups = (Group.select(Village.id, Village.name, Group.id, Group.name)
              .join(Village, on=(Group.village == Village.id))
              .where(Group.village.in_(village_ids))
              .order_by(Village.id, Group.sort_order, Group.name))
    return [(vid, vname, gid, gname, int(counts[gid]), joined[gid], earned[gid])
            for vid, vname, gid, gname in cursor_rows(groups) if gid in counts]


def award_totals(month: str, village_ids: list[int]) -> dict[int, tuple[int, int]]:
    """``{village_id: (awarded, deducted)}`` of ``month`` over every household (archived ones too), as
    ``dashboard.award_totals``."""
    kept = HouseholdMonth
    query = (kept.select(kept.village_id, fn.SUM(kept.awards), fn.SUM(kept.deductions))
             .where(kept.village_id.in_(village_ids), kept.month == month).group_by(kept.village_id))
    return {v: (int(a or 0), -int(d or 0)) for v, a, d in cursor_rows(query)}


def held_stars(village_ids: list[int]) -> tuple[list[tuple[str, int]], int]:
    """Stars held now by active households of the villages, per star name, and how many households hold any: as
    ``dashboard.held_stars``."""
    if not village_ids:
        return [], 0
    kept = VillageStars
    query = (kept.select(Star.name, fn.SUM(kept.households))
             .join(Star, on=(Star.id == kept.star_id))
             .where(kept.village_id.in_(village_ids), kept.households > 0)
             .group_by(Star.id, Star.name, Star.sort_order)
             .order_by(Star.sort_order, Star.name))
    per_star: dict[str, int] = {}
    for name, households in cursor_rows(query):  # a household holds a star name once, whichever village's star
        per_star[name] = per_star.get(name, 0) + int(households)
    if not per_star:
        return [], 0
    # household_stars counts the held awards of each household of its own village's current evaluation
    holders = (HouseholdStars.select(fn.COUNT(HouseholdStars.household_id))
               .join(Household, on=(Household.id == HouseholdStars.household_id))
               .where(Household.village.in_(village_ids), Household.status == Household.STATUS_ACTIVE,
                      HouseholdStars.stars > 0))
    return list(per_star.items()), int(cursor_rows(holders)[0][0] or 0)


def stock_lines(line) -> dict[int | None, object]:
    """village (None: products of no village) → the stock part of its ``liability.LiabilityLine`` now: units,
    their cost by the lots on hand, uncosted units (lots without a cost, and stock beyond its lots), donated units
    and cost — as ``liability._stock_lines`` shares out each product's stock (``line``: the line's class)."""
    lot, move = LotOnHand, StockMove
    cost = fn.COALESCE(move.unit_cost_fen, 0)
    donated = move.source == StockMove.SOURCE_DONATION
    query = (lot.select(Product.village, fn.SUM(lot.on_hand),
                        fn.SUM(Case(None, [(move.unit_cost_fen.is_null(), lot.on_hand)], 0)),
                        fn.SUM(lot.on_hand * cost), fn.SUM(Case(None, [(donated, lot.on_hand)], 0)),
                        fn.SUM(Case(None, [(donated, lot.on_hand * cost)], 0)))
             .join(move, on=(move.id == lot.move_id)).join(Product, on=(Product.id == lot.product_id))
             .group_by(Product.village))
    by_village = {v: [int(x or 0) for x in sums] for v, *sums in cursor_rows(query)}
    lines = {}
    stock = (Product.select(Product.village, fn.SUM(Product.stock)).where(Product.stock > 0)
             .group_by(Product.village))
    for village_id, units in cursor_rows(stock):
        allocated, uncosted, costed, donated_units, donated_cost = by_village.get(village_id, [0, 0, 0, 0, 0])
        units = int(units)
        lines[village_id] = line("", village_id, stock_units=units, stock_cost_fen=costed,
                                 uncosted_units=uncosted + units - allocated, donated_units=donated_units,
                                 donated_cost_fen=donated_cost)
    return lines


def shelf_counts(today: dt.date, days: int) -> dict[str, int]:
    """Lots on the shelf past their expiry date, and expiring within ``days``: as ``shop.lots.shelf_warnings``
    counts them (every product's)."""
    expires = StockMove.expires_on
    query = (LotOnHand.select(fn.SUM(Case(None, [(expires < today, 1)], 0)),
                              fn.SUM(Case(None, [((expires >= today) & (expires <= today + dt.timedelta(days=days)),
                                                  1)], 0)))
             .join(StockMove, on=(StockMove.id == LotOnHand.move_id)))
    expired, soon = cursor_rows(query)[0]
    return {"expired_lots": int(expired or 0), "expiring_lots": int(soon or 0)}
