"""日结报表: the day's redemptions, points and items per product and cashier; voids; exports."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QInputDialog, QLabel, QPushButton, QSplitter, QWidget
from PySide6.QtCore import Qt

from pointsapp.services import periods
from pointsapp.services.shop import money, redemption
from pointsapp.services.exports import shop as shop_export
from pointsapp.services.shop import reports as shop_reports
from pointsapp.services.auth import Permission
from pointsapp.errors import UserError
from pointsapp.text import list_sep
from pointsapp.ui.buttons import button_row
from pointsapp.ui.context import UiContext
from pointsapp.ui.fields import date_edit
from pointsapp.ui.layouts import vbox
from pointsapp.ui.messages import confirm, show_error, show_info
from pointsapp.ui.shop_models import RowsModel
from pointsapp.ui.operations import run_op
from pointsapp.ui.table_model import selected_row, table_view


class DailyCloseTab(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.report: shop_reports.DailyClose | None = None
        self.day = date_edit()
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.summary = QLabel()
        self.summary.setStyleSheet("font-size:16px;")
        self.summary.setWordWrap(True)
        self.products = RowsModel(shop_reports.PRODUCT_COLUMNS, self)
        self.cashiers = RowsModel(shop_reports.CASHIER_COLUMNS, self)
        self.redemptions = RowsModel(shop_reports.REDEMPTION_COLUMNS, self,
                                     highlight=lambda r: "#dddddd" if r["status"] == "已作废" else None)
        self.redemption_view = table_view(self.redemptions)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("日期")))
        top.addWidget(self.day)
        for text, slot in [(self.tr("刷新"), self.refresh), (self.tr("导出日结…"), self.export_close),
                           (self.tr("导出本月各户兑换…"), self.export_households)]:
            button = QPushButton(text)
            button.clicked.connect(slot)
            top.addWidget(button)
        self.void_button = QPushButton(self.tr("作废选中的兑换…"))
        self.void_button.clicked.connect(self.void_selected)
        self.void_button.setEnabled(ctx.can(Permission.SHOP_VOID))
        self.count_button = QPushButton(self.tr("点钞…"))
        self.count_button.clicked.connect(self.count_drawer)
        self.count_button.setEnabled(ctx.can(Permission.SHOP_REDEEM))
        top.addStretch(1)
        # on a row of its own: with the exports it was wider than a 1024 screen
        void_row = button_row(self.count_button, self.void_button, right=True)
        split = QSplitter(Qt.Vertical)
        upper = QSplitter(Qt.Horizontal)
        upper.addWidget(table_view(self.products))
        upper.addWidget(table_view(self.cashiers))
        split.addWidget(upper)
        split.addWidget(self.redemption_view)
        vbox(self, top, self.summary, (split, 1), void_row)
        ctx.hub.shop_changed.connect(self.refresh)
        self.refresh()

    def selected_day(self) -> dt.date:
        return self.day.date().toPython()

    def refresh(self) -> None:
        r = self.report = shop_reports.daily_close(actor=self.ctx.actor, day=self.selected_day())
        check = (self.tr("与积分账本核对一致") if r.balanced
                 else self.tr("与积分账本不一致（账本 {0} 分），请联系管理员").format(r.ledger_net))
        text = self.tr("兑换 {0} 笔，{1} 分；作废 {2} 笔，退回 {3} 分；净兑换 <b>{4}</b> 分。{5}").format(
            r.redeemed_count, r.redeemed_points, r.void_count, r.void_points, r.net_points, check)
        if r.cash_fen or r.void_cash_fen or r.uncounted or r.unbalanced:
            text += "<br>" + self.tr("现金：收 {0} 元，作废退还 {1} 元，钱箱应有 <b>{2}</b> 元。").format(
                money.yuan(r.cash_fen), money.yuan(r.void_cash_fen), money.yuan(r.net_cash_fen))
            if r.uncounted:
                text += self.tr("<span style='color:#c8102e'>未点钞：{0}。</span>").format(list_sep().join(r.uncounted))
            if r.unbalanced:
                text += self.tr("<span style='color:#c8102e'>点钞与应收不符：{0}（见收银员汇总的差额原因）。</span>").format(
                    list_sep().join(r.unbalanced))
        self.summary.setText(text)
        self.products.set_rows(r.products)
        self.cashiers.set_rows(r.cashiers)
        self.redemptions.set_rows(r.redemptions)

    def void_selected(self) -> None:
        row = selected_row(self.redemption_view)
        if row is None:
            show_info(self, self.tr("请先在兑换明细中选择一笔兑换。"))
            return
        reason, ok = QInputDialog.getText(self, self.tr("作废兑换"), self.tr("作废 {0}户 的兑换单 {1}（{2} 分）的原因：").format(
            row["head_name"], row["id"], row["points"]))
        if not ok:
            return
        question = (self.tr("作废后积分退回该户，现金 {0} 元退还村民，商品退回库存。确定作废？").format(row["cash"])
                    if row.get("cash") else self.tr("作废后积分退回该户，商品退回库存。确定作废？"))
        if not confirm(self, question):
            return
        run_op(self, self.ctx, redemption.void, redemption_id=row["id"], reason=reason)

    def count_drawer(self) -> None:
        from pointsapp.ui.drawer_count_dialog import DrawerCountDialog

        DrawerCountDialog(self.ctx, self).exec()

    def export_close(self) -> None:
        day = self.selected_day()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出日结"), self.tr("积分超市日结-{0}.xlsx").format(day),
                                              "Excel (*.xlsx)")
        if path:
            self._export(lambda: shop_export.daily_close_xlsx(actor=self.ctx.actor, day=day, path=path), path)

    def export_households(self) -> None:
        month = periods.month(self.selected_day())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出各户兑换"),
                                              self.tr("各户兑换-{0}.xlsx").format(month.code), "Excel (*.xlsx)")
        if path:
            self._export(lambda: shop_export.by_household_xlsx(actor=self.ctx.actor, path=path, start=month.start,
                                                               end=month.end), path)

    def _export(self, fn, path: str) -> None:
        try:
            fn()
        except UserError as exc:
            show_error(self, exc)
            return
        show_info(self, self.tr("已导出：{0}").format(path))
