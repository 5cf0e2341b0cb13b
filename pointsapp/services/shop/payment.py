"""How a basket is paid: points, and — when the village allows it — cash for the rest (现金补差).

Paying only part in points (the villager keeps some) is the same thing: the cashier says how many points to use
and the rest of the basket's price, in points, is paid in money at the village's price of a point. Settled
inside the sale's transaction against the household's locked balance, so two stations never overspend."""
from __future__ import annotations

from dataclasses import dataclass

from pointsapp.errors import UserError
from pointsapp.services.shop import money
from pointsapp.services.shop.policy import Policy
from pointsapp.text import translate


class NotEnoughPoints(UserError):
    def __init__(self, message: str, short: int):
        super().__init__(message)
        self.short = short


class CashRefused(UserError):
    """The village does not take cash, or the amount the till showed is no longer right."""


@dataclass(frozen=True)
class Payment:
    points: int           # taken from the household's available points
    cash_points: int = 0  # the points' worth of goods paid in money
    cash_fen: int = 0     # the money (分)


def settle(*, total: int, available: int, points: int | None, policy: Policy,
           cash_fen: int | None = None) -> Payment:
    """The payment of a basket worth ``total`` points. ``points`` None: all in points (refused when short);
    else that many points and the rest in cash. ``cash_fen``, when given, is the money the till showed:
    a different amount (the price of a point changed meanwhile) is refused rather than charged."""
    if points is None:
        if available < total:
            short = total - available
            hint = translate("services.payment", "（本村允许用现金补足差价：{0} 元。）").format(
                money.yuan(policy.cash_for(short))) if policy.cash_allowed and available > 0 else ""
            raise NotEnoughPoints(translate("services.redemption", "积分不够：需要 {0} 分，可用只有 {1} 分，还差 {2} 分。").format(
                total, available, short) + hint, short)
        payment = Payment(total)
    else:
        if isinstance(points, bool) or not isinstance(points, int) or points < 1:
            raise UserError(translate("services.payment", "使用的积分必须是正整数：积分超市的兑换至少要用 1 分。"))
        if points > total:
            raise UserError(translate("services.payment", "使用的积分（{0} 分）不能多于商品合计（{1} 分）。").format(points, total))
        if points > available:
            raise NotEnoughPoints(translate("services.payment", "积分不够：要使用 {0} 分，可用只有 {1} 分。").format(
                points, available), points - available)
        rest = total - points
        if rest and not policy.cash_allowed:
            raise CashRefused(translate("services.payment", "本村积分超市不收现金：差价不能用现金补足。"))
        payment = Payment(points, rest, policy.cash_for(rest))
    if cash_fen is not None and cash_fen != payment.cash_fen:
        raise CashRefused(translate("services.payment", "应收现金已变为 {0} 元（屏幕上是 {1} 元），请重新确认。").format(
            money.yuan(payment.cash_fen), money.yuan(cash_fen)))
    return payment
