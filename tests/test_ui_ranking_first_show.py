"""The 排行榜 page's first show (issue 23, timed by bench/cases_pages.py): the table is drawn once when the ranking
comes, with the columns it had while the ranking was read, and the cells say what the service says."""
from __future__ import annotations

from PySide6.QtCore import Qt

from pointsapp import clock
from pointsapp.services import periods
from pointsapp.services.scoring import rankings
from pointsapp.ui.app import application
from pointsapp.ui.household_ledger_view import period_choices
from pointsapp.ui.ranking_page import RankingPage
from tests.ui_helpers import Paints, ctx_of, settle


def test_the_ranking_is_drawn_once_when_it_comes_with_the_columns_it_was_read_with(qtbot, demo_db, admin):
    application()
    page = RankingPage(ctx_of(admin))
    qtbot.addWidget(page)
    paints = Paints(page.table)
    columns_while_reading = [page.model.headerData(c, Qt.Horizontal) for c in range(page.model.columnCount())]
    page.resize(1280, 760)
    page.show()
    settle(qtbot)
    qtbot.wait(100)  # anything queued for after the first paint has run by now
    model = page.model
    assert model.rowCount() == 60 and model.rowCount() * 24 > page.table.viewport().height()  # it scrolls
    assert [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())] == columns_while_reading
    assert len(columns_while_reading) > 9  # the categories' columns were there from the start
    assert paints.count == 1
    assert page.table.verticalScrollBar().isVisible()

    period = periods.parse(period_choices(clock.today())[1][1])
    expected = rankings.ranking(actor=admin, period=period, village_id=page.scope_box.currentData()[0])
    codes = [code for code, _name in expected.categories]
    for r in (0, 1, len(expected.rows) - 1):
        row = expected.rows[r]
        shown = [model.data(model.index(r, c)) for c in range(model.columnCount())]
        assert shown == [str(row.rank), row.household_no, row.head_name, row.village, row.group,
                         *[str(row.by_category[code]) for code in codes], str(row.total), str(row.awards),
                         str(-row.deductions), rankings.stars_text(row.stars)]
    assert model.data(model.index(0, 0), Qt.TextAlignmentRole) == int(Qt.AlignRight | Qt.AlignVCenter)
    assert model.data(model.index(0, 1), Qt.TextAlignmentRole) is None
    assert model.data(model.index(0, 1), Qt.ToolTipRole) is None


def test_a_short_ranking_has_no_scroll_bar_and_a_long_one_brings_it_back(qtbot, demo_db, admin):
    application()
    page = RankingPage(ctx_of(admin))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    settle(qtbot)
    for index in range(1, page.tag_box.count()):  # the households of one tag (党员户 …): a few
        page.tag_box.setCurrentIndex(index)
        settle(qtbot)
        if page.model.rowCount():
            break
    qtbot.wait(50)
    assert 0 < page.model.rowCount() and page.model.rowCount() * 24 < page.table.viewport().height()
    assert not page.table.verticalScrollBar().isVisible()
    page.tag_box.setCurrentIndex(0)  # every household again
    settle(qtbot)
    qtbot.wait(50)
    assert page.model.rowCount() == 60 and page.table.verticalScrollBar().isVisible()
