"""积分清零 in settings and 新增类别 in the rules editor: what the office does without the command line."""
from __future__ import annotations

from tests.ui_helpers import settle

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from pointsapp.models import Category, EntryKind, ExpiryRun, LedgerEntry, Village
from pointsapp.services.scoring import entries
from pointsapp.services.auth import Role
from pointsapp.services.scoring.ledger import cached_balance
from pointsapp.ui.category_dialog import CategoryDialog, suggested_code
from pointsapp.ui.context import UiContext
from pointsapp.ui.expiry_tab import ExpiryTab, last_year_end
from pointsapp.ui.rules_editor import RulesEditor
from pointsapp.ui.signals import ChangeHub
from tests.scoring_helpers import accept_next_message_box, household, make_village, rule

TODAY = dt.date(2027, 1, 10)


def _tab(qtbot, actor) -> ExpiryTab:
    tab = ExpiryTab(UiContext(actor=actor, hub=ChangeHub(), db_description="test"), today=TODAY)
    qtbot.addWidget(tab)
    return tab


def _earn(admin, village, n, code, day):
    entries.add_entry(actor=admin, household_id=household(village, n).id, rule_id=rule(village, code).id,
                      occurred_on=day, today=TODAY)


def test_expiry_run_is_previewed_confirmed_then_listed(qtbot, admin):
    village = make_village(admin, households=3)
    _earn(admin, village, 1, "PA03", dt.date(2026, 5, 1))
    _earn(admin, village, 2, "PA01", dt.date(2026, 6, 1))
    _earn(admin, village, 2, "PA01", dt.date(2027, 1, 5))  # after the cutoff: kept
    tab = _tab(qtbot, admin)
    assert tab.cutoff() == last_year_end(TODAY) == dt.date(2026, 12, 31)
    tab.policy_box.setCurrentIndex(tab.policy_box.findData(Village.EXPIRY_YEAR_END))
    accept_next_message_box(QMessageBox.Ok)  # the "saved" note
    tab.policy_button.click()
    settle(qtbot)
    assert Village.get_by_id(village.id).expiry_policy == Village.EXPIRY_YEAR_END

    asked = accept_next_message_box("取消")  # the operator reads the figures and backs out: nothing written
    tab.run_button.click()
    assert "2 户，共 15 分" in asked[0]
    assert ExpiryRun.select().count() == 0 and not LedgerEntry.select().where(LedgerEntry.kind == EntryKind.EXPIRY)

    with qtbot.waitSignal(tab.ctx.hub.ledger_changed, timeout=10000):
        accept_next_message_box("执行清零")
        done = accept_next_message_box(QMessageBox.Ok)
        tab.run_button.click()
    qtbot.waitUntil(lambda: bool(done))
    assert "2 户，共 15 分" in done[0]
    assert (cached_balance(household(village, 1).id).available, cached_balance(household(village, 2).id).available) \
        == (0, 5)
    assert tab.model.rowCount() == 1
    assert [tab.model.data(tab.model.index(0, c)) for c in range(3)] == ["2026-12-31", "2", "15"]


def test_expiry_refusal_is_shown_and_changes_nothing(qtbot, admin):
    make_village(admin, households=2)  # policy stays 不清零
    tab = _tab(qtbot, admin)
    shown = accept_next_message_box(QMessageBox.Ok)
    tab.run_button.click()
    assert shown and "不清零" in shown[0]
    assert ExpiryRun.select().count() == 0 and LedgerEntry.select().count() == 0


def test_cutoff_cannot_be_picked_in_the_future(qtbot, admin):
    make_village(admin)
    tab = _tab(qtbot, admin)
    tab.cutoff_edit.setDate(QDate(2030, 1, 1))
    assert tab.cutoff() == TODAY


def test_roles_without_the_permission_see_the_buttons_disabled(qtbot, admin, actor_of):
    make_village(admin)
    tab = _tab(qtbot, actor_of(Role.REVIEWER))
    assert not tab.run_button.isEnabled() and not tab.policy_button.isEnabled()


def test_new_category_gets_a_pinyin_code_and_appears_in_the_rule_dialog(qtbot, admin):
    village = make_village(admin)
    ctx = UiContext(actor=admin, hub=ChangeHub(), db_description="test")
    editor = RulesEditor(ctx)
    qtbot.addWidget(editor)
    dialog = CategoryDialog(ctx, village.id, editor)
    qtbot.addWidget(dialog)
    typed = QInputMethodEvent()  # Chinese arrives from the input method, not as key presses
    typed.setCommitString("平安建设")
    QApplication.sendEvent(dialog.name_edit, typed)
    assert dialog.code_edit.text() == suggested_code("平安建设") == "pinganjianshe"
    with qtbot.waitSignal(ctx.hub.rules_changed):
        dialog.save()
    assert Category.get(Category.village == village.id, Category.code == "pinganjianshe").name == "平安建设"

    from pointsapp.ui.rule_dialog import RuleDialog
    rule_dialog = RuleDialog(ctx, village.id, None, editor)
    qtbot.addWidget(rule_dialog)
    names = [rule_dialog.category_box.itemText(i) for i in range(rule_dialog.category_box.count())]
    assert names[-1] == "平安建设"


def test_a_bad_or_duplicate_category_code_is_refused_and_nothing_is_added(qtbot, admin):
    village = make_village(admin)
    before = Category.select().count()
    ctx = UiContext(actor=admin, hub=ChangeHub(), db_description="test")
    dialog = CategoryDialog(ctx, village.id)
    qtbot.addWidget(dialog)
    existing = Category.select().where(Category.village == village.id).first().code
    for code in ("平安", "has space", existing):
        dialog.name_edit.setText("平安建设")
        dialog.code_edit.setText(code)
        shown = accept_next_message_box(QMessageBox.Ok)
        dialog.save()
        settle(qtbot)
        assert dialog.category is None and shown, code
    assert Category.select().count() == before
