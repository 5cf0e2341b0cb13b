"""The dashboard's figures of a whole month read from what the database keeps (migration 0016), not summed at each
show: the month's sums per household (``household_month``), the stars held per village and star
(``village_stars``, with ``household_stars``) and the lots on the shelf (``lot_on_hand``). Each gives what the
ledger-summing function of :mod:`dashboard` gives (the tests compare them), in a few hundred kept rows instead of
the month's ~12,000 entries, the current evaluations' ~14,000 awards and every stock-in. The statements are
:mod:`reports.sql`'s.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pointsapp import clock
from pointsapp.services.reports import sql


def participation_by_group(month: str, village_ids: list[int]) -> list[tuple]:
    """``(village id, village, group id, group, active households, participating, earned)`` per group of the
    villages, for ``month`` ("2026-10"), as ``dashboard.participation_by_group`` sums them from the ledger: a
    household's entries of every village among ``village_ids`` count, a household taking part with one award entry.

    Three narrow reads folded here: the active households per group (an index holds them), the month's kept rows
    (one range per village) each with its household, and the rows of a household kept under another village of the
    scope (it moved in the month: few or none). Read together in one grouped join, 3,000 look-ups of a household's
    month took three times as long."""
    if not village_ids:
        return []
    joined: dict[int, int] = defaultdict(int)
    earned: dict[int, int] = defaultdict(int)
    for group_id, participating, points in sql.month_at_home(month, village_ids):
        joined[group_id], earned[group_id] = int(participating or 0), int(points or 0)
    elsewhere: dict[int, list] = {}  # household → [group, award entries elsewhere, award entries in its village]
    for household_id, group_id, points, entries, own_entries in sql.month_elsewhere(month, village_ids):
        earned[group_id] += int(points)
        found = elsewhere.setdefault(household_id, [group_id, 0, int(own_entries)])
        found[1] += int(entries)
    for group_id, entries, own_entries in elsewhere.values():
        if entries > 0 and own_entries <= 0:
            joined[group_id] += 1
    return [(vid, vname, gid, gname, int(n), joined[gid], earned[gid])
            for vid, vname, gid, gname, n in sql.group_households(village_ids)]


def award_totals(month: str, village_ids: list[int]) -> dict[int, tuple[int, int]]:
    """``{village_id: (awarded, deducted)}`` of ``month`` over every household (archived ones too), as
    ``dashboard.award_totals``."""
    if not village_ids:
        return {}
    return {v: (int(a or 0), -int(d or 0)) for v, a, d in sql.month_totals(month, village_ids)}


def held_stars(village_ids: list[int]) -> tuple[list[tuple[str, int]], int]:
    """Stars held now by active households of the villages, per star name, and how many households hold any: as
    ``dashboard.held_stars``."""
    if not village_ids:
        return [], 0
    per_star: dict[str, int] = {}
    for name, households in sql.stars_held(village_ids):  # a household holds a star name once, whichever village's
        per_star[name] = per_star.get(name, 0) + int(households)
    if not per_star:
        return [], 0
    # household_stars counts the held awards of each household of its own village's current evaluation
    return list(per_star.items()), sql.star_holders(village_ids)


def awaiting_by_group(start: dt.date, end: dt.date, village_ids: list[int]) -> dict[int, int]:
    """``{group_id: entries}`` dated ``start``–``end`` still on their way: as ``dashboard.awaiting_by_group``."""
    if not village_ids:
        return {}
    return {gid: int(n) for gid, n in sql.awaiting_by_group(start, end, village_ids)}


def stock_and_shelf(line, today: dt.date, days: int) -> tuple[dict, dict[str, int]]:
    """The stock part of each ``liability.LiabilityLine`` now (``line``: its class), per village (None: products of
    no village): units, their cost by the lots on hand, uncosted units (lots without a cost, and stock beyond its
    lots), donated units and cost — as ``liability._stock_lines`` shares out each product's stock; and the lots on
    the shelf past their expiry date or expiring within ``days``, as ``shop.lots.shelf_warnings`` counts them
    (every product's). One read of the kept lots for both."""
    by_village, expired, soon = {}, 0, 0
    for village_id, allocated, uncosted, cost, donated, donated_cost, past, near in sql.lots(
            today, today + dt.timedelta(days=days)):
        by_village[village_id] = [int(allocated or 0), int(uncosted or 0), int(cost or 0), int(donated or 0),
                                  int(donated_cost or 0)]
        expired, soon = expired + int(past or 0), soon + int(near or 0)
    lines = {}
    for village_id, units in sql.stock_units():
        allocated, uncosted, cost, donated, donated_cost = by_village.get(village_id, [0, 0, 0, 0, 0])
        units = int(units)
        lines[village_id] = line("", village_id, stock_units=units, stock_cost_fen=cost,
                                 uncosted_units=uncosted + units - allocated, donated_units=donated,
                                 donated_cost_fen=donated_cost)
    return lines, {"expired_lots": expired, "expiring_lots": soon}


def stock_lines(line) -> dict:
    """The stock part of each line now (see :func:`stock_and_shelf`)."""
    return stock_and_shelf(line, clock.today(), 0)[0]


def shelf_counts(today: dt.date, days: int) -> dict[str, int]:
    """Lots on the shelf expired and expiring within ``days`` (see :func:`stock_and_shelf`)."""
    return stock_and_shelf(lambda *a, **k: None, today, days)[1]
