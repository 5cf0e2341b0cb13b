"""Sign-in at start: username and password, first-run administrator password, forced password change."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QStackedWidget, QVBoxLayout,
    QWidget,
)

from pointsapp import APP_TITLE
from pointsapp.services.ops import session
from pointsapp.services.ops import users
from pointsapp.services.auth import Actor
from pointsapp.errors import UserError
from pointsapp.ui.buttons import button_row
from pointsapp.ui.messages import show_error
from pointsapp.ui.password_form import PasswordForm
from pointsapp.ui.tasks import run_task

SIGN_IN, FIRST_PASSWORD, NEW_PASSWORD = range(3)


class SignInDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.actor: Actor | None = None
        self._password = ""
        self.busy = False  # a step is on the database worker
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
        buttons = button_row(self.ok_button, quit_button, right=True)

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
        """Check the form here; sign in or set the password on the database worker (the writes: failed attempts,
        lock-out, the new password); a refusal is said under the form."""
        if self.busy:
            return
        try:
            work, done = self._step()
        except UserError as exc:
            self._refused(exc)
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        run_task(self, work, success=lambda result: self._settled(done, result), failure=self._failed)

    def _step(self):
        """What the page asks for: (work for the worker, what to do with its result on the UI thread)."""
        page, name = self.pages.currentIndex(), self.current_username()
        if page == SIGN_IN:
            if not name:
                raise UserError(self.tr("请输入用户名。"))
            password = self.password.text()

            def sign_in():
                return None if users.needs_first_password(name) else users.sign_in(name, password)

            return sign_in, lambda result: self._signed_in(result, password)
        new_password = (self.first_form if page == FIRST_PASSWORD else self.change_form).new_password()
        if page == FIRST_PASSWORD:
            return (lambda: users.set_first_password(username=name, new_password=new_password),
                    lambda result: self._enter(result.actor))
        actor, old_password = self.actor, self._password
        return (lambda: users.change_password(actor=actor, old_password=old_password, new_password=new_password),
                lambda _result: self._enter(actor))

    def _settled(self, done, result) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        done(result)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        if isinstance(exc, UserError):
            self._refused(exc)
        else:  # a bug: logged by the worker with its traceback, told in a box
            show_error(self, exc)

    def _refused(self, exc: UserError) -> None:
        self.message.setText(exc.message)
        if self.pages.currentIndex() == SIGN_IN:
            self.password.clear()
            self.password.setFocus()
        else:
            (self.first_form if self.pages.currentIndex() == FIRST_PASSWORD else self.change_form).clear()

    def _signed_in(self, result, password: str) -> None:
        if result is None:  # this account has no password yet
            self._show(FIRST_PASSWORD)
            return
        self.actor = result.actor
        if result.must_change_password:
            self._password = password
            self.password.clear()
            self._show(NEW_PASSWORD)
            return
        self.accept()

    def _enter(self, actor: Actor) -> None:
        self.actor, self._password = actor, ""
        self.accept()


def sign_in(parent=None) -> Actor | None:
    """Ask who is working; None when they quit. The first run creates the administrator."""
    if not users.has_users():
        users.ensure_admin()
    dialog = SignInDialog(parent)
    if dialog.exec() != QDialog.Accepted:
        return None
    return dialog.actor
