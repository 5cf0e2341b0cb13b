"""Points for a person on screen: the entry form names the member, the household dialog's 成员积分 tab shows each
member's year and the chosen member's history."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt

from pointsapp.models import LedgerEntry
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from tests.scoring_helpers import household, rule
from tests.test_member_points import DAY, _add, family  # noqa: F401  (the fixture)

SHOTS = os.environ.get("POINTSAPP_SHOTS")


def test_the_entry_form_names_the_member_and_the_household_dialog_shows_their_points(qtbot, admin, family):  # noqa: F811
    from pointsapp.ui.entry_page import SingleEntryForm
    from pointsapp.ui.household_dialog import HouseholdDialog

    village, h, head, wife = family
    ctx = UiContext(actor=admin, hub=ChangeHub(), db_description="test")
    form = SingleEntryForm(ctx)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.household.edit, "T1001")
    assert [form.member_box.itemText(i) for i in range(form.member_box.count())] == [
        "（整户）", "欧阳娜娜娜（户主）", "阿依古丽·艾买提（妻子）"]
    form.member_box.setCurrentIndex(form.member_box.findData(wife.id))
    form.rule_box.setCurrentIndex(form.rule_box.findData(rule(village, "VT02").id))
    with qtbot.waitSignal(ctx.hub.ledger_changed):
        form.save()
    assert [(e.rule.code, e.member_id) for e in LedgerEntry.select()] == [("VT02", wife.id)]
    assert form.member_box.count() == 1  # the form is cleared for the next household
    qtbot.keyClicks(form.household.edit, "T1002")
    assert form.member_box.count() == 1  # a household without members on record: the household itself

    _add(admin, village, h, "PT02", head, day=DAY)
    dialog = HouseholdDialog(ctx, household_id=h.id)
    qtbot.addWidget(dialog)
    dialog.resize(900, 600)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.member_points)
    view = dialog.member_points
    view.year_box.setCurrentIndex(view.year_box.findData(2026))
    totals = [[view.totals.data(view.totals.index(r, c)) for c in range(3)] for r in range(view.totals.rowCount())]
    current_year = view.year_box.currentData()
    assert totals == [["欧阳娜娜娜", "户主", "10" if current_year == 2026 else "0"],
                      ["阿依古丽·艾买提", "妻子", "20" if current_year == 2026 else "0"]]
    view.totals_table.selectRow(1)
    assert view.history.rowCount() == 1 and "VT02" in view.history.data(view.history.index(0, 1))
    assert "阿依古丽·艾买提" in view.history_title.text()
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "member-points.png"))
    assert household(village, 2).id != h.id and Qt.AlignRight
