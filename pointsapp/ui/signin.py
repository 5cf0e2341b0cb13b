"""Sign-in at start: username and password, first-run administrator password, forced password change."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QStackedWidget, QVBoxLayout,
    QWidget,
)

from pointsapp import APP_TITLE
from pointsapp.services.ops import session
from pointsapp.services.ops import users
from pointsapp.services.auth import Actor
from pointsapp.services.ops.session import friendly_db_errors
from pointsapp.errors import UserError
from pointsapp.ui.password_form import PasswordForm

SIGN_IN, FIRST_PASSWORD, NEW_PASSWORD = range(3)


class SignInDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.actor: Actor | None = None
        self._password = ""
        self.setWindowTitle(self.tr("登录 — {0}").format(QCoreApplication.translate("app", APP_TITLE)))
        self.setMinimumWidth(380)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: bold; color: #c8102e;")
        self.title.setAlignment(Qt.AlignCenter)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c8102e;")

        self.username = QComboBox()
        self.username.setEditable(True)
        names = session.usernames_for_sign_in()
        self.username.addItems(names)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        sign_in_page = QWidget()
        form = QFormLayout(sign_in_page)
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("密码："), self.password)
        self.username.lineEdit().returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)

        self.first_form = PasswordForm(ask_old=False)
        self.change_form = PasswordForm(ask_old=False)
        self.first_form.submitted.connect(self.submit)
        self.change_form.submitted.connect(self.submit)

        self.pages = QStackedWidget()
        for page in (sign_in_page, self.first_form, self.change_form):
            self.pages.addWidget(page)
        # plain buttons, none of them default: Enter is handled field by field (next field, or submit)
        self.ok_button = QPushButton()
        quit_button = QPushButton(self.tr("退出"))
        for button in (self.ok_button, quit_button):
            button.setAutoDefault(False)
        self.ok_button.clicked.connect(self.submit)
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(quit_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        only = names[0] if len(names) == 1 else None
        if only and users.needs_first_password(only):
            self._show(FIRST_PASSWORD)
        else:
            self._show(SIGN_IN)
            if len(names) > 1:
                self.username.setCurrentIndex(-1)
                self.username.setFocus()

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.message.clear()
        if page == SIGN_IN:
            self.title.setText(self.tr("村民积分管理系统"))
            self.hint.setText(self.tr("请输入用户名和密码。"))
            self.ok_button.setText(self.tr("登录"))
            self.password.setFocus()
        elif page == FIRST_PASSWORD:
            self.title.setText(self.tr("首次使用"))
            self.hint.setText(self.tr("欢迎使用！请为管理员账户“{0}”设置密码。请牢记这个密码，"
                                      "之后可在“设置 → 用户管理”里为其他工作人员建账户。").format(self.current_username()))
            self.ok_button.setText(self.tr("设置密码并进入"))
            self.first_form.first_field.setFocus()
        else:
            self.title.setText(self.tr("请设置新密码"))
            self.hint.setText(self.tr("您的密码是临时密码（新账户或管理员重置过），请设置一个只有您知道的新密码。"))
            self.ok_button.setText(self.tr("保存并进入"))
            self.change_form.first_field.setFocus()

    def current_username(self) -> str:
        return self.username.currentText().strip()

    def submit(self) -> None:
        try:
            with friendly_db_errors():
                self._submit()
        except UserError as exc:
            self.message.setText(exc.message)
            if self.pages.currentIndex() == SIGN_IN:
                self.password.clear()
                self.password.setFocus()
            else:
                (self.first_form if self.pages.currentIndex() == FIRST_PASSWORD else self.change_form).clear()

    def _submit(self) -> None:
        page = self.pages.currentIndex()
        if page == SIGN_IN:
            self._sign_in()
        elif page == FIRST_PASSWORD:
            result = users.set_first_password(username=self.current_username(),
                                              new_password=self.first_form.new_password())
            self.actor = result.actor
            self.accept()
        else:
            users.change_password(actor=self.actor, old_password=self._password,
                                  new_password=self.change_form.new_password())
            self._password = ""
            self.accept()

    def _sign_in(self) -> None:
        name = self.current_username()
        if not name:
            raise UserError(self.tr("请输入用户名。"))
        if users.needs_first_password(name):
            self._show(FIRST_PASSWORD)
            return
        result = users.sign_in(name, self.password.text())
        self.actor = result.actor
        if result.must_change_password:
            self._password = self.password.text()
            self.password.clear()
            self._show(NEW_PASSWORD)
            return
        self.accept()


def sign_in(parent=None) -> Actor | None:
    """Ask who is working; None when they quit. The first run creates the administrator."""
    if not users.has_users():
        users.ensure_admin()
    dialog = SignInDialog(parent)
    if dialog.exec() != QDialog.Accepted:
        return None
    return dialog.actor
