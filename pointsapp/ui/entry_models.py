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


_FIELDS = {column: column.name.lower() for column in Columns}  # looked up once: cell() runs for every cell shown
_LABELLED = (Columns.STATUS, Columns.RULE)


class EntriesModel(ListTableModel):
    columns = Columns

    def cell(self, row: EntryLine, col: Columns, role: int):
        if role == Qt.DisplayRole:
            value = getattr(row, _FIELDS[col])
            if col is Columns.POINTS:
                return f"{value:+d}"
            return label(value) if col in _LABELLED else str(value)
        if role == Qt.TextAlignmentRole and col in (Columns.POINTS, Columns.ID):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
