"""户籍管理: the household list with instant search, and the way to add, edit, archive, import and export."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from pointsapp.services.register import households
from pointsapp.services.exports import roster as roster_export
from pointsapp.services.auth import Permission
from pointsapp.ui.context import UiContext
from pointsapp.ui.drawn_once import scroll_bar_for
from pointsapp.ui.household_model import Column, HouseholdListModel, PreparedRows
from pointsapp.ui.messages import confirm, show_error, show_info
from pointsapp.ui.tasks import run_task
from pointsapp.ui.village_picker import VillagePicker
from pointsapp.services.register import choices
from pointsapp.ui.operations import run_op
from pointsapp.services.changes import Changes


class HouseholdsPage(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = HouseholdListModel(self)
        self._loading = False
        self._reload_pending = False

        self.search = QLineEdit()
        self.search.setObjectName("householdSearch")
        self.search.setPlaceholderText(self.tr("查找：姓名、户号、电话或拼音首字母（如 zsf 找 张三丰）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.picker = VillagePicker([], all_villages=self.tr("全部村"), parent=self)
        self.village = self.picker.village
        self.village.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_archived = QCheckBox(self.tr("显示已归档"))
        self.show_archived.toggled.connect(self._filter)
        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setObjectName("householdTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NUMBER, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((Column.NUMBER, 80), (Column.HEAD, 90), (Column.VILLAGE, 80), (Column.GROUP, 60),
                              (Column.MEMBERS, 50), (Column.ID_NUMBER, 170), (Column.PHONE, 110),
                              (Column.EARNED, 80), (Column.AVAILABLE, 80), (Column.STARS, 110)):
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))  # English headers are longer
        self.table.activated.connect(lambda _i: self.edit_selected())  # Enter, and a double click

        can_edit = ctx.can(Permission.HOUSEHOLD_EDIT)
        self.add_button = self._button(self.tr("新增户(&N)"), self.add_household, can_edit)
        self.edit_button = self._button(self.tr("查看/编辑(&E)"), self.edit_selected, True)
        self.archive_button = self._button(self.tr("归档(&A)"), self.archive_selected, can_edit)
        self.delete_button = self._button(self.tr("删除"), self.delete_selected, can_edit)
        self.import_button = self._button(self.tr("导入花名册(&I)"), self.import_roster, can_edit)
        self.export_button = self._button(self.tr("导出 Excel(&X)"), self.export_roster, True)
        self.villages_button = self._button(self.tr("村组网格(&G)"), self.manage_villages, can_edit)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.village)
        top.addWidget(self.show_archived)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.archive_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.import_button, self.export_button, self.villages_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        QShortcut(QKeySequence.Find, self, activated=self._focus_search)
        QShortcut(QKeySequence(Qt.Key_Escape), self.search, activated=self.search.clear, context=Qt.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key_Down), self.search, activated=self.table.setFocus, context=Qt.WidgetShortcut)
        self.search.returnPressed.connect(self._open_first)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_count)
        ctx.hub.follow(Changes.HOUSEHOLDS | Changes.LEDGER | Changes.STARS, self, self.reload)
        self._fill_villages()
        self._update_buttons()
        QTimer.singleShot(0, self, self.reload)  # with self as context: skipped if the page is gone first

    def _button(self, text: str, slot, enabled: bool) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        button.setVisible(enabled)
        return button

    def _fill_villages(self) -> None:
        self.village.blockSignals(True)
        self.picker.set_villages(choices.villages(actor=self.ctx.actor))
        self.village.setVisible(self.village.count() > 2)
        self.table.setColumnHidden(Column.VILLAGE, self.village.count() <= 2)  # one village: the column says nothing
        self.village.blockSignals(False)

    # -- loading and filtering ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch every household (archived too; the model hides them) off the UI thread."""
        if self._loading:
            self._reload_pending = True
            return
        self._loading = True
        village_id = self.village.currentData()
        actor = self.ctx.actor

        def load():  # the pinyin sort keys are computed here too, off the UI thread
            return PreparedRows.of(households.list_households(actor=actor, village_id=village_id,
                                                              include_archived=True))

        run_task(self, load, success=self._loaded, failure=self._load_failed, label=self.tr("正在读取户籍…"))

    def _loaded(self, rows) -> None:
        if not shiboken6.isValid(self):  # the page was closed while the rows were being read
            return
        selected = self.selected_id()
        shown = len(rows.rows) if self.show_archived.isChecked() else sum(r.status == "active" for r in rows.rows)
        scroll_bar_for(self.table, shown)  # before the rows: the list drawn once
        self.model.set_rows(rows)
        self._filter()
        self._loading = False
        if selected is not None:
            self.select_household(selected)
        if self._reload_pending:
            self._reload_pending = False
            self.reload()

    def _load_failed(self, exc) -> None:
        if not shiboken6.isValid(self):
            return
        self._loading = False
        show_error(self, exc)

    def _filter(self, *_args) -> None:
        self.model.set_filter(self.search.text(), self.show_archived.isChecked())
        scroll_bar_for(self.table, self.model.rowCount())  # a few found: no scroll bar
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._update_buttons()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{0} / {1} 户").format(self.model.rowCount(), self.model.total))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _open_first(self) -> None:
        if self.model.rowCount():
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
            self.edit_selected()

    def selected_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex() if self.table.selectionModel() else None
        if index is None or not index.isValid():
            return None
        return self.model.household_id(index.row())

    def select_household(self, household_id: int) -> bool:
        row = self.model.row_of(household_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _update_buttons(self) -> None:
        row = self.model.household_at(self.table.currentIndex().row()) if self.table.currentIndex().isValid() \
            else None
        for b in (self.edit_button, self.archive_button, self.delete_button):
            b.setEnabled(row is not None)
        if row is not None:
            self.archive_button.setText(self.tr("恢复(&A)") if row.status != "active" else self.tr("归档(&A)"))

    # -- actions -----------------------------------------------------------------------------------------------
    def add_household(self) -> None:
        from pointsapp.ui.household_dialog import HouseholdDialog

        dialog = HouseholdDialog(self.ctx, village_id=self.village.currentData(), parent=self)
        if dialog.exec() and dialog.household_id:
            self._select_after_reload(dialog.household_id)

    def edit_selected(self) -> None:
        household_id = self.selected_id()
        if household_id is None:
            return
        from pointsapp.ui.household_dialog import HouseholdDialog

        HouseholdDialog(self.ctx, household_id=household_id, parent=self).exec()

    def _select_after_reload(self, household_id: int) -> None:
        def once():
            self.model.modelReset.disconnect(once)
            QTimer.singleShot(0, lambda: self.select_household(household_id))

        self.model.modelReset.connect(once)

    def archive_selected(self) -> None:
        row = self.model.household_at(self.table.currentIndex().row())
        if row is None:
            return
        if row.status == "active":
            if not confirm(self, self.tr("把户号 {0}（户主 {1}）归档？\n归档后默认不再显示，积分记录保留，可以恢复。")
                           .format(row.household_no, row.head_name), yes=self.tr("归档")):
                return
            run_op(self, self.ctx, households.archive_household, household_id=row.id)
        else:
            run_op(self, self.ctx, households.unarchive_household, household_id=row.id)

    def delete_selected(self) -> None:
        row = self.model.household_at(self.table.currentIndex().row())
        if row is None:
            return
        if not households.can_delete(actor=self.ctx.actor, household_id=row.id):
            show_error(self, self.tr("户号 {0} 已有积分、兑换或星级记录，只能归档，不能删除。").format(row.household_no))
            return
        if not confirm(self, self.tr("删除户号 {0}（户主 {1}）及其全部成员？此操作不能撤销。")
                       .format(row.household_no, row.head_name), yes=self.tr("删除")):
            return
        run_op(self, self.ctx, households.delete_household, household_id=row.id)

    def import_roster(self) -> None:
        from pointsapp.ui.import_dialog import ImportDialog

        ImportDialog(self.ctx, village_id=self.village.currentData(), parent=self).exec()

    def export_roster(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出户籍"), self.tr("花名册.xlsx"),
                                              self.tr("Excel 文件 (*.xlsx)"))
        if not path:
            return
        actor, village_id, archived = self.ctx.actor, self.village.currentData(), self.show_archived.isChecked()

        def done(result):
            text = self.tr("已导出 {0} 户 {1} 人到\n{2}").format(result.households, result.people, result.path)
            if result.private:
                text += self.tr("\n\n文件含完整身份证号码和电话，请妥善保管，不要张贴或外传。")
            show_info(self, text)

        run_task(self, lambda: roster_export.export_households(actor=actor, path=path, village_id=village_id,
                                                               include_archived=archived),
                 success=done, label=self.tr("正在导出…"))

    def manage_villages(self) -> None:
        from pointsapp.ui.villages_dialog import VillagesDialog

        VillagesDialog(self.ctx, parent=self).exec()
        self._fill_villages()
