"""The review page, ranking page and household ledger view show what the services hold."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence

from pointsapp.models import EntryStatus, LedgerEntry, Village
from pointsapp.services.scoring import entries
from pointsapp.services.auth import Role
from pointsapp.ui.context import UiContext
from pointsapp.ui.household_ledger_view import Columns as LedgerColumns, HouseholdLedgerView
from pointsapp.ui.review_page import ReviewPage
from pointsapp.ui.signals import ChangeHub
from tests.scoring_helpers import accept_next_message_box, household, make_village, rule


def test_reviewer_approves_selected_entries_from_the_page(qtbot, admin, actor_of):
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED)
    scorer, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    for n in (1, 2):
        entries.add_entry(actor=scorer, household_id=household(village, n).id, rule_id=rule(village, "PA01").id,
                          occurred_on=dt.date(2026, 11, 2), today=dt.date(2026, 11, 20))
    ctx = UiContext(actor=reviewer, hub=ChangeHub(), db_description="test")
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    assert page.pending_model.rowCount() == 2
    assert page.tabs.tabText(0) == "待审核 (2)"
    page.pending_table.selectionModel().select(page.pending_model.index(0, 0),
                                               QItemSelectionModel.Select | QItemSelectionModel.Rows)
    with qtbot.waitSignal(ctx.hub.ledger_changed):
        accept_next_message_box("确定")
        qtbot.mouseClick(page.approve_button, Qt.LeftButton)
    statuses = sorted(e.status for e in LedgerEntry.select())
    assert statuses == [EntryStatus.ENTERED, EntryStatus.REVIEWED]
    assert page.pending_model.rowCount() == 1
    assert "已审核待公示 1 条" in page.notice_label.text()


def test_household_ledger_view_filters_by_period_and_category(qtbot, admin):
    village = make_village(admin)
    h = household(village, 1)
    for code, day in (("PA01", dt.date(2026, 3, 1)), ("HY01", dt.date(2026, 3, 25)), ("PA02", dt.date(2026, 7, 1))):
        entries.add_entry(actor=admin, household_id=h.id, rule_id=rule(village, code).id, occurred_on=day,
                          today=dt.date(2026, 11, 20))
    ctx = UiContext(actor=admin, hub=ChangeHub(), db_description="test")
    view = HouseholdLedgerView(ctx, h.id)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 3
    assert view.model.data(view.model.index(2, LedgerColumns.EARNED)) == "13"
    view.set_filters("2026-Q1", "participation")
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, LedgerColumns.POINTS)) == "+5"
    view.set_filters("2026-Q3")
    assert [view.model.data(view.model.index(r, LedgerColumns.AVAILABLE)) for r in range(view.model.rowCount())] \
        == ["13"]
    assert "期初 累计 10" in view.summary.text()


def test_single_entry_form_is_typed_and_saved_with_enter(qtbot, admin):
    from pointsapp.ui.entry_page import SingleEntryForm

    village = make_village(admin)
    ctx = UiContext(actor=admin, hub=ChangeHub(), db_description="test")
    form = SingleEntryForm(ctx)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.household.edit, "T1002")
    assert "户主2" in form.household.label.text()
    form.rule_box.setCurrentIndex(form.rule_box.findData(rule(village, "PA03").id))
    form.note_edit.insert("修水渠")  # Chinese arrives through the input method, not key codes
    with qtbot.waitSignal(ctx.hub.ledger_changed):
        qtbot.keyClick(form.note_edit, Qt.Key_Return)
    entry = LedgerEntry.get()
    assert (entry.household_id, entry.points, entry.note) == (household(village, 2).id, 10, "修水渠")
    assert form.recent_model.rowCount() == 1 and form.household.edit.text() == ""


def test_the_entry_just_saved_is_undone_after_a_confirmation(qtbot, admin, actor_of):
    from pointsapp.services.scoring.ledger import cached_balance
    from pointsapp.ui.entry_page import SingleEntryForm

    village = make_village(admin)
    clerk = actor_of(Role.SCORER)
    ctx = UiContext(actor=clerk, hub=ChangeHub(), db_description="test")
    form = SingleEntryForm(ctx)
    qtbot.addWidget(form)
    assert form.undo_button.shortcut() == QKeySequence("Alt+Z")  # the button's mnemonic, from the keyboard
    assert not form.undo_button.isEnabled()  # nothing to undo yet
    qtbot.keyClicks(form.household.edit, "T1003")
    form.rule_box.setCurrentIndex(form.rule_box.findData(rule(village, "PA03").id))
    with qtbot.waitSignal(ctx.hub.ledger_changed):
        qtbot.keyClick(form.note_edit, Qt.Key_Return)
    h = household(village, 3)
    assert cached_balance(h.id).earned_total == 10 and form.undo_button.isEnabled()

    accept_next_message_box("取消")  # second thoughts: nothing happens
    form.undo_button.click()
    assert cached_balance(h.id).earned_total == 10 and form.undo_button.isEnabled()

    asked = accept_next_message_box("撤销")
    with qtbot.waitSignal(ctx.hub.ledger_changed):
        form.undo_button.click()
    assert "T1003" in asked[0] and "+10" in asked[0]
    assert cached_balance(h.id).earned_total == 0
    reversal = LedgerEntry.get(LedgerEntry.kind == "reversal")
    assert reversal.created_by_id == clerk.user_id and "已撤销" in form.status.text()
    assert not form.undo_button.isEnabled()
    assert form.recent_model.rowCount() == 1  # the clerk's own entry; the reversal is not an entry they typed
