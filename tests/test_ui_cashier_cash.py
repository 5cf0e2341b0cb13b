"""The till with cash for the difference (F9), redemption days and limits: scanner bursts, Enter, no mouse."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from pointsapp.models import Redemption
from pointsapp.services.shop import policy, products
from tests.shop_helpers import available, stocks
from tests.test_ui_cashier import cashier, confirm_and_wait, scan, shop  # noqa: F401  (fixtures)


def _accept_points(qtbot, value: int | None) -> None:
    """Answer the F9 question from the keyboard: type ``value`` (or keep the default) and press Enter."""
    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        if value is not None:
            box.setIntValue(value)
        box.accept()
    QTimer.singleShot(20, answer)


def test_f9_takes_the_shortfall_in_cash_and_the_till_shows_both(qtbot, cashier, shop, admin, tmp_path):
    policy.set_policy(actor=admin, village_id=shop["village"].id, cash_allowed=True, point_price="0.80")
    scan(qtbot, cashier, shop["rich_card"])
    scan(qtbot, cashier, shop["skus"]["食用油"])
    scan(qtbot, cashier, shop["skus"]["食用油"])  # 120 points, 100 available
    assert "还差 20 分" in cashier.after_label.text() and "16.00" in cashier.after_label.text()
    _accept_points(qtbot, None)  # Enter keeps the default: every point the household has
    qtbot.keyClick(cashier.scan, Qt.Key_F9)
    qtbot.waitUntil(lambda: cashier.pay_points == 100, timeout=5000)
    assert "积分 100 分 + 现金 16.00 元" in cashier.after_label.text()
    if os.environ.get("SHOW_SCREENS"):
        cashier.grab().save(str(tmp_path / "till-cash.png"))
    confirm_and_wait(qtbot, cashier)
    assert "收现金 16.00 元" in cashier.last_message, cashier.last_message
    assert [(r.total_points, r.cash_fen) for r in Redemption.select()] == [(100, 1600)]
    assert available(shop["rich"].id) == 0 and cashier.pay_points is None and cashier.shopper is None


def test_f9_lets_a_villager_keep_points(qtbot, cashier, shop, admin):
    policy.set_policy(actor=admin, village_id=shop["village"].id, cash_allowed=True, point_price="1")
    scan(qtbot, cashier, shop["rich_card"])
    scan(qtbot, cashier, shop["skus"]["酱油"])
    _accept_points(qtbot, 4)
    qtbot.keyClick(cashier.scan, Qt.Key_F9)
    qtbot.waitUntil(lambda: cashier.pay_points == 4, timeout=5000)
    confirm_and_wait(qtbot, cashier)
    assert available(shop["rich"].id) == 96 and Redemption.get().cash_fen == 600


def test_f9_where_the_village_takes_no_cash_is_refused_in_red(qtbot, cashier, shop):
    scan(qtbot, cashier, shop["rich_card"])
    scan(qtbot, cashier, shop["skus"]["电饭煲"])
    qtbot.keyClick(cashier.scan, Qt.Key_F9)
    assert "不收现金" in cashier.last_refusal and cashier.pay_points is None
    assert "F9" not in cashier.after_label.text()
    confirm_and_wait(qtbot, cashier)
    assert "还差 200 分" in cashier.last_refusal and Redemption.select().count() == 0


def test_outside_the_redemption_days_the_card_is_refused_with_the_next_day(qtbot, cashier, shop, admin):
    policy.set_policy(actor=admin, village_id=shop["village"].id, cash_allowed=False, point_price=100,
                      redemption_days="1-5")  # the tests' day is 2026-11-25
    scan(qtbot, cashier, shop["rich_card"])
    assert cashier.shopper is None and "不是兑换日" in cashier.last_refusal and "2026-12-01" in cashier.last_refusal
    assert "c8102e" in cashier.message.styleSheet() or "ffd400" in cashier.message.styleSheet()
    scan(qtbot, cashier, shop["skus"]["食盐"])  # goods after the refusal go to no one
    assert cashier.basket.lines == []


def test_a_limit_is_refused_in_red_with_what_is_left(qtbot, cashier, shop, admin):
    salt = products.find_by_sku(shop["skus"]["食盐"], actor=admin)
    products.edit_product(actor=admin, product_id=salt.id, data=products.ProductData(
        salt.sku, salt.name, salt.price, salt.category, salt.unit, limit_quantity=1, limit_period="year"))
    scan(qtbot, cashier, shop["rich_card"])
    scan(qtbot, cashier, salt.sku)
    scan(qtbot, cashier, salt.sku)
    confirm_and_wait(qtbot, cashier)
    assert "每年限兑 1袋" in cashier.last_refusal and "还能兑换 1袋" in cashier.last_refusal
    assert Redemption.select().count() == 0 and stocks()[salt.sku] == 5
