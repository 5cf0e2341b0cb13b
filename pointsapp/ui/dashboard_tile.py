"""A key number of the dashboard with its caption; clicking it opens the list behind it.

Kept apart from the charts (``dashboard_charts``): a tile is a few labels, a chart draws itself.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

RED = "#c8102e"


class Tile(QFrame):
    """A key number with its caption; clicking it opens the list behind it."""

    clicked = Signal()

    def __init__(self, caption: str, accent: str = RED, parent=None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.setCursor(QCursor(Qt.PointingHandCursor))
        self.setStyleSheet(
            f"QFrame#tile {{ background: white; border: 1px solid #e2d9ce; border-left: 5px solid {accent};"
            " border-radius: 6px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        self.value_label = QLabel("—")
        self.value_label.setStyleSheet(f"font-size: 26px; font-weight: bold; color: {accent}; border: none;")
        self.caption_label = QLabel(caption)
        self.caption_label.setStyleSheet("font-size: 13px; color: #555; border: none;")
        self.detail_label = QLabel("")
        self.detail_label.setStyleSheet("font-size: 11px; color: #888; border: none;")
        for w in (self.value_label, self.caption_label, self.detail_label):
            layout.addWidget(w)

    def set_value(self, value: str, detail: str = "") -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)

    def mousePressEvent(self, event):  # noqa: N802 (Qt name)
        if event.button() == Qt.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)
