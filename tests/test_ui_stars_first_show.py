"""The 星级评定 page's first show (issue 23, timed by bench/cases_pages.py): the page is drawn in full once, its
table once when the evaluation comes, and the lines say what the service's listing says."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt

from pointsapp.services.register import choices
from pointsapp.services.stars import evaluation as stars
from pointsapp.ui.app import application
from pointsapp.ui.star_evaluation_tab import period_choices
from pointsapp.ui.stars_page import StarsPage
from tests.ui_helpers import Paints, ctx_of, settle


class WholePaints(QObject):
    """Counts the paints of the whole of a widget (a part of it redrawn, e.g. a button enabled, is not one)."""

    def __init__(self, widget):
        super().__init__(widget)
        self.widget, self.count = widget, 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Paint and event.rect().contains(self.widget.rect()):
            self.count += 1
        return False


def test_the_evaluation_is_drawn_once_when_it_comes_and_the_page_once_in_all(qtbot, demo_db, admin):
    application()
    page = StarsPage(ctx_of(admin))
    qtbot.addWidget(page)
    tab = page.evaluation
    table, tabs = Paints(tab.view), WholePaints(page.tabs)
    page.resize(1280, 760)
    page.show()
    settle(qtbot)
    qtbot.wait(100)  # anything queued for after the first paint has run by now
    model = tab.model
    assert model.rowCount() == 60 and model.rowCount() * 24 > tab.view.viewport().height()  # it scrolls
    # the table drawn once with its rows (a column stretched on the header's timer drew it again), the tabs once
    # in all (each layout request of the page redrew the whole tab widget: three times)
    assert table.count == 1
    assert tabs.count == 1
    assert "已授星" in tab.status.text()

    village = choices.villages(actor=admin)[0]
    shown = stars.shown_evaluation(actor=admin, village_id=village.id, period=period_choices()[0])
    assert [r.household_no for r in model.rows] == [r.household_no for r in shown.rows]
    for r in (0, 1, len(shown.rows) - 1):
        row = shown.rows[r]
        texts = [model.data(model.index(r, c)) for c in range(model.columnCount())]
        assert texts[:5] == [row.household_no, row.head_name, row.group, len(row.included),
                             "、".join(row.included) or "（无）"]
    assert model.data(model.index(0, 3), Qt.TextAlignmentRole) == int(Qt.AlignCenter)
    assert model.data(model.index(0, 0), Qt.ToolTipRole) is None
    # the figures behind a line are read when they are asked for: the tooltip and the detail pane explain them
    assert "需 ≥" in model.data(model.index(0, 4), Qt.ToolTipRole)
    tab.view.selectRow(0)
    assert tab.detail.toPlainText().startswith(f"{model.rows[0].household_no} {model.rows[0].head_name}\n")
    assert "需 ≥" in tab.detail.toPlainText()
