"""用户管理 (administrator): the operators, their roles and status; new user, reset, disable, role."""
from __future__ import annotations


from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QInputDialog, QLineEdit, QPushButton, QWidget

from pointsapp.services.ops import users
from pointsapp.services.auth import Role
from pointsapp.ui.domain_labels import label
from pointsapp.ui.context import UiContext
from pointsapp.ui.layouts import vbox
from pointsapp.ui.table_model import ListTableModel, TableColumns, select_row_where, selected_row, table_view
from pointsapp.ui.messages import confirm, show_info
from pointsapp.ui.operations import run_op


class UserColumn(TableColumns, context="users"):
    """A row is a ``users.UserRow``."""

    USERNAME = QT_TRANSLATE_NOOP("users", "用户名"), lambda row: row.username
    NAME = QT_TRANSLATE_NOOP("users", "姓名"), lambda row: row.display_name
    ROLE = QT_TRANSLATE_NOOP("users", "角色"), lambda row: label(row.role_label)
    STATUS = QT_TRANSLATE_NOOP("users", "状态"), lambda row: label(row.status_label)


class UsersModel(ListTableModel):
    columns = UserColumn

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.reload()

    def reload(self) -> None:
        self.set_rows(users.list_users(actor=self.ctx.actor))


class UsersTab(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = UsersModel(ctx, self)
        self.view = table_view(self.model, fit=False, stretch=None)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建用户…"))
        self.reset_button = QPushButton(self.tr("重置密码…"))
        self.role_button = QPushButton(self.tr("更改角色…"))
        self.active_button = QPushButton(self.tr("停用"))
        for button, slot in ((self.new_button, self.new_user), (self.reset_button, self.reset_password),
                             (self.role_button, self.change_role), (self.active_button, self.toggle_active)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        vbox(self, buttons, self.view)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.hub.users_changed.connect(self.model.reload)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def selected(self) -> users.UserRow | None:
        return selected_row(self.view)

    def select_username(self, username: str) -> None:
        select_row_where(self.view, lambda row: row.username == username)

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.reset_button, self.role_button, self.active_button):
            button.setEnabled(row is not None)
        self.active_button.setText(self.tr("启用") if row is not None and not row.active else self.tr("停用"))

    def new_user(self) -> None:
        from pointsapp.ui.user_dialog import NewUserDialog

        NewUserDialog(self.ctx, self).exec()

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        password, ok = QInputDialog.getText(
            self, self.tr("重置密码"), self.tr("为 {0} 设置临时密码（至少 6 位，下次登录须修改）：").format(row.username),
            QLineEdit.Password)
        if not ok:
            return
        self._run(users.reset_password, self.tr("已重置 {0} 的密码并解除锁定。").format(row.username),
                  username=row.username, new_password=password)

    def change_role(self) -> None:
        row = self.selected()
        if row is None:
            return
        labels = [label(r.label) for r in Role]
        label, ok = QInputDialog.getItem(self, self.tr("更改角色"), self.tr("{0} 的新角色：").format(row.username),
                                         labels, list(Role).index(row.role), False)
        if ok:
            role = list(Role)[labels.index(label)]
            self._run(users.set_role, username=row.username, role=role)

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.active and not confirm(self, self.tr("停用用户 {0}？停用后不能登录，历史记录保留。").format(row.username),
                                      yes=self.tr("停用")):
            return
        self._run(users.set_active, username=row.username, active=not row.active)

    def _run(self, op, done: str | None = None, **arguments) -> None:
        run_op(self, self.ctx, op, success=(lambda _r: show_info(self, done)) if done else None, **arguments)
