"""备份与恢复: the backup folder, the backups in it, back up now, restore (verified, old file kept)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QApplication, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QWidget

from pointsapp.services.ops.session import close_database
from pointsapp.services.ops import backup, restore
from pointsapp.services.ops import preferences
from pointsapp.services.ops.restore_check import UncheckedBackup
from pointsapp.services.auth import Permission
from pointsapp.errors import UserError
from pointsapp.ui.buttons import push_button
from pointsapp.ui.context import UiContext
from pointsapp.ui.layouts import vbox
from pointsapp.ui.table_model import ListTableModel, TableColumns, selected_row, table_view
from pointsapp.ui.messages import confirm, show_error, show_info
from pointsapp.ui.tasks import run_on_worker_and_wait
from pointsapp.ui.operations import run_op
from pointsapp.ui.unchecked_backup_dialog import ask_reason


class BackupColumn(TableColumns, context="backup"):
    """A row is a ``backup.BackupInfo``."""

    TAKEN_AT = QT_TRANSLATE_NOOP("backup", "备份时间"), lambda info: f"{info.taken_at:%Y-%m-%d %H:%M:%S}"
    SIZE = QT_TRANSLATE_NOOP("backup", "大小"), lambda info: f"{info.size / 1024 / 1024:.1f} MB"
    FILE = QT_TRANSLATE_NOOP("backup", "文件"), lambda info: str(info.path)


class BackupModel(ListTableModel):
    columns = BackupColumn


def close_all_connections() -> None:
    """Close the database on the worker thread and here: nothing may hold the old file during a restore."""
    run_on_worker_and_wait(close_database)
    close_database()


class BackupTab(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.change_folder_button = push_button(self.tr("更改文件夹…"), self.choose_folder)
        self.change_folder_button.setVisible(ctx.can(Permission.SETTINGS_EDIT))
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("备份文件夹：")))
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.change_folder_button)

        self.backup_button = push_button(self.tr("立即备份"), self.backup_now)
        self.restore_button = push_button(self.tr("用所选备份恢复…"), self.restore_selected)
        self.restore_file_button = push_button(self.tr("从其他备份文件恢复…"), self.restore_other)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.model = BackupModel(self)
        self.view = table_view(self.model)
        self.status = QLabel()
        self.status.setWordWrap(True)
        note = QLabel(self.tr("程序每次启动时和每天自动备份，保留最近 7 天、4 周、12 个月各一份。"
                              "备份文件夹可以设在 U 盘或共享文件夹上。恢复前会先检查备份是否完好，原数据库另存一份。"))
        note.setWordWrap(True)
        vbox(self, folder_row, note, buttons, (self.view, 1), self.status)
        ctx.hub.settings_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        folder = backup.backup_folder()
        self.folder.setText(str(folder))
        try:
            self.model.set_rows(backup.backups_of(backup.current_target(), folder))
        except UserError as exc:  # PostgreSQL: backups are dumps made on request
            self.model.set_rows([])
            self.status.setText(exc.message)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择备份文件夹"), self.folder.text())
        if folder:
            self.set_folder(folder)

    def set_folder(self, folder: str) -> None:
        run_op(self, self.ctx, preferences.change, key="backup_dir", value=folder)

    def backup_now(self):
        def done(path):
            self.status.setText(self.tr("已备份到 {0}").format(path))
            self.refresh()

        return run_op(self, self.ctx, backup.make_backup, success=done, label=self.tr("正在备份…"))

    def selected(self) -> backup.BackupInfo | None:
        return selected_row(self.view)

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            show_error(self, self.tr("请先在列表里选一份备份。"))
            return
        self._confirm_and_restore(info.path, info.label)

    def restore_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), self.folder.text(),
                                              self.tr("数据库备份 (*.db *.dump);;所有文件 (*)"))
        if path:
            self._confirm_and_restore(Path(path), Path(path).name)

    def _confirm_and_restore(self, path: Path, label: str) -> None:
        text = self.tr("用备份 {0} 替换当前数据库？此后的所有修改都会回到备份时的样子。"
                       "当前数据库会另存一份，程序恢复后将关闭，请重新打开。").format(label)
        if not confirm(self, text, yes=self.tr("恢复")):
            return
        try:
            result = self.restore_checked(path)
        except UserError as exc:
            show_error(self, exc)
            return
        if result is None:
            return
        kept = self.tr("原数据库已另存为 {0}。").format(result.kept) if result.kept else ""
        show_info(self, self.tr("已从备份恢复。{0}程序将关闭，请重新打开。").format(kept))
        QApplication.closeAllWindows()
        QApplication.quit()

    def restore_checked(self, path: Path) -> restore.Restored | None:
        """Restore; a backup that check rejects is restored only with the administrator's typed reason (None:
        cancelled, nothing replaced)."""
        try:
            return self.restore_from(path)
        except UncheckedBackup as refusal:
            reason = ask_reason(self, refusal)
            if reason is None:
                return None
            return self.restore_from(path, reason=reason)

    def restore_from(self, path: Path, reason: str = "") -> restore.Restored:
        """Verify, check, keep the current file, put the backup in place, reopen (no dialogs)."""
        target = backup.current_target()
        if path.suffix == ".db":
            backup.verify(path)  # refuse a bad file before closing anything
        close_all_connections()  # should the restore be refused, peewee reconnects on the next query
        return restore.restore(actor=self.ctx.actor, source=path, target=target, reason=reason)
