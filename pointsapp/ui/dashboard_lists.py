"""The dashboard's two lists, drawn on their cards: the best and weakest groups, and the stock warnings with the
points owed.

Drawn with QPainter instead of rich-text labels: a QLabel holding HTML tables lays out a text document for every
size it is asked (the two took ~7 ms of the page's first show, against ~1 ms here). ``text()`` gives every line
as plain text, and ``drawn_texts()`` every text as the last paint drew it (a text too wide for its column ends in
"…"), for the tests.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter

from pointsapp.ui.dashboard_tile import Card

TEXT = QColor("#222222")
MUTED = QColor("#888888")
LINK = QColor("#1f5fbf")
MARGIN = 10
CELL_GAP = 14  # px between a table's columns


@dataclass
class Item:
    """One thing on a card, top to bottom: ``kind`` is "title" (bold), "line", "paragraph" (wrapped), "table"
    (``rows``, the first a header unless ``header`` is False; the first column left, the others right), "link"
    or "gap"."""

    kind: str
    text: str = ""
    color: str = ""
    rows: list[list[str]] = field(default_factory=list)
    header: bool = True  # a table's first row is its header (bold)
    muted_column: int = -1  # a table column drawn grey


class ListCard(Card):
    """A card of titles, lines, tables, paragraphs and links."""

    linkActivated = Signal(str)  # noqa: N815 (QLabel's name, which the page listened to)

    def __init__(self, parent=None):
        super().__init__(None, parent)
        self.items: list[Item] = []
        self.bold = QFont(self.font())
        self.bold.setBold(True)
        self._drawn: list[str] = []
        self._links: list[tuple[QRectF, str]] = []
        self.setMouseTracking(True)  # the hand over the link

    def set_items(self, items: list[Item]) -> None:
        self.items = items
        self.setMinimumWidth(int(self._table_width()) + 2 * MARGIN)  # a group's name is never shortened
        self._fit_height(self.width())
        self.update()

    def _column_widths(self, item: Item) -> list[float]:
        """Each column of a table as wide as its widest cell (the header bold)."""
        plain, bold = QFontMetrics(self.font()), QFontMetrics(self.bold)
        columns = max(len(row) for row in item.rows)
        return [max((bold if r == 0 and item.header else plain).horizontalAdvance(row[c])
                    for r, row in enumerate(item.rows) if c < len(row)) for c in range(columns)]

    def _table_width(self) -> float:
        """The widest table's width, every cell whole."""
        return max((sum(widths) + CELL_GAP * (len(widths) - 1)
                    for widths in (self._column_widths(i) for i in self.items if i.kind == "table")), default=0.0)

    def text(self) -> str:
        """Every line of the card as plain text (a table's cells apart by spaces)."""
        lines = []
        for item in self.items:
            lines += [" ".join(row) for row in item.rows] if item.kind == "table" else [item.text]
        return "\n".join(lines)

    def drawn_texts(self) -> list[str]:
        return list(self._drawn)

    # --- size --------------------------------------------------------------------------

    def _heights(self, width: float) -> list[float]:
        plain, bold = QFontMetrics(self.font()), QFontMetrics(self.bold)
        line = plain.height() + 4
        out = []
        for item in self.items:
            if item.kind == "table":
                out.append(len(item.rows) * line)
            elif item.kind == "paragraph":
                rect = plain.boundingRect(0, 0, max(int(width), 40), 100_000, Qt.TextWordWrap, item.text)
                out.append(rect.height() + 3)
            elif item.kind == "gap":
                out.append(line / 2)
            else:
                out.append((bold if item.kind == "title" else plain).height() + 3)
        return out

    def _fit_height(self, width: int) -> None:
        """As high as the card's items at ``width`` (a narrow window wraps its paragraphs into more lines)."""
        needed = int(sum(self._heights(max(width, 160) - 2 * MARGIN))) + 2 * MARGIN
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def resizeEvent(self, event):  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height(event.size().width())

    # --- painting ----------------------------------------------------------------------

    def _cell(self, painter: QPainter, rect: QRectF, flags, text: str) -> None:
        metrics = painter.fontMetrics()
        if metrics.horizontalAdvance(text) > rect.width() + 0.5:
            text = metrics.elidedText(text, Qt.ElideRight, int(rect.width()))
        painter.drawText(rect, flags, text)
        self._drawn.append(text)

    def paintEvent(self, event):  # noqa: N802 (Qt name)
        super().paintEvent(event)
        self._drawn, self._links = [], []
        painter = QPainter(self)
        width = self.width() - 2 * MARGIN
        y = float(MARGIN)
        for item, height in zip(self.items, self._heights(width)):
            painter.setFont(self.bold if item.kind == "title" else self.font())
            painter.setPen(QColor(item.color) if item.color else (LINK if item.kind == "link" else TEXT))
            if item.kind == "table":
                self._table(painter, item, QRectF(MARGIN, y, width, height))
            elif item.kind == "paragraph":
                painter.drawText(QRectF(MARGIN, y, width, height), Qt.TextWordWrap, item.text)
                self._drawn.append(item.text)
            elif item.kind != "gap":
                rect = QRectF(MARGIN, y, width, height)
                self._cell(painter, rect, Qt.AlignLeft | Qt.AlignVCenter, item.text)
                if item.kind == "link":
                    advance = painter.fontMetrics().horizontalAdvance(item.text)
                    painter.drawLine(rect.left(), rect.bottom() - 3, rect.left() + advance, rect.bottom() - 3)
                    self._links.append((QRectF(rect.left(), rect.top(), advance, rect.height()), "stock"))
            y += height
        painter.end()

    def _table(self, painter: QPainter, item: Item, rect: QRectF) -> None:
        widths = self._column_widths(item)
        first = max(0.0, min(widths[0], rect.width() - sum(widths[1:]) - CELL_GAP * (len(widths) - 1)))
        line = rect.height() / len(item.rows)
        for r, row in enumerate(item.rows):
            painter.setFont(self.bold if r == 0 and item.header else self.font())
            x = rect.left()
            for c, cell in enumerate(row):
                width = first if c == 0 else widths[c]
                painter.setPen(MUTED if c == item.muted_column else TEXT)
                flags = (Qt.AlignLeft if c == 0 else Qt.AlignRight) | Qt.AlignVCenter
                self._cell(painter, QRectF(x, rect.top() + r * line, width, line), flags, cell)
                x += width + CELL_GAP

    # --- the link ----------------------------------------------------------------------

    def _link_at(self, pos) -> str | None:
        return next((key for rect, key in self._links if rect.contains(pos)), None)

    def mouseMoveEvent(self, event):  # noqa: N802 (Qt name)
        over = self._link_at(event.position()) is not None
        self.setCursor(QCursor(Qt.PointingHandCursor if over else Qt.ArrowCursor))
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event):  # noqa: N802 (Qt name)
        key = self._link_at(event.position()) if event.button() == Qt.LeftButton else None
        if key is not None:
            self.linkActivated.emit(key)
        super().mousePressEvent(event)

    def link_rects(self) -> list[QRectF]:
        return [rect for rect, _key in self._links]
