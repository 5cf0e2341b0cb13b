"""The English build shows no Chinese: every page and the main dialogs, walked widget by widget.

Chinese is the source language; ``resources/translations/pointsapp_en.ts`` holds the English. The database
here is freshly migrated with no demo data, so any Chinese left on screen is an untranslated UI string.
"""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget, QTabWidget, QWidget,
)

from pointsapp.services.ops import users
from pointsapp.ui.app import application, create_main_window
from pointsapp.ui.dashboard_charts import Chart
from pointsapp.ui.dashboard_lists import ListCard
from pointsapp.ui.i18n import LANGUAGES, install_language

CJK = re.compile(r"[\u4e00-\u9fff]")
# Each language is offered under its own name, so "中文" stays Chinese in the English language list.
ENDONYMS = set(LANGUAGES.values())


@pytest.fixture
def english_admin(english, db):
    """The administrator, named in English so the status bar carries no Chinese data."""
    users.ensure_admin(display_name="Admin")
    return users.operator("admin")


def _model_headers(model: QAbstractItemModel | None) -> list[str]:
    if model is None:
        return []
    texts = []
    for section in range(model.columnCount()):
        value = model.headerData(section, Qt.Horizontal, Qt.DisplayRole)
        if isinstance(value, str):
            texts.append(value)
    return texts


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every piece of interface text under ``root``, shown or on a hidden tab."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, kind: str, text: str | None) -> None:
        if text:
            found.append((f"{type(widget).__name__}{'#' + widget.objectName() if widget.objectName() else ''}"
                          f".{kind}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isWindow():
            add(widget, "windowTitle", widget.windowTitle())
        add(widget, "toolTip", widget.toolTip())
        for action in widget.actions():
            add(widget, "action", action.text())
        if isinstance(widget, QLabel):
            add(widget, "text", widget.text())
        elif isinstance(widget, QAbstractButton):
            add(widget, "text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, "tabText", widget.tabText(i))
        elif isinstance(widget, QLineEdit):
            add(widget, "placeholderText", widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, "item", widget.itemText(i))
        if isinstance(widget, Chart):
            add(widget, "chartTitle", widget.title())
        if isinstance(widget, (Chart, ListCard)):  # drawn by us: every text of a paint now
            widget.repaint()
            for text in widget.drawn_texts():
                add(widget, "drawnText", text)
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                add(widget, "item", widget.item(i).text())
        elif isinstance(widget, QAbstractItemView):
            for header in _model_headers(widget.model()):
                add(widget, "header", header)
    return found


def chinese_in(texts: list[tuple[str, str]]) -> list[str]:
    return sorted({f"{where}: {text!r}" for where, text in texts if CJK.search(text) and text not in ENDONYMS})


def test_every_page_of_the_english_build_is_in_english(qtbot, english_admin, db_target):
    window = create_main_window(english_admin, db_target)
    qtbot.addWidget(window)
    window.show()
    texts = []
    for key in window.page_keys():
        page = window.show_page(key)
        if key == "dashboard":  # its figures, charts and lists arrive from a background task
            qtbot.waitUntil(lambda: page.groups_label.text() != "", timeout=20000)
        texts += visible_texts(window)
    nav = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Home" in nav and "Settings" in nav
    untranslated = chinese_in(texts)
    assert not untranslated, "\n".join(untranslated)


def test_the_main_dialogs_of_the_english_build_are_in_english(qtbot, english_admin, db_target):
    from pointsapp.ui.card_reissue_dialog import CardReissueDialog
    from pointsapp.ui.category_dialog import CategoryDialog
    from pointsapp.ui.expiry_tab import ExpiryTab
    from pointsapp.ui.column_mapping_dialog import ColumnMappingDialog
    from pointsapp.ui.connection_dialog import ConnectionDialog
    from pointsapp.ui.household_dialog import HouseholdDialog
    from pointsapp.ui.household_picker import HouseholdPicker
    from pointsapp.ui.import_dialog import ImportDialog
    from pointsapp.ui.product_dialogs import ProductDialog
    from pointsapp.ui.reports_dialog import ReportsDialog
    from pointsapp.ui.signin import SignInDialog
    from pointsapp.ui.star_edit_dialog import StarEditDialog
    from pointsapp.ui.stocktake_dialog import StocktakeDialog
    from pointsapp.ui.user_dialog import NewUserDialog
    from pointsapp.ui.villages_dialog import VillagesDialog

    window = create_main_window(english_admin, db_target)
    qtbot.addWidget(window)
    ctx, actor = window.ctx, english_admin
    dialogs = [
        CardReissueDialog(ctx, []), ColumnMappingDialog([(1, ["A", "B"])], None, None), ConnectionDialog(),
        HouseholdDialog(ctx), HouseholdPicker(actor), ImportDialog(ctx), ProductDialog(ctx),
        ReportsDialog(ctx), SignInDialog(), StarEditDialog({}), StocktakeDialog(ctx), NewUserDialog(ctx),
        VillagesDialog(ctx), CategoryDialog(ctx, 0), ExpiryTab(ctx),
    ]
    problems = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        if isinstance(dialog, ReportsDialog):  # its report is made in the background: let it arrive before teardown
            qtbot.waitUntil(dialog.show_button.isEnabled, timeout=30000)
        problems += chinese_in(visible_texts(dialog))
    assert not problems, "\n".join(problems)


def test_chinese_build_shows_the_source_language(qtbot, db, db_target):
    app = application()
    install_language(app, "zh_CN")
    window = create_main_window(users.ensure_admin(), db_target)
    qtbot.addWidget(window)
    nav = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert nav[0] == "首页" and "设置" in nav
    assert all(CJK.search(title) for title in nav)


def test_the_walker_notices_an_untranslated_string(qtbot, english):
    """The check above can fail: a label that skips tr() is reported."""
    widget = QWidget()
    qtbot.addWidget(widget)
    label = QLabel("未翻译", widget)
    label.setObjectName("raw")
    assert chinese_in(visible_texts(widget)) == ["QLabel#raw.text: '未翻译'"]
