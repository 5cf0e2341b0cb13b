"""A modal dialog nobody answers turns into a failed test, not a stalled run.

A test that meets an unexpected message box (an error it did not foresee, a question it did not answer)
would wait in the box's own event loop forever: under CI that is the whole time limit, and no report says
which test or which box. The watchdog looks every second; a modal widget still open after ``patience``
seconds is closed as Esc would close it and its text kept, and the fixture fails the test with it.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox


class ModalWatchdog:
    def __init__(self, patience: float = 60.0, interval_ms: int = 1000):
        self.patience = patience
        self.closed: list[str] = []
        self._seen: tuple[int, float] | None = None  # (id of the modal widget, when first seen)
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._look)

    def start(self) -> "ModalWatchdog":
        self._timer.start()
        return self

    def stop(self) -> None:
        self._timer.stop()

    def _look(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            self._seen = None
            return
        if self._seen is None or self._seen[0] != id(modal):
            self._seen = (id(modal), time.monotonic())
            return
        if time.monotonic() - self._seen[1] < self.patience:
            return
        text = modal.text() if isinstance(modal, QMessageBox) else ""
        self.closed.append(f"{type(modal).__name__} 「{modal.windowTitle()}」 {text}".strip())
        self._seen = None
        QApplication.sendEvent(modal, QKeyEvent(QEvent.KeyPress, Qt.Key_Escape, Qt.NoModifier))
        if modal.isVisible():  # a widget that ignores Esc
            modal.reject() if isinstance(modal, QDialog) else modal.close()
