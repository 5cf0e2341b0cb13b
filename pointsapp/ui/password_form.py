"""The fields for choosing a new password (with the current one when it must be confirmed)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from pointsapp.errors import UserError


class PasswordForm(QWidget):
    """原密码 (optional) / 新密码 / 再输入一次; Enter moves on, Enter in the last field submits."""

    submitted = Signal()

    def __init__(self, *, ask_old: bool, parent=None):
        super().__init__(parent)
        layout = QFormLayout(self)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.confirm = QLineEdit()
        fields = [self.new, self.confirm]
        if ask_old:
            layout.addRow(self.tr("原密码："), self.old)
            fields.insert(0, self.old)
        layout.addRow(self.tr("新密码："), self.new)
        layout.addRow(self.tr("再输入一次："), self.confirm)
        self.new.setPlaceholderText(self.tr("至少 6 位"))
        for edit, following in zip(fields, fields[1:] + [None]):
            edit.setEchoMode(QLineEdit.Password)
            if following is None:
                edit.returnPressed.connect(self.submitted)
            else:
                edit.returnPressed.connect(following.setFocus)
        self.first_field = fields[0]

    def new_password(self) -> str:
        """The new password, refused when the two entries differ."""
        if self.new.text() != self.confirm.text():
            raise UserError(self.tr("两次输入的新密码不一致。"))
        return self.new.text()

    def clear(self) -> None:
        for edit in (self.old, self.new, self.confirm):
            edit.clear()
        self.first_field.setFocus()
