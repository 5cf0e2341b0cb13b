"""The OK / Cancel row of a dialog, its OK labelled with the task's own word (保存, 新建, 选择 …)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox


def ok_cancel(dialog: QDialog, ok_text: str, on_ok: Callable[[], None] | None = None) -> QDialogButtonBox:
    """OK (``ok_text``, already translated) runs ``on_ok`` — which accepts the dialog when its work is done —
    or simply accepts; 取消 rejects. Enter presses OK, Esc cancels."""
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    box.button(QDialogButtonBox.Ok).setText(ok_text)
    box.button(QDialogButtonBox.Cancel).setText(QCoreApplication.translate("buttons", "取消"))
    box.accepted.connect(on_ok or dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
