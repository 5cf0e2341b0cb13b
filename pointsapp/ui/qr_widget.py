"""Shows a QR code on screen from the same module matrix the printed cards use.

The matrix becomes a small image, one pixel a module with the quiet zone around it, drawn
scaled without smoothing: one call per paint, and edges as crisp as the printed card's.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from pointsapp.services.qr import QUIET_ZONE, qr_matrix


def qr_image(text: str) -> QImage:
    """The QR of ``text`` as a greyscale image, one pixel a module, quiet zone included."""
    matrix = qr_matrix(text)
    side = len(matrix) + 2 * QUIET_ZONE
    blank = b"\xff" * side
    rows = [blank] * QUIET_ZONE
    margin = b"\xff" * QUIET_ZONE
    for row in matrix:
        rows.append(margin + bytes(0 if dark else 255 for dark in row) + margin)
    rows += [blank] * QUIET_ZONE
    data = b"".join(rows)
    return QImage(data, side, side, side, QImage.Format_Grayscale8).copy()  # copy: own the pixels


class QrWidget(QWidget):
    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self._text = ""
        self._image: QImage | None = None
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self.setMinimumSize(self.sizeHint())
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self._text = text
        self._image = qr_image(text) if text else None
        self.setToolTip(text)
        self.update()

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        return QSize(180, 180)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.white)
        if self._image is not None:
            # whole pixels per module, so every module has the same size on screen
            unit = max(1, min(self.width(), self.height()) // self._image.width())
            side = unit * self._image.width()
            painter.drawImage(QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side), self._image)
        painter.end()
