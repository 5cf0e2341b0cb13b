"""A table of ledger entries (who, what, points, status) shared by the review and entry pages."""
from __future__ import annotations

import enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from pointsapp.services.scoring.entry_lines import EntryLine
from pointsapp.ui.table_model import ListTableModel
from pointsapp.ui.domain_labels import label


class Columns(enum.IntEnum):
    ID = 0
    HOUSEHOLD_NO = 1
    HEAD = 2
    DATE = 3
    CATEGORY = 4
    RULE = 5
    POINTS = 6
    NOTE = 7
    STATUS = 8
    ENTERED_BY = 9


HEADERS = {
    Columns.ID: QT_TRANSLATE_NOOP("columns", "记录号"),
    Columns.HOUSEHOLD_NO: QT_TRANSLATE_NOOP("columns", "户号"),
    Columns.HEAD: QT_TRANSLATE_NOOP("columns", "户主"),
    Columns.DATE: QT_TRANSLATE_NOOP("columns", "日期"),
    Columns.CATEGORY: QT_TRANSLATE_NOOP("columns", "类别"),
    Columns.RULE: QT_TRANSLATE_NOOP("columns", "细则"),
    Columns.POINTS: QT_TRANSLATE_NOOP("columns", "积分"),
    Columns.NOTE: QT_TRANSLATE_NOOP("columns", "说明"),
    Columns.STATUS: QT_TRANSLATE_NOOP("columns", "状态"),
    Columns.ENTERED_BY: QT_TRANSLATE_NOOP("columns", "录入人"),
}


class EntriesModel(ListTableModel):
    columns, headers = Columns, HEADERS

    def cell(self, row: EntryLine, col: Columns, role: int):
        if role == Qt.DisplayRole:
            value = getattr(row, col.name.lower())
            if col == Columns.POINTS:
                return f"{value:+d}"
            return label(value) if col in (Columns.STATUS, Columns.RULE) else str(value)
        if role == Qt.TextAlignmentRole and col in (Columns.POINTS, Columns.ID):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
