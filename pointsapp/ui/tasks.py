"""Running a service call off the UI thread, with a progress dialog for long work.

``run_task(parent, fn, success=…)`` calls ``fn()`` on the single database worker
thread; the dialog appears only when the work lasts longer than ~0.6 s. A
:class:`UserError` is shown as a Chinese message; anything else is logged and shown
as an internal error. Callbacks run on the UI thread.
"""
from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from pointsapp.db.connection import friendly_db_errors
from pointsapp.services.errors import UserError
from pointsapp.ui.messages import show_error

log = logging.getLogger(__name__)

_pool: QThreadPool | None = None


def db_pool() -> QThreadPool:
    """One worker thread: database work never runs from two threads at once."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)
    progress = Signal(str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], wants_progress: bool):
        super().__init__()
        self.fn, self.wants_progress = fn, wants_progress
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            with friendly_db_errors():  # disk full, read-only folder: a Chinese message, the database unchanged
                result = self.fn(self.signals.progress.emit) if self.wants_progress else self.fn()
        except Exception as exc:  # reported on the UI thread
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.done.emit(result)


_running: set[_Job] = set()


def run_task(parent: QWidget | None, fn: Callable[..., Any], *, success: Callable[[Any], None] | None = None,
             failure: Callable[[Exception], None] | None = None, label: str | None = None,
             wants_progress: bool = False) -> _Job:
    """Run ``fn`` in the background. With ``wants_progress`` it gets a ``report(text)`` callable."""
    job = _Job(fn, wants_progress)
    dialog = QProgressDialog(label or QCoreApplication.translate("tasks", "正在处理…"), "", 0, 0, parent)
    dialog.setWindowTitle(QCoreApplication.translate("tasks", "请稍候"))
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(600)
    dialog.reset()
    timer = QTimer(dialog)
    timer.setSingleShot(True)
    timer.timeout.connect(dialog.show)
    timer.start(600)

    def finish() -> bool:
        """Tidy up; False when the parent widget was closed while the work ran (nobody to tell)."""
        _running.discard(job)
        if isValid(timer):
            timer.stop()
        if isValid(dialog):
            dialog.close()
            dialog.deleteLater()
        return parent is None or isValid(parent)

    def on_done(result):
        if finish() and success:
            success(result)

    def on_failed(exc, tb):
        alive = finish()
        if not isinstance(exc, UserError):
            log.error("background task failed:\n%s", tb)
        if not alive:
            return
        if failure:
            failure(exc)
        else:
            show_error(parent, exc)

    job.signals.done.connect(on_done, Qt.QueuedConnection)
    job.signals.failed.connect(on_failed, Qt.QueuedConnection)
    job.signals.progress.connect(dialog.setLabelText, Qt.QueuedConnection)
    _running.add(job)
    db_pool().start(job)
    return job
