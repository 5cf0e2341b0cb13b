"""No failure is silent in the window: an exception nobody caught (on the UI thread or any other) and Qt's own
critical messages are logged with their traceback, and the user is told in one Chinese sentence where the log is.

The windowed bundle has no console: without this, such an exception would be lost to both the log and the user.
``install(app)`` is called once by the GUI's start (``ui.app.run_gui``)."""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QtMsgType, Signal, Slot, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from pointsapp.ui.messages import internal_error_text

log = logging.getLogger("pointsapp.crash")


class _Reporter(QObject):
    """Lives on the UI thread; another thread's failure reaches it through a queued signal."""

    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.failed.connect(self.tell)
        self.shown: list[str] = []  # what the user was told, for the tests and for support
        self._telling = False

    @Slot(str)
    def tell(self, what: str) -> None:
        self.shown.append(what)
        if self._telling:  # a failure while the box of the one before is open: logged, one box at a time
            return
        self._telling = True
        try:
            QMessageBox.critical(QApplication.activeWindow(), QCoreApplication.translate("crash", "程序出错"),
                                 internal_error_text(what))
        finally:
            self._telling = False


_reporter: _Reporter | None = None
_previous: tuple | None = None


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    log.critical("uncaught exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    _report(f"{kind.__name__}: {exc}")


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    log.critical("uncaught exception in thread %s:\n%s", name,
                 "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)))
    _report(f"{args.exc_type.__name__}: {args.exc_value}")


def _qt_message(kind: QtMsgType, context, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        log.error("Qt: %s%s", message, where)
    elif kind == QtMsgType.QtWarningMsg:
        log.warning("Qt: %s%s", message, where)
    else:
        log.info("Qt: %s%s", message, where)


def _report(what: str) -> None:
    reporter = _reporter
    if reporter is None or QCoreApplication.instance() is None:
        return  # before the window exists or after it is gone: the log has it
    reporter.failed.emit(what)  # queued to the UI thread when raised on another


def install(app: QCoreApplication) -> _Reporter:
    """Send uncaught exceptions (every thread) and Qt's messages to the log and tell the user. Returns the
    reporter (``shown`` lists what the user was told)."""
    global _reporter, _previous
    if _reporter is None:
        _previous = (sys.excepthook, threading.excepthook)
        _reporter = _Reporter(app)
        _reporter.destroyed.connect(_forget)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    qInstallMessageHandler(_qt_message)
    return _reporter


def uninstall() -> None:
    """Put back the hooks found by :func:`install` (tests)."""
    global _reporter, _previous
    if _previous is not None:
        sys.excepthook, threading.excepthook = _previous
    qInstallMessageHandler(None)
    if _reporter is not None:
        _reporter.deleteLater()
    _reporter, _previous = None, None


def _forget() -> None:
    global _reporter
    _reporter = None
