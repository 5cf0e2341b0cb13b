"""Yearly sums of effective earned points per household and category, kept by the database (migration 0015).

The triggers keep ``household_year`` in step with the ledger inside each writing transaction; this module reads
it for the ranking of a whole year (:func:`sums`), proves it equal to the ledger for ``check``
(:func:`differences`), and rebuilds it where rows were loaded with the triggers off (a bulk load or copy).
"""
from __future__ import annotations

from peewee import fn

from pointsapp.db.connection import is_sqlite
from pointsapp.db.sql import cursor_rows
from pointsapp.models import Category, HouseholdYear, database
from pointsapp.services.scoring import kept_sums
from pointsapp.services.scoring import sql as scoring_sql

Key = tuple[int, int, int, int]  # village, year, household, category (0: none)
MIGRATION = "0015_ranking_sums.py"


def sums(year: int, village_ids: list[int], columns: list[list[int]],
         only: list[int] | None = None) -> dict[int, list[int]]:
    """household id → ``[c0, c1, …, awards, deductions]`` for the whole ``year``, as ``rankings.household_sums``
    gives them from the ledger: the points of the category ids of ``columns[i]``, then the awards and the
    deductions (negative), net of their reversals; ``only``: the category ids to count at all.

    SQLite folds them village by village in key order (:func:`scoring.sql.kept_year_sums`); PostgreSQL in one
    grouped statement, one row per household crossing the network."""
    if not is_sqlite():
        kept = HouseholdYear
        where = [kept.village_id.in_(village_ids), kept.year == year]
        if only is not None:
            where.append(kept.category_id.in_(only))
        query = (kept.select(kept.household_id,
                             *[fn.SUM(kept.points).filter(kept.category_id.in_(ids)) for ids in columns],
                             fn.SUM(kept.awards), fn.SUM(kept.deductions))
                 .where(*where).group_by(kept.household_id))
        return {household: [int(v or 0) for v in found] for household, *found in cursor_rows(query)}
    # each village's own categories of each column (a ledger entry's category is its village's)
    village_of = dict(cursor_rows(Category.select(Category.id, Category.village)
                                  .where(Category.id.in_([i for ids in columns for i in ids]))))
    village_columns: dict[int, list[list[int]]] = {v: [[] for _ids in columns] for v in village_ids}
    for i, ids in enumerate(columns):
        for category_id in ids:
            if village_of.get(category_id) in village_columns:
                village_columns[village_of[category_id]][i].append(category_id)
    found: dict[int, list[int]] = {}
    for household, *sums in scoring_sql.kept_year_sums(year, village_columns, only):
        row = found.get(household)
        if row is None:
            found[household] = sums
        else:  # a household that moved village: its entries of each village
            found[household] = [a + b for a, b in zip(row, sums)]
    return found


def recount() -> dict[Key, tuple[int, int, int]]:
    """``{(village, year, household, category): (points, awards, deductions)}`` summed from the ledger itself, with
    the migration's SQL."""
    rows = database.obj.execute_sql(kept_sums.migration(MIGRATION).select_sql(is_sqlite())).fetchall()
    return {(v, y, h, c): (int(p), int(a), int(d)) for v, y, h, c, p, a, d in rows}


def kept() -> dict[Key, tuple[int, int, int]]:
    """The table as the triggers kept it, in the shape of :func:`recount`."""
    t = HouseholdYear
    query = t.select(t.village_id, t.year, t.household_id, t.category_id, t.points, t.awards, t.deductions)
    return {(v, y, h, c): (int(p), int(a), int(d)) for v, y, h, c, p, a, d in cursor_rows(query)}


def differences() -> list[tuple[Key, tuple[int, int, int], tuple[int, int, int]]]:
    """Where the kept sums differ from the ledger: ``(key, kept, ledger)``; empty when they agree."""
    return kept_sums.differences(kept(), recount(), (0, 0, 0))


def rebuild() -> None:
    """Sum the whole ledger again (one transaction), with the migration's own SQL."""
    kept_sums.rebuild(HouseholdYear, MIGRATION)


def suspended():
    """``household_year``'s triggers off for a bulk load, its sums made once afterwards (the held stars' stay)."""
    step = kept_sums.migration(MIGRATION)
    return kept_sums.suspended(HouseholdYear, MIGRATION, step.TRIGGERS, step.apply_years)
