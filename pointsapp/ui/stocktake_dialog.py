"""盘点: the monthly count of every product on the shelf, entered against the books in one sheet."""
from __future__ import annotations

from PySide6.QtCore import Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QLabel, QLineEdit, QTableView

from pointsapp.services.shop import lots, products, stock
from pointsapp.ui.layouts import vbox
from pointsapp.ui.messages import confirm, show_error
from pointsapp.ui.buttons import ok_cancel
from pointsapp.ui.operations import run_op
from pointsapp.ui.context import UiContext
from pointsapp.ui.table_model import ListTableModel, TableColumns, table_view


class Columns(TableColumns, context="stocktake"):
    """A row is a product; what was counted, and so the difference, the model keeps as it is typed in."""

    SKU = QT_TRANSLATE_NOOP("stocktake", "条码"), lambda p: p.sku
    NAME = QT_TRANSLATE_NOOP("stocktake", "商品"), lambda p: p.name
    UNIT = QT_TRANSLATE_NOOP("stocktake", "单位"), lambda p: p.unit
    EXPECTED = QT_TRANSLATE_NOOP("stocktake", "账面数量"), lambda p: str(p.stock)
    COUNTED = QT_TRANSLATE_NOOP("stocktake", "实盘数量")
    DIFFERENCE = QT_TRANSLATE_NOOP("stocktake", "差异")


class StocktakeModel(ListTableModel):
    """One row per active product; the counted column is typed in (blank: not counted)."""

    columns = Columns

    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.rows = products.search("", actor=actor)
        self.counted: dict[int, int] = {}

    @property
    def products(self):
        return self.rows

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemIsEditable if index.column() == Columns.COUNTED else base

    def cell(self, p, col: Columns, role: int):
        counted = self.counted.get(p.id)
        if role in (Qt.DisplayRole, Qt.EditRole):
            if col == Columns.COUNTED:
                return "" if counted is None else str(counted)
            if col == Columns.DIFFERENCE:
                return "" if counted is None else f"{counted - p.stock:+d}"
            return col.text(p)
        if role == Qt.BackgroundRole and col == Columns.DIFFERENCE and counted is not None and counted != p.stock:
            return QColor("#f4b6b6" if counted < p.stock else "#c9ecc9")
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.EditRole or index.column() != Columns.COUNTED:
            return False
        text = str(value).strip()
        pid = self.rows[index.row()].id
        if not text:
            self.counted.pop(pid, None)
        elif text.isdigit():
            self.counted[pid] = int(text)
        else:
            return False
        self.row_changed(index.row())
        return True


class StocktakeDialog(QDialog):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, ctx.actor
        self.differences: list[stock.StocktakeDifference] = []
        self.setWindowTitle(self.tr("盘点"))
        self.resize(720, 560)
        self.model = StocktakeModel(ctx.actor, self)
        self.table = table_view(self.model, rows=False, single=False, stretch=Columns.NAME)
        self.table.setEditTriggers(QTableView.AllEditTriggers)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("备注，如：11 月月末盘点"))
        buttons = ok_cancel(self, self.tr("保存盘点"))
        self.write_off_button = buttons.addButton(self.tr("报废过期批次…"), QDialogButtonBox.ActionRole)
        self.write_off_button.clicked.connect(self.write_off_expired)
        self.written_off: list = []
        vbox(self, QLabel(self.tr("在“实盘数量”一栏填入清点的数量；不填的商品不参与本次盘点。差异记为盘点调整。")),
             (self.table, 1), self.note, buttons)
        self.table.setCurrentIndex(self.model.index(0, Columns.COUNTED))

    def accept(self) -> None:
        counts = dict(self.model.counted)
        if not counts:
            show_error(self, self.tr("还没有填入任何实盘数量。"))
            return
        changed = sum(1 for p in self.model.products if p.id in counts and counts[p.id] != p.stock)
        if changed and not confirm(self, self.tr("{0} 种商品有差异，将按实盘数量调整库存。确定保存？").format(changed)):
            return
        run_op(self, self.ctx, stock.record_stocktake, counts=counts, note=self.note.text(), success=self._saved, busy=self)

    def write_off_expired(self) -> None:
        """过期报废 during the count: every expired lot on hand leaves the stock, with the reason given."""
        expired = lots.shelf_report(actor=self.ctx.actor).expired
        if not expired:
            show_error(self, self.tr("没有已过期的库存批次。"))
            return
        listed = "\n".join(self.tr("{0} {1}{2}（到期 {3}）").format(w.lot.product, w.lot.on_hand, w.lot.unit,
                                                               w.lot.expires_on.isoformat()) for w in expired[:12])
        reason, ok = QInputDialog.getText(self, self.tr("报废过期批次"), self.tr(
            "以下 {0} 批已过期，将出库报废：\n{1}\n\n报废原因：").format(len(expired), listed), text=self.tr("过期销毁"))
        if ok:
            run_op(self, self.ctx, lots.write_off_expired, reason=reason, success=self._written_off, busy=self)

    def _written_off(self, moves) -> None:
        self.written_off = moves
        self.model.set_rows(products.search("", actor=self.actor))  # the books changed: the sheet shows the new expected numbers

    def _saved(self, result) -> None:
        _take, self.differences = result
        super().accept()
