"""The OK / Cancel row of a dialog, its OK labelled with the task's own word (保存, 新建, 选择 …); a button with
what it does; a row of buttons; a row of labelled fields."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QWidget


def ok_cancel(dialog: QDialog, ok_text: str, on_ok: Callable[[], None] | None = None) -> QDialogButtonBox:
    """OK (``ok_text``, already translated) runs ``on_ok`` — which accepts the dialog when its work is done —
    or simply accepts; 取消 rejects. Enter presses OK, Esc cancels."""
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    box.button(QDialogButtonBox.Ok).setText(ok_text)
    box.button(QDialogButtonBox.Cancel).setText(QCoreApplication.translate("buttons", "取消"))
    box.accepted.connect(on_ok or dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def push_button(text: str, on_click: Callable[[], object]) -> QPushButton:
    """A button (``text`` already translated) that runs ``on_click`` when pressed."""
    button = QPushButton(text)
    button.clicked.connect(on_click)
    return button


def button_row(*buttons: QWidget, right: bool = False) -> QHBoxLayout:
    """Buttons side by side at the left of the row, or at its right (``right``), the spare width beside them."""
    row = QHBoxLayout()
    if right:
        row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    if not right:
        row.addStretch(1)
    return row


def labelled_row(*pairs: tuple[str, QWidget], then: tuple[QWidget, ...] = (), stretch: bool = True) -> QHBoxLayout:
    """A row of ``(caption, widget)`` pairs, each caption the widget's buddy (its &-key focuses the widget),
    then the ``then`` widgets (buttons), then the spare width."""
    row = QHBoxLayout()
    for caption, widget in pairs:
        label = QLabel(caption)
        label.setBuddy(widget)
        row.addWidget(label)
        row.addWidget(widget)
    for widget in then:
        row.addWidget(widget)
    if stretch:
        row.addStretch(1)
    return row
