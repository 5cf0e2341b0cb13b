"""The screens of the supermarket's rules and lots: the village's shop rules in the settings, a product's shelf
life and limit, a stock-in with its dates and cost, the shelf warning on the stock page, and the stocktake's
write-off of expired lots."""
from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QInputDialog

from pointsapp import clock
from pointsapp.models import Product, StockMove
from pointsapp.services.shop import policy, products, stock
from pointsapp.ui.app import application
from pointsapp.ui.product_dialogs import ProductDialog, StockDialog
from pointsapp.ui.shop_policy_tab import ShopPolicyTab
from pointsapp.ui.stocktake_dialog import StocktakeDialog
from tests.shop_helpers import make_shop, stocks
from tests.test_ui_shop_page import _page
from tests.ui_helpers import answer_boxes, ctx_of, settle  # noqa: F401  (answer_boxes: a fixture)


def test_the_settings_tab_saves_a_villages_shop_rules(qtbot, admin, answer_boxes, tmp_path):
    shop = make_shop(admin, stock_each=0)
    application()
    tab = ShopPolicyTab(ctx_of(admin))
    qtbot.addWidget(tab)
    tab.show()
    assert not tab.cash.isChecked() and tab.price.text() == "1.00" and tab.days.text() == ""
    tab.cash.setChecked(True)
    tab.price.setText("0.5")
    tab.days.setText("3 1 2，2027-1-20")
    tab.save()
    settle(qtbot)
    saved = policy.policy_of(shop["village"].id)
    assert (saved.cash_allowed, saved.point_price_fen, saved.redemption_days) == (True, 50, "1-3, 2027-01-20")
    assert tab.days.text() == "1-3, 2027-01-20" and any("已保存" in t for t in answer_boxes)
    tab.days.setText("每周一")
    tab.save()
    settle(qtbot)
    assert any("看不懂兑换日" in t for t in answer_boxes)
    assert policy.policy_of(shop["village"].id).redemption_days == "1-3, 2027-01-20"
    if os.environ.get("SHOW_SCREENS"):
        tab.resize(760, 300)
        tab.grab().save(str(tmp_path / "shop-rules.png"))


def test_product_and_stock_in_dialogs_record_limit_shelf_life_dates_and_cost(qtbot, admin, tmp_path):
    shop = make_shop(admin, stock_each=0)
    application()
    ctx = ctx_of(admin)
    soy = products.find_by_sku(shop["skus"]["酱油"], actor=admin)
    dialog = ProductDialog(ctx, soy)
    qtbot.addWidget(dialog)
    dialog.shelf_life.setValue(180)
    dialog.limit.setValue(2)
    dialog.limit_period.setCurrentIndex(dialog.limit_period.findData("quarter"))
    dialog.accept()
    settle(qtbot)
    soy = Product.get_by_id(soy.id)
    assert (soy.shelf_life_days, soy.limit_quantity, soy.limit_period) == (180, 2, "quarter")
    produced = clock.today() - dt.timedelta(days=10)
    move_dialog = StockDialog(ctx, soy, "in")
    qtbot.addWidget(move_dialog)
    move_dialog.quantity.setValue(6)
    move_dialog.produced_on.setDate(QDate(produced))
    move_dialog.unit_cost.setText("7.80")
    if os.environ.get("SHOW_SCREENS"):
        move_dialog.grab().save(str(tmp_path / "stock-in.png"))
        dialog.grab().save(str(tmp_path / "product.png"))
    move_dialog.accept()
    settle(qtbot)
    assert move_dialog.result() == QDialog.Accepted
    lot = StockMove.get(StockMove.kind == StockMove.KIND_IN)
    assert (lot.produced_on, lot.expires_on, lot.unit_cost_fen) == (produced, produced + dt.timedelta(days=180), 780)


def test_the_stock_page_warns_and_the_stocktake_writes_off_expired_lots(qtbot, admin, monkeypatch, tmp_path):
    shop = make_shop(admin, stock_each=0)
    soy = products.find_by_sku(shop["skus"]["酱油"], actor=admin)
    today = clock.today()
    stock.stock_in(actor=admin, product_id=soy.id, quantity=3, expires_on=today - dt.timedelta(days=2))
    stock.stock_in(actor=admin, product_id=soy.id, quantity=4, expires_on=today + dt.timedelta(days=30))
    page = _page(qtbot, admin)
    page.tabs.setCurrentIndex(1)
    text = page.products.shelf_warning.text()
    assert "已过期 1 批：酱油 3瓶" in text and "60 天内到期 1 批：酱油 4瓶" in text, text
    if os.environ.get("SHOW_SCREENS"):
        page.grab().save(str(tmp_path / "stock-page.png"))
    dialog = StocktakeDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("过期销毁", True)))
    dialog.write_off_expired()
    settle(qtbot)
    assert [m.quantity for m in dialog.written_off] == [-3] and stocks()[soy.sku] == 4
    assert next(p for p in dialog.model.products if p.id == soy.id).stock == 4  # the sheet shows the new books
    assert "已过期" not in page.products.shelf_warning.text()
