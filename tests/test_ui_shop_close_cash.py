"""The daily close with cash: the summary shows the cash taken and given back, the cashier counts the drawer
(a difference needs a reason), and the cashier rows show counted and difference."""
from __future__ import annotations

import os

from PySide6.QtWidgets import QDialog

from pointsapp.models import DrawerCount
from pointsapp.services.auth import Role
from pointsapp.services.shop import policy, redemption
from pointsapp.ui.drawer_count_dialog import DrawerCountDialog
from tests.shop_helpers import make_shop
from tests.test_ui_shop_page import _page
from tests.ui_helpers import answer_boxes, settle  # noqa: F401  (fixture)


def test_the_close_shows_cash_and_the_drawer_count_needs_a_reason_when_it_differs(qtbot, admin, actor_of, tmp_path,
                                                                                   answer_boxes):
    shop = make_shop(admin, points=100)
    policy.set_policy(actor=admin, village_id=shop["village"].id, cash_allowed=True, point_price="0.50")
    cashier = actor_of(Role.CASHIER)
    redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["电饭煲"], 1)], points=100)
    page = _page(qtbot, cashier)
    tab = page.close_tab
    text = tab.summary.text()
    assert "收 100.00 元" in text and "钱箱应有 <b>100.00</b> 元" in text and "未点钞：cashier" in text
    row = tab.cashiers.rows[0]
    assert row["cash"] == "100.00" and row["counted"] == ""
    dialog = DrawerCountDialog(tab.ctx, tab)
    qtbot.addWidget(dialog)
    dialog.counted.setText("99.50")
    assert dialog.difference.text() == "-0.50 元"
    dialog._save()  # no reason: refused, nothing recorded, the dialog stays open
    settle(qtbot)
    qtbot.waitUntil(lambda: any("请填写原因" in text for text in answer_boxes), timeout=5000)
    assert DrawerCount.select().count() == 0 and dialog.result() != QDialog.Accepted
    dialog.reason.setText("少了五角硬币")
    dialog._save()
    settle(qtbot)
    assert dialog.result() == QDialog.Accepted and dialog.saved.difference_fen == -50
    tab.refresh()
    assert "点钞与应收不符：cashier" in tab.summary.text()
    row = tab.cashiers.rows[0]
    assert (row["counted"], row["difference"], row["count_reason"]) == ("99.50", "-0.50", "少了五角硬币")
    if os.environ.get("SHOW_SCREENS"):
        page.tabs.setCurrentWidget(tab)
        settle(qtbot)
        page.grab().save(str(tmp_path / "close-cash.png"))
