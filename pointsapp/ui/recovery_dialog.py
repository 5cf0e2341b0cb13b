"""At start-up, a damaged or foreign database: say so plainly and offer to restore a good backup."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem

from pointsapp.services.ops import recovery, restore
from pointsapp.services.ops.restore_check import UncheckedBackup
from pointsapp.errors import UserError
from pointsapp.ui.buttons import push_button
from pointsapp.ui.layouts import vbox
from pointsapp.ui.unchecked_backup_dialog import ask_reason


class RecoveryDialog(QDialog):
    """Lists the backups of the database (newest first); 恢复所选备份 replaces the damaged file."""

    def __init__(self, damage: recovery.Damage, parent=None):
        super().__init__(parent)
        self.damage = damage
        self.restored: restore.Restored | None = None
        self.setWindowTitle(self.tr("数据库有问题"))
        self.setMinimumWidth(560)
        title = QLabel(self.tr("数据库文件无法正常使用"))
        title.setStyleSheet("font-size: 17px; font-weight: bold; color: #c8102e;")
        reason = QLabel(self.tr("{0}\n\n数据库文件：{1}\n程序没有修改它。可以用下面的备份恢复"
                                "（恢复前会检查备份是否完好，损坏的文件会另存一份）。").format(damage.reason, damage.target))
        reason.setWordWrap(True)
        reason.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.backups = QListWidget()
        for info in recovery.candidate_backups(damage.target):
            item = QListWidgetItem(f"{info.label}    {info.path}")
            item.setData(Qt.UserRole, str(info.path))
            self.backups.addItem(item)
        good = str(damage.backup.path) if damage.backup else None
        for i in range(self.backups.count()):
            if self.backups.item(i).data(Qt.UserRole) == good:
                self.backups.setCurrentRow(i)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c8102e;")
        if self.backups.count() == 0:
            self.message.setText(self.tr("备份文件夹里没有这个数据库的备份。请找到 U 盘或其他电脑上的备份文件，"
                                         "用“选择其他备份文件”恢复。"))
        self.restore_button = push_button(self.tr("恢复所选备份"), self.restore_selected)
        self.restore_button.setDefault(True)
        self.restore_button.setEnabled(self.backups.count() > 0)
        self.other_button = push_button(self.tr("选择其他备份文件…"), self.restore_other)
        self.quit_button = push_button(self.tr("退出"), self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        vbox(self, title, reason, QLabel(self.tr("可用的备份（最新的在前）：")), (self.backups, 1), self.message,
             buttons)

    def restore_selected(self) -> None:
        item = self.backups.currentItem()
        if item is not None:
            self.restore_from(Path(item.data(Qt.UserRole)))

    def restore_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), "", self.tr("数据库备份 (*.db);;所有文件 (*)"))
        if path:
            self.restore_from(Path(path))

    def restore_from(self, path: Path) -> bool:
        """Restore and close the dialog; a bad backup is named and another can be chosen."""
        try:
            try:
                self.restored = restore.restore(actor=None, source=path, target=self.damage.target)
            except UncheckedBackup as refusal:  # the backup fails check: only with a typed reason
                reason = ask_reason(self, refusal)
                if reason is None:
                    self.message.setText(self.tr("没有恢复：所选备份没有通过检查。可以另选一份备份。"))
                    return False
                self.restored = restore.restore(actor=None, source=path, target=self.damage.target, reason=reason)
        except UserError as exc:
            self.message.setText(exc.message)
            return False
        self.accept()
        return True
