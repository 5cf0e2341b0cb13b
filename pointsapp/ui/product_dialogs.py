"""Dialogs of the products tab: a product's details, and a stock move (in, out, adjust)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFormLayout, QHBoxLayout, QLineEdit, QSpinBox

from pointsapp.services.shop import household_limits, money, products, stock
from pointsapp.errors import UserError
from pointsapp.ui.buttons import ok_cancel
from pointsapp.ui.fields import date_edit
from pointsapp.ui.form_rows import FormRows
from pointsapp.ui.layouts import vbox
from pointsapp.ui.messages import confirm, show_error
from pointsapp.ui.operations import run_op
from pointsapp.ui.context import UiContext


class ProductDialog(QDialog):
    """新增 or 修改 a product. A new price applies from now on; past redemptions keep theirs."""

    def __init__(self, ctx: UiContext, product=None, parent=None):
        super().__init__(parent)
        self.ctx, self.actor, self.product = ctx, ctx.actor, product
        self.setWindowTitle(self.tr("修改商品") if product else self.tr("新增商品"))
        rows = FormRows()
        self.sku = rows.line_edit(self.tr("条码/编号"), product.sku if product else "",
                                  placeholder=self.tr("扫描商品条码，或自编号"))
        self.name = rows.line_edit(self.tr("名称"), product.name if product else "")
        self.category = rows.line_edit(self.tr("类别"), product.category if product else "")
        self.unit = rows.line_edit(self.tr("单位"), product.unit if product else "件")
        self.price = rows.spin_box(self.tr("兑换积分"), 1, 100000, value=product.price if product else 10,
                                   suffix=self.tr(" 分"))
        self.low = rows.spin_box(self.tr("库存预警数量"), 0, 100000, value=product.low_stock if product else 5)
        self.shelf_life = rows.spin_box(self.tr("保质期"), 0, 36500, special=self.tr("不限"), suffix=self.tr(" 天"),
                                        value=(product.shelf_life_days or 0) if product else 0)
        self.limit = QSpinBox()
        self.limit.setRange(0, 1000)
        self.limit.setSpecialValueText(self.tr("不限"))
        self.limit.setValue((product.limit_quantity or 0) if product else 0)
        self.limit_period = QComboBox()
        for key in household_limits.PERIOD_LABELS:
            self.limit_period.addItem(household_limits.period_label(key), key)
        self.limit_period.setCurrentIndex(max(0, self.limit_period.findData(product.limit_period if product else "")))
        limit_row = QHBoxLayout()
        limit_row.addWidget(self.limit_period)
        limit_row.addWidget(self.limit, 1)
        rows.add(self.tr("每户限兑"), limit_row)
        vbox(self, rows.layout, ok_cancel(self, self.tr("保存")))

    def accept(self) -> None:
        limit = self.limit.value() or None
        data = products.ProductData(sku=self.sku.text(), name=self.name.text(), price=self.price.value(),
                                    category=self.category.text(), unit=self.unit.text(), low_stock=self.low.value(),
                                    shelf_life_days=self.shelf_life.value() or None, limit_quantity=limit,
                                    limit_period=self.limit_period.currentData() if limit else "")
        if self.product:
            run_op(self, self.ctx, products.edit_product, product_id=self.product.id, data=data,
                   success=lambda _p: super(ProductDialog, self).accept(), busy=self)
        else:
            run_op(self, self.ctx, products.create_product, data=data,
                   success=lambda _p: super(ProductDialog, self).accept(), busy=self)


class StockDialog(QDialog):
    """One stock move for one product: ``mode`` is "in", "out" or "adjust" (盘点 has its own sheet)."""

    TITLES = {
        "in": QT_TRANSLATE_NOOP("StockDialog", "入库"),
        "out": QT_TRANSLATE_NOOP("StockDialog", "出库"),
        "adjust": QT_TRANSLATE_NOOP("StockDialog", "库存调整"),
    }

    def __init__(self, ctx: UiContext, product, mode: str, parent=None):
        super().__init__(parent)
        self.ctx, self.actor, self.product, self.mode = ctx, ctx.actor, product, mode
        self.move = None  # the move saved by ``accept``
        self.setWindowTitle(self.tr("{0}：{1}（现有 {2}{3}）").format(
            QCoreApplication.translate("StockDialog", self.TITLES[mode]), product.name, product.stock, product.unit))
        self.quantity = QSpinBox()
        self.quantity.setRange(-100000 if mode == "adjust" else 1, 100000)
        self.quantity.setValue(1)
        self.quantity.setSuffix(" " + product.unit)
        self.source = QComboBox()
        self.source.addItem(self.tr("村集体经费采购"), stock.SOURCE_BUDGET)
        self.source.addItem(self.tr("爱心捐赠"), stock.SOURCE_DONATION)
        self.donor = QLineEdit()
        self.donor.setPlaceholderText(self.tr("捐赠人或单位名称"))
        self.donor.setEnabled(False)
        self.source.currentIndexChanged.connect(
            lambda _i: self.donor.setEnabled(self.source.currentData() == stock.SOURCE_DONATION))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("原因，如：过期、破损、记错数"))
        form = QFormLayout()
        label = {"in": self.tr("入库数量"), "out": self.tr("出库数量"), "adjust": self.tr("调整数量（可为负）")}[mode]
        form.addRow(label, self.quantity)
        self.produced_on, self.expires_on = _optional_date(self.tr("不填")), _optional_date(self.tr("按保质期推算"))
        self.unit_cost = QLineEdit()
        self.unit_cost.setPlaceholderText(self.tr("每{0}进价，元（捐赠可不填）").format(product.unit))
        if mode == "in":
            form.addRow(self.tr("来源"), self.source)
            form.addRow(self.tr("捐赠人"), self.donor)
            form.addRow(self.tr("生产日期"), self.produced_on)
            form.addRow(self.tr("到期日"), self.expires_on)
            form.addRow(self.tr("进价（元）"), self.unit_cost)
            form.addRow(self.tr("备注"), self.reason)
        else:
            form.addRow(self.tr("原因"), self.reason)
        vbox(self, form, ok_cancel(self, self.tr("保存")))

    def accept(self) -> None:
        q, pid, reason = self.quantity.value(), self.product.id, self.reason.text()
        if self.mode == "in":
            try:
                cost = money.parse_yuan(self.unit_cost.text(), self.tr("进价")) if self.unit_cost.text().strip() else None
            except UserError as exc:
                show_error(self, exc)
                return
            run_op(self, self.ctx, stock.stock_in, product_id=pid, quantity=q, source=self.source.currentData(),
                   donor=self.donor.text(), note=reason, produced_on=_date_of(self.produced_on),
                   expires_on=_date_of(self.expires_on), unit_cost_fen=cost, success=self._saved, busy=self)
        elif self.mode == "out":
            run_op(self, self.ctx, stock.stock_out, product_id=pid, quantity=q, reason=reason, success=self._saved, busy=self)
        else:
            run_op(self, self.ctx, stock.adjust, product_id=pid, delta=q, reason=reason, success=self._saved, busy=self)

    def _saved(self, move) -> None:
        self.move = move
        super().accept()

    def exec(self) -> int:  # type: ignore[override]
        """Run the dialog; after a donation, offer its receipt (here, not in ``accept``: saving never waits)."""
        result = super().exec()
        if result == QDialog.Accepted and self.move is not None and self.move.source == stock.SOURCE_DONATION:
            self.offer_receipt(self.parentWidget())
        return result

    def offer_receipt(self, parent) -> bool:
        """Ask whether to print the donation receipt now; print it if so. Returns whether it was printed."""
        import io

        from pointsapp.printing.donations import donation_receipts_pdf
        from pointsapp.ui.receipt_print import print_pdf

        if not confirm(parent, self.tr("已记录“{0}”的爱心捐赠。现在打印捐赠收据吗？").format(self.move.donor),
                       self.tr("捐赠收据"), yes=self.tr("打印收据")):
            return False
        pdf = io.BytesIO()
        try:
            donation_receipts_pdf(pdf, actor=self.actor, move_ids=[self.move.id])
        except UserError as exc:
            show_error(parent, exc)
            return False
        return print_pdf(parent, pdf.getvalue(), self.tr("捐赠收据"))


_NO_DATE = QDate(2000, 1, 1)  # the edit's minimum: shown as its special text ("不填"), meaning no date


def _optional_date(empty_text: str) -> QDateEdit:
    edit = date_edit()
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText(empty_text)
    edit.setDate(_NO_DATE)
    return edit


def _date_of(edit: QDateEdit) -> dt.date | None:
    return None if edit.date() == _NO_DATE else edit.date().toPython()
