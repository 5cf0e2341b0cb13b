"""A read-only table over a list of rows, columns declared once as an IntEnum with their headers.

Subclasses set ``columns`` and ``headers`` (header source texts, translated in ``header_context``, "columns"
unless a subclass says otherwise) and answer ``cell(row, column, role)``; the row bookkeeping lives here once.
"""
from __future__ import annotations

from enum import IntEnum
from typing import Any, Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt


class ListTableModel(QAbstractTableModel):
    columns: type[IntEnum]
    headers: Mapping[IntEnum, str]
    header_context = "columns"  # the translation context of the header source texts

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return QCoreApplication.translate(self.header_context, self.headers[self.columns(section)])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        return self.cell(self.rows[index.row()], self.columns(index.column()), role)

    def cell(self, row: Any, column: IntEnum, role: int) -> Any:
        raise NotImplementedError
