"""排行榜: earned points per household for a period, by village or group, with per-category columns.

One grouped query over the covering index on ``ledger_entry``; ties are ranked as the
domain document says: same total → fewer deductions first → more awards → household
number, and households still equal share a rank.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from peewee import Case, fn

from pointsapp.models import (
    Category, EntryKind, EntryStatus, Group, Household, LedgerEntry, StarAward, StarEvaluation, Village, database,
)
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.errors import UserError
from pointsapp.services.periods import Period
from pointsapp.text import translate


@dataclass
class RankingRow:
    rank: int
    household_id: int
    household_no: str
    head_name: str
    village: str
    group: str
    by_category: dict[str, int] = field(default_factory=dict)  # category code -> points
    total: int = 0
    awards: int = 0
    deductions: int = 0  # positive number: points taken away
    stars: int = 0


@dataclass
class Ranking:
    period: Period
    title: str
    categories: list[tuple[str, str]]  # (code, name) in display order
    rows: list[RankingRow]


def _award_expr():
    return Case(None, [((LedgerEntry.kind == EntryKind.AWARD) |
                        ((LedgerEntry.kind == EntryKind.REVERSAL) & (LedgerEntry.points < 0)), LedgerEntry.points)], 0)


def _deduction_expr():
    return Case(None, [((LedgerEntry.kind == EntryKind.DEDUCTION) |
                        ((LedgerEntry.kind == EntryKind.REVERSAL) & (LedgerEntry.points > 0)), LedgerEntry.points)], 0)


def _rows(query) -> list[tuple]:
    """The query's rows as plain tuples, straight from the cursor: peewee's per-row conversion costs
    more than the grouped query itself on a township's ledger."""
    sql, params = query.sql()
    return database.obj.execute_sql(sql, params).fetchall()


def held_awards_query(households=None, *, villages=None):
    """The star awards households hold now — THE definition, for every list, count and screen that shows stars.

    A household holds the awards, not withdrawn, of its village's current star evaluation: the village's
    latest applied ``StarEvaluation`` by period (``is_current``, kept by ``star_awards.apply``). An evaluation
    that gave a household nothing leaves it with nothing, and an older year's stars are history, not held.
    Selects ``(household_id, star_id)``; ``Household`` is joined, so callers may filter on it. ``households``
    (a subquery or list of ids) or ``villages`` (ids) limit it to those; ``cards._SCAN_SQL`` is the same in SQL.
    """
    query = (StarAward.select(StarAward.household, StarAward.star)
             .join(StarEvaluation, on=(StarAward.evaluation == StarEvaluation.id))
             .join(Household, on=((StarAward.household == Household.id)
                                  & (Household.village == StarEvaluation.village)))
             .where(StarEvaluation.is_current == True, StarAward.withdrawn_at.is_null()))  # noqa: E712
    if villages is not None:
        query = query.where(StarEvaluation.village.in_(villages))
    if households is not None:
        query = query.where(StarAward.household.in_(households))
    return query


def held_stars_query(households=None, *, villages=None):
    """``(household_id, n)``: the number of stars each household holds now (see :func:`held_awards_query`);
    households holding none are absent."""
    return (held_awards_query(households, villages=villages)
            .select(StarAward.household, fn.COUNT(StarAward.id).alias("n"))
            .group_by(StarAward.household))


def stars_text(count: int, spelled_out: int = 4) -> str:
    """★★★ for a few stars; "★×8" beyond ``spelled_out`` so lists and prints stay narrow."""
    if not count:
        return ""
    return "★" * count if count <= spelled_out else f"★×{count}"


def star_counts(household_ids: list[int] | None = None, *, village_ids: list[int] | None = None) -> dict[int, int]:
    """Stars currently held per household (see :func:`held_stars_query`)."""
    return dict(_rows(held_stars_query(household_ids, villages=village_ids)))


def sums_by_household(period: Period, village_ids: list[int]) -> dict[int, dict]:
    """``{household_id: {"by_category": {category_id: pts}, "awards": a, "deductions": d}}``."""
    query = (LedgerEntry
             .select(LedgerEntry.household, LedgerEntry.category, fn.SUM(LedgerEntry.points),
                     fn.SUM(_award_expr()), fn.SUM(_deduction_expr()))
             .where(LedgerEntry.village.in_(village_ids), LedgerEntry.status == EntryStatus.EFFECTIVE,
                    LedgerEntry.occurred_on.between(period.start, period.end), LedgerEntry.earned == True)  # noqa: E712
             .group_by(LedgerEntry.household, LedgerEntry.category))
    out: dict[int, dict] = defaultdict(lambda: {"by_category": {}, "awards": 0, "deductions": 0})
    for household, category, points, awards, deductions in _rows(query):
        item = out[household]
        item["by_category"][category] = int(points or 0)
        item["awards"] += int(awards or 0)
        item["deductions"] -= int(deductions or 0)
    return out


def ranking(*, actor: Actor, period: Period, village_id: int | None = None, group_id: int | None = None) -> Ranking:
    """The ranking of a village, one of its groups, or (no village) the whole township."""
    if not actor.can(Permission.PRINT):
        require(actor, Permission.REPORT_VIEW)
    if group_id is not None:
        group = Group.get_or_none(Group.id == group_id)
        if group is None:
            raise UserError(translate("services.rankings", "找不到这个村民小组。"))
        village_ids, title = [group.village_id], f"{group.village.name}{group.name}"
    elif village_id is not None:
        village = Village.get_or_none(Village.id == village_id)
        if village is None:
            raise UserError(translate("services.rankings", "找不到这个村。"))
        village_ids, title = [village.id], village.name
    else:
        villages = list(Village.select(Village.id, Village.name, Village.township).order_by(Village.id))
        village_ids = [v.id for v in villages]
        if len(villages) == 1:  # one village: its ranking, not a "township" of one
            title = villages[0].name
        else:
            township = villages[0].township if villages and villages[0].township_id else None
            title = township.name if township else "全镇"
    categories_by_id = {c.id: c for c in Category.select().where(Category.village.in_(village_ids))}
    codes: dict[str, tuple[int, str]] = {}
    for c in sorted(categories_by_id.values(), key=lambda c: (c.sort_order, c.code)):
        codes.setdefault(c.code, (c.sort_order, c.name))
    categories = [(code, name) for code, (_order, name) in sorted(codes.items(), key=lambda kv: kv[1][0])]

    households = (Household
                  .select(Household.id, Household.household_no, Household.head_name, Village.name, Group.name)
                  .join(Village, on=(Household.village == Village.id))
                  .switch(Household).join(Group, on=(Household.group == Group.id))
                  .where(Household.village.in_(village_ids), Household.status == Household.STATUS_ACTIVE))
    if group_id is not None:
        households = households.where(Household.group == group_id)
    sums = sums_by_household(period, village_ids)
    stars = star_counts(village_ids=village_ids)
    rows = []
    for hid, no, head, village_name, group_name in _rows(households):
        item = sums.get(hid, {"by_category": {}, "awards": 0, "deductions": 0})
        by_code: dict[str, int] = {code: 0 for code, _ in categories}
        for cat_id, pts in item["by_category"].items():
            if cat_id in categories_by_id:
                by_code[categories_by_id[cat_id].code] += pts
        rows.append(RankingRow(0, hid, no, head, village_name, group_name, by_code, sum(by_code.values()),
                               item["awards"], item["deductions"], stars.get(hid, 0)))
    rows.sort(key=lambda r: (-r.total, r.deductions, -r.awards, r.village, r.household_no))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        key = (row.total, row.deductions, row.awards)
        if key != previous:
            rank, previous = position, key
        row.rank = rank
    return Ranking(period=period, title=title, categories=categories, rows=rows)
