"""批次与保质期: every stock-in is a lot with its production and expiry dates; which lots are still on the shelf,
which expire within the warning period (a setting, 60 days by default) or have expired, and writing off the
expired ones (过期报废) with a reason.

The shop hands out the lot that expires first (先到期先出), so the stock on hand is taken to be the lots that expire
last: a product's stock is shared out over its stock-ins from the latest expiry back (lots without a date last of
all, as if they never expire). Whatever the stock holds beyond its recorded lots (a stocktake found more) has no lot.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from pointsapp import clock
from pointsapp.db import cursor_date, settings, write_transaction
from pointsapp.errors import UserError
from pointsapp.models import Product, StockMove
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.register import textnorm
from pointsapp.text import translate

WARNING_SETTING = "shelf_warning_days"
STATE_EXPIRED, STATE_SOON = "expired", "soon"


@dataclass(frozen=True)
class Lot:
    move_id: int
    product_id: int
    product: str
    unit: str
    received_at: dt.datetime
    produced_on: dt.date | None
    expires_on: dt.date | None
    quantity_in: int
    on_hand: int
    unit_cost_fen: int | None
    source: str
    donor: str

    def state(self, today: dt.date, warning_days: int) -> str:
        """"expired", "soon" (within the warning period) or "" for a lot still good."""
        if self.expires_on is None:
            return ""
        if self.expires_on < today:
            return STATE_EXPIRED
        return STATE_SOON if self.expires_on <= today + dt.timedelta(days=warning_days) else ""


def warning_days() -> int:
    return int(settings.get(WARNING_SETTING))


class StockedProduct(NamedTuple):
    """What a lot (and the stock's value) needs of a product, read as a plain row: a township has hundreds."""
    id: int
    name: str
    unit: str
    stock: int
    village_id: int | None


def product_rows(product_ids: list[int] | None = None, *, in_stock: bool = False) -> list[StockedProduct]:
    """Every product (or those of ``product_ids``; ``in_stock``: those with stock) as :class:`StockedProduct`."""
    query = Product.select(Product.id, Product.name, Product.unit, Product.stock, Product.village)
    if in_stock:
        query = query.where(Product.stock > 0)
    if product_ids is not None:
        query = query.where(Product.id.in_(product_ids))
    return [StockedProduct(*row) for row in query.tuples()]


def lots_on_hand(product_ids: list[int] | None = None, *, products: list | None = None,
                 ins: dict[int, list] | None = None) -> list[Lot]:
    """The lots still on the shelf (on_hand > 0), each product's stock shared out over its stock-ins (``products``:
    every product, as :func:`product_rows` or models; ``ins``: every stock-in as :func:`stock_ins` read it, when the
    caller has them already)."""
    if products is None:
        products = product_rows(product_ids, in_stock=True)
    by_id = {p.id: p for p in products if p.stock > 0}
    if not by_id:
        return []
    if ins is None:
        ins = stock_ins(list(by_id))
    lots: list[Lot] = []
    for pid, product in by_id.items():
        lots.extend(allocate(product, product.stock, ins.get(pid, ())))
    return sorted(lots, key=lambda lot: (lot.expires_on or dt.date.max, lot.product, lot.move_id))


def stock_ins(product_ids: list[int] | None = None, *, before: dt.datetime | None = None) -> dict[int, list]:
    """product id → its stock-ins (the columns a lot needs, as plain rows: a township has thousands of them),
    optionally those made before ``before`` only."""
    columns = (StockMove.id, StockMove.product.alias("product_id"), StockMove.created_at, StockMove.produced_on,
               StockMove.expires_on, StockMove.quantity, StockMove.unit_cost_fen, StockMove.source,
               StockMove.donor)
    found: dict[int, list] = defaultdict(list)
    chunks = [None] if product_ids is None else [product_ids[i:i + 500] for i in range(0, len(product_ids), 500)]
    for chunk in chunks:
        query = StockMove.select(*columns).where(StockMove.kind == StockMove.KIND_IN)
        if chunk is not None:
            query = query.where(StockMove.product.in_(chunk))
        if before is not None:
            query = query.where(StockMove.created_at < before)
        # straight from the cursor: peewee's date-time parsing was most of reading a township's stock-ins (the
        # dashboard reads them twice: shelf warnings and points owed)
        for (move_id, product_id, created_at, produced_on, expires_on, quantity, unit_cost_fen, source,
             donor) in StockMove._meta.database.execute(query).fetchall():
            found[product_id].append(StockIn(
                move_id, product_id, _cursor_datetime(created_at), cursor_date(produced_on), cursor_date(expires_on),
                quantity, unit_cost_fen, source, donor))
    return found


class StockIn(NamedTuple):
    """A stock-in as a lot needs it."""
    id: int
    product_id: int
    created_at: dt.datetime
    produced_on: dt.date | None
    expires_on: dt.date | None
    quantity: int
    unit_cost_fen: int | None
    source: str
    donor: str


def _cursor_datetime(value):
    """A date-time straight from the cursor: text on SQLite ("2026-11-25 10:00:00[.123456]"), a datetime on
    PostgreSQL."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def allocate(product: Product | StockedProduct, stock: int, stock_ins: list) -> list[Lot]:
    """``stock`` shared out over ``stock_ins`` from the latest expiry back (the lots still on the shelf)."""
    far = dt.date.max
    left, lots = stock, []
    for move in sorted(stock_ins, key=lambda m: (m.expires_on or far, m.id), reverse=True):
        if left <= 0:
            break
        take = min(left, move.quantity)
        left -= take
        lots.append(Lot(move.id, product.id, product.name, product.unit, move.created_at, move.produced_on,
                        move.expires_on, move.quantity, take, move.unit_cost_fen, move.source, move.donor))
    return lots


@dataclass(frozen=True)
class ShelfWarning:
    lot: Lot
    state: str  # "expired" or "soon"
    days_left: int  # negative when expired


def shelf_warnings(*, today: dt.date | None = None, days: int | None = None,
                   ins: dict[int, list] | None = None, products: list | None = None,
                   on_hand: list[Lot] | None = None) -> list[ShelfWarning]:
    """Lots on hand that have expired or expire within the warning period, soonest first (``ins``: every stock-in,
    as :func:`stock_ins` read it, and ``products``: every product, as :func:`product_rows`, when the caller has
    them already; ``on_hand``: the lots on hand, as :func:`lots_on_hand` gives them)."""
    today = today or clock.today()
    days = warning_days() if days is None else days
    out = []
    for lot in lots_on_hand(ins=ins, products=products) if on_hand is None else on_hand:
        state = lot.state(today, days)
        if state:
            out.append(ShelfWarning(lot, state, (lot.expires_on - today).days))
    return out


def write_off_expired(*, actor: Actor, reason: str, product_ids: list[int] | None = None) -> list[StockMove]:
    """过期报废: every expired lot still on hand leaves the stock, one stock-out per lot, with the reason."""
    require(actor, Permission.STOCK_EDIT)
    reason = textnorm.free_text(reason, translate("services.lots", "原因"), max_length=500)
    if not reason:
        raise UserError(translate("services.lots", "报废过期商品必须填写原因（如：过期销毁）。"))
    from pointsapp.services.shop.stock import locked_product, move_stock

    today = clock.today()
    moves = []
    with write_transaction():
        expired = [lot for lot in lots_on_hand(product_ids) if lot.state(today, 0) == STATE_EXPIRED]
        if not expired:
            raise UserError(translate("services.lots", "没有已过期的库存批次需要报废。"))
        for lot in expired:
            product = locked_product(lot.product_id)
            moves.append(move_stock(actor, product, StockMove.KIND_OUT, -lot.on_hand, reason=translate(
                "services.lots", "过期报废：{0}入库批次（到期 {1}）。{2}").format(
                lot.received_at.date().isoformat(), lot.expires_on.isoformat(), reason)))
        audit.record(actor, "stock.write_off", "product", ",".join(str(lot.product_id) for lot in expired), None,
                     {"lots": [(lot.move_id, lot.on_hand) for lot in expired], "reason": reason})
    return moves


@dataclass(frozen=True)
class ShelfReport:
    warnings: list[ShelfWarning]
    days: int  # the warning period

    @property
    def expired(self) -> list[ShelfWarning]:
        return [w for w in self.warnings if w.state == STATE_EXPIRED]

    @property
    def soon(self) -> list[ShelfWarning]:
        return [w for w in self.warnings if w.state == STATE_SOON]


def shelf_report(*, actor: Actor) -> ShelfReport:
    """What the stock page and the stocktake show: lots expired and expiring within the warning period."""
    if not actor.can(Permission.REPORT_VIEW):
        require(actor, Permission.STOCK_EDIT)
    days = warning_days()
    return ShelfReport(shelf_warnings(days=days), days)
