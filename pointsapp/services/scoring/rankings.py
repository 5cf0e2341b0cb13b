"""排行榜: earned points per household for a period, by village or group, with per-category columns.

Two statements: the households with their stars, and their sums by category (:func:`household_sums`: a whole
year from the sums the database keeps per household and year, any other period from one pass over the covering
index on ``ledger_entry``; folded here on SQLite, by the database on PostgreSQL). Ties are
ranked as the domain document says: same total → fewer deductions first → more awards → household number, and
households still equal share a rank.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN, fn

from pointsapp.models import (
    Category, EntryKind, EntryStatus, Group, Household, HouseholdStars, HouseholdTag, LedgerEntry, StarAward,
    StarEvaluation, Tag, Village,
)
from pointsapp.db.connection import is_sqlite
from pointsapp.db.sql import cursor_rows
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.scoring import household_years
from pointsapp.errors import UserError
from pointsapp.services.periods import Period
from pointsapp.text import translate


@dataclass(slots=True)  # a township's ranking makes 30,000 of them
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
    tag: str = ""       # only households with this tag (党员户 …); empty: all
    category: str = ""  # ranked by this category's points only (its code); empty: by the total


def held_awards_query(households=None, *, villages=None):
    """The star awards households hold now — THE definition, for every list, count and screen that shows stars.

    A household holds the awards, not withdrawn, of its village's current star evaluation: the village's
    latest applied ``StarEvaluation`` by period (``is_current``, kept by ``star_awards.apply``). An evaluation
    that gave a household nothing leaves it with nothing, and an older year's stars are history, not held.
    Selects ``(household_id, star_id)``; ``Household`` is joined, so callers may filter on it. ``households``
    (a subquery or list of ids) or ``villages`` (ids) limit it to those; ``register.sql.scanned_card`` is the same
    in SQL.
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
    # the current evaluations' awards found by evaluation (a few thousand), not every year's awards of every
    # household through the household index: the same rows, a household list's read 46 -> 29 ms on 3,000 households.
    # Villages named already start the database from their current evaluations: the list of them added nothing
    # but a worse order of look-ups (a township's ranking 7.3 -> 5.2 ms)
    query = (held_awards_query(households, villages=villages)
             .select(StarAward.household, fn.COUNT(StarAward.id).alias("n"))
             .group_by(StarAward.household))
    if villages is None:
        current = StarEvaluation.select(StarEvaluation.id).where(StarEvaluation.is_current == True)  # noqa: E712
        query = query.where(StarAward.evaluation.in_(current))
    return query


def stars_text(count: int, spelled_out: int = 0) -> str:
    """"★×4", "★×10": one width for every count in lists and prints, so four stars never look like more than ten
    (drawn one by one, ★★★★, up to ``spelled_out`` — the till's big display draws them all)."""
    if not count:
        return ""
    return "★" * count if count <= spelled_out else f"★×{count}"


def star_counts(household_ids: list[int] | None = None, *, village_ids: list[int] | None = None) -> dict[int, int]:
    """Stars currently held per household (see :func:`held_stars_query`)."""
    return dict(cursor_rows(held_stars_query(household_ids, villages=village_ids)))


def sums_query(period: Period, village_ids: list[int], only: list[int] | None = None):
    """The points households of ``village_ids`` earned in ``period`` (effective, earned entries), in rows of
    ``household_id, category_id, kind, negative, points``: summed by household, category, kind and sign — what
    :func:`pivot` folds into a household's category columns, awards and deductions.

    Grouped by these plain columns rather than pivoted with a filtered sum per category in SQL: SQLite then does
    about half the work over a township's year (118,000 entries: 110 → 50 ms), and Python folds the ~15,000 groups
    in a few milliseconds. ``only``: the category ids to count at all (a ranking by one category: its awards and
    deductions break the ties).
    """
    negative = (LedgerEntry.points < 0)
    query = (LedgerEntry
             .select(LedgerEntry.household, LedgerEntry.category, LedgerEntry.kind, negative,
                     fn.SUM(LedgerEntry.points))
             .where(LedgerEntry.village.in_(village_ids), LedgerEntry.status == EntryStatus.EFFECTIVE,
                    LedgerEntry.occurred_on.between(period.start, period.end), LedgerEntry.earned == True)  # noqa: E712
             .group_by(LedgerEntry.household, LedgerEntry.category, LedgerEntry.kind, negative))
    return query.where(LedgerEntry.category.in_(only)) if only is not None else query


def pivoted_sums_query(period: Period, village_ids: list[int], columns: list[list[int]], only: list[int] | None = None):
    """:func:`sums_query`'s sums already folded by the database, one row per household: ``household_id``, the
    points of the category ids of each ``columns[i]``, the awards, the deductions (NULL for none). PostgreSQL's
    hash aggregate does the filtered sums cheaply, and one narrow row per household crosses the network instead
    of one per household, category, kind and sign (a village's year 1.36× its baseline this way, 1.7× grouped)."""
    points = LedgerEntry.points
    award = (LedgerEntry.kind == EntryKind.AWARD) | ((LedgerEntry.kind == EntryKind.REVERSAL) & (points < 0))
    deduction = (LedgerEntry.kind == EntryKind.DEDUCTION) | ((LedgerEntry.kind == EntryKind.REVERSAL) & (points > 0))
    query = (LedgerEntry
             .select(LedgerEntry.household, *[fn.SUM(points).filter(LedgerEntry.category.in_(ids)) for ids in columns],
                     fn.SUM(points).filter(award), fn.SUM(points).filter(deduction))
             .where(LedgerEntry.village.in_(village_ids), LedgerEntry.status == EntryStatus.EFFECTIVE,
                    LedgerEntry.occurred_on.between(period.start, period.end), LedgerEntry.earned == True)  # noqa: E712
             .group_by(LedgerEntry.household))
    return query.where(LedgerEntry.category.in_(only)) if only is not None else query


def household_sums(period: Period, village_ids: list[int], columns: list[list[int]],
                   only: list[int] | None = None) -> dict[int, list[int]]:
    """household id → ``[c0, c1, …, awards, deductions]`` for the period: on SQLite grouped in SQL and folded here
    (:func:`sums_query`, :func:`pivot`), on PostgreSQL folded by the database (:func:`pivoted_sums_query`) — each
    the faster on its own engine, the same numbers (``tests/test_rankings.py`` compares them). A whole year is read
    from the sums the database keeps per household, year and category (:mod:`household_years`, migration 0015):
    a township's year is ~14,000 kept rows instead of ~120,000 entries."""
    if period.start == dt.date(period.year, 1, 1) and period.end == dt.date(period.year, 12, 31):
        return household_years.sums(period.year, village_ids, columns, only)
    return ledger_sums(period, village_ids, columns, only)


def ledger_sums(period: Period, village_ids: list[int], columns: list[list[int]],
                only: list[int] | None = None) -> dict[int, list[int]]:
    """:func:`household_sums` from the ledger itself, for any period."""
    if is_sqlite():
        return pivot(cursor_rows(sums_query(period, village_ids, only)), columns)
    return {household: [int(v or 0) for v in sums]
            for household, *sums in cursor_rows(pivoted_sums_query(period, village_ids, columns, only))}


def pivot(rows, columns: list[list[int]]) -> dict[int, list[int]]:
    """:func:`sums_query`'s rows → household id → ``[c0, c1, …, awards, deductions]``: the points of the category
    ids of ``columns[i]``, then the awards and the deductions (negative) as entered, net of their reversals (a
    reversal of an award is negative and counts against the awards; of a deduction, positive, against the
    deductions)."""
    column_of = {category_id: i for i, ids in enumerate(columns) for category_id in ids}
    width = len(columns)
    found: dict[int, list[int]] = {}
    for household, category, kind, negative, points in rows:
        sums = found.get(household)
        if sums is None:
            sums = found[household] = [0] * (width + 2)
        points = int(points or 0)
        i = column_of.get(category)
        if i is not None:
            sums[i] += points
        if kind == EntryKind.AWARD or (kind == EntryKind.REVERSAL and negative):
            sums[width] += points
        elif kind == EntryKind.DEDUCTION or (kind == EntryKind.REVERSAL and not negative):
            sums[width + 1] += points
    return found


def _scope(village_id: int | None, group_id: int | None) -> tuple[list[int], str]:
    """The villages a ranking reads and its title: a group's village, one village, or every village."""
    if group_id is not None:
        group = Group.get_or_none(Group.id == group_id)
        if group is None:
            raise UserError(translate("services.rankings", "找不到这个村民小组。"))
        return [group.village_id], f"{group.village.name}{group.name}"
    if village_id is not None:
        village = Village.get_or_none(Village.id == village_id)
        if village is None:
            raise UserError(translate("services.rankings", "找不到这个村。"))
        return [village.id], village.name
    villages = list(Village.select(Village.id, Village.name, Village.township).order_by(Village.id))
    if len(villages) == 1:  # one village: its ranking, not a "township" of one
        return [villages[0].id], villages[0].name
    township = villages[0].township if villages and villages[0].township_id else None
    return [v.id for v in villages], township.name if township else "全镇"


scope = _scope  # for the other boards read over the same households (services.scoring.boards)


def _columns(village_ids: list[int]) -> tuple[dict[str, list[int]], dict[str, str]]:
    """The ranking's category columns in display order: code -> the category ids it has in these villages
    (each village keeps its own categories; the same code is one column), and code -> name."""
    columns: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for c in (Category.select(Category.id, Category.code, Category.name)
              .where(Category.village.in_(village_ids)).order_by(Category.sort_order, Category.code, Category.id)):
        columns.setdefault(c.code, []).append(c.id)
        names.setdefault(c.code, c.name)
    return columns, names


def category_choices(*, actor: Actor, village_id: int | None = None,
                     group_id: int | None = None) -> list[tuple[str, str]]:
    """The categories a ranking of this scope can be ordered by: (code, name) in display order."""
    if not actor.can(Permission.PRINT):
        require(actor, Permission.REPORT_VIEW)
    return _category_choices(village_id, group_id)


def _category_choices(village_id: int | None, group_id: int | None) -> list[tuple[str, str]]:
    if village_id is None and group_id is None:  # every village: their ids, without the township's name
        village_ids = [v for v, in Village.select(Village.id).tuples()]
    else:
        village_ids = _scope(village_id, group_id)[0]
    columns, names = _columns(village_ids)
    return [(code, names[code]) for code in columns]


def category_code(text: str, *, village_id: int | None = None, group_id: int | None = None) -> str:
    """A category as typed (its code or its name) → its code; an unknown one named with the ones there are."""
    text = (text or "").strip()
    choices = _category_choices(village_id, group_id)
    for code, name in choices:
        if text in (code, name):
            return code
    raise UserError(translate("services.rankings", "没有“{0}”这个积分类别。现有类别：{1}").format(
        text, "、".join(name for _c, name in choices)))


def _rank(rows: list[RankingRow]) -> None:
    """Sort by the domain's tie rules and number the rows; rows still equal share a rank."""
    rows.sort(key=lambda r: (-r.total, r.deductions, -r.awards, r.village, r.household_no))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        key = (row.total, row.deductions, row.awards)
        if key != previous:
            rank, previous = position, key
        row.rank = rank


def tagged(tag: str):
    """The ids of the households carrying ``tag`` (a subquery); an unknown tag is the user's mistake, named."""
    tag = (tag or "").strip()
    if not Tag.select().where(Tag.name == tag).exists():
        known = "、".join(t.name for t in Tag.select(Tag.name).order_by(Tag.name)) or translate("services.rankings", "（无）")
        raise UserError(translate("services.rankings", "没有“{0}”这个标签。现有标签：{1}").format(tag, known))
    return (HouseholdTag.select(HouseholdTag.household).join(Tag, on=(HouseholdTag.tag == Tag.id))
            .where(Tag.name == tag))


def ranking(*, actor: Actor, period: Period, village_id: int | None = None, group_id: int | None = None,
            tag: str | None = None, category: str | None = None) -> Ranking:
    """The ranking of a village, one of its groups, or (no village) the whole township; of the households
    with ``tag`` only (党员户, 干部户 … ranked apart), by one ``category``'s points only (its code) when given.

    Two statements: the households with the stars they hold (kept by the database), and their sums in the period
    (:func:`household_sums`).
    """
    if not actor.can(Permission.PRINT):
        require(actor, Permission.REPORT_VIEW)
    village_ids, title = _scope(village_id, group_id)
    columns, names = _columns(village_ids)
    only = None
    if category:
        if category not in columns:
            raise UserError(translate("services.rankings", "没有“{0}”这个积分类别。").format(category))
        columns, only = {category: columns[category]}, columns[category]
    codes = list(columns)
    # the stars each household holds as the database keeps them (household_stars, migration 0015): counting the
    # current evaluations' awards took a township's ranking 5-7 ms more
    # the village's and the group's names looked up here, not joined to each of 3,000 households (4.1 -> 3.0 ms)
    households = (Household
                  .select(Household.id, Household.household_no, Household.head_name, Household.village,
                          Household.group, fn.COALESCE(HouseholdStars.stars, 0))
                  .join(HouseholdStars, JOIN.LEFT_OUTER, on=(HouseholdStars.household_id == Household.id))
                  .where(Household.village.in_(village_ids), Household.status == Household.STATUS_ACTIVE))
    if group_id is not None:
        households = households.where(Household.group == group_id)
    if tag:
        households = households.where(Household.id.in_(tagged(tag)))
        title = f"{title}{tag.strip()}"
    if category:
        title = f"{title}{names[category]}"
    sums = household_sums(period, village_ids, list(columns.values()), only)
    nothing, width = [0] * (len(codes) + 2), len(codes)  # a household with no entries in the period
    get_sums = sums.get
    village_names = dict(cursor_rows(Village.select(Village.id, Village.name)))
    group_names = dict(cursor_rows(Group.select(Group.id, Group.name)))
    rows = [RankingRow(0, hid, no, head, village_names[village], group_names[group], dict(zip(codes, found)),
                       sum(found[:width]), found[width], -found[width + 1], stars)
            for hid, no, head, village, group, stars in cursor_rows(households)
            for found in (get_sums(hid, nothing),)]
    _rank(rows)
    return Ranking(period=period, title=title, categories=[(code, names[code]) for code in codes], rows=rows,
                   tag=(tag or "").strip(), category=category or "")
