"""限兑: a product may be limited per household per month, quarter or year (one bag of rice a month).

The till checks the limit inside the sale's write transaction (see ``redemption.redeem``): what the household
already redeemed of the product in the period (voided redemptions do not count) plus the basket's quantity."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Sequence

from pointsapp.errors import UserError
from pointsapp.models import Redemption, RedemptionLine
from pointsapp.services import limits
from pointsapp.text import translate

PERIOD_LABELS = {"month": "每月", "quarter": "每季度", "year": "每年"}


def period_label(period: str) -> str:
    """每月 / 每季度 / 每年, in the chosen language."""
    return {"month": translate("services.household_limits", "每月"),
            "quarter": translate("services.household_limits", "每季度"),
            "year": translate("services.household_limits", "每年")}.get(period, period)


def _this_period(period: str) -> str:
    return {"month": translate("services.household_limits", "本月"),
            "quarter": translate("services.household_limits", "本季度"),
            "year": translate("services.household_limits", "今年")}.get(period, period)


class OverLimit(UserError):
    """The basket would take a household over a product's limit for the period."""

    def __init__(self, message: str, sku: str):
        super().__init__(message)
        self.sku = sku


def checked_limit(quantity, period: str) -> tuple[int | None, str]:
    """A product's limit as stored: (None, "") for none, else a positive quantity and a known period."""
    period = (period or "").strip()
    if quantity in (None, "", 0):
        return None, ""
    quantity = limits.bounded(quantity, translate("services.household_limits", "每户限兑数量"), 1, limits.REDEEM_QUANTITY)
    if period not in PERIOD_LABELS:
        raise UserError(translate("services.household_limits", "限兑周期只能是每月、每季度或每年。"))
    return quantity, period


def period_start(day: dt.date, period: str) -> dt.date:
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return dt.date(day.year, 1, 1)


def limit_text(quantity: int | None, period: str, unit: str = "") -> str:
    """"每月限兑 1袋" (empty when unlimited)."""
    if not quantity:
        return ""
    return translate("services.household_limits", "{0}限兑 {1}{2}").format(
        period_label(period), quantity, unit)


def check(household_id: int, lines: Sequence[tuple], today: dt.date) -> None:
    """Refuses the basket when a line takes the household over its product's limit.

    ``lines`` are (product, quantity) with product carrying id, sku, name, unit, limit_quantity, limit_period.
    Runs inside the sale's transaction: the household's balance row is locked there, so two stations selling
    to one household are serialised and cannot both pass the check."""
    limited = [(p, q) for p, q in lines if p.limit_quantity]
    if not limited:
        return
    starts = {p.id: period_start(today, p.limit_period) for p, _ in limited}
    since = dt.datetime.combine(min(starts.values()), dt.time.min)
    taken: dict[int, int] = defaultdict(int)
    rows = (RedemptionLine.select(RedemptionLine.product, RedemptionLine.quantity, Redemption.created_at)
            .join(Redemption)
            .where(Redemption.household == household_id, Redemption.status == Redemption.STATUS_DONE,
                   Redemption.created_at >= since, RedemptionLine.product.in_(list(starts)))
            .tuples())
    for product_id, quantity, created_at in rows:
        if created_at.date() >= starts[product_id]:
            taken[product_id] += quantity
    for product, quantity in limited:
        already = taken[product.id]
        if already + quantity > product.limit_quantity:
            left = max(0, product.limit_quantity - already)
            raise OverLimit(translate("services.household_limits",
                                      "“{0}”{1}：这户{2}已兑换 {3}{4}，还能兑换 {5}{4}，这次要兑换 {6}{4}。").format(
                product.name, limit_text(product.limit_quantity, product.limit_period, product.unit),
                _this_period(product.limit_period),
                already, product.unit, left, quantity), product.sku)
