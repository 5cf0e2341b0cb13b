"""The cashier's basket: lines of products with quantities, shown as a table model.

One basket has one token: confirming it twice (double Enter, a retry after a timeout)
is recognised by the redemption service and never redeems twice.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QFont

from pointsapp.services.shop.redemption import new_token
from pointsapp.ui.table_model import ListTableModel, TableColumns


class Columns(TableColumns, context="basket"):
    NAME = QT_TRANSLATE_NOOP("basket", "商品")
    PRICE = QT_TRANSLATE_NOOP("basket", "单价（分）")
    QUANTITY = QT_TRANSLATE_NOOP("basket", "数量")
    POINTS = QT_TRANSLATE_NOOP("basket", "小计（分）")


@dataclass
class BasketLine:
    product_id: int
    sku: str
    name: str
    unit: str
    price: int
    quantity: int
    stock: int

    @property
    def points(self) -> int:
        return self.price * self.quantity


class BasketModel(ListTableModel):
    columns = Columns

    def __init__(self, parent=None):
        super().__init__(parent)
        self.token = new_token()
        self._font = QFont()
        self._font.setPointSize(15)

    # --- the basket -------------------------------------------------------------------
    @property
    def lines(self) -> list[BasketLine]:
        return self.rows

    @lines.setter
    def lines(self, lines: list[BasketLine]) -> None:
        self.rows = lines

    @property
    def total(self) -> int:
        return sum(line.points for line in self.lines)

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    def items(self) -> list[tuple[str, int]]:
        return [(line.sku, line.quantity) for line in self.lines]

    def add(self, line: BasketLine) -> int:
        """Add one product (merging with an existing line); returns its row."""
        for row, existing in enumerate(self.lines):
            if existing.product_id == line.product_id:
                existing.quantity += line.quantity
                existing.stock = line.stock
                self.row_changed(row)
                return row
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append(line)
        self.endInsertRows()
        return row

    def change_quantity(self, row: int, delta: int) -> None:
        """+/- keys; a line going to zero leaves the basket."""
        if not 0 <= row < len(self.lines):
            return
        line = self.lines[row]
        if line.quantity + delta <= 0:
            self.remove(row)
            return
        line.quantity += delta
        self.row_changed(row)

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()

    def reset(self) -> None:
        """A new, empty basket with a new token."""
        self.beginResetModel()
        self.lines = []
        self.token = new_token()
        self.endResetModel()

    # --- Qt model ---------------------------------------------------------------------
    def cell(self, line: BasketLine, col: Columns, role: int):
        if role == Qt.DisplayRole:
            return {Columns.NAME: line.name, Columns.PRICE: str(line.price),
                    Columns.QUANTITY: f"{line.quantity} {line.unit}", Columns.POINTS: str(line.points)}[col]
        if role == Qt.TextAlignmentRole and col != Columns.NAME:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.FontRole:
            return self._font
        return None
