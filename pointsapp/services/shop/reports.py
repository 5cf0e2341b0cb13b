"""积分超市报表: the daily close (日结), the inventory, and redemptions by household and period.

The daily close adds up to the ledger: the points it reports as redeemed and given back
by voids are compared with the ledger entries written that day (``ledger_net``), so an
office can see at a glance that the shop and the points books agree.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from peewee import fn

from pointsapp.models import (
    EntryKind, Group, Household, LedgerEntry, Product, Redemption, RedemptionLine, StockMove, User,
)
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.shop import drawer, money


def _day_range(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time.min)
    return start, start + dt.timedelta(days=1)


def _may_view(actor: Actor) -> None:
    # the cashier closes her own till; the office reads every report
    if not actor.can(Permission.SHOP_REDEEM):
        require(actor, Permission.REPORT_VIEW)


# Columns declared once: (key, header). Screens and exports both use them.
REDEMPTION_COLUMNS = [("id", "单号"), ("time", "时间"), ("household_no", "户号"), ("head_name", "户主"),
                      ("group", "小组"), ("items", "商品"), ("points", "积分"), ("cash", "现金（元）"),
                      ("cashier", "收银员"),
                      ("status", "状态")]
PRODUCT_COLUMNS = [("sku", "条码"), ("name", "商品"), ("unit", "单位"), ("out_qty", "兑出数量"),
                   ("back_qty", "作废退回"), ("net_qty", "净兑出"), ("points", "净积分")]
CASHIER_COLUMNS = [("cashier", "收银员"), ("count", "兑换笔数"), ("points", "兑换积分"), ("voids", "作废笔数"),
                   ("void_points", "退回积分"), ("net_points", "净积分"), ("cash", "应收现金（元）"),
                   ("counted", "点钞（元）"), ("difference", "差额（元）"), ("count_reason", "差额原因")]
INVENTORY_COLUMNS = [("sku", "条码"), ("name", "商品"), ("category", "类别"), ("unit", "单位"), ("price", "积分价"),
                     ("stock", "库存"), ("low_stock", "预警数量"), ("state", "状态"), ("in_budget", "采购入库"),
                     ("in_donation", "捐赠入库"), ("redeemed", "净兑出"), ("out", "出库"), ("adjusted", "调整与盘点")]
HOUSEHOLD_COLUMNS = [("household_no", "户号"), ("head_name", "户主"), ("group", "小组"), ("count", "兑换笔数"),
                     ("items", "商品件数"), ("points", "兑换积分")]


@dataclass
class DailyClose:
    day: dt.date
    redemptions: list[dict] = field(default_factory=list)  # made that day (REDEMPTION_COLUMNS keys)
    products: list[dict] = field(default_factory=list)     # PRODUCT_COLUMNS keys
    cashiers: list[dict] = field(default_factory=list)     # CASHIER_COLUMNS keys
    redeemed_count: int = 0
    redeemed_points: int = 0   # all redemptions made that day, including those voided later
    void_count: int = 0
    void_points: int = 0       # redemptions voided that day (made that day or earlier)
    ledger_net: int = 0        # points the ledger says the shop took that day
    cash_fen: int = 0          # money taken by that day's redemptions (分), including those voided later
    void_cash_fen: int = 0     # money given back by that day's voids
    uncounted: list[str] = field(default_factory=list)   # cashiers with cash to account for and no count yet
    unbalanced: list[str] = field(default_factory=list)  # cashiers whose count differs from the books

    @property
    def net_points(self) -> int:
        return self.redeemed_points - self.void_points

    @property
    def net_cash_fen(self) -> int:
        return self.cash_fen - self.void_cash_fen

    @property
    def balanced(self) -> bool:
        return self.net_points == self.ledger_net


def daily_close(*, actor: Actor, day: dt.date) -> DailyClose:
    _may_view(actor)
    start, end = _day_range(day)
    report = DailyClose(day)
    made = list(Redemption.select(Redemption, Household, Group, User)
                .join(Household).join(Group).switch(Redemption).join(User, on=Redemption.created_by)
                .where(Redemption.created_at >= start, Redemption.created_at < end)
                .order_by(Redemption.created_at, Redemption.id))
    voided = list(Redemption.select(Redemption, User).join(User, on=Redemption.voided_by)
                  .where(Redemption.voided_at >= start, Redemption.voided_at < end))
    touched = [r.id for r in made] + [r.id for r in voided]
    lines: dict[int, list] = defaultdict(list)
    for start_at in range(0, len(touched), 500):
        for line in (RedemptionLine.select(RedemptionLine, Product).join(Product)
                     .where(RedemptionLine.redemption.in_(touched[start_at:start_at + 500]))
                     .order_by(RedemptionLine.id)):
            lines[line.redemption_id].append(line)
    per_product: dict[int, dict] = {}
    per_cashier: dict[int, dict] = {}

    def product_row(p: Product) -> dict:
        return per_product.setdefault(p.id, {"sku": p.sku, "name": p.name, "unit": p.unit, "out_qty": 0,
                                             "back_qty": 0, "net_qty": 0, "points": 0})

    def cashier_row(user: User) -> dict:
        name = user.display_name or user.username
        return per_cashier.setdefault(user.id, {"cashier": name, "count": 0, "points": 0, "voids": 0,
                                                "void_points": 0, "net_points": 0, "cash_fen": 0})

    def tally(r: Redemption, cashier: User, count: str, points: str, quantity: str, sign: int) -> None:
        """A redemption (``sign`` +1) or its void (-1) on its cashier's row and on its products' rows."""
        row = cashier_row(cashier)
        row[count] += 1
        row[points] += r.total_points
        row["cash_fen"] += sign * r.cash_fen
        for line in lines[r.id]:
            p = product_row(line.product)
            p[quantity] += line.quantity
            p["points"] += sign * line.points

    for r in made:
        report.redeemed_count += 1
        report.redeemed_points += r.total_points
        report.cash_fen += r.cash_fen
        tally(r, r.created_by, "count", "points", "out_qty", +1)
        report.redemptions.append({
            "id": r.id, "time": r.created_at.strftime("%H:%M:%S"), "household_no": r.household.household_no,
            "head_name": r.household.head_name, "group": r.household.group.name,
            "items": "、".join(f"{l.product.name}×{l.quantity}" for l in lines[r.id]), "points": r.total_points,
            "cash": money.yuan(r.cash_fen) if r.cash_fen else "",
            "cashier": r.created_by.display_name or r.created_by.username,
            "status": "已作废" if r.status == Redemption.STATUS_VOIDED else "已兑换"})
    for r in voided:
        report.void_count += 1
        report.void_points += r.total_points
        report.void_cash_fen += r.cash_fen
        tally(r, r.voided_by, "voids", "void_points", "back_qty", -1)
    for p in per_product.values():
        p["net_qty"] = p["out_qty"] - p["back_qty"]
    counts = drawer.counts_of(day)
    for uid, count in counts.items():
        if uid not in per_cashier:  # counted a drawer with no sale that day
            per_cashier[uid] = {"cashier": count.cashier, "count": 0, "points": 0, "voids": 0, "void_points": 0,
                                "net_points": 0, "cash_fen": 0}
    for uid, c in per_cashier.items():
        c["net_points"] = c["points"] - c["void_points"]
        c["cash"] = money.yuan(c["cash_fen"])
        count = counts.get(uid)
        c["counted"] = money.yuan(count.counted_fen) if count else ""
        c["difference"] = money.yuan(count.counted_fen - c["cash_fen"]) if count else ""
        c["count_reason"] = count.reason if count else ""
        if count is None and c["cash_fen"]:
            report.uncounted.append(c["cashier"])
        elif count is not None and count.counted_fen != c["cash_fen"]:
            report.unbalanced.append(c["cashier"])
    report.products = sorted(per_product.values(), key=lambda p: (-p["net_qty"], p["name"]))
    report.cashiers = sorted(per_cashier.values(), key=lambda c: c["cashier"])
    report.ledger_net = _ledger_net(start, end)
    return report


def _ledger_net(start: dt.datetime, end: dt.datetime) -> int:
    """Points the ledger moved through the shop in [start, end): redemptions minus their reversals."""
    spent = (LedgerEntry.select(fn.COALESCE(fn.SUM(LedgerEntry.points), 0))
             .where(LedgerEntry.kind == EntryKind.REDEMPTION, LedgerEntry.created_at >= start,
                    LedgerEntry.created_at < end).scalar())
    original = LedgerEntry.alias()
    back = (LedgerEntry.select(fn.COALESCE(fn.SUM(LedgerEntry.points), 0))
            .join(original, on=(LedgerEntry.reverses == original.id))
            .where(LedgerEntry.kind == EntryKind.REVERSAL, original.kind == EntryKind.REDEMPTION,
                   LedgerEntry.created_at >= start, LedgerEntry.created_at < end).scalar())
    return -int(spent or 0) - int(back or 0)


def inventory(*, actor: Actor, start: dt.date | None = None, end: dt.date | None = None,
              include_inactive: bool = True) -> list[dict]:
    """Every product with its stock and, for the period (all time by default), its moves by kind."""
    _may_view(actor)
    query = StockMove.select(StockMove.product, StockMove.kind, StockMove.source, fn.SUM(StockMove.quantity))
    if start:
        query = query.where(StockMove.created_at >= dt.datetime.combine(start, dt.time.min))
    if end:
        query = query.where(StockMove.created_at < _day_range(end)[1])
    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for product_id, kind, source, total in query.group_by(StockMove.product, StockMove.kind, StockMove.source).tuples():
        total = int(total or 0)
        if kind == StockMove.KIND_IN:
            sums[product_id]["in_donation" if source == StockMove.SOURCE_DONATION else "in_budget"] += total
        elif kind in (StockMove.KIND_REDEEM, StockMove.KIND_VOID):
            sums[product_id]["redeemed"] -= total
        elif kind == StockMove.KIND_OUT:
            sums[product_id]["out"] -= total
        else:
            sums[product_id]["adjusted"] += total
    products = Product.select().order_by(Product.category, Product.name)
    if not include_inactive:
        products = products.where(Product.active == True)  # noqa: E712
    rows = []
    for p in products:
        state = "已下架" if not p.active else ("缺货" if p.stock <= 0 else ("库存不足" if p.stock <= p.low_stock else "正常"))
        s = sums.get(p.id, {})
        rows.append({"id": p.id, "sku": p.sku, "name": p.name, "category": p.category, "unit": p.unit,
                     "price": p.price, "stock": p.stock, "low_stock": p.low_stock, "state": state,
                     "in_budget": s.get("in_budget", 0), "in_donation": s.get("in_donation", 0),
                     "redeemed": s.get("redeemed", 0), "out": s.get("out", 0), "adjusted": s.get("adjusted", 0)})
    return rows


def by_household(*, actor: Actor, start: dt.date, end: dt.date, household_id: int | None = None,
                 village_id: int | None = None) -> list[dict]:
    """Redemptions (not voided) per household in [start, end], most points first."""
    _may_view(actor)
    s, e = dt.datetime.combine(start, dt.time.min), _day_range(end)[1]
    items = (RedemptionLine.select(RedemptionLine.redemption, fn.SUM(RedemptionLine.quantity).alias("n"))
             .group_by(RedemptionLine.redemption).alias("items"))
    query = (Redemption
             .select(Household.id, Household.household_no, Household.head_name, Group.name.alias("group"),
                     fn.COUNT(Redemption.id).alias("count"), fn.SUM(items.c.n).alias("items"),
                     fn.SUM(Redemption.total_points).alias("points"))
             .join(Household).join(Group).switch(Redemption)
             .join(items, on=(items.c.redemption_id == Redemption.id))
             .where(Redemption.status == Redemption.STATUS_DONE, Redemption.created_at >= s, Redemption.created_at < e)
             .group_by(Household.id, Household.household_no, Household.head_name, Group.name)
             .order_by(fn.SUM(Redemption.total_points).desc(), Household.household_no))
    if household_id:
        query = query.where(Redemption.household == household_id)
    if village_id:
        query = query.where(Household.village == village_id)
    return [{"household_id": r["id"], "household_no": r["household_no"], "head_name": r["head_name"],
             "group": r["group"], "count": int(r["count"]), "items": int(r["items"] or 0),
             "points": int(r["points"] or 0)} for r in query.dicts()]


def redemptions(*, actor: Actor, start: dt.date, end: dt.date, household_id: int | None = None,
                limit: int = 2000) -> list[dict]:
    """Single redemptions in [start, end] (newest first), with REDEMPTION_COLUMNS keys."""
    _may_view(actor)
    s, e = dt.datetime.combine(start, dt.time.min), _day_range(end)[1]
    query = (Redemption.select(Redemption, Household, Group, User)
             .join(Household).join(Group).switch(Redemption).join(User, on=Redemption.created_by)
             .where(Redemption.created_at >= s, Redemption.created_at < e)
             .order_by(Redemption.created_at.desc(), Redemption.id.desc()).limit(limit))
    if household_id:
        query = query.where(Redemption.household == household_id)
    rows = list(query)
    lines: dict[int, list] = defaultdict(list)
    ids = [r.id for r in rows]
    for at in range(0, len(ids), 500):
        for line in (RedemptionLine.select(RedemptionLine, Product).join(Product)
                     .where(RedemptionLine.redemption.in_(ids[at:at + 500]))):
            lines[line.redemption_id].append(line)
    return [{"id": r.id, "time": r.created_at.strftime("%Y-%m-%d %H:%M"), "household_no": r.household.household_no,
             "head_name": r.household.head_name, "group": r.household.group.name,
             "items": "、".join(f"{l.product.name}×{l.quantity}" for l in lines[r.id]), "points": r.total_points,
             "cash": money.yuan(r.cash_fen) if r.cash_fen else "",
             "cashier": r.created_by.display_name or r.created_by.username,
             "status": "已作废" if r.status == Redemption.STATUS_VOIDED else "已兑换"} for r in rows]
