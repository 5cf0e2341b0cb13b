"""The dialog both imports share (花名册, 积分录入表): choose a file, check it — a dry run that lists every fault and
writes nothing — then confirm and import; a fault found at import time (the data changed since the check) writes
nothing either. A subclass adds its own form rows and passes in how it checks and imports."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import confirm, show_info
from pointsapp.ui.table_model import ListTableModel, TableColumns


def _row_number(fault) -> str:
    return QCoreApplication.translate("FaultModel", "第 {0} 行").format(fault.row) if fault.row else ""


class FaultColumn(TableColumns):
    ROW = QT_TRANSLATE_NOOP("columns", "行号"), _row_number
    REASON = QT_TRANSLATE_NOOP("columns", "问题"), lambda fault: fault.reason


class SheetFaultColumn(TableColumns):
    """A workbook's faults: which sheet as well."""

    SHEET = QT_TRANSLATE_NOOP("columns", "表"), lambda fault: fault.sheet
    ROW = QT_TRANSLATE_NOOP("columns", "行号"), _row_number
    REASON = QT_TRANSLATE_NOOP("columns", "问题"), lambda fault: fault.reason


class FaultModel(ListTableModel):
    """The faults a check found, by (sheet and) row: a roster's ``roster_read.Fault`` or an entry sheet's
    ``entry_import.SheetFault``."""

    def __init__(self, columns: type[TableColumns], parent=None):
        super().__init__(parent)
        self.columns = columns


class CheckedImportDialog(QDialog):
    """Subclasses call ``__init__`` with their words and answer ``start_check`` / ``start_import`` (run the work,
    then call ``checked_with`` / ``imported_with`` with a result that has ``faults`` and ``summary()``) and
    ``confirm_text``; ``form_rows`` and ``more_buttons`` add their own fields (asked for while the dialog is
    built, so that they take their place in the tab order)."""

    def __init__(self, ctx: UiContext, faults: FaultModel, *, title: str, placeholder: str, path: str,
                 pick_caption: str, pick_filter: str, no_file: str, fix_and_check: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.checked = None
        self.result = None
        self._pick = (pick_caption, pick_filter)
        self._no_file, self._fix_and_check = no_file, fix_and_check
        self.setWindowTitle(title)

        self.path = QLineEdit(path)
        self.path.setPlaceholderText(placeholder)
        self.path.textChanged.connect(self._reset)
        browse = QPushButton(QCoreApplication.translate("CheckedImportDialog", "浏览(&B)…"))
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.form = QFormLayout()
        self.form.addRow(QCoreApplication.translate("CheckedImportDialog", "文件(&F)："), file_row)
        for label, field in self.form_rows():
            self.form.addRow(label, field)

        self.summary = QLabel(QCoreApplication.translate("CheckedImportDialog",
                                                         "先“检查”：只读取文件并列出问题，不写入任何数据。"))
        self.summary.setWordWrap(True)
        self.faults = faults
        faults.setParent(self)
        self.fault_table = QTableView()
        self.fault_table.setObjectName("faultTable")
        self.fault_table.setModel(self.faults)
        self.fault_table.verticalHeader().setVisible(False)
        header = self.fault_table.horizontalHeader()
        for column in faults.columns:
            if column.name != "REASON":
                header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)

        self.check_button = QPushButton(QCoreApplication.translate("CheckedImportDialog", "检查(&C)"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(QCoreApplication.translate("CheckedImportDialog", "导入(&I)"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton(QCoreApplication.translate("CheckedImportDialog", "关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for b in self.more_buttons():
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.check_button, self.import_button, close):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.summary)
        layout.addWidget(self.fault_table, 1)
        layout.addLayout(buttons)

    # --- what a subclass answers ---------------------------------------------------------------------------

    def form_rows(self) -> list[tuple[str, QWidget]]:
        """(label, field) rows under the file's row."""
        return []

    def more_buttons(self) -> list[QPushButton]:
        """Buttons at the left of the button row."""
        return []

    def start_check(self, path: str) -> None:
        raise NotImplementedError

    def start_import(self, path: str) -> None:
        raise NotImplementedError

    def confirm_text(self, checked) -> str:
        raise NotImplementedError

    # --- the steps ------------------------------------------------------------------------------------------

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self._pick[0], "", self._pick[1])
        if path:
            self.path.setText(path)
            self.check()

    def _reset(self, *_args) -> None:
        self.checked = None
        self.import_button.setEnabled(False)

    def check(self) -> None:
        path = self.path.text().strip()
        if not path:
            self.summary.setText(self._no_file)
            return
        self.start_check(path)

    def _show(self, result) -> None:
        self.faults.set_rows(result.faults)
        self.fault_table.resizeRowsToContents()

    def checked_with(self, result) -> None:
        self.checked = result
        self._show(result)
        if result.faults:
            self.summary.setText(self._fix_and_check.format(len(result.faults)))
        else:
            self.summary.setText(QCoreApplication.translate("CheckedImportDialog", "检查通过。") + result.summary())
        self.import_button.setEnabled(not result.faults)
        if not result.faults:
            self.import_button.setFocus()

    def run_import(self) -> None:
        c = self.checked
        if c is None or c.faults:
            return
        if not confirm(self, self.confirm_text(c), yes=QCoreApplication.translate("CheckedImportDialog", "导入")):
            return
        self.import_now()

    def import_now(self) -> None:
        self.start_import(self.path.text().strip())

    def imported_with(self, result) -> None:
        self.result = result
        self._show(result)
        if result.faults:  # the data changed since the check (another clerk, a cap reached)
            self.summary.setText(QCoreApplication.translate(
                "CheckedImportDialog", "导入未完成，发现 {0} 处问题，没有写入任何数据。").format(len(result.faults)))
            self.import_button.setEnabled(False)
            return
        show_info(self, QCoreApplication.translate("CheckedImportDialog", "导入完成。") + result.summary())
        self.accept()
