"""The 户籍管理 page's first show (issue 23, timed by bench/cases_pages.py): the list is drawn once when the rows
come, a search that leaves a few shows no scroll bar, and what each cell answers is what the model's rows say."""
from __future__ import annotations

from PySide6.QtCore import Qt

from pointsapp.models import Household
from pointsapp.services.changes import Changes
from pointsapp.services.register import households
from pointsapp.ui.app import application
from pointsapp.ui.household_model import HOUSEHOLD_ID_ROLE, Column
from pointsapp.ui.households_page import HouseholdsPage
from tests.ui_helpers import Paints, ctx_of, settle

ROLES = (Qt.DisplayRole, Qt.DecorationRole, Qt.FontRole, Qt.TextAlignmentRole, Qt.BackgroundRole,
         Qt.ForegroundRole, Qt.CheckStateRole, Qt.ToolTipRole, HOUSEHOLD_ID_ROLE)


def test_the_list_is_drawn_once_when_the_households_come(qtbot, demo_db, admin):
    application()
    page = HouseholdsPage(ctx_of(admin))
    qtbot.addWidget(page)
    paints = Paints(page.table)
    page.resize(1280, 760)
    page.show()
    qtbot.waitUntil(lambda: page.model.total == 60, timeout=10000)
    settle(qtbot)
    qtbot.wait(100)  # anything queued for after the first paint has run by now
    assert page.model.rowCount() * 26 > page.table.viewport().height()  # it scrolls
    assert paints.count == 1
    assert page.table.verticalScrollBar().isVisible()
    qtbot.keyClicks(page.search, "01001")  # one household found: no scroll bar beside it
    qtbot.wait(50)
    assert page.model.rowCount() == 1 and not page.table.verticalScrollBar().isVisible()
    page.search.clear()
    qtbot.wait(50)
    assert page.model.rowCount() == 60 and page.table.verticalScrollBar().isVisible()


def test_each_cell_answers_what_the_households_row_says_archived_ones_in_grey(qtbot, demo_db, admin):
    application()
    first = Household.select().order_by(Household.household_no).first()
    households.archive_household(actor=admin, household_id=first.id)
    page = HouseholdsPage(ctx_of(admin))
    qtbot.addWidget(page)
    page.show()
    page.show_archived.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 60, timeout=10000)
    model = page.model
    archived = model.row_of(first.id)
    for r in (0, 1, archived, model.rowCount() - 1):
        household = model.row(r)
        for column in Column:
            index = model.index(r, column)
            for role in ROLES:
                assert model.data(index, role) == model.cell(household, column, role), (r, column, role)
        assert model.data(model.index(r, Column.NUMBER)) == household.household_no
        assert model.data(model.index(r, Column.EARNED)) == household.earned
        assert model.data(model.index(r, Column.NUMBER), HOUSEHOLD_ID_ROLE) == household.id
    assert model.data(model.index(archived, Column.HEAD), Qt.ForegroundRole) is not None
    assert model.data(model.index(archived, Column.STATUS)) == "已归档"
    assert model.data(model.index(0 if archived else 1, Column.HEAD), Qt.ForegroundRole) is None
    assert model.data(model.index(0, Column.EARNED), Qt.TextAlignmentRole) == int(Qt.AlignRight | Qt.AlignVCenter)
    # sorted by another column, the cells follow their rows
    page.table.sortByColumn(Column.EARNED, Qt.DescendingOrder)
    earned = [model.data(model.index(r, Column.EARNED)) for r in range(model.rowCount())]
    assert earned == sorted(earned, reverse=True)
    assert [model.data(model.index(r, Column.NUMBER)) for r in range(3)] == [model.row(r).household_no
                                                                              for r in range(3)]
    # a reload after a change shows the new rows' values, not the ones made for the old rows
    households.unarchive_household(actor=admin, household_id=first.id)
    page.ctx.hub.broadcast(Changes.HOUSEHOLDS)
    qtbot.waitUntil(lambda: model.data(model.index(model.row_of(first.id), Column.STATUS)) == "正常", timeout=10000)
