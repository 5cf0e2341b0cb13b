"""The dashboard's QtCharts: participation bars, category lines, star bars (imported once figures arrive).

Each builder returns a QChartView and calls ``on_click(index)`` when a bar or a point is
clicked, so the page can open the list behind it.
"""
from __future__ import annotations

import html
from typing import Callable, Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QHorizontalBarSeries, QLineSeries, QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

RED = "#c8102e"
ROW_AIR = 10  # px above the text height that a category row needs before QtCharts stops eliding its label
CHART_FRAME = 90  # px of a chart that are not rows: title, value axis, margins
PALETTE = ["#c8102e", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]


def _view(chart: QChart) -> QChartView:
    chart.setBackgroundRoundness(6)
    chart.setMargins(QMargins(4, 4, 4, 4))
    font = chart.titleFont()
    font.setPointSize(11)
    font.setBold(True)
    chart.setTitleFont(font)
    view = QChartView(chart)
    view.setRenderHint(QPainter.Antialiasing)
    view.setMinimumHeight(240)
    view.setCursor(QCursor(Qt.PointingHandCursor))
    return view


def _small(font: QFont, size: int = 8) -> QFont:
    font = QFont(font)
    font.setPointSize(size)
    return font


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], series_name: str,
              on_click: Callable[[int], None], *, maximum: float | None = None, suffix: str = "") -> QChartView:
    chart = QChart()
    chart.setTitle(title)
    bars = QBarSet(series_name)
    bars.setColor(QColor(RED))
    bars.append([float(v) for v in values])
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(len(values) <= 16)
    series.setLabelsFormat("@value" + suffix)
    series.setLabelsPosition(QBarSeries.LabelsInsideEnd)
    bars.setLabelColor(QColor("white"))
    series.clicked.connect(lambda index, _set: on_click(int(index)))
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(list(labels) or [""])
    axis_x.setLabelsFont(_small(axis_x.labelsFont(), 8 if len(labels) < 12 else 7))
    if len(labels) > 12:
        axis_x.setLabelsAngle(-60)
    chart.addAxis(axis_x, Qt.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = QValueAxis()
    axis_y.setRange(0, maximum if maximum is not None else max([4.0, *values]) * 1.1)
    axis_y.setLabelFormat("%d" + suffix)
    axis_y.setLabelsFont(_small(axis_y.labelsFont()))
    chart.addAxis(axis_y, Qt.AlignLeft)
    series.attachAxis(axis_y)
    chart.legend().hide()
    return _view(chart)


def horizontal_bar_chart(title: str, labels: Sequence[str], values: Sequence[int], series_name: str,
                         on_click: Callable[[int], None]) -> QChartView:
    chart = QChart()
    chart.setTitle(title)
    bars = QBarSet(series_name)
    bars.setColor(QColor("#d4a017"))
    bars.append([float(v) for v in values])
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    series.clicked.connect(lambda index, _set: on_click(int(index)))
    chart.addSeries(series)
    axis_y = QBarCategoryAxis()
    axis_y.append(list(labels) or [QCoreApplication.translate("dashboard", "（暂无星级）")])
    axis_y.setLabelsFont(_small(axis_y.labelsFont()))
    # QtCharts elides a category label ("…") whose row is lower than the text: give each star a row
    # of the text's height and some air (ten stars need ~320 px), and let the page scroll instead
    row = QFontMetrics(axis_y.labelsFont()).height() + ROW_AIR
    minimum_height = CHART_FRAME + row * max(len(labels), 1)
    chart.addAxis(axis_y, Qt.AlignLeft)
    series.attachAxis(axis_y)
    axis_x = QValueAxis()
    axis_x.setRange(0, max([4, *values]) * 1.15)
    axis_x.applyNiceNumbers()
    axis_x.setLabelFormat("%d")
    axis_x.setLabelsFont(_small(axis_x.labelsFont()))
    chart.addAxis(axis_x, Qt.AlignBottom)
    series.attachAxis(axis_x)
    chart.legend().hide()
    view = _view(chart)
    view.setMinimumHeight(max(view.minimumHeight(), minimum_height))
    return view


def line_chart(title: str, months: Sequence[str], lines: Sequence[tuple[str, Sequence[int]]],
               on_click: Callable[[int], None]) -> QWidget:
    """One line per category over the months, the legend below them; a click gives the month index."""
    chart = QChart()
    chart.setTitle(title)
    axis_x = QBarCategoryAxis()
    axis_x.append([str(int(m[5:])) for m in months])
    axis_x.setLabelsFont(_small(axis_x.labelsFont()))
    axis_y = QValueAxis()
    axis_y.setLabelFormat("%d")
    axis_y.setLabelsFont(_small(axis_y.labelsFont()))
    chart.addAxis(axis_x, Qt.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignLeft)
    low, high = 0, 1
    for i, (name, points) in enumerate(lines):
        series = QLineSeries()
        series.setName(name)
        series.setPen(QPen(QColor(PALETTE[i % len(PALETTE)]), 2))
        series.setPointsVisible(True)
        for x, y in enumerate(points):
            series.append(QPointF(x, y))
            low, high = min(low, y), max(high, y)
        series.clicked.connect(lambda point: on_click(int(round(point.x()))))
        chart.addSeries(series)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
    axis_y.setRange(low, high * 1.1)
    axis_y.applyNiceNumbers()
    # the legend is a wrapping label below the chart: QtCharts' own legend, beside the lines, narrows the
    # months until "10" "11" "12" read "…", and below them it elides the category names to fit one row
    chart.legend().hide()
    legend = QLabel("&nbsp; ".join(  # a line breaks between the categories, never inside a name (word joiners)
        f"<span style='color:{PALETTE[i % len(PALETTE)]}'>■</span>\u2060&nbsp;\u2060"
        + "\u2060".join(html.escape(c) for c in name) for i, (name, _points) in enumerate(lines)))
    legend.setObjectName("legend")
    legend.setWordWrap(True)
    legend.setFont(_small(legend.font(), 8))
    legend.setStyleSheet("background: white; padding: 0 8px 4px 8px;")
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(_view(chart), 1)
    layout.addWidget(legend)
    return box
