"""修改密码: the signed-in user changes their own password."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from pointsapp.services.ops import users
from pointsapp.ui.buttons import button_row
from pointsapp.ui.domain_labels import label
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import show_info
from pointsapp.ui.password_form import PasswordForm
from pointsapp.ui.operations import run_op


class PasswordTab(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.form = PasswordForm(ask_old=True)
        self.save_button = QPushButton(self.tr("修改密码"))
        self.save_button.clicked.connect(self.save)
        self.form.submitted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("当前用户：{0}（{1}）").format(ctx.actor.name, label(ctx.actor.role.label))))
        layout.addWidget(self.form)
        layout.addLayout(button_row(self.save_button))
        layout.addStretch(1)

    def save(self) -> None:
        run_op(self, self.ctx, users.change_password, old_password=self.form.old.text(),
               new_password=self.form.new_password(), success=self._changed)

    def _changed(self, _result) -> None:
        self.form.clear()
        show_info(self, self.tr("密码已修改，下次登录请使用新密码。"))
