"""The dashboard's cards: a key number with its caption (``Tile``; clicking it opens the list behind it), and a
plain white card that holds the lists (``Card``).

Drawn with QPainter and coloured through fonts and palettes, not style sheets: a style sheet on a widget makes Qt
style it and every child through its slow style-sheet engine, which cost the dashboard's first show ~10 ms.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

RED = "#c8102e"
BORDER = QColor("#e2d9ce")
PAGE = QColor("#faf7f2")


def styled(label: QLabel, *, pixels: int, color: str, bold: bool = False) -> QLabel:
    """``label`` in a font of ``pixels`` px and the colour ``color``."""
    font = QFont(label.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    label.setFont(font)
    coloured(label, color)
    return label


def coloured(widget: QWidget, color: str, role: QPalette.ColorRole = QPalette.WindowText) -> None:
    palette = widget.palette()
    palette.setColor(role, QColor(color))
    widget.setPalette(palette)


def page_background(widget: QWidget) -> None:
    """The dashboard's warm paper background behind ``widget``."""
    coloured(widget, PAGE.name(), QPalette.Window)
    widget.setAutoFillBackground(True)


class Card(QFrame):
    """White, a thin border, rounded corners; ``accent``: a coloured band down its left edge."""

    def __init__(self, accent: str | None = None, parent=None):
        super().__init__(parent)
        self.accent = QColor(accent) if accent else None

    def paintEvent(self, _event):  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        outline = QPainterPath()
        outline.addRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.fillPath(outline, QColor("white"))
        if self.accent is not None:
            painter.save()
            painter.setClipPath(outline)
            painter.fillRect(QRectF(0, 0, 5, self.height()), self.accent)
            painter.restore()
        painter.setPen(QPen(BORDER, 1))
        painter.drawPath(outline)
        painter.end()


class Tile(Card):
    """A key number with its caption; clicking it opens the list behind it."""

    clicked = Signal()

    def __init__(self, caption: str, accent: str = RED, parent=None):
        super().__init__(accent, parent)
        self.setCursor(QCursor(Qt.PointingHandCursor))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 8, 14, 8)
        self.value_label = styled(QLabel("—"), pixels=26, color=accent, bold=True)
        self.caption_label = styled(QLabel(caption), pixels=13, color="#555555")
        self.detail_label = styled(QLabel(""), pixels=11, color="#888888")
        for w in (self.caption_label, self.detail_label):  # a long English caption wraps, never widens the page
            w.setWordWrap(True)
        # room for two lines of detail from the start ("… 户有加分；另有 … 条未生效" takes two at 1280 px): a tile that
        # grew when its figures came grew the page past the window, which then showed a scroll bar after its first
        # paint with them and was laid out and drawn again (~10 ms of the 首页's first show)
        self.detail_label.setMinimumHeight(2 * self.detail_label.fontMetrics().lineSpacing())
        self.detail_label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        for w in (self.value_label, self.caption_label, self.detail_label):
            layout.addWidget(w)

    def set_value(self, value: str, detail: str = "") -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)

    def mousePressEvent(self, event):  # noqa: N802 (Qt name)
        if event.button() == Qt.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class Hint(QLabel):
    """A word-wrapped note on a pale orange, rounded background (the participation chart's "still under review"):
    painted here, not by a style sheet, whose engine cost its first show ~5 ms."""

    BACKGROUND = QColor("#fff4e0")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setContentsMargins(6, 3, 6, 3)
        coloured(self, "#a15c00")

    def paintEvent(self, event):  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(Qt.NoPen)
        painter.setBrush(self.BACKGROUND)
        painter.drawRoundedRect(QRectF(self.rect()), 4, 4)
        painter.end()
        super().paintEvent(event)
