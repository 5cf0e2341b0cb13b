"""积分超市 page: the cashier screen, products and stock, and the daily close, as tabs."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from pointsapp.ui.cashier import CashierWidget
from pointsapp.ui.context import UiContext
from pointsapp.ui.lazy_tabs import LazyTab, LazyTabs


class ShopPage(QWidget):
    """The till is built at once; the product list and the daily close when their tab is first opened."""

    cashier = LazyTab("cashier")  # a CashierWidget
    products = LazyTab("products")
    close_tab = LazyTab("close")

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = LazyTabs()
        self.tabs.add_lazy("cashier", self.tr("收银"), lambda: CashierWidget(ctx))
        self.tabs.add_lazy("products", self.tr("商品与库存"), lambda: _products_tab(ctx))
        self.tabs.add_lazy("close", self.tr("日结报表"), lambda: _close_tab(ctx))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.cashier:
            self.cashier.scan.setFocus()


def _products_tab(ctx: UiContext) -> QWidget:
    from pointsapp.ui.shop_products import ProductsTab

    return ProductsTab(ctx)


def _close_tab(ctx: UiContext) -> QWidget:
    from pointsapp.ui.shop_close import DailyCloseTab

    return DailyCloseTab(ctx)
