"""Finding a household by name, pinyin initials or number when the villager forgot the card."""
from __future__ import annotations


from PySide6.QtCore import Qt, QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from pointsapp.services.register import households
from pointsapp.services.auth import Actor
from pointsapp.ui.layouts import vbox
from pointsapp.ui.table_model import ListTableModel, TableColumns, table_view
from pointsapp.ui.buttons import ok_cancel


class Columns(TableColumns, context="picker"):
    """A row is a ``households.HouseholdRow``."""

    NUMBER = QT_TRANSLATE_NOOP("picker", "户号"), lambda r: r.household_no
    HEAD = QT_TRANSLATE_NOOP("picker", "户主"), lambda r: r.head_name
    GROUP = QT_TRANSLATE_NOOP("picker", "小组"), lambda r: f"{r.village} {r.group}"
    AVAILABLE = QT_TRANSLATE_NOOP("picker", "可用积分"), lambda r: str(r.available)


class HouseholdListModel(ListTableModel):
    columns = Columns


class HouseholdPicker(QDialog):
    """Type a name, pinyin initials (zsf) or a household number; Enter picks the highlighted row."""

    LIMIT = 50

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.chosen_id: int | None = None
        self.setWindowTitle(self.tr("查找户（没带积分卡时）"))
        self.resize(560, 420)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母（如 zsf）、户号或电话"))
        self.model = HouseholdListModel(self)
        self.table = table_view(self.model, fit=False)
        self.table.doubleClicked.connect(self.accept)
        self.hint = QLabel()
        buttons = ok_cancel(self, self.tr("选择"))
        vbox(self, self.search, (self.table, 1), self.hint, buttons)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.accept)
        self.refresh()

    def refresh(self) -> None:
        text = self.search.text().strip()
        rows = households.list_households(actor=self.actor, search=text or None, limit=self.LIMIT) if text else []
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self.hint.setText(self.tr("找到 {0} 户（最多显示 {1} 户）").format(len(rows), self.LIMIT) if text
                          else self.tr("请输入要查找的户"))

    def keyPressEvent(self, event) -> None:
        # arrow keys move the highlighted row while typing continues in the search field
        if event.key() in (Qt.Key_Up, Qt.Key_Down) and self.model.rows:
            row = self.table.currentIndex().row() + (1 if event.key() == Qt.Key_Down else -1)
            self.table.selectRow(max(0, min(row, len(self.model.rows) - 1)))
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.refresh()
        index = self.table.currentIndex()
        if not index.isValid():
            return
        self.chosen_id = self.model.rows[index.row()].id
        super().accept()
