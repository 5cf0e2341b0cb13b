"""The baseline of the page cases (issue 23): a bare QTableView over a plain list model holding the same rows,
shown at the size the pages are shown at. Imported inside the cases, after the Qt platform is chosen."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QApplication, QTableView

SIZE = (1280, 760)


class PlainRows(QAbstractTableModel):
    """Rows of values as text (None as nothing), nothing else: as wide as the widest row unless ``width`` says."""

    def __init__(self, rows, width: int | None = None):
        super().__init__()
        self.data_rows = rows
        self.width = width if width is not None else max((len(r) for r in rows), default=1)

    def rowCount(self, parent=None):  # noqa: N802
        return len(self.data_rows)

    def columnCount(self, parent=None):  # noqa: N802
        return self.width

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.DisplayRole:
            row = self.data_rows[index.row()]
            value = row[index.column()] if index.column() < len(row) else None
            return "" if value is None else str(value)
        return None


def bare_view(rows, width: int | None = None) -> QTableView:
    view = QTableView()
    view.setModel(PlainRows(rows, width))
    view.resize(*SIZE)
    return view


def show_bare(app: QApplication, rows, width: int | None = None) -> None:
    """One first show of the baseline: made, shown, drawn, gone."""
    view = bare_view(rows, width)
    view.show()
    app.processEvents()
    view.close()
    view.deleteLater()
