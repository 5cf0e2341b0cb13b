"""审核公示 for a village of hundreds of entries: found by household, group or rule as a clerk types; objections
name their household and show only the open ones unless asked; columns sized from the first rows, never fitted
over all of them (827 rows on notice froze the page for 1.5 s)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView

from pointsapp.models import Village
from pointsapp.services.auth import Role
from pointsapp.services.scoring import entries, review
from pointsapp.ui.context import UiContext
from pointsapp.ui.entry_models import Columns
from pointsapp.ui.review_page import ObjectionColumns, ReviewPage
from pointsapp.ui.signals import ChangeHub
from tests.scoring_helpers import household, make_village, rule

TODAY = dt.date(2026, 11, 20)


def _village(admin, actor_of):
    """Two groups; households 1 and 3 in 1组, 2 and 4 in 2组; two rules; entries on notice and awaiting review."""
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED, households=4, groups=2)
    scorer, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    made = {}
    for n in (1, 2, 3, 4):
        for code in ("PA01", "CV06"):
            made[(n, code)] = entries.add_entry(actor=scorer, household_id=household(village, n).id,
                                                rule_id=rule(village, code).id, occurred_on=dt.date(2026, 11, 2),
                                                today=TODAY).id
    on_notice = [made[(1, "PA01")], made[(2, "PA01")], made[(3, "CV06")]]
    review.review(actor=reviewer, entry_ids=on_notice, approve=True)
    review.put_on_notice(actor=reviewer, village_id=village.id, starts_on=dt.date(2026, 11, 3))
    first = review.record_objection(actor=scorer, entry_id=made[(1, "PA01")], raised_by="邻居甲", content="没去",
                                    raised_on=dt.date(2026, 11, 4))
    review.record_objection(actor=scorer, entry_id=made[(3, "CV06")], raised_by="村民乙", content="已和解",
                            raised_on=dt.date(2026, 11, 5))
    review.decide_objection(actor=reviewer, objection_id=first.id, uphold=False, reason="有签到表")
    page = ReviewPage(UiContext(actor=reviewer, hub=ChangeHub(), db_description="test"))
    return village, page


def _column(model, column) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_search_group_and_rule_narrow_both_lists(qtbot, admin, actor_of):
    village, page = _village(admin, actor_of)
    qtbot.addWidget(page)
    page.show()
    assert page.pending_model.rowCount() == 5 and page.notice_model.rowCount() == 3
    page.search.insert("户主2")  # as an input method commits Chinese (QTest cannot type it key by key)
    assert set(_column(page.pending_model, Columns.HEAD)) == {"户主2"}
    assert _column(page.notice_model, Columns.HEAD) == ["户主2"]
    assert page.tabs.tabText(0) == "待审核 (1/5)" and page.tabs.tabText(1) == "公示中 (1/3)"
    page.search.clear()
    page.group_box.setCurrentIndex(page.group_box.findData("1组"))
    assert set(_column(page.pending_model, Columns.GROUP)) == {"1组"} and page.pending_model.rowCount() == 2
    assert set(_column(page.notice_model, Columns.HOUSEHOLD_NO)) == {"T1001", "T1003"}
    title = rule(village, "CV06").title
    page.rule_box.setCurrentIndex(page.rule_box.findData(title))
    assert _column(page.notice_model, Columns.HOUSEHOLD_NO) == ["T1003"]
    assert _column(page.pending_model, Columns.HOUSEHOLD_NO) == ["T1001"]
    page.group_box.setCurrentIndex(0)
    page.rule_box.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "T1004")  # a household number works too
    assert _column(page.pending_model, Columns.HOUSEHOLD_NO) == ["T1004", "T1004"]


def test_objections_name_their_household_and_show_the_open_ones(qtbot, admin, actor_of):
    _village_, page = _village(admin, actor_of)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentIndex(2)
    assert page.open_only.isChecked()
    model = page.objection_model
    assert _column(model, ObjectionColumns.HOUSEHOLD_NO) == ["T1003"]
    assert _column(model, ObjectionColumns.HEAD) == ["户主3"]
    assert page.tabs.tabText(2) == "异议 (1 待处理)"
    qtbot.mouseClick(page.open_only, Qt.LeftButton, pos=QPoint(8, page.open_only.height() // 2))  # its box
    assert _column(model, ObjectionColumns.HOUSEHOLD_NO) == ["T1001", "T1003"]
    page.search.insert("户主1")
    assert _column(model, ObjectionColumns.HEAD) == ["户主1"]


def test_columns_are_sized_from_a_sample_not_fitted_over_every_row(qtbot, admin, actor_of):
    _village_, page = _village(admin, actor_of)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentIndex(1)
    for table in (page.pending_table, page.notice_table):
        header = table.horizontalHeader()
        modes = {header.sectionResizeMode(c) for c in range(header.count())}
        assert QHeaderView.ResizeToContents not in modes
        head = table.fontMetrics().horizontalAdvance("户主2")
        assert table.columnWidth(Columns.HEAD) >= head  # still wide enough for what it holds


def test_a_long_list_makes_the_texts_of_the_rows_drawn_and_measured_only(qtbot, monkeypatch):
    """2,000 rows on notice: a cell's text is made once, for the rows the view draws and the hundred its column
    widths are read from, never for every row (nor again on each paint)."""
    from PySide6.QtWidgets import QApplication

    from pointsapp.services.scoring.entry_lines import EntryLine
    from pointsapp.ui import entry_models
    from pointsapp.ui.column_widths import SAMPLE_ROWS, fit_to_sample
    from pointsapp.ui.entry_models import EntriesModel
    from pointsapp.ui.table_model import table_view

    made = []
    texts = entry_models.texts
    monkeypatch.setattr(entry_models, "texts", lambda row: made.append(row.id) or texts(row))
    model = EntriesModel()
    model.set_rows([EntryLine(n, f"T{n:04d}", f"户主{n}", "1组", TODAY, "参与", "参加义务劳动", 5, "", "公示中", "录入员")
                    for n in range(1, 2001)])
    view = table_view(model, single=False, read_only=True, row_height=24, fit=False)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    fit_to_sample(view)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(3):
        view.viewport().repaint()
        QApplication.processEvents()
    assert model.index(0, Columns.POINTS).data() == "+5" and model.index(1999, Columns.HEAD).data() == "户主2000"
    assert model.index(0, Columns.POINTS).data(Qt.TextAlignmentRole) == int(Qt.AlignRight | Qt.AlignVCenter)
    assert len(made) == len(set(made)) and len(made) <= SAMPLE_ROWS + 30
    assert view.columnWidth(Columns.HEAD) >= view.fontMetrics().horizontalAdvance("户主100")


def test_entries_saved_while_the_page_is_hidden_are_read_when_it_is_shown_again(qtbot, admin, actor_of):
    village, page = _village(admin, actor_of)
    qtbot.addWidget(page)
    page.show()
    assert page.pending_model.rowCount() == 5
    page.hide()
    entries.add_entry(actor=actor_of(Role.SCORER), household_id=household(village, 4).id,
                      rule_id=rule(village, "PA01").id, occurred_on=dt.date(2026, 11, 9), today=TODAY)
    page.ctx.hub.ledger_changed.emit()
    assert page.pending_model.rowCount() == 5  # hidden: not read on every entry saved elsewhere
    page.show()
    assert page.pending_model.rowCount() == 6 and page.tabs.tabText(0) == "待审核 (6)"
