"""A table of ledger entries (who, what, points, status) shared by the review and entry pages."""
from __future__ import annotations


from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from pointsapp.services.scoring.entry_lines import EntryLine
from pointsapp.ui.table_model import ListTableModel, TableColumns
from pointsapp.ui.domain_labels import label


class Columns(TableColumns):
    ID = QT_TRANSLATE_NOOP("columns", "记录号")
    HOUSEHOLD_NO = QT_TRANSLATE_NOOP("columns", "户号")
    HEAD = QT_TRANSLATE_NOOP("columns", "户主")
    GROUP = QT_TRANSLATE_NOOP("columns", "小组")
    DATE = QT_TRANSLATE_NOOP("columns", "日期")
    CATEGORY = QT_TRANSLATE_NOOP("columns", "类别")
    RULE = QT_TRANSLATE_NOOP("columns", "细则")
    POINTS = QT_TRANSLATE_NOOP("columns", "积分")
    NOTE = QT_TRANSLATE_NOOP("columns", "说明")
    STATUS = QT_TRANSLATE_NOOP("columns", "状态")
    ENTERED_BY = QT_TRANSLATE_NOOP("columns", "录入人")


_FIELDS = tuple(column.name.lower() for column in Columns)  # in column order
_DISPLAY, _ALIGN = int(Qt.DisplayRole), int(Qt.TextAlignmentRole)  # looked up once: Qt's enums are slow to reach
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_HORIZONTAL = Qt.Horizontal
_RIGHT_ALIGNED = frozenset({int(Columns.POINTS), int(Columns.ID)})


def texts(row: EntryLine) -> tuple[str, ...]:
    """A row's cells as shown, in column order (statuses and kinds in the interface language)."""
    return tuple(f"{row.points:+d}" if col is Columns.POINTS
                 else label(getattr(row, field)) if col in (Columns.STATUS, Columns.RULE)
                 else str(getattr(row, field))
                 for col, field in zip(Columns, _FIELDS))


class EntriesModel(ListTableModel):
    """Each row's texts made once, when first drawn or measured: a view asks ``data()`` for every role of every
    visible cell on each paint, and the page's column widths read the first hundred rows."""

    columns = Columns

    def __init__(self, parent=None):
        super().__init__(parent)
        self._texts: dict[int, tuple[str, ...]] = {}
        self._headers = tuple(ListTableModel.headerData(self, c, _HORIZONTAL, _DISPLAY) for c in Columns)  # asked on every paint

    def headerData(self, section, orientation, role=_DISPLAY):
        if role == _DISPLAY and orientation == _HORIZONTAL and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def set_rows(self, rows) -> None:
        self._texts: dict[int, tuple[str, ...]] = {}
        super().set_rows(rows)

    def texts_of(self, r: int) -> tuple[str, ...]:
        found = self._texts.get(r)
        if found is None:
            found = self._texts[r] = texts(self.rows[r])
        return found

    def data(self, index, role=_DISPLAY):
        if role == _DISPLAY:
            r = index.row()
            return self.texts_of(r)[index.column()] if 0 <= r < len(self.rows) else None
        if role == _ALIGN and index.column() in _RIGHT_ALIGNED:
            return _RIGHT
        return None

    def cell(self, row: EntryLine, col: Columns, role: int):
        if role == _DISPLAY:
            return texts(row)[col]
        if role == _ALIGN and col in _RIGHT_ALIGNED:
            return _RIGHT
        return None
