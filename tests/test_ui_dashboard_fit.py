"""首页 on the small screens village offices have (1366×728: a 1366×768 laptop less the taskbar; 1024×728): every
star name and month of the charts whole (QtCharts writes "…" for a label it cannot fit), and a village whose
month is still under review says why its participation bar is small."""
from __future__ import annotations

import os

import pytest
from PySide6.QtCharts import QChartView

from pointsapp import clock
from pointsapp.services.ops import users
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub

ELIDED = ("...", "…")


def chart_labels(view: QChartView) -> list[str]:
    """Every text QtCharts draws in ``view`` (axis labels, bar labels, title), as drawn."""
    return [item.toGraphicsObject().toPlainText() for item in view.scene().items()
            if item.type() == 8 and item.toGraphicsObject() is not None]  # 8: QGraphicsTextItem


def _dashboard(qtbot, width: int, height: int):
    from pointsapp.ui.app import create_main_window

    window = create_main_window(users.ensure_admin(), "test")
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    page = window.show_page("dashboard")
    qtbot.waitUntil(lambda: page.board is not None and not page._loading, timeout=30000)
    # a chart added to the shown page shows itself on a later turn of the event loop
    qtbot.waitUntil(lambda: len([v for v in page.findChildren(QChartView) if v.isVisible()]) == 3, timeout=5000)
    qtbot.wait(50)  # and lays its axes out after that
    return window, page


@pytest.mark.parametrize("width", [1366, 1024])
def test_chart_labels_are_whole_on_small_screens(qtbot, demo_db, width, tmp_path):
    window, page = _dashboard(qtbot, width, 728)
    assert window.width() == width  # the dashboard never widens the window
    views = [v for v in page.findChildren(QChartView) if v.isVisible()]
    assert len(views) == 3
    drawn = [label for v in views for label in chart_labels(v)]
    stars = [name for name, _ in page.board.stars]
    assert len(stars) >= 5 and all(name in drawn for name in stars), drawn
    months = [str(int(m[5:])) for m in page.board.months]
    assert all(m in drawn for m in months)
    assert not [label for label in drawn if any(e in label for e in ELIDED)], drawn
    legend = page._chart_holders["categories"].findChild(type(page.status_label), "legend")
    assert all(c.name in legend.text().replace("\u2060", "") for c in page.board.categories)
    window.grab().save(os.path.join(os.environ.get("SHOT_DIR", str(tmp_path)), f"dashboard_{width}.png"))


def test_the_check_for_elided_labels_can_fail(qtbot):
    """Ten stars in a chart too low for them: QtCharts elides, and chart_labels sees it."""
    from pointsapp.ui.dashboard_charts import horizontal_bar_chart

    names = [f"第{i}星" for i in range(10)]
    view = horizontal_bar_chart("t", names, list(range(10)), "n", lambda i: None)
    qtbot.addWidget(view)
    view.setMinimumHeight(0)
    view.resize(400, 200)
    view.show()
    qtbot.wait(50)
    assert "..." in chart_labels(view)


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
