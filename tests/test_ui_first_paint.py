"""Start-up: the window appears first, then the current page is built and fills itself in."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from pointsapp.services.ops import users
from pointsapp.ui.app import application, create_main_window
from pointsapp.ui.context import UiContext
from pointsapp.ui.first_paint import after_first_paint
from pointsapp.ui.signals import ChangeHub


def test_work_waits_for_the_first_paint_and_runs_once(qtbot):
    application()
    label = QLabel("村民积分")
    qtbot.addWidget(label)
    calls = []
    after_first_paint(label, lambda: calls.append(1))
    QApplication.processEvents()
    assert calls == []  # never painted: nothing ran
    label.show()
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)
    label.repaint()
    label.update()
    qtbot.wait(50)
    assert calls == [1]


def test_work_of_a_widget_closed_before_its_paint_never_runs(qtbot):
    application()
    label = QLabel("村民积分")
    calls = []
    after_first_paint(label, lambda: calls.append(1))
    label.deleteLater()
    qtbot.wait(50)
    assert calls == []


def test_main_window_appears_before_its_first_page_is_built_then_the_dashboard_fills_in(qtbot, demo_db, db_target):
    application()
    window = create_main_window(users.ensure_admin(), db_target)
    qtbot.addWidget(window)
    assert window.page("dashboard") is None  # nothing of the page before the window is on screen
    window.show()
    qtbot.waitUntil(lambda: window.page("dashboard") is not None, timeout=10000)
    page = window.page("dashboard")
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.board is not None, timeout=30000)
    assert page.tiles["households"].value_label.text() == f"{page.board.households:,}"
    assert page.village_combo.count() == 1 + 1  # 全镇 and the demo's one village, read after the paint


def test_dashboard_reads_nothing_until_it_is_painted(qtbot, demo_db):
    from pointsapp.ui.dashboard_page import DashboardPage

    application()
    page = DashboardPage(UiContext(users.ensure_admin(), ChangeHub(), "test"))
    qtbot.addWidget(page)
    qtbot.wait(50)
    assert page.village_combo.count() == 1 and page.board is None
    page.show()
    qtbot.waitUntil(lambda: page.board is not None, timeout=30000)
    assert page.village_combo.count() == 2
