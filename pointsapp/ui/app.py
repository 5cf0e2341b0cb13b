"""Starting the GUI: Qt application, CJK font, database, sign-in, main window."""
from __future__ import annotations

import logging
import os
import sys

# The database layer and the services before PySide6: once PySide6 is imported, its import hook looks at
# every module imported after it (for ``from __feature__ import``), ~0.2 ms each, and peewee and the models
# are ~100 modules with no Qt in them: a tenth of the start.
from pointsapp import APP_NAME, APP_TITLE
from pointsapp.services.ops.session import close_database, describe, friendly_db_errors, open_database, resolve_target
from pointsapp.paths import resource_path
from pointsapp.services.auth import Actor
from pointsapp.errors import UserError

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP  # noqa: E402,I001
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from pointsapp.ui.context import UiContext
from pointsapp.ui.fonts import install_cjk_font
from pointsapp.ui.garbage import collect_on_ui_thread
from pointsapp.ui.signals import ChangeHub

QT_TRANSLATE_NOOP("app", "村民积分管理系统")  # APP_TITLE, translated under "app"; listed for pyside6-lupdate

log = logging.getLogger(__name__)


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)  # matches installer/linux/pointsapp.desktop (menu icon on Wayland)
    app.setApplicationDisplayName(QCoreApplication.translate("app", APP_TITLE))
    app.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
    install_cjk_font(app)
    collect_on_ui_thread(app)  # never from the database worker, never in the middle of a paint
    return app


def sign_in_actor(parent=None) -> Actor | None:
    """Ask who is working (None: the user gave up)."""
    from pointsapp.ui.signin import sign_in

    return sign_in(parent)


def create_main_window(actor: Actor, db_target: str):
    from pointsapp.ui.main_window import MainWindow

    return MainWindow(UiContext(actor=actor, hub=ChangeHub(), db_description=describe(db_target)))


def choose_language(app: QApplication) -> None:
    """The language setting (or ``POINTSAPP_LANG``) decides the UI language; Chinese by default."""
    from pointsapp.services.ops import session
    from pointsapp.ui.i18n import install_language

    language = os.environ.get("POINTSAPP_LANG") or session.language()
    install_language(app, language)
    app.setApplicationDisplayName(QCoreApplication.translate("app", APP_TITLE))


def open_with_retry(db_target: str | None) -> str | None:
    """Open the database; when that fails, offer to retry or to change this PC's connection."""
    while True:
        target = resolve_target(db_target)
        if not recover_if_damaged(target):
            return None
        try:
            with friendly_db_errors():
                open_database(target)
            return target
        except UserError as exc:
            box = QMessageBox(QMessageBox.Critical, QCoreApplication.translate("app", "无法打开数据库"), exc.message)
            retry = box.addButton(QCoreApplication.translate("app", "重试"), QMessageBox.AcceptRole)
            settings = box.addButton(QCoreApplication.translate("app", "连接设置…"), QMessageBox.ActionRole)
            box.addButton(QCoreApplication.translate("app", "退出"), QMessageBox.RejectRole)
            box.exec()
            if box.clickedButton() is settings:
                from pointsapp.ui.connection_dialog import ConnectionDialog

                ConnectionDialog().exec()
            elif box.clickedButton() is not retry:
                return None


def run_gui(db_target: str | None = None) -> int:
    from pointsapp.logs import setup_logging  # here, not at import: logging.handlers is slow to import

    setup_logging()
    app = application()
    from pointsapp.ui.crash import install as report_uncaught

    report_uncaught(app)  # from here on no exception is lost to the log or to the user
    target = open_with_retry(db_target)
    if target is None:
        return 1
    choose_language(app)
    actor = sign_in_actor()
    if actor is None:
        return 0
    window = create_main_window(actor, target)
    window.show()
    from pointsapp.ui.auto_backup import AutoBackup

    AutoBackup(window).start()
    return app.exec()


def recover_if_damaged(target: str) -> bool:
    """A damaged or foreign file meets a dialog offering a good backup; False when the user gives up.

    The check reads the whole file (``PRAGMA quick_check``: 0.05 s for a village's file, seconds for a
    township's of gigabytes): beside the database worker, with a progress box if it lasts."""
    from pointsapp.services.ops.recovery import check_target
    from pointsapp.ui.tasks import wait_beside

    damage = wait_beside(lambda: check_target(target, quick=True),
                         QCoreApplication.translate("app", "正在检查数据库文件是否完好…"))
    if damage is None:
        return True
    from pointsapp.ui.recovery_dialog import RecoveryDialog

    restored = RecoveryDialog(damage).exec() == RecoveryDialog.Accepted
    close_database()  # reopened below like any start
    return restored
