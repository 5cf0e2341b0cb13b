"""The stars page: evaluate, adjust with a reason, publish, apply, edit the scheme, see the summary."""
from __future__ import annotations

from tests.ui_helpers import settle

import subprocess

import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QProgressDialog

from pointsapp import clock
from pointsapp.models import StarAward, StarEvaluation, StarProposal
from pointsapp.services.ops import users
from pointsapp.ui import tasks
from pointsapp.ui.app import application
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from pointsapp.ui.star_adjust_dialog import StarAdjustDialog
from pointsapp.ui.star_edit_dialog import StarEditDialog
from pointsapp.ui.stars_page import StarsPage

H1 = f"{clock.today().year}-H1"


@pytest.fixture
def page(qtbot, demo_db):
    application()
    widget = StarsPage(UiContext(actor=users.ensure_admin(), hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    yield widget
    # let background reads finish before the widgets (their progress dialogs' parents) go away
    qtbot.waitUntil(lambda: not tasks._running, timeout=20000)


def _when_modal(qtbot, act):
    """Run ``act(dialog)`` on the next modal dialog (a real dialog, answered as a user would)."""
    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None or isinstance(dialog, QProgressDialog):  # run_task's "please wait" is not ours
            QTimer.singleShot(20, poll)
        else:
            act(dialog)
    QTimer.singleShot(0, poll)


def _press(dialog, text):
    if isinstance(dialog, QMessageBox):
        next(b for b in dialog.buttons() if b.text() == text).click()


def _evaluate_h1(qtbot, page):
    tab = page.evaluation
    tab.period.setCurrentText(H1)
    qtbot.waitUntil(lambda: tab.status.text() != "" and tab.evaluation is None, timeout=10000)
    qtbot.mouseClick(tab.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.evaluation is not None and tab.model.rowCount() == 60, timeout=20000)
    return tab


def test_page_shows_the_demo_years_applied_evaluation_and_prints_its_plaques(qtbot, page, tmp_path):
    tab = page.evaluation
    qtbot.waitUntil(lambda: tab.model.rowCount() == 60, timeout=10000)
    assert "已授星" in tab.status.text()
    assert not tab.adjust_button.isEnabled() and not tab.publish_button.isEnabled()
    tab.view.selectRow(0)
    assert "需 ≥" in tab.detail.toPlainText()
    assert tab.plaque_button.isEnabled()
    pdf = tmp_path / "plaques.pdf"
    _when_modal(qtbot, lambda info: info.accept())  # "已生成星级牌"
    tab.print_plaques(str(pdf), "A5")
    qtbot.waitUntil(lambda: pdf.exists() and pdf.stat().st_size > 1000 and not tasks._running, timeout=20000)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("星级文明户") == sum(1 for r in tab.model.rows if r.included)
    index = tab.proxy.index(0, 4)
    assert "需 ≥" in tab.proxy.data(index, Qt.ToolTipRole)
    tab.search.setText(tab.model.rows[5].household_no)
    assert tab.proxy.rowCount() == 1
    page.grab().save("/tmp/stars_page.png")


def test_evaluate_adjust_with_reason_publish_and_apply(qtbot, page):
    tab = _evaluate_h1(qtbot, page)
    assert tab.publish_button.isEnabled()
    tab.view.selectRow(0)
    item = tab.selected()
    target = next(i for i in item.items if not i.included)

    def fill(dialog):
        assert isinstance(dialog, StarAdjustDialog)
        dialog.star.setCurrentIndex(dialog.star.findData(target.star_id))
        ok = dialog.buttons.button(QDialogButtonBox.Ok)
        assert dialog.include.isChecked() and not ok.isEnabled()  # no reason, no adjustment
        dialog.reason.setPlainText("村民代表会议评议通过")
        ok.click()

    _when_modal(qtbot, fill)
    tab.adjust_selected()
    settle(qtbot)
    row = StarProposal.get(StarProposal.evaluation == tab.evaluation.id, StarProposal.household == item.household_id,
                           StarProposal.star == target.star_id)
    assert row.included and row.adjust_reason == "村民代表会议评议通过"
    assert "村民代表会议评议通过" in tab.proxy.data(tab.proxy.index(tab.view.currentIndex().row(), 5))

    _when_modal(qtbot, lambda d: _press(d, "确定"))
    tab.publish()
    settle(qtbot)
    qtbot.waitUntil(lambda: tab.evaluation is not None and tab.evaluation.status == "notice", timeout=10000)
    assert "公示期" in tab.status.text()
    expected = sum(len(r.included) for r in tab.model.rows)

    answers = []

    def confirm_then_close(dialog):
        answers.append(dialog.text())
        _press(dialog, "授星")
        _when_modal(qtbot, lambda info: info.accept())  # the "已授星" message

    _when_modal(qtbot, confirm_then_close)
    tab.apply()
    qtbot.waitUntil(lambda: tab.evaluation is not None and tab.evaluation.status == "applied", timeout=20000)
    assert str(expected) in answers[0]
    assert StarAward.select().where(StarAward.period == H1).count() == expected
    assert StarEvaluation.get_by_id(tab.evaluation.id).status == "applied"


def test_scheme_tab_renames_a_star_through_the_edit_dialog(qtbot, page):
    tab = page.scheme
    assert tab.model.rowCount() == 10
    tab.view.selectRow(4)
    assert tab.selected().code == "clean"

    def rename(dialog):
        assert isinstance(dialog, StarEditDialog) and dialog.code.isReadOnly()
        dialog.name.setText("美丽庭院星")
        dialog.min_points.setValue(80)
        dialog.accept()

    _when_modal(qtbot, rename)
    tab.edit_selected()
    settle(qtbot)
    spec = next(s for s in tab.model.rows if s.code == "clean")
    assert spec.name == "美丽庭院星" and spec.criterion.min_points == 80
    assert "≥ 80" in tab.model.data(tab.model.index(4, 4))
    tab.view.selectRow(4)
    tab.move(-1)
    settle(qtbot)
    assert tab.model.rows[3].code == "clean"
    page.tabs.setCurrentWidget(tab)
    page.grab().save("/tmp/stars_scheme.png")


def test_summary_tab_counts_per_group_and_shows_a_households_history(qtbot, page):
    tab = page.summary
    qtbot.waitUntil(lambda: tab.summary_model.rowCount() > 0, timeout=10000)
    total = tab.summary_model.rows[-1]
    assert total.group == "" and total.households == 60
    assert total.stars == StarAward.select().where(StarAward.withdrawn_at.is_null()).count()
    award = StarAward.select().first()
    tab.household_no.setText(award.household.household_no)
    tab.find_household()
    assert tab.history_model.rowCount() == StarAward.select().where(StarAward.household == award.household).count()
    tab.history_view.selectRow(0)
    assert tab.withdraw_button.isEnabled()
    page.tabs.setCurrentWidget(tab)
    page.grab().save("/tmp/stars_summary.png")
