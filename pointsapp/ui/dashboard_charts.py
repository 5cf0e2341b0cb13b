"""The dashboard's charts, drawn with QPainter: participation bars, star bars, category lines over 12 months.

Small widgets of our own instead of QtCharts (a QGraphicsScene per chart: the three took 40–50 ms to build and
paint at a township's size, a few ms here). Each chart is made once, empty, and given its figures with
``set_data``; it calls ``on_click(index)`` when a bar (anywhere in its column or row) or a month is clicked, so
the page can open the list behind it, and shows the figure under the mouse as a tooltip.

A label that does not fit is shortened with "…" (never drawn over its neighbour): :meth:`Chart.drawn_texts` gives
every text of the last paint as drawn, which the small-screen tests read to prove that nothing was shortened.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

RED = "#c8102e"
GOLD = "#d4a017"
PALETTE = ["#c8102e", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]
TEXT = QColor("#333333")
MUTED = QColor("#666666")
GRID = QColor("#e4e4e4")
AXIS = QColor("#9a9a9a")
WHITE = QColor("white")
ROW_AIR = 10  # px above the text height that a star's row keeps, so that names never touch
CHART_FRAME = 90  # px of a chart that are not rows: title, value axis, margins
MIN_HEIGHT = 240
RESERVED_ROWS = 10  # the lying bars' rows a chart is as high as before its figures come, and with fewer

Click = Callable[[int], None]


def nice_ticks(low: float, high: float, count: int = 5) -> list[int]:
    """Round tick values (1, 2 or 5 × a power of ten apart), from at or below ``low`` (and 0) to at or above
    ``high``."""
    low = min(low, 0)
    high = max(high, low + 1)
    raw = (high - low) / count
    step = 1
    if raw > 1:
        magnitude = 10 ** math.floor(math.log10(raw))
        step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.floor(low / step), math.ceil(high / step) + 1)]


def figure(label: str, value: object) -> str:
    """A tooltip's "label：value"."""
    return QCoreApplication.translate("dashboard_charts", "{0}：{1}").format(label, value)


def _font(base: QFont, size: int, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSize(size)
    font.setBold(bold)
    return font


class Chart(QWidget):
    """A chart's card: white, rounded, its title on top; subclasses draw the body and say what each area is."""

    def __init__(self, title: str = "", on_click: Click | None = None, parent=None):
        super().__init__(parent)
        self._title = title
        self.on_click: Click = on_click or (lambda _index: None)
        self.small = _font(self.font(), 8)
        self.title_font = _font(self.font(), 11, bold=True)
        self._drawn: list[str] = []
        self._areas: list[tuple[QRectF, int, str]] = []  # (where, index clicked, tooltip) of the last paint
        self.ready = False  # given its figures (until then an empty card: not "no stars yet" while still reading)
        self.setMinimumSize(200, MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setCursor(QCursor(Qt.PointingHandCursor))

    def title(self) -> str:
        return self._title

    def set_title(self, title: str) -> None:
        self._title = title
        self.update()

    def drawn_texts(self) -> list[str]:
        """Every text of the last paint, as drawn (a shortened one ends in "…")."""
        return list(self._drawn)

    def areas(self) -> list[tuple[QRectF, int, str]]:
        """``(rectangle, index, tooltip)`` of every clickable bar or month, as last painted."""
        return list(self._areas)

    # --- painting --------------------------------------------------------------------------

    def text(self, painter: QPainter, rect: QRectF, flags, text: str) -> None:
        """``text`` in ``rect``, shortened with "…" when wider."""
        metrics = painter.fontMetrics()
        if metrics.horizontalAdvance(text) > rect.width():
            text = metrics.elidedText(text, Qt.ElideRight, int(rect.width()))
        painter.drawText(rect, flags, text)
        self._drawn.append(text)

    def paintEvent(self, _event):  # noqa: N802 (Qt name)
        self._drawn, self._areas = [], []
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        card = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        painter.setPen(Qt.NoPen)
        painter.setBrush(WHITE)
        painter.drawRoundedRect(card, 6, 6)
        painter.setFont(self.title_font)
        painter.setPen(TEXT)
        title_height = painter.fontMetrics().height()
        self.text(painter, QRectF(card.left() + 8, card.top() + 6, card.width() - 16, title_height),
                  Qt.AlignCenter, self._title)
        painter.setFont(self.small)
        body = QRectF(card.left() + 8, card.top() + 12 + title_height, card.width() - 16,
                      card.height() - title_height - 18)
        if self.ready and body.width() > 20 and body.height() > 20:
            self.paint_body(painter, body)
        painter.end()

    def paint_body(self, painter: QPainter, body: QRectF) -> None:
        raise NotImplementedError

    def value_axis_width(self, metrics: QFontMetrics, labels: Sequence[str]) -> float:
        return max((metrics.horizontalAdvance(t) for t in labels), default=0) + 6

    def grid_lines(self, painter: QPainter, plot: QRectF, ticks: list[int], suffix: str, *, vertical: bool) -> None:
        """The value axis: a light line and a label at each tick, left of the plot (or below it, ``vertical``)."""
        low, high = ticks[0], ticks[-1]
        metrics = painter.fontMetrics()
        for tick in ticks:
            label = f"{tick}{suffix}"
            painter.setPen(QPen(GRID, 1))
            if vertical:
                x = plot.left() + (tick - low) / (high - low) * plot.width()
                painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
                painter.setPen(MUTED)
                width = metrics.horizontalAdvance(label) + 4
                self.text(painter, QRectF(x - width / 2, plot.bottom() + 2, width, metrics.height()),
                          Qt.AlignCenter, label)
            else:
                y = plot.bottom() - (tick - low) / (high - low) * plot.height()
                painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
                painter.setPen(MUTED)
                self.text(painter, QRectF(plot.left() - 200 - 4, y - metrics.height() / 2, 200, metrics.height()),
                          Qt.AlignRight | Qt.AlignVCenter, label)

    # --- clicks and tooltips ---------------------------------------------------------------

    def area_at(self, pos: QPointF) -> tuple[QRectF, int, str] | None:
        return next((area for area in self._areas if area[0].contains(pos)), None)

    def mousePressEvent(self, event):  # noqa: N802 (Qt name)
        area = self.area_at(event.position()) if event.button() == Qt.LeftButton else None
        if area is not None:
            self.on_click(area[1])
        super().mousePressEvent(event)

    def event(self, event):
        if event.type() == QEvent.ToolTip:
            area = self.area_at(QPointF(event.pos()))
            if area is not None:
                QToolTip.showText(event.globalPos(), area[2], self, area[0].toRect())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class BarChart(Chart):
    """Upright bars, one per label, with the value at each bar's top; labels slant when the bars are narrow."""

    def __init__(self, title: str = "", on_click: Click | None = None, parent=None, *, color: str = RED):
        super().__init__(title, on_click, parent)
        self.color = QColor(color)
        self.labels: list[str] = []
        self.values: list[float] = []
        self.maximum: float | None = None
        self.suffix = ""

    def set_data(self, title: str, labels: Sequence[str], values: Sequence[float], *,
                 maximum: float | None = None, suffix: str = "") -> None:
        self.ready = True
        self._title, self.labels, self.values = title, list(labels), [float(v) for v in values]
        self.maximum, self.suffix = maximum, suffix
        self.update()

    def paint_body(self, painter: QPainter, body: QRectF) -> None:
        metrics = painter.fontMetrics()
        ticks = nice_ticks(0, self.maximum if self.maximum is not None else max([4.0, *self.values]) * 1.1)
        axis = self.value_axis_width(metrics, [f"{t}{self.suffix}" for t in ticks])
        count = max(len(self.labels), 1)
        slot = (body.width() - axis) / count
        widest = max((metrics.horizontalAdvance(label) for label in self.labels), default=0)
        slanted = widest > slot - 4  # too wide to stand side by side: slanted at 45°, as long as a third of the height
        label_height = metrics.height() + 4
        if slanted:
            label_height = min((widest + metrics.height()) * 0.71, body.height() / 3) + 4
        plot = QRectF(body.left() + axis, body.top(), body.width() - axis, body.height() - label_height)
        if plot.height() < 10:
            return
        self.grid_lines(painter, plot, ticks, self.suffix, vertical=False)
        top = ticks[-1]
        # each bar's figure at its top, when every figure fits its bar's width (else only in the tooltip)
        with_values = max((metrics.horizontalAdvance(f"{v:g}{self.suffix}") for v in self.values), default=0) < slot
        for i, (label, value) in enumerate(zip(self.labels, self.values)):
            left = plot.left() + i * slot
            height = max(0.0, value) / top * plot.height()
            bar = QRectF(left + slot * 0.2, plot.bottom() - height, slot * 0.6, height)
            painter.setPen(Qt.NoPen)
            painter.setBrush(self.color)
            painter.drawRect(bar)
            shown = f"{value:g}{self.suffix}"
            if with_values:
                inside = height >= metrics.height() + 4 and metrics.horizontalAdvance(shown) <= bar.width() - 2
                painter.setPen(WHITE if inside else TEXT)
                where = QRectF(left, bar.top() + 2 if inside else bar.top() - metrics.height() - 1,
                               slot, metrics.height())
                self.text(painter, where, Qt.AlignHCenter | Qt.AlignTop, shown)
            painter.setPen(TEXT)
            if slanted:
                painter.save()
                painter.translate(left + slot / 2 + metrics.height() / 3, plot.bottom() + 4)
                painter.rotate(-45)
                room = (label_height - 4) / 0.71 - metrics.height()
                self.text(painter, QRectF(-room, -metrics.height(), room, metrics.height()),
                          Qt.AlignRight | Qt.AlignVCenter, label)
                painter.restore()
            else:
                self.text(painter, QRectF(left, plot.bottom() + 3, slot, metrics.height()), Qt.AlignHCenter, label)
            self._areas.append((QRectF(left, plot.top(), slot, plot.height() + label_height), i,
                                figure(label, shown)))
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())


class HorizontalBarChart(Chart):
    """Lying bars, one row per label (names on the left, whole), the value at each bar's end. Each row is as
    high as its text and some air: ten stars need ~320 px, and the page scrolls rather than crowd them."""

    def __init__(self, title: str = "", on_click: Click | None = None, parent=None, *, color: str = GOLD,
                 empty: str = ""):
        super().__init__(title, on_click, parent)
        self.color = QColor(color)
        self.empty = empty  # said in the middle when there is nothing to show
        self.labels: list[str] = []
        self.values: list[int] = []
        # as high as ten rows from the start (十星级: a scheme has ten stars), however many come: a chart that grew
        # when its figures came grew the page past the window, which then showed a scroll bar after its first paint
        # with them and was laid out and drawn again (~10 ms of the 首页's first show)
        self.setMinimumHeight(self._height_for(RESERVED_ROWS))

    def _height_for(self, rows: int) -> int:
        return max(MIN_HEIGHT, CHART_FRAME + (QFontMetrics(self.small).height() + ROW_AIR) * max(rows, 1))

    def set_data(self, title: str, labels: Sequence[str], values: Sequence[int]) -> None:
        self.ready = True
        self._title, self.labels, self.values = title, list(labels), [int(v) for v in values]
        self.setMinimumHeight(self._height_for(max(len(self.labels), RESERVED_ROWS)))
        self.update()

    def paint_body(self, painter: QPainter, body: QRectF) -> None:
        metrics = painter.fontMetrics()
        if not self.labels:
            painter.setPen(MUTED)
            self.text(painter, body, Qt.AlignCenter, self.empty)
            return
        ticks = nice_ticks(0, max([4, *self.values]) * 1.15)
        names = min(max(metrics.horizontalAdvance(label) for label in self.labels) + 8, body.width() * 0.4)
        plot = QRectF(body.left() + names, body.top(), body.width() - names - 8, body.height() - metrics.height() - 4)
        if plot.height() < 10 or plot.width() < 10:
            return
        self.grid_lines(painter, plot, ticks, "", vertical=True)
        row = plot.height() / len(self.labels)
        for i, (label, value) in enumerate(zip(self.labels, self.values)):
            top = plot.top() + i * row
            width = max(0, value) / ticks[-1] * plot.width()
            bar = QRectF(plot.left(), top + row * 0.2, width, row * 0.6)
            painter.setPen(Qt.NoPen)
            painter.setBrush(self.color)
            painter.drawRect(bar)
            painter.setPen(TEXT)
            self.text(painter, QRectF(body.left(), top, names - 6, row), Qt.AlignRight | Qt.AlignVCenter, label)
            shown = str(value)
            room = metrics.horizontalAdvance(shown) + 8
            inside = width >= room
            painter.setPen(WHITE if inside else TEXT)
            where = QRectF(bar.right() - room if inside else bar.right() + 2, top, room, row)
            self.text(painter, where, Qt.AlignCenter, shown)
            self._areas.append((QRectF(body.left(), top, body.width(), row), i, figure(label, shown)))
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.topLeft(), plot.bottomLeft())


class LineChart(Chart):
    """One line per category over the months (a point at each), the legend below; a click gives the month."""

    def __init__(self, title: str = "", on_click: Click | None = None, parent=None):
        super().__init__(title, on_click, parent)
        self.months: list[str] = []  # the labels of the months: "1" … "12"
        self.lines: list[tuple[str, list[int]]] = []

    def set_data(self, title: str, months: Sequence[str], lines: Sequence[tuple[str, Sequence[int]]]) -> None:
        self.ready = True
        self._title, self.months = title, list(months)
        self.lines = [(name, list(points)) for name, points in lines]
        self.update()

    def legend_names(self) -> list[str]:
        return [name for name, _points in self.lines]

    def _legend_rows(self, metrics: QFontMetrics, width: float) -> list[list[tuple[int, str, float]]]:
        """The legend's entries (index, name, width) in rows that fit ``width``; a name is never split."""
        rows: list[list[tuple[int, str, float]]] = [[]]
        used = 0.0
        for i, name in enumerate(self.legend_names()):
            item = metrics.height() + metrics.horizontalAdvance(name) + 12
            if rows[-1] and used + item > width:
                rows.append([])
                used = 0.0
            rows[-1].append((i, name, item))
            used += item
        return rows

    def paint_body(self, painter: QPainter, body: QRectF) -> None:
        metrics = painter.fontMetrics()
        line_height = metrics.height()
        legend = self._legend_rows(metrics, body.width())
        legend_height = len(legend) * (line_height + 2) + 4
        values = [v for _name, points in self.lines for v in points]
        low, high = min([0, *values]), max([1, *values])
        ticks = nice_ticks(low, high * 1.1 if high > 0 else high)
        axis = self.value_axis_width(metrics, [str(t) for t in ticks])
        plot = QRectF(body.left() + axis, body.top() + 4, body.width() - axis - 4,
                      body.height() - legend_height - line_height - 8)
        if plot.height() < 10 or not self.months:
            return
        self.grid_lines(painter, plot, ticks, "", vertical=False)
        slot = plot.width() / len(self.months)

        def at(i: int, value: int) -> QPointF:
            return QPointF(plot.left() + (i + 0.5) * slot,
                           plot.bottom() - (value - ticks[0]) / (ticks[-1] - ticks[0]) * plot.height())

        painter.setPen(TEXT)
        for i, month in enumerate(self.months):
            self.text(painter, QRectF(plot.left() + i * slot, plot.bottom() + 3, slot, line_height),
                      Qt.AlignHCenter, month)
            tip = "\n".join([month] + [figure(name, points[i]) for name, points in self.lines if i < len(points)])
            self._areas.append((QRectF(plot.left() + i * slot, plot.top(), slot, plot.height() + line_height), i,
                                tip))
        for n, (_name, points) in enumerate(self.lines):
            color = QColor(PALETTE[n % len(PALETTE)])
            # the line as separate flat-ended segments, each joint under its point: the same picture as a polyline,
            # which antialiased at 2 px goes through Qt's path stroker (~0.5 ms a line; the segments ~0.04)
            shown = [at(i, v) for i, v in enumerate(points)]
            painter.setPen(QPen(color, 2, Qt.SolidLine, Qt.FlatCap))
            painter.drawLines([QLineF(a, b) for a, b in zip(shown, shown[1:])])
            painter.setPen(Qt.NoPen)
            painter.setBrush(color)
            for point in shown:  # a dot of 2.5 px with the 2 px pen's outline around it, drawn as one fill
                painter.drawEllipse(point, 3.5, 3.5)
        top = plot.bottom() + line_height + 8
        for row in legend:
            x = body.left() + max(0.0, (body.width() - sum(item for _i, _n, item in row)) / 2)
            for i, name, item in row:
                painter.setPen(Qt.NoPen)
                painter.setBrush(QColor(PALETTE[i % len(PALETTE)]))
                square = line_height * 0.7
                painter.drawRect(QRectF(x, top + (line_height - square) / 2, square, square))
                painter.setPen(TEXT)
                self.text(painter, QRectF(x + line_height, top, item - line_height, line_height),
                          Qt.AlignLeft | Qt.AlignVCenter, name)
                x += item
            top += line_height + 2
