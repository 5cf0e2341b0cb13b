"""新建用户: username, name, role and a temporary password the new user replaces at first sign-in."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit

from pointsapp.services.ops import users
from pointsapp.services.auth import Role
from pointsapp.ui.domain_labels import label
from pointsapp.ui.context import UiContext
from pointsapp.ui.buttons import ok_cancel
from pointsapp.ui.layouts import vbox
from pointsapp.ui.operations import run_op


class NewUserDialog(QDialog):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("新建用户"))
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("登录用，如 xiaoli"))
        self.display_name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(label(role.label), role)
        self.role.setCurrentIndex(list(Role).index(Role.SCORER))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText(self.tr("临时密码，至少 6 位"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #c8102e;")
        form = QFormLayout()
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("姓名："), self.display_name)
        form.addRow(self.tr("角色："), self.role)
        form.addRow(self.tr("临时密码："), self.password)
        buttons = ok_cancel(self, self.tr("新建"), self.save)
        vbox(self, form, QLabel(self.tr("新用户首次登录时须把临时密码改成自己的密码。")), self.message, buttons)

    def save(self) -> None:
        run_op(self, self.ctx, users.create_user, username=self.username.text(), role=self.role.currentData(),
               password=self.password.text(), display_name=self.display_name.text(),
               success=lambda _row: self.accept(), busy=self, refused=lambda exc: self.message.setText(exc.message))
