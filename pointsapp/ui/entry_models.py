"""A table of ledger entries (who, what, points, status) shared by the review and entry pages."""
from __future__ import annotations


from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from pointsapp.services.scoring.entry_lines import EntryLine
from pointsapp.ui.table_model import RIGHT, ListTableModel, TableColumns
from pointsapp.ui.domain_labels import label


class Columns(TableColumns):
    """A row is an ``EntryLine`` (statuses and kinds shown in the interface language)."""

    ID = QT_TRANSLATE_NOOP("columns", "记录号"), lambda row: str(row.id), RIGHT
    HOUSEHOLD_NO = QT_TRANSLATE_NOOP("columns", "户号"), lambda row: str(row.household_no)
    HEAD = QT_TRANSLATE_NOOP("columns", "户主"), lambda row: str(row.head)
    GROUP = QT_TRANSLATE_NOOP("columns", "小组"), lambda row: str(row.group)
    DATE = QT_TRANSLATE_NOOP("columns", "日期"), lambda row: str(row.date)
    CATEGORY = QT_TRANSLATE_NOOP("columns", "类别"), lambda row: str(row.category)
    RULE = QT_TRANSLATE_NOOP("columns", "细则"), lambda row: label(row.rule)
    POINTS = QT_TRANSLATE_NOOP("columns", "积分"), lambda row: f"{row.points:+d}", RIGHT
    NOTE = QT_TRANSLATE_NOOP("columns", "说明"), lambda row: str(row.note)
    STATUS = QT_TRANSLATE_NOOP("columns", "状态"), lambda row: label(row.status)
    ENTERED_BY = QT_TRANSLATE_NOOP("columns", "录入人"), lambda row: str(row.entered_by)


_TEXTS = tuple(column.text for column in Columns)  # in column order
_ALIGNS = tuple(column.align for column in Columns)
_DISPLAY, _ALIGN = int(Qt.DisplayRole), int(Qt.TextAlignmentRole)  # looked up once: Qt's enums are slow to reach
_HORIZONTAL = Qt.Horizontal


def texts(row: EntryLine) -> tuple[str, ...]:
    """A row's cells as shown, in column order."""
    return tuple(text(row) for text in _TEXTS)


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
        if role == _ALIGN:
            column = index.column()
            return _ALIGNS[column] if 0 <= column < len(_ALIGNS) else None
        return None
