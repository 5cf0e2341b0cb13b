"""导入花名册: choose the file, check it (a dry run listing every fault by row), then confirm the import."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QTableView, QVBoxLayout,
)

from pointsapp.services.register import roster_import
from pointsapp.services.register import roster_read
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import confirm, show_info
from pointsapp.ui.table_model import ListTableModel, TableColumns
from pointsapp.ui.tasks import run_task
from pointsapp.ui.village_picker import VillagePicker
from pointsapp.ui.operations import changes_of, run_op


class FaultColumn(TableColumns):
    ROW = QT_TRANSLATE_NOOP("columns", "行号")
    REASON = QT_TRANSLATE_NOOP("columns", "问题")


class FaultModel(ListTableModel):
    columns = FaultColumn

    def set_faults(self, faults) -> None:
        self.set_rows(faults)

    def cell(self, fault: roster_read.Fault, column: FaultColumn, role: int):
        if role != Qt.DisplayRole:
            return None
        if column == FaultColumn.ROW:
            return QCoreApplication.translate("FaultModel", "第 {0} 行").format(fault.row) if fault.row else ""
        return fault.reason


class ImportDialog(QDialog):
    def __init__(self, ctx: UiContext, village_id: int | None = None, parent=None, path: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.columns: dict[str, int] | None = None
        self.header_row: int | None = None
        self.checked: roster_import.ImportResult | None = None
        self.result: roster_import.ImportResult | None = None
        self.setWindowTitle(self.tr("导入花名册"))
        self.resize(760, 560)

        self.path = QLineEdit(path)
        self.path.setPlaceholderText(self.tr("花名册文件（.xlsx 或 .csv）"))
        self.path.textChanged.connect(self._reset)
        browse = QPushButton(self.tr("浏览(&B)…"))
        browse.clicked.connect(self.browse)
        self.picker = VillagePicker.of(ctx.actor, parent=self, all_villages=self.tr("（按花名册标题）"))
        self.village = self.picker.village
        self.village.setEditable(True)
        index = self.village.findData(village_id)
        self.village.setCurrentIndex(max(index, 0))
        self.village.currentTextChanged.connect(self._reset)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("文件(&F)："), file_row)
        form.addRow(self.tr("导入到村(&V)："), self.village)

        self.summary = QLabel(self.tr("先“检查”：只读取文件并列出问题，不写入任何数据。"))
        self.summary.setWordWrap(True)
        self.faults = FaultModel(self)
        self.fault_table = QTableView()
        self.fault_table.setObjectName("faultTable")
        self.fault_table.setModel(self.faults)
        self.fault_table.verticalHeader().setVisible(False)
        self.fault_table.horizontalHeader().setSectionResizeMode(FaultColumn.ROW, QHeaderView.ResizeToContents)
        self.fault_table.horizontalHeader().setStretchLastSection(True)

        self.check_button = QPushButton(self.tr("检查(&C)"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.mapping_button = QPushButton(self.tr("列对应(&M)…"))
        self.mapping_button.clicked.connect(self.edit_mapping)
        self.import_button = QPushButton(self.tr("导入(&I)"))
        self.import_button.clicked.connect(self.run_import)
        self.import_button.setEnabled(False)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mapping_button)
        buttons.addStretch(1)
        for b in (self.check_button, self.import_button, close):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.fault_table, 1)
        layout.addLayout(buttons)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择花名册"), "",
                                              self.tr("花名册 (*.xlsx *.csv);;所有文件 (*)"))
        if path:
            self.path.setText(path)
            self.check()

    def _reset(self, *_args) -> None:
        self.checked = None
        self.import_button.setEnabled(False)

    def _village(self) -> int | str | None:
        """The chosen village's id, a typed new village name, or None to go by the roster's title."""
        index, text = self.village.currentIndex(), self.village.currentText().strip()
        if text == self.village.itemText(index):
            return self.village.itemData(index)
        return text or None

    def _work(self, dry_run: bool):
        actor, path, village = self.ctx.actor, self.path.text().strip(), self._village()
        columns, header_row = self.columns, self.header_row

        def work():
            roster = roster_read.parse(path, columns, header_row)
            result = roster_import.import_roster(actor=actor, path=path, village=village, dry_run=dry_run,
                                                 roster=roster)
            return roster, result

        return work

    def check(self) -> None:
        if not self.path.text().strip():
            self.summary.setText(self.tr("请先选择花名册文件。"))
            return
        run_task(self, self._work(True), success=self._checked, label=self.tr("正在检查花名册…"))

    def _checked(self, outcome) -> None:
        roster, result = outcome
        if self.columns is None and (roster.columns is None or roster.columns.unsure):
            if self.edit_mapping(roster):
                return  # edit_mapping starts a new check
        self.checked = result
        self.faults.set_faults(result.faults)
        if result.faults:
            self.summary.setText(self.tr("发现 {0} 处问题，改正花名册后再“检查”。没有写入任何数据。")
                                 .format(len(result.faults)))
        else:
            self.summary.setText(self.tr("检查通过。") + result.summary())
        self.import_button.setEnabled(not result.faults)
        if not result.faults:
            self.import_button.setFocus()

    def edit_mapping(self, roster=None) -> bool:
        from pointsapp.ui.column_mapping_dialog import ColumnMappingDialog

        path = self.path.text().strip()
        if not path:
            return False
        try:
            _sheet, rows = roster_read.read_rows(Path(path))
        except Exception as exc:  # a UserError explains an unreadable file
            from pointsapp.ui.messages import show_error

            show_error(self, exc)
            return False
        found = roster.columns if roster is not None else None
        dialog = ColumnMappingDialog(rows, self.header_row or (found.header_row if found else None),
                                     self.columns or (found.columns if found else None), self)
        if not dialog.exec():
            return False
        self.columns, self.header_row = dialog.columns(), dialog.header_row.value()
        self.check()
        return True

    def run_import(self) -> None:
        if self.checked is None or self.checked.faults:
            return
        c = self.checked
        if not confirm(self, self.tr("把花名册导入“{0}”？\n新增 {1} 户、更新 {2} 户；成员新增 {3} 人、更新 {4} 人、删除 {5} 人。")
                       .format(c.village, c.households_created, c.households_updated, c.people_created,
                               c.people_updated, c.people_removed), yes=self.tr("导入")):
            return
        work = self._work(False)
        run_op(self, self.ctx, lambda *, actor: work(), changes=changes_of(roster_import.import_roster),
               success=self._imported, label=self.tr("正在导入…"))

    def _imported(self, outcome) -> None:
        _roster, result = outcome
        self.result = result
        self.faults.set_faults(result.faults)
        if result.faults:  # the database changed since the check
            self.summary.setText(self.tr("导入未完成，发现 {0} 处问题，没有写入任何数据。").format(len(result.faults)))
            self.import_button.setEnabled(False)
            return
        show_info(self, self.tr("导入完成。") + result.summary())
        self.accept()
