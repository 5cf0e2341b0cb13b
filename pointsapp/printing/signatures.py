"""Signature lines (签字栏): a label and a ruled blank after it, two to a row, and the date line under them."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from pointsapp.printing.fonts import draw_text
from pointsapp.printing.page import INK, RULE


class SignatureLines(Flowable):
    """``labels`` two to a row, each followed by a line to sign on; ``date_label`` (日期) under each when given."""

    def __init__(self, labels: list[str], *, size: float = 11, per_row: int = 2, date_label: str = ""):
        super().__init__()
        self.labels, self.size, self.per_row, self.date_label = labels, size, per_row, date_label
        self.row_height = size * (3.6 if date_label else 2.6)

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        rows = (len(self.labels) + self.per_row - 1) // self.per_row
        self.height = rows * self.row_height
        return self.width, self.height

    def draw(self):
        c = self.canv
        cell = self.width / self.per_row
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        for n, label in enumerate(self.labels):
            row, col = divmod(n, self.per_row)
            x = col * cell
            y = self.height - (row + 1) * self.row_height + self.size * (1.6 if self.date_label else 0.6)
            c.setFillColor(INK)
            width = draw_text(c, x, y, label + "：", self.size)
            c.line(x + width + 2, y - 2, x + cell - 8 * mm, y - 2)
            if self.date_label:
                dy = y - self.size * 1.5
                dw = draw_text(c, x, dy, self.date_label + "：", self.size * 0.9)
                c.line(x + dw + 2, dy - 2, x + cell - 8 * mm, dy - 2)
        c.restoreState()
