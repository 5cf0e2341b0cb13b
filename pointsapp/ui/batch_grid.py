"""月度检查录入表: one group's households × the inspection items for one month, typed from the keyboard.

Keys in the grid: arrows move; 1 / y / √ tick and move right, 0 / n untick and move
right, Space toggles, Delete clears, Enter jumps to the next household's first item,
Ctrl+S saves. Items already recorded this month show as recorded and cannot be
ticked again. The sheet is saved as one batch in one transaction.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from pointsapp import clock
from pointsapp.services.register import choices
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import rules
from pointsapp.services.scoring.inspection_sheet import short_title
from pointsapp.ui.context import UiContext
from pointsapp.ui.table_model import ListTableModel, TableColumns
from pointsapp.ui.operations import run_op
from pointsapp.ui.messages import confirm, show_error
from pointsapp.ui.tasks import run_task


class Columns(TableColumns):
    """The fixed columns; the inspection items follow, then the subtotal."""

    HOUSEHOLD_NO = QT_TRANSLATE_NOOP("columns", "户号")
    HEAD = QT_TRANSLATE_NOOP("columns", "户主")


FIRST_ITEM = len(Columns)
TICK_KEYS = {"1", "y", "Y", "√", "v", "V"}
UNTICK_KEYS = {"0", "n", "N", "-"}


class BatchGridModel(ListTableModel):
    """One row per household ``(id, household_no, head_name)``; a column per inspection item, then the subtotal."""

    columns = Columns
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list = []  # the inspection items (rules)
        self.marks: dict[int, set[int]] = {}    # household id -> rule ids ticked now
        self.recorded: dict[int, set[int]] = {}  # already in the ledger this month

    @property
    def households(self) -> list[tuple[int, str, str]]:
        return self.rows

    def load(self, households, items, recorded) -> None:
        self.items, self.recorded, self.marks = list(items), recorded, {}
        self.set_rows(households)
        self.changed.emit()

    # -- shape
    def extra_columns(self) -> int:
        return len(self.items) + 1  # the items, then the subtotal

    def extra_header(self, section: int) -> str:
        if section < len(self.items):  # the item's name, as on the paper sheet, above its code and points
            item = self.items[section]
            return f"{_two_lines(short_title(item.title))}\n{item.code} {item.points:+d}"
        return self.tr("小计")

    def is_item(self, column: int) -> bool:
        return FIRST_ITEM <= column < FIRST_ITEM + len(self.items)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal:
            return str(section + 1) if role == Qt.DisplayRole else None
        if role == Qt.ToolTipRole and self.is_item(section):
            return self.items[section - FIRST_ITEM].title
        return super().headerData(section, orientation, role)

    def cell(self, household, col, role: int):
        hid, no, head = household
        if col < FIRST_ITEM:
            return (no if col == Columns.HOUSEHOLD_NO else head) if role == Qt.DisplayRole else None
        if not self.is_item(col):
            if role == Qt.DisplayRole:
                return str(self.points_of(hid))
            if role == Qt.TextAlignmentRole:
                return int(Qt.AlignCenter)
            return None
        rule_id = self.items[col - FIRST_ITEM].id
        recorded = rule_id in self.recorded.get(hid, set())
        ticked = rule_id in self.marks.get(hid, set())
        if role == Qt.DisplayRole:
            return self.tr("已记") if recorded else ("✓" if ticked else "")
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        if role == Qt.BackgroundRole:
            if recorded:
                return QBrush(QColor("#e6e6e6"))
            if ticked:
                return QBrush(QColor("#dff0d8"))
        if role == Qt.ToolTipRole and recorded:
            return self.tr("本月已经记过这一项")
        return None

    def flags(self, index):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return base

    # -- marks
    def set_mark(self, row: int, column: int, ticked: bool | None) -> bool:
        """Tick (True), untick (False) or toggle (None) one cell; recorded cells stay as they are."""
        if not (0 <= row < len(self.households)) or not self.is_item(column):
            return False
        hid = self.households[row][0]
        rule_id = self.items[column - FIRST_ITEM].id
        if rule_id in self.recorded.get(hid, set()):
            return False
        current = self.marks.setdefault(hid, set())
        want = (rule_id not in current) if ticked is None else ticked
        if want:
            current.add(rule_id)
        else:
            current.discard(rule_id)
        self.dataChanged.emit(self.index(row, column), self.index(row, self.columnCount() - 1))
        self.changed.emit()
        return True

    def row_points(self, row: int) -> int:
        return self.points_of(self.households[row][0])

    def points_of(self, hid: int) -> int:
        chosen = self.marks.get(hid, set())
        return sum(item.points for item in self.items if item.id in chosen)

    def new_marks(self) -> dict[int, set[int]]:
        return {hid: set(ids) for hid, ids in self.marks.items() if ids}

    def totals(self) -> tuple[int, int, int]:
        """(households with a tick, ticks, points) of what is about to be saved."""
        marks = self.new_marks()
        points_of = {item.id: item.points for item in self.items}
        return len(marks), sum(len(v) for v in marks.values()), sum(points_of[r] for v in marks.values() for r in v)


def _two_lines(name: str, width: int = 6) -> str:
    """A long item name broken into lines of ``width`` characters (a column head no wider than a few boxes)."""
    return "\n".join(name[i:i + width] for i in range(0, len(name), width))


class BatchGridView(QTableView):
    """The grid itself: typing marks moves along like on a paper sheet."""

    save_requested = Signal()

    def keyPressEvent(self, event):
        model: BatchGridModel = self.model()
        index = self.currentIndex()
        text, key = event.text(), event.key()
        if event.matches(QKeySequence.Save):
            self.save_requested.emit()
            return
        if key in (Qt.Key_Return, Qt.Key_Enter):
            self._go(index.row() + 1, FIRST_ITEM)
            return
        if not index.isValid():
            return super().keyPressEvent(event)
        if text and (text in TICK_KEYS or text in UNTICK_KEYS):
            model.set_mark(index.row(), index.column(), text in TICK_KEYS)
            self._next_cell(index)
            return
        if key == Qt.Key_Space:
            model.set_mark(index.row(), index.column(), None)
            return
        if key in (Qt.Key_Delete, Qt.Key_Backspace):
            model.set_mark(index.row(), index.column(), False)
            return
        super().keyPressEvent(event)

    def _next_cell(self, index) -> None:
        model: BatchGridModel = self.model()
        if model.is_item(index.column() + 1):
            self._go(index.row(), index.column() + 1)
        else:
            self._go(index.row() + 1, FIRST_ITEM)

    def _go(self, row: int, column: int) -> None:
        model = self.model()
        row = min(max(row, 0), model.rowCount() - 1)
        if row < 0:
            return
        target = model.index(row, column)
        self.setCurrentIndex(target)
        self.scrollTo(target)


def recent_months(today: dt.date, count: int = 12) -> list[str]:
    out, year, month = [], today.year, today.month
    for _ in range(count):
        out.append(f"{year}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out


class BatchGrid(QWidget):
    """Choose group and month, tick the sheet, save it as one batch."""

    def __init__(self, ctx: UiContext, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or clock.today()
        self.group_box = QComboBox()
        self.month_box = QComboBox()
        self.month_box.addItems(recent_months(self.today))
        self.model = BatchGridModel(self)
        self.view = BatchGridView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.last_saved = QLabel()
        self.last_saved.setStyleSheet("color: #2e7d32;")
        self.save_button = QPushButton(self.tr("保存检查表 (Ctrl+S)"))
        self.print_button = QPushButton(self.tr("打印空白检查表…"))
        self.print_button.setToolTip(self.tr("打印这个小组本月的空白检查表，带到各户逐项打勾，回来再按表录入"))
        self.print_button.clicked.connect(self.print_blank_sheet)
        self.save_button.clicked.connect(self.ask_save)
        self.view.save_requested.connect(self.ask_save)
        # Ctrl+S also from the group and month boxes (the grid handles it itself when focused)
        QShortcut(QKeySequence.Save, self, activated=self.ask_save, context=Qt.WidgetWithChildrenShortcut)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("村民小组：")))
        top.addWidget(self.group_box, 1)
        top.addWidget(QLabel(self.tr("月份：")))
        top.addWidget(self.month_box)
        hint = QLabel(self.tr("按 1 或 Y 打勾、0 或 N 不打勾，空格切换，回车换下一户"))
        hint.setStyleSheet("color: #666;")
        hint.setWordWrap(True)  # a long line in English: wraps instead of widening the window
        top.addWidget(hint, 2)
        self.template_button = QPushButton(self.tr("下载录入表…"))  # the sheet on paper's place, filled elsewhere
        self.template_button.clicked.connect(self.download_template)
        self.import_button = QPushButton(self.tr("从表格导入…"))
        self.import_button.clicked.connect(self.import_sheet)
        bottom = QHBoxLayout()
        bottom.addWidget(self.template_button)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.last_saved)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        # Tab goes as the sheet is filled in: group, month, the grid, then save
        for first, second in ((self.group_box, self.month_box), (self.month_box, self.view),
                              (self.view, self.save_button), (self.save_button, self.print_button)):
            QWidget.setTabOrder(first, second)

        self._fill_groups()
        self.group_box.currentIndexChanged.connect(self.reload)
        self.month_box.currentIndexChanged.connect(self.reload)
        self.model.changed.connect(self._update_summary)
        self.ctx.hub.households_changed.connect(self._fill_groups)
        self.reload()

    def _fill_groups(self) -> None:
        current = self.group_box.currentData()
        self.group_box.blockSignals(True)
        self.group_box.clear()
        self._village_of: dict[int, int] = {}
        for village in choices.villages(actor=self.ctx.actor):
            for group_id, group_name in village.groups:
                self.group_box.addItem(f"{village.name} {group_name}", group_id)
                self._village_of[group_id] = village.id
        if current is not None and self.group_box.findData(current) >= 0:
            self.group_box.setCurrentIndex(self.group_box.findData(current))
        self.group_box.blockSignals(False)

    def select(self, group_id: int, period_code: str) -> None:
        self.group_box.setCurrentIndex(self.group_box.findData(group_id))
        self.month_box.setCurrentText(period_code)
        self.reload()

    def reload(self) -> None:
        group_id = self.group_box.currentData()
        if group_id is None:
            self.model.load([], [], {})
            return
        households = choices.group_sheet(actor=self.ctx.actor, group_id=group_id)
        items = rules.list_rules(actor=self.ctx.actor, village_id=self._village_of[group_id], inspection_only=True)
        recorded = entries.batch_marks(actor=self.ctx.actor, group_id=group_id, period_code=self.month_box.currentText())
        self.model.load(households, items, recorded)
        if self.model.rowCount() and items:
            self.view.setCurrentIndex(self.model.index(0, FIRST_ITEM))
        self.view.setFocus()

    def showEvent(self, event):  # noqa: N802 (Qt name)
        """Shown (its tab clicked): the keys typed next tick the sheet, not the navigation list left behind."""
        super().showEvent(event)
        QTimer.singleShot(0, self, self._focus_grid)  # with self as context: skipped if the grid is gone first

    def _focus_grid(self) -> None:
        if self.isVisible() and not self.view.hasFocus():
            self.view.setFocus(Qt.OtherFocusReason)
            if not self.view.currentIndex().isValid() and self.model.rowCount() and self.model.items:
                self.view.setCurrentIndex(self.model.index(0, FIRST_ITEM))

    def print_blank_sheet(self) -> None:
        group_id = self.group_box.currentData()
        if group_id is None:
            return
        month = self.month_box.currentText()
        name = self.tr("{0}_{1}_空白检查表.pdf").format(self.group_box.currentText().replace(" ", "_"), month)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("打印空白检查表"), name, self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.write_blank_sheet(path)

    def write_blank_sheet(self, path: str):
        from pointsapp.printing.inspection_sheet import inspection_sheet_pdf

        actor, group_id, month = self.ctx.actor, self.group_box.currentData(), self.month_box.currentText()
        return run_task(self, lambda: inspection_sheet_pdf(path, actor=actor, group_id=group_id, period_code=month),
                        success=lambda n: self.last_saved.setText(
                            self.tr("空白检查表（{0} 户）已保存到 {1}").format(n, path)),
                        label=self.tr("正在生成检查表…"))

    def _update_summary(self) -> None:
        households, ticks, points = self.model.totals()
        self.summary.setText(self.tr("共 {0} 户；本次勾选 {1} 户 {2} 项，合计 {3} 分").format(
            self.model.rowCount(), households, ticks, points))

    def ask_save(self) -> None:
        households, ticks, points = self.model.totals()
        if not ticks:
            show_error(self, self.tr("这张检查表上还没有勾选任何项目。"))
            return
        text = self.tr("保存{0}{1}的检查结果：{2} 户 {3} 项，合计 {4} 分？\n保存后不能修改，只能冲正。").format(
            self.group_box.currentText(), self.month_box.currentText(), households, ticks, points)
        if confirm(self, text, yes=self.tr("保存")):
            self.save()

    def save(self) -> None:
        """Save the sheet on the database worker; the grid reloads from the database once it is saved."""
        self.save_button.setEnabled(False)
        run_op(self, self.ctx, entries.add_batch, group_id=self.group_box.currentData(),
               period_code=self.month_box.currentText(), marks=self.model.new_marks(), today=self.today,
               success=self._saved, failure=lambda _exc: self.save_button.setEnabled(True))

    def download_template(self, path: str | None = None) -> None:
        from pointsapp.ui.entry_import_dialog import save_template

        if self.group_box.currentData() is not None:
            save_template(self, self.ctx, self.group_box.currentData(), self.group_box.currentText(),
                          self.month_box.currentText(), path)

    def import_sheet(self, path: str = ""):
        """The import dialog for the chosen group and month (modal; returned unopened when ``path`` is given)."""
        from pointsapp.ui.entry_import_dialog import EntryImportDialog

        if self.group_box.currentData() is None:
            return None
        dialog = EntryImportDialog(self.ctx, self.group_box.currentData(), self.group_box.currentText(),
                                   self.month_box.currentText(), self, path=path or "")
        dialog.accepted.connect(self.reload)
        if not path:
            dialog.exec()
        return dialog

    def _saved(self, result) -> None:
        self.save_button.setEnabled(True)
        self.reload()
        self.last_saved.setText(self.tr("已保存检查批次 #{0}：{1} 条记录，合计 {2} 分。").format(
            result.batch.id, result.entries, result.points))
