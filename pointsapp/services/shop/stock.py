"""库存: stock-in (budget or donation), stock-out, adjustment and stocktake (盘点).

Every change of stock is a signed ``StockMove``; ``Product.stock`` is the cached sum,
moved in the same transaction (``check`` proves they agree). Nothing here may leave
stock below zero.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from pointsapp import clock
from pointsapp.db import is_sqlite, write_transaction
from pointsapp.models import Product, StockMove, Stocktake, StocktakeLine, now
from pointsapp.services import audit, limits
from pointsapp.services.register import textnorm
from pointsapp.services.signing import writes as signing
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import translate

SOURCE_LABELS = {StockMove.SOURCE_BUDGET: "村集体经费采购", StockMove.SOURCE_DONATION: "爱心捐赠"}
KIND_LABELS = {StockMove.KIND_IN: "入库", StockMove.KIND_OUT: "出库", StockMove.KIND_ADJUST: "调整",
               StockMove.KIND_REDEEM: "兑换", StockMove.KIND_VOID: "作废退回", StockMove.KIND_STOCKTAKE: "盘点"}


def _positive(quantity) -> int:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        raise UserError(translate("services.stock", "数量必须是正整数。"))
    return limits.bounded(quantity, translate("services.stock", "一次出入库的数量"), 1, limits.STOCK_MOVE)


def locked_product(product_id: int) -> Product:
    query = Product.select().where(Product.id == product_id)
    if not is_sqlite():
        query = query.for_update()
    product = query.first()
    if product is None:
        raise UserError(translate("services.stock", "商品 #{0} 不存在。").format(product_id))
    return product


def move_stock(actor: Actor, product: Product, kind: str, quantity: int, **fields) -> StockMove:
    if product.stock + quantity > limits.STOCK_ON_HAND:
        raise UserError(translate("services.stock", "“{0}”的库存最多 {1}，现有 {2}，不能再增加 {3}。").format(
            product.name, f"{limits.STOCK_ON_HAND:,}", product.stock, quantity))
    if product.stock + quantity < 0:
        raise UserError(translate("services.stock", "“{0}”库存只有 {1}{2}，不能减少 {3}{2}。").format(
            product.name, product.stock, product.unit, -quantity))
    move = StockMove.create(product=product.id, kind=kind, quantity=quantity, created_by=actor.user_id,
                            created_at=fields.pop("created_at", None) or now(), **fields)
    Product.update(stock=Product.stock + quantity).where(Product.id == product.id).execute()
    product.stock += quantity
    signing.sign_shop(by=actor.user_id, move_ids=[move.id])
    return move


def stock_in(*, actor: Actor, product_id: int, quantity: int, source: str = StockMove.SOURCE_BUDGET,
             donor: str = "", note: str = "", expires_on: dt.date | None = None, produced_on: dt.date | None = None,
             unit_cost_fen: int | None = None) -> StockMove:
    """入库: goods bought with the village budget, or donated (the donor's name is required).

    A stock-in is a lot: its production date gives its expiry through the product's shelf life (an expiry date
    given is kept as it is), and its cost per unit (fen) values the stock on hand."""
    require(actor, Permission.STOCK_EDIT)
    quantity = _positive(quantity)
    if unit_cost_fen is not None:
        unit_cost_fen = limits.bounded(unit_cost_fen, translate("services.stock", "进价（分）"), 0, 100_000_000)
    if produced_on is not None and produced_on > clock.today():
        raise UserError(translate("services.stock", "生产日期 {0} 还没到。").format(produced_on.isoformat()))
    if produced_on is not None and expires_on is not None and expires_on < produced_on:
        raise UserError(translate("services.stock", "到期日不能早于生产日期。"))
    donor = textnorm.checked(donor, translate("services.stock", "捐赠人"), max_length=80)
    if source not in SOURCE_LABELS:
        raise UserError(translate("services.stock", "入库来源只能是“村集体经费采购”或“爱心捐赠”。"))
    if source == StockMove.SOURCE_DONATION and not donor:
        raise UserError(translate("services.stock", "捐赠入库必须填写捐赠人或单位名称。"))
    if source == StockMove.SOURCE_BUDGET:
        donor = ""
    with write_transaction():
        product = locked_product(product_id)
        if expires_on is None and produced_on is not None and product.shelf_life_days:
            expires_on = produced_on + dt.timedelta(days=product.shelf_life_days)
        move = move_stock(actor, product, StockMove.KIND_IN, quantity, source=source, donor=donor[:80],
                          reason=textnorm.free_text(note, translate("services.stock", "备注")), expires_on=expires_on,
                          produced_on=produced_on, unit_cost_fen=unit_cost_fen)
        audit.record(actor, "stock.in", "product", product.id, None,
                     {"quantity": quantity, "source": source, "donor": donor, "stock": product.stock})
    return move


def stock_out(*, actor: Actor, product_id: int, quantity: int, reason: str) -> StockMove:
    """出库 for anything but a redemption: spoiled, damaged, expired, returned to the supplier …"""
    require(actor, Permission.STOCK_EDIT)
    quantity = _positive(quantity)
    reason = textnorm.free_text(reason, translate("services.stock", "原因"))
    if not reason:
        raise UserError(translate("services.stock", "出库必须填写原因（如：过期、破损）。"))
    with write_transaction():
        product = locked_product(product_id)
        move = move_stock(actor, product, StockMove.KIND_OUT, -quantity, reason=reason)
        audit.record(actor, "stock.out", "product", product.id, None,
                     {"quantity": quantity, "reason": reason, "stock": product.stock})
    return move


def adjust(*, actor: Actor, product_id: int, delta: int, reason: str) -> StockMove:
    """调整: a signed correction of the books with a reason."""
    require(actor, Permission.STOCK_EDIT)
    if not isinstance(delta, int) or isinstance(delta, bool) or delta == 0:
        raise UserError(translate("services.stock", "调整数量必须是不为 0 的整数（正数增加，负数减少）。"))
    limits.bounded(delta, translate("services.stock", "调整数量"), -limits.STOCK_MOVE, limits.STOCK_MOVE)
    reason = textnorm.free_text(reason, translate("services.stock", "原因"))
    if not reason:
        raise UserError(translate("services.stock", "库存调整必须填写原因。"))
    with write_transaction():
        product = locked_product(product_id)
        move = move_stock(actor, product, StockMove.KIND_ADJUST, delta, reason=reason)
        audit.record(actor, "stock.adjust", "product", product.id, None,
                     {"delta": delta, "reason": reason, "stock": product.stock})
    return move


@dataclass(frozen=True)
class StocktakeDifference:
    product_id: int
    name: str
    expected: int
    counted: int

    @property
    def difference(self) -> int:
        return self.counted - self.expected


def record_stocktake(*, actor: Actor, counts: dict[int, int], note: str = "") -> tuple[Stocktake, list[StocktakeDifference]]:
    """盘点: counted quantities against the books. Each difference becomes a stocktake move.

    ``counts`` maps product id to the counted quantity; products not counted are left alone.
    """
    require(actor, Permission.STOCK_EDIT)
    if not counts:
        raise UserError(translate("services.stock", "盘点至少要录入一种商品的实盘数量。"))
    for pid, counted in counts.items():
        if not isinstance(counted, int) or isinstance(counted, bool) or counted < 0:
            raise UserError(translate("services.stock", "实盘数量必须是不小于 0 的整数。"))
        limits.bounded(counted, translate("services.stock", "实盘数量"), 0, limits.STOCK_ON_HAND)
    differences: list[StocktakeDifference] = []
    with write_transaction():
        take = Stocktake.create(created_by=actor.user_id, created_at=now(), note=textnorm.free_text(note, translate("services.stock", "备注")))
        for pid in sorted(counts):
            product = locked_product(pid)
            counted = counts[pid]
            StocktakeLine.create(stocktake=take, product=pid, expected=product.stock, counted=counted)
            diff = StocktakeDifference(pid, product.name, product.stock, counted)
            if diff.difference:
                move_stock(actor, product, StockMove.KIND_STOCKTAKE, diff.difference, stocktake=take.id,
                      reason=f"盘点 #{take.id}：账面 {diff.expected}，实盘 {counted}")
                differences.append(diff)
        audit.record(actor, "stock.stocktake", "stocktake", take.id, None,
                     {"counted": len(counts), "differences": [(d.product_id, d.difference) for d in differences]})
    return take, differences


@dataclass(frozen=True)
class MoveRow:
    id: int
    created_at: dt.datetime
    product: str
    kind: str
    kind_label: str
    quantity: int
    source: str
    donor: str
    reason: str
    operator: str


def list_moves(*, actor: Actor, product_id: int | None = None, kinds: Sequence[str] | None = None,
               start: dt.date | None = None, end: dt.date | None = None, limit: int = 500) -> list[MoveRow]:
    """Stock moves, newest first (for the stock screen and donation receipts)."""
    if not actor.can(Permission.REPORT_VIEW):  # the office reads reports; the shop keeps its own books
        require(actor, Permission.STOCK_EDIT)
    from pointsapp.models import User

    query = (StockMove.select(StockMove, Product.name, User.display_name, User.username)
             .join(Product).switch(StockMove).join(User, on=StockMove.created_by)
             .order_by(StockMove.created_at.desc(), StockMove.id.desc()).limit(limit))
    if product_id:
        query = query.where(StockMove.product == product_id)
    if kinds:
        query = query.where(StockMove.kind.in_(list(kinds)))
    if start:
        query = query.where(StockMove.created_at >= dt.datetime.combine(start, dt.time.min))
    if end:
        query = query.where(StockMove.created_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return [MoveRow(m.id, m.created_at, m.product.name, m.kind, KIND_LABELS.get(m.kind, m.kind), m.quantity,
                    SOURCE_LABELS.get(m.source, ""), m.donor, m.reason,
                    m.created_by.display_name or m.created_by.username) for m in query]


# where stock comes from, for the screens' choosers (the values a stock-in's ``source`` takes)
SOURCE_BUDGET, SOURCE_DONATION = StockMove.SOURCE_BUDGET, StockMove.SOURCE_DONATION
