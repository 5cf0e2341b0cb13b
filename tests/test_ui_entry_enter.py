"""单条录入 from the keyboard alone: Enter in the rule box takes the rule typed (its code, or a word of its title)
and moves on; Enter in the date moves to the note; Enter there saves. A rule that does not exist is said so."""
from __future__ import annotations

from PySide6.QtCore import Qt

from pointsapp.models import LedgerEntry
from pointsapp.ui.context import UiContext
from pointsapp.ui.entry_page import SingleEntryForm
from pointsapp.ui.signals import ChangeHub
from tests.scoring_helpers import household, make_village, rule


def _form(qtbot, admin):
    village = make_village(admin)
    ctx = UiContext(actor=admin, hub=ChangeHub(), db_description="test")
    form = SingleEntryForm(ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    return village, ctx, form


def test_enter_runs_through_the_form_from_rule_code_to_saving(qtbot, admin):
    village, ctx, form = _form(qtbot, admin)
    form.household.edit.setFocus()
    qtbot.keyClicks(form.household.edit, "T1002")
    qtbot.keyClick(form.household.edit, Qt.Key_Return)
    assert form.focusWidget() in (form.rule_box, form.rule_box.lineEdit())
    qtbot.keyClicks(form.rule_box.lineEdit(), "pa03")  # a code, typed in lower case
    qtbot.keyClick(form.rule_box.lineEdit(), Qt.Key_Return)
    assert form.rule_box.currentData() == rule(village, "PA03").id
    assert form.focusWidget() is form.date_edit or form.date_edit.isAncestorOf(form.focusWidget())
    qtbot.keyClick(form.focusWidget(), Qt.Key_Return)
    assert form.focusWidget() is form.note_edit
    with qtbot.waitSignal(ctx.hub.ledger_changed):
        qtbot.keyClick(form.note_edit, Qt.Key_Return)
    entry = LedgerEntry.get()
    assert (entry.household_id, entry.rule_id) == (household(village, 2).id, rule(village, "PA03").id)


def test_enter_takes_a_word_of_the_title_and_refuses_an_unknown_rule(qtbot, admin):
    village, _ctx, form = _form(qtbot, admin)
    pa03 = rule(village, "PA03")
    form.rule_box.setFocus()
    form.rule_box.lineEdit().insert(pa03.title[:4])  # a few characters of the name, as the input method gives
    qtbot.keyClick(form.rule_box.lineEdit(), Qt.Key_Return)
    assert form.rule_box.currentData() == pa03.id
    form.rule_box.setFocus()
    form.rule_box.lineEdit().setText("ZZ99")
    qtbot.keyClick(form.rule_box.lineEdit(), Qt.Key_Return)
    assert "没有找到细则“ZZ99”" in form.status.text()
    assert form.focusWidget() in (form.rule_box, form.rule_box.lineEdit())
