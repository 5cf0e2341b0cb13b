"""The cashier screen driven like a USB scanner: bursts of characters and Enter, no mouse."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from pointsapp.models import Redemption
from pointsapp.services.register import cards
from pointsapp.services.auth import Role
from pointsapp.ui.app import application
from pointsapp.ui.cashier import CashierWidget
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from tests.shop_helpers import available, make_shop, stocks, tampered


@pytest.fixture
def shop(admin):
    return make_shop(admin, stock_each=5, points=100)


@pytest.fixture
def cashier(qtbot, shop, actor_of):
    application()
    widget = CashierWidget(UiContext(actor=actor_of(Role.CASHIER), hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def scan(qtbot, widget, text: str) -> None:
    """What a USB scanner does: types the whole code quickly, then presses Enter."""
    qtbot.keyClicks(widget.scan, text)
    qtbot.keyClick(widget.scan, Qt.Key_Return)


def confirm_and_wait(qtbot, widget) -> None:
    qtbot.keyClick(widget.scan, Qt.Key_Return)
    qtbot.waitUntil(lambda: not widget.busy, timeout=15000)


def answer_next_dialog(button_text: str) -> None:
    def click():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            for b in box.buttons():
                if b.text() == button_text:
                    b.click()
                    return
        QTimer.singleShot(20, click)
    QTimer.singleShot(20, click)


def test_three_scans_and_one_enter_redeem(qtbot, cashier, shop):
    scan(qtbot, cashier, shop["rich_card"])
    assert cashier.shopper_panel.name_label.text() == "张三丰" and "100" in cashier.shopper_panel.available_label.text()
    scan(qtbot, cashier, shop["skus"]["酱油"])
    scan(qtbot, cashier, shop["skus"]["食盐"])
    assert cashier.basket.total == 15 and "合计：15 分" in cashier.total_label.text()
    with qtbot.waitSignals([cashier.ctx.hub.shop_changed, cashier.ctx.hub.ledger_changed], timeout=15000):
        qtbot.keyClick(cashier.scan, Qt.Key_Return)
    qtbot.waitUntil(lambda: not cashier.busy)
    assert Redemption.select().count() == 1 and available(shop["rich"].id) == 85
    assert stocks()[shop["skus"]["酱油"]] == 4
    assert "张三丰户兑换成功" in cashier.last_message and "剩余 85 分" in cashier.last_message
    assert cashier.basket.lines == [] and cashier.shopper is None and cashier.shopper_panel.available_label.text() == "—"
    assert QApplication.focusWidget() is cashier.scan


def test_double_enter_never_redeems_twice(qtbot, cashier, shop):
    scan(qtbot, cashier, shop["rich_card"])
    scan(qtbot, cashier, shop["skus"]["食用油"])
    qtbot.keyClick(cashier.scan, Qt.Key_Return)
    qtbot.keyClick(cashier.scan, Qt.Key_Return)
    qtbot.waitUntil(lambda: not cashier.busy, timeout=15000)
    qtbot.keyClick(cashier.scan, Qt.Key_Return)
    qtbot.waitUntil(lambda: not cashier.busy, timeout=15000)
    assert Redemption.select().count() == 1
    assert available(shop["rich"].id) == 40 and stocks()[shop["skus"]["食用油"]] == 4


def test_plus_and_minus_keys_change_the_highlighted_quantity(qtbot, cashier, shop):
    scan(qtbot, cashier, shop["rich_card"])
    scan(qtbot, cashier, shop["skus"]["食盐"])
    scan(qtbot, cashier, shop["skus"]["酱油"])
    qtbot.keyClick(cashier.scan, Qt.Key_Plus)
    qtbot.keyClick(cashier.scan, Qt.Key_Plus)
    assert [(l.name, l.quantity) for l in cashier.basket.lines] == [("食盐", 1), ("酱油", 3)]
    qtbot.keyClick(cashier.scan, Qt.Key_Up)
    qtbot.keyClick(cashier.scan, Qt.Key_Minus)
    assert [(l.name, l.quantity) for l in cashier.basket.lines] == [("酱油", 3)]
    confirm_and_wait(qtbot, cashier)
    assert available(shop["rich"].id) == 70


@pytest.mark.parametrize("case", ["forged", "revoked", "unknown_barcode", "too_few_points", "out_of_stock",
                                  "archived"])
def test_refusals_are_big_red_and_change_nothing(qtbot, cashier, shop, admin, case):
    before = (available(shop["rich"].id), available(shop["poor"].id), stocks(), Redemption.select().count())
    if case == "forged":
        scan(qtbot, cashier, tampered(shop["rich_card"]))
        assert "伪造" in cashier.last_refusal and cashier.shopper is None
    elif case == "revoked":
        cards.reissue(actor=admin, household_id=shop["rich"].id, reason="卡片遗失")
        scan(qtbot, cashier, shop["rich_card"])
        assert "挂失" in cashier.last_refusal and cashier.shopper is None
    elif case == "unknown_barcode":
        scan(qtbot, cashier, shop["rich_card"])
        scan(qtbot, cashier, "1234567890128")
        assert "不是本超市的商品" in cashier.last_refusal and cashier.basket.lines == []
    elif case == "too_few_points":
        scan(qtbot, cashier, shop["poor_card"])
        scan(qtbot, cashier, shop["skus"]["食盐"])
        confirm_and_wait(qtbot, cashier)
        assert "还差 5 分" in cashier.last_refusal and len(cashier.basket.lines) == 1
    elif case == "out_of_stock":
        scan(qtbot, cashier, shop["rich_card"])
        for _ in range(6):
            scan(qtbot, cashier, shop["skus"]["食盐"])
        assert "库存不足" in cashier.last_refusal and cashier.basket.lines[0].quantity == 5
    elif case == "archived":
        from pointsapp.models import Household
        scan(qtbot, cashier, shop["rich_card"])
        scan(qtbot, cashier, shop["skus"]["食盐"])
        Household.update(status="archived").where(Household.id == shop["rich"].id).execute()
        confirm_and_wait(qtbot, cashier)
        assert "已归档" in cashier.last_refusal
    assert cashier.refusals >= 1
    assert "c8102e" in cashier.message.styleSheet() or "ffd400" in cashier.message.styleSheet()
    assert (available(shop["rich"].id), available(shop["poor"].id), stocks(), Redemption.select().count()) == before
    assert QApplication.focusWidget() is cashier.scan


def test_a_second_card_with_an_open_basket_asks_before_starting_a_new_one(qtbot, cashier, shop):
    scan(qtbot, cashier, shop["rich_card"])
    scan(qtbot, cashier, shop["skus"]["食盐"])
    answer_next_dialog("取消")
    scan(qtbot, cashier, shop["poor_card"])
    assert cashier.shopper.head_name == "张三丰" and len(cashier.basket.lines) == 1
    token = cashier.basket.token
    answer_next_dialog("开始新的兑换")
    scan(qtbot, cashier, shop["poor_card"])
    assert cashier.shopper.head_name == "李四" and cashier.basket.lines == [] and cashier.basket.token != token
    assert Redemption.select().count() == 0


def test_enter_with_no_card_asks_for_a_card(qtbot, cashier, shop):
    scan(qtbot, cashier, shop["skus"]["食盐"])
    assert "请先扫描村民积分卡" in cashier.last_refusal and cashier.basket.lines == []
    qtbot.keyClick(cashier.scan, Qt.Key_Return)
    assert "请先扫描村民积分卡" in cashier.last_refusal and cashier.refusals == 2
    assert Redemption.select().count() == 0


def test_after_a_sale_and_a_refused_card_the_next_goods_are_not_charged_to_the_previous_household(
        qtbot, cashier, shop):
    scan(qtbot, cashier, shop["rich_card"])
    scan(qtbot, cashier, shop["skus"]["食盐"])
    confirm_and_wait(qtbot, cashier)
    assert available(shop["rich"].id) == 95 and cashier.shopper is None
    scan(qtbot, cashier, tampered(shop["poor_card"]))  # the next villager's card is refused
    assert "伪造" in cashier.last_refusal and cashier.shopper is None
    scan(qtbot, cashier, shop["skus"]["酱油"])
    assert "请先扫描村民积分卡" in cashier.last_refusal and cashier.basket.lines == []
    qtbot.keyClick(cashier.scan, Qt.Key_Return)
    qtbot.waitUntil(lambda: not cashier.busy, timeout=15000)
    assert Redemption.select().count() == 1 and available(shop["rich"].id) == 95


def test_a_refused_card_in_the_middle_of_a_sale_ends_it(qtbot, cashier, shop):
    scan(qtbot, cashier, shop["rich_card"])
    scan(qtbot, cashier, shop["skus"]["食盐"])
    scan(qtbot, cashier, "PA1:V01:01002:1:AAAAAAAAAA")
    assert cashier.shopper is None and cashier.basket.lines == [] and "伪造" in cashier.last_refusal
    confirm_and_wait(qtbot, cashier)
    assert Redemption.select().count() == 0 and available(shop["rich"].id) == 100


def test_esc_ends_the_sale_and_the_next_starts_from_a_card(qtbot, cashier, shop):
    scan(qtbot, cashier, shop["rich_card"])
    answer_next_dialog("清空")
    scan(qtbot, cashier, shop["skus"]["食盐"])
    qtbot.keyClick(cashier.scan, Qt.Key_Escape)
    assert cashier.shopper is None and cashier.basket.lines == []
    scan(qtbot, cashier, shop["rich_card"])
    qtbot.keyClick(cashier.scan, Qt.Key_Escape)  # an empty basket is cleared without asking
    assert cashier.shopper is None and cashier.shopper_panel.name_label.text() == "（未选户）"


def test_a_minute_without_input_ends_the_sale(qtbot, cashier, shop):
    from pointsapp.ui.cashier import IDLE_MS

    assert IDLE_MS == 60_000 and cashier._idle_timer.interval() == IDLE_MS
    cashier._idle_timer.setInterval(300)  # the same timer, shortened so the test need not wait a minute
    scan(qtbot, cashier, shop["rich_card"])
    scan(qtbot, cashier, shop["skus"]["食盐"])
    assert cashier.shopper is not None and cashier._idle_timer.isActive()
    qtbot.waitUntil(lambda: cashier.shopper is None, timeout=5000)
    assert cashier.basket.lines == [] and "一分钟没有操作" in cashier.last_message
    confirm_and_wait(qtbot, cashier)
    assert Redemption.select().count() == 0


@pytest.mark.parametrize("mangle", [str.swapcase, str.lower, lambda p: "  " + p + " \t"])
def test_a_card_read_with_caps_lock_or_stray_spaces_is_still_the_card(qtbot, cashier, shop, mangle):
    scan(qtbot, cashier, mangle(shop["rich_card"]))
    assert cashier.shopper is not None and cashier.shopper.head_name == "张三丰", cashier.last_refusal
    scan(qtbot, cashier, shop["skus"]["食盐"])
    confirm_and_wait(qtbot, cashier)
    assert available(shop["rich"].id) == 95


def test_product_buttons_add_to_the_basket_and_return_focus(qtbot, cashier, shop):
    scan(qtbot, cashier, shop["rich_card"])
    qtbot.keyClicks(cashier.product_grid.search, "jy")
    assert [b.property("sku") for b in cashier.product_grid.buttons] == [shop["skus"]["酱油"]]
    qtbot.mouseClick(cashier.product_grid.buttons[0], Qt.LeftButton)
    assert [l.name for l in cashier.basket.lines] == ["酱油"]
    assert QApplication.focusWidget() is cashier.scan


def test_the_scan_input_refuses_the_input_method(cashier):
    assert not cashier.scan.testAttribute(Qt.WA_InputMethodEnabled)



def test_f2_finds_a_household_by_pinyin_when_the_card_is_forgotten(qtbot, cashier, shop):
    from pointsapp.ui.household_picker import HouseholdPicker

    def pick():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, HouseholdPicker):
            QTimer.singleShot(20, pick)
            return
        qtbot.keyClicks(dialog.search, "zsf")
        qtbot.keyClick(dialog.search, Qt.Key_Return)
    QTimer.singleShot(20, pick)
    qtbot.keyClick(cashier.scan, Qt.Key_F2)
    assert cashier.shopper is not None and cashier.shopper.head_name == "张三丰"
    assert "手动查找" in cashier.shopper_panel.info_label.text()
    scan(qtbot, cashier, shop["skus"]["酱油"])
    confirm_and_wait(qtbot, cashier)
    assert Redemption.get().card_serial is None and available(shop["rich"].id) == 90


def test_f12_confirms_even_from_the_product_search(qtbot, cashier, shop):
    scan(qtbot, cashier, shop["rich_card"])
    scan(qtbot, cashier, shop["skus"]["食盐"])
    cashier.product_grid.search.setFocus()
    qtbot.keyClick(cashier.product_grid.search, Qt.Key_F12)
    qtbot.waitUntil(lambda: not cashier.busy, timeout=15000)
    assert Redemption.select().count() == 1 and available(shop["rich"].id) == 95
