"""Demo data for the points supermarket: products, budget purchases and donations, a year of redemptions.

Runs once per demo year: the products are made the first time, stock carries over.

Redemptions are simulated household by household in time order, so each one only spends
points the household had at that moment (``check``'s no-overspending rule holds), and the
month's stock-in is made from what the month will need. Everything is written in bulk,
ledger entries through ``ledger.append`` like any redemption.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from itertools import groupby
from typing import TYPE_CHECKING

from peewee import fn

from pointsapp.db.bulk import insert_rows
from pointsapp.models import (
    EntryKind, EntryStatus, Household, HouseholdBalance, LedgerEntry, Product, Redemption, RedemptionLine, StockMove, User, now,
)
from pointsapp.services import audit
from pointsapp.services.shop import products
from pointsapp.errors import UserError
from pointsapp.services.scoring.ledger import EntryDraft, append

if TYPE_CHECKING:
    from pointsapp.demo import DemoContext

# name, points price, category, unit, popularity (relative), case size for purchases
CATALOGUE = [
    ("食盐", 5, "粮油调味", "袋", 30, 20), ("酱油", 10, "粮油调味", "瓶", 25, 12), ("香醋", 8, "粮油调味", "瓶", 12, 12),
    ("食用油 5L", 60, "粮油调味", "桶", 14, 4), ("大米 10kg", 80, "粮油调味", "袋", 10, 5),
    ("面粉 5kg", 30, "粮油调味", "袋", 9, 5), ("挂面", 6, "粮油调味", "把", 18, 20), ("白糖", 8, "粮油调味", "袋", 10, 10),
    ("味精", 6, "粮油调味", "袋", 8, 10), ("料酒", 7, "粮油调味", "瓶", 6, 12),
    ("洗衣粉", 25, "日用品", "袋", 16, 10), ("洗衣液", 30, "日用品", "瓶", 12, 8), ("洗洁精", 10, "日用品", "瓶", 18, 12),
    ("肥皂", 4, "日用品", "块", 20, 24), ("香皂", 5, "日用品", "块", 14, 24), ("牙膏", 12, "日用品", "支", 16, 12),
    ("牙刷", 4, "日用品", "支", 12, 24), ("毛巾", 15, "日用品", "条", 14, 10), ("卫生纸", 20, "日用品", "提", 18, 6),
    ("洗发水", 25, "日用品", "瓶", 9, 8), ("垃圾袋", 5, "日用品", "卷", 16, 20), ("拖把", 25, "日用品", "把", 4, 5),
    ("扫帚", 15, "日用品", "把", 5, 5), ("水桶", 20, "日用品", "个", 4, 5),
    ("枕巾", 20, "家居", "对", 4, 6), ("保温壶", 45, "家居", "个", 3, 4), ("不锈钢盆", 30, "家居", "个", 3, 6),
    ("作业本", 3, "文具", "本", 10, 50), ("铅笔", 2, "文具", "支", 8, 50), ("书包", 60, "文具", "个", 2, 4),
    ("电饭煲", 300, "家电", "台", 1, 2), ("电水壶", 120, "家电", "个", 1, 2), ("电风扇", 200, "家电", "台", 1, 2),
    ("台灯", 80, "家电", "个", 1, 3),
    ("鸡蛋", 15, "食品", "盒", 14, 10), ("牛奶", 50, "食品", "箱", 6, 5), ("饼干", 10, "食品", "袋", 10, 12),
    ("化肥", 100, "农资", "袋", 3, 5), ("蔬菜种子", 20, "农资", "包", 4, 10), ("劳保手套", 3, "农资", "双", 12, 24),
]
DONORS = ["青山镇供销社", "红星米业有限公司", "乡贤王建国", "乡贤李德明", "县农商银行青山支行", "青山纺织厂",
          "爱心人士刘秀英", "桃源家电城"]
DONATED_CATEGORIES = {"粮油调味", "日用品", "食品", "家电"}
# A township shop sells more: the same goods in other packs (name suffix, price factor)
VARIANTS = [("家庭装", 1.8), ("实惠装", 0.9), ("精选", 1.3), ("大包装", 2.5), ("小包装", 0.6), ("礼盒装", 3.0),
            ("经济装", 0.8), ("加量装", 1.5)]
MAX_PRODUCTS = len(CATALOGUE) * (1 + len(VARIANTS))


def catalogue_rows(count: int | None = None) -> list[tuple]:
    """``count`` catalogue rows (default: the base catalogue): the base goods first, then their other packs."""
    count = len(CATALOGUE) if count is None else count
    if not 1 <= count <= MAX_PRODUCTS:
        raise UserError(f"演示商品数必须在 1 到 {MAX_PRODUCTS} 之间。")
    rows = list(CATALOGUE[:count])
    for k in range(count - len(rows)):
        name, price, category, unit, pop, case = CATALOGUE[k % len(CATALOGUE)]
        suffix, factor = VARIANTS[k // len(CATALOGUE)]
        rows.append((f"{name}（{suffix}）", max(1, round(price * factor)), category, unit, max(1, pop // 3), case))
    return rows


def ean13(body12: str) -> str:
    """A valid EAN-13 barcode from its first 12 digits (so real scanners accept the printed labels)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


def _make_products(ctx: DemoContext, items: list[tuple]) -> list[Product]:
    """The shop's products: made the first demo year, the same ones (stock and all) afterwards."""
    existing = list(Product.select().order_by(Product.id))
    if existing:
        return existing
    made = []
    for i, (name, price, category, unit, _pop, case) in enumerate(items):
        made.append(products.create_product(actor=ctx.admin, data=products.ProductData(
            sku=ean13(f"69{ctx.rng.randint(10000, 99999)}{i:05d}"), name=name, price=price, category=category,
            unit=unit, low_stock=max(3, case // 2), shelf_life_days=365 if category in ("食品", "粮油调味") else None)))
    return made


def _timelines(household_ids: set[int], since: dt.datetime):
    """Each household's balance before ``since``, and its effective entries from then on as
    (effective_at, points), in the order they took effect (earlier years are summed in SQL)."""
    opening = dict(LedgerEntry.select(LedgerEntry.household, fn.SUM(LedgerEntry.points))
                   .where(LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.effective_at < since)
                   .group_by(LedgerEntry.household).tuples())
    query = (LedgerEntry.select(LedgerEntry.household, LedgerEntry.effective_at, LedgerEntry.points)
             .where(LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.effective_at >= since)
             .order_by(LedgerEntry.household, LedgerEntry.effective_at, LedgerEntry.seq).tuples())
    for household, rows in groupby(query.iterator(), key=lambda r: r[0]):
        if household in household_ids:
            yield household, opening.get(household, 0), [(r[1], r[2]) for r in rows]


def _append_returning_ids(drafts: list[EntryDraft], created_by: int) -> list[int]:
    """``ledger.append`` in bulk, then the new ids by (household, seq) among rows above the old maximum id.

    (``append(return_ids=True)`` finds ids by hash, which has no index: too slow for 100,000 rows.)
    """
    households = {d.household_id for d in drafts}
    last = {h: s for h, s in HouseholdBalance.select(HouseholdBalance.household, HouseholdBalance.last_seq).tuples()
            if h in households}
    keys = []
    for d in drafts:  # append numbers each household's entries on from its last seq, in draft order
        last[d.household_id] = last.get(d.household_id, 0) + 1
        keys.append((d.household_id, last[d.household_id]))
    before = LedgerEntry.select(fn.MAX(LedgerEntry.id)).scalar() or 0
    append(drafts, created_by=created_by, return_ids=False)
    found = {(h, s): i for i, h, s in LedgerEntry.select(LedgerEntry.id, LedgerEntry.household, LedgerEntry.seq)
             .where(LedgerEntry.id > before).tuples()}
    return [found[k] for k in keys]


def shop_step(ctx: DemoContext) -> None:
    rng = ctx.rng
    items = catalogue_rows(ctx.products)
    catalogue = _make_products(ctx, items)
    weights = [c[4] for c in items]
    cashiers = [u.id for u in User.select().where(User.username.in_(["shouyin", "admin"])).order_by(User.username.desc())]
    households = dict(Household.select(Household.id, Household.village).where(
        Household.status == Household.STATUS_ACTIVE).tuples())
    stamp_now = now()
    last_month = ctx.today.month if ctx.today.year == ctx.year else 12
    # one basket: (household, village, time, cashier, [(product index, qty)], total)
    baskets: list[tuple] = []
    for household, opening, timeline in _timelines(set(households), dt.datetime(ctx.year, 1, 1)):
        habit = rng.random()  # some families come often, some rarely
        visits = []
        for month in range(1, last_month + 1):
            if rng.random() < (0.15 + 0.35 * habit) * ctx.activity:  # fewer came while the scheme was new
                day = rng.randint(2, 28)
                when = dt.datetime(ctx.year, month, day, rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59))
                if when < stamp_now:
                    visits.append(when)
        balance, at = opening, 0
        for when in sorted(visits):
            while at < len(timeline) and timeline[at][0] is not None and timeline[at][0] <= when:
                balance += timeline[at][1]
                at += 1
            if balance < 5:
                continue
            lines, total = {}, 0
            for _ in range(rng.randint(1, 4)):
                index = rng.choices(range(len(items)), weights)[0]
                qty = rng.choice((1, 1, 1, 2, 2, 3))
                cost = items[index][1] * qty
                if total + cost <= balance:
                    lines[index] = lines.get(index, 0) + qty
                    total += cost
            if balance - total >= 80 and rng.random() < 0.25:  # a family that saved up takes home an appliance
                big = [i for i, c in enumerate(items) if c[2] == "家电" and c[1] <= balance - total]
                if big:
                    index = rng.choice(big)
                    lines[index] = lines.get(index, 0) + 1
                    total += items[index][1]
            if lines:
                balance -= total
                cashier = cashiers[-1] if when.weekday() == 6 and len(cashiers) > 1 else cashiers[0]
                baskets.append((household, households[household], when, cashier, sorted(lines.items()), total))
    ctx.progress(f"积分超市：{len(baskets)} 笔兑换已模拟")
    _write(ctx, items, catalogue, baskets, last_month)


def _write(ctx: DemoContext, items: list[tuple], catalogue: list[Product], baskets: list[tuple],
           last_month: int) -> None:
    rng = ctx.rng
    first = Redemption.select().count()  # tokens go on from the earlier years'
    since = Redemption.select(fn.MAX(Redemption.id)).scalar() or 0
    baskets.sort(key=lambda b: b[2])
    entry_ids: list[int] = [0] * len(baskets)
    by_cashier: dict[int, list[int]] = defaultdict(list)
    for i, b in enumerate(baskets):
        by_cashier[b[3]].append(i)
    for cashier, indexes in by_cashier.items():
        for start in range(0, len(indexes), 20000):
            chunk = indexes[start:start + 20000]
            drafts = [EntryDraft(
                household_id=baskets[i][0], village_id=baskets[i][1], kind=EntryKind.REDEMPTION, points=-baskets[i][5],
                earned=False, occurred_on=baskets[i][2].date(), created_at=baskets[i][2],
                note="积分超市兑换：" + "、".join(f"{catalogue[p].name}×{q}" for p, q in baskets[i][4]))
                for i in chunk]
            for i, entry_id in zip(chunk, _append_returning_ids(drafts, cashier)):
                entry_ids[i] = entry_id
    rows = [{"token": f"demo-{first + i:07d}", "household": b[0], "card_serial": None, "total_points": b[5],
             "status": Redemption.STATUS_DONE, "ledger_entry": entry_ids[i], "created_by": b[3], "created_at": b[2],
             "void_reason": ""} for i, b in enumerate(baskets)]
    insert_rows(Redemption, rows)
    ids = {int(token[5:]) - first: rid for token, rid in Redemption.select(Redemption.token, Redemption.id).where(
        Redemption.id > since, Redemption.token.startswith("demo-")).tuples()}
    line_rows, move_rows = [], []
    demand: dict[tuple[int, int], int] = defaultdict(int)  # (product index, month) -> quantity
    for i, b in enumerate(baskets):
        rid = ids[i]
        for index, qty in b[4]:
            product = catalogue[index]
            line_rows.append({"redemption": rid, "product": product.id, "quantity": qty, "unit_price": product.price,
                              "points": product.price * qty})
            move_rows.append({"product": product.id, "kind": StockMove.KIND_REDEEM, "quantity": -qty, "source": "",
                              "donor": "", "reason": "", "redemption": rid, "created_by": b[3], "created_at": b[2]})
            demand[(index, b[2].month)] += qty
    _voids(ctx, catalogue, baskets, ids, move_rows, demand)
    admin = ctx.admin.user_id
    level = [p.stock for p in catalogue]  # stock on the shelf, month by month
    for month in range(1, last_month + 1):
        for index, product in enumerate(catalogue):
            name, _price, category, _unit, _pop, case = items[index]
            need = demand.get((index, month), 0)
            target = math.ceil(need * 1.1) + product.low_stock + 1  # what the office orders for: the month and a bit
            qty = math.ceil((target - level[index]) / case) * case if level[index] < target else 0
            level[index] += qty - need
            if not qty:
                continue
            donated = category in DONATED_CATEGORIES and rng.random() < 0.12
            move_rows.append({
                "product": product.id, "kind": StockMove.KIND_IN, "quantity": qty,
                "source": StockMove.SOURCE_DONATION if donated else StockMove.SOURCE_BUDGET,
                "donor": rng.choice(DONORS) if donated else "",
                "reason": "爱心捐赠" if donated else f"{month}月村集体经费采购", "redemption": None,
                "created_by": admin, "created_at": dt.datetime(ctx.year, month, 1, 7, 30)})
    moves_before = StockMove.select(fn.MAX(StockMove.id)).scalar() or 0
    insert_rows(RedemptionLine, line_rows)
    insert_rows(StockMove, move_rows)
    _sign(since, moves_before)
    totals: dict[int, int] = {p.id: p.stock for p in catalogue}
    for m in move_rows:
        totals[m["product"]] += m["quantity"]
    for product in catalogue:
        product.stock = totals[product.id]
        Product.update(stock=product.stock).where(Product.id == product.id).execute()
    audit.record(ctx.admin, "demo.shop", "shop", "", None,
                 {"products": len(catalogue), "redemptions": len(baskets), "stock_moves": len(move_rows)})
    ctx.progress(f"积分超市：{len(catalogue)} 种商品，{len(baskets)} 笔兑换已生成")


def _sign(redemptions_before: int, moves_before: int) -> None:
    """What the year's shop wrote in bulk, signed as the till signs it: by each cashier's (and the office's) key."""
    from pointsapp.services.signing import writes as signing

    moves: dict[int, list[int]] = defaultdict(list)
    for move_id, user in StockMove.select(StockMove.id, StockMove.created_by).where(
            StockMove.id > moves_before, StockMove.redemption.is_null()).tuples():  # the others: with their redemption
        moves[user].append(move_id)
    redemptions: dict[int, list[int]] = defaultdict(list)
    for redemption_id, user in Redemption.select(Redemption.id, Redemption.created_by).where(
            Redemption.id > redemptions_before).tuples():
        redemptions[user].append(redemption_id)
    for user in sorted(set(moves) | set(redemptions)):
        signing.sign_shop(by=user, redemption_ids=redemptions[user], move_ids=moves[user])


def _voids(ctx, catalogue, baskets, ids, move_rows, demand) -> None:
    """A few redemptions voided minutes later (wrong item scanned): reversal entries, goods back on the shelf."""
    rng = ctx.rng
    chosen = [i for i in range(len(baskets)) if rng.random() < 0.01][:500] or ([0] if baskets else [])
    if not chosen:
        return
    entries = {e.id: e for e in LedgerEntry.select().where(
        LedgerEntry.id.in_([Redemption.get_by_id(ids[i]).ledger_entry_id for i in chosen]))}
    drafts, picked = [], []
    for i in chosen:
        b = baskets[i]
        redemption = Redemption.get_by_id(ids[i])
        entry = entries[redemption.ledger_entry_id]
        when = min(b[2] + dt.timedelta(minutes=rng.randint(2, 30)), now())
        drafts.append(EntryDraft(household_id=b[0], village_id=b[1], kind=EntryKind.REVERSAL, points=-entry.points,
                                 earned=False, occurred_on=entry.occurred_on, reverses_id=entry.id,
                                 note=f"作废兑换单 #{redemption.id}：扫错了商品", created_at=when))
        picked.append((i, redemption.id, when))
    void_ids = _append_returning_ids(drafts, ctx.admin.user_id)
    for (i, rid, when), void_entry in zip(picked, void_ids):
        Redemption.update(status=Redemption.STATUS_VOIDED, voided_by=ctx.admin.user_id, voided_at=when,
                          void_reason="扫错了商品", void_entry=void_entry).where(Redemption.id == rid).execute()
        for index, qty in baskets[i][4]:
            move_rows.append({"product": catalogue[index].id, "kind": StockMove.KIND_VOID, "quantity": qty,
                              "source": "", "donor": "", "reason": "扫错了商品", "redemption": rid,
                              "created_by": ctx.admin.user_id, "created_at": when})
