"""商品与库存: the product list with stock and low-stock warnings, and the stock moves on it."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from pointsapp.services.shop import lots, products
from pointsapp.services.exports import shop as shop_export
from pointsapp.services.shop import reports as shop_reports
from pointsapp.services.auth import Permission
from pointsapp.errors import UserError
from pointsapp.ui.context import UiContext
from pointsapp.ui.layouts import vbox
from pointsapp.ui.messages import confirm, show_error, show_info
from pointsapp.ui.product_dialogs import ProductDialog, StockDialog
from pointsapp.ui.shop_models import RowsModel
from pointsapp.ui.operations import run_op
from pointsapp.ui.table_model import selected_row, table_view

COLUMNS = [c for c in shop_reports.INVENTORY_COLUMNS if c[0] in
           ("sku", "name", "category", "unit", "price", "stock", "low_stock", "state", "in_donation", "redeemed")]
STATE_COLOURS = {"缺货": "#f4b6b6", "库存不足": "#ffe7a3", "已下架": "#dddddd"}


class ProductsTab(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按名称、条码或拼音首字母筛选"))
        self.search.textChanged.connect(self.refresh)
        self.low_only = QCheckBox(self.tr("只看库存不足"))
        self.low_only.toggled.connect(self.refresh)
        self.warning = QLabel()
        self.warning.setStyleSheet("color:#c8102e; font-weight:bold;")
        self.shelf_warning = QLabel()
        self.shelf_warning.setWordWrap(True)
        self.shelf_warning.setStyleSheet("color:#8a4b00; font-weight:bold;")
        self.model = RowsModel(COLUMNS, self, highlight=lambda r: STATE_COLOURS.get(r["state"]))
        self.table = table_view(self.model, stretch=1)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.low_only)
        actions = QHBoxLayout()
        more = QHBoxLayout()  # the stock buttons on a second row: eight in one were wider than a 1024 screen
        self.buttons = {}
        for key, text, slot, permission in [
            ("add", self.tr("新增商品"), self.add, Permission.PRODUCT_EDIT),
            ("edit", self.tr("修改"), self.edit, Permission.PRODUCT_EDIT),
            ("in", self.tr("入库"), lambda: self.move("in"), Permission.STOCK_EDIT),
            ("out", self.tr("出库"), lambda: self.move("out"), Permission.STOCK_EDIT),
            ("adjust", self.tr("调整"), lambda: self.move("adjust"), Permission.STOCK_EDIT),
            ("count", self.tr("盘点…"), self.stocktake, Permission.STOCK_EDIT),
            ("active", self.tr("下架/上架"), self.toggle_active, Permission.PRODUCT_EDIT),
            ("export", self.tr("导出库存表…"), self.export, Permission.STOCK_EDIT),
        ]:
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setEnabled(ctx.can(permission) or (key == "export" and ctx.can(Permission.REPORT_VIEW)))
            (actions if key in ("add", "edit", "active", "export") else more).addWidget(button)
            self.buttons[key] = button
        actions.addStretch(1)
        more.addStretch(1)
        vbox(self, top, self.warning, self.shelf_warning, (self.table, 1), more, actions)
        ctx.hub.shop_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        rows = shop_reports.inventory(actor=self.ctx.actor)
        text = self.search.text().strip()
        if text:
            wanted = {p.id for p in products.search(text, actor=self.ctx.actor, include_inactive=True)}
            rows = [r for r in rows if r["id"] in wanted]
        if self.low_only.isChecked():
            rows = [r for r in rows if r["state"] in ("缺货", "库存不足")]
        self.model.set_rows(rows)
        low = products.low_stock(actor=self.ctx.actor)
        self.warning.setText(self.tr("库存不足 {0} 种：{1}").format(
            len(low), "、".join(f"{p.name}（{p.stock}）" for p in low[:8]) + ("…" if len(low) > 8 else ""))
            if low else "")
        self.shelf_warning.setText(shelf_warning_text(lots.shelf_report(actor=self.ctx.actor)))

    def _selected(self):
        row = selected_row(self.table)
        if row is None:
            show_info(self, self.tr("请先在列表中选择一种商品。"))
            return None
        return products.get_product(actor=self.ctx.actor, product_id=row["id"])

    def _done(self) -> None:
        """A dialog saved its change: the broadcast has refreshed this page already."""

    def add(self) -> None:
        if ProductDialog(self.ctx, None, self).exec():
            self._done()

    def edit(self) -> None:
        product = self._selected()
        if product and self.ctx.can(Permission.PRODUCT_EDIT) and ProductDialog(self.ctx, product, self).exec():
            self._done()

    def move(self, mode: str) -> None:
        product = self._selected()
        if product and StockDialog(self.ctx, product, mode, self).exec():
            self._done()

    def stocktake(self) -> None:
        from pointsapp.ui.stocktake_dialog import StocktakeDialog

        dialog = StocktakeDialog(self.ctx, self)
        if dialog.exec():
            self._done()
            show_info(self, self.tr("盘点已保存：{0} 种商品有差异。").format(len(dialog.differences)))

    def toggle_active(self) -> None:
        product = self._selected()
        if product is None:
            return
        text = self.tr("下架“{0}”？下架后不能再兑换，历史记录保留。") if product.active else self.tr("重新上架“{0}”？")
        if confirm(self, text.format(product.name)):
            run_op(self, self.ctx, products.set_active, product_id=product.id, active=not product.active)

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出库存表"), self.tr("库存表.xlsx"), "Excel (*.xlsx)")
        if path:
            try:
                shop_export.inventory_xlsx(actor=self.ctx.actor, path=path)
            except UserError as exc:
                show_error(self, exc)
                return
            show_info(self, self.tr("已导出：{0}").format(path))



def shelf_warning_text(report) -> str:
    """"已过期 1 批：酱油 2瓶（到期 2026-10-21）；60 天内到期 1 批：…" (empty when nothing is near its date)."""
    from PySide6.QtCore import QCoreApplication

    from pointsapp.text import list_sep

    def lots_of(ws) -> str:
        shown = list_sep().join(QCoreApplication.translate("ShelfWarning", "{0} {1}{2}（到期 {3}）").format(
            w.lot.product, w.lot.on_hand, w.lot.unit, w.lot.expires_on.isoformat()) for w in ws[:6])
        return shown + ("…" if len(ws) > 6 else "")

    parts = []
    if report.expired:
        parts.append(QCoreApplication.translate("ShelfWarning", "已过期 {0} 批：{1}").format(
            len(report.expired), lots_of(report.expired)))
    if report.soon:
        parts.append(QCoreApplication.translate("ShelfWarning", "{0} 天内到期 {1} 批：{2}").format(
            report.days, len(report.soon), lots_of(report.soon)))
    if not parts:
        return ""
    return QCoreApplication.translate("ShelfWarning", "保质期预警——") + QCoreApplication.translate(
        "ShelfWarning", "；").join(parts)
