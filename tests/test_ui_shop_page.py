"""The 积分超市 page: its three tabs, low-stock warnings, stock-in, the daily close and voids, receipt printing."""
from __future__ import annotations

from tests.ui_helpers import ctx_of, settle

from pointsapp.services.changes import Changes

import subprocess

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from pointsapp.models import Redemption
from pointsapp.printing.receipt import receipt_pdf
from pointsapp.services.shop import products
from pointsapp.services.shop import redemption
from pointsapp.services.auth import Role
from pointsapp.ui.app import application
from pointsapp.ui.context import UiContext
from pointsapp.ui.product_dialogs import StockDialog
from pointsapp.ui.receipt_print import render_to_printer
from pointsapp.ui.shop_page import ShopPage
from pointsapp.ui.signals import ChangeHub
from tests.shop_helpers import available, make_shop, stocks


def _page(qtbot, actor):
    application()
    page = ShopPage(UiContext(actor=actor, hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page


def test_shop_page_has_cashier_products_and_daily_close_tabs(qtbot, admin):
    make_shop(admin, stock_each=4)
    page = _page(qtbot, admin)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["收银", "商品与库存", "日结报表"]
    page.tabs.setCurrentIndex(1)
    names = [r["name"] for r in page.products.model.rows]
    assert set(names) == {"食盐", "酱油", "食用油", "电饭煲"}
    assert "库存不足 4 种" in page.products.warning.text()  # 4 in stock, warning level 5


def test_stock_in_from_the_products_tab_refreshes_the_list(qtbot, admin):
    make_shop(admin, stock_each=4)
    page = _page(qtbot, admin)
    product = products.find_by_sku("6901234500011", actor=admin)
    dialog = StockDialog(page.ctx, product, "in", page)
    qtbot.addWidget(dialog)
    dialog.quantity.setValue(20)
    dialog.source.setCurrentIndex(1)
    dialog.donor.setText("青山镇供销社")
    dialog.accept()
    settle(qtbot)
    assert dialog.result() == QDialog.Accepted
    page.ctx.hub.broadcast(Changes.SHOP)
    row = next(r for r in page.products.model.rows if r["name"] == "食盐")
    assert row["stock"] == 24 and row["in_donation"] == 20


def test_daily_close_tab_adds_up_and_voids_the_selected_redemption(qtbot, admin, actor_of, monkeypatch):
    shop = make_shop(admin, points=200)
    cashier = actor_of(Role.CASHIER)  # a cashier voids the redemptions they took
    done = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["食用油"], 2)])
    page = _page(qtbot, cashier)
    tab = page.close_tab
    assert "兑换 1 笔，120 分" in tab.summary.text() and "核对一致" in tab.summary.text()
    tab.redemption_view.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("拿错了", True)))

    def accept_box():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            next(b for b in box.buttons() if b.text() == "确定").click()
        else:
            QTimer.singleShot(20, accept_box)
    QTimer.singleShot(20, accept_box)
    tab.void_selected()
    settle(qtbot)
    assert Redemption.get_by_id(done.redemption_id).status == Redemption.STATUS_VOIDED
    assert available(shop["rich"].id) == 200 and stocks()[shop["skus"]["食用油"]] == 10
    assert "作废 1 笔，退回 120 分" in tab.summary.text() and "核对一致" in tab.summary.text()


def test_receipt_prints_through_a_qt_printer(qtbot, admin, tmp_path):
    application()
    shop = make_shop(admin, points=200)
    done = redemption.redeem(actor=admin, card_payload=shop["rich_card"], items=[(shop["skus"]["酱油"], 1)])
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert render_to_printer(receipt_pdf(actor=admin, redemption_id=done.redemption_id), printer) == 1
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(tmp_path / "printed.pdf"), str(tmp_path / "p")], check=True)
    assert list(tmp_path.glob("p*.png"))


def test_cashier_tab_keeps_the_scan_input_focused(qtbot, admin):
    make_shop(admin)
    page = _page(qtbot, admin)
    qtbot.waitExposed(page)
    page.activateWindow()
    page.tabs.setCurrentIndex(1)
    page.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.cashier.scan)


def test_stocktake_sheet_records_differences_as_stock_moves(qtbot, admin):
    from pointsapp.models import StockMove
    from pointsapp.services.ops import check
    from pointsapp.ui.stocktake_dialog import Columns, StocktakeDialog

    shop = make_shop(admin, stock_each=10)
    application()
    dialog = StocktakeDialog(ctx_of(admin))
    qtbot.addWidget(dialog)
    model = dialog.model
    rows = {p.name: i for i, p in enumerate(model.products)}
    assert model.setData(model.index(rows["食盐"], Columns.COUNTED), "8")
    assert model.setData(model.index(rows["酱油"], Columns.COUNTED), "10")
    assert not model.setData(model.index(rows["食用油"], Columns.COUNTED), "八")
    assert model.data(model.index(rows["食盐"], Columns.DIFFERENCE)) == "-2"

    def accept_box():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            next(b for b in box.buttons() if b.text() == "确定").click()
        else:
            QTimer.singleShot(20, accept_box)
    QTimer.singleShot(20, accept_box)
    dialog.accept()
    settle(qtbot)
    assert dialog.result() == QDialog.Accepted
    assert [(d.name, d.difference) for d in dialog.differences] == [("食盐", -2)]
    assert stocks()[shop["skus"]["食盐"]] == 8 and stocks()[shop["skus"]["酱油"]] == 10
    assert StockMove.select().where(StockMove.kind == StockMove.KIND_STOCKTAKE).count() == 1
    assert check.run_checks() == []
