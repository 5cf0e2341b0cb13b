"""积分负债: what a village owes its households — the points they can still spend — against what it holds to pay
them: the stock on hand at cost, and how much of it was donated. As of the end of a day, per village and for the
township; every figure is summed from the ledger and the stock moves, not from the cached balances.

- available: effective entries that took effect by the end of the day (awards, deductions, redemptions, voids,
  expiry), per household, summed over the village's households.
- expiring: under 年底清零, what the next year-end run would clear (the expiry run's own rule: per household, what
  was earned up to the cutoff, never more than it has); nothing under 不清零.
- owed: the available points in money at the village's price of a point (the shop's cash price).
- stock: each product's stock at the end of the day (its moves up to then), shared out over its lots (the lots
  that expire last), valued at each lot's recorded cost; units of lots without a cost are counted apart.
  Products of no village (shared by the township) have a line of their own, counted in the total.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from peewee import Case, fn

from pointsapp import clock
from pointsapp.models import (
    EntryStatus, Household, LedgerEntry, StockMove, Township, Village,
)
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.shop import lots as shop_lots
from pointsapp.services.shop import policy as shop_policy
from pointsapp.text import translate

COLUMNS = [("scope", "范围"), ("households", "有可用积分的户数"), ("available", "可用积分"),
           ("expiring", "年底将清零"), ("owed", "折合金额（元）"), ("stock_units", "库存件数"),
           ("stock_cost", "库存成本（元）"), ("uncosted_units", "未记进价件数"), ("donated_units", "其中捐赠件数"),
           ("donated_cost", "捐赠库存成本（元）")]


@dataclass
class LiabilityLine:
    scope: str
    village_id: int | None
    households: int = 0
    available: int = 0
    expiring: int = 0
    owed_fen: int = 0
    stock_units: int = 0
    stock_cost_fen: int = 0
    uncosted_units: int = 0
    donated_units: int = 0
    donated_cost_fen: int = 0

    def add(self, other: "LiabilityLine") -> None:
        for name in ("households", "available", "expiring", "owed_fen", "stock_units", "stock_cost_fen",
                     "uncosted_units", "donated_units", "donated_cost_fen"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self) -> dict:
        from pointsapp.services.shop.money import yuan

        return {"scope": self.scope, "households": self.households, "available": self.available,
                "expiring": self.expiring, "owed": yuan(self.owed_fen), "stock_units": self.stock_units,
                "stock_cost": yuan(self.stock_cost_fen), "uncosted_units": self.uncosted_units,
                "donated_units": self.donated_units, "donated_cost": yuan(self.donated_cost_fen)}


@dataclass
class Liability:
    at: dt.date
    villages: list[LiabilityLine] = field(default_factory=list)
    shared: LiabilityLine | None = None  # stock of products that belong to no village
    townships: list[LiabilityLine] = field(default_factory=list)  # subtotals, when villages of several townships
    total: LiabilityLine | None = None

    def lines(self) -> list[LiabilityLine]:
        return (self.villages + ([self.shared] if self.shared else []) + self.townships
                + ([self.total] if self.total else []))


class _Village(NamedTuple):
    id: int
    name: str
    township_id: int | None
    expiry_policy: str
    point_price_fen: int


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)


class PointsOwed(NamedTuple):
    """A village's households' points as of a day: those with points to spend, their sum, and what of it the
    year-end run would clear (per household: what was earned up to the cutoff, never more than it has)."""
    households: int = 0
    available: int = 0
    expiring: int = 0


def _points(village_ids: list[int], at: dt.date) -> dict[int, PointsOwed]:
    """village (the household's own) → its households' points as of the end of ``at``."""
    if at >= clock.today():
        return _points_now(village_ids, at)
    end, cutoff = _end_of(at), dt.date(at.year, 12, 31)
    up_to_cutoff = fn.SUM(Case(None, [(LedgerEntry.occurred_on <= cutoff, LedgerEntry.points)], 0))
    query = (LedgerEntry.select(Household.village, LedgerEntry.household, fn.SUM(LedgerEntry.points), up_to_cutoff)
             .join(Household, on=(LedgerEntry.household == Household.id))
             .where(LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.effective_at < end,
                    Household.village.in_(village_ids))
             .group_by(Household.village, LedgerEntry.household))
    found: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for village_id, _household_id, available, earned in query.tuples():
        available, earned = int(available or 0), int(earned or 0)
        if available > 0:
            sums = found[village_id]
            sums[0] += 1
            sums[1] += available
            sums[2] += max(0, min(earned, available))
    return {village_id: PointsOwed(*sums) for village_id, sums in found.items()}


def _points_now(village_ids: list[int], at: dt.date) -> dict[int, PointsOwed]:
    """:func:`_points` as of today (the dashboard's question), summed by the database: the cached balances, which
    ``check`` proves equal to the ledger, less what is dated after the year's end cutoff — not a sum over the whole
    ledger, nor 3,000 households' rows brought into Python (8 -> 2 ms for a township; its statement is
    ``reports.sql``'s, 1.4 -> 0.7 ms)."""
    from pointsapp.services.reports import sql

    return {village_id: PointsOwed(int(n), int(total or 0), int(clears or 0))
            for village_id, n, total, clears in sql.points_now(village_ids, dt.date(at.year, 12, 31))}


def _stock_lines(at: dt.date, ins: dict[int, list] | None = None, products: list | None = None,
                 lots: list | None = None) -> dict[int | None, LiabilityLine]:
    """village (None: shared) → the stock part of its line, as of the end of ``at`` (``ins``: every stock-in, the
    ones made after ``at`` left out here; ``products``: every product, as ``shop.lots.product_rows``; ``lots``: the
    lots on hand now, as ``shop.lots.lots_on_hand``, used for a line as of today)."""
    end = _end_of(at)
    by_product: dict[int, list] | None = None
    if at >= clock.today():  # as of today: the cached stock, which check proves equal to the moves' sum
        on_hand = None
        if lots is not None:
            by_product = defaultdict(list)
            for lot in lots:
                by_product[lot.product_id].append(lot)
    else:
        on_hand = dict(StockMove.select(StockMove.product, fn.SUM(StockMove.quantity))
                       .where(StockMove.created_at < end).group_by(StockMove.product).tuples())
    if by_product is None:
        ins = (shop_lots.stock_ins(before=end) if ins is None
               else {pid: [m for m in moves if m.created_at < end] for pid, moves in ins.items()})
    lines: dict[int | None, LiabilityLine] = {}
    for product in shop_lots.product_rows() if products is None else products:
        stock = int(product.stock if on_hand is None else on_hand.get(product.id) or 0)
        if stock <= 0:
            continue
        line = lines.setdefault(product.village_id, LiabilityLine("", product.village_id))
        line.stock_units += stock
        allocated = 0
        shelved = (by_product.get(product.id, []) if by_product is not None
                   else shop_lots.allocate(product, stock, ins.get(product.id, ())))
        for lot in shelved:
            allocated += lot.on_hand
            if lot.unit_cost_fen is None:
                line.uncosted_units += lot.on_hand
            else:
                line.stock_cost_fen += lot.on_hand * lot.unit_cost_fen
            if lot.source == StockMove.SOURCE_DONATION:
                line.donated_units += lot.on_hand
                line.donated_cost_fen += lot.on_hand * (lot.unit_cost_fen or 0)
        line.uncosted_units += stock - allocated  # found at a stocktake: no lot, no cost
    return lines


def liability(*, actor: Actor, at: dt.date, village_id: int | None = None,
              ins: dict[int, list] | None = None, products: list | None = None,
              lots: list | None = None, stock: dict | None = None) -> Liability:
    """The points owed and the stock held, per village and in total, as of the end of ``at`` (``ins``: every
    stock-in, as ``shop.lots.stock_ins`` read it, and ``products``: every product, as ``shop.lots.product_rows``,
    when the caller has them already; stock-ins after ``at`` are left out here; ``lots``: the lots on hand now, as
    ``shop.lots.lots_on_hand`` gives them, for a report as of today; ``stock``: the stock part of each line as
    ``dashboard_reads.stock_lines`` reads it from the lots the database keeps, for the same)."""
    require(actor, Permission.REPORT_VIEW)
    from pointsapp.services.reports import sql

    # each village with the price of its points (its shop policy's, else the default), as plain rows
    villages = [_Village(v, name, township, expiry, shop_policy.DEFAULT_POINT_PRICE_FEN if price is None else price)
                for v, name, township, expiry, price in sql.village_prices()]
    if village_id is not None:
        villages = [v for v in villages if v.id == village_id]
    ids = [v.id for v in villages]
    points = _points(ids, at) if ids else {}
    stock = _stock_lines(at, ins, products, lots) if stock is None else stock
    report = Liability(at)
    total = LiabilityLine(translate("services.liability", "合计"), None)
    for village in villages:
        line = stock.get(village.id) or LiabilityLine("", village.id)
        line.scope = village.name
        price = village.point_price_fen
        owed = points.get(village.id, PointsOwed())
        line.households, line.available = owed.households, owed.available
        if village.expiry_policy == Village.EXPIRY_YEAR_END:
            line.expiring = owed.expiring
        line.owed_fen = line.available * price
        report.villages.append(line)
        total.add(line)
    if None in stock:  # shared products serve every village: in each village's report as in the township's
        report.shared = stock[None]
        report.shared.scope = translate("services.liability", "全镇共用商品")
        total.add(report.shared)
    by_township: dict[int, LiabilityLine] = {}
    for village, line in zip(villages, report.villages):
        if village.township_id is not None:
            by_township.setdefault(village.township_id, LiabilityLine("", None)).add(line)
    if len(by_township) > 1:  # one township: its subtotal is the total
        names = dict(Township.select(Township.id, Township.name).where(Township.id.in_(list(by_township))).tuples())
        for township_id, line in sorted(by_township.items()):
            line.scope = translate("services.liability", "{0}小计").format(names.get(township_id, ""))
            report.townships.append(line)
    report.total = total
    return report


def as_dict(report: Liability) -> dict:
    return {"at": report.at.isoformat(), "lines": [line.row() for line in report.lines()]}
