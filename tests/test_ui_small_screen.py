"""The main window on the smallest screen a village office has (1024×728): every page and every tab of it fits, in Chinese and in English,
the width (a page may scroll down, never push the window wider than the screen)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea, QTabWidget

from pointsapp.services.ops import users
from pointsapp.ui import tasks
from pointsapp.ui.app import application, create_main_window

WIDTH, HEIGHT = 1024, 728


def _too_wide(window) -> list[str]:
    found = []
    for key in window.page_keys():
        page = window.show_page(key)
        tabs = page.findChildren(QTabWidget)
        shown = [(f"{key}/{t.tabText(i)}", t, i) for t in tabs for i in range(t.count())] or [(key, None, 0)]
        for name, tab_widget, i in shown:
            if tab_widget is not None:
                tab_widget.setCurrentIndex(i)
            need = window.minimumSizeHint().width()
            if need > WIDTH or window.width() > WIDTH:
                found.append(f"{name}: {max(need, window.width())} px")
            QApplication.processEvents()  # laid out at this width
            found += [f"{name}: scrolls sideways by {area.horizontalScrollBar().maximum()} px"
                      for area in page.findChildren(QScrollArea) if area.isVisible()
                      and area.horizontalScrollBar().maximum() > 0]
    return found


def _filled(qtbot, window) -> None:
    """Every page shown once and its background reads reported back (the dashboard's figures widen it)."""
    for key in window.page_keys():
        page = window.show_page(key)
        if key == "dashboard":
            qtbot.waitUntil(lambda: page.board is not None, timeout=20_000)
        qtbot.waitUntil(lambda: not tasks.busy(), timeout=20_000)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_page_fits_a_1024_screen(qtbot, demo_db, db_target, language, request):
    if language == "en":
        request.getfixturevalue("english")
    application()
    window = create_main_window(users.ensure_admin(), db_target)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    _filled(qtbot, window)
    assert _too_wide(window) == []
    assert window.width() == WIDTH


def test_the_width_check_can_fail(qtbot, demo_db, db_target):
    application()
    window = create_main_window(users.ensure_admin(), db_target)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.show_page("households").setMinimumWidth(WIDTH)  # with the navigation beside it: too wide
    dashboard = window.show_page("dashboard")
    dashboard.findChildren(QScrollArea)[0].widget().setMinimumWidth(WIDTH)  # wider than the room it scrolls in
    problems = _too_wide(window)
    assert any(problem.startswith("households") for problem in problems)
    assert any(problem.startswith("dashboard: scrolls sideways") for problem in problems)
