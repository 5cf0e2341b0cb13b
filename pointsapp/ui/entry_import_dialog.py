"""导入积分录入表: download a group's month as an Excel sheet, and import it filled in — checked first, every fault
listed by sheet and row, nothing written on any fault. Opened from the batch grid (检查表) of the entry page."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from pointsapp.services.scoring import entry_import, entry_sheet
from pointsapp.ui.checked_import import CheckedImportDialog, FaultModel, SheetFaultColumn
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import show_info
from pointsapp.ui.operations import run_op
from pointsapp.ui.tasks import run_task


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


class EntryImportDialog(CheckedImportDialog):
    def __init__(self, ctx: UiContext, group_id: int, group_name: str, month: str, parent=None, path: str = ""):
        self.group_id, self.month, self._group_and_month = group_id, month, f"{group_name}　{month}"
        super().__init__(ctx, FaultModel(SheetFaultColumn), parent=parent, path=path, title=self.tr("导入积分录入表"),
                         placeholder=self.tr("填好的录入表（.xlsx）或明细（.csv）"), pick_caption=self.tr("选择录入表"),
                         pick_filter=self.tr("录入表 (*.xlsx *.csv);;所有文件 (*)"),
                         no_file=self.tr("请先选择录入表文件。"),
                         fix_and_check=self.tr("发现 {0} 处问题，改正录入表后再“检查”。没有写入任何数据。"))
        self.resize(780, 520)

    def form_rows(self):
        return [(self.tr("小组和月份："), QLabel(self._group_and_month))]

    def start_check(self, path: str) -> None:
        run_op(self, self.ctx, entry_import.import_entries, group_id=self.group_id, period_code=self.month,
               path=path, dry_run=True, success=self.checked_with, label=self.tr("正在检查录入表…"))

    def confirm_text(self, c: entry_import.EntryImportResult) -> str:
        return self.tr("导入 {0} 户 {1} 条积分记录，合计 {2} 分？\n导入后不能修改，只能冲正。").format(
            c.households, c.entries, c.points)

    def start_import(self, path: str) -> None:
        run_op(self, self.ctx, entry_import.import_entries, group_id=self.group_id, period_code=self.month,
               path=path, success=self.imported_with, label=self.tr("正在导入…"))
