"""爱心捐赠: the donated stock-ins of a period, for the public list (公示) and the donors' receipts.

A donation is a ``StockMove`` of kind "in" and source "donation" naming its donor. The move
stores no price, so the points value is the quantity at the product's *current* price; the
prints say so. Nothing here writes.
"""
from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Sequence

from pointsapp.models import Product, StockMove, User, Village
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.services.periods import Period
from pointsapp.text import translate


@dataclass(frozen=True)
class DonationRow:
    id: int
    created_at: dt.datetime
    donor: str
    product: str
    unit: str
    quantity: int
    price: int          # the product's current price, points per unit
    village: str        # the village whose shop got it, or the township for a township-wide product
    receiver: str       # who recorded the stock-in
    township: bool = False  # a township-wide product: ``village`` names the township

    @property
    def points(self) -> int:
        return self.quantity * self.price

    @property
    def receipt_no(self) -> str:
        return f"JZ-{self.id:06d}"


@dataclass
class DonorTotal:
    donor: str
    count: int = 0
    points: int = 0
    goods: list[tuple[str, int, str]] = field(default_factory=list)  # (product, quantity, unit)


@dataclass
class DonationList:
    title: str                       # the village, or the township
    period: Period | None
    rows: list[DonationRow]
    donors: list[DonorTotal]         # in the order of their first donation

    @property
    def total_points(self) -> int:
        return sum(r.points for r in self.rows)

    @property
    def total_quantity(self) -> int:
        return sum(r.quantity for r in self.rows)


def _may_view(actor: Actor) -> None:
    # as services.stock.list_moves: the office reads reports; the shop keeps its own books
    if not actor.can(Permission.REPORT_VIEW):
        require(actor, Permission.STOCK_EDIT)


def township_name() -> str:
    """The township's name (of the first village that has one), else "全镇"."""
    village = Village.select().where(Village.township.is_null(False)).order_by(Village.id).first()
    if village is not None:
        return village.township.name
    return translate("services.donations", "全镇")


def scope_title(village_id: int | None) -> str:
    """Who posts the list: the village, or (no village; one village only: that village) the township."""
    if village_id is not None:
        village = Village.get_or_none(Village.id == village_id)
        if village is None:
            raise UserError(translate("services.donations", "村 #{0} 不存在。").format(village_id))
        return village.name
    villages = list(Village.select().order_by(Village.id).limit(2))
    return villages[0].name if len(villages) == 1 else township_name()


def _query():
    return (StockMove.select(StockMove, Product, User)
            .join(Product).switch(StockMove).join(User, on=StockMove.created_by)
            .where(StockMove.kind == StockMove.KIND_IN, StockMove.source == StockMove.SOURCE_DONATION))


def _rows(query) -> list[DonationRow]:
    names = dict(Village.select(Village.id, Village.name).tuples())
    township = township_name()
    return [DonationRow(m.id, m.created_at, m.donor, m.product.name, m.product.unit, m.quantity, m.product.price,
                        names.get(m.product.village_id, township) if m.product.village_id else township,
                        m.created_by.display_name or m.created_by.username, not m.product.village_id)
            for m in query]


def donor_totals(rows: Sequence[DonationRow]) -> list[DonorTotal]:
    totals: OrderedDict[str, DonorTotal] = OrderedDict()
    for row in rows:
        total = totals.setdefault(row.donor, DonorTotal(row.donor))
        total.count += 1
        total.points += row.points
        for i, (product, quantity, unit) in enumerate(total.goods):
            if product == row.product and unit == row.unit:
                total.goods[i] = (product, quantity + row.quantity, unit)
                break
        else:
            total.goods.append((row.product, row.quantity, row.unit))
    return list(totals.values())


def donations(*, actor: Actor, period: Period, village_id: int | None = None,
              donor: str | None = None) -> DonationList:
    """The donations of a period, in time order, with a total per donor.

    ``village_id``: the goods of that village's shop and the township-wide goods (as the dashboard counts
    a village's shop); ``donor``: only the donations whose donor contains this text.
    """
    _may_view(actor)
    title = scope_title(village_id)
    start = dt.datetime.combine(period.start, dt.time.min)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min)
    query = _query().where(StockMove.created_at >= start, StockMove.created_at < end)
    if village_id is not None:
        query = query.where(Product.village.is_null() | (Product.village == village_id))
    donor = (donor or "").strip()
    if donor:
        query = query.where(StockMove.donor.contains(donor))
    rows = _rows(query.order_by(StockMove.created_at, StockMove.id))
    return DonationList(title, period, rows, donor_totals(rows))


def donations_by_id(*, actor: Actor, move_ids: Sequence[int]) -> list[DonationRow]:
    """The donation stock-ins with these ids, in the order given; any other id is a clear error."""
    _may_view(actor)
    ids = list(dict.fromkeys(int(i) for i in move_ids))
    if not ids:
        raise UserError(translate("services.donations", "请选择要打印收据的捐赠入库记录。"))
    found = {r.id: r for r in _rows(_query().where(StockMove.id.in_(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise UserError(translate("services.donations", "库存记录 #{0} 不是爱心捐赠入库，不能开捐赠收据。").format(missing[0]))
    return [found[i] for i in ids]


def anonymous_donors() -> set[str]:
    """Donors who asked to be shown as 爱心人士 on public lists (the setting ``anonymous_donors``)."""
    from pointsapp.db import settings

    raw = str(settings.get("anonymous_donors") or "")
    return {name.strip() for name in raw.replace("，", ",").replace("、", ",").split(",") if name.strip()}


def public_donor(name: str, anonymous: set[str] | None = None) -> str:
    """A donor's name as a public list shows it: "爱心人士" at the donor's wish. Receipts, which go to the
    donor, keep the name."""
    wish = anonymous if anonymous is not None else anonymous_donors()
    return translate("services.donations", "爱心人士") if (name or "").strip() in wish else name
