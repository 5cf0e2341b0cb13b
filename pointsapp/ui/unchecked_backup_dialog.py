"""A backup that ``check`` rejects: the problems, and the administrator's typed reason to restore it anyway."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from pointsapp.services.ops.restore_check import MIN_REASON, UncheckedBackup
from pointsapp.ui.buttons import button_row


class UncheckedBackupDialog(QDialog):
    """Shows what ``check`` found; 仍然恢复 is enabled once a reason of a few characters is typed."""

    def __init__(self, refusal: UncheckedBackup, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("备份没有通过检查"))
        self.setMinimumWidth(600)
        title = QLabel(self.tr("这份备份里的账本可能被改动过"))
        title.setStyleSheet("font-size: 17px; font-weight: bold; color: #c8102e;")
        intro = QLabel(self.tr("备份 {0} 没有通过检查（和 pointsapp check 的检查相同），数据库没有被替换。"
                               "检查发现的问题：").format(refusal.source.name))
        intro.setWordWrap(True)
        self.problems = QPlainTextEdit("\n".join(refusal.problems))
        self.problems.setReadOnly(True)
        note = QLabel(self.tr("一般应当换一份通过检查的备份。如果确实要用这一份恢复，请写明理由"
                              "（至少 {0} 个字），理由和这些问题会记入操作日志。").format(MIN_REASON))
        note.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("恢复理由，例如：县审计组要求核对被改动的账本"))
        self.restore_button = QPushButton(self.tr("仍然恢复"))
        self.restore_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setDefault(True)
        self.reason.textChanged.connect(self._reason_changed)
        self.restore_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        buttons = button_row(self.restore_button, self.cancel_button, right=True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.problems, 1)
        layout.addWidget(note)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        self.reason.setFocus(Qt.OtherFocusReason)

    def typed_reason(self) -> str:
        return " ".join(self.reason.text().split())

    def _reason_changed(self) -> None:
        self.restore_button.setEnabled(len(self.typed_reason()) >= MIN_REASON)


def ask_reason(parent: QWidget | None, refusal: UncheckedBackup) -> str | None:
    """The typed reason, or None when the administrator cancels (nothing is restored)."""
    dialog = UncheckedBackupDialog(refusal, parent)
    try:
        return dialog.typed_reason() if dialog.exec() == QDialog.Accepted else None
    finally:
        dialog.deleteLater()
