"""首页看板: the key figures of a village or the whole township for one month.

Every figure is one grouped SQL query (SQLite and PostgreSQL), so the dashboard stays fast on a
township of 30,000 households and millions of ledger rows: Python only adds up a few hundred grouped
rows. A whole month's participation and totals, the stars held and today's stock are read from what
the database keeps for them (``dashboard_reads``, migration 0016; the ledger-summing functions here
stay their definition, for other periods and the reports), the statements ``reports.sql``'s.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN, Case, fn

from pointsapp import clock
from pointsapp.db.connection import is_sqlite
from pointsapp.models import (
    EntryKind, EntryStatus, Group, Household, LedgerEntry, Star, StarAward, StarEvaluation, Village,
)
from pointsapp.services import periods
from pointsapp.services.reports import dashboard_reads, sql
from pointsapp.services.scoring import ledger_months
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.services.periods import Period
from pointsapp.text import translate


@dataclass
class Scope:
    """A village, or (``village_id`` None) the whole township."""

    village_id: int | None
    title: str
    village_ids: list[int]


@dataclass
class GroupFigures:
    village_id: int
    village: str
    group_id: int
    group: str
    households: int  # active
    participating: int  # active households with an effective award in the period
    earned: int  # net earned points of those households in the period

    @property
    def participation(self) -> float:
        return self.participating / self.households if self.households else 0.0

    @property
    def average(self) -> float:
        return self.earned / self.households if self.households else 0.0


@dataclass
class CategoryMonth:
    code: str
    name: str
    points: list[int]  # one per month of ``Dashboard.months``


@dataclass
class StockWarning:
    product_id: int
    sku: str
    name: str
    stock: int
    low_stock: int


@dataclass
class Dashboard:
    scope: Scope
    period: Period
    households: int
    awarded: int  # award points (less reversed awards) this month
    deducted: int  # deduction points (positive) this month
    groups: list[GroupFigures]
    months: list[str]  # "2025-11" … "2026-10": the last 12 months ending with ``period``
    categories: list[CategoryMonth]
    stars: list[tuple[str, int]]  # (star name, households holding it)
    star_households: int  # households holding at least one star
    redemptions: int
    redeemed_points: int
    stock_warnings: list[StockWarning] = field(default_factory=list)
    awaiting: int = 0  # entries of the month not yet in effect (待审核, 已审核, 公示中): not in the figures above
    owed: object | None = None  # liability.LiabilityLine of the scope at the month's end (or today): 积分负债
    expired_lots: int = 0  # lots on hand past their expiry date
    expiring_lots: int = 0  # lots on hand expiring within the warning period
    awaiting_groups: dict[int, int] = field(default_factory=dict)  # the same per group id (active households)

    @property
    def participating(self) -> int:
        return sum(g.participating for g in self.groups)

    @property
    def participation(self) -> float:
        return self.participating / self.households if self.households else 0.0

    def ranked_groups(self) -> list[GroupFigures]:
        """Groups with households, best average earned points first."""
        return sorted((g for g in self.groups if g.households),
                      key=lambda g: (-g.average, g.village, g.group))

    def top_groups(self, n: int = 5) -> list[GroupFigures]:
        """The best ``n`` groups, best first; with fewer than ``2 n`` groups, the better half (the middle
        one included), so that no group is named both among the best and among the weakest."""
        ranked = self.ranked_groups()
        return ranked[:min(n, (len(ranked) + 1) // 2)]

    def bottom_groups(self, n: int = 5) -> list[GroupFigures]:
        """The weakest ``n`` groups, weakest first; with fewer than ``2 n`` groups, the weaker half."""
        ranked = self.ranked_groups()
        return list(reversed(ranked))[:min(n, len(ranked) // 2)]


# --- building blocks shared with the reports -------------------------------------------------

def scope_of(village_id: int | None) -> Scope:
    if village_id is None:
        return Scope(None, "全镇", sql.village_ids())
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.dashboard", "找不到这个村。"))
    return Scope(village.id, village.name, [village.id])


def award_points():
    """Award points, less reversed awards (a reversal of an award is negative)."""
    return Case(None, [((LedgerEntry.kind == EntryKind.AWARD) |
                        ((LedgerEntry.kind == EntryKind.REVERSAL) & (LedgerEntry.points < 0)), LedgerEntry.points)], 0)


def deduction_points():
    """Deducted points as a positive number, less reversed deductions."""
    return Case(None, [((LedgerEntry.kind == EntryKind.DEDUCTION) |
                        ((LedgerEntry.kind == EntryKind.REVERSAL) & (LedgerEntry.points > 0)),
                        LedgerEntry.points * -1)], 0)


def earned_in(period: Period, village_ids: list[int]):
    """The WHERE clause of effective earned entries in a period (matches the covering index)."""
    return ((LedgerEntry.village.in_(village_ids)) & (LedgerEntry.status == EntryStatus.EFFECTIVE)
            & (LedgerEntry.occurred_on.between(period.start, period.end))
            & (LedgerEntry.earned == True))  # noqa: E712


AWAITING = (EntryStatus.ENTERED, EntryStatus.REVIEWED, EntryStatus.NOTICE)


def awaiting_in(period: Period, village_ids: list[int]) -> int:
    """Entries of the period still on their way (awaiting review, reviewed, on notice): a village that
    reviews its entries shows little participation until its month's entries take effect, and the
    dashboard says why."""
    return (LedgerEntry.select()
            .where(LedgerEntry.village.in_(village_ids), LedgerEntry.status.in_(AWAITING),
                   LedgerEntry.occurred_on.between(period.start, period.end))
            .count())


def awaiting_by_group(period: Period, village_ids: list[int]) -> dict[int, int]:
    """``{group_id: entries}`` of the period still on their way, for the households in each group: the
    participation bar of a group (or village) whose month is still under review says why it is small."""
    query = (LedgerEntry
             .select(Household.group, fn.COUNT(LedgerEntry.id))
             .join(Household, on=(LedgerEntry.household == Household.id))
             .where(LedgerEntry.village.in_(village_ids), LedgerEntry.status.in_(AWAITING),
                    LedgerEntry.occurred_on.between(period.start, period.end))
             .group_by(Household.group).tuples())
    return {gid: int(n) for gid, n in query}


def participation_by_group(period: Period, village_ids: list[int]) -> list[GroupFigures]:
    """Active households, participating households and earned points per group: one query."""
    per_household = (LedgerEntry
                     .select(LedgerEntry.household.alias("hid"), fn.SUM(LedgerEntry.points).alias("pts"),
                             fn.SUM(Case(None, [(LedgerEntry.kind == EntryKind.AWARD, 1)], 0)).alias("awards"))
                     .where(earned_in(period, village_ids))
                     .group_by(LedgerEntry.household)
                     .alias("ph"))
    query = (Household
             .select(Village.id, Village.name, Group.id, Group.name, fn.COUNT(Household.id),
                     fn.SUM(Case(None, [(per_household.c.awards > 0, 1)], 0)),
                     fn.SUM(fn.COALESCE(per_household.c.pts, 0)))
             .join(Group, on=(Household.group == Group.id))
             .join(Village, on=(Group.village == Village.id))
             .join(per_household, JOIN.LEFT_OUTER, on=(per_household.c.hid == Household.id))
             .where(Household.village.in_(village_ids), Household.status == Household.STATUS_ACTIVE)
             .group_by(Village.id, Village.name, Group.id, Group.name, Group.sort_order)
             .order_by(Village.id, Group.sort_order, Group.name)
             .tuples())
    return [GroupFigures(vid, vname, gid, gname, int(n), int(p or 0), int(e or 0))
            for vid, vname, gid, gname, n, p, e in query]


def award_totals(period: Period, village_ids: list[int]) -> dict[int, tuple[int, int]]:
    """``{village_id: (awarded, deducted)}`` over every household (archived ones too): one query."""
    query = (LedgerEntry
             .select(LedgerEntry.village, fn.SUM(award_points()), fn.SUM(deduction_points()))
             .where(earned_in(period, village_ids))
             .group_by(LedgerEntry.village).tuples())
    return {vid: (int(a or 0), int(d or 0)) for vid, a, d in query}


def last_months(period: Period, count: int = 12) -> list[Period]:
    out, year, month = [], period.start.year, period.start.month
    for _ in range(count):
        out.append(periods.parse(f"{year}-{month:02d}"))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(out))


def points_by_category(months: list[Period], village_ids: list[int]) -> list[CategoryMonth]:
    """Net earned points per category (by code, so villages add up) and month: one query.

    Read from the monthly sums the database keeps beside the ledger (``ledger_month``, migration
    0005): a township's 12 months are a million ledger rows but a few thousand sums. Categories
    without entries still get a (flat) line, so the legend stays the same month to month.
    """
    if not village_ids:
        return []
    rows = sql.categories(village_ids)
    code_of = {category_id: code for category_id, code, _name, _order in rows}
    index = {p.code: i for i, p in enumerate(months)}
    found: dict[str, CategoryMonth] = {}
    order: dict[str, int] = {}
    for category_id, code, name, sort_order in sorted(rows, key=lambda c: (c[3], c[0])):
        found.setdefault(code, CategoryMonth(code, name, [0] * len(months)))
        order.setdefault(code, sort_order)
    for category_id, month, points in ledger_months.sums(village_ids, months[0].code, months[-1].code):
        code = code_of.get(category_id)
        if code is not None and month in index:  # a category of another village cannot be in these villages
            found[code].points[index[month]] += points
    return sorted(found.values(), key=lambda c: (order[c.code], c.code))


def held_stars(village_ids: list[int]) -> tuple[list[tuple[str, int]], int]:
    """Stars held now by active households: per star name, and how many households have any.

    "Held" as everywhere else (:func:`pointsapp.services.rankings.held_awards_query`): the awards, not
    withdrawn, of each village's current star evaluation, to households of that village; an older evaluation's
    stars are history, not held. The same rows, read from the other end: from the current evaluations' awards
    (their index) to each household, not from every active household through every year's awards of it —
    SQLite, without statistics, starts from the households unless told (CROSS JOIN keeps the order written;
    PostgreSQL plans a CROSS JOIN with its conditions in WHERE as any join), and reads three times the rows: 26 -> 10 ms for a township of 3,000 households and five years of stars.
    """
    if not village_ids:
        return [], 0
    held_now = (StarEvaluation.select()
                .join(StarAward, JOIN.CROSS).join(Household, JOIN.CROSS)  # joined in WHERE, in this order
                .where(StarEvaluation.is_current == True, StarEvaluation.village.in_(village_ids),  # noqa: E712
                       StarAward.evaluation == StarEvaluation.id, StarAward.withdrawn_at.is_null(),
                       StarAward.household == Household.id, Household.village == StarEvaluation.village,
                       Household.status == Household.STATUS_ACTIVE))
    held = dict(held_now.select(StarAward.star, fn.COUNT(StarAward.id)).group_by(StarAward.star).tuples())
    per_star: dict[str, int] = {}
    stars = Star.select(Star.id, Star.name).where(Star.id.in_(list(held))).order_by(Star.sort_order, Star.name)
    for star_id, name in stars.tuples():  # a household holds a star name once, whichever village's star it is
        per_star[name] = per_star.get(name, 0) + int(held[star_id])
    households = held_now.select(fn.COUNT(fn.DISTINCT(StarAward.household))).scalar() if held else 0
    return list(per_star.items()), int(households or 0)


def redemptions_by_village(period: Period, village_ids: list[int]) -> dict[int, tuple[int, int]]:
    """``{village_id: (redemptions, points)}`` of done (not voided) redemptions in the period: one query."""
    start = dt.datetime.combine(period.start, dt.time.min)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min)
    if not village_ids:
        return {}
    return {vid: (int(n), int(p or 0)) for vid, n, p in sql.redemptions(start, end, village_ids)}


def stock_warnings(village_id: int | None) -> list[StockWarning]:
    """Active products at or below their low-stock level (a village's own and the shared ones)."""
    return [StockWarning(*row) for row in sql.low_stock(village_id)]


# --- the dashboard ----------------------------------------------------------------------------

def dashboard(*, actor: Actor, village_id: int | None = None, month: Period | None = None,
              today: dt.date | None = None) -> Dashboard:
    """The figures of the dashboard for a village (or the township) and a month (default: this month).

    A whole month's participation, awarded and deducted points and the stars held now are read from what the
    database keeps for them (:mod:`dashboard_reads`, migration 0016), as are the stock's value and the shelf
    warnings as of today; a month's figures as of its past end share out the stock-ins of then."""
    require(actor, Permission.REPORT_VIEW)
    today = today or clock.today()
    period = month or periods.month(today)
    scope = scope_of(village_id)
    ids = scope.village_ids
    if _whole_month(period):
        groups = [GroupFigures(*row) for row in dashboard_reads.participation_by_group(period.code, ids)]
        totals = dashboard_reads.award_totals(period.code, ids).values()
    else:
        groups, totals = participation_by_group(period, ids), award_totals(period, ids).values()
    months = last_months(period)
    stars, star_households = dashboard_reads.held_stars(ids)
    shop = redemptions_by_village(period, ids).values()
    awaiting_groups = dashboard_reads.awaiting_by_group(period.start, period.end, ids)
    at = min(period.end, today)
    if at >= clock.today():  # as of today: the lots on the shelf as the database keeps them
        from pointsapp.services.reports import liability
        from pointsapp.services.shop.lots import warning_days

        stock, shelf = dashboard_reads.stock_and_shelf(liability.LiabilityLine, today, warning_days())
        owed = _owed(actor, village_id, at, stock=stock)
    else:  # the stock-ins and the products read, and the lots on hand found, once: for both
        from pointsapp.services.shop.lots import lots_on_hand, product_rows, stock_ins

        ins, products = stock_ins(), product_rows()
        on_hand = lots_on_hand(products=products, ins=ins)
        owed, shelf = _owed(actor, village_id, at, ins, products, on_hand), _shelf_counts(on_hand)
    return Dashboard(
        scope=scope, period=period, households=sum(g.households for g in groups),
        awarded=sum(a for a, _ in totals), deducted=sum(d for _, d in totals), groups=groups,
        months=[m.code for m in months], categories=points_by_category(months, ids),
        stars=stars, star_households=star_households,
        redemptions=sum(n for n, _ in shop), redeemed_points=sum(p for _, p in shop),
        stock_warnings=stock_warnings(village_id), awaiting=sum(awaiting_groups.values()),
        owed=owed, **shelf, awaiting_groups=awaiting_groups)


def read_here(*, actor: Actor) -> bool:
    """Whether ``actor``'s dashboard reads its figures from a local SQLite file, where the kept figures take a few
    ms (a township's month ~7 ms) — less than handing the read to the database worker and back, on a busy PC —
    rather than from a server, whose answer may take tens of ms and must not hold the screen."""
    require(actor, Permission.REPORT_VIEW)
    return is_sqlite()


def _whole_month(period: Period) -> bool:
    """Whether ``period`` is one calendar month (what ``household_month`` sums)."""
    return (period.start.day == 1 and period.end == periods.month(period.start).end
            and period.code == f"{period.start:%Y-%m}")


def _owed(actor: Actor, village_id: int | None, at: dt.date, ins: dict[int, list] | None = None,
          products: list | None = None, on_hand: list | None = None, stock: dict | None = None):
    from pointsapp.services.reports import liability

    return liability.liability(actor=actor, at=at, village_id=village_id, ins=ins, products=products,
                               lots=on_hand, stock=stock).total


def _shelf_counts(on_hand: list | None = None) -> dict:
    from pointsapp.services.shop import lots

    warned = lots.shelf_warnings(on_hand=on_hand)
    expired = sum(1 for w in warned if w.state == lots.STATE_EXPIRED)
    return {"expired_lots": expired, "expiring_lots": len(warned) - expired}


def as_dict(board: Dashboard) -> dict:
    """Plain data for ``--json`` and tests."""
    return {
        "scope": board.scope.title, "period": board.period.code, "households": board.households,
        "awarded": board.awarded, "deducted": board.deducted, "participating": board.participating,
        "participation": round(board.participation, 4), "awaiting": board.awaiting,
        "groups": [{"village": g.village, "group": g.group, "households": g.households,
                    "participating": g.participating, "participation": round(g.participation, 4),
                    "earned": g.earned, "average": round(g.average, 2)} for g in board.groups],
        "top_groups": [f"{g.village}{g.group}" for g in board.top_groups()],
        "bottom_groups": [f"{g.village}{g.group}" for g in board.bottom_groups()],
        "months": board.months,
        "categories": {c.name: c.points for c in board.categories},
        "stars": dict(board.stars), "star_households": board.star_households,
        "redemptions": board.redemptions, "redeemed_points": board.redeemed_points,
        "stock_warnings": [{"sku": w.sku, "name": w.name, "stock": w.stock, "low_stock": w.low_stock}
                           for w in board.stock_warnings],
        "owed": {k: v for k, v in board.owed.row().items() if k != "scope"} if board.owed else None,
        "expired_lots": board.expired_lots, "expiring_lots": board.expiring_lots,
    }


__all__ = ["CategoryMonth", "Dashboard", "GroupFigures", "Scope", "StockWarning", "as_dict", "awaiting_by_group", "awaiting_in", "award_totals",
           "dashboard", "held_stars", "read_here", "last_months", "participation_by_group", "points_by_category",
           "redemptions_by_village", "scope_of", "stock_warnings"]
