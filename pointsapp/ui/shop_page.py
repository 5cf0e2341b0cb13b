"""积分超市 page: the cashier screen, products and stock, and the daily close, as tabs."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from pointsapp.ui.cashier import CashierWidget
from pointsapp.ui.context import UiContext
from pointsapp.ui.shop_close import DailyCloseTab
from pointsapp.ui.shop_products import ProductsTab


class ShopPage(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.cashier = CashierWidget(ctx)
        self.products = ProductsTab(ctx)
        self.close_tab = DailyCloseTab(ctx)
        self.tabs.addTab(self.cashier, self.tr("收银"))
        self.tabs.addTab(self.products, self.tr("商品与库存"))
        self.tabs.addTab(self.close_tab, self.tr("日结报表"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.cashier:
            self.cashier.scan.setFocus()
