"""What keeps the pages instant at township size (issue 23; timed by bench/cases_pages.py): a page's first show
builds only the tab on top, and list columns are sized from a sample of rows, never from every row."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP

from pointsapp.ui.app import application
from pointsapp.ui.entry_page import EntryPage
from pointsapp.ui.shop_page import ShopPage
from pointsapp.ui.stars_page import StarsPage
from pointsapp.ui.table_model import DISPLAY, ListTableModel, TableColumns, table_view
from tests.ui_helpers import ctx_of, settle


@pytest.mark.parametrize("page_class, first, later", [
    (EntryPage, "single", {"batch": 1, "rules_editor": 2}),
    (ShopPage, "cashier", {"products": 1, "close_tab": 2}),
    (StarsPage, "evaluation", {"scheme": 1, "summary": 2}),
])
def test_a_page_builds_its_other_tabs_when_they_are_opened(qtbot, demo_db, admin, page_class, first, later):
    application()
    page = page_class(ctx_of(admin))
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    settle(qtbot)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    keys = list(page.tabs._stand_ins)  # the tabs not built yet
    assert len(keys) == len(later) and page.tabs.widget(0) is getattr(page, first)
    for attribute, index in later.items():
        stand_in = page.tabs.widget(index)
        page.tabs.setCurrentIndex(index)  # the user opens the tab: its real widget takes the stand-in's place
        built = page.tabs.widget(index)
        assert built is not stand_in and built is getattr(page, attribute) and built.isVisible()
        assert page.tabs.currentIndex() == index
        settle(qtbot)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == titles
    assert not page.tabs._stand_ins


def test_asking_for_a_tab_builds_it_in_place_without_switching_to_it(qtbot, demo_db, admin):
    application()
    page = ShopPage(ctx_of(admin))
    qtbot.addWidget(page)
    page.show()
    assert not page.tabs.is_built("close")
    close_tab = page.close_tab
    assert page.tabs.is_built("close") and page.tabs.indexOf(close_tab) == 2 and page.tabs.currentIndex() == 0
    assert page.close_tab is close_tab  # once
    settle(qtbot)


class Columns(TableColumns):
    NAME = QT_TRANSLATE_NOOP("columns", "名称")
    NOTE = QT_TRANSLATE_NOOP("columns", "说明")


@dataclass
class Row:
    name: str
    note: str


class Model(ListTableModel):
    columns = Columns

    def __init__(self):
        super().__init__()
        self.asked = 0

    def cell(self, row, column, role):
        self.asked += 1
        if role == DISPLAY:
            return row.name if column == Columns.NAME else row.note
        return None


def test_list_columns_are_sized_from_the_first_rows_not_every_row(qtbot):
    application()
    model = Model()
    view = table_view(model, stretch=None)  # fitted to its contents (fit=True), no column stretched
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    rows = [Row("张三", "短") for _ in range(5000)]
    rows[3] = Row("欧阳" * 6, "短")  # among the first rows: the column grows to it
    rows[4000] = Row("张", "很长的说明" * 3)  # far down: not asked for, elided when scrolled to
    model.set_rows(rows)
    qtbot.wait(50)
    metrics = view.fontMetrics()
    assert view.columnWidth(0) >= metrics.horizontalAdvance("欧阳" * 6)
    assert view.columnWidth(1) < metrics.horizontalAdvance("很长的说明" * 3)
    # a sample and the visible rows, not 5,000 rows × their roles (resize-to-contents asked every cell)
    assert model.asked < 5000
    # new rows: sized again from their own first rows
    model.set_rows([Row("张", "新的一行很长的说明" * 2)] + rows[1:])
    assert view.columnWidth(1) >= metrics.horizontalAdvance("新的一行很长的说明" * 2)
