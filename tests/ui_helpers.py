"""What the screen tests share: a context for an actor, and waiting for the writes a screen ran on the worker."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject

from pointsapp.services.auth import Actor
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub


def ctx_of(actor: Actor, hub: ChangeHub | None = None) -> UiContext:
    return UiContext(actor=actor, hub=hub or ChangeHub(), db_description="test")


def settle(qtbot, timeout: int = 15000) -> None:
    """Wait until every operation run through ``ui.operations.run_op`` (or ``run_task``) has reported back, its
    broadcast sent and its success or error shown: what a user sees a moment after the click."""
    from pointsapp.ui import tasks

    qtbot.waitUntil(lambda: not tasks.busy(), timeout=timeout)


@pytest.fixture
def answer_boxes(qtbot):
    """Close every message box that comes up during the test as a user would (its default button) and keep its
    text, in the list this fixture gives: for boxes a test expects but cannot time (those shown after a background
    write). Import it into a test module to use it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[str] = []
    timer = QTimer()
    timer.setInterval(20)

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen.append(box.text())
            box.accept()

    timer.timeout.connect(look)
    timer.start()
    yield seen
    timer.stop()


class Paints(QObject):
    """Counts the paints of all of a table's cells once it holds rows (a row's own update, e.g. its selection, is
    not one)."""

    def __init__(self, table):
        super().__init__(table)
        self.table, self.count = table, 0
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Paint and self.table.model().rowCount() and \
                event.rect().contains(self.table.viewport().rect()):
            self.count += 1
        return False
