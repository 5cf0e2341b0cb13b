"""The main window opens in Chinese and every navigation entry shows its page."""
from __future__ import annotations

import pytest

from PySide6.QtWidgets import QLabel

from pointsapp.services.auth import Role
from pointsapp.ui.app import application, create_main_window
from pointsapp.ui.pages import PAGES


def test_main_window_shows_chinese_navigation_and_status(qtbot, demo_db, db_target):
    application()
    from pointsapp.services.ops import users

    window = create_main_window(users.ensure_admin(), db_target)
    qtbot.addWidget(window)
    window.show()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["首页", "户籍管理", "积分录入", "活动与评议", "审核公示", "积分超市", "排行榜", "星级评定", "打印", "设置"]
    from pointsapp.db import describe

    assert describe(db_target) in window.db_label.text()
    assert "管理员" in window.user_label.text()
    for key in window.page_keys():
        page = window.show_page(key)
        assert page is window.stack.currentWidget()
        assert page is window.page(key)


def test_cashier_sees_only_what_a_cashier_may_use(qtbot, demo_db, db_target, actor_of):
    application()
    window = create_main_window(actor_of(Role.CASHIER), db_target)
    qtbot.addWidget(window)
    keys = window.page_keys()
    assert "shop" in keys
    assert "entry" not in keys and "review" not in keys and "stars" not in keys
    assert len(keys) < len(PAGES)


@pytest.mark.parametrize("role, page", [(Role.CASHIER, "shop"), (Role.VIEWER, "dashboard"),
                                        (Role.SCORER, "dashboard")])
def test_each_role_opens_on_its_own_page(qtbot, demo_db, db_target, actor_of, role, page):
    application()
    window = create_main_window(actor_of(role), db_target)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.page(page) is not None, timeout=15000)  # built once the window has painted
    assert window.page_keys()[window.nav.currentRow()] == page
    assert window.stack.currentWidget() is window.page(page)


def test_cjk_font_is_registered_with_qt(qtbot):
    app = application()
    from pointsapp.fonts import find_cjk_font

    assert find_cjk_font() is not None, "no CJK TrueType font: install fonts-wqy-microhei"
    label = QLabel("村民积分管理系统")
    qtbot.addWidget(label)
    assert label.fontMetrics().inFontUcs4(ord("村")), app.font().family()
