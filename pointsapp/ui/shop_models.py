"""Table models for the shop's lists: rows are dicts, columns the (key, header) lists declared in the services."""
from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtGui import QColor

from pointsapp.ui.domain_labels import label
from pointsapp.ui.table_model import ALIGNMENT, BACKGROUND, DISPLAY, HORIZONTAL, RIGHT, ListTableModel


STATE_KEYS = ("status", "state")  # shop_reports' status and stock state columns


class RowsModel(ListTableModel):
    """Read-only rows (dicts) with the (key, header) columns the services declare;
    ``highlight(row) -> colour or None`` marks rows (low stock, voided …)."""

    def __init__(self, columns: Sequence[tuple[str, str]], parent=None,
                 highlight: Callable[[dict], str | None] | None = None):
        super().__init__(parent)
        self.columns = list(columns)  # counted by ListTableModel.columnCount
        self.highlight = highlight

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == HORIZONTAL and role == DISPLAY:
            return label(self.columns[section][1])
        return None

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.columns[index.column()][0]
        value = row.get(key, "")
        if role == DISPLAY:
            if key in STATE_KEYS:  # fixed words (已兑换, 库存不足 …) the services compare; shown translated
                return label(str(value))
            return "" if value is None else str(value)
        if role == ALIGNMENT and isinstance(value, int) and not isinstance(value, bool):
            return RIGHT
        if role == BACKGROUND and self.highlight:
            colour = self.highlight(row)
            return QColor(colour) if colour else None
        return None
