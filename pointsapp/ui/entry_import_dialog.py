"""导入积分录入表: download a group's month as an Excel sheet, and import it filled in — checked first, every fault
listed by sheet and row, nothing written on any fault. Opened from the batch grid (检查表) of the entry page."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from pointsapp.services.scoring import entry_import, entry_sheet
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import confirm, show_info
from pointsapp.ui.operations import run_op
from pointsapp.ui.table_model import ListTableModel, TableColumns
from pointsapp.ui.tasks import run_task


class FaultColumn(TableColumns):
    SHEET = QT_TRANSLATE_NOOP("columns", "表")
    ROW = QT_TRANSLATE_NOOP("columns", "行号")
    REASON = QT_TRANSLATE_NOOP("columns", "问题")


class SheetFaultModel(ListTableModel):
    columns = FaultColumn

    def cell(self, fault: entry_import.SheetFault, column: FaultColumn, role: int):
        if role != Qt.DisplayRole:
            return None
        if column == FaultColumn.SHEET:
            return fault.sheet
        if column == FaultColumn.ROW:
            return QCoreApplication.translate("FaultModel", "第 {0} 行").format(fault.row) if fault.row else ""
        return fault.reason


def save_template(parent: QWidget, ctx: UiContext, group_id: int, group_name: str, month: str,
                  path: str | None = None) -> None:
    """Ask where (unless ``path``) and write the group's entry sheet for the month there, off the UI thread."""
    if path is None:
        suggested = QCoreApplication.translate("entry_import", "积分录入表-{0}-{1}.xlsx").format(group_name, month)
        path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("entry_import", "保存积分录入表"),
                                              suggested, QCoreApplication.translate("entry_import", "Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
    actor = ctx.actor

    def write() -> int:
        return entry_sheet.write_template(actor=actor, group_id=group_id, period_code=month, path=path)

    run_task(parent, write, label=QCoreApplication.translate("entry_import", "正在生成录入表…"),
             success=lambda count: show_info(parent, QCoreApplication.translate(
                 "entry_import", "已生成积分录入表（{0} 户）：{1}").format(count, path)))


class EntryImportDialog(QDialog):
    def __init__(self, ctx: UiContext, group_id: int, group_name: str, month: str, parent=None, path: str = ""):
        super().__init__(parent)
        self.ctx, self.group_id, self.month = ctx, group_id, month
        self.checked: entry_import.EntryImportResult | None = None
        self.result: entry_import.EntryImportResult | None = None
        self.setWindowTitle(self.tr("导入积分录入表"))
        self.resize(780, 520)
        self.path = QLineEdit(path)
        self.path.setPlaceholderText(self.tr("填好的录入表（.xlsx）或明细（.csv）"))
        self.path.textChanged.connect(self._reset)
        browse = QPushButton(self.tr("浏览(&B)…"))
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("文件(&F)："), file_row)
        form.addRow(self.tr("小组和月份："), QLabel(f"{group_name}　{month}"))
        self.summary = QLabel(self.tr("先“检查”：只读取文件并列出问题，不写入任何数据。"))
        self.summary.setWordWrap(True)
        self.faults = SheetFaultModel(self)
        self.fault_table = QTableView()
        self.fault_table.setModel(self.faults)
        self.fault_table.verticalHeader().setVisible(False)
        header = self.fault_table.horizontalHeader()
        header.setSectionResizeMode(FaultColumn.SHEET, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(FaultColumn.ROW, QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.fault_table.setWordWrap(True)
        self.check_button = QPushButton(self.tr("检查(&C)"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self.tr("导入(&I)"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.check_button, self.import_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.fault_table, 1)
        layout.addLayout(buttons)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择录入表"), "",
                                              self.tr("录入表 (*.xlsx *.csv);;所有文件 (*)"))
        if path:
            self.path.setText(path)
            self.check()

    def _reset(self, *_args) -> None:
        self.checked = None
        self.import_button.setEnabled(False)

    def check(self) -> None:
        path = self.path.text().strip()
        if not path:
            self.summary.setText(self.tr("请先选择录入表文件。"))
            return
        run_op(self, self.ctx, entry_import.import_entries, group_id=self.group_id, period_code=self.month,
               path=path, dry_run=True, success=self._checked, label=self.tr("正在检查录入表…"))

    def _show(self, result: entry_import.EntryImportResult) -> None:
        self.faults.set_rows(result.faults)
        self.fault_table.resizeRowsToContents()

    def _checked(self, result: entry_import.EntryImportResult) -> None:
        self.checked = result
        self._show(result)
        if result.faults:
            self.summary.setText(self.tr("发现 {0} 处问题，改正录入表后再“检查”。没有写入任何数据。").format(len(result.faults)))
        else:
            self.summary.setText(self.tr("检查通过。") + result.summary())
            self.import_button.setFocus()
        self.import_button.setEnabled(not result.faults)

    def run_import(self) -> None:
        c = self.checked
        if c is None or c.faults:
            return
        if not confirm(self, self.tr("导入 {0} 户 {1} 条积分记录，合计 {2} 分？\n导入后不能修改，只能冲正。").format(
                c.households, c.entries, c.points), yes=self.tr("导入")):
            return
        self.import_now()

    def import_now(self) -> None:
        run_op(self, self.ctx, entry_import.import_entries, group_id=self.group_id, period_code=self.month,
               path=self.path.text().strip(), success=self._imported, label=self.tr("正在导入…"))

    def _imported(self, result: entry_import.EntryImportResult) -> None:
        self.result = result
        self._show(result)
        if result.faults:  # the ledger changed since the check (another clerk, a cap reached)
            self.summary.setText(self.tr("导入未完成，发现 {0} 处问题，没有写入任何数据。").format(len(result.faults)))
            self.import_button.setEnabled(False)
            return
        show_info(self, self.tr("导入完成。") + result.summary())
        self.accept()
