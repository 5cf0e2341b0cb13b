"""首页 on the small screens village offices have (1366×728: a 1366×768 laptop less the taskbar; 1024×728): every
star name and month of the charts whole (a chart writes "…" for a label it cannot fit), and a village whose
month is still under review says why its participation bar is small."""
from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QEvent

from pointsapp import clock
from pointsapp.services.ops import users
from pointsapp.ui.context import UiContext
from pointsapp.ui.dashboard_charts import Chart, HorizontalBarChart
from pointsapp.ui.signals import ChangeHub

ELIDED = ("...", "…")


def chart_labels(chart: Chart) -> list[str]:
    """Every text ``chart`` drew in its last paint (axis labels, bar labels, legend, title), as drawn."""
    return chart.drawn_texts()


def shown_charts(page) -> list[Chart]:
    return [c for c in page.findChildren(Chart) if c.isVisible()]


def _dashboard(qtbot, width: int, height: int):
    from pointsapp.ui.app import create_main_window

    window = create_main_window(users.ensure_admin(), "test")
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    page = window.show_page("dashboard")
    qtbot.waitUntil(lambda: page.board is not None and not page._loading, timeout=30000)
    for chart in shown_charts(page):  # drawn with the figures (a paint may be pending)
        chart.repaint()
    qtbot.waitUntil(lambda: len([c for c in shown_charts(page) if c.areas()]) == 3, timeout=5000)
    return window, page


@pytest.mark.parametrize("width", [1366, 1024])
def test_chart_labels_are_whole_on_small_screens(qtbot, demo_db, width, tmp_path):
    window, page = _dashboard(qtbot, width, 728)
    assert window.width() == width  # the dashboard never widens the window
    views = shown_charts(page)
    assert len(views) == 3
    drawn = [label for v in views for label in chart_labels(v)]
    stars = [name for name, _ in page.board.stars]
    assert len(stars) >= 5 and all(name in drawn for name in stars), drawn
    months = [str(int(m[5:])) for m in page.board.months]
    assert all(m in drawn for m in months)
    assert not [label for label in drawn if any(e in label for e in ELIDED)], drawn
    assert page.trend_chart.legend_names() == [c.name for c in page.board.categories]
    assert all(c.name in drawn for c in page.board.categories)  # the legend's names, whole
    window.grab().save(os.path.join(os.environ.get("SHOT_DIR", str(tmp_path)), f"dashboard_{width}.png"))


def test_the_check_for_elided_labels_can_fail(qtbot):
    """Long star names in a chart too narrow for them: the chart elides, and chart_labels sees it."""
    names = [f"第{i}个很长很长很长的星级名称" for i in range(10)]
    chart = HorizontalBarChart()
    chart.set_data("t", names, list(range(10)))
    qtbot.addWidget(chart)
    chart.setMinimumWidth(0)
    chart.resize(210, 400)
    chart.show()
    qtbot.waitUntil(lambda: bool(chart.areas()), timeout=5000)
    drawn = chart_labels(chart)
    assert any(label.endswith("…") for label in drawn) and not any(name in drawn for name in names), drawn
    chart.resize(800, 400)  # wide enough: every name whole
    chart.repaint()
    assert all(name in chart_labels(chart) for name in names)


@pytest.fixture
def two_villages(db):
    from pointsapp import demo

    demo.generate(households=40, villages=2, seed=3)  # the second village reviews its entries first


def test_a_village_whose_month_awaits_review_says_why_its_bar_is_small(qtbot, two_villages, tmp_path):
    from pointsapp.services.reports.dashboard import awaiting_by_group
    from pointsapp.ui.dashboard_page import DashboardPage

    page = DashboardPage(UiContext(users.ensure_admin(), ChangeHub(), "test"))
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    qtbot.waitUntil(lambda: page.board is not None, timeout=30000)
    board = page.board
    assert board.scope.village_id is None and board.awaiting > 0  # the township, this month
    waiting = sum(awaiting_by_group(board.period, board.scope.village_ids).values())
    assert waiting == sum(board.awaiting_groups.values()) > 0
    bars = {label: n for label, _rate, _f, n in page._bars()}
    assert sum(bars.values()) == waiting
    slow = [label for label, n in bars.items() if n]
    qtbot.waitUntil(lambda: any(h.isVisible() for h in page.findChildren(type(page.status_label), "awaitingHint")))
    hint = next(h for h in page.findChildren(type(page.status_label), "awaitingHint") if h.isVisible())
    for label in slow:
        assert f"{label} {bars[label]} 条" in hint.text()
    assert "生效后才计入参与率" in hint.text()
    page.grab().save(os.path.join(os.environ.get("SHOT_DIR", str(tmp_path)), "dashboard_awaiting.png"))


def test_no_hint_when_every_entry_of_the_month_is_in_effect(qtbot, demo_db):
    from pointsapp.models import EntryStatus, LedgerEntry
    from pointsapp.ui.dashboard_page import DashboardPage

    month = clock.today().replace(day=1)
    assert not LedgerEntry.select().where(LedgerEntry.status != EntryStatus.EFFECTIVE,
                                          LedgerEntry.status != EntryStatus.REJECTED,
                                          LedgerEntry.occurred_on >= month).exists()
    page = DashboardPage(UiContext(users.ensure_admin(), ChangeHub(), "test"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.board is not None, timeout=30000)
    assert page.participation_hint() == "" and page.findChild(type(page.status_label), "awaitingHint") is None


def test_the_figures_are_drawn_once_when_they_arrive_and_no_widget_goes_through_style_sheets(qtbot, two_villages):
    """What keeps the first show cheap (bench/cases_pages.py times it): the page is laid out before it is painted
    with its figures, so each chart and list is drawn once, not drawn, moved and drawn again; and no style sheet
    sends the page's widgets through Qt's style-sheet engine. The township of two villages, one of them still
    reviewing its month: the hint under the bars appears with the figures."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QWidget

    from pointsapp.ui.dashboard_page import DashboardPage

    page = DashboardPage(UiContext(users.ensure_admin(), ChangeHub(), "test"))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    drawn: dict[str, int] = {}
    watched = ("participation_chart", "trend_chart", "star_chart", "groups_label", "stock_label")

    class Paints(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.Paint:
                name = obj.objectName()
                drawn[name] = drawn.get(name, 0) + 1
            return False

    counter = Paints()
    for name in watched:
        getattr(page, name).setObjectName(name)
        getattr(page, name).installEventFilter(counter)
    page.loaded.connect(drawn.clear)  # from the moment the figures are set
    page.show()
    qtbot.waitUntil(lambda: page.board is not None and not page._loading, timeout=30000)
    qtbot.wait(200)
    assert page.awaiting_hint is not None and page.awaiting_hint.isVisible()
    assert drawn == {name: 1 for name in watched}
    assert [w for w in page.findChildren(QWidget) if w.styleSheet() and w.objectName() != "awaitingHint"] == []
