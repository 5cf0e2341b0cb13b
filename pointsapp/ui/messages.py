"""Message boxes in Chinese: errors, confirmations before anything irreversible."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from pointsapp.services.ops.session import drop_dead_connection, explain_database_error, is_database_error
from pointsapp.errors import UserError


def error_text(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return exc.message
    if is_database_error(exc):
        # a lost server connection, a full disk, a locked file: nothing was saved; the form keeps its input
        drop_dead_connection()
        return explain_database_error(exc) + QCoreApplication.translate("messages", "（已填写的内容仍保留，可以稍后重试。）")
    return internal_error_text(f"{type(exc).__name__}: {exc}")


def internal_error_text(what: str) -> str:
    """A bug, told in one sentence that says where its traceback was logged."""
    from pointsapp.logs import log_path

    return QCoreApplication.translate("messages", "程序内部错误：{0}。详细信息已写入日志文件 {1}，请联系技术支持。").format(
        what, log_path())


def show_error(parent: QWidget | None, exc: BaseException | str, title: str | None = None) -> None:
    text = exc if isinstance(exc, str) else error_text(exc)
    QMessageBox.warning(parent, title or QCoreApplication.translate("messages", "操作未完成"), text)


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.information(parent, title or QCoreApplication.translate("messages", "提示"), text)


def confirm(parent: QWidget | None, text: str, title: str | None = None, *, yes: str | None = None) -> bool:
    box = QMessageBox(QMessageBox.Question, title or QCoreApplication.translate("messages", "请确认"), text, QMessageBox.NoButton, parent)
    ok = box.addButton(yes or QCoreApplication.translate("messages", "确定"), QMessageBox.AcceptRole)
    cancel = box.addButton(QCoreApplication.translate("messages", "取消"), QMessageBox.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok
