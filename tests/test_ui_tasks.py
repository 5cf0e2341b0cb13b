"""Background work reaches the window in the real application, not only under test helpers."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.cli_helpers import run_cli


def test_dashboard_figures_arrive_in_a_plain_application_process(tmp_path):
    db = tmp_path / "v.db"
    assert run_cli("demo", "--households", "40", db=db).returncode == 0
    script = textwrap.dedent(f"""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtTest import QTest
        from pointsapp.db import open_database
        from pointsapp.services.ops import users
        from pointsapp.ui.app import application, create_main_window
        app = application()
        open_database({str(db)!r})
        window = create_main_window(users.ensure_admin(), {str(db)!r})
        window.resize(1280, 800)
        window.show()
        QTest.qWait(5000)
        print("HOUSEHOLDS=" + window.page("dashboard").tiles["households"].value_label.text())
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert "HOUSEHOLDS=40" in out.stdout, out.stdout + out.stderr
    assert "Signal source has been deleted" not in out.stderr


def test_quiet_work_beside_the_database_does_not_hold_up_the_database_worker(qtbot):
    import threading

    from PySide6.QtWidgets import QApplication

    from pointsapp.ui.app import application
    from pointsapp.ui.tasks import run_quietly, run_task

    application()
    gate, results = threading.Event(), []
    run_quietly(lambda: gate.wait(30) and "copied", success=results.append, beside_database=True)
    run_task(None, lambda: "database work", success=results.append)  # the worker is free meanwhile
    qtbot.waitUntil(lambda: results == ["database work"], timeout=10000)
    assert QApplication.activeModalWidget() is None  # quiet work shows no progress box
    gate.set()
    qtbot.waitUntil(lambda: results == ["database work", "copied"], timeout=10000)


def test_quiet_work_that_fails_reaches_its_failure_callback_on_the_ui_thread(qtbot):
    import threading

    from pointsapp.errors import UserError
    from pointsapp.ui.app import application
    from pointsapp.ui.tasks import run_quietly

    application()
    seen = []

    def fail():
        raise UserError("磁盘已满")

    run_quietly(fail, failure=lambda exc: seen.append((exc.message, threading.current_thread().name)))
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen == [("磁盘已满", threading.main_thread().name)]


def test_waiting_for_start_up_work_shows_a_progress_box_only_when_it_lasts(qtbot):
    import time

    import pytest
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from pointsapp.errors import UserError
    from pointsapp.ui.app import application
    from pointsapp.ui.tasks import wait_beside

    application()
    seen = []

    def look():
        box = QApplication.activeModalWidget()
        seen.append(box.labelText() if isinstance(box, QProgressDialog) and box.isVisible() else None)

    QTimer.singleShot(1500, look)  # the check still running after 1.5 s: the box says what is going on
    assert wait_beside(lambda: time.sleep(3) or "sound", "正在检查数据库文件是否完好…") == "sound"
    assert seen == ["正在检查数据库文件是否完好…"]
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())

    assert wait_beside(lambda: 5, "快") == 5  # quick work: over before any box could show
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())

    def fail():
        raise UserError("文件不存在")

    with pytest.raises(UserError, match="文件不存在"):
        wait_beside(fail, "检查")


def test_quiet_work_whose_owner_is_gone_reports_to_nobody(qtbot):
    import threading

    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    from pointsapp.ui.app import application
    from pointsapp.ui.tasks import forget_all, run_quietly

    application()

    class Owner(QObject):
        def __init__(self):
            super().__init__()
            self.results = []

        def take(self, result):
            self.setProperty("result", result)  # a Qt call: on a deleted owner it raises, and the test fails
            self.results.append(result)

    gate, kept, gone = threading.Event(), Owner(), Owner()
    kept_job = run_quietly(lambda: gate.wait(30) and "kept", success=kept.take, owner=kept, beside_database=True)
    run_quietly(lambda: gate.wait(30) and "gone", success=gone.take, owner=gone, beside_database=True)
    gone.deleteLater()  # the window closed while its backup was still copying
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gate.set()
    qtbot.waitUntil(lambda: kept.results == ["kept"], timeout=10000)
    qtbot.wait(100)  # the other result has been drained too (one queue, in order) and went nowhere
    assert kept_job.fn is None
    forget_all()
