"""现金补差 at the till: how many of the basket's points the villager pays in points, the rest in cash.

F9 asks for the points to use (all the household has, up to the basket's total, by default: Enter accepts it);
the till then shows points and cash side by side, and the redemption is confirmed with both."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from pointsapp.services.shop import money
from pointsapp.services.shop.money import yuan  # noqa: F401  (the till shows money with it)
from pointsapp.services.shop.policy import Policy


@dataclass(frozen=True)
class Split:
    points: int
    cash_points: int
    cash_fen: int


def split(total: int, points: int | None, policy: Policy | None) -> Split | None:
    """The basket's payment when the cashier chose ``points`` (None: all in points, no split)."""
    if points is None or policy is None:
        return None
    points = min(points, total)
    return Split(points, total - points, policy.cash_for(total - points))


def ask_points(parent: QWidget, total: int, available: int, policy: Policy) -> int | None:
    """The points to use, asked with the most the household can use already filled in; None when cancelled."""
    most = max(1, min(total, available))
    value, ok = QInputDialog.getInt(
        parent, QCoreApplication.translate("CashierPayment", "现金补差"),
        QCoreApplication.translate("CashierPayment", "商品合计 {0} 分，可用积分 {1} 分。\n本次使用积分（其余按每分 {2} 元收现金）：").format(
            total, available, money.yuan(policy.point_price_fen)), most, 1, most)
    return value if ok else None


def describe(s: Split) -> str:
    """"积分 100 分 + 现金 12.50 元"."""
    return QCoreApplication.translate("CashierPayment", "积分 {0} 分 + 现金 {1} 元").format(s.points, money.yuan(s.cash_fen))


def shortfall_hint(short: int, policy: Policy | None) -> str:
    """What the till adds when points fall short and the village takes cash."""
    if policy is None or not policy.cash_allowed:
        return ""
    return QCoreApplication.translate("CashierPayment", "（F9 现金补差 {0} 元）").format(money.yuan(policy.cash_for(short)))


def refusal(shopper, total: int, policy: Policy | None) -> str:
    """Why F9 cannot take cash now (empty when it can)."""
    if shopper is None or total <= 0:
        return QCoreApplication.translate("CashierPayment", "请先扫积分卡和商品，再按 F9 现金补差。")
    if policy is None or not policy.cash_allowed:
        return QCoreApplication.translate("CashierPayment", "本村积分超市不收现金：差价不能用现金补足。")
    if shopper.available < 1:
        return QCoreApplication.translate("CashierPayment", "这户没有可用积分：积分超市的兑换至少要用 1 分。")
    return ""
