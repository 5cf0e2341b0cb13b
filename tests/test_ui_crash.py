"""Nothing fails silently in the window: an uncaught exception on the UI thread or on another thread, and Qt's
own critical messages, reach the log with their traceback and the user in one Chinese sentence naming the log
file; a page that cannot load fails loudly, and no missing module signs anyone in as administrator."""
from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QTimer, qCritical

from pointsapp.logs import log_path
from pointsapp.ui import crash
from pointsapp.ui.app import application
from tests.ui_helpers import answer_boxes  # noqa: F401 (a fixture)


@pytest.fixture
def hooks(qtbot):
    reporter = crash.install(application())
    yield reporter
    crash.uninstall()


def test_an_exception_nobody_caught_in_a_slot_is_logged_and_told(qtbot, hooks, answer_boxes, caplog):
    def broken_slot():
        raise ZeroDivisionError("付款金额为零")

    with caplog.at_level(logging.CRITICAL, logger="pointsapp.crash"):
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(answer_boxes), timeout=5000)
    assert "ZeroDivisionError" in answer_boxes[0] and str(log_path()) in answer_boxes[0]
    assert "程序内部错误" in answer_boxes[0]
    assert "Traceback" in caplog.text and "broken_slot" in caplog.text


def test_an_exception_on_another_thread_is_logged_and_told_on_the_ui_thread(qtbot, hooks, answer_boxes, caplog):
    def worker():
        raise RuntimeError("后台线程出错")

    with caplog.at_level(logging.CRITICAL, logger="pointsapp.crash"):
        thread = threading.Thread(target=worker, name="backup-copy")
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: bool(answer_boxes), timeout=5000)
    assert "RuntimeError: 后台线程出错" in answer_boxes[0] and str(log_path()) in answer_boxes[0]
    assert "backup-copy" in caplog.text and "Traceback" in caplog.text


def test_the_hook_itself_is_what_python_calls(hooks):
    assert sys.excepthook is crash._excepthook and threading.excepthook is crash._thread_excepthook


def test_qt_critical_messages_go_to_the_log(qtbot, hooks, caplog):
    with caplog.at_level(logging.INFO, logger="pointsapp.crash"):
        qCritical("QPainter::begin: Paint device returned engine == 0")
    assert "Paint device returned engine" in caplog.text
    assert any(r.levelno == logging.ERROR for r in caplog.records)


def test_uninstall_gives_back_the_hooks_found(qtbot):
    before = sys.excepthook, threading.excepthook
    crash.install(application())
    crash.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_a_page_that_cannot_load_fails_loudly(qtbot, admin, monkeypatch):
    from pointsapp.services.auth import Permission
    from pointsapp.ui import main_window
    from pointsapp.ui.pages import PAGES, PageSpec

    application()
    missing = PageSpec("later", "以后的功能", "pointsapp.ui.no_such_page", "NoSuchPage", Permission.HOUSEHOLD_VIEW)
    monkeypatch.setattr(main_window, "PAGES", [*PAGES, missing])
    window = main_window.MainWindow(main_window.UiContext(actor=admin, hub=main_window_hub(), db_description="t"))
    qtbot.addWidget(window)
    with qtbot.capture_exceptions() as in_slots, pytest.raises(ModuleNotFoundError):
        window.show_page("later")  # from the click on the navigation (a slot) and from the call itself
    assert [kind for kind, _exc, _tb in in_slots] == [ModuleNotFoundError]


def main_window_hub():
    from pointsapp.ui.signals import ChangeHub

    return ChangeHub()


def test_without_the_sign_in_module_nobody_is_signed_in_as_administrator(qtbot, db, monkeypatch):
    from pointsapp.ui.app import sign_in_actor

    application()
    monkeypatch.setitem(sys.modules, "pointsapp.ui.signin", None)  # the module gone from the bundle
    with pytest.raises(ImportError):
        sign_in_actor()
