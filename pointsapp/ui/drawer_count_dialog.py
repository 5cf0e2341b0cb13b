"""点钞: the cashier counts the cash drawer at the daily close; a difference from the books needs a reason."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit

from pointsapp.errors import UserError
from pointsapp.services.shop import drawer, money
from pointsapp.ui.buttons import ok_cancel
from pointsapp.ui.context import UiContext
from pointsapp.ui.layouts import vbox
from pointsapp.ui.messages import show_error
from pointsapp.ui.operations import run_op


class DrawerCountDialog(QDialog):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved: drawer.DrawerCountRow | None = None
        self.expected = drawer.my_expected(actor=ctx.actor)
        self.setWindowTitle(self.tr("日结点钞"))
        self.counted = QLineEdit()
        self.counted.setPlaceholderText(self.tr("如 125.50"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("与应收不符时必填，如：找零多找了五角"))
        self.difference = QLabel()
        self.counted.textChanged.connect(self._show_difference)
        form = QFormLayout()
        form.addRow(self.tr("今天应收现金"), QLabel(self.tr("{0} 元").format(money.yuan(self.expected))))
        form.addRow(self.tr("钱箱实点（元）"), self.counted)
        form.addRow(self.tr("差额"), self.difference)
        form.addRow(self.tr("差额原因"), self.reason)
        vbox(self, form, ok_cancel(self, self.tr("保存点钞"), self._save))

    def _show_difference(self, text: str) -> None:
        try:
            diff = money.parse_yuan(text) - self.expected
        except UserError:
            self.difference.setText("")
            return
        self.difference.setText(self.tr("相符") if diff == 0 else self.tr("{0} 元").format(money.yuan(diff)))
        self.difference.setStyleSheet("" if diff == 0 else "color:#c8102e; font-weight:bold;")

    def _save(self) -> None:
        if not self.counted.text().strip():
            show_error(self, self.tr("请填入钱箱里实际点到的现金。"))
            return
        run_op(self, self.ctx, drawer.record_count, counted=self.counted.text(), reason=self.reason.text(),
               success=self._saved, busy=self)

    def _saved(self, row) -> None:
        self.saved = row
        self.accept()
