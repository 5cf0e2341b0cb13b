"""Work that waits for a widget's first paint: the window appears at once and fills itself in after.

``after_first_paint(widget, fn)`` calls ``fn()`` from the event loop right after ``widget``
has been painted for the first time (not within the paint, which must stay short).
Used for whatever the first look of a page does not need, such as the dashboard's
database queries.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterFirstPaint(QObject):
    def __init__(self, widget: QWidget, fn: Callable[[], None]):
        super().__init__(widget)  # dies with the widget: a page closed before its paint runs nothing
        self.fn = fn
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # queued: runs once the paint is on screen
        return False

    def _run(self) -> None:
        fn, self.fn = self.fn, None
        self.deleteLater()
        if fn is not None:
            fn()


def after_first_paint(widget: QWidget, fn: Callable[[], None]) -> None:
    """Run ``fn`` once, from the event loop, after ``widget`` is first painted."""
    _AfterFirstPaint(widget, fn)
